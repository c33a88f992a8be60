"""Altair charts of the book's models and data: DataFrames in, charts out.

Every function here is pure: it draws what it is given and computes nothing
beyond what a chart needs for display (sorting, a cumulative count). Each
chart has a title, a ``description`` that screen readers announce, axis titles
with units, tooltips, and the colours of ``data/palette.yaml`` (Okabe-Ito,
safe for colour-blind readers; one faction = one colour in every chart).
Charts of a model say HYPOTHETICAL in their subtitle, with the assumption
that matters most.

The marks and encodings of the model charts are built by small private
functions that take a *base* chart whose rows already carry the fields to
draw. The public functions below feed them rows computed in Python; the
kernel-free twins in :mod:`palace_coup.twins` feed them rows computed in the
browser by Vega expressions, so the two look the same and no encoding is
written twice.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import altair as alt
import pandas as pd

from palace_coup import _data, loyalty, notebook, preconditions
from palace_coup._validate import check_choice, check_number, number_array

# A notebook's set-up asked for a renderer before any chart existed: enable it
# now that Altair is loaded (see palace_coup.notebook).
notebook.enable_requested()

__all__ = [
    "FACTION_COLORS",
    "FACTION_LABELS",
    "ROLE_COLORS",
    "cascade",
    "cases",
    "class_divergence",
    "class_indices",
    "class_weights",
    "contributions",
    "faction_of",
    "loyalty_curves",
    "sensitivity",
    "timeline",
    "truncated_axis",
]

WIDTH = 420
"""Default width of a single chart, in pixels."""


@functools.cache
def _palette() -> dict[str, Any]:
    """Read ``data/palette.yaml`` once."""
    return _data.yaml_file("palette.yaml")


FACTION_COLORS: dict[str, str] = dict(_palette()["factions"])
"""Faction id -> hex colour (Okabe-Ito); ``"other"`` is grey."""

ROLE_COLORS: dict[str, str] = dict(_palette()["roles"])
"""Colours with a role: ``ink`` (thresholds, index), ``neutral``, ``guide``."""

FACTION_LABELS: dict[str, str] = {
    **dict(
        zip(loyalty.factions()["faction"], loyalty.factions()["label"], strict=True)
    ),
    "other": "No faction",
}
"""Faction id -> label shown in legends (``"other"`` -> ``"No faction"``)."""
HYPOTHETICAL = "HYPOTHETICAL model"


def faction_of(precondition_id: str) -> str:
    """Return the faction a precondition is about (its colour in every chart).

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
    if precondition_id not in preconditions.ids():
        raise ValueError(
            f"precondition_id must be one of {preconditions.ids()}; "
            f"got {precondition_id!r}"
        )
    return _palette()["precondition_faction"].get(precondition_id, "other")


def _faction_color(
    title: str = "Faction", field: str = "faction_label", *, other: bool = True
) -> alt.Color:
    """Colour encoding by faction label, with the shared palette and order."""
    ids = [i for i in FACTION_COLORS if other or i != "other"]
    return alt.Color(
        f"{field}:N",
        title=title,
        scale=alt.Scale(
            domain=[FACTION_LABELS[i] for i in ids],
            range=[FACTION_COLORS[i] for i in ids],
        ),
        legend=alt.Legend(orient="bottom", columns=3),
    )


def _titled(chart: Any, title: str, subtitle: str | list[str], description: str) -> Any:
    """Add a title, a subtitle and a screen-reader description to a chart."""
    return chart.properties(
        title=alt.Title(title, subtitle=subtitle, anchor="start"),
        description=description,
    )


# --- Preconditions ---------------------------------------------------------------


def _precondition_rows(assessment: preconditions.Assessment) -> pd.DataFrame:
    """Join an assessment's contributions and sensitivity, with factions."""
    rows = assessment.contributions.merge(
        assessment.sensitivity[["id", "sensitivity"]], on="id"
    )
    rows["faction_label"] = [FACTION_LABELS[faction_of(i)] for i in rows["id"]]
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


