"""The figure grammar of the cascade chart: Granovetter's threshold diagram.

Part of :mod:`palace_coup.figures` (which re-exports :func:`ecdf` and
:func:`cascade`): the builders take *base* charts whose rows already carry the
fields to draw and compute nothing. :mod:`palace_coup.charts` feeds them rows
computed in Python, :mod:`palace_coup.twins` rows computed in the browser.
"""

from __future__ import annotations

from collections.abc import Sequence

import altair as alt
import pandas as pd

from palace_coup import style

__all__ = ["cascade", "ecdf"]


def ecdf(thresholds: alt.Chart) -> alt.Chart:
    """Add the sorted rank ``k`` (0-based), ``n`` and the ECDF to threshold rows.

    Parameters
    ----------
    thresholds : altair.Chart
        Rows with a field ``threshold``.

    Returns
    -------
    altair.Chart
        The same rows with ``rank``, ``n``, ``k`` and ``cdf``, computed by Vega.

    Examples
    --------
    >>> spec = ecdf(alt.Chart().mark_line()).to_dict()
    >>> [step.get("as") for step in spec["transform"][2:]]
    ['k', 'cdf']
    """
    return (
        thresholds.transform_window(
            rank="row_number()", sort=[alt.SortField("threshold", "ascending")]
        )
        .transform_joinaggregate(n="count()")
        .transform_calculate(k="datum.rank - 1", cdf="datum.rank / datum.n")
    )


def cascade(
    curve: alt.Chart, equilibria: Sequence[alt.Chart], reached: alt.Chart
) -> alt.LayerChart:
    """Assemble Granovetter's diagram: the threshold CDF against the diagonal.

    Parameters
    ----------
    curve : altair.Chart
        Rows ``threshold`` and ``cdf`` (after :func:`ecdf`).
    equilibria : sequence of altair.Chart
        Bases whose rows carry ``share``: the resting points.
    reached : altair.Chart
        One row ``equilibrium``, ``initial``, ``equilibrium_text``.

    Returns
    -------
    altair.LayerChart
        The step line of the CDF, its ends, the diagonal, the resting points
        and a line where the cascade stops.

    Examples
    --------
    >>> len(cascade(alt.Chart(), [alt.Chart()], alt.Chart()).to_dict()["layer"])
    8
    """
    share = alt.Scale(domain=[0, 1])
    diagonal = (
        alt.Chart(pd.DataFrame({"share": [0.0, 1.0]}))
        .mark_line(color=style.ROLE_COLORS["guide"], strokeDash=[4, 4])
        .encode(x=alt.X("share:Q", scale=share), y=alt.Y("share:Q", scale=share))
    )
    steps = curve.mark_line(
        interpolate="step-after", color=style.ROLE_COLORS["neutral"], strokeWidth=2.5
    ).encode(
        x=alt.X(
            "threshold:Q", title="Share of the group already defected", scale=share
        ),
        y=alt.Y("cdf:Q", title=["Share whose", "threshold is met"], scale=share),
        tooltip=[
            alt.Tooltip("threshold:Q", title="Share defected", format=".0%"),
            alt.Tooltip("cdf:Q", title="Share willing to defect", format=".0%"),
        ],
    )
    # The CDF is 0 left of the smallest threshold and 1 right of the largest.
    span = curve.transform_aggregate(
        low="min(threshold)", high="max(threshold)"
    ).transform_calculate(zero="0", one="1")
    ends = [
        span.mark_rule(color=style.ROLE_COLORS["neutral"], strokeWidth=2.5).encode(
            x="zero:Q", x2="low:Q", y="zero:Q"
        ),
        span.mark_rule(color=style.ROLE_COLORS["neutral"], strokeWidth=2.5).encode(
            x="high:Q", x2="one:Q", y="one:Q"
        ),
    ]
    fixed = [
        base.mark_point(
            size=70,
            shape="circle",
            filled=False,
            color=style.ROLE_COLORS["ink"],
            strokeWidth=1.5,
        ).encode(
            x="share:Q",
            y="share:Q",
            tooltip=[alt.Tooltip("share:Q", title="Resting point", format=".0%")],
        )
        for base in equilibria
    ]
    stop = reached.mark_rule(color=style.ROLE_COLORS["ink"], strokeWidth=2).encode(
        x="equilibrium:Q",
        tooltip=[
            alt.Tooltip("initial:Q", title="Initial share", format=".0%"),
            alt.Tooltip("equilibrium:Q", title="Cascade stops at", format=".0%"),
        ],
    )
    # The note sits right of the line, or left of it near the right edge.
    notes = [
        reached.transform_filter(f"datum.equilibrium {side} 0.6")
        .mark_text(align=align, dx=offset, y=10, fontWeight="bold")
        .encode(x="equilibrium:Q", text="equilibrium_text:N")
        for side, align, offset in (("<=", "left", 5), (">", "right", -5))
    ]
    chart = alt.layer(diagonal, steps, *ends, *fixed, stop, *notes).properties(
        width="container", height=320
    )
    return style.titled(
        chart,
        "When does a defection cascade stop?",
        f"{style.HYPOTHETICAL}: Granovetter's threshold model; thresholds are assumed.",
        "A step line shows, for each share of the group already defected, the "
        "share whose threshold is met. A dashed diagonal is where the two are "
        "equal; circles mark the resting points where the steps meet it. A "
        "vertical line marks where the cascade stops from the initial share.",
    )
