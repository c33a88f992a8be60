r"""Draw every chart at build time, and load vega only when a chart comes near.

Altair writes each chart into a page as a Vega-Lite spec and a loader that
needs vega, vega-lite and vega-embed (about 900 KB) before anything shows. On a
phone on a slow network that left a blank space for seconds, and every chart
page paid for the libraries even when the reader never scrolled to a chart.
This extension rewrites each chart when the page is written:

* the Vega-Lite spec is compiled to Vega by ``vl-convert`` (the compiler then
  stays on the build machine: the page needs only vega's core, about 440 KB,
  bundled by ``vega_bundle``);
* the chart is rendered to SVG by ``vl-convert`` from that same spec, with its
  default values, and written into the page, so the reader sees the chart at
  once, before any script arrives (and without JavaScript at all);
* ``static/palace-coup-charts.js`` loads ``_static/vendor/vega.js`` when the
  first chart comes within about a screen of the viewport
  (``IntersectionObserver``) and replaces each picture by the live chart
  (sliders and all) as it comes near.

Both the picture and the live chart are SVG, so one style sheet gives them
their dark-mode colours (``static/palace-coup-charts.css``): the Okabe-Ito
hues stay, black ink turns light, white backgrounds take the page's colour.

Compiling and rendering take 0.01-0.5 s a chart; the results are kept in the
build's doctree folder, keyed by the spec, so a rebuild redoes only charts
that changed.

The page keeps Altair's element id (``altair-viz-...``); the container gets
``data-pc-state="picture"`` and then ``"live"`` once vega has drawn it, and
fires a ``palace-coup:chart`` event (``detail.view`` is the vega View) that
other scripts can use to follow a chart's signals.

Examples
--------
>>> block = (
...     '<div id="altair-viz-0a"></div>\n<script type="text/javascript">'
...     '(function(spec, embedOpt){})({"mark": "point"}, {"actions": false});'
...     "\n</script>"
... )
>>> [(chart.element_id, chart.spec) for chart in find_charts(block)]
[('altair-viz-0a', {'mark': 'point'})]
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import altair as alt
import vega_bundle
import vl_convert
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

SCRIPT = "palace-coup-charts.js"
STYLE = "palace-coup-charts.css"
VENDOR = "vendor/vega.js"
SPEC_SCRIPT = re.compile(
    r'<script type="application/json" id="pc-spec-[0-9a-f]+">(.*?)</script>', re.DOTALL
)
"""A compiled spec, as :func:`chart_markup` writes it."""
VL_VERSION = ".".join(alt.VEGALITE_VERSION.split(".")[:2])

# One Altair chart: an optional <style> naming the element, the element, and
# the loader script whose last call passes the spec and the embed options.
CHART_BLOCK = re.compile(
    r"(?:<style>(?:(?!</style>).)*?#(?P<styled>altair-viz-[0-9a-f]+)"
    r"(?:(?!</style>).)*</style>\s*)?"
    r'<div id="(?P<id>altair-viz-[0-9a-f]+)"></div>\s*'
    r'<script type="text/javascript">(?P<script>(?:(?!</script>).)*)</script>',
    re.DOTALL,
)
CALL = "})("
"""Altair's loader ends by calling itself with the spec and the options."""

# Attributes of the picture that only the live chart needs (the picture is
# one image to assistive technology: it carries the chart's description).
PICTURE_NOISE = re.compile(
    r'\s(?:class|role|aria-[a-z]+|pointer-events|stroke-miterlimit)="[^"]*"'
    r'|\sopacity="1"'  # the default (and opacity is not inherited)
)
LONG_DECIMAL = re.compile(r"(?<=[\d])\.(\d{2})\d+")
"""A coordinate written to more than two decimal places (a hundredth of a px)."""


@dataclass(frozen=True)
class Chart:
    """One Altair chart found in a page's HTML."""

    start: int
    end: int
    element_id: str
    spec: dict[str, Any]


def find_charts(body: str) -> Iterator[Chart]:
    """Yield every Altair chart in ``body``, with its Vega-Lite spec.

    Parameters
    ----------
    body : str
        A page's HTML.

    Yields
    ------
    Chart
        Where the chart's markup starts and ends, its element id and its spec.
    """
    decoder = json.JSONDecoder()
    for match in CHART_BLOCK.finditer(body):
        if match.group("styled") not in (None, match.group("id")):
            continue  # a style for another element: not this chart's markup
        script = match.group("script")
        call = script.rfind(CALL)
        if call < 0:
            continue
        try:
            spec, _ = decoder.raw_decode(script, call + len(CALL))
        except json.JSONDecodeError:
            continue
        yield Chart(match.start(), match.end(), match.group("id"), spec)


def script_json(value: object) -> str:
    r"""JSON that cannot end the ``<script>`` element holding it.

    >>> script_json({"text": "</script><b>"})
    '{"text":"\\u003c/script>\\u003cb>"}'
    """
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace(
        "<", "\\u003c"
    )


def _fills_container(vega: dict[str, Any]) -> bool:
    """Tell whether a compiled chart takes its width from its container."""
    return "containerSize" in json.dumps(vega.get("signals", []))


