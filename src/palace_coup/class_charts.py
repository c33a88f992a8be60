"""Charts of a class's weightings (see :mod:`palace_coup.classroom`).

Importable from :mod:`palace_coup.charts` too. Each takes a table of
:class:`palace_coup.classroom.ClassWeightings`, for classes of up to
:data:`MAX_STUDENTS` students: the indices and the divergence draw one mark
per student; the weightings draw one dot per precondition and share (rounded
to :data:`SHARE_STEP`), sized by how many students gave it, so their data stay
small whatever the class size.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from palace_coup import chart_checks, figures, preconditions
from palace_coup.style import (
    FACTION_LABELS,
    HYPOTHETICAL,
    ROLE_COLORS,
    faction_color,
    finish,
    titled,
)

__all__ = [
    "BIN_WIDTH",
    "MAX_STUDENTS",
    "SHARE_STEP",
    "class_divergence",
    "class_indices",
    "class_weights",
]

MAX_STUDENTS = 2000
"""Largest class the charts draw (a chart's data stay under 5,000 rows)."""

BIN_WIDTH = 0.05
"""Width of the index bins of :func:`class_indices`."""

SHARE_STEP = 0.005
"""Shares of weight are rounded to this (half a percentage point) for a dot."""

_NAMES_SHOWN = 5
"""How many students' names a dot's tooltip lists before "and N more"."""


def _check_students(count: int, name: str, rows_each: int = 1) -> None:
    """Refuse a class of more than :data:`MAX_STUDENTS` students."""
    if count > MAX_STUDENTS * rows_each:
        raise ValueError(
            f"{name} must hold at most {MAX_STUDENTS} students for the class "
            f"charts, got {count // rows_each}"
        )


def _bins(index: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Return each index's bin number and the bins' edges, compared exactly.

    The edges are ``k / 20`` (the floats nearest 0, 0.05, ..., 1, the same as
    the literals ``0.3`` or ``0.15``), and a value on an edge opens the bin
    above it; 1 falls in the last bin. ``0.3 // 0.05`` is 5.0, not 6.0, which
    is why the bins are not computed by division.
    """
    count = round(1 / BIN_WIDTH)
    edges = np.arange(count + 1) / count
    number = np.searchsorted(edges, index.to_numpy(dtype=float), side="right") - 1
    return np.clip(number, 0, count - 1), edges


def _names(names: pd.Series) -> str:
    """List a dot's students: the first few names, then how many more."""
    shown = ", ".join(names.iloc[:_NAMES_SHOWN])
    more = len(names) - _NAMES_SHOWN
    return f"{shown} and {more} more" if more > 0 else shown


def class_indices(entries: pd.DataFrame) -> alt.LayerChart:
    """Chart the spread of a class's indices: one dot per student.

    Parameters
    ----------
    entries : pandas.DataFrame
        ``ClassWeightings.entries`` (columns ``name``, ``rule``, ``index``).

    Returns
    -------
    altair.LayerChart
        A dot plot on [0, 1], stacked within bins of :data:`BIN_WIDTH`
        (0.30 is in the bin 0.30-0.35), with the median.

    Raises
    ------
    TypeError, ValueError
        If ``entries`` is not a DataFrame with those columns, or holds more
        than :data:`MAX_STUDENTS` students.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["A", "B"], "rule": ["compensatory"] * 2,
    ...                       "index": [0.2, 0.3]})
    >>> class_indices(table).to_dict()["title"]["subtitle"][0]
    'HYPOTHETICAL model: each dot is one'
    """
    rows = chart_checks.check_table(entries, "entries", ("name", "rule", "index"))
    _check_students(len(rows), "entries")
    number, edges = _bins(rows["index"])
    rows["bin"] = (edges[number] + edges[number + 1]) / 2
    rows["bin_range"] = [f"{edges[k]:.2f}-{edges[k + 1]:.2f}" for k in number]
    rows["stack"] = rows.groupby("bin").cumcount() + 1
    dots = (
        alt.Chart(rows)
        .mark_point(
            size=140,
            filled=True,
            color=ROLE_COLORS["neutral"],
            stroke=ROLE_COLORS["ink"],
        )
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
                alt.Tooltip("bin_range:N", title="Bin"),
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
    titled_chart = titled(
        alt.layer(dots, median).properties(width="container", height=160),
        "The class's coup-conditions indices",
        f"{HYPOTHETICAL}: each dot is one student's weighting; dashed line: median.",
        "A dot plot of the hypothetical index each student reached, from 0 to "
        "1, with a dashed line at the class median.",
    )
    return finish(titled_chart)


def class_weights(shares: pd.DataFrame) -> alt.LayerChart:
    """Chart how the class weighted each precondition, with the class median.

    Parameters
    ----------
    shares : pandas.DataFrame
        ``ClassWeightings.shares()`` (columns ``name``, ``id``, ``label``,
        ``share``: a student's weight as a share of their total weight).

    Returns
    -------
    altair.LayerChart
        A strip per precondition: one dot per share rounded to
        :data:`SHARE_STEP`, sized by the number of students who gave it (its
        tooltip names them), and a tick at the class median (of the shares
        as given, not rounded).

    Raises
    ------
    TypeError, ValueError
        If ``shares`` is not a DataFrame with those columns, or holds more
        than :data:`MAX_STUDENTS` students.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["A"], "id": ["elite_courage"],
    ...                       "label": ["Elite courage"], "share": [0.2]})
    >>> class_weights(table).to_dict()["description"][:20]
    'One row per precondi'
    """
    rows = chart_checks.check_table(shares, "shares", ("name", "id", "label", "share"))
    _check_students(len(rows), "shares", len(preconditions.ids()))
    rows["share"] = rows["share"].astype(float)
    rows["rounded"] = (rows["share"] / SHARE_STEP).round() * SHARE_STEP
    dots = (
        rows.groupby(["id", "label", "rounded"], sort=False)["name"]
        .agg(students="size", names=_names)
        .reset_index()
        .rename(columns={"rounded": "share"})
    )
    medians = rows.groupby(["id", "label"], sort=False)["share"].median()
    faction = preconditions.load().set_index("id")["faction"]
    dots["faction_label"] = dots["id"].map(faction).map(FACTION_LABELS)
    order = [
        label for label in preconditions.load()["label"] if label in set(rows["label"])
    ]
    strip = (
        alt.Chart(dots)
        .mark_circle(opacity=0.75, yOffset=10)
        .encode(
            x=alt.X(
                "share:Q",
                title="Share of the student's total weight",
                axis=alt.Axis(format="%"),
            ),
            color=faction_color("Faction concerned"),
            size=alt.Size(
                "students:Q",
                title="Students",
                scale=alt.Scale(range=[80, 600]),
                legend=alt.Legend(orient="bottom", format="d", tickMinStep=1),
            ),
            tooltip=[
                alt.Tooltip("label:N", title="Precondition"),
                alt.Tooltip("share:Q", title="Share of weight", format=".1%"),
                alt.Tooltip("students:Q", title="Students"),
                alt.Tooltip("names:N", title="Who"),
            ],
        )
    )
    per_row = alt.Chart(medians.rename("median").reset_index())
    median = per_row.mark_tick(
        size=18, color=ROLE_COLORS["ink"], thickness=2, yOffset=10
    ).encode(
        x="median:Q",
        tooltip=[
            alt.Tooltip("label:N", title="Precondition"),
            alt.Tooltip("median:Q", title="Class median", format=".1%"),
        ],
    )
    rows_chart = figures.labelled_rows(
        [strip, median], per_row, order, "label:N", len(order)
    )
    titled_chart = titled(
        rows_chart,
        "How much weight the class gave each precondition",
        f"{HYPOTHETICAL}: weights as shares of each student's total; tick: median.",
        "One row per precondition; each dot is a weight students gave it, as a "
        "share of their total weight (larger dots: more students), and a black "
        "tick marks the class median.",
    )
    return finish(titled_chart)


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
        If ``divergence`` is not a DataFrame with those columns, or holds
        more than :data:`MAX_STUDENTS` students.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["A"], "index_gap": [0.1],
    ...                       "weight_distance": [0.2]})
    >>> len(class_divergence(table).to_dict()["layer"])
    3
    """
    columns = ("name", "index_gap", "weight_distance")
    rows = chart_checks.check_table(divergence, "divergence", columns)
    _check_students(len(rows), "divergence")
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
    titled_chart = titled(
        alt.layer(zero, dots, names).properties(width="container", height=260),
        "Who diverges from the class",
        f"{HYPOTHETICAL}: far left or right = a different index; "
        "high = different weights.",
        "A scatter with one labelled dot per student: across, how far their "
        "index lies from the class median; up, how different their weights "
        "are from the class's median weights.",
    )
    return finish(titled_chart)
