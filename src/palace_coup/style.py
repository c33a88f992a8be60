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
from typing import Any

import altair as alt

from palace_coup import _data, loyalty

__all__ = [
    "FACTION_COLORS",
    "FACTION_LABELS",
    "HYPOTHETICAL",
    "ROLE_COLORS",
    "VERDICT_COLORS",
    "WIDTH",
    "faction_color",
    "titled",
]

WIDTH = 420
"""Default width of a single chart, in pixels."""

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
        legend=alt.Legend(orient="bottom", columns=3),
    )


def titled(chart: Any, title: str, subtitle: str | list[str], description: str) -> Any:
    """Add a title, a subtitle and a screen-reader description to a chart.

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
    'S'
    """
    return chart.properties(
        title=alt.Title(title, subtitle=subtitle, anchor="start"),
        description=description,
    )