def slim_picture(svg: str, description: str, fills: bool) -> str:
    """Make vl-convert's SVG a light, scalable picture named by ``description``.

    >>> slim_picture(
    ...     '<svg class="marks" width="40" height="20" viewBox="0 0 40 20">'
    ...     '<g role="graphics-object"><path d="M0,0" aria-hidden="true"/>'
    ...     '<line x2="12.3456" opacity="1"/></g></svg>',
    ...     "A chart", fills=False,
    ... )
    '<svg class="pc-picture" role="img" aria-label="A chart" width="40" height="20" \
viewBox="0 0 40 20"><g><path d="M0,0"/><line x2="12.34"/></g></svg>'
    """
    svg = PICTURE_NOISE.sub("", svg)
    svg = re.sub(
        r'(\s[a-zA-Z][a-zA-Z0-9:-]*=")([^"]*)"',
        lambda attribute: (
            attribute.group(1) + LONG_DECIMAL.sub(r".\1", attribute.group(2)) + '"'
        ),
        svg,
    )
    svg = re.sub(r'\sxmlns(?::xlink)?="[^"]*"|\sversion="[^"]*"', "", svg)
    label = html.escape(description or "Chart", quote=True)
    extra = ' preserveAspectRatio="xMinYMin meet"' if fills else ""
    return svg.replace(
        "<svg", f'<svg class="pc-picture" role="img" aria-label="{label}"{extra}', 1
    )


class ChartCache:
    """Compiled specs and pictures, kept between builds in one folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.key_prefix = (
            f"{alt.VEGALITE_VERSION}/{metadata.version('vl-convert-python')}/"
        )

    def get(self, spec: dict[str, Any]) -> tuple[dict[str, Any], str]:
        """Return the spec compiled to Vega and its SVG picture."""
        text = json.dumps(spec, sort_keys=True)
        key = hashlib.sha256((self.key_prefix + text).encode()).hexdigest()[:32]
        path = self.folder / f"{key}.json"
        if path.is_file():
            cached = json.loads(path.read_text(encoding="utf-8"))
            return cached["vega"], cached["svg"]
        vega = vl_convert.vegalite_to_vega(spec, vl_version=VL_VERSION)
        svg = vl_convert.vega_to_svg(vega)
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(json.dumps({"vega": vega, "svg": svg}), encoding="utf-8")
        partial.replace(path)  # atomic: parallel writers never see half a file
        return vega, svg


def chart_markup(chart: Chart, vega: dict[str, Any], svg: str) -> str:
    """Write the container, its picture and its compiled spec, for one chart."""
    fills = _fills_container(vega)
    description = vega.get("description") or chart.spec.get("description", "")
    picture = slim_picture(svg, description, fills)
    spec_id = chart.element_id.replace("altair-viz-", "pc-spec-")
    kind = "pc-chart pc-fills" if fills else "pc-chart"
    height = re.search(r'\sheight="([\d.]+)"', picture)
    size = (
        f' style="contain-intrinsic-size: auto {height.group(1)}px"' if height else ""
    )
    return (
        f'<div id="{chart.element_id}" class="{kind} vega-embed"{size} '
        f'data-pc-spec="{spec_id}" data-pc-state="picture">{picture}</div>\n'
        f'<script type="application/json" id="{spec_id}">{script_json(vega)}</script>'
    )


def rewrite_charts(body: str, cache: ChartCache) -> tuple[str, int]:
    """Replace every Altair chart in ``body``; return the page and the count."""
    pieces, last, count = [], 0, 0
    for chart in find_charts(body):
        vega, svg = cache.get(chart.spec)
        pieces += [body[last : chart.start], chart_markup(chart, vega, svg)]
        last, count = chart.end, count + 1
    pieces.append(body[last:])
    return "".join(pieces), count


def _lazy_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """Rewrite a page's charts; give it the loader only if it has one."""
    body = context.get("body", "")
    if "altair-viz-" not in body:
        return
    cache = ChartCache(Path(app.doctreedir) / "palace-coup-charts")
    context["body"], count = rewrite_charts(body, cache)
    if count:  # for this page only (Sphinx resets the list for the next)
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(STYLE)
    if "altair-viz-" in context["body"].replace('id="altair-viz-', ""):
        logger.warning("page %s has a chart this extension cannot read", pagename)


def built_specs(outdir: Path) -> Iterator[dict[str, Any]]:
    """Yield every compiled spec in the built pages under ``outdir``."""
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        for match in SPEC_SCRIPT.finditer(text):
            yield json.loads(match.group(1))


def _write_vendor(app: Sphinx, exception: Exception | None) -> None:
    """Write the vega the pages' charts need into the output after a build."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / VENDOR
    optional = vega_bundle.needed_packages(built_specs(Path(app.outdir)))
    snippet = vega_bundle.snippet(vl_convert.get_vega_version(), optional)
    stamp = (
        f"/* vega {vega_bundle.VEGA_VERSION} ({', '.join(('core', *optional))}), "
        f"from vl-convert-python {metadata.version('vl-convert-python')}, "
        f"{hashlib.sha256((snippet + vega_bundle.NOTICE).encode()).hexdigest()[:12]}"
        " */\n"
    )
    if target.is_file():
        with target.open(encoding="utf-8") as handle:
            if handle.readline() == stamp:
                return  # it takes about a second to make: keep an up-to-date one
    bundle = vl_convert.javascript_bundle(snippet, vl_version=VL_VERSION)
    target.parent.mkdir(parents=True, exist_ok=True)
    # Its top level declares names such as `const _` (Sphinx's doctools.js has
    # one too): it runs inside a function scope and exports `vega` only.
    target.write_text(
        f"{stamp}/*! {vega_bundle.NOTICE} */\n(function () {{\n{bundle}\n}})();\n",
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the chart rewriting, the loader and the vendored vega."""
    # After myst-nb has written the body, before offline_assets checks scripts.
    app.connect("html-page-context", _lazy_page, priority=600)
    app.connect("build-finished", _write_vendor)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
