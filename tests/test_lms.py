"""The LMS export (``make lms``): both files parse, hold every question and
every feedback text, and give each answer the verdict the book gives.

The expected counts and texts are read from the sources themselves (the quiz
files and ``questions.yaml``); the verdicts come from ``feedback.check`` for
the exercises and from a re-reading of jupyterquiz's rules for the quizzes.
Each exported file is then *run*: a small evaluator of QTI 1.2 response
processing and one of Moodle's answer matching submit answers taken from the
file itself and compare what it would show with what the book shows.
"""

from __future__ import annotations

import html
import json
import math
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import yaml

from palace_coup import feedback, lms
from palace_coup.lms import moodle, qti
from palace_coup.lms.items import Bank, Option, Question, Response, inline

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "src" / "palace_coup" / "data"
Q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
GRADED = {"number", "integer", "calendar_month", "choice", "choices"}
TAGS = re.compile(r"<[^>]+>")
ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")


def _plain(text: str) -> str:
    """Text without markup or whitespace, for comparing source with export."""
    text = ROLE.sub(r"\1", html.unescape(TAGS.sub("", text)))
    return "".join(text.replace("`", "").replace("*", "").split())


def source_quizzes() -> dict[str, list[dict]]:
    return {
        path.stem: json.loads(path.read_text(encoding="utf-8"))
        for path in sorted((DATA / "quizzes").glob("*.json"))
    }


def source_exercises() -> dict[str, list[dict]]:
    bank = yaml.safe_load((DATA / "questions.yaml").read_text(encoding="utf-8"))
    found: dict[str, list[dict]] = {name: [] for name in bank["exercises"]}
    for entry in bank["questions"]:
        if entry["kind"] in GRADED:
            # The texts as a student reads them: model numbers filled in.
            found[entry["exercise"]].append(feedback._entry(entry["id"]))
    return found


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict:
    folder = tmp_path_factory.mktemp("lms")
    paths = lms.write(folder, ROOT, "https://example.org/book/")
    with zipfile.ZipFile(paths["qti"]) as archive:
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        files = [
            resource.find(f"{CP}file").get("href")
            for resource in manifest.iter(f"{CP}resource")
            if resource.get("type") == "imsqti_xmlv1p2"
        ]
        assessments = {
            name.split("/")[0]: ET.fromstring(archive.read(name)) for name in files
        }
    categories: dict[str, list[ET.Element]] = {}
    for question in ET.parse(paths["moodle"]).getroot():
        if question.get("type") == "category":
            current = question.findtext("category/text").rsplit("/", 1)[-1]
            categories[current] = []
        else:
            categories[current].append(question)
    return {"qti": assessments, "moodle": categories}


def _bank_titles() -> dict[str, str]:
    titles = {f"exercise-{k}": v for k, v in feedback.exercises().items()}
    for name in source_quizzes():
        notebook = next(ROOT.glob(f"book/*/{name}.ipynb"))
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        heading = next(
            line
            for cell in cells
            if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines()
            if line.startswith("# ")
        )
        titles[f"quiz-{name}"] = heading[2:].strip()
    return titles


def test_both_files_hold_every_question_one_bank_per_chapter(exported) -> None:
    expected = {f"quiz-{k}": len(v) for k, v in source_quizzes().items()}
    expected |= {f"exercise-{k}": len(v) for k, v in source_exercises().items()}
    assert sum(expected.values()) >= 80
    found = {k: len(list(v.iter(f"{Q}item"))) for k, v in exported["qti"].items()}
    assert found == expected
    titles = _bank_titles()
    in_moodle = {title: len(items) for title, items in exported["moodle"].items()}
    assert in_moodle == {titles[bank]: count for bank, count in expected.items()}


def _qti_item(exported: dict, bank: str, number: int) -> ET.Element:
    return list(exported["qti"][bank].iter(f"{Q}item"))[number]


def _qti_texts(item: ET.Element) -> str:
    return "".join(_plain(m.text or "") for m in item.iter(f"{Q}mattext"))


def _moodle_texts(question: ET.Element) -> str:
    return "".join(_plain(t.text or "") for t in question.iter("text"))


def test_every_feedback_text_is_kept(exported) -> None:
    titles, checked = _bank_titles(), 0
    for name, questions in source_quizzes().items():
        moodle_bank = exported["moodle"][titles[f"quiz-{name}"]]
        for number, question in enumerate(questions):
            texts = [a["feedback"] for a in question["answers"] if a.get("feedback")]
            for target in (
                _qti_texts(_qti_item(exported, f"quiz-{name}", number)),
                _moodle_texts(moodle_bank[number]),
            ):
                for text in texts:
                    assert _plain(text) in target, f"{name} {number}: {text!r}"
                    checked += 1
    for name, entries in source_exercises().items():
        moodle_bank = exported["moodle"][feedback.exercises()[name]]
        for number, entry in enumerate(entries):
            texts = [rule["message"] for rule in entry.get("wrong", [])]
            texts += [entry["explain"], entry["prompt"]]
            for target in (
                _qti_texts(_qti_item(exported, f"exercise-{name}", number)),
                _moodle_texts(moodle_bank[number]),
            ):
                for text in texts:
                    assert _plain(text) in target, f"{entry['id']}: {text!r}"
                    checked += 1
    assert checked >= 400