def _index_gauge(base: alt.Chart) -> alt.LayerChart:
    """Draw a bar from 0 to the index on a [0, 1] axis, with its value on it.

    ``base`` has one row with fields ``index`` and ``rule``.
    """
    bar = base.mark_bar(color=ROLE_COLORS["ink"], height=18).encode(
        x=alt.X(
            "index:Q",
            title="Coup-conditions index (0 = absent, 1 = fully present)",
            scale=alt.Scale(domain=[0, 1]),
        ),
        tooltip=[
            alt.Tooltip("index:Q", title="Index", format=".3f"),
            alt.Tooltip("rule:N", title="Rule"),
        ],
    )
    text = base.mark_text(align="left", dx=6, fontWeight="bold").encode(
        x="index:Q", text="index_text:N"
    )
    return alt.layer(bar, text).properties(width=WIDTH, height=30)


def _contribution_bars(base: alt.Chart) -> alt.Chart:
    """Sorted horizontal bars of each precondition's contribution to the index.

    ``base`` has one row per precondition with fields ``label``,
    ``faction_label``, ``score``, ``weight``, ``share`` and ``contribution``.
    """
    return (
        base.mark_bar()
        .encode(
            x=alt.X("contribution:Q", title="Contribution to the index (index units)"),
            y=alt.Y("label:N", title=None, sort="-x"),
            color=_faction_color("Faction concerned"),
            tooltip=[
                alt.Tooltip("label:N", title="Precondition"),
                alt.Tooltip("score:Q", title="Score (0-1)", format=".2f"),
                alt.Tooltip("weight:Q", title="Weight", format=".2f"),
                alt.Tooltip("share:Q", title="Share of total weight", format=".1%"),
                alt.Tooltip("contribution:Q", title="Contribution", format=".3f"),
            ],
        )
        .properties(width=WIDTH, height=220)
    )


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
    bars = swing.mark_bar().encode(
        x=alt.X(
            "low:Q",
            title=f"Index if one score moves by -{step} / +{step}",
            scale=alt.Scale(zero=False),
        ),
        x2="high:Q",
        y=alt.Y(
            "label:N",
            title=None,
            sort=alt.EncodingSortField("sensitivity", "max", "descending"),
        ),
        color=_faction_color("Faction concerned"),
        tooltip=[
            alt.Tooltip("label:N", title="Precondition"),
            alt.Tooltip(
                "sensitivity:Q", title="Index change per unit of score", format=".3f"
            ),
            alt.Tooltip("low:Q", title=f"Index at score -{step}", format=".3f"),
            alt.Tooltip("high:Q", title=f"Index at score +{step}", format=".3f"),
        ],
    )
    centre = base.mark_rule(color=ROLE_COLORS["ink"], strokeDash=[4, 3]).encode(
        x="mean(index):Q"
    )
    return alt.layer(bars, centre).properties(width=WIDTH, height=220)


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
    >>> chart.to_dict()["title"]["text"]
    'What drives the coup-conditions index'
    """
    assessment = _check_assessment(assessment)
    rows = _precondition_rows(assessment)
    index_row = pd.DataFrame(
        {
            "index": [assessment.index],
            "rule": [assessment.rule],
            "index_text": [f"{assessment.index:.3f} ({assessment.rule} rule)"],
        }
    )
    return _contributions_figure(alt.Chart(rows), alt.Chart(index_row))


def _contributions_figure(rows: alt.Chart, index_row: alt.Chart) -> alt.VConcatChart:
    """Assemble the contributions figure from its two bases, with its title."""
    chart = alt.vconcat(_index_gauge(index_row), _contribution_bars(rows))
    return _titled(
        chart,
        "What drives the coup-conditions index",
        f"{HYPOTHETICAL}: scores and weights are judgments, not data.",
        "Top: a bar showing the hypothetical coup-conditions index on a scale "
        "from 0 to 1. Below: one bar per precondition, longest first, showing "
        "how much it contributes to the index; the contributions add up to the "
        "index.",
    )


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
    return _sensitivity_figure(alt.Chart(_precondition_rows(assessment)), step)


def _sensitivity_figure(rows: alt.Chart, step: float) -> alt.LayerChart:
    """Assemble the tornado figure from its base, with its title."""
    return _titled(
        _tornado(rows, step),
        "Which judgment matters most",
        f"{HYPOTHETICAL}: first-order change of the index, all other scores held.",
        f"One bar per precondition, widest first: how far the hypothetical "
        f"index would move if that precondition's score fell or rose by {step}, "
        f"all others held fixed. A dashed line marks the current index.",
    )


# --- Loyalty -----------------------------------------------------------------------


def _loyalty_figure(
    lines: alt.Chart, threshold: alt.Chart, crossings: alt.Chart
) -> alt.LayerChart:
    """Assemble the loyalty figure from bases with rows already computed.

    ``lines``: rows ``faction_label``, ``month``, ``loyalty``; ``threshold``:
    one row ``threshold``; ``crossings``: rows ``faction_label``, ``month``,
    ``loyalty`` (the first month below the threshold).
    """
    month_axis = alt.X(
        "month:Q",
        title="Months since 24 February 2022",
        scale=alt.Scale(nice=False),
    )
    loyalty_axis = alt.Y(
        "loyalty:Q",
        title="Loyalty (0 = ready to defect, 1 = fully loyal)",
        scale=alt.Scale(domain=[0, 1]),
    )
    curve = lines.mark_line(strokeWidth=2.5).encode(
        x=month_axis,
        y=loyalty_axis,
        color=_faction_color(other=False),
        strokeDash=alt.StrokeDash("faction_label:N", legend=None),
        tooltip=[
            alt.Tooltip("faction_label:N", title="Faction"),
            alt.Tooltip("month:Q", title="Month"),
            alt.Tooltip("loyalty:Q", title="Loyalty", format=".3f"),
        ],
    )
    rule = threshold.mark_rule(color=ROLE_COLORS["ink"], strokeDash=[6, 4]).encode(
        y="threshold:Q",
        tooltip=[alt.Tooltip("threshold:Q", title="Defection threshold", format=".2f")],
    )
    label = threshold.mark_text(align="left", baseline="bottom", x=4, dy=-3).encode(
        y="threshold:Q", text=alt.value("defection threshold")
    )
    points = crossings.mark_point(
        size=90, filled=True, stroke=ROLE_COLORS["ink"]
    ).encode(
        x="month:Q",
        y="loyalty:Q",
        color=_faction_color(other=False),
        tooltip=[
            alt.Tooltip("faction_label:N", title="Faction"),
            alt.Tooltip("month:Q", title="First month below the threshold"),
            alt.Tooltip("loyalty:Q", title="Loyalty then", format=".3f"),
        ],
    )
    chart = alt.layer(curve, rule, label, points).properties(width=WIDTH, height=280)
    return _titled(
        chart,
        "How loyalty might erode under constant pressure",
        f"{HYPOTHETICAL}: exponential decay; baselines and sensitivities are "
        "judgments.",
        "Lines show the hypothetical loyalty of the military, FSB, SVR, Kremlin "
        "elite and public, month by month from 24 February 2022. A dashed "
        "horizontal line marks the defection threshold; a dot marks the first "
        "month each faction falls below it.",
    )


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

    Examples
    --------
    >>> from palace_coup import loyalty
    >>> table = loyalty.curves(casualties=0.8)
    >>> chart = loyalty_curves(table, loyalty.crossings(table))
    >>> len(chart.to_dict()["layer"])
    4
    """
    lines = _frame(curves, "curves", ("faction", "month", "loyalty"))
    lines["faction_label"] = lines["faction"].map(FACTION_LABELS)
    threshold = float(curves.attrs.get("threshold", loyalty.DEFECTION_THRESHOLD))
    if crossings is None:
        marked = lines.iloc[0:0]
    else:
        crossed = _frame(crossings, "crossings", ("faction", "month")).dropna(
            subset=["month"]
        )
        crossed["month"] = crossed["month"].astype("int64")
        marked = lines.merge(crossed[["faction", "month"]], on=["faction", "month"])
    return _loyalty_figure(
        alt.Chart(lines),
        alt.Chart(pd.DataFrame({"threshold": [threshold]})),
        alt.Chart(marked),
    )


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
    rows = _frame(curves, "curves", ("faction", "month", "loyalty"))
    rows = rows[rows["faction"] == faction]
    label = FACTION_LABELS[faction]
    return (
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
    )


