"""Let every page show before any script has run, and carry nothing unused.

Measured on a phone profile (slow 4G, a 4x slower CPU), a stock page made the
browser wait for 13 scripts before drawing anything and downloaded a 111 KB
search index it never used. This extension:

* marks every script file ``defer`` (it runs once the page is parsed, in the
  same order as before), and turns each small inline script that sets a
  ``DOCUMENTATION_OPTIONS`` field into a module script, which is deferred too
  and so still runs after ``documentation_options.js`` defines the object;
* keeps the search index (``searchindex.js``, with ``searchtools.js`` and
  ``language_data.js``) on the search page only: pydata-sphinx-theme writes
  them into every page for its search-as-you-type, which this book does not
  use (the search box opens the search page, which loads the index);
* drops the ipywidgets state that myst-nb writes into a page whose notebook
  stored some: the book has no widget manager to read it (its controls are
  Vega bindings), and it weighed 112 KB on the weigher page;
* loads the logos of the theme's launch menu (Binder, Colab; 8 KB) only when
  the menu is opened;
* gives every page a ``<meta name="description">`` for search engines and
  link previews: the first paragraph of the page, shortened at a word.

The rewriting of the theme's own tags happens once the pages are written; a
tag that is no longer found makes the build warn (and so fail), so a theme
update cannot silently undo it.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

SEARCH_SCRIPTS = re.compile(
    r'[ \t]*<script src="[^"]*(?:_static/searchtools\.js|_static/language_data\.js'
    r'|searchindex\.js)[^"]*"></script>\n?'
)
"""The theme's three search scripts, as it writes them."""
UNDEFERRED = re.compile(r'<script src="')
LAUNCH_LOGO = re.compile(r'<img (alt="[^"]* logo" src="[^"]*_static/images/logo_)')
"""A logo in the theme's launch menu (Binder, Colab), hidden until it opens."""
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
PARAGRAPH = re.compile(r"<p\b([^>]*)>(.*?)</p>", re.DOTALL)
NOT_PROSE = re.compile(r'class="[^"]*\b(?:admonition-title|caption|rubric)\b')
"""A paragraph that is a box's title or a caption, not prose."""
TAG = re.compile(r"<[^>]+>")
BOOK_SUMMARY = (
    "an open, interactive teaching book on judging the chances of a palace coup."
)
"""Said of a page that has no paragraph of its own (the index, the search)."""
SPECIAL_PAGES = {"genindex": "Index", "search": "Search"}
DESCRIPTION_LENGTH = 155
"""About what search engines show of a description."""


def describe(body: str, fallback: str) -> str:
    """Return a page's description: its first real paragraph, shortened.

    Parameters
    ----------
    body : str
        The page's HTML body.
    fallback : str
        The description to use when the page has no paragraph of prose.

    Returns
    -------
    str
        Plain text, at most ``DESCRIPTION_LENGTH`` characters, cut at a word.

    Examples
    --------
    >>> describe("<h1>T</h1><p>Short.</p><p>The <em>real</em> first text.</p>", "F")
    'The real first text.'
    >>> describe("<p>" + "word " * 60 + "</p>", "F")[-6:]
    'word …'
    >>> describe('<p class="admonition-title">A hypothetical model</p>', "F")
    'F'
    >>> describe("<div>no prose</div>", "Fallback.")
    'Fallback.'
    """
    for match in PARAGRAPH.finditer(body):
        if NOT_PROSE.search(match.group(1)):
            continue
        text = " ".join(html.unescape(TAG.sub("", match.group(2))).split())
        if len(text) < 20:
            continue  # a label or a caption, not a paragraph of prose
        if len(text) <= DESCRIPTION_LENGTH:
            return text
        cut = text[: DESCRIPTION_LENGTH - 1].rsplit(" ", 1)[0]
        return cut.rstrip(",;:") + " …"
    return fallback


def _fast_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """Defer a page's scripts, drop the widget state, add its description."""
    scripts = context.get("script_files", [])
    kept = []
    for script in scripts:
        attributes = script.attributes
        if attributes.get("type") == WIDGET_STATE:
            continue
        if script.filename:
            if "async" not in attributes:
                attributes.setdefault("defer", "defer")
        elif "DOCUMENTATION_OPTIONS." in attributes.get("body", ""):
            attributes["type"] = "module"  # deferred, after documentation_options
        kept.append(script)
    scripts[:] = kept
    book = context.get("docstitle", "")
    title = html.unescape(TAG.sub("", context.get("title", "")))
    title = title or SPECIAL_PAGES.get(pagename, pagename)
    fallback = f"{title}, in {book}: {BOOK_SUMMARY}"
    description = html.escape(describe(context.get("body", ""), fallback))
    context["metatags"] = (
        context.get("metatags", "")
        + f'\n    <meta name="description" content="{description}" />'
    )


def lighten(text: str, is_search_page: bool) -> str:
    r"""Take the search scripts out of a page (defer them on the search page).

    >>> page = '<script src="../_static/searchtools.js"></script>\n<p>x</p>'
    >>> lighten(page, is_search_page=False)
    '<p>x</p>'
    >>> lighten(page, is_search_page=True)
    '<script defer src="../_static/searchtools.js"></script>\n<p>x</p>'
    """
    if is_search_page:
        return SEARCH_SCRIPTS.sub(
            lambda tag: UNDEFERRED.sub('<script defer src="', tag.group(0)), text
        )
    return SEARCH_SCRIPTS.sub("", text)


def lazy_logos(text: str) -> str:
    """Load the launch menu's logos only when the menu opens.

    >>> lazy_logos('<img alt="Colab logo" src="../_static/images/logo_colab.png">')
    '<img loading="lazy" alt="Colab logo" src="../_static/images/logo_colab.png">'
    """
    return LAUNCH_LOGO.sub(r'<img loading="lazy" \1', text)


def _lighten_pages(app: Sphinx, exception: Exception | None) -> None:
    """Rewrite the theme's search scripts and launch logos in every page."""
    if exception is not None or app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    for page in outdir.rglob("*.html"):
        if page.relative_to(outdir).parts[0] == "_static":
            continue
        text = page.read_text(encoding="utf-8")
        search = page.relative_to(outdir).as_posix() == "search.html"
        lean = lazy_logos(lighten(text, is_search_page=search))
        if lean != text:
            page.write_text(lean, encoding="utf-8")
        if re.search(r'<script src="[^"]*searchindex\.js', lean) or (
            not search and "searchindex.js" in lean
        ):
            logger.warning("%s still loads the search index before it is shown", page)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the page rewriting."""
    # After the other extensions have added their scripts (priority 500).
    app.connect("html-page-context", _fast_page, priority=950)
    app.connect("build-finished", _lighten_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
