r"""Loyalty curves: how each faction's loyalty to Putin might erode under pressure.

HYPOTHETICAL MODEL. A teaching device for Thornton's "just give it time": how
long might loyalty last if pressure keeps up? Baselines and sensitivities in
``data/factions.csv`` are our judgements, each with a rationale; none is
estimated from data.

Time is counted in whole months from 24 February 2022 (month 0, the start of
the full-scale invasion).

Assumptions
-----------
* Each faction (military, FSB, SVR, Kremlin elite, public) has one loyalty
  level in [0, 1]: 1 = unconditionally loyal, 0 = ready to defect to a man.
* Three pressures act on every faction, each an *intensity* in [0, 1] held
  constant over the horizon:

  ``casualties``
      The rate of military losses: 0 = none, 1 = the heaviest sustained rate
      the reader thinks plausible.
  ``sanctions``
      How hard sanctions bite on income, assets and travel: 0 = not at all,
      1 = as hard as the reader thinks possible.
  ``setbacks``
      Battlefield failure: 0 = the war goes to plan, 1 = one defeat after
      another.

  Because the intensity is constant, ``intensity * month`` is the cumulative
  exposure: the longer a pressure lasts, the more it wears loyalty down.
* Loyalty decays exponentially with cumulative exposure, at a faction-specific
  rate (its *sensitivities*, per month at full intensity):

  .. math::

      \text{loyalty}_f(t) = b_f \exp\!\big(-(c_f p_c + s_f p_s + k_f p_k)\, t\big),

  with baseline :math:`b_f`, sensitivities :math:`c_f, s_f, k_f`, pressures
  :math:`p_c, p_s, p_k` and month :math:`t`. It stays in [0, 1], never rises
  when a pressure rises or a month passes, and has no memory or feedback:
  factions do not react to one another (that is the job of
  :mod:`palace_coup.cascade`).
* A faction counts as defecting from the first whole month its loyalty is
  *strictly below* the defection threshold (default 0.5).

The closed form is chosen so that a Vega expression in the kernel-free book
can reproduce it: sum the three products left to right (casualties,
sanctions, setbacks), multiply by the month, negate, ``exp``, times baseline.
"""

from __future__ import annotations

import functools
from typing import Any

import numpy as np
import pandas as pd

from palace_coup import _data
from palace_coup._validate import check_int, check_mapping, check_number

__all__ = [
    "DEFAULT_MONTHS",
    "DEFAULT_PRESSURES",
    "DEFECTION_THRESHOLD",
    "MAX_MONTHS",
    "PRESSURES",
    "crossings",
    "curves",
    "factions",
]

_PARAMETERS = _data.parameters("loyalty")

PRESSURES: tuple[str, ...] = ("casualties", "sanctions", "setbacks")
"""Names of the pressures, each an intensity in [0, 1]."""

DEFECTION_THRESHOLD: float = float(_PARAMETERS["defection_threshold"])
"""Default loyalty below which a faction counts as defecting (hypothetical)."""

DEFAULT_MONTHS: int = int(_PARAMETERS["months"])
"""Default horizon in months after 24 February 2022."""

MAX_MONTHS: int = 1200
"""The longest horizon :func:`curves` computes: a century of months."""

DEFAULT_PRESSURES: dict[str, float] = {
    name: float(_PARAMETERS["pressures"][name]) for name in PRESSURES
}
"""Default pressure intensities (hypothetical middling values, not estimates)."""


@functools.cache
def _table() -> pd.DataFrame:
    """Read ``data/factions.csv`` once, with float columns."""
    table = _data.csv("factions.csv")
    for column in ("baseline", *PRESSURES):
        table[column] = table[column].astype(float)
    return table


def factions() -> pd.DataFrame:
    """Return the factions with their baselines and sensitivities.

    Returns
    -------
    pandas.DataFrame
        One row per faction with columns ``faction`` (id), ``label``,
        ``baseline`` (loyalty at month 0, in [0, 1]), one sensitivity column
        per pressure (``casualties``, ``sanctions``, ``setbacks``: decay rate
        per month at full intensity) and ``rationale``. A fresh copy.


    Examples
    --------
    >>> factions()["faction"].tolist()
    ['military', 'fsb', 'svr', 'elite', 'public']
    >>> factions().loc[0, "label"]
    'Military'
    """
    return _table().copy()


def _pressures(pressures: dict[str, Any]) -> dict[str, float]:
    """Validate pressure intensities and fill in the defaults."""
    given = check_mapping(pressures, "pressures", PRESSURES, 0.0, 1.0)
    return {name: given.get(name, DEFAULT_PRESSURES[name]) for name in PRESSURES}


