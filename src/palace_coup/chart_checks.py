"""Checks of what a user passes to a chart: tables with the right columns, sizes.

Every public chart function (:mod:`palace_coup.charts` and the modules it
gathers, :mod:`palace_coup.twins`) checks its input here when the chart is
built, so a wrong table or one too large for a chart fails at once with a
message naming the argument, not later when the chart is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

__all__ = ["MAX_ROWS", "check_rows", "check_table"]

MAX_ROWS = 5000
"""Most rows one chart's data may have: Altair's own limit, kept, since a chart
with more rows would make a page too heavy for a phone."""


def check_table(table: Any, name: str, columns: Sequence[str]) -> pd.DataFrame:
    """Check that ``table`` is a DataFrame with ``columns``; return a copy.

    Parameters
    ----------
    table : Any
        What a user passed to a chart.
    name : str
        The argument's name, used in messages.
    columns : sequence of str
        The columns the chart needs.

    Returns
    -------
    pandas.DataFrame
        A copy of ``table``.

    Raises
    ------
    TypeError
        If ``table`` is not a DataFrame.
    ValueError
        If a column is missing.

    Examples
    --------
    >>> check_table(pd.DataFrame({"a": [1]}), "events", ["a", "b"])
    Traceback (most recent call last):
    ...
    ValueError: events must have the columns ['a', 'b']; missing ['b']
    """
    if not isinstance(table, pd.DataFrame):
        raise TypeError(
            f"{name} must be a pandas DataFrame, got {type(table).__name__}"
        )
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ValueError(
            f"{name} must have the columns {list(columns)}; missing {missing}"
        )
    return table.copy()


def check_rows(count: int, name: str, unit: str, per_unit: int = 1) -> None:
    """Refuse, naming the argument, data that would pass :data:`MAX_ROWS` rows.

    Parameters
    ----------
    count : int
        How many ``unit`` the argument holds (students, thresholds, months).
    name : str
        The argument's name, used in the message.
    unit : str
        What ``count`` counts, in the plural.
    per_unit : int, optional
        Rows the chart draws per unit (default 1).

    Raises
    ------
    ValueError
        If ``count * per_unit`` is more than :data:`MAX_ROWS`.

    Examples
    --------
    >>> check_rows(6000, "thresholds", "values")
    Traceback (most recent call last):
    ...
    ValueError: thresholds must hold at most 5000 values for this chart, got 6000
    """
    if count * per_unit > MAX_ROWS:
        raise ValueError(
            f"{name} must hold at most {MAX_ROWS // per_unit} {unit} for this "
            f"chart, got {count}"
        )
