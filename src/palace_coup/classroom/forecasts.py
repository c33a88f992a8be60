"""A class's dated forecasts: saved, pooled into a class forecast, scored later.

Each student forecasts the probability of an event that resolves on a known
date. The forecasts come from two places: the Forecast exercise in the
published book (its answer sits in the student's exercise record, see
:mod:`palace_coup.classroom.records`) and :func:`save_forecast` in a live
notebook, which writes a small file that carries its question with it. The
class forecast is the mean of the class's probabilities (a linear opinion
pool). Once the event has happened or not, every forecast and the class
forecast are scored with the Brier score (:func:`palace_coup.forecast.brier`):
a cohort that forecasts an event two years away is scored by the cohort that
sits the course when it resolves.

The Forecast exercise's own question ("Putin no longer president on 31
December 2023") resolved long ago: its outcome comes from the question bank.
A lecturer's own question is made with
:func:`palace_coup.classroom.questions.forecast_question`. Files are
read with the limits of every class file; dates and probabilities are checked
again here, whatever verdict a record claims.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from palace_coup import forecast
from palace_coup._validate import check_number
from palace_coup.classroom import records, safe_files, safe_json
from palace_coup.classroom.fields import check_date, keep_latest, now, timestamp
from palace_coup.classroom.folders import load_each
from palace_coup.classroom.names import check_name, file_stem
from palace_coup.classroom.questions import (
    ForecastQuestion,
    date_problem,
    exercise_question,
    forecast_question,
)

__all__ = ["FORMAT", "ClassForecasts", "load_forecasts", "save_forecast"]

FORMAT = "palace-coup-forecast"
"""Value of the ``format`` key that marks a file as a saved forecast."""

VERSION = 1
"""Version of the file layout written by :func:`save_forecast`."""

MAX_BYTES = 16_000
"""Largest forecast file accepted (one is about 500 bytes)."""

_PROBABILITY = re.compile(r"\s*(?:0?\.\d{1,12}|[01](?:\.0*)?)\s*")
"""A probability as typed in the book's forecast form: 0.2, .2, 1, 0."""


def save_forecast(
    question: ForecastQuestion,
    probability: float,
    name: str,
    folder: str | Path = ".",
    *,
    made_on: str | dt.date | None = None,
    saved_at: str | None = None,
) -> Path:
    """Save one student's dated forecast, atomically, to a file of its own.

    Parameters
    ----------
    question : ForecastQuestion
        From :func:`~palace_coup.classroom.questions.forecast_question` or
        :func:`~palace_coup.classroom.questions.exercise_question`.
    probability : float
        The forecast, in [0, 1] (not a percentage).
    name : str
        The student's name or pseudonym (see
        :func:`palace_coup.classroom.names.check_name`).
    folder : str or pathlib.Path, optional
        Where to write (created if missing; default the current folder).
    made_on : str or datetime.date, optional
        The date the forecast is made (default today); before the question
        resolves and not after its ``made_by`` date.
    saved_at : str, optional
        Time stamp to record (ISO 8601); default now.

    Returns
    -------
    pathlib.Path
        ``forecast-<question>-<name>.json`` in ``folder``.

    Raises
    ------
    TypeError, ValueError
        If an argument is not valid; the message names it.
    OSError
        If the folder cannot be written.

    Examples
    --------
    >>> import tempfile
    >>> path = save_forecast(exercise_question(), 0.1, "Ada", tempfile.mkdtemp(),
    ...                      made_on="2022-03-02")
    >>> path.name
    'forecast-forecast.own-ada-99a563ab2f6e.json'
    """
    if not isinstance(question, ForecastQuestion):
        raise TypeError(
            "question must come from forecast_question() or exercise_question(), "
            f"got {type(question).__name__}"
        )
    name = check_name(name)
    p = check_number(probability, "probability", 0.0, 1.0)
    day = dt.date.today() if made_on is None else check_date(made_on, "made_on")
    problem = date_problem(question, day)
    if problem:
        raise ValueError(f"made_on {problem}")
    record = {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "question": question.as_record(),
        "probability": p,
        "made_on": day.isoformat(),
        "saved_at": now() if saved_at is None else timestamp(saved_at, "saved_at"),
    }
    file = f"forecast-{question.id}-{file_stem(name)}.json"
    return safe_files.write_atomic(folder, file, safe_json.dump(record))


