"""The explorers' results in words: what a screen reader announces.

Each explorer (the weigher, the loyalty and the cascade explorers) says its
result in one plain sentence, for the live region of the published book and
for the readout of the live widgets, so a reader who cannot see the chart
hears the same as one who can:

>>> from palace_coup import preconditions
>>> weigher(preconditions.score())
'Index 0.218, compensatory rule; largest contribution: War going badly'

The published book says these words without a kernel: its script
(``book/_ext/static/palace-coup-explorables.js``) fills the same
:data:`TEMPLATES` from the values the Vega twin computes, rounding as
:func:`fixed` does (JavaScript's ``toFixed``: half up, on the number's exact
value), and ``tests/test_explorables.py`` proves in the browser that the page
says what these functions say. All three models are HYPOTHETICAL.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

import pandas as pd

from palace_coup import preconditions
from palace_coup._validate import check_int, check_number

__all__ = ["TEMPLATES", "cascade", "fixed", "loyalty", "percent", "weigher"]

TEMPLATES: dict[str, str] = {
    "weigher": "Index {index}{change}, {rule} rule; largest contribution: {top}",
    "unchanged": ", unchanged",
    "up": ", up {change}",
    "down": ", down {change}",
    "no_top": "none (every contribution is 0)",
    "zero_weights": "All weights are zero: give one a weight.",
    "loyalty": "First month below the threshold: {crossed}",
    "crossing": "{label} {month}",
    "none_crossed": "none within {months} months",
    "not_crossed": "not within {months} months",
    "cascade": "Starting from {initial}%, the cascade stops at {equilibrium}% "
    "of the group.",
}
"""The sentences, with ``{fields}`` filled by these functions and by the page."""


def fixed(value: float, places: int) -> str:
    """Write ``value`` with ``places`` decimals, rounding half up.

    The exact binary value is rounded, as JavaScript's ``Number.toFixed``
    does for numbers of at least 0 (Python's own format rounds a tie to even:
    ``f"{0.0625:.3f}"`` is ``'0.062'``).

    Parameters
    ----------
    value : float
        A number of at least 0 (``-0.0`` is written as ``0``).
    places : int
        Decimals, from 0 to 10.

    Returns
    -------
    str

    Examples
    --------
    >>> fixed(0.0625, 3), fixed(0.2184, 3), fixed(-0.0, 2), fixed(1, 0)
    ('0.063', '0.218', '0.00', '1')
    """
    value = check_number(value, "value", 0.0) + 0.0
    places = check_int(places, "places", 0, 10)
    step = Decimal(1).scaleb(-places)
    return str(Decimal(value).quantize(step, rounding=ROUND_HALF_UP))


def percent(share: float) -> str:
    """Write a share in [0, 1] as a whole percentage, rounding half up.

    Examples
    --------
    >>> percent(0.02), percent(0.29), percent(1.0), percent(0.125)
    ('2', '29', '100', '13')
    """
    share = check_number(share, "share", 0.0, 1.0)
    return str(int(Decimal(fixed(share, 2)) * 100))


def weigher(
    assessment: preconditions.Assessment,
    previous: preconditions.Assessment | None = None,
) -> str:
    """Say the weigher's result: index, change, rule, largest contribution.

    Parameters
    ----------
    assessment : palace_coup.preconditions.Assessment
        The current result of :func:`palace_coup.preconditions.score`.
    previous : palace_coup.preconditions.Assessment, optional
        The result before the last move; without it no change is said.

    Returns
    -------
    str

    Raises
    ------
    TypeError
        If ``assessment`` or ``previous`` is not an ``Assessment``.

    Examples
    --------
    >>> from palace_coup import preconditions
    >>> before = preconditions.score()
    >>> after = preconditions.score({"war_going_badly": 1.0})
    >>> weigher(after, before)
    'Index 0.261, up 0.042, compensatory rule; largest contribution: War going badly'
    """
    for name, value in (("assessment", assessment), ("previous", previous)):
        if value is not None and not isinstance(value, preconditions.Assessment):
            raise TypeError(
                f"{name} must be a result of preconditions.score(), "
                f"got {type(value).__name__}"
            )
    change = ""
    if previous is not None:
        step = assessment.index - previous.index
        shown = fixed(abs(step), 3)
        if float(shown) == 0:
            change = TEMPLATES["unchanged"]
        else:
            change = TEMPLATES["up" if step > 0 else "down"].format(change=shown)
    parts = assessment.contributions
    largest = parts["contribution"].max()
    top = (
        parts.loc[parts["contribution"].idxmax(), "label"]
        if largest > 0
        else TEMPLATES["no_top"]
    )
    return TEMPLATES["weigher"].format(
        index=fixed(assessment.index, 3), change=change, rule=assessment.rule, top=top
    )


def loyalty(crossings: pd.DataFrame, months: int) -> str:
    """Say when each faction first falls below the defection threshold.

    Parameters
    ----------
    crossings : pandas.DataFrame
        :func:`palace_coup.loyalty.crossings`: ``label`` and ``month`` (NaN
        where a faction never crosses), in the factions' order.
    months : int
        The horizon, for the case where no faction crosses.

    Returns
    -------
    str
        Earliest first; factions crossing in the same month in their order.

    Examples
    --------
    >>> from palace_coup import loyalty as model
    >>> loyalty(model.crossings(casualties=1.0), 24)
    'First month below the threshold: Public 4, Kremlin elite 12, Military 14, FSB 14, \
SVR 14'
    >>> loyalty(model.crossings(casualties=0, sanctions=0, setbacks=0), 24)
    'First month below the threshold: none within 24 months'
    """
    if not isinstance(crossings, pd.DataFrame) or not {"label", "month"} <= set(
        crossings.columns
    ):
        raise TypeError("crossings must be a DataFrame with 'label' and 'month'")
    months = check_int(months, "months", 0)
    crossed = crossings.dropna(subset=["month"]).sort_values("month", kind="stable")
    parts = [
        TEMPLATES["crossing"].format(label=row.label, month=int(row.month))
        for row in crossed.itertuples()
    ]
    said = ", ".join(parts) or TEMPLATES["none_crossed"].format(months=months)
    return TEMPLATES["loyalty"].format(crossed=said)


def cascade(initial: float, equilibrium: float) -> str:
    """Say where a defection cascade that starts at ``initial`` comes to rest.

    Parameters
    ----------
    initial, equilibrium : float
        Shares in [0, 1]: the committed defectors at the start, and the share
        defecting at rest (:func:`palace_coup.cascade.equilibrium`).

    Returns
    -------
    str

    Examples
    --------
    >>> cascade(0.0, 0.02)
    'Starting from 0%, the cascade stops at 2% of the group.'
    """
    return TEMPLATES["cascade"].format(
        initial=percent(initial), equilibrium=percent(equilibrium)
    )
