"""The figure grammar: the marks and encodings of the model charts.

Each builder takes *base* charts whose rows already carry the fields to draw,
and adds marks, encodings, a title and a description; it computes nothing.
:mod:`palace_coup.charts` feeds them rows computed in Python, and the
kernel-free :mod:`palace_coup.twins` feeds them rows computed in the browser
by Vega expressions, so the two look the same and no encoding is written
twice. Colours, labels and titles come from :mod:`palace_coup.style`. The
cascade chart's builders, :func:`ecdf` and :func:`cascade`, live in
:mod:`palace_coup.cascade_figures` and are re-exported here.

The builders trust their inputs; the public functions that call them check
what a user passes (:mod:`palace_coup.chart_checks`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt

from palace_coup import preconditions, style
from palace_coup.cascade_figures import cascade, ecdf

__all__ = [
    "ROW_STEP",
    "cascade",
    "contributions",
    "ecdf",
    "labelled_rows",
    "loyalty",
    "sensitivity",
]

# --- Preconditions ---------------------------------------------------------------


ROW_STEP = 40
"""Height of one labelled row of a bar chart, in pixels: its label above its bar."""


def labelled_rows(
    marks: Sequence[alt.Chart],
    base: alt.Chart,
    sort: Any,
    text: str,
    count: int,
    extra: Sequence[alt.Chart] = (),
) -> alt.LayerChart:
    """Lay out one row per item, its label above its marks, across the column.

    The labels are text in the plot, not an axis, so a long label never
    narrows the marks and the chart fills a phone's column; each row is
    :data:`ROW_STEP` pixels high, so every row shows however many there are
    (a height in pixels, not a step, so that the chart can fit its width).

    Parameters
    ----------
    marks : sequence of altair.Chart
        Marked charts whose rows carry ``label``; each is drawn in the lower
        part of its row (give it ``yOffset``).
    base : altair.Chart
        Rows with ``label`` and the field named in ``text``.
    sort : altair sort
        The order of the rows.
    text : str
        The encoding of each row's label (``"label:N"``).
    count : int
        How many rows there are (the chart is ``count * ROW_STEP`` high).
    extra : sequence of altair.Chart, optional
        Layers drawn across all the rows (a reference line).

    Returns
    -------
    altair.LayerChart

    Examples
    --------
    >>> rows = labelled_rows([alt.Chart().mark_bar(yOffset=8)], alt.Chart(),
    ...                      "ascending", "label:N", count=9)
    >>> rows.to_dict()["height"], rows.to_dict()["layer"][1]["mark"]["type"]
    (360, 'text')
    """
    y = alt.Y("label:N", title=None, sort=sort, axis=None, scale=alt.Scale(padding=0))
    label = base.mark_text(align="left", baseline="bottom", dy=-1).encode(
        x=alt.value(0), y=y, text=text
    )
    return alt.layer(*(m.encode(y=y) for m in marks), label, *extra).properties(
        width="container", height=count * ROW_STEP
    )


def _index_gauge(base: alt.Chart) -> alt.LayerChart:
    """Draw a bar from 0 to the index on a [0, 1] axis, its value above it.

    ``base`` has one row with fields ``index``, ``rule`` and ``index_text``.
    """
    bar = base.mark_bar(color=style.ROLE_COLORS["ink"]).encode(
        x=alt.X(
            "index:Q",
            title=["Coup-conditions index", "(0 = absent, 1 = fully present)"],
            scale=alt.Scale(domain=[0, 1]),
        ),
        x2=alt.datum(0),
        y=alt.value(22),
        y2=alt.value(40),
        tooltip=[
            alt.Tooltip("index:Q", title="Index", format=".3f"),
            alt.Tooltip("rule:N", title="Rule"),
        ],
    )
    text = base.mark_text(align="left", baseline="top", fontWeight="bold").encode(
        x=alt.value(0), y=alt.value(0), text="index_text:N"
    )
    return alt.layer(bar, text).properties(width="container", height=40)


def _contribution_bars(base: alt.Chart) -> alt.LayerChart:
    """Sorted bars of each precondition's contribution to the index, labelled.

    ``base`` has one row per precondition with fields ``label``,
    ``faction_label``, ``score``, ``weight``, ``share`` and ``contribution``.
    """
    bars = base.encode(
        x=alt.X("contribution:Q", title="Contribution to the index (index units)"),
        color=style.faction_color("Faction concerned"),
        tooltip=[
            alt.Tooltip("label:N", title="Precondition"),
            alt.Tooltip("score:Q", title="Score (0-1)", format=".2f"),
            alt.Tooltip("weight:Q", title="Weight", format=".2f"),
            alt.Tooltip("share:Q", title="Share of total weight", format=".1%"),
            alt.Tooltip("contribution:Q", title="Contribution", format=".3f"),
        ],
    )
    named = base.transform_calculate(
        row_text="datum.label + ': ' + format(datum.contribution, '.3f')"
    )
    order = alt.EncodingSortField("contribution", op="max", order="descending")
    marks = [bars.mark_bar(height=14, yOffset=8)]
    return labelled_rows(marks, named, order, "row_text:N", len(preconditions.ids()))


def _tornado(base: alt.Chart, step: float) -> alt.LayerChart:
    """Tornado chart: how far the index moves if one score moves by +/- ``step``.

    ``base`` has one row per precondition with fields ``label``,
    ``faction_label``, ``sensitivity`` and ``index``; the swing is the
    first-order change ``step * sensitivity`` each way, clipped to [0, 1].
    """
    swing = base.transform_calculate(
        low=f"max(0, datum.index - {step} * datum.sensitivity)",
        high=f"min(1, datum.index + {step} * datum.sensitivity)",
    )
    bars = swing.encode(
        x=alt.X(
            "low:Q",
            title=["Index if one score moves", f"by -{step} or +{step}"],
            scale=alt.Scale(zero=False),
        ),
        x2="high:Q",
        color=style.faction_color("Faction concerned"),
        tooltip=[
            alt.Tooltip("label:N", title="Precondition"),
            alt.Tooltip(
                "sensitivity:Q", title="Index change per unit of score", format=".3f"
            ),
            alt.Tooltip("low:Q", title=f"Index at score -{step}", format=".3f"),
            alt.Tooltip("high:Q", title=f"Index at score +{step}", format=".3f"),
        ],
    )
    order = alt.EncodingSortField("sensitivity", op="max", order="descending")
    centre = base.mark_rule(color=style.ROLE_COLORS["ink"], strokeDash=[4, 3]).encode(
        x="mean(index):Q"
    )
    marks = [bars.mark_bar(height=14, yOffset=8)]
    count = len(preconditions.ids())
    return labelled_rows(marks, base, order, "label:N", count, extra=[centre])


def contributions(rows: alt.Chart, index_row: alt.Chart) -> alt.VConcatChart:
    """Assemble the contributions figure: the index gauge over sorted bars.

    Parameters
    ----------
    rows : altair.Chart
        One row per precondition with ``label``, ``faction_label``,
        ``score``, ``weight``, ``share`` and ``contribution``.
    index_row : altair.Chart
        One row with ``index``, ``rule`` and ``index_text``.

    Returns
    -------
    altair.VConcatChart
        The gauge above the bars of the contributions, longest first.

    Examples
    --------
    >>> import pandas as pd
    >>> row = alt.Chart(pd.DataFrame({"index": [0.3], "rule": ["compensatory"],
    ...                               "index_text": ["0.300"]}))
    >>> contributions(alt.Chart(), row).to_dict()["title"]["text"]["expr"]
    'width < 480 ? ["What drives the", "coup-conditions index"] : "What drives the coup-conditions index"'
    """  # noqa: E501
    chart = alt.vconcat(_index_gauge(index_row), _contribution_bars(rows))
    return style.titled(
        chart,
        "What drives the coup-conditions index",
        f"{style.HYPOTHETICAL}: scores and weights are judgements, not data.",
        "Top: a bar showing the hypothetical coup-conditions index on a scale "
        "from 0 to 1. Below: one bar per precondition, longest first, showing "
        "how much it contributes to the index; the contributions add up to the "
        "index.",
    )


def sensitivity(rows: alt.Chart, step: float) -> alt.LayerChart:
    """Assemble the tornado figure of the index's sensitivity.

    Parameters
    ----------
    rows : altair.Chart
        One row per precondition with ``label``, ``faction_label``,
        ``sensitivity`` and ``index``.
    step : float
        The change in one score that each bar shows, either way.

    Returns
    -------
    altair.LayerChart
        Bars of the swing of the index, widest first, around a dashed line at
        the current index; titled and described.

    Examples
    --------
    >>> sensitivity(alt.Chart(), 0.1).to_dict()["title"]["text"]
    'Which judgement matters most'
    """
    return style.titled(
        _tornado(rows, step),
        "Which judgement matters most",
        f"{style.HYPOTHETICAL}: first-order change of the index, "
        "all other scores held.",
        f"One bar per precondition, widest first: how far the hypothetical "
        f"index would move if that precondition's score fell or rose by {step}, "
        f"all others held fixed. A dashed line marks the current index.",
    )


# --- Loyalty -----------------------------------------------------------------------


def loyalty(
    lines: alt.Chart, threshold: alt.Chart, crossings: alt.Chart
) -> alt.LayerChart:
    """Assemble the loyalty figure: curves, the threshold, the crossings.

    Parameters
    ----------
    lines : altair.Chart
        Rows ``faction_label``, ``month``, ``loyalty``.
    threshold : altair.Chart
        One row ``threshold``.
    crossings : altair.Chart
        Rows ``faction_label``, ``month``, ``loyalty``: each faction's first
        month below the threshold.

    Returns
    -------
    altair.LayerChart
        A line per faction, the dashed threshold and a dot at each crossing.

    Examples
    --------
    >>> len(loyalty(alt.Chart(), alt.Chart(), alt.Chart()).to_dict()["layer"])
    4
    """
    month_axis = alt.X(
        "month:Q",
        title="Months since 24 February 2022",
        scale=alt.Scale(nice=False),
    )
    loyalty_axis = alt.Y(
        "loyalty:Q",
        title=["Loyalty (0 = ready to defect,", "1 = fully loyal)"],
        scale=alt.Scale(domain=[0, 1]),
    )
    curve = lines.mark_line(strokeWidth=2.5).encode(
        x=month_axis,
        y=loyalty_axis,
        color=style.faction_color(other=False),
        strokeDash=alt.StrokeDash("faction_label:N", legend=None),
        tooltip=[
            alt.Tooltip("faction_label:N", title="Faction"),
            alt.Tooltip("month:Q", title="Month"),
            alt.Tooltip("loyalty:Q", title="Loyalty", format=".3f"),
        ],
    )
    rule = threshold.mark_rule(
        color=style.ROLE_COLORS["ink"], strokeDash=[6, 4]
    ).encode(
        y="threshold:Q",
        tooltip=[alt.Tooltip("threshold:Q", title="Defection threshold", format=".2f")],
    )
    label = threshold.mark_text(align="left", baseline="bottom", x=4, dy=-3).encode(
        y="threshold:Q", text=alt.value("defection threshold")
    )
    points = crossings.mark_point(
        size=90, filled=True, stroke=style.ROLE_COLORS["ink"]
    ).encode(
        x="month:Q",
        y="loyalty:Q",
        color=style.faction_color(other=False),
        tooltip=[
            alt.Tooltip("faction_label:N", title="Faction"),
            alt.Tooltip("month:Q", title="First month below the threshold"),
            alt.Tooltip("loyalty:Q", title="Loyalty then", format=".3f"),
        ],
    )
    chart = alt.layer(curve, rule, label, points).properties(
        width="container", height=280
    )
    return style.titled(
        chart,
        "How loyalty might erode under constant pressure",
        f"{style.HYPOTHETICAL}: exponential decay; baselines and sensitivities are "
        "judgements.",
        "Lines show the hypothetical loyalty of the military, FSB, SVR, Kremlin "
        "elite and public, month by month from 24 February 2022. A dashed "
        "horizontal line marks the defection threshold; a dot marks the first "
        "month each faction falls below it.",
    )
