"""Altair charts of the book's models and data: DataFrames in, charts out.

Every function here draws what it is given, computed in Python, and computes
nothing beyond what a chart needs for display (sorting, a cumulative count,
bins). Each chart has a title, a ``description`` that screen readers
announce, axis titles with units, tooltips, and the colours of
:mod:`palace_coup.style` (one faction = one colour in every chart). Charts of
a model say HYPOTHETICAL in their subtitle, with the assumption that matters
most. The model charts' marks come from :mod:`palace_coup.figures`, which the
kernel-free twins (:mod:`palace_coup.twins`) use too; the charts of a class's
weightings are in :mod:`palace_coup.class_charts`, those of its exercise
records and forecasts in :mod:`palace_coup.class_work_charts`, those of
events and history in :mod:`palace_coup.history_charts`; all are importable
from here.

Every chart checks its input when it is built, including its size: a chart's
data has at most :data:`palace_coup.chart_checks.MAX_ROWS` rows (see each function).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from palace_coup import chart_checks, figures, loyalty, preconditions, style
from palace_coup._validate import check_choice, check_number, number_array
from palace_coup.class_charts import class_divergence, class_indices, class_weights
from palace_coup.class_work_charts import (
    class_forecasts,
    class_misconceptions,
    class_questions,
)
from palace_coup.history_charts import cases, timeline
from palace_coup.style import FACTION_COLORS, FACTION_LABELS, ROLE_COLORS

__all__ = [
    "FACTION_COLORS",
    "FACTION_LABELS",
    "ROLE_COLORS",
    "cascade",
    "cases",
    "class_divergence",
    "class_forecasts",
    "class_indices",
    "class_misconceptions",
    "class_questions",
    "class_weights",
    "contributions",
    "faction_of",
    "loyalty_curves",
    "sensitivity",
    "timeline",
    "truncated_axis",
]


def faction_of(precondition_id: str) -> str:
    """Return the faction a precondition is about (its colour in every chart).

    The faction is model data: the ``faction`` column of
    :func:`palace_coup.preconditions.load`.

    Parameters
    ----------
    precondition_id : str
        A precondition id from :func:`palace_coup.preconditions.ids`.

    Returns
    -------
    str
        A faction id (``"military"``, ``"fsb"``, ...) or ``"other"``.

    Raises
    ------
    ValueError
        If ``precondition_id`` is not a precondition id.

    Examples
    --------
    >>> faction_of("fsb_disloyalty"), faction_of("sanctions_pain")
    ('fsb', 'other')
    """
    faction = preconditions.load().set_index("id")["faction"]
    check_choice(precondition_id, "precondition_id", faction.index.tolist())
    return faction[precondition_id]


# --- Preconditions ---------------------------------------------------------------


def _precondition_rows(assessment: preconditions.Assessment) -> pd.DataFrame:
    """Join an assessment's contributions and sensitivity, with factions."""
    rows = assessment.contributions.merge(
        assessment.sensitivity[["id", "sensitivity"]], on="id"
    )
    faction = preconditions.load().set_index("id")["faction"]
    rows["faction_label"] = rows["id"].map(faction).map(FACTION_LABELS)
    rows["index"] = assessment.index
    rows["rule"] = assessment.rule
    return rows


def _check_assessment(assessment: Any) -> preconditions.Assessment:
    """Check that a chart was given the result of ``preconditions.score``."""
    if not isinstance(assessment, preconditions.Assessment):
        raise TypeError(
            "assessment must be the result of palace_coup.preconditions.score(), "
            f"got {type(assessment).__name__}"
        )
    return assessment


def contributions(assessment: preconditions.Assessment) -> alt.VConcatChart:
    """Chart the index and each precondition's contribution to it, sorted.

    Parameters
    ----------
    assessment : palace_coup.preconditions.Assessment
        The result of :func:`palace_coup.preconditions.score`.

    Returns
    -------
    altair.VConcatChart
        A gauge of the index over sorted bars of the contributions (which add
        up to the index), coloured by the faction each precondition concerns.

    Raises
    ------
    TypeError
        If ``assessment`` is not an ``Assessment``.

    Examples
    --------
    >>> from palace_coup import preconditions
    >>> chart = contributions(preconditions.score())
    >>> chart.to_dict()["description"][:38]
    'Top: a bar showing the hypothetical co'
    """
    assessment = _check_assessment(assessment)
    rows = _precondition_rows(assessment)
    index_row = pd.DataFrame(
        {
            "index": [assessment.index],
            "rule": [assessment.rule],
            "index_text": [f"Index {assessment.index:.3f} ({assessment.rule} rule)"],
        }
    )
    return style.finish(figures.contributions(alt.Chart(rows), alt.Chart(index_row)))


