"""Forecast questions: a yes/no event, the date it resolves, and its outcome.

A class forecasts a :class:`ForecastQuestion`. The Forecast exercise's own
question comes with the package (:func:`exercise_question`); a lecturer makes
their own with :func:`forecast_question`, and a saved forecast carries its
question with it, so the cohort that scores it needs nothing else.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from typing import Any

from palace_coup import _data
from palace_coup.classroom.fields import check_date
from palace_coup.classroom.names import check_name

__all__ = [
    "ForecastQuestion",
    "date_problem",
    "exercise_question",
    "forecast_question",
]

MAX_TEXT = 300
"""Longest question text, in characters."""

_ID = re.compile(r"[a-z0-9_.]{1,60}")


@dataclass(frozen=True)
class ForecastQuestion:
    """A yes/no question with the date it resolves.

    Attributes
    ----------
    id : str
        Short name: lower-case letters, digits, ``_`` and ``.``.
    text : str
        The event, in one sentence.
    resolves_on : datetime.date
        When the question is settled; forecasts must be made before it.
    made_by : datetime.date or None
        Latest date a forecast may carry (the Forecast exercise asks for one
        "as of early March 2022"); None for no limit.
    outcome : int or None
        1 if it happened, 0 if not, None while unknown to the package.
    """

    id: str
    text: str
    resolves_on: dt.date
    made_by: dt.date | None = None
    outcome: int | None = None

    def as_record(self) -> dict[str, Any]:
        """Return the question as stored in a forecast file (no outcome)."""
        return {
            "id": self.id,
            "text": self.text,
            "resolves_on": self.resolves_on.isoformat(),
            "made_by": self.made_by.isoformat() if self.made_by else None,
        }


def forecast_question(
    id: str, text: str, resolves_on: str | dt.date, made_by: str | dt.date | None = None
) -> ForecastQuestion:
    """Define a forecast question for a class.

    Parameters
    ----------
    id : str
        Short name, 1 to 60 of ``a-z``, ``0-9``, ``_`` and ``.``.
    text : str
        The event, as students read it (printable, at most 300 characters).
    resolves_on : str or datetime.date
        The date it is settled, ``YYYY-MM-DD``.
    made_by : str or datetime.date, optional
        Latest date a forecast may carry.

    Returns
    -------
    ForecastQuestion

    Raises
    ------
    TypeError, ValueError
        If an argument is not as described; the message names it.

    Examples
    --------
    >>> q = forecast_question("putin_2027", "Putin is no longer President of Russia "
    ...                       "on 31 December 2027.", "2027-12-31")
    >>> q.resolves_on
    datetime.date(2027, 12, 31)
    """
    if not isinstance(id, str) or not _ID.fullmatch(id):
        raise ValueError(f"id must be 1 to 60 of a-z, 0-9, '_' and '.'; got {id!r}")
    text = check_name(text, "text", longest=MAX_TEXT)
    resolves = check_date(resolves_on, "resolves_on")
    latest = None if made_by is None else check_date(made_by, "made_by")
    if latest is not None and latest > resolves:
        raise ValueError("made_by must not be after resolves_on")
    return ForecastQuestion(id, text, resolves, latest)


@functools.cache
def exercise_question() -> ForecastQuestion:
    """Return the Forecast exercise's question, resolved, from the package data.

    Its wording and date are in ``data/class_forecasts.yaml``; the latest date
    a forecast may carry and the outcome come from the question bank
    (``forecast.own`` and ``forecast.own_score``).

    Returns
    -------
    ForecastQuestion

    Examples
    --------
    >>> q = exercise_question()
    >>> q.id, q.resolves_on.isoformat(), q.outcome
    ('forecast.own', '2023-12-31', 0)
    """
    entry = _data.yaml_file("class_forecasts.yaml")["forecast.own"]
    bank = {q["id"]: q for q in _data.yaml_file("questions.yaml")["questions"]}
    question = forecast_question(
        "forecast.own",
        entry["text"],
        entry["resolves_on"],
        bank["forecast.own"]["latest"],
    )
    outcome = int(bank["forecast.own_score"]["outcome"])
    return ForecastQuestion(**{**question.__dict__, "outcome": outcome})


def date_problem(question: ForecastQuestion, day: dt.date) -> str:
    """Say why a forecast's date does not fit its question.

    Parameters
    ----------
    question : ForecastQuestion
        The question forecast.
    day : datetime.date
        The date the forecast carries.

    Returns
    -------
    str
        "" if the date fits (before the question resolves, and not after its
        ``made_by`` date); else the reason.

    Examples
    --------
    >>> date_problem(exercise_question(), dt.date(2022, 3, 31))
    '2022-03-31 is after the latest date allowed (2022-03-07)'
    """
    if day >= question.resolves_on:
        return f"{day} is not before the question resolves ({question.resolves_on})"
    if question.made_by is not None and day > question.made_by:
        return f"{day} is after the latest date allowed ({question.made_by})"
    return ""
