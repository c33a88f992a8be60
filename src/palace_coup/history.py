"""Soviet and Russian leadership challenges, 1953 to 2023, and global base rates.

A small sourced dataset for base-rate reasoning: before judging the odds of a
palace coup in Moscow in March 2022, look at how earlier challenges ended and
at how often coups succeed worldwide. Six cases are far too few for a
statistic; they are for comparing, not for estimating.

Assumptions and codings (judgments, stated in ``data/cases.csv``)
-----------------------------------------------------------------
* ``challenger`` is the side that moved first against the existing order and
  ``target`` the side it moved against; ``success`` is True when the target
  lost power (the challenger got what it came for).
* 1993 is coded from Yeltsin's side, since his decree of 21 September 1993
  broke the constitutional order first: a "self-coup" that succeeded. Read
  from parliament's side it is a failed challenge.
* ``counted_as_coup_attempt`` marks the cases that fit Powell and Thyne's
  (2011) definition: an illegal, overt attempt by the military or other elites
  within the state apparatus to unseat the *sitting executive*. It is False
  for 1953 (the target was the security chief), 1993 (the executive was the
  challenger) and 2023 (the stated target was the defence ministry, not
  Putin; some read it otherwise).
* Base rates (``data/base_rates.csv``) are the published global figures only,
  each with its citation key; no other figure is added.

Citation keys (``source`` columns) are those of ``book/references.bib``.
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from palace_coup import _data

__all__ = ["base_rates", "cases", "success_rate", "timeline"]


@functools.cache
def _cases() -> pd.DataFrame:
    """Read ``data/cases.csv`` once, with dates and booleans parsed."""
    table = _data.csv("cases.csv")
    for column in ("start", "end"):
        table[column] = pd.to_datetime(table[column], format="%Y-%m-%d")
    for column in ("success", "counted_as_coup_attempt"):
        table[column] = table[column].astype(bool)
    return table


def cases() -> pd.DataFrame:
    """Return the six Soviet and Russian leadership challenges, 1953 to 2023.

    Returns
    -------
    pandas.DataFrame
        One row per case, in date order, with columns ``start`` and ``end``
        (datetime64), ``event``, ``type``, ``outcome``, ``challenger``,
        ``target``, ``success`` (bool: the target lost power),
        ``counted_as_coup_attempt`` (bool: fits Powell and Thyne's
        definition), ``actors``, ``source`` (a key of ``references.bib``, or
        missing where only standard histories are cited so far) and
        ``coding_note`` (why each case is coded as it is). A fresh copy.


    Examples
    --------
    >>> table = cases()
    >>> table["start"].dt.year.tolist()
    [1953, 1957, 1964, 1991, 1993, 2023]
    >>> table.loc[table["start"].dt.year == 1964, "source"].item()
    'tompson1991'
    """
    return _cases().copy()


def base_rates() -> pd.DataFrame:
    """Return the published global base rates of coups and regime exits.

    Returns
    -------
    pandas.DataFrame
        One row per figure with columns ``id``, ``quantity``, ``value``,
        ``qualifier`` (``"about"``, ``"more than"`` or ``"exactly"``: how the
        source states it), ``unit`` (``"share"`` or ``"count"``), ``period``,
        ``definition`` and ``source`` (citation key). The figures: about half
        of coup attempts succeed, success meaning the plotters hold power for
        at least seven days (powell2011); of 303 dictators removed by
        non-constitutional means in 1946-2008, more than two-thirds were
        removed by regime insiders, 32 by popular uprisings and 30 by pressure
        to democratise (svolik2012).


    Examples
    --------
    >>> rates = base_rates().set_index("id")
    >>> float(rates.loc["coup_success_share", "value"])
    0.5
    >>> rates.loc["coup_success_share", "source"]
    'powell2011'
    >>> int(rates.loc["dictators_removed_irregularly", "value"])
    303
    """
    return _data.csv("base_rates.csv")


def success_rate(df: Any = None) -> float:
    """Return the share of cases in a table that succeeded.

    Parameters
    ----------
    df : pandas.DataFrame, optional
        Rows of :func:`cases`, possibly filtered (e.g. only
        ``counted_as_coup_attempt``); must have a boolean ``success`` column.
        Default: all six cases.

    Returns
    -------
    float
        Number of successes divided by number of rows.

    Raises
    ------
    TypeError
        If ``df`` is not a DataFrame, or ``success`` holds non-booleans.
    ValueError
        If ``df`` has no ``success`` column or no rows.

    Examples
    --------
    >>> success_rate()
    0.5
    >>> table = cases()
    >>> round(success_rate(table[table["counted_as_coup_attempt"]]), 3)
    0.333
    """
    if df is None:
        df = _cases()
    if not isinstance(df, pd.DataFrame):
        raise TypeError(
            f"df must be a pandas DataFrame such as history.cases(), "
            f"got {type(df).__name__}"
        )
    if "success" not in df.columns:
        raise ValueError("df must have a 'success' column (True/False)")
    if len(df) == 0:
        raise ValueError("df must have at least one row")
    success = df["success"]
    if not pd.api.types.is_bool_dtype(success):
        values = success.tolist()
        if not all(isinstance(value, bool) for value in values):
            raise TypeError("df['success'] must hold True/False values")
        success = pd.Series(values, dtype=bool)
    return float(success.sum()) / len(success)


def timeline() -> pd.DataFrame:
    """Return the dated events of early 2022 that the article weighs.

    Returns
    -------
    pandas.DataFrame
        One row per event, in date order, from ``data/timeline.csv`` (drawn
        from the book's content brief): ``date`` (datetime64), ``event``,
        ``faction`` (the faction it concerns, a faction id of
        :func:`palace_coup.loyalty.factions`, or ``"other"``) and ``source``
        (a key of ``references.bib``). A fresh copy.

    Examples
    --------
    >>> events = timeline()
    >>> events["date"].min().date().isoformat(), events["faction"].iloc[0]
    ('2022-01-31', 'military')
    """
    table = _data.csv("timeline.csv")
    table["date"] = pd.to_datetime(table["date"], format="%Y-%m-%d")
    return table
