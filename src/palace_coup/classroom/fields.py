"""Fields every class file shares: time stamps, dates, and one file per student.

Each loader of :mod:`palace_coup.classroom` reads a student's name and a time
stamp from every file and keeps, for each name, only the latest file: a
student who handed in twice is counted once, and the older file is reported.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

__all__ = [
    "FORMATS",
    "OtherFormat",
    "check_date",
    "check_format",
    "keep_latest",
    "now",
    "timestamp",
]

FORMATS = {
    "palace-coup-weighting": "a saved weighting",
    "palace-coup-exercise-record": "an exercise record",
    "palace-coup-forecast": "a saved forecast",
}
"""The ``format`` of every kind of class file, and what it is called."""


_CANONICAL = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")


class OtherFormat(Exception):
    """Raised for a class file of another kind: passed over, not reported."""


def check_format(record: Any, *expected: str) -> None:
    """Check that a parsed file is one of the ``expected`` kinds of class file.

    Parameters
    ----------
    record : object
        The parsed file.
    *expected : str
        The formats the caller loads (keys of :data:`FORMATS`).

    Raises
    ------
    OtherFormat
        If it is another kind of class file (a lecturer may keep every kind
        in one folder; each loader passes over the others in silence).
    ValueError
        If it is not a class file at all.

    Examples
    --------
    >>> check_format({"format": "palace-coup-forecast"}, "palace-coup-weighting")
    Traceback (most recent call last):
    ...
    palace_coup.classroom.fields.OtherFormat: a saved forecast
    """
    kind = record.get("format") if isinstance(record, dict) else None
    if kind in expected:
        return
    if kind in FORMATS:
        raise OtherFormat(FORMATS[kind])
    wanted = " or ".join(f'{FORMATS[e]} (no "format": "{e}")' for e in expected)
    raise ValueError(f"not {wanted}")


def timestamp(value: Any, argument: str) -> str:
    """Check a time stamp: ISO 8601 text such as ``2026-03-01T10:00:00Z``.

    Parameters
    ----------
    value : str
        The time stamp.
    argument : str
        Its name, for the error message.

    Returns
    -------
    str
        The time in UTC, to the second, as ``YYYY-MM-DDTHH:MM:SSZ`` (a time
        without a zone is read as UTC), so that time stamps sort as text.

    Raises
    ------
    ValueError
        If ``value`` is not a string of at most 40 characters that
        :meth:`datetime.datetime.fromisoformat` reads.

    Examples
    --------
    >>> timestamp("2026-03-01T11:00:00+01:00", "saved_at")
    '2026-03-01T10:00:00Z'
    """
    try:
        if not isinstance(value, str) or len(value) > 40:
            raise ValueError
        moment = dt.datetime.fromisoformat(value)
        if _CANONICAL.fullmatch(value):
            return value  # already UTC to the second: the common case, kept fast
    except ValueError:
        raise ValueError(
            f"{argument} must be a date and time such as 2026-03-01T10:00:00Z"
        ) from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def check_date(value: Any, argument: str) -> dt.date:
    """Check a calendar date given as ``YYYY-MM-DD`` text (or a date).

    Parameters
    ----------
    value : str or datetime.date
        The date.
    argument : str
        Its name, for the error message.

    Returns
    -------
    datetime.date

    Raises
    ------
    ValueError
        If ``value`` is not such a date.

    Examples
    --------
    >>> check_date("2022-03-02", "made_on")
    datetime.date(2022, 3, 2)
    """
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ValueError(
            f"{argument} must be a date written YYYY-MM-DD, such as 2022-03-02"
        ) from None


def now() -> str:
    """Return the time now, in UTC, to the second, as ISO 8601 text.

    Returns
    -------
    str
        For example ``2026-03-01T10:00:00Z``.

    Examples
    --------
    >>> len(now())
    20
    """
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def keep_latest(
    rows: Iterable[dict[str, Any]], stamp: str = "saved_at"
) -> tuple[list[dict[str, Any]], list[tuple[str, str]]]:
    """Keep each student's latest file; report the older ones.

    Parameters
    ----------
    rows : iterable of dict
        One dict per loaded file, in file-name order, each with ``name``,
        ``file`` and the ``stamp`` key (text from :func:`timestamp`). Rows with
        an empty name are all kept: nothing says they are the same student.
    stamp : str, optional
        The key of the time stamp (default ``saved_at``).

    Returns
    -------
    kept : list of dict
        The latest row of each name (ties: the last file), in file order.
    problems : list of (str, str)
        ``(file, reason)`` for each older file of a name.

    Examples
    --------
    >>> rows = [{"name": "A", "file": "a1.json", "saved_at": "2026-01-02T00:00:00Z"},
    ...         {"name": "A", "file": "a2.json", "saved_at": "2026-01-01T00:00:00Z"}]
    >>> kept, problems = keep_latest(rows)
    >>> [row["file"] for row in kept], problems[0][0]
    (['a1.json'], 'a2.json')
    """
    rows = list(rows)
    latest: dict[str, int] = {}
    for i, row in enumerate(rows):
        if not row["name"]:
            continue
        j = latest.get(row["name"])
        if j is None or row[stamp] >= rows[j][stamp]:
            latest[row["name"]] = i
    kept, problems = [], []
    for i, row in enumerate(rows):
        j = latest.get(row["name"], i)
        if j == i:
            kept.append(row)
        else:
            problems.append(
                (
                    row["file"],
                    f"an older file of the same student as {rows[j]['file']}: "
                    "skipped (two students who share a name should save under "
                    "different names)",
                )
            )
    return kept, problems
