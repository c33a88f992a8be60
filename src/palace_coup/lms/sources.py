"""Read the book's questions into banks: the chapter quizzes and the exercises.

* :func:`quiz_bank` reads a chapter's quiz, the jupyterquiz file the book
  shows (``data/quizzes/<name>.json``), with every answer's feedback.
* :func:`exercise_bank` reads the graded questions of one exercise from the
  question bank (``data/questions.yaml``), with the expected answer, the
  tolerance and each targeted misconception computed from the model by
  :func:`palace_coup.feedback.answer_key`. Ungraded questions (a written
  argument, a self-assessment, the student's own forecast and its score) are
  left out: no platform can mark them.
* :func:`notebook_texts` reads, from the exercise notebooks, the texts of
  lettered options (``- **a.** ...``), which the question bank names only by
  letter.
"""

from __future__ import annotations

import html
import json
import math
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any

from palace_coup import feedback, loyalty, preconditions
from palace_coup.lms.items import Bank, Option, Question, Response, inline

__all__ = ["GRADED", "exercise_bank", "notebook_texts", "quiz_bank"]

GRADED = ("number", "integer", "calendar_month", "choice", "choices")
"""Kinds of exercise question that a platform can mark by itself."""

_OPTION = re.compile(r"^\s*[-*]\s+\*\*([a-z])\.\*\*\s+(.+)$")
_CHECK = re.compile(r"feedback\.check\(\s*[\"']([\w.]+)[\"']")
_MANY = 1e9
"""The upper end of "any larger number" in a range."""


def _tolerance(value: float, precision: int | None) -> float:
    """Half a unit of the last digit jupyterquiz keeps (it rounds answers)."""
    if not precision or value == 0:
        return 0.0
    return 0.5 * 10 ** (math.floor(math.log10(abs(value))) - precision + 1)


def quiz_bank(name: str, title: str | None = None) -> Bank:
    """Read one of the book's quizzes (jupyterquiz's format) into a bank.

    Parameters
    ----------
    name : str
        The quiz's name, one of :func:`palace_coup.quiz.names`.
    title : str, optional
        The bank's title, e.g. the chapter's; ``name`` if omitted.

    Returns
    -------
    Bank
        One question per quiz question, every answer's feedback kept.

    Examples
    --------
    >>> bank = quiz_bank("question", "The question and its moment")
    >>> bank.questions[0].kind, len(bank.questions[0].options)
    ('single', 4)
    """
    path = resources.files("palace_coup").joinpath("data", "quizzes", f"{name}.json")
    questions = []
    for number, item in enumerate(json.loads(path.read_text("utf-8")), 1):
        ident = f"quiz-{name}-{number}"
        kind = {"multiple_choice": "single", "many_choice": "multiple"}.get(
            item["type"], "numeric"
        )
        responses, options, fallback = [], [], "Not yet."
        for index, answer in enumerate(item["answers"], 1):
            text = inline(answer.get("feedback", ""))
            if kind != "numeric":
                options.append(Option(f"a{index}", inline(answer["answer"])))
                responses.append(
                    Response("chosen", bool(answer["correct"]), text, f"a{index}")
                )
            elif "value" in answer:
                spread = _tolerance(float(answer["value"]), item.get("precision"))
                low, high = answer["value"] - spread, answer["value"] + spread
                responses.append(
                    Response("range", bool(answer["correct"]), text, low=low, high=high)
                )
            elif "range" in answer:
                low, high = answer["range"]
                high = math.nextafter(float(high), -math.inf)  # [low, high)
                responses.append(
                    Response("range", bool(answer["correct"]), text, low=low, high=high)
                )
            else:
                fallback = text or fallback
        right = tuple(r.value for r in responses if r.correct and r.test == "chosen")
        questions.append(
            Question(
                ident=ident,
                title=f"{title or name}: question {number}",
                text=inline(item["question"]),
                kind=kind,
                responses=tuple(responses),
                correct_feedback="",
                incorrect_feedback=fallback,
                options=tuple(options),
                right=right,
            )
        )
    return Bank(f"quiz-{name}", title or name, tuple(questions))


def notebook_texts(notebook: Path) -> dict[str, dict[str, str]]:
    r"""Read the lettered options of each question from an exercise notebook.

    An option list (``- **a.** text``) belongs to the next question the
    notebook checks with ``feedback.check("<id>", ...)``.

    Parameters
    ----------
    notebook : pathlib.Path
        An exercise notebook (the student copy has every option).

    Returns
    -------
    dict
        Question id -> option letter -> the option's text (plain).

    Examples
    --------
    >>> import nbformat, tempfile
    >>> nb = nbformat.v4.new_notebook(cells=[
    ...     nbformat.v4.new_markdown_cell("Which?\n\n- **a.** One.\n- **b.** Two."),
    ...     nbformat.v4.new_code_cell('feedback.check("x.y", answer)')])
    >>> path = Path(tempfile.mkdtemp()) / "ex.ipynb"
    >>> nbformat.write(nb, path)
    >>> notebook_texts(path)
    {'x.y': {'a': 'One.', 'b': 'Two.'}}
    """
    cells = json.loads(Path(notebook).read_text("utf-8"))["cells"]
    found: dict[str, dict[str, str]] = {}
    pending: dict[str, str] = {}
    for cell in cells:
        source = "".join(cell["source"])
        if cell["cell_type"] == "markdown":
            for line in source.splitlines():
                if match := _OPTION.match(line):
                    pending[match[1]] = match[2].strip()
        elif (check := _CHECK.search(source)) and pending:
            found[check[1]] = pending
            pending = {}
    return found


