"""A fictional class, for trying the class pages before a real class exists.

:func:`write_class` fills a folder with the files a class would hand in:
exercise records as the published book writes them (with the Forecast
exercise's answer in each), and forecasts of a lecturer's own open question
saved with :func:`palace_coup.classroom.save_forecast`. Every student is
called "Student NNN (fictional)"; abilities, difficulties and probabilities
are drawn from a seeded generator, so the same call writes the same files.
Nothing here is data about real students.

The book's sample class (``data/sample_class``) was written by this module::

    python -m palace_coup.classroom.fictional src/palace_coup/data/sample_class

and ``make bench`` uses it for its class of 2,000.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

import numpy as np

from palace_coup import _data, feedback
from palace_coup.classroom import records, safe_files, safe_json
from palace_coup.classroom.forecasts import save_forecast
from palace_coup.classroom.names import file_stem
from palace_coup.classroom.questions import ForecastQuestion, forecast_question

__all__ = ["OPEN_QUESTION", "write_class", "write_records"]

OPEN_QUESTION: ForecastQuestion = forecast_question(
    "putin_2027",
    "Vladimir Putin is no longer President of Russia on 31 December 2027, "
    "by any means.",
    "2027-12-31",
)
"""The fictional lecturer's own question: it resolves after the class."""

_UNGRADED = {"text": "written", "rubric_scores": "recorded", "forecast": "recorded"}
_SAVED = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _answer(entry: dict[str, Any], right: bool, rng: np.random.Generator) -> Any:
    """Make up a plausible answer of the entry's kind, as the book's form stores it."""
    kind = entry["kind"]
    options = entry.get("options")
    if kind in ("choice", "choices") and isinstance(options, list) and options:
        return [str(options[int(rng.integers(len(options)))])]
    if kind in ("choice", "choices"):
        return ["a"]
    if kind == "text":
        return "A fictional student's argument, written for the sample class."
    if kind == "rubric_scores":
        return {c: str(int(rng.integers(3))) for c in entry.get("criteria", [])}
    if kind == "calendar_month":
        return f"2023-{int(rng.integers(1, 13)):02d}"
    if kind in ("forecast", "scored_forecast"):
        return {"probability": f"{rng.beta(2, 12):.2f}", "date": "2022-03-02"}
    return f"{rng.random():.3f}" if right else f"{rng.random() * 2:.3f}"


def _record(number: int, rng: np.random.Generator, ability: float) -> dict[str, Any]:
    """One fictional student's exercise record."""
    bank = {
        entry["id"]: entry for entry in _data.yaml_file("questions.yaml")["questions"]
    }
    mistakes = records.misconceptions()
    answers = {}
    for position, question in enumerate(feedback.questions()):
        if rng.random() < 0.12:  # not every student answers every question
            continue
        entry = bank[question]
        difficulty = (position * 0.61803) % 1.0 * 3.0 - 1.2
        right = rng.random() < 1 / (1 + np.exp(difficulty - ability))
        answer = _answer(entry, right, rng)
        verdict = _UNGRADED.get(entry["kind"], "right" if right else "not_yet")
        misconception = None
        if verdict == "not_yet" and mistakes.get(question) and rng.random() < 0.7:
            ids = sorted(mistakes[question])
            weights = np.arange(len(ids), 0, -1, dtype=float)  # the first is commonest
            misconception = ids[int(rng.choice(len(ids), p=weights / weights.sum()))]
        if entry["kind"] == "forecast":
            day = int(rng.integers(24, 38))  # 24 Feb to 7 Mar, a few later
            date = dt.date(2022, 2, 1) + dt.timedelta(days=day - 1)
            answer["date"] = date.isoformat()
            verdict = "recorded" if date <= dt.date(2022, 3, 7) else "not_yet"
        at = _SAVED - dt.timedelta(minutes=int(rng.integers(5, 600)))
        answers[question] = {
            "answer": answer,
            "verdict": verdict,
            "misconception": misconception,
            "at": _stamp(at),
        }
    return {
        "format": records.FORMAT,
        "version": records.VERSION,
        "name": f"Student {number:03d} (fictional)",
        "saved": _stamp(_SAVED),
        "answers": answers,
    }


def write_records(folder: str | Path, students: int, seed: int = 0) -> list[Path]:
    """Write ``students`` fictional exercise records into ``folder``.

    Parameters
    ----------
    folder : str or pathlib.Path
        Where to write (created if missing).
    students : int
        How many students, at least 1.
    seed : int, optional
        Seed of the random draws (default 0).

    Returns
    -------
    list of pathlib.Path
        The files written, ``record-<name>.json``.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> [path.name[:22] for path in write_records(folder, 2)]
    ['record-student-000-fic', 'record-student-001-fic']
    """
    rng = np.random.default_rng(seed)
    paths = []
    for number in range(students):
        record = _record(number, rng, float(rng.normal(0.3, 1.0)))
        file = f"record-{file_stem(record['name'])}.json"
        paths.append(safe_files.write_atomic(folder, file, safe_json.dump(record)))
    return paths


def write_class(folder: str | Path, students: int = 24, seed: int = 0) -> list[Path]:
    """Write a fictional class's exercise records and open-question forecasts.

    Parameters
    ----------
    folder : str or pathlib.Path
        Where to write (created if missing).
    students : int, optional
        How many students (default 24); half of them also save a forecast of
        :data:`OPEN_QUESTION`.
    seed : int, optional
        Seed of the random draws (default 0).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> len(write_class(tempfile.mkdtemp(), students=4))
    6
    """
    paths = write_records(folder, students, seed)
    rng = np.random.default_rng(seed + 1)
    for number in range(0, students, 2):
        paths.append(
            save_forecast(
                OPEN_QUESTION,
                round(float(rng.beta(2, 9)), 2),
                f"Student {number:03d} (fictional)",
                folder,
                made_on="2026-12-01",
                saved_at=_stamp(_SAVED),
            )
        )
    return paths


if __name__ == "__main__":  # pragma: no cover - regenerates the sample class
    write_class(sys.argv[1] if len(sys.argv) > 1 else "sample_class")
