"""Serve the chart libraries from the book itself, never from a CDN.

Altair's HTML output loads vega, vega-lite and vega-embed from a CDN unless
``window.VEGA_DEBUG`` says that the versions it wants are already on the page.
This Sphinx extension writes the bundle that ``vl-convert-python`` carries (a
pinned Python package, so no download at build or page-view time) into the
built book's ``_static/vendor`` folder, wrapped in a function scope (its top
level declares ``const _``, which would collide with Sphinx's ``doctools.js``),
and adds it to every page ahead of the charts, with the version markers set.
"""

from __future__ import annotations

from pathlib import Path

import altair as alt
import vl_convert
from sphinx.application import Sphinx

BUNDLE = "vendor/vega-bundle.js"

# The versions Altair's loader compares against VEGA_DEBUG before it fetches
# anything; the keys are the library names without their hyphen.
VERSION_MARKERS = (
    "window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {}, "
    '{"vega_version": "6", '
    f'"vegalite_version": "{alt.VEGALITE_VERSION}", '
    '"vegaembed_version": "7"});'
)


def _write_bundle(app: Sphinx, exception: Exception | None) -> None:
    """Write the vega bundle into the output's static folder after a build."""
    if exception is not None or app.builder.format != "html":
        return
    minor = ".".join(alt.VEGALITE_VERSION.split(".")[:2])
    target = Path(app.outdir) / "_static" / BUNDLE
    target.parent.mkdir(parents=True, exist_ok=True)
    bundle = vl_convert.javascript_bundle(vl_version=minor)
    target.write_text(
        f"(function () {{\n{bundle}\n}})();\n{VERSION_MARKERS}\n", encoding="utf-8"
    )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the bundle on every page and write it when the build ends."""
    app.add_js_file(BUNDLE)
    app.connect("build-finished", _write_bundle)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
