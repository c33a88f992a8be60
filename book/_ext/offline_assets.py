"""Serve everything a page needs from the book itself, never from a CDN.

The book must work on any network, a locked-down campus machine included:
nothing is fetched from a third party when a page is viewed, and nothing is
downloaded when the book is built (every asset comes from a pinned package).

* **Charts.** Altair's HTML output loads vega, vega-lite and vega-embed from a
  CDN unless ``window.VEGA_DEBUG`` says that the versions it wants are already
  on the page. The bundle that ``vl-convert-python`` carries is written to
  ``_static/vendor/``, wrapped in a function scope (its top level declares
  ``const _``, which would collide with Sphinx's ``doctools.js``), and loaded,
  with the version markers set, on the pages that have a chart (and only
  there: it weighs about 900 KB).
* **Maths** needs no script: it is written as MathML when the book is built
  (``mathml.py``), so no page loads MathJax. jupyterquiz typesets a quiz only
  if ``MathJax`` is defined, so without it a quiz fetches nothing either (the
  quizzes have no maths).
* **Thebe.** Live code in the page is off (``launch_buttons.thebe: false``),
  but Jupyter Book always loads ``sphinx_thebe``, which still writes a CDN
  address for thebe into every page, twice (the second declaration of its
  constant is a console error). Its scripts are dropped, and any inline script
  registered twice is kept once.

A page that still asks for a script or a style sheet from another host makes
the build warn, and so fail, since the book is built with warnings as errors.
"""

from __future__ import annotations

from importlib import metadata
from pathlib import Path
from typing import Any

import altair as alt
import vl_convert
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

BUNDLE = "vendor/vega-bundle.js"
CHART_MARK = "altair-viz-"
"""Every Altair chart in a page's HTML has an element id starting with this."""

# The versions Altair's loader compares against VEGA_DEBUG before it fetches
# anything; the keys are the library names without their hyphen.
VERSION_MARKERS = (
    "window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {}, "
    '{"vega_version": "6", '
    f'"vegalite_version": "{alt.VEGALITE_VERSION}", '
    '"vegaembed_version": "7"});'
)


def _is_remote(url: object) -> bool:
    """Tell whether an asset's address points at another host."""
    return isinstance(url, str) and (url.startswith("//") or "://" in url)


def _starts_with(path: Path, first_line: str) -> bool:
    """Tell whether a file exists and begins with ``first_line``."""
    if not path.is_file():
        return False
    with path.open(encoding="utf-8") as handle:
        return handle.readline() == first_line


def _write_vendor(app: Sphinx, exception: Exception | None) -> None:
    """Write the vega bundle into the output after a build."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    minor = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    target = static / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    # vl-convert takes 5-10 s to produce the bundle: a rebuild keeps the copy
    # it wrote before if that came from the same versions (benchmarks/README.md).
    stamp = (
        f"/* vega-lite {alt.VEGALITE_VERSION} bundle from vl-convert-python "
        f"{metadata.version('vl-convert-python')} */\n"
    )
    if not _starts_with(target, stamp):
        bundle = vl_convert.javascript_bundle(vl_version=minor)
        target.write_text(
            f"{stamp}(function () {{\n{bundle}\n}})();\n{VERSION_MARKERS}\n",
            encoding="utf-8",
        )


def _keep(filename: str, body: str, has_chart: bool) -> bool:
    """Tell whether a page keeps a script: no thebe, vega only with charts."""
    if filename.endswith("sphinx-thebe.js") or "THEBE_JS_URL" in body:
        return False
    return has_chart or not filename.endswith(BUNDLE)


def _offline_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """Choose a page's scripts, and warn about any from another host."""
    has_chart = CHART_MARK in context.get("body", "")
    scripts = context.get("script_files", [])
    kept, seen = [], set()
    for script in scripts:
        filename, body = script.filename or "", script.attributes.get("body", "")
        if (filename, body) in seen or not _keep(filename, body, has_chart):
            continue
        seen.add((filename, body))
        kept.append(script)
    scripts[:] = kept
    for asset in [*kept, *context.get("css_files", [])]:
        if _is_remote(asset.filename):
            logger.warning(
                "page %s loads %s from another host: serve it from the book",
                pagename,
                asset.filename,
            )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the vendored scripts, the page filter and the build step."""
    app.add_js_file(BUNDLE)
    # After the other extensions have added their scripts (priority 500).
    app.connect("html-page-context", _offline_page, priority=900)
    app.connect("build-finished", _write_vendor)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
