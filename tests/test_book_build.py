"""The whole book builds with Sphinx warnings treated as errors, fully offline."""

import re

THIRD_PARTY_LOAD = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"'](?:https?:)?//", re.I
)


def test_book_builds_without_warnings(book_build) -> None:
    assert book_build.returncode == 0, book_build.log[-6000:]
    assert "WARNING" not in book_build.log, book_build.log[-6000:]
    html = book_build.html
    assert (html / "index.html").is_file()
    assert (html / "book" / "intro.html").is_file()
    bundle = html / "_static" / "vendor" / "vega-bundle.js"
    assert bundle.stat().st_size > 500_000, "the offline vega bundle was not written"
    mathjax = html / "_static" / "vendor" / "mathjax" / "tex-chtml.js"
    assert mathjax.stat().st_size > 500_000, "the offline MathJax was not written"


def test_no_page_loads_anything_from_another_host(book_build) -> None:
    offenders = {
        str(page.relative_to(book_build.html)): THIRD_PARTY_LOAD.findall(text)
        for page in sorted(book_build.html.rglob("*.html"))
        if THIRD_PARTY_LOAD.search(text := page.read_text(encoding="utf-8"))
    }
    assert not offenders, offenders