def sensitivity(
    assessment: preconditions.Assessment, step: float = 0.1
) -> alt.LayerChart:
    """Chart how sensitive the index is to each precondition (a tornado chart).

    Parameters
    ----------
    assessment : palace_coup.preconditions.Assessment
        The result of :func:`palace_coup.preconditions.score`.
    step : float, optional
        Size of the change in one score, in (0, 1] (default 0.1). Each bar
        spans the index moved by ``-step`` and ``+step`` times the
        precondition's sensitivity (first order), widest at the top.

    Returns
    -------
    altair.LayerChart
        Bars around a dashed line at the current index.

    Raises
    ------
    TypeError
        If ``assessment`` is not an ``Assessment``.
    ValueError
        If ``step`` is not in (0, 1].

    Examples
    --------
    >>> from palace_coup import preconditions
    >>> chart = sensitivity(preconditions.score(), step=0.2)
    >>> chart.to_dict()["description"].startswith("One bar per precondition")
    True
    """
    assessment = _check_assessment(assessment)
    step = check_number(step, "step", 0.0, 1.0, low_open=True)
    rows = alt.Chart(_precondition_rows(assessment))
    return style.finish(figures.sensitivity(rows, step))


# --- Loyalty -----------------------------------------------------------------------


def loyalty_curves(
    curves: pd.DataFrame, crossings: pd.DataFrame | None = None
) -> alt.LayerChart:
    """Chart loyalty curves by faction with the threshold and crossing points.

    Parameters
    ----------
    curves : pandas.DataFrame
        Output of :func:`palace_coup.loyalty.curves` (columns ``faction``,
        ``month``, ``loyalty``); the threshold is read from
        ``curves.attrs["threshold"]`` (default 0.5).
    crossings : pandas.DataFrame, optional
        Output of :func:`palace_coup.loyalty.crossings` for the same curves
        (columns ``faction``, ``month``); factions that never cross are not
        marked. If omitted, no crossing is marked.

    Returns
    -------
    altair.LayerChart
        One line per faction, a dashed threshold line and crossing dots.

    Raises
    ------
    TypeError
        If ``curves`` or ``crossings`` is not a DataFrame.
    ValueError
        If a column is missing.

    Notes
    -----
    Curves of more than half of :data:`palace_coup.chart_checks.MAX_ROWS` rows
    (horizons beyond about 500 months) are drawn at every k-th month, with
    each faction's first and last month and its crossing kept, so any
    horizon draws.

    Examples
    --------
    >>> from palace_coup import loyalty
    >>> table = loyalty.curves(casualties=0.8)
    >>> chart = loyalty_curves(table, loyalty.crossings(table))
    >>> len(chart.to_dict()["layer"])
    4
    """
    lines = chart_checks.check_table(curves, "curves", ("faction", "month", "loyalty"))
    lines["faction_label"] = lines["faction"].map(FACTION_LABELS)
    threshold = float(curves.attrs.get("threshold", loyalty.DEFECTION_THRESHOLD))
    if crossings is None:
        marked = lines.iloc[0:0]
    else:
        crossed = chart_checks.check_table(
            crossings, "crossings", ("faction", "month")
        ).dropna(subset=["month"])
        crossed["month"] = crossed["month"].astype("int64")
        marked = lines.merge(crossed[["faction", "month"]], on=["faction", "month"])
    figure = figures.loyalty(
        alt.Chart(_thinned(lines, marked)),
        alt.Chart(pd.DataFrame({"threshold": [threshold]})),
        alt.Chart(marked),
    )
    return style.finish(figure)