# -- Running the QTI file ----------------------------------------------------


def _holds(node: ET.Element, answer: str | set[str]) -> bool:
    tag = node.tag.removeprefix(Q)
    if tag in ("conditionvar", "and"):
        return all(_holds(child, answer) for child in node)
    if tag == "or":
        return any(_holds(child, answer) for child in node)
    if tag == "not":
        return not _holds(node[0], answer)
    if tag == "other":
        return True
    if tag == "varequal":
        return node.text in answer if isinstance(answer, set) else node.text == answer
    value = float(answer)
    return value >= float(node.text) if tag == "vargte" else value <= float(node.text)


def run_qti(item: ET.Element, answer: str | set[str]) -> tuple[bool, str]:
    """Return (right, feedback shown) for an answer, as QTI 1.2 processes it."""
    score, shown = 0, []
    for condition in item.iter(f"{Q}respcondition"):
        if not _holds(condition.find(f"{Q}conditionvar"), answer):
            continue
        score = 100 if condition.find(f"{Q}setvar") is not None else score
        shown += [d.get("linkrefid") for d in condition.iter(f"{Q}displayfeedback")]
        if condition.get("continue") == "No":
            break
    texts = {fb.get("ident"): _qti_texts(fb) for fb in item.iter(f"{Q}itemfeedback")}
    return score == 100, "|".join(texts.get(ident, "") for ident in shown)


def _qti_answers(item: ET.Element) -> list[str | set[str]]:
    """Answers to try, taken from the item: one per condition or option."""
    options = [label.get("ident") for label in item.iter(f"{Q}response_label")]
    if item.find(f".//{Q}response_lid[@rcardinality='Multiple']") is not None:
        right = [v.text for v in item.findall(f".//{Q}and/{Q}varequal")]
        return (
            [set(right)]
            + [set(right) | {o} for o in options]
            + [set(right) - {o} for o in right]
        )
    if item.find(f".//{Q}response_lid") is not None:
        return options
    answers: list[str | set[str]] = []
    for condition in item.iter(f"{Q}conditionvar"):
        low, high = condition.find(f"{Q}vargte"), condition.find(f"{Q}varlte")
        if low is not None:
            answers.append(repr((float(low.text) + float(high.text)) / 2))
        elif (equal := condition.find(f"{Q}varequal")) is not None:
            answers.append(equal.text)
    return answers


def _python_answer(entry: dict, answer: str | set[str]) -> object:
    if entry["kind"] in ("number", "integer"):
        value = float(answer)
        return (
            int(value) if entry["kind"] == "integer" and value.is_integer() else value
        )
    return answer


def _book_verdict(entry: dict, answer: str | set[str]) -> tuple[bool, str | None]:
    """What the book says: right, and the targeted message if one fired."""
    result = feedback.check(entry["id"], _python_answer(entry, answer))
    targeted = [r["message"] for r in entry.get("wrong", [])]
    fired = next((m for m in targeted if _plain(m) in _plain(result.message)), None)
    return result.correct, fired


def test_qti_gives_each_answer_the_books_verdict(exported) -> None:
    tried = 0
    for name, entries in source_exercises().items():
        for number, entry in enumerate(entries):
            item = _qti_item(exported, f"exercise-{name}", number)
            for answer in _qti_answers(item):
                right, message = _book_verdict(entry, answer)
                got_right, shown = run_qti(item, answer)
                assert got_right == right, (entry["id"], answer)
                if message:
                    assert _plain(message) in shown, (entry["id"], answer, message)
                tried += 1
    assert tried >= 150


# -- Running the Moodle file ---------------------------------------------------


def run_moodle(question: ET.Element, answer: str | set[str]) -> tuple[bool, str]:
    """Return (right, feedback shown), matching answers as Moodle does."""
    answers = question.findall("answer")
    kind = question.get("type")
    if kind == "multichoice" and question.findtext("single") == "false":
        chosen = [a for a in answers if a.findtext("text") in answer]
        total = sum(float(a.get("fraction")) for a in chosen)
        right = total >= 99.99
        tag = "correctfeedback" if right else "incorrectfeedback"
        shown = [_moodle_texts(a.find("feedback")) for a in chosen]
        return right, "|".join([*shown, _moodle_texts(question.find(tag))])
    for candidate in answers:
        text = candidate.findtext("text")
        if kind == "numerical" and text != "*":
            tolerance = float(candidate.findtext("tolerance"))
            matches = abs(float(answer) - float(text)) <= tolerance + 1e-12
        else:
            matches = text in ("*", answer)
        if matches:
            right = float(candidate.get("fraction")) == 100
            return right, _moodle_texts(candidate.find("feedback"))
    return False, ""