def _from_file(record: dict[str, Any], file: str) -> tuple[ForecastQuestion, dict]:
    """Check a forecast file's fields; return its question and row."""
    given = record.get("question")
    if not isinstance(given, Mapping):
        raise ValueError("question must be an object with id, text and resolves_on")
    question = forecast_question(
        given.get("id"),
        given.get("text"),
        given.get("resolves_on"),
        given.get("made_by"),
    )
    if question.id == exercise_question().id:
        question = exercise_question()  # the package's wording, dates and outcome
    p = record.get("probability")
    if isinstance(p, bool) or not isinstance(p, int | float) or not 0 <= p <= 1:
        raise ValueError(f"probability must be a number in [0, 1], got {p!r}")
    row = {
        "name": check_name(record.get("name")),
        "file": file,
        "question": question.id,
        "made_on": check_date(record.get("made_on"), "made_on"),
        "probability": float(p),
        "saved_at": timestamp(record.get("saved_at"), "saved_at"),
    }
    return question, row


def _from_record(parsed: Any, file: str) -> tuple[list[dict], list[str]]:
    """Take the Forecast exercise's answer from an exercise record.

    The probability and the date are checked here, whatever the record's
    verdict says; a forecast that passes but that the book's check did not
    record is skipped too.
    """
    question = exercise_question()
    record, _ = records.check_record(parsed, file, only=question.id)
    for answer in record["rows"]:
        if answer["question"] != question.id:
            continue
        given = answer["answer"]
        typed = given.get("probability") if isinstance(given, dict) else None
        if not isinstance(typed, str) or not _PROBABILITY.fullmatch(typed):
            return [], ["forecast probability is not a number in [0, 1]: skipped"]
        try:
            day = check_date(given.get("date"), "date")
        except ValueError as error:
            return [], [f"forecast {error}: skipped"]
        problem = date_problem(question, day)
        if problem:
            return [], [f"forecast made on {problem}: skipped"]
        if answer["verdict"] != "recorded":
            verdict = answer["verdict"]
            return [], [
                f"forecast not recorded by the book (verdict {verdict}): skipped"
            ]
        row = {
            "name": record["name"],
            "file": file,
            "question": question.id,
            "made_on": day,
            "probability": float(typed),
            "saved_at": record["saved"],
        }
        return [row], []
    return [], []


@dataclass(frozen=True)
class ClassForecasts:
    """A class's forecasts, their questions, and the problems found.

    Attributes
    ----------
    entries : pandas.DataFrame
        One row per student and question: ``name``, ``file``, ``question``,
        ``made_on`` (datetime.date) and ``probability``.
    questions : dict of str to ForecastQuestion
        Every question the entries answer.
    problems : list of (str, str)
        ``(file name, reason)`` for every file or forecast skipped.
    """

    entries: pd.DataFrame
    questions: dict[str, ForecastQuestion]
    problems: list[tuple[str, str]] = field(default_factory=list)

    def _outcomes(self, outcomes: Any, today: Any) -> dict[str, int]:
        """Known and given outcomes, refused before a question resolves."""
        day = dt.date.today() if today is None else check_date(today, "today")
        if outcomes is not None and not isinstance(outcomes, Mapping):
            kind = type(outcomes).__name__
            raise TypeError(f"outcomes must map question ids to 0 or 1, got {kind}")
        known = {
            q.id: q.outcome for q in self.questions.values() if q.outcome is not None
        }
        for key, value in (outcomes or {}).items():
            if key not in self.questions:
                raise ValueError(f"outcomes has an unknown question {key!r}")
            if isinstance(value, bool) or value not in (0, 1):
                raise ValueError(f"outcomes[{key!r}] must be 0 or 1, got {value!r}")
            known[key] = int(value)
        for key in known:
            resolves = self.questions[key].resolves_on
            if day < resolves:
                raise ValueError(
                    f"outcomes[{key!r}]: the question resolves on {resolves}; it "
                    f"cannot be scored on {day}"
                )
        return known

    def scores(
        self, outcomes: Mapping[str, int] | None = None, today: Any = None
    ) -> pd.DataFrame:
        """Score each forecast whose question has resolved.

        Parameters
        ----------
        outcomes : mapping of str to {0, 1}, optional
            Outcomes of questions the package does not know (a lecturer's own
            question, once it resolves); the exercise's outcome is known.
        today : str or datetime.date, optional
            The date to check against each question's resolution date
            (default today).

        Returns
        -------
        pandas.DataFrame
            ``entries`` with ``outcome`` and ``brier`` (NaN where unresolved).

        Raises
        ------
        TypeError, ValueError
            If ``outcomes`` is not a mapping of known question ids to 0 or 1,
            or names a question that has not resolved by ``today``.
        """
        known = self._outcomes(outcomes, today)
        table = self.entries.copy()
        table["outcome"] = table["question"].map(known).astype(float)
        table["brier"] = (table["probability"] - table["outcome"]) ** 2
        return table

    def pooled(
        self, outcomes: Mapping[str, int] | None = None, today: Any = None
    ) -> pd.DataFrame:
        """Pool the class's forecasts of each question, and score the pool.

        Parameters
        ----------
        outcomes, today
            As for :meth:`scores`.

        Returns
        -------
        pandas.DataFrame
            One row per question: ``question``, ``text``, ``resolves_on``,
            ``forecasts`` (how many), ``class_forecast`` (their mean),
            ``median``, ``outcome``, ``class_brier`` (the Brier score of the
            class forecast) and ``mean_brier`` (the students' mean Brier
            score); the last three NaN until the question resolves.
        """
        known = self._outcomes(outcomes, today)
        rows = []
        for qid, group in self.entries.groupby("question", sort=True):
            p = group["probability"].to_numpy()
            pool = float(np.mean(p))
            outcome = known.get(qid)
            rows.append(
                {
                    "question": qid,
                    "text": self.questions[qid].text,
                    "resolves_on": self.questions[qid].resolves_on,
                    "forecasts": len(p),
                    "class_forecast": pool,
                    "median": float(np.median(p)),
                    "outcome": math.nan if outcome is None else outcome,
                    "class_brier": (
                        math.nan
                        if outcome is None
                        else forecast.brier([pool], [outcome])
                    ),
                    "mean_brier": (
                        math.nan
                        if outcome is None
                        else forecast.brier(p, np.full(len(p), outcome))
                    ),
                }
            )
        columns = ["question", "text", "resolves_on", "forecasts", "class_forecast"]
        columns += ["median", "outcome", "class_brier", "mean_brier"]
        return pd.DataFrame(rows, columns=columns)