def _frame(table: Any, name: str, columns: Sequence[str]) -> pd.DataFrame:
    """Check that ``table`` is a DataFrame with ``columns``; return a copy."""
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


# --- Cascade -----------------------------------------------------------------------


def _ecdf(thresholds: alt.Chart) -> alt.Chart:
    """Add the sorted rank ``k`` (0-based), ``n`` and the ECDF to threshold rows."""
    return (
        thresholds.transform_window(
            rank="row_number()", sort=[alt.SortField("threshold", "ascending")]
        )
        .transform_joinaggregate(n="count()")
        .transform_calculate(k="datum.rank - 1", cdf="datum.rank / datum.n")
    )


def _cascade_figure(
    curve: alt.Chart, equilibria: Sequence[alt.Chart], reached: alt.Chart
) -> alt.LayerChart:
    """Assemble the threshold diagram from bases with rows already computed.

    ``curve``: rows ``threshold``, ``cdf`` (after :func:`_ecdf`);
    ``equilibria``: bases whose rows carry ``share``; ``reached``: one row
    ``equilibrium``, ``initial``, ``equilibrium_text``.
    """
    share = alt.Scale(domain=[0, 1])
    diagonal = (
        alt.Chart(pd.DataFrame({"share": [0.0, 1.0]}))
        .mark_line(color=ROLE_COLORS["guide"], strokeDash=[4, 4])
        .encode(x=alt.X("share:Q", scale=share), y=alt.Y("share:Q", scale=share))
    )
    steps = curve.mark_line(
        interpolate="step-after", color=ROLE_COLORS["neutral"], strokeWidth=2.5
    ).encode(
        x=alt.X(
            "threshold:Q", title="Share of the group already defected", scale=share
        ),
        y=alt.Y("cdf:Q", title="Share whose threshold is met", scale=share),
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
        span.mark_rule(color=ROLE_COLORS["neutral"], strokeWidth=2.5).encode(
            x="zero:Q", x2="low:Q", y="zero:Q"
        ),
        span.mark_rule(color=ROLE_COLORS["neutral"], strokeWidth=2.5).encode(
            x="high:Q", x2="one:Q", y="one:Q"
        ),
    ]
    fixed = [
        base.mark_point(
            size=70,
            shape="circle",
            filled=False,
            color=ROLE_COLORS["ink"],
            strokeWidth=1.5,
        ).encode(
            x="share:Q",
            y="share:Q",
            tooltip=[alt.Tooltip("share:Q", title="Resting point", format=".0%")],
        )
        for base in equilibria
    ]
    stop = reached.mark_rule(color=ROLE_COLORS["ink"], strokeWidth=2).encode(
        x="equilibrium:Q",
        tooltip=[
            alt.Tooltip("initial:Q", title="Initial share", format=".0%"),
            alt.Tooltip("equilibrium:Q", title="Cascade stops at", format=".0%"),
        ],
    )
    note = reached.mark_text(align="left", dx=5, y=10, fontWeight="bold").encode(
        x="equilibrium:Q", text="equilibrium_text:N"
    )
    chart = alt.layer(diagonal, steps, *ends, *fixed, stop, note).properties(
        width=WIDTH, height=WIDTH
    )
    return _titled(
        chart,
        "When does a defection cascade stop?",
        f"{HYPOTHETICAL}: Granovetter's threshold model; thresholds are assumed.",
        "A step line shows, for each share of the group already defected, the "
        "share whose threshold is met. A dashed diagonal is where the two are "
        "equal; circles mark the resting points where the steps meet it. A "
        "vertical line marks where the cascade stops from the initial share.",
    )


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
        If the thresholds are not numbers in [0, 1].

    Examples
    --------
    >>> from palace_coup import cascade as model
    >>> group = [k / 10 for k in range(10)]
    >>> chart = cascade(group, model.equilibria(group), model.equilibrium(group))
    >>> len(chart.to_dict()["layer"])
    7
    """
    values = number_array(thresholds, "thresholds", 0.0, 1.0)
    resting = number_array(equilibria, "equilibria", 0.0, 1.0)
    equilibrium = check_number(equilibrium, "equilibrium", 0.0, 1.0)
    initial = check_number(initial, "initial", 0.0, 1.0)
    reached = pd.DataFrame(
        {
            "equilibrium": [equilibrium],
            "initial": [initial],
            "equilibrium_text": [f"stops at {equilibrium:.0%}"],
        }
    )
    return _cascade_figure(
        _ecdf(alt.Chart(pd.DataFrame({"threshold": values}))),
        [alt.Chart(pd.DataFrame({"share": resting}))],
        alt.Chart(reached),
    )


# --- Events and history ------------------------------------------------------------


def timeline(events: pd.DataFrame | None = None) -> alt.Chart:
    """Chart the events of early 2022 that the article weighs, by faction.

    Parameters
    ----------
    events : pandas.DataFrame, optional
        Columns ``date`` (ISO date), ``event``, ``faction`` (a faction id or
        ``"other"``) and ``source`` (a key of ``book/references.bib``).
        Default: ``data/timeline.csv``, drawn from the book's content brief.

    Returns
    -------
    altair.Chart
        One dot per event on a date axis, one row per faction.

    Raises
    ------
    TypeError, ValueError
        If ``events`` is not a DataFrame with those columns.

    Examples
    --------
    >>> timeline().to_dict()["encoding"]["x"]["type"]
    'temporal'
    """
    table = _data.csv("timeline.csv") if events is None else events
    table = _frame(table, "events", ("date", "event", "faction", "source"))
    table["faction_label"] = table["faction"].map(FACTION_LABELS)
    chart = (
        alt.Chart(table)
        .mark_point(size=110, filled=True, opacity=0.9)
        .encode(
            x=alt.X("date:T", title="Date (2022)", axis=alt.Axis(format="%d %b")),
            y=alt.Y(
                "faction_label:N",
                title=None,
                sort=[FACTION_LABELS[i] for i in FACTION_COLORS],
            ),
            color=_faction_color(),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%d %B %Y"),
                alt.Tooltip("event:N", title="Event"),
                alt.Tooltip("source:N", title="Source (see bibliography)"),
            ],
        )
        .properties(width=WIDTH + 80, height=200)
    )
    return _titled(
        chart,
        "The weeks the article weighs: 31 January to 7 March 2022",
        "Dated events from the book's sources; hover for each event and its source.",
        "A timeline from 31 January to 7 March 2022 with one dot per event, in "
        "one row per faction concerned: Ivashov's appeal, the Security Council "
        "of 21 February, the invasion of 24 February, protest detentions, the "
        "first casualty figures and the FSB tip-off claim.",
    )


def cases(table: pd.DataFrame) -> alt.Chart:
    """Chart Soviet and Russian leadership challenges, 1953 to 2023.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``start`` (ISO date), ``event``, ``type``, ``outcome``,
        ``success`` (bool: did the challenger win) and
        ``counted_as_coup_attempt`` (bool), as in ``data/cases.csv``.

    Returns
    -------
    altair.Chart
        One mark per case on a year axis: filled if the challenger won,
        hollow if not; shape tells whether it counts as a coup attempt.

    Raises
    ------
    TypeError, ValueError
        If ``table`` is not a DataFrame with those columns.

    Examples
    --------
    >>> from palace_coup import _data
    >>> cases(_data.csv("cases.csv")).to_dict()["encoding"]["shape"]["field"]
    'counted'
    """
    rows = _frame(
        table,
        "table",
        ("start", "event", "type", "outcome", "success", "counted_as_coup_attempt"),
    )
    rows["result"] = rows["success"].map(
        lambda won: (
            "Challenger won" if str(won).lower() == "true" else "Challenger lost"
        )
    )
    rows["counted"] = rows["counted_as_coup_attempt"].map(
        lambda yes: (
            "Coup attempt (Powell and Thyne)"
            if str(yes).lower() == "true"
            else "Other challenge"
        )
    )
    chart = (
        alt.Chart(rows)
        .mark_point(size=160, strokeWidth=2, color=ROLE_COLORS["ink"])
        .encode(
            x=alt.X(
                "start:T",
                title="Year",
                axis=alt.Axis(format="%Y"),
                scale=alt.Scale(padding=24),
            ),
            y=alt.Y("result:N", title=None),
            shape=alt.Shape("counted:N", title="Counts as"),
            fill=alt.condition(
                "datum.result == 'Challenger won'",
                alt.value(ROLE_COLORS["ink"]),
                alt.value("transparent"),
            ),
            tooltip=[
                alt.Tooltip("start:T", title="Began", format="%d %B %Y"),
                alt.Tooltip("event:N", title="Event"),
                alt.Tooltip("type:N", title="Type"),
                alt.Tooltip("outcome:N", title="Outcome"),
            ],
        )
        .properties(width=WIDTH + 80, height=140)
    )
    return _titled(
        chart,
        "Leadership challenges in Moscow, 1953 to 2023",
        "Filled: the challenger won. Hover for each case.",
        "A timeline of six Soviet and Russian leadership challenges from 1953 "
        "to 2023, split into those the challenger won and those it lost, with "
        "the shape showing which count as coup attempts.",
    )


# --- A class's weightings (see palace_coup.classroom) ------------------------------


def class_indices(entries: pd.DataFrame) -> alt.LayerChart:
    """Chart the spread of a class's indices: one dot per student.

    Parameters
    ----------
    entries : pandas.DataFrame
        ``ClassWeightings.entries`` (columns ``name``, ``rule``, ``index``).

    Returns
    -------
    altair.LayerChart
        A dot plot on [0, 1], stacked within bins of 0.05, with the median.

    Raises
    ------
    TypeError, ValueError
        If ``entries`` is not a DataFrame with those columns.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["A", "B"], "rule": ["compensatory"] * 2,
    ...                       "index": [0.2, 0.3]})
    >>> class_indices(table).to_dict()["title"]["text"]
    "The class's coup-conditions indices"
    """
    rows = _frame(entries, "entries", ("name", "rule", "index"))
    rows["bin"] = (rows["index"] // 0.05 * 0.05 + 0.025).clip(upper=0.975)
    rows["stack"] = rows.groupby("bin").cumcount() + 1
    dots = (
        alt.Chart(rows)
        .mark_circle(size=140, color=ROLE_COLORS["neutral"], stroke=ROLE_COLORS["ink"])
        .encode(
            x=alt.X(
                "bin:Q",
                title="Coup-conditions index (bins of 0.05)",
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("stack:O", title="Students", sort="descending"),
            shape=alt.Shape("rule:N", title="Rule"),
            tooltip=[
                alt.Tooltip("name:N", title="Student"),
                alt.Tooltip("index:Q", title="Index", format=".3f"),
                alt.Tooltip("rule:N", title="Rule"),
            ],
        )
    )
    median = (
        alt.Chart(rows)
        .mark_rule(color=ROLE_COLORS["ink"], strokeDash=[4, 3])
        .encode(
            x="median(index):Q", tooltip=[alt.Tooltip("median(index):Q", format=".3f")]
        )
    )
    return _titled(
        alt.layer(dots, median).properties(width=WIDTH, height=160),
        "The class's coup-conditions indices",
        f"{HYPOTHETICAL}: each dot is one student's weighting; dashed line: median.",
        "A dot plot of the hypothetical index each student reached, from 0 to "
        "1, with a dashed line at the class median.",
    )


def class_weights(shares: pd.DataFrame) -> alt.LayerChart:
    """Chart how the class weighted each precondition: one dot per student.

    Parameters
    ----------
    shares : pandas.DataFrame
        ``ClassWeightings.shares()`` (columns ``name``, ``id``, ``label``,
        ``share``: a student's weight as a share of their total weight).

    Returns
    -------
    altair.LayerChart
        A strip per precondition with a tick at the class median.

    Raises
    ------
    TypeError, ValueError
        If ``shares`` is not a DataFrame with those columns.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["A"], "id": ["elite_courage"],
    ...                       "label": ["Elite courage"], "share": [0.2]})
    >>> class_weights(table).to_dict()["description"][:20]
    'One row per precondi'
    """
    rows = _frame(shares, "shares", ("name", "id", "label", "share"))
    rows["faction_label"] = [FACTION_LABELS[faction_of(i)] for i in rows["id"]]
    order = [
        label for label in preconditions.load()["label"] if label in set(rows["label"])
    ]
    y = alt.Y("label:N", title=None, sort=order)
    dots = (
        alt.Chart(rows)
        .mark_circle(size=80, opacity=0.75)
        .encode(
            x=alt.X(
                "share:Q",
                title="Share of the student's total weight",
                axis=alt.Axis(format="%"),
            ),
            y=y,
            color=_faction_color("Faction concerned"),
            tooltip=[
                alt.Tooltip("name:N", title="Student"),
                alt.Tooltip("label:N", title="Precondition"),
                alt.Tooltip("share:Q", title="Share of weight", format=".1%"),
            ],
        )
    )
    median = (
        alt.Chart(rows)
        .mark_tick(color=ROLE_COLORS["ink"], thickness=2)
        .encode(
            x="median(share):Q",
            y=y,
            tooltip=[
                alt.Tooltip("label:N", title="Precondition"),
                alt.Tooltip("median(share):Q", title="Class median", format=".2f"),
            ],
        )
    )
    return _titled(
        alt.layer(dots, median).properties(width=WIDTH, height=240),
        "How much weight the class gave each precondition",
        f"{HYPOTHETICAL}: weights as shares of each student's total; tick: median.",
        "One row per precondition; each dot is one student's weight for it, as "
        "a share of that student's total weight, and a black tick marks the "
        "class median.",
    )


def class_divergence(divergence: pd.DataFrame) -> alt.LayerChart:
    """Chart who diverges from the class: index gap against weighting distance.

    Parameters
    ----------
    divergence : pandas.DataFrame
        ``ClassWeightings.divergence()`` (columns ``name``, ``index_gap``:
        index minus the class median; ``weight_distance``: total-variation
        distance of the student's weight shares from the median shares, in
        [0, 1]).

    Returns
    -------
    altair.LayerChart
        A labelled scatter; students far from the origin diverge most.

    Raises
    ------
    TypeError, ValueError
        If ``divergence`` is not a DataFrame with those columns.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["A"], "index_gap": [0.1],
    ...                       "weight_distance": [0.2]})
    >>> len(class_divergence(table).to_dict()["layer"])
    3
    """
    rows = _frame(divergence, "divergence", ("name", "index_gap", "weight_distance"))
    base = alt.Chart(rows).encode(
        x=alt.X("index_gap:Q", title="Index minus class median (index units)"),
        y=alt.Y(
            "weight_distance:Q", title="Distance of weights from class median (0-1)"
        ),
    )
    zero = (
        alt.Chart(pd.DataFrame({"index_gap": [0.0]}))
        .mark_rule(color=ROLE_COLORS["guide"], strokeDash=[4, 4])
        .encode(x="index_gap:Q")
    )
    dots = base.mark_circle(
        size=120, color=ROLE_COLORS["neutral"], stroke=ROLE_COLORS["ink"]
    ).encode(
        tooltip=[
            alt.Tooltip("name:N", title="Student"),
            alt.Tooltip("index_gap:Q", title="Index gap", format="+.3f"),
            alt.Tooltip("weight_distance:Q", title="Weight distance", format=".2f"),
        ]
    )
    names = base.mark_text(align="left", dx=8).encode(text="name:N")
    return _titled(
        alt.layer(zero, dots, names).properties(width=WIDTH, height=260),
        "Who diverges from the class",
        f"{HYPOTHETICAL}: far left or right = a different index; "
        "high = different weights.",
        "A scatter with one labelled dot per student: across, how far their "
        "index lies from the class median; up, how different their weights "
        "are from the class's median weights.",
    )