def test_moodle_gives_each_answer_the_books_verdict(exported) -> None:
    tried = 0
    for name, entries in source_exercises().items():
        moodle_bank = exported["moodle"][feedback.exercises()[name]]
        for number, entry in enumerate(entries):
            item = _qti_item(exported, f"exercise-{name}", number)
            question = moodle_bank[number]
            labels = {
                label.get("ident"): label.find(f".//{Q}mattext").text
                for label in item.iter(f"{Q}response_label")
                if label.find(f".//{Q}mattext") is not None
            }
            for answer in _qti_answers(item):
                right, message = _book_verdict(entry, answer)
                shown_as = answer
                if labels:  # Moodle knows options by their text
                    picked = answer if isinstance(answer, set) else {answer}
                    shown_as = {labels[o] for o in picked}
                    shown_as = shown_as if isinstance(answer, set) else labels[answer]
                got_right, shown = run_moodle(question, shown_as)
                assert got_right == right, (entry["id"], answer)
                if message:
                    assert _plain(message) in shown, (entry["id"], answer, message)
                tried += 1
    assert tried >= 150


def _jupyterquiz(question: dict, value: float) -> dict | None:
    """jupyterquiz's numeric rule: the first answer, in order, that matches."""
    precision = question.get("precision")

    def rounded(x: float) -> float:
        return float(f"{x:.{precision}g}") if precision else x

    for answer in question["answers"]:
        if "value" in answer and rounded(value) == rounded(answer["value"]):
            return answer
        if (
            "range" in answer
            and answer["range"][0] <= rounded(value) < answer["range"][1]
        ):
            return answer
    return next((a for a in question["answers"] if a.get("type") == "default"), None)


def test_quiz_answers_get_their_feedback_in_both_files(exported) -> None:
    titles, tried = _bank_titles(), 0
    for name, questions in source_quizzes().items():
        for number, question in enumerate(questions):
            item = _qti_item(exported, f"quiz-{name}", number)
            in_moodle = exported["moodle"][titles[f"quiz-{name}"]][number]
            if question["type"] == "numeric":
                tries = [a["value"] for a in question["answers"] if "value" in a]
                tries += [
                    sum(a["range"]) / 2 for a in question["answers"] if "range" in a
                ]
                tries.append(-12345.5)  # matches no answer: the default feedback
                for value in tries:
                    answer = _jupyterquiz(question, value)
                    for right, shown in (
                        run_qti(item, repr(float(value))),
                        run_moodle(in_moodle, repr(float(value))),
                    ):
                        assert right == bool(answer and answer.get("correct")), (
                            name,
                            value,
                        )
                        if answer and answer.get("feedback"):
                            assert _plain(answer["feedback"]) in shown, (name, value)
                    tried += 1
                continue
            for index, answer in enumerate(question["answers"], 1):
                right, shown = run_qti(
                    item,
                    {f"a{index}"} if question["type"] == "many_choice" else f"a{index}",
                )
                if question["type"] == "multiple_choice":
                    assert right == answer["correct"], (name, number, index)
                assert _plain(answer["feedback"]) in shown, (name, number, index)
                tried += 1
    assert tried >= 140


def test_question_text_is_data_never_markup(tmp_path: Path) -> None:
    hostile = 'A </mattext><script>alert("x")</script> & ]]> <![CDATA[ q'
    question = Question(
        ident="x.1",
        title=hostile,
        text=inline(hostile),
        kind="single",
        responses=(Response("chosen", True, inline(hostile), "a"),),
        correct_feedback=inline(hostile),
        incorrect_feedback="Not yet.",
        options=(Option("a", inline(hostile)), Option("b", "No")),
        right=("a",),
    )
    bank = Bank("bank-x", hostile, (question,))
    moodle_root = ET.fromstring(moodle.quiz_xml([bank]))
    assessment = ET.fromstring(qti.assessment_xml(bank))
    assert not list(moodle_root.iter("script")) and not list(assessment.iter("script"))
    texts = [t.text for t in moodle_root.iter("text")]
    texts += [m.text for m in assessment.iter(f"{Q}mattext")]
    escaped = inline(hostile)
    assert "&lt;script&gt;" in escaped and "<script>" not in escaped
    assert texts.count(escaped) >= 6
    assert math.isclose(len(list(assessment.iter(f"{Q}item"))), 1)
