"""The whole book builds with Sphinx warnings treated as errors, fully offline."""

import re
from pathlib import Path

import yaml

SPHINX_WARNING = re.compile(r"^.*WARNING: .*$", re.M)
"""A line with a Sphinx warning (not "[IPKernelApp] WARNING | ..." from kernels)."""
ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")

THIRD_PARTY_LOAD = re.compile(
    r"<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)=[\"'](?:https?:)?//", re.I
)
MATHS = re.compile(r'<(?:span|div) class="math notranslate nohighlight[^"]*"')
"""The element that book/_ext/mathml.py wraps each piece of maths in."""
MATHJAX = re.compile(r"<script\b[^>]*\bsrc=[\"'][^\"']*(?:mathjax|tex-)", re.I)
"""A script element that loads MathJax (jupyterquiz's inline code only names it)."""


def test_book_builds_without_warnings(book_build) -> None:
    assert book_build.returncode == 0, book_build.log[-6000:]
    # Sphinx's own warnings ("WARNING: ..."), not the notice every kernel prints
    # on start ("[IPKernelApp] WARNING | Kernel is running over TCP ...").
    warnings = SPHINX_WARNING.findall(ANSI_COLOUR.sub("", book_build.log))
    assert not warnings, "\n".join(warnings)
    html = book_build.html
    assert (html / "index.html").is_file()
    assert (html / "book" / "intro.html").is_file()
    bundle = html / "_static" / "vendor" / "vega.js"
    text = bundle.read_text(encoding="utf-8")
    assert text.startswith("/* vega "), "the offline vega bundle was not written"
    # vega's core alone is about 440 KB; its parser and view must both be in it
    assert len(text) > 300_000
    assert re.search(r"window\.vega=\{View:[\w$]+,parse:[\w$]+,version:", text)
    assert not (html / "_static" / "vendor" / "vega-bundle.js").exists()


def test_maths_is_mathml_and_no_page_loads_mathjax(book_build) -> None:
    pages = {
        str(page.relative_to(book_build.html)): page.read_text(encoding="utf-8")
        for page in sorted(book_build.html.rglob("*.html"))
    }
    with_maths = {page for page, text in pages.items() if MATHS.search(text)}
    assert {"book/models/preconditions.html", "book/models/cascade.html"} <= with_maths
    for page in with_maths:
        text = pages[page]
        assert text.count("<math ") >= len(MATHS.findall(text)), page
        assert "math-error" not in text, f"{page} shows maths as LaTeX source"
    loaders = [page for page, text in pages.items() if MATHJAX.search(text)]
    assert not loaders, f"pages that load MathJax: {loaders}"
    assert not (book_build.html / "_static" / "vendor" / "mathjax").exists()


def test_no_page_loads_anything_from_another_host(book_build) -> None:
    offenders = {
        str(page.relative_to(book_build.html)): THIRD_PARTY_LOAD.findall(text)
        for page in sorted(book_build.html.rglob("*.html"))
        if THIRD_PARTY_LOAD.search(text := page.read_text(encoding="utf-8"))
    }
    assert not offenders, offenders


ROOT = Path(__file__).resolve().parents[1]
LAUNCHERS = {
    "Binder": re.compile(
        r'href="https://mybinder\.org/v2/gh/[^"]*urlpath=lab/tree/([^"]+)"'
    ),
    "JupyterHub": re.compile(r'href="https://[^"]+/hub/user-redirect/git-pull\?[^"]*"'),
    "Colab": re.compile(r'href="https://colab\.research\.google\.com/github/[^"]*"'),
}


def _notebook_pages(html: Path) -> dict[str, str]:
    """Map each page built from a notebook to its HTML."""
    return {
        rel: page.read_text(encoding="utf-8")
        for page in sorted(html.rglob("*.html"))
        if (ROOT / (rel := page.relative_to(html).as_posix()))
        .with_suffix(".ipynb")
        .is_file()
    }


def _expected_launchers() -> list[str]:
    """The launch buttons _config.yml asks for (JupyterHub only with a hub URL)."""
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    urls = config["launch_buttons"]
    wanted = {
        "Binder": "binderhub_url",
        "JupyterHub": "jupyterhub_url",
        "Colab": "colab_url",
    }
    return [name for name, key in wanted.items() if urls.get(key)]


def test_launch_buttons_are_configured() -> None:
    assert {"Binder", "Colab"} <= set(_expected_launchers())


def test_every_notebook_page_has_launch_buttons(book_build) -> None:
    pages = _notebook_pages(book_build.html)
    assert pages, "no page was built from a notebook"
    expected = _expected_launchers()
    missing = {
        page: [name for name in expected if not LAUNCHERS[name].search(text)]
        for page, text in pages.items()
    }
    assert not {page: names for page, names in missing.items() if names}
    if "JupyterHub" not in expected:
        hub_links = [
            p for p, text in pages.items() if LAUNCHERS["JupyterHub"].search(text)
        ]
        assert not hub_links, "a JupyterHub button points at no configured hub"


def test_worked_solutions_launch_and_download_the_student_copy(book_build) -> None:
    pages = _notebook_pages(book_build.html)
    for page, text in pages.items():
        if not page.startswith("exercises/solutions/"):
            continue
        student = page.replace("exercises/solutions/", "exercises/").removesuffix(
            ".html"
        )
        assert "exercises/solutions/" not in " ".join(
            re.findall(r'href="([^"]*(?:_sources|mybinder|git-pull|colab)[^"]*)"', text)
        ), page
        assert LAUNCHERS["Binder"].search(text)[1] == f"{student}.ipynb"
        assert (book_build.html / "_sources" / f"{student}.ipynb").is_file()
    published = book_build.html / "_sources" / "exercises" / "solutions"
    assert not any(published.glob("*")), "a worked solution can be downloaded"
