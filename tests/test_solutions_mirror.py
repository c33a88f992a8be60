"""The independent mirror: the worked solutions' stored checks accept their answers.

test_feedback.py builds right answers from the bank's own ``compute`` entries,
so for most questions the check and its test share one computation. The
worked solutions derive each answer another way (pandas by hand, the closed
form, a count of rows), and their stored outputs record what the check said.
Here those stored outputs are read (not re-run): every check in them must
say right (or written, or recorded), every question must be checked there,
and the answer each one echoes must still be accepted by ``feedback.check``
today. A regression in a model therefore shows here at once, even before
nbval re-runs the notebooks (which would show it too).
"""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from palace_coup import feedback

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = sorted((ROOT / "exercises" / "solutions").glob("*.ipynb"))
CHECK = re.compile(r"feedback\.check\(\s*[\"']([\w.]+)[\"']\s*,")
ACCEPTED = ("✓ Right:", "✓ Written:", "✓ Recorded:")


def _stored_checks():
    """Yield (notebook, question id, the stored plain-text output) per check."""
    for notebook in SOLUTIONS:
        cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
        for cell in cells:
            source = "".join(cell["source"])
            found = CHECK.search(source) if cell["cell_type"] == "code" else None
            if found:
                texts = [
                    "".join(output["data"]["text/plain"])
                    for output in cell.get("outputs", [])
                    if output.get("output_type") == "execute_result"
                ]
                yield notebook.name, found[1], texts


STORED = list(_stored_checks())


def _echoed_answer(kind, text):
    """Read back the worked answer a check echoed in its stored output."""
    body = text.split(": ", 1)[1]
    if kind in ("number", "integer"):
        return float(re.match(r"(-?[\d.e+-]+)(?: \(accepted|\.)", body)[1])
    if kind == "calendar_month":
        return re.match(r"(\d{4}-\d{2}):", body)[1]
    if kind == "choice":
        return re.match(r"'([\w-]+)'\.", body)[1]
    if kind == "choices":
        return set(re.match(r"([\w, ]+?)\.", body)[1].split(", "))
    if kind == "forecast":
        found = re.match(
            r"forecast recorded: probability (\S+), made on (.+?)[.(]", body
        )
        made_on = dt.datetime.strptime(found[2].strip(), "%d %B %Y").date()
        return {"made_on": made_on, "probability": float(found[1])}
    if kind == "scored_forecast":
        found = re.match(r"\((\S+) - \d\)² is the Brier score .*?: (\S+) \(", body)
        return (float(found[1]), float(found[2]))
    return None  # text and rubric scores: the answer is not echoed


def test_every_question_is_checked_in_the_worked_solutions():
    checked = {qid for _, qid, _ in STORED}
    assert len(SOLUTIONS) >= 8
    assert len(STORED) >= len(feedback.questions()) >= 42
    assert checked == set(feedback.questions())


@pytest.mark.parametrize(
    ("notebook", "qid", "texts"), STORED, ids=[f"{n}:{q}" for n, q, _ in STORED]
)
def test_stored_check_accepts_the_worked_answer(notebook, qid, texts):
    assert len(texts) == 1, f"{notebook}: the check of {qid} has no stored result"
    text = texts[0]
    assert text.startswith(ACCEPTED), f"{notebook}: {text[:120]}"
    entry = feedback._entry(qid)
    answer = _echoed_answer(entry["kind"], text)
    if answer is None:
        label = {"text": "✓ Written:", "rubric_scores": "✓ Recorded:"}[entry["kind"]]
        assert text.startswith(label)
        return
    today = feedback.check(qid, answer)
    assert today.correct, f"{qid}: the worked answer {answer!r} -> {today.message}"
    assert text.startswith(str(today).split(":")[0] + ":")


def test_the_echo_reader_reads_every_kind():
    kinds = {feedback._entry(qid)["kind"] for _, qid, _ in STORED}
    read = {
        feedback._entry(qid)["kind"]
        for _, qid, texts in STORED
        if _echoed_answer(feedback._entry(qid)["kind"], texts[0]) is not None
    }
    assert kinds - read == {"text", "rubric_scores"}
