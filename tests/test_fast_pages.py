"""Every built page: nothing holds up its first paint, nothing unused is loaded.

What the pages weigh and how fast they show is measured by ``make bench``;
here, the rewriting of ``book/_ext/fast_pages.py`` on the built book.
"""

from __future__ import annotations

import re
from pathlib import Path

from browser_support import book_pages

SCRIPT_FILE = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"[^>]*>")
IMAGE = re.compile(r"<img\b[^>]*>")


def test_no_page_waits_for_a_script_file(html: Path):
    checked = 0
    for path in book_pages(html):
        text = (html / path).read_text(encoding="utf-8")
        for attributes, source in SCRIPT_FILE.findall(text):
            checked += 1
            assert re.search(r"\b(defer|async)\b", attributes), (path, source)
    assert checked >= 40 * 10, checked


def test_the_search_index_is_on_the_search_page_only(html: Path):
    pages = [path for path in book_pages(html) if path != "search.html"]
    assert len(pages) >= 40
    for path in pages:
        text = (html / path).read_text(encoding="utf-8")
        assert "searchindex.js" not in text, path
    assert "searchindex.js" in (html / "search.html").read_text(encoding="utf-8")


def test_the_launch_menus_logos_wait_until_it_opens(html: Path):
    logos = 0
    for path in book_pages(html):
        for image in IMAGE.findall((html / path).read_text(encoding="utf-8")):
            if "_static/images/logo_" in image:
                logos += 1
                assert 'loading="lazy"' in image, (path, image)
    assert logos >= 20, logos


def test_every_page_has_a_description_of_its_own(html: Path):
    """A worked solution may share its exercise's; no other page shares one."""
    pages: dict[str, list[str]] = {}
    for path in book_pages(html):
        text = (html / path).read_text(encoding="utf-8")
        found = re.findall(r'<meta name="description" content="([^"]+)"', text)
        assert len(found) == 1, path
        assert len(found[0]) >= 25, (path, found[0])
        pages.setdefault(found[0], []).append(path.replace("solutions/", ""))
    assert len(pages) >= 30
    for description, paths in pages.items():
        assert len(set(paths)) == 1, (description, paths)
