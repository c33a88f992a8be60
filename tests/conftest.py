"""Fixtures shared by the tests: the book is built once per pytest run."""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import chromium, serve
from exercise_battery import offline, sync_browser

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


@dataclass(frozen=True)
class BookBuild:
    """The outcome of one `jupyter-book build` of the whole book."""

    returncode: int
    log: str
    html: Path


@pytest.fixture(scope="session")
def book_build(tmp_path_factory: pytest.TempPathFactory) -> BookBuild:
    """Build the whole book, warnings as errors, into a fresh folder."""
    out = tmp_path_factory.mktemp("book")
    result = subprocess.run(
        [
            str(JUPYTER_BOOK),
            "build",
            str(ROOT),
            "--path-output",
            str(out),
            "--warningiserror",
            "--nitpick",
            "--keep-going",
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PALACE_COUP_RENDER": "static"},
        check=False,
    )
    return BookBuild(
        result.returncode, result.stdout + result.stderr, out / "_build" / "html"
    )


@pytest.fixture(scope="module")
def html(request: pytest.FixtureRequest) -> Path:
    """The built book: $PALACE_COUP_BOOK_HTML, or this run's build."""
    given = os.environ.get("PALACE_COUP_BOOK_HTML")
    if given:
        return Path(given)
    build = request.getfixturevalue("book_build")
    assert build.returncode == 0, build.log[-3000:]
    return build.html


@pytest.fixture(scope="module")
def site(html: Path):
    """The book served on 127.0.0.1, and one chromium (sync API) to open it."""
    executable = chromium()
    if executable is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is not installed (apt-get install -y chromium)")
        warnings.warn(
            "chromium is not installed: the page tests are skipped", stacklevel=2
        )
        pytest.skip("chromium is not installed")
    with serve(html) as base, sync_browser(executable) as browser:
        yield base, browser


@pytest.fixture
def open_offline(site):
    """Open pages offline, each in a fresh context; fail on errors or leaks.

    ``open_page(path, **options)`` takes the options of ``new_context``
    (viewport, touch, colour scheme); at the end of the test no page may have
    logged a console error or asked another host for anything.
    """
    base, browser = site
    contexts, refused, errors = [], [], []

    def open_page(path, **options):
        context = offline(browser, refused, **options)
        contexts.append(context)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(base + path, wait_until="load")
        return page

    yield open_page
    for context in contexts:
        context.close()
    assert errors == [], errors
    assert refused == [], refused