def load_forecasts(folder: str | Path) -> ClassForecasts:
    """Load a class's forecasts: saved forecasts and exercise records.

    Parameters
    ----------
    folder : str or pathlib.Path
        A folder of files from :func:`save_forecast` and of exercise records
        (their Forecast answer is taken). A forecast dated outside its
        question's window, a probability that is not a number in [0, 1], or a
        record whose check did not record the forecast is reported and
        skipped; of a student's forecasts of one question, the latest saved
        is kept.

    Returns
    -------
    ClassForecasts

    Raises
    ------
    FileNotFoundError
        If ``folder`` is not a folder (a class's forecast files and exercise
        records may share one).

    See Also
    --------
    save_forecast : writes a forecast file.
    palace_coup.charts.class_forecasts : the chart of the scores and the pool.

    Examples
    --------
    >>> from palace_coup.classroom.fictional import SAMPLE_CLASS
    >>> klass = load_forecasts(SAMPLE_CLASS)
    >>> row = klass.pooled().iloc[0]
    >>> row["question"], int(row["outcome"]), round(float(row["class_forecast"]), 3)
    ('forecast.own', 0, 0.139)
    """
    questions: dict[str, ForecastQuestion] = {}

    def check(record: dict[str, Any], file: str) -> tuple[list[dict], list[str]]:
        if record["format"] == records.FORMAT:
            rows, notes = _from_record(record, file)
        else:
            question, row = _from_file(record, file)
            if questions.setdefault(question.id, question) != question:
                raise ValueError(
                    f"question {question.id!r} is worded or dated differently "
                    "in another file"
                )
            rows, notes = [row], []
        dated = []
        for row in rows:
            question = questions.setdefault(row["question"], exercise_question())
            problem = date_problem(question, row["made_on"])
            if problem:
                notes.append(f"forecast made on {problem}: skipped")
            else:
                dated.append(row)
        return dated, notes

    per_file, problems = load_each(
        folder, records.MAX_BYTES, [FORMAT, records.FORMAT], check
    )
    found: dict[str, list[dict]] = {}
    for row in (row for rows in per_file for row in rows):
        found.setdefault(row["question"], []).append(row)
    kept = []
    for rows in found.values():
        latest, older = keep_latest(rows)
        kept += latest
        problems += older
    columns = ["name", "file", "question", "made_on", "probability"]
    entries = pd.DataFrame(kept, columns=[*columns, "saved_at"])[columns]
    entries = entries.sort_values(["question", "file"], kind="stable")
    used = {q: questions[q] for q in entries["question"].unique()}
    return ClassForecasts(entries.reset_index(drop=True), used, sorted(problems))
