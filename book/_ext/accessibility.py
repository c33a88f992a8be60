"""Fix the accessibility faults that the book's theme and widgets bring along.

The browser tests (``tests/test_browser.py``) run axe-core on every page and
allow no serious or critical violation, and no console error. What they found
in pages built from stock parts, and the fix for each:

* The theme's sidebar opens and closes a part's pages with a ``<summary>``
  that holds only an icon: it gets a visually hidden name, "Pages of <part>".
* Citation lists are marked ``role="list"`` but their entries
  ``role="doc-biblioentry"`` (deprecated), which axe reads as a list without
  items: the entries become ``role="listitem"``.
* **The colour mode follows the reader's system** (``prefers-color-scheme``)
  until they choose one with the theme's button: ``default_mode`` (an
  ``html_context`` value) is ``auto``. The theme resolves ``auto`` only when
  its deferred script runs, so a dark system would first see a light page: a
  one-line inline script sets the resolved mode at once. Charts follow the
  mode through their style sheet (``lazy_charts.py``).
* **Phone navigation.** pydata-sphinx-theme 0.17 writes a second, hidden pair
  of site-menu and page-contents buttons into its top bar, before the
  visible pair that sphinx-book-theme draws above the article; both themes'
  scripts bind only the first ``.primary-toggle`` and ``.secondary-toggle``
  they find, so on a narrow screen the visible buttons did nothing
  (pydata-sphinx-theme#2451, sphinx-book-theme#988; no theme pair within
  jupyter-book 1.0.4's pins has the fix: sphinx-book-theme 1.4 needs Sphinx
  8). The hidden pair is taken out of every written page, as the themes'
  own pending fix does (sphinx-book-theme pull request #1000).
* **Tooltips on touch screens.** A tap shows a header icon's tooltip, which
  then stays until the next tap elsewhere and covers the neighbouring icons:
  on devices without hover, tooltips are not shown (each icon button has a
  name of its own), and no tooltip ever takes a tap or a click.
* With no icon declared, browsers ask for ``/favicon.ico`` and log a 404: set
  ``html.favicon`` in ``_config.yml``.
* jupyterquiz's numeric answer box has no label tied to it and too little
  contrast: ``static/palace-coup-a11y.js`` and ``.css`` fix both, on every page
  (the quizzes' keyboard and screen-reader layer is ``quizzes.py``'s).
* A box that scrolls sideways on a phone (a wide equation, a code block) is
  given a tab stop, so it can be scrolled from the keyboard.
* The theme's link hover colour has 2.45:1 contrast on a white page: a darker
  shade of the same orange is used.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util import logging

logger = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
HIDDEN_TOGGLES = re.compile(
    r'[ \t]*<button class="pst-navbar-icon sidebar-toggle (?:primary|secondary)-toggle"'
    r"[^>]*>\s*<span[^>]*></span>\s*</button>\n?"
)
"""pydata-sphinx-theme's hidden top-bar copies of the two sidebar buttons."""
RESOLVE_MODE = (
    'if (document.documentElement.dataset.theme === "auto") {'
    " document.documentElement.dataset.theme ="
    ' matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"; }'
)
"""Set the colour the theme's ``auto`` mode stands for, before the first paint."""


def _label_nav_toggles(tree: Any) -> None:
    """Name each sidebar toggle, in place, after the part whose pages it shows."""
    for summary in tree.find_all("summary"):
        if summary.get_text(strip=True):
            continue  # already named (the tree may be cached and seen twice)
        item = summary.find_parent("li")
        link = item.find("a") if item is not None else None
        title = link.get_text(strip=True) if link is not None else "this part"
        hidden = BeautifulSoup("", "html.parser").new_tag(
            "span", attrs={"class": "visually-hidden"}
        )
        hidden.string = f"Pages of {title}"
        summary.insert(0, hidden)


def _labelled(generate: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap the theme's sidebar generator so that its toggles have names."""

    @functools.wraps(generate)
    def generate_labelled(*args: Any, **kwargs: Any) -> Any:
        tree = generate(*args, **kwargs)
        if hasattr(tree, "find_all"):  # a BeautifulSoup tree, shown with str()
            _label_nav_toggles(tree)
        return tree

    return generate_labelled


def _theme_defaults(app: Sphinx, config: Config) -> None:
    """Let the colour mode follow the system (the theme needs one, or logs)."""
    config.html_context.setdefault("default_mode", "auto")


def drop_hidden_toggles(text: str) -> tuple[str, int]:
    r"""Take the hidden top-bar sidebar buttons out of a page; count them.

    >>> hidden = '<button class="pst-navbar-icon sidebar-toggle primary-toggle">'
    >>> shown = '<button class="sidebar-toggle primary-toggle btn">x</button>'
    >>> icon = '\n  <span class="fa-bars"></span>\n</button>\n'
    >>> drop_hidden_toggles(hidden + icon + shown)
    ('<button class="sidebar-toggle primary-toggle btn">x</button>', 1)
    """
    return HIDDEN_TOGGLES.subn("", text)


def _fix_navigation(app: Sphinx, exception: Exception | None) -> None:
    """Leave each written page one working pair of sidebar buttons."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).parts[0] == "_static":
            continue
        text = page.read_text(encoding="utf-8")
        fixed, dropped = drop_hidden_toggles(text)
        if dropped:
            page.write_text(fixed, encoding="utf-8")
        if 'class="pst-navbar-icon sidebar-toggle primary-toggle' in fixed:
            logger.warning("%s: the theme's hidden sidebar buttons remain", page)


def _add_static(app: Sphinx) -> None:
    """Serve the fixes' script and style sheet from the book."""
    app.config.html_static_path.append(str(STATIC))


def _accessible_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """Name the sidebar toggles and give citation lists valid roles."""
    if "generate_toctree_html" in context:
        context["generate_toctree_html"] = _labelled(context["generate_toctree_html"])
    if "body" in context:
        context["body"] = context["body"].replace(
            'role="doc-biblioentry"', 'role="listitem"'
        )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the fixes."""
    app.connect("config-inited", _theme_defaults)
    app.connect("builder-inited", _add_static)
    app.add_js_file(None, body=RESOLVE_MODE, priority=100)
    app.add_js_file("palace-coup-a11y.js")
    app.add_css_file("palace-coup-a11y.css")
    app.connect("build-finished", _fix_navigation)
    # After the theme has put its sidebar generator into the context (500).
    app.connect("html-page-context", _accessible_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
