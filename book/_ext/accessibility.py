"""Fix the accessibility faults that the book's theme and widgets bring along.

The browser tests (``tests/test_browser.py``) run axe-core on every page and
allow no serious or critical violation, and no console error. What they found
in pages built from stock parts, and the fix for each:

* The theme's sidebar opens and closes a part's pages with a ``<summary>``
  that holds only an icon: it gets a visually hidden name, "Pages of <part>".
* Citation lists are marked ``role="list"`` but their entries
  ``role="doc-biblioentry"`` (deprecated), which axe reads as a list without
  items: the entries become ``role="listitem"``.
* pydata-sphinx-theme logs a console error when no colour mode is set: the
  book sets ``default_mode`` (an ``html_context`` value) to ``light`` (the
  charts are drawn for a light background; the reader can still switch).
* With no icon declared, browsers ask for ``/favicon.ico`` and log a 404: set
  ``html.favicon`` in ``_config.yml``.
* jupyterquiz's numeric answer box has no label tied to it and too little
  contrast: ``static/palace-coup-a11y.js`` and ``.css`` fix both, on every page.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup
from sphinx.application import Sphinx
from sphinx.config import Config

STATIC = Path(__file__).with_name("static")


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
    """Give the theme a colour mode, so that it does not log an error."""
    config.html_context.setdefault("default_mode", "light")


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
    app.add_js_file("palace-coup-a11y.js")
    app.add_css_file("palace-coup-a11y.css")
    # After the theme has put its sidebar generator into the context (500).
    app.connect("html-page-context", _accessible_page, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
