"""Serve everything a page needs from the book itself, never from a CDN.

The book must work on any network, a locked-down campus machine included:
nothing is fetched from a third party when a page is viewed, and nothing is
downloaded when the book is built (every asset comes from a pinned package).

* **Charts** are drawn at build time and made live by a vega copy that the
  book serves itself, loaded only when a chart comes near (``lazy_charts.py``).
* **Maths** needs no script: it is written as MathML when the book is built
  (``mathml.py``), so no page loads MathJax. jupyterquiz typesets a quiz only
  if ``MathJax`` is defined, so without it a quiz fetches nothing either (the
  quizzes have no maths).
* **Thebe.** Live code in the page is off (``launch_buttons.thebe: false``),
  but Jupyter Book always loads ``sphinx_thebe``, which still writes a CDN
  address for thebe into every page, twice (the second declaration of its
  constant is a console error), and its style sheet. Its scripts and style
  sheet are dropped, and any inline script registered twice is kept once.

A page that still asks for a script or a style sheet from another host makes
the build warn, and so fail, since the book is built with warnings as errors.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _is_remote(url: object) -> bool:
    """Tell whether an asset's address points at another host.

    >>> _is_remote("https://cdn.example.org/x.js"), _is_remote("_static/x.js")
    (True, False)
    """
    return isinstance(url, str) and (url.startswith("//") or "://" in url)


def _keep(filename: str, body: str) -> bool:
    """Tell whether a page keeps a script or style sheet: nothing of thebe's."""
    return not (
        filename.endswith(("sphinx-thebe.js", "sphinx-thebe.css"))
        or "THEBE_JS_URL" in body
    )


def _offline_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """Drop thebe's assets, and warn about any asset from another host."""
    for key in ("script_files", "css_files"):
        assets = context.get(key, [])
        kept, seen = [], set()
        for asset in assets:
            filename = asset.filename or ""
            body = asset.attributes.get("body", "")
            if (filename, body) in seen or not _keep(filename, body):
                continue
            seen.add((filename, body))
            kept.append(asset)
        assets[:] = kept
        for asset in kept:
            if _is_remote(asset.filename):
                logger.warning(
                    "page %s loads %s from another host: serve it from the book",
                    pagename,
                    asset.filename,
                )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the page filter."""
    # After the other extensions have added their scripts (priority 500).
    app.connect("html-page-context", _offline_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
