"""Fields every class file shares: time stamps, dates, and one file per student.

Each loader of :mod:`palace_coup.classroom` reads a student's name and a time
stamp from every file and keeps, for each name, only the latest file: a
student who handed in twice is counted once, and the older file is reported.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

__all__ = ["check_date", "keep_latest", "now", "timestamp"]


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