def _labels(key: Mapping[str, Any], texts: Mapping[str, str]) -> list[Option]:
    """Give each option of a choice question its text."""
    names = {
        **preconditions.load().set_index("id")["label"].to_dict(),
        **loyalty.factions().set_index("faction")["label"].to_dict(),
        **feedback.passages()["title"].to_dict(),
    }
    options = []
    for ident in key["options"]:
        if len(ident) == 1 and ident not in texts:
            raise ValueError(
                f"question {key['id']!r}: no text for option {ident!r}; give the "
                "exercise notebook's option list (- **a.** ...) to exercise_bank"
            )
        options.append(Option(ident, inline(texts.get(ident, names.get(ident, ident)))))
    return options


def _rules(key: Mapping[str, Any]) -> tuple[list[Response], list[str]]:
    """Turn the targeted wrong answers into rules; list those that cannot be."""
    truth, spread = key["expected"], key["tolerance"]
    responses, loose = [], []
    for rule in key["wrong"]:
        message = inline(rule["message"])
        if key["kind"] == "calendar_month" and "offset" in rule:
            month = _month(truth + int(rule["offset"]))
            responses.append(Response("equals", False, message, month))
        elif key["kind"] in ("choice", "choices") and (
            "value" in rule or "extra" in rule
        ):
            responses.append(
                Response(
                    "chosen", False, message, str(rule.get("value", rule.get("extra")))
                )
            )
        elif "missing" in rule:
            responses.append(Response("left_out", False, message, str(rule["missing"])))
        elif "percent" in rule:
            low, high = 100 * (truth - spread), 100 * (truth + spread)
            responses.append(Response("range", False, message, low=low, high=high))
        elif "value" in rule:
            value = float(rule["value"])
            responses.append(
                Response(
                    "range", False, message, low=value - spread, high=value + spread
                )
            )
        elif "offset" in rule:
            value = float(truth + int(rule["offset"]))
            responses.append(Response("range", False, message, low=value, high=value))
        elif "above" in rule:
            low = math.nextafter(float(rule["above"]), math.inf)
            responses.append(Response("range", False, message, low=low, high=_MANY))
        else:  # e.g. not_integer: no platform can test it
            loose.append(message)
    return responses, loose


def _month(months: int) -> str:
    """Return month ``months`` of the loyalty model as ``YYYY-MM``."""
    year, month = divmod(feedback.START.month - 1 + months, 12)
    return f"{feedback.START.year + year:04d}-{month + 1:02d}"


def exercise_bank(
    exercise: str, texts: Mapping[str, Mapping[str, str]], book_url: str = ""
) -> Bank:
    """Read the graded questions of one exercise into a bank.

    Parameters
    ----------
    exercise : str
        An exercise id (see :func:`palace_coup.feedback.exercises`).
    texts : mapping
        Question id -> option letter -> text, for questions whose options are
        letters (see :func:`notebook_texts`).
    book_url : str, optional
        The published book's address, given with each question.

    Returns
    -------
    Bank
        One question per graded question, with the explanation as the
        feedback on a right answer and each misconception's message.

    Raises
    ------
    ValueError
        If ``exercise`` is unknown, or a lettered option has no text.

    Examples
    --------
    >>> bank = exercise_bank("tipping", {"tipping.kuran": dict.fromkeys("abcd", "?")})
    >>> [q.kind for q in bank.questions]
    ['numeric', 'numeric', 'numeric', 'numeric', 'single']
    """
    title = feedback.exercises()[exercise]
    where = f'<a href="{html.escape(book_url)}">online</a>' if book_url else "online"
    source = (
        f"<p><em>From the exercise “{html.escape(title)}” of the book Palace Coup? "
        f"(read it {where}, or run the exercise notebook).</em></p>"
    )
    questions = []
    for question_id in feedback.questions(exercise):
        key = feedback.answer_key(question_id)
        if key["kind"] not in GRADED:
            continue
        wrong, loose = _rules(key)
        truth, spread = key["expected"], key["tolerance"]
        options, right = [], ()
        if key["kind"] in ("choice", "choices"):
            options = _labels(key, texts.get(question_id, {}))
            right = (truth,) if isinstance(truth, str) else tuple(truth)
            kind = "single" if key["kind"] == "choice" else "multiple"
            # A set is right as a whole (writers test it from right/acceptable).
            correct = [
                Response("chosen", True, "", i) for i in right if kind == "single"
            ]
        elif key["kind"] == "calendar_month":
            correct, kind = [Response("equals", True, "", _month(truth))], "text"
        else:
            low, high = float(truth) - spread, float(truth) + spread
            correct, kind = [Response("range", True, "", low=low, high=high)], "numeric"
        questions.append(
            Question(
                ident=question_id,
                title=f"{title}: {question_id}",
                text=f"<p>{inline(key['prompt'])}</p>{source}",
                kind=kind,
                responses=(*correct, *wrong),
                correct_feedback=inline(f"Right. {key['explain']}".strip()),
                incorrect_feedback=" ".join(["Not yet.", *loose]),
                options=tuple(options),
                right=right,
                acceptable=tuple(key["acceptable"]),
                hint=inline(key["hint"]),
            )
        )
    return Bank(f"exercise-{exercise}", title, tuple(questions))
