"""The look shared by every chart: colours, faction labels, titles, HYPOTHETICAL.

Colours come from ``data/palette.yaml`` (Okabe-Ito, safe for colour-blind
readers; one faction = one colour in every chart). Every chart has a title, a
subtitle and a ``description`` that screen readers announce; charts of a
model say HYPOTHETICAL in their subtitle. Nothing here computes or validates:
:mod:`palace_coup.figures` builds the marks, :mod:`palace_coup.charts` and
:mod:`palace_coup.twins` feed them rows.
"""

from __future__ import annotations

import functools
import json
import textwrap
from typing import Any

import altair as alt

from palace_coup import _data, loyalty

__all__ = [
    "FACTION_COLORS",
    "FACTION_LABELS",
    "HYPOTHETICAL",
    "MIN_FONT_PX",
    "ROLE_COLORS",
    "VERDICT_COLORS",
    "faction_color",
    "finish",
    "titled",
]

MIN_FONT_PX = 12
"""Smallest text in any chart, in pixels (axis labels, legends, notes)."""

NARROW_PX = 480
"""Charts narrower than this (a phone) break their titles into short lines."""

_TITLE_CHARS = 30
"""Characters per title line on a narrow chart (15 px bold fits 320 px)."""

_SUBTITLE_CHARS = 44
"""Characters per subtitle line (12 px fits a 320 px screen)."""

HYPOTHETICAL = "HYPOTHETICAL model"
"""How the subtitle of every model chart begins."""


@functools.cache
def _palette() -> dict[str, Any]:
    """Read ``data/palette.yaml`` once."""
    return _data.yaml_file("palette.yaml")


FACTION_COLORS: dict[str, str] = dict(_palette()["factions"])
"""Faction id -> hex colour (Okabe-Ito); ``"other"`` is grey."""

ROLE_COLORS: dict[str, str] = dict(_palette()["roles"])
"""Colours with a role: ``ink`` (thresholds, index), ``neutral``, ``guide``."""

VERDICT_COLORS: dict[str, str] = dict(_palette()["verdicts"])
"""Exercise verdict -> colour: ``right``, ``not_yet``, ``written``."""

FACTION_LABELS: dict[str, str] = {
    **dict(
        zip(loyalty.factions()["faction"], loyalty.factions()["label"], strict=True)
    ),
    "other": "No faction",
}
"""Faction id -> label shown in legends (``"other"`` -> ``"No faction"``)."""


def faction_color(
    title: str = "Faction", field: str = "faction_label", *, other: bool = True
) -> alt.Color:
    """Return the colour encoding by faction label, with the shared palette.

    Parameters
    ----------
    title : str, optional
        Legend title.
    field : str, optional
        The field that holds a faction's label (see :data:`FACTION_LABELS`).
    other : bool, optional
        Whether the legend lists ``"No faction"`` (default True).

    Returns
    -------
    altair.Color

    Examples
    --------
    >>> faction_color(other=False).to_dict()["scale"]["domain"][:2]
    ['Military', 'FSB']
    """
    ids = [i for i in FACTION_COLORS if other or i != "other"]
    return alt.Color(
        f"{field}:N",
        title=title,
        scale=alt.Scale(
            domain=[FACTION_LABELS[i] for i in ids],
            range=[FACTION_COLORS[i] for i in ids],
        ),
        legend=alt.Legend(orient="bottom", columns=2),
    )


def titled(chart: Any, title: str, subtitle: str, description: str) -> Any:
    """Add a title, a subtitle and a screen-reader description to a chart.

    Titles do not wrap by themselves in a chart, so the subtitle is broken
    into lines that fit a 320-pixel screen, and a long title breaks into
    short lines when the chart is narrower than :data:`NARROW_PX`.

    Parameters
    ----------
    chart : altair chart
        Any chart, layered or concatenated.
    title, subtitle : str
        Shown above the chart, left-aligned; a model chart's subtitle begins
        with :data:`HYPOTHETICAL`.
    description : str
        What the chart shows, in words (the chart's ARIA description).

    Returns
    -------
    altair chart
        The same kind of chart, titled.

    Examples
    --------
    >>> chart = titled(alt.Chart().mark_point(), "T", "S", "A point.")
    >>> chart.to_dict()["title"]["subtitle"]
    ['S']
    >>> long = titled(alt.Chart().mark_point(), "A title of more than thirty "
    ...               "characters", "S", "A point.")
    >>> long.to_dict()["title"]["text"]["expr"]
    'width < 480 ? ["A title of more than thirty", "characters"] : "A title of more than thirty characters"'
    """  # noqa: E501
    lines = textwrap.wrap(title, _TITLE_CHARS, break_on_hyphens=False)
    text: Any = title
    if len(lines) > 1:
        text = alt.expr(
            f"width < {NARROW_PX} ? {json.dumps(lines)} : {json.dumps(title)}"
        )
    return chart.properties(
        title=alt.Title(
            text,
            subtitle=textwrap.wrap(subtitle, _SUBTITLE_CHARS, break_on_hyphens=False),
            anchor="start",
        ),
        description=description,
    )


def finish(chart: Any) -> Any:
    """Make a chart fit its column, from a 320-pixel phone to a desktop.

    Every part of the chart is sized ``width="container"`` by the figure
    builders; this sets the text sizes (none below :data:`MIN_FONT_PX`) and
    the way the chart fits: a single or layered chart fits its axes and
    legends inside the column (``autosize`` ``fit-x``). Vega-Lite cannot fit
    a concatenated chart, so its parts have no axis at the side and its
    padding beside them is negative: the views' frames and their flush end
    labels reach 2 pixels beyond the plot on either side, and would
    otherwise push the chart 4 pixels past its column.

    Parameters
    ----------
    chart : altair chart
        A top-level chart.

    Returns
    -------
    altair chart
        The same chart, configured.

    Examples
    --------
    >>> spec = finish(alt.Chart().mark_point().properties(width="container"))
    >>> spec.to_dict()["autosize"], spec.to_dict()["config"]["axis"]["labelFontSize"]
    ({'contains': 'padding', 'type': 'fit-x'}, 12)
    """
    if isinstance(chart, alt.VConcatChart | alt.HConcatChart):
        chart = chart.properties(
            padding={"left": -2, "right": -2, "top": 5, "bottom": 5}
        )
        indent = 2  # titles back inside the column
    else:
        chart = chart.properties(
            autosize=alt.AutoSizeParams(type="fit-x", contains="padding")
        )
        indent = 0
    size = MIN_FONT_PX
    return (
        chart.configure_axis(labelFontSize=size, titleFontSize=size, labelFlush=True)
        .configure_legend(labelFontSize=size, titleFontSize=size, columns=2)
        .configure_title(
            fontSize=15, subtitleFontSize=size, subtitlePadding=4, dx=indent
        )
        .configure_text(fontSize=size)
        .configure_view(continuousWidth=300)
    )
