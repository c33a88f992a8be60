"""A class's exercise records: which questions, and which misconceptions, it hits.

A student answering the exercises in the published book can download their
*exercise record*: a small JSON file (format ``palace-coup-exercise-record``,
version 1) with their latest answer to each question, its verdict ("right",
"not_yet", "written" or "recorded") and the id of the targeted misconception
that fired, if any. The lecturer puts the class's records in one folder and
calls :func:`load_records`.

Nothing in a record is trusted. The file is read and parsed with the same
limits as every class file; the name must be printable; a question id must
be one of the question bank's (an unknown one is reported and skipped, the
rest of the record kept); a misconception id must be one the bank lists for
that question; answers are bounded in size and shape. Each problem is
reported with the file and the reason.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from palace_coup import _data, feedback
from palace_coup.classroom.fields import check_format, keep_latest, timestamp
from palace_coup.classroom.folders import load_each
from palace_coup.classroom.names import check_name, shown

__all__ = [
    "FORMAT",
    "VERDICTS",
    "ClassRecords",
    "check_record",
    "load_records",
    "misconceptions",
]

FORMAT = "palace-coup-exercise-record"
"""Value of the ``format`` key that marks a file as an exercise record."""

VERSION = 1
"""The record layout this module reads."""

VERDICTS = ("right", "not_yet", "written", "recorded")
"""The verdicts a record may hold, as the in-page checks give them."""

MAX_BYTES = 256_000
"""Largest record accepted (the contract's 256 KB)."""

MAX_ANSWER = 20_000
"""Longest answer text accepted, in characters."""

_MISCONCEPTION = re.compile(r"[a-z0-9_]{1,40}")
_SHORT = 200
"""Longest option id, or value of an object answer, in characters."""


@functools.cache
def misconceptions() -> dict[str, dict[str, str]]:
    """Return the targeted misconceptions of the question bank, by question.

    Returns
    -------
    dict
        Question id -> {misconception id -> its message}, for every
        ``wrong:`` entry of ``data/questions.yaml`` that has an ``id``.

    Examples
    --------
    >>> table = misconceptions()
    >>> set(table) <= set(feedback.questions())
    True
    """
    found: dict[str, dict[str, str]] = {}
    for entry in _data.yaml_file("questions.yaml")["questions"]:
        for wrong in entry.get("wrong") or ():
            if isinstance(wrong, Mapping) and "id" in wrong:
                message = " ".join(str(wrong.get("message", "")).split())
                found.setdefault(entry["id"], {})[str(wrong["id"])] = message
    return found


@functools.cache
def _known() -> frozenset[str]:
    """Return the question bank's ids (read once, like :func:`misconceptions`)."""
    return frozenset(feedback.questions())


def _answer(value: Any) -> str:
    """Check an answer's shape and size; return its kind.

    Loops rather than ``all(...)``: a class of 2,000 has some 75,000 answers,
    and a generator per answer costs more than the checks themselves.
    """
    if isinstance(value, str):
        if len(value) > MAX_ANSWER:
            raise ValueError(f"an answer longer than {MAX_ANSWER:,} characters")
        return "text"
    if isinstance(value, list):
        if len(value) > 100:
            raise ValueError("a list answer must hold at most 100 short strings")
        for option in value:
            if not isinstance(option, str) or len(option) > _SHORT:
                raise ValueError("a list answer must hold at most 100 short strings")
        return "options"
    if isinstance(value, dict):
        if len(value) > 20:
            raise ValueError("an object answer must hold at most 20 short strings")
        for key, part in value.items():
            if len(key) > 40 or not isinstance(part, str) or len(part) > _SHORT:
                raise ValueError("an object answer must hold at most 20 short strings")
        return "object"
    raise ValueError(
        f"an answer must be text, a list or an object, got {type(value).__name__}"
    )


def _label(question: str) -> str:
    """Name an unknown question id in a message, escaped and cut short."""
    return f"question {shown(question)[:60]!r}"


def _entry(
    question: str, given: Any, known: set[str], bank: dict[str, dict[str, str]]
) -> tuple[dict[str, Any] | None, str]:
    """Check one answer of a record; return the row (or None) and a problem.

    ``given`` comes from :func:`palace_coup.classroom.safe_json.parse`, so an
    object is a dict; anything else is refused.
    """
    if question not in known:
        return None, f"{_label(question)} is not in the question bank: skipped"
    # From here the id is one of the bank's: safe to show as it is.
    if not isinstance(given, dict):
        return None, f"question {question!r}: not an object: skipped"
    try:
        kind = _answer(given.get("answer"))
        verdict = given.get("verdict")
        if verdict not in VERDICTS:
            raise ValueError(f"verdict must be one of {', '.join(VERDICTS)}")
        at = timestamp(given.get("at"), "at")
    except ValueError as error:
        return None, f"question {question!r}: {error}: skipped"
    misconception = given.get("misconception")
    problem = ""
    if misconception is not None:
        valid = isinstance(misconception, str) and _MISCONCEPTION.fullmatch(
            misconception
        )
        if not valid or misconception not in bank.get(question, {}):
            shown_id = shown(str(misconception))[:60]
            problem = (
                f"question {question!r}: misconception {shown_id!r} is not in the "
                "bank: ignored"
            )
            misconception = None
    row = {
        "question": question,
        "verdict": verdict,
        "misconception": misconception,
        "at": at,
        "kind": kind,
        "answer": given["answer"],
    }
    return row, problem


def check_record(
    record: Any, file: str, *, only: str | None = None
) -> tuple[dict[str, Any], list[str]]:
    """Check one exercise record, parsed from a student's file.

    Parameters
    ----------
    record : object
        The file's contents, parsed with
        :func:`palace_coup.classroom.safe_json.parse`.
    file : str
        Its name (safe to show), kept in the result.
    only : str, optional
        A question id of the bank: check and keep only the answer to that
        question (if the record has one), passing over the others without a
        word. The record itself is checked in full either way.

    Returns
    -------
    record : dict
        ``name``, ``file``, ``saved`` and ``rows``: one dict per answer kept,
        with ``question``, ``verdict``, ``misconception``, ``at``, ``kind``
        and ``answer`` (as entered, not escaped).
    problems : list of str
        Why an answer or a misconception was skipped.

    Raises
    ------
    ValueError
        If the file is not a valid record (the reason is the message).

    Examples
    --------
    >>> record = {"format": "palace-coup-exercise-record", "version": 1, "name": "",
    ...           "saved": "2026-12-01T22:00:00Z", "answers": {"nope": {}}}
    >>> check_record(record, "r.json")[1]
    ["question 'nope' is not in the question bank: skipped"]
    >>> check_record(record, "r.json", only="forecast.own")
    ({'name': '', 'file': 'r.json', 'saved': '2026-12-01T22:00:00Z', 'rows': []}, [])
    """
    check_format(record, FORMAT)
    if record.get("version") != VERSION:
        raise ValueError(f"version must be {VERSION}, got {record.get('version')!r}")
    name = check_name(record.get("name", ""), empty=True)
    saved = timestamp(record.get("saved"), "saved")
    answers = record.get("answers")
    if not isinstance(answers, dict):
        raise ValueError("answers must be an object of question id -> answer")
    known, bank = _known(), misconceptions()
    if only is not None:
        answers = {only: answers[only]} if only in answers else {}
    rows, problems = [], []
    for question, given in answers.items():
        row, problem = _entry(question, given, known, bank)
        if row is not None:
            rows.append(row)
        if problem:
            problems.append(problem)
    return {"name": name, "file": file, "saved": saved, "rows": rows}, problems


@dataclass(frozen=True)
class ClassRecords:
    """A class's exercise records, and the problems found reading them.

    Attributes
    ----------
    answers : pandas.DataFrame
        One row per student and question answered: ``name`` (may be empty),
        ``file``, ``question``, ``exercise``, ``verdict``, ``misconception``
        (an id of the bank or None), ``at`` (when it was checked), ``kind``
        (``text``, ``options`` or ``object``). The answers themselves are not
        kept: they are free text from students, and the class tallies need
        only the verdicts.
    students : int
        How many records were loaded (one per student).
    problems : list of (str, str)
        ``(file name, reason)`` for every file skipped, and for every answer
        or misconception of a loaded file that was skipped.
    """

    answers: pd.DataFrame
    students: int
    problems: list[tuple[str, str]] = field(default_factory=list)

    def questions(self) -> pd.DataFrame:
        """Tally the class's verdicts on every question of the bank.

        Returns
        -------
        pandas.DataFrame
            One row per question, in book order: ``question``, ``exercise``,
            ``prompt``, ``answered`` (students with an answer), ``right``,
            ``not_yet``, ``written`` (written or recorded: ungraded) and
            ``not_yet_share`` (``not_yet / answered``; NaN if unanswered).
        """
        table = feedback.table().rename(columns={"id": "question"})
        counts = pd.crosstab(self.answers["question"], self.answers["verdict"])
        counts = counts.reindex(index=table["question"], columns=VERDICTS, fill_value=0)
        result = table[["question", "exercise", "prompt"]].copy()
        result["right"] = counts["right"].to_numpy()
        result["not_yet"] = counts["not_yet"].to_numpy()
        result["written"] = (counts["written"] + counts["recorded"]).to_numpy()
        result["answered"] = result["right"] + result["not_yet"] + result["written"]
        result["not_yet_share"] = result["not_yet"] / result["answered"].where(
            result["answered"] > 0
        )
        order = ["question", "exercise", "prompt", "answered", "right", "not_yet"]
        return result[[*order, "written", "not_yet_share"]]

    def misconceptions(self) -> pd.DataFrame:
        """Count the targeted misconceptions the class's answers hit.

        Returns
        -------
        pandas.DataFrame
            One row per (question, misconception) hit at least once, most hit
            first: ``question``, ``misconception``, ``message`` (the bank's
            feedback for it), ``students`` (how many latest answers hit it)
            and ``share`` (of the students who answered that question).
        """
        hits = self.answers.dropna(subset=["misconception"])
        counts = (
            hits.groupby(["question", "misconception"]).size().rename("students")
        ).reset_index()
        answered = self.answers.groupby("question").size()
        bank = misconceptions()
        counts["message"] = [
            bank[q][m]
            for q, m in zip(counts["question"], counts["misconception"], strict=True)
        ]
        counts["share"] = counts["students"] / answered.reindex(
            counts["question"]
        ).to_numpy(dtype=float)
        counts = counts.sort_values(
            ["students", "question", "misconception"], ascending=[False, True, True]
        )
        return counts[
            ["question", "misconception", "message", "students", "share"]
        ].reset_index(drop=True)


COLUMNS = ["name", "file", "question", "exercise", "verdict", "misconception"]
COLUMNS += ["at", "kind"]


def _tallied(
    record: dict[str, Any], file: str, exercise: dict[str, str]
) -> tuple[dict[str, Any], list[str]]:
    """Check a record; keep of each answer only what the tallies need.

    The answers themselves are dropped as each file is read: a class of
    2,000 holds some 75,000, and keeping them (lists and objects) alive makes
    Python's garbage collector walk them again and again while the rest of
    the class loads. What is kept is a tuple of strings per answer.
    """
    checked, notes = check_record(record, file)
    checked["rows"] = [
        (
            q["question"],
            exercise[q["question"]],
            q["verdict"],
            q["misconception"],
            q["at"],
            q["kind"],
        )
        for q in checked["rows"]
    ]
    return checked, notes


def load_records(folder: str | Path) -> ClassRecords:
    """Load every exercise record in a folder; report and skip the rest.

    Parameters
    ----------
    folder : str or pathlib.Path
        A folder of records downloaded from the book. Sub-folders, hidden
        files and the class's other files (weightings, forecasts) are passed
        over; every other file is loaded or reported. Of two
        records with the same (non-empty) name, the later ``saved`` is kept.

    Returns
    -------
    ClassRecords

    Raises
    ------
    FileNotFoundError
        If ``folder`` is not a folder (put the records the class downloaded
        from the book into one folder first).

    See Also
    --------
    check_record : the checks each record passes.
    palace_coup.charts.class_questions, palace_coup.charts.class_misconceptions :
        the charts of its tallies.

    Examples
    --------
    >>> from palace_coup.classroom.fictional import SAMPLE_CLASS
    >>> klass = load_records(SAMPLE_CLASS)
    >>> klass.students, int(klass.questions()["answered"].max())
    (24, 24)
    """
    bank = feedback.table()
    exercise = dict(zip(bank["id"], bank["exercise"], strict=True))
    records, problems = load_each(
        folder, MAX_BYTES, [FORMAT], functools.partial(_tallied, exercise=exercise)
    )
    records, older = keep_latest(records, "saved")
    rows = [(r["name"], r["file"], *answer) for r in records for answer in r["rows"]]
    answers = pd.DataFrame(rows, columns=COLUMNS)
    return ClassRecords(answers, len(records), sorted(problems + older))
