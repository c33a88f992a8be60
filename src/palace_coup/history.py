"""Soviet and Russian leadership challenges, Kremlin leaders' exits and base rates.

A small sourced dataset for base-rate reasoning: before judging the odds of a
palace coup in Moscow in March 2022, look at how earlier challenges ended, at
how every Kremlin leader since 1924 has left office, and at how often coups
succeed worldwide. Six challenges and eight exits are far too few for a
statistic; they are for comparing, not for estimating.

Assumptions and codings (judgements, stated in ``data/cases.csv``)
-----------------------------------------------------------------
* ``challenger`` is the side that moved first against the existing order and
  ``target`` the side it moved against; ``success`` is True when the target
  lost power (the challenger got what it came for).
* 1993 is coded from Yeltsin's side, since his decree of 21 September 1993
  broke the constitutional order first: a "self-coup" that succeeded. Read
  from parliament's side it is a failed challenge.
* ``counted_as_coup_attempt`` marks the cases that fit Powell and Thyne's
  (2011) definition: an *illegal*, overt attempt by the military or other
  elites within the state apparatus to unseat the *sitting executive*. Only
  1991 fits: 1957 and 1964 went through party bodies that formally could
  remove the First Secretary; in 1953 the target was the security chief, in
  1993 the executive was the challenger, and in 2023 the stated target was the
  defence ministry, not Putin (some read it otherwise).
* ``insider_challenge`` marks the looser sense of "palace coup": regime
  insiders moving against the sitting leader by any means, legal or not
  (1957, 1964 and 1991).
* How each leader left office (``data/exits.csv``) is coded in four kinds;
  Malenkov's brief primacy in March 1953 and Medvedev's presidency
  (2008-2012), when Putin remained the senior partner, are left out.
* Base rates (``data/base_rates.csv``) are the published global figures only,
  each with its citation key; no other figure is added.

Citation keys (``source`` columns) are those of ``book/references.bib``.
"""

from __future__ import annotations

import functools
from typing import Any

import pandas as pd

from palace_coup import _data

__all__ = ["base_rates", "cases", "exits", "success_rate", "timeline"]


@functools.cache
def _cases() -> pd.DataFrame:
    """Read ``data/cases.csv`` once, with dates and booleans parsed."""
    table = _data.csv("cases.csv")
    for column in ("start", "end"):
        table[column] = pd.to_datetime(table[column], format="%Y-%m-%d")
    for column in ("success", "counted_as_coup_attempt", "insider_challenge"):
        table[column] = table[column].astype(bool)
    return table


@functools.cache
def _exits() -> pd.DataFrame:
    """Read ``data/exits.csv`` once, with dates parsed."""
    table = _data.csv("exits.csv")
    table["left_office"] = pd.to_datetime(table["left_office"], format="%Y-%m-%d")
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
        definition, which requires an illegal attempt),
        ``insider_challenge`` (bool: insiders moved against the sitting
        leader, by any means), ``actors``, ``source`` (a key of ``references.bib``, or
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


def exits() -> pd.DataFrame:
    """Return how each Kremlin leader since 1924 left office.

    A base rate in its own right: of the eight leaders who left office from
    Lenin to Yeltsin, five died in office, one was removed by insiders
    (Khrushchev, 1964), one left as the state dissolved (Gorbachev, 1991) and
    one resigned in a managed handover (Yeltsin, 1999).

    Returns
    -------
    pandas.DataFrame
        One row per leader, in date order, with columns ``leader``, ``post``
        (the post that made him the Kremlin's leader), ``left_office``
        (datetime64), ``how`` (``"died in office"``, ``"removed by
        insiders"``, ``"left as the state dissolved"`` or ``"resigned in a
        managed handover"``), ``detail`` and ``source`` (a key of
        ``references.bib``). A fresh copy.

    Examples
    --------
    >>> table = exits()
    >>> table["left_office"].dt.year.tolist()
    [1924, 1953, 1964, 1982, 1984, 1985, 1991, 1999]
    >>> int(table["how"].value_counts()["died in office"])
    5
    """
    return _exits().copy()


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
        non-constitutional means in 1946-2008, 205 were removed by regime
        insiders, 32 by popular uprisings, 30 by pressure to democratise, 20
        were assassinated and 16 removed by foreign intervention
        (svolik2012).


    Examples
    --------
    >>> rates = base_rates().set_index("id")
    >>> float(rates.loc["coup_success_share", "value"])
    0.5
    >>> rates.loc["coup_success_share", "source"]
    'powell2011'
    >>> int(rates.loc["dictators_removed_irregularly", "value"])
    303
    >>> int(rates.loc["removed_by_insiders", "value"])
    205
    """
    return _data.csv("base_rates.csv")


def success_rate(df: Any = None) -> float:
    """Return the share of cases in a table that succeeded.

    Parameters
    ----------
    df : pandas.DataFrame, optional
        Rows of :func:`cases`, possibly filtered (e.g. only
        ``insider_challenge``); must have a boolean ``success`` column.
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
    >>> round(success_rate(table[table["insider_challenge"]]), 3)
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
