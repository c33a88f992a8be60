"""Keep every page light: drop the theme's 1.5 MB icon script.

pydata-sphinx-theme (under sphinx-book-theme) draws its icons twice over: with
Font Awesome's web fonts, through its own style sheet, and with Font Awesome's
whole JavaScript library, ``scripts/fontawesome.js`` (about 1.5 MB, the
heaviest file on every page), which exists so that sites can add *custom*
icons and which redraws every icon as an SVG once the page has loaded. This
book uses only the theme's standard icons, which the web fonts draw by
themselves (the theme is moving the same way: pydata-sphinx-theme issue #2379
and pull request #2494). The script is written into each page by the theme's
template, not registered with Sphinx, so it is taken out of the written pages
after the build. ``make bench`` measures what each page weighs.
"""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.application import Sphinx

ICON_SCRIPT = re.compile(
    r'[ \t]*<script defer src="[^"]*_static/scripts/fontawesome\.js[^"]*"></script>\n?'
)
"""The theme's ``<script>`` tag for the Font Awesome library, wherever it points."""


def _drop_icon_script(app: Sphinx, exception: Exception | None) -> None:
    """Remove the Font Awesome script tag from every written page."""
    if exception is not None or app.builder.format != "html":
        return
    for page in Path(app.outdir).rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        lean = ICON_SCRIPT.sub("", text)
        if lean != text:
            page.write_text(lean, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    """Register the clean-up that runs once the pages are written."""
    app.connect("build-finished", _drop_icon_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