def _thinned(lines: pd.DataFrame, kept: pd.DataFrame | None = None) -> pd.DataFrame:
    """Keep every k-th month of long curves: at most half of MAX_ROWS rows.

    Each faction's first and last rows, and the rows of ``kept`` (months to
    mark), stay.
    """
    stride = -(-len(lines) // (chart_checks.MAX_ROWS // 2))
    if stride <= 1:
        return lines
    position = lines.groupby("faction", sort=False).cumcount()
    last = (
        position == lines.groupby("faction", sort=False)["month"].transform("size") - 1
    )
    keep = (position % stride == 0) | last
    if kept is not None:
        pairs = pd.MultiIndex.from_frame(lines[["faction", "month"]])
        keep |= pairs.isin(pd.MultiIndex.from_frame(kept[["faction", "month"]]))
    return lines[keep]


def truncated_axis(curves: pd.DataFrame, faction: str = "military") -> alt.Chart:
    """Draw one loyalty curve with a misleading y-axis, for critique exercises.

    The y-axis starts just below the lowest value instead of at zero, so a
    gradual fall fills the whole height and looks like a collapse; the title
    says so in capitals, as a headline would. The chart is a deliberately bad
    exhibit: students are asked what the axis does to a reader's impression.

    Parameters
    ----------
    curves : pandas.DataFrame
        Output of :func:`palace_coup.loyalty.curves`.
    faction : str, optional
        The faction whose curve is drawn (default ``"military"``).

    Returns
    -------
    altair.Chart
        A line chart with a y-scale that does not include zero.

    Raises
    ------
    TypeError
        If ``curves`` is not a DataFrame.
    ValueError
        If a column is missing or ``faction`` is not a faction.

    Examples
    --------
    >>> from palace_coup import loyalty
    >>> spec = truncated_axis(loyalty.curves()).to_dict()
    >>> spec["encoding"]["y"]["scale"]
    {'zero': False}
    """
    check_choice(faction, "faction", loyalty.factions()["faction"].tolist())
    rows = chart_checks.check_table(curves, "curves", ("faction", "month", "loyalty"))
    rows = _thinned(rows[rows["faction"] == faction])
    label = FACTION_LABELS[faction]
    chart = (
        alt.Chart(
            rows,
            title=alt.Title(
                f"{label} loyalty COLLAPSES",
                subtitle="HYPOTHETICAL loyalty model, default pressures: "
                "a chart to critique",
            ),
            description=(
                f"A deliberately misleading line chart of the hypothetical "
                f"{label.lower()} loyalty curve, months 0 to "
                f"{int(rows['month'].max())}, with a y-axis that starts just "
                "below the lowest value."
            ),
        )
        .mark_line(color=FACTION_COLORS[faction], strokeWidth=3)
        .encode(
            x=alt.X("month:Q", title="Months after 24 February 2022"),
            y=alt.Y("loyalty:Q", title="Loyalty", scale=alt.Scale(zero=False)),
            tooltip=[
                alt.Tooltip("month:Q", title="Month"),
                alt.Tooltip("loyalty:Q", title="Loyalty", format=".2f"),
            ],
        )
        .properties(width="container", height=240)
    )
    return style.finish(chart)


# --- Cascade -----------------------------------------------------------------------


def cascade(
    thresholds: Sequence[float],
    equilibria: Sequence[float],
    equilibrium: float,
    initial: float = 0.0,
) -> alt.LayerChart:
    """Draw Granovetter's diagram: the threshold CDF against the 45-degree line.

    Parameters
    ----------
    thresholds : sequence of float
        The group's thresholds, e.g. from :func:`palace_coup.cascade.thresholds`.
    equilibria : sequence of float
        Resting shares, from :func:`palace_coup.cascade.equilibria`.
    equilibrium : float
        Where the cascade stops, from :func:`palace_coup.cascade.equilibrium`.
    initial : float, optional
        The initial share used for ``equilibrium`` (shown in the tooltip).

    Returns
    -------
    altair.LayerChart

    Raises
    ------
    TypeError, ValueError
        If the thresholds are not numbers in [0, 1], or more than
        :data:`palace_coup.chart_checks.MAX_ROWS` of them are given.

    Examples
    --------
    >>> from palace_coup import cascade as model
    >>> group = [k / 10 for k in range(10)]
    >>> chart = cascade(group, model.equilibria(group), model.equilibrium(group))
    >>> len(chart.to_dict()["layer"])
    8
    """
    values = number_array(thresholds, "thresholds", 0.0, 1.0)
    chart_checks.check_rows(len(values), "thresholds", "values")
    resting = number_array(equilibria, "equilibria", 0.0, 1.0)
    chart_checks.check_rows(len(resting), "equilibria", "values")
    equilibrium = check_number(equilibrium, "equilibrium", 0.0, 1.0)
    initial = check_number(initial, "initial", 0.0, 1.0)
    reached = pd.DataFrame(
        {
            "equilibrium": [equilibrium],
            "initial": [initial],
            "equilibrium_text": [f"stops at {equilibrium:.0%}"],
        }
    )
    figure = figures.cascade(
        figures.ecdf(alt.Chart(pd.DataFrame({"threshold": values}))),
        [alt.Chart(pd.DataFrame({"share": resting}))],
        alt.Chart(reached),
    )
    return style.finish(figure)