def curves(
    months: int = DEFAULT_MONTHS,
    *,
    threshold: float = DEFECTION_THRESHOLD,
    **pressures: float,
) -> pd.DataFrame:
    r"""Compute each faction's loyalty, month by month, under constant pressures.

    Parameters
    ----------
    months : int, optional
        Horizon: months 0 to ``months`` inclusive, counted from 24 February
        2022 (default 24, at most :data:`MAX_MONTHS`).
    threshold : float, optional
        Defection threshold in [0, 1]. It does not change the curves; it is
        recorded in ``DataFrame.attrs["threshold"]`` so a chart can draw it.
    **pressures : float
        Intensities in [0, 1] for ``casualties``, ``sanctions`` and
        ``setbacks``; those left out take :data:`DEFAULT_PRESSURES`
        (0.5 each).

    Returns
    -------
    pandas.DataFrame
        Tidy (long) table with exactly the columns ``faction`` (str),
        ``month`` (int) and ``loyalty`` (float in [0, 1]), one row per faction
        and month, factions in the order of :func:`factions`. ``attrs`` holds
        ``threshold`` and ``pressures``.

    Raises
    ------
    TypeError
        If ``months`` is not an integer or a pressure is not a number.
    ValueError
        If ``months`` is negative or above :data:`MAX_MONTHS`, a pressure
        name is unknown, or a pressure or the threshold is outside [0, 1] (or
        NaN).

    Examples
    --------
    >>> table = curves(casualties=1.0, sanctions=0.0, setbacks=0.0)
    >>> list(table.columns)
    ['faction', 'month', 'loyalty']
    >>> table.loc[table["faction"] == "military", "loyalty"].iloc[0]
    np.float64(0.9)
    >>> round(table.query("faction == 'military' and month == 12")["loyalty"].item(), 4)
    0.6667
    >>> curves(morale=0.3)
    Traceback (most recent call last):
    ...
    ValueError: pressures has an unknown key 'morale'; allowed keys: 'casualties', 'sanctions', 'setbacks'
    """  # noqa: E501
    months = check_int(months, "months", 0, MAX_MONTHS)
    threshold = check_number(threshold, "threshold", 0.0, 1.0)
    intensity = _pressures(pressures)
    table = _table()
    # Left-to-right sum in PRESSURES order, matching the Vega expression.
    rate = np.zeros(len(table))
    for name in PRESSURES:
        rate = rate + table[name].to_numpy() * intensity[name]
    month = np.arange(months + 1)
    loyalty = table["baseline"].to_numpy()[:, None] * np.exp(
        -rate[:, None] * month[None, :]
    )
    result = pd.DataFrame(
        {
            "faction": np.repeat(table["faction"].to_numpy(dtype=object), months + 1),
            "month": np.tile(month, len(table)).astype(np.int64),
            "loyalty": loyalty.ravel(),
        }
    )
    result["faction"] = result["faction"].astype(str)
    result.attrs = {"threshold": threshold, "pressures": dict(intensity)}
    return result


def crossings(
    curves_df: pd.DataFrame | None = None,
    threshold: float = DEFECTION_THRESHOLD,
    *,
    months: int = DEFAULT_MONTHS,
    **pressures: float,
) -> pd.DataFrame:
    """Find the first month each faction's loyalty falls below the threshold.

    Parameters
    ----------
    curves_df : pandas.DataFrame, optional
        Output of :func:`curves` (columns ``faction``, ``month``,
        ``loyalty``). If omitted, ``curves(months, **pressures)`` is used.
    threshold : float, optional
        Defection threshold in [0, 1] (default :data:`DEFECTION_THRESHOLD`,
        0.5). A faction defects in the first month its loyalty is *strictly*
        below it.
    months : int, optional
        Horizon when ``curves_df`` is omitted (default 24, at most
        :data:`MAX_MONTHS`).
    **pressures : float
        Pressure intensities when ``curves_df`` is omitted (see
        :func:`curves`). Not allowed together with ``curves_df``.

    Returns
    -------
    pandas.DataFrame
        One row per faction: ``faction``, ``label`` and ``month`` (nullable
        integer, months after 24 February 2022; ``<NA>`` if loyalty stays at
        or above the threshold over the whole horizon).

    Raises
    ------
    TypeError
        If ``curves_df`` is not a DataFrame, or an argument has the wrong type.
    ValueError
        If ``curves_df`` lacks a column or holds loyalty outside [0, 1], if
        pressures are given together with ``curves_df``, or as :func:`curves`.

    Examples
    --------
    >>> crossings(casualties=1.0, sanctions=1.0, setbacks=1.0)[["faction", "month"]]
        faction  month
    0  military     10
    1       fsb      8
    2       svr      8
    3     elite      7
    4    public      3
    >>> crossings(casualties=0, sanctions=0, setbacks=0)["month"].isna().all()
    np.True_
    """
    threshold = check_number(threshold, "threshold", 0.0, 1.0)
    if curves_df is None:
        curves_df = curves(months, threshold=threshold, **pressures)
    else:
        if pressures:
            raise ValueError(
                "give either curves_df or pressures, not both "
                f"(got pressures {sorted(pressures)})"
            )
        curves_df = _check_curves(curves_df)
    labels = dict(zip(_table()["faction"], _table()["label"], strict=True))
    below = curves_df.loc[curves_df["loyalty"] < threshold]
    first = below.groupby("faction", sort=False)["month"].min()
    order = list(dict.fromkeys(curves_df["faction"].tolist()))
    month = pd.array([first.get(name, pd.NA) for name in order], dtype="Int64")
    return pd.DataFrame(
        {
            "faction": pd.array(order, dtype=str),
            "label": pd.array([labels.get(name, name) for name in order], dtype=str),
            "month": month,
        }
    )


def _check_curves(curves_df: Any) -> pd.DataFrame:
    """Check a curves table passed in by the user."""
    if not isinstance(curves_df, pd.DataFrame):
        raise TypeError(
            "curves_df must be a pandas DataFrame from loyalty.curves(), "
            f"got {type(curves_df).__name__}"
        )
    missing = [c for c in ("faction", "month", "loyalty") if c not in curves_df]
    if missing:
        raise ValueError(
            f"curves_df must have columns 'faction', 'month', 'loyalty'; "
            f"missing {missing}"
        )
    if curves_df.empty:
        raise ValueError("curves_df must not be empty")
    loyalty = pd.to_numeric(curves_df["loyalty"], errors="coerce")
    if loyalty.isna().any() or not loyalty.between(0.0, 1.0).all():
        raise ValueError("curves_df['loyalty'] must hold numbers in [0, 1]")
    return curves_df
