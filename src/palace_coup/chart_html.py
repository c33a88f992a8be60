r"""Charts as HTML that no text inside them can break out of.

Altair's HTML renderer writes a chart's spec, data included, as JSON inside a
``<script>`` element, without escaping. A student's name such as
``</script><script>alert(1)</script>`` in a chart's data therefore ends the
script early and runs the rest as markup on the lecturer's page. This module
registers the same renderer with one change, made where the JSON is written:
``</`` becomes ``<\/`` and ``<!--`` becomes ``\u003c!--`` inside strings.
Both are plain JSON escapes, so the chart receives exactly the same text,
but the HTML parser never sees the end of the script (nor the comment opener
that changes how a script is parsed). Specs without those two sequences,
which is every chart of the book, come out byte for byte as before.

:mod:`palace_coup.notebook` enables this renderer wherever charts are written
as HTML (the book build, nbval, a notebook set to ``static``).
"""

from __future__ import annotations

import json
from typing import Any

import altair as alt
from altair.utils.display import HTMLRenderer

__all__ = ["NAME", "ScriptSafeJSON", "enable"]

NAME = "palace_coup_html"
"""The name under which the renderer is registered with ``alt.renderers``."""


class ScriptSafeJSON(json.JSONEncoder):
    r"""JSON encoder whose output can sit inside an HTML ``<script>`` element.

    Examples
    --------
    >>> json.dumps({"name": "</script><!--"}, cls=ScriptSafeJSON)
    '{"name": "<\\/script>\\u003c!--"}'
    >>> json.loads(_) == {"name": "</script><!--"}
    True
    """

    def encode(self, o: Any) -> str:
        """Encode ``o`` as JSON, escaping what would end or confuse a script."""
        return super().encode(o).replace("</", "<\\/").replace("<!--", "\\u003c!--")


_renderer = HTMLRenderer(
    mode="vega-lite",
    template="universal",
    vega_version=alt.VEGA_VERSION,
    vegaembed_version=alt.VEGAEMBED_VERSION,
    vegalite_version=alt.VEGALITE_VERSION,
    json_kwds={"cls": ScriptSafeJSON},
)
alt.renderers.register(NAME, _renderer)


def enable(**options: Any) -> None:
    """Make Altair draw charts as script-safe HTML from now on.

    Parameters
    ----------
    **options
        Renderer options, as for ``alt.renderers.enable`` (for example
        ``embed_options``).

    Examples
    --------
    >>> previous = alt.renderers.active
    >>> enable(embed_options={"actions": False})
    >>> alt.renderers.active
    'palace_coup_html'
    >>> _ = alt.renderers.enable(previous)
    """
    alt.renderers.enable(NAME, **options)
