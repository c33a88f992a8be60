"""Charts of a class's weightings (see :mod:`palace_coup.classroom`).

Importable from :mod:`palace_coup.charts` too. Each takes a table of
:class:`palace_coup.classroom.ClassWeightings`, for classes of up to
:data:`MAX_STUDENTS` students: the indices and the divergence draw one mark
per student; the weightings draw one dot per precondition and share (rounded
to :data:`SHARE_STEP`), sized by how many students gave it, so their data stay
small whatever the class size.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from palace_coup import chart_checks, figures, preconditions
from palace_coup._validate import check_int
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
    "LABELLED",
    "LABEL_SPACE",
    "MAX_STUDENTS",
    "SHARE_STEP",
    "class_divergence",
    "class_indices",
    "class_weights",
    "exact_bins",
    "furthest_out",
]

MAX_STUDENTS = 2000
"""Largest class the charts draw (a chart's data stay under 5,000 rows)."""

BIN_WIDTH = 0.05
"""Width of the index bins of :func:`class_indices`."""

SHARE_STEP = 0.005
"""Shares of weight are rounded to this (half a percentage point) for a dot."""

LABELLED = 8
"""How many students :func:`class_divergence` names beside their dot, by default."""

LABEL_SPACE = (0.8, 0.07)
"""How far apart two named students of :func:`class_divergence` must be, at
least on one axis: as shares of the largest index gap and of the largest weight
distance in the class (see :func:`furthest_out`)."""

_NAMES_SHOWN = 5
"""How many students' names a dot's tooltip lists before "and N more"."""


def _check_students(count: int, name: str, rows_each: int = 1) -> None:
    """Refuse a class of more than :data:`MAX_STUDENTS` students."""
    if count > MAX_STUDENTS * rows_each:
        raise ValueError(
            f"{name} must hold at most {MAX_STUDENTS} students for the class "
            f"charts, got {count // rows_each}"
        )


def exact_bins(values: Any, width: float) -> tuple[np.ndarray, np.ndarray]:
    """Return each value's bin on [0, 1] and the bins' edges, compared exactly.

    The edges are ``k / n`` for ``n = round(1 / width)`` (with a width of
    0.05, the floats nearest 0, 0.05, ..., 1: the same as the literals ``0.3``
    or ``0.15``), and a value on an edge opens the bin above it; 1 falls in
    the last bin. ``0.3 // 0.05`` is 5.0, not 6.0, which is why the bins are
    not computed by division.

    Parameters
    ----------
    values : array-like of float
        Values in [0, 1] (an index, a probability); checked by the caller.
    width : float
        The bins' width, ``1 / n`` for a whole number ``n``.

    Returns
    -------
    number : numpy.ndarray of int
        Each value's bin, from 0 to ``n - 1``.
    edges : numpy.ndarray of float
        The ``n + 1`` edges.

    Examples
    --------
    >>> number, edges = exact_bins([0.3, 0.15, 0.0, 1.0], 0.05)
    >>> number.tolist(), len(edges)
    ([6, 3, 0, 19], 21)
    """
    count = round(1 / width)
    edges = np.arange(count + 1) / count
    number = np.searchsorted(edges, np.asarray(values, dtype=float), side="right") - 1
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

    See Also
    --------
    palace_coup.classroom.load : a class's weightings, and these entries.

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
    number, edges = exact_bins(rows["index"], BIN_WIDTH)
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
        If ``shares`` is not a DataFrame with those columns, or holds the
        shares of more than :data:`MAX_STUDENTS` students (one row per
        student and precondition).

    See Also
    --------
    palace_coup.classroom.ClassWeightings.shares : the table this draws.

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


def furthest_out(divergence: pd.DataFrame, count: int) -> np.ndarray:
    """Pick up to ``count`` students far from the class whose names fit the chart.

    A student's distance from the class is measured from the origin of the
    divergence chart (the class median's index, the class median's weights),
    each axis as a share of the largest value it takes in the class, so that
    a student far out on either axis counts as much as on the other:
    ``hypot(index_gap / max|index_gap|, weight_distance / max
    weight_distance)``. Students are taken furthest first (ties: the one who
    comes first), passing over one whose name would sit on a name already
    taken: closer than :data:`LABEL_SPACE` on both axes (a name is written to
    the right of its dot, and is about 40 % of a phone-wide chart long and 6 %
    of its height high).

    Parameters
    ----------
    divergence : pandas.DataFrame
        Columns ``index_gap`` and ``weight_distance``
        (``ClassWeightings.divergence()``).
    count : int
        How many to pick at most.

    Returns
    -------
    numpy.ndarray of bool
        One per row: True for the students picked.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"index_gap": [0.0, -0.3, 0.1, 0.02, 0.11],
    ...                       "weight_distance": [0.1, 0.1, 0.4, 0.05, 0.39]})
    >>> furthest_out(table, 3).tolist()  # the last one's name would hide the third's
    [True, True, True, False, False]
    """
    picked = np.zeros(len(divergence), dtype=bool)
    axes = []
    for column in ("index_gap", "weight_distance"):
        values = divergence[column].to_numpy(dtype=float)
        largest = np.abs(values).max()
        axes.append(values / largest if largest > 0 else np.zeros_like(values))
    x, y = axes
    taken: list[int] = []
    for i in np.argsort(-np.hypot(x, y), kind="stable"):
        if len(taken) == count:
            break
        if not any(
            abs(x[i] - x[j]) < LABEL_SPACE[0] and abs(y[i] - y[j]) < LABEL_SPACE[1]
            for j in taken
        ):
            taken.append(i)
    picked[taken] = True
    return picked


def class_divergence(
    divergence: pd.DataFrame, labelled: int = LABELLED
) -> alt.LayerChart:
    """Chart who diverges from the class: index gap against weighting distance.

    Every student is a dot, and every dot's tooltip names its student; only
    the ``labelled`` students furthest out whose names do not overlap (see
    :func:`furthest_out`) are named beside their dot, so that a large class
    stays readable and quick to draw (2,000 names on one chart hide each other
    and every dot).

    Parameters
    ----------
    divergence : pandas.DataFrame
        ``ClassWeightings.divergence()`` (columns ``name``, ``index_gap``:
        index minus the class median; ``weight_distance``: total-variation
        distance of the student's weight shares from the median shares, in
        [0, 1]).
    labelled : int, optional
        How many students to name beside their dot at most, those furthest
        out first (0 to 50, default :data:`LABELLED`).

    Returns
    -------
    altair.LayerChart
        A scatter; students far from the origin diverge most.

    Raises
    ------
    TypeError, ValueError
        If ``divergence`` is not a DataFrame with those columns, holds more
        than :data:`MAX_STUDENTS` students, or ``labelled`` is not an integer
        from 0 to 50.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"name": ["A"], "index_gap": [0.1],
    ...                       "weight_distance": [0.2]})
    >>> len(class_divergence(table).to_dict()["layer"])
    4
    """
    columns = ("name", "index_gap", "weight_distance")
    rows = chart_checks.check_table(divergence, "divergence", columns)
    _check_students(len(rows), "divergence")
    labelled = check_int(labelled, "labelled", 0, 50)
    x = alt.X("index_gap:Q", title="Index minus class median (index units)")
    y = alt.Y("weight_distance:Q", title="Distance of weights from class median (0-1)")
    base = alt.Chart(rows).encode(x=x, y=y)
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
    far = alt.Chart(rows[furthest_out(rows, labelled)]).encode(x=x, y=y, text="name:N")
    # A white outline keeps each name legible over the dots (in the book's
    # dark mode, white takes the page's colour, like every chart background).
    halo = far.mark_text(
        align="left", dx=8, stroke="white", strokeWidth=3, strokeJoin="round"
    )
    names = far.mark_text(align="left", dx=8)
    which = (
        "one labelled dot per student"
        if len(far.data) == len(rows)
        else f"one dot per student ({len(far.data)} of them named, furthest out first)"
    )
    titled_chart = titled(
        alt.layer(zero, dots, halo, names).properties(width="container", height=260),
        "Who diverges from the class",
        f"{HYPOTHETICAL}: far left or right = a different index; "
        "high = different weights.",
        f"A scatter with {which}: across, how far their "
        "index lies from the class median; up, how different their weights "
        "are from the class's median weights.",
    )
    return finish(titled_chart)
