"""Fixtures shared by the tests: the book is built once per pytest run.

The browser fixtures (``book_html``, ``server``, ``browser``) are shared too:
playwright's sync API runs one instance per process, so every browser test
module (test_browser.py, test_exercise_pages.py) uses the same chromium.
"""

from __future__ import annotations

import os
import subprocess
import sys
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from browser_support import chromium, launch, serve
from playwright.sync_api import Browser

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


@pytest.fixture(scope="session")
def book_html(request: pytest.FixtureRequest) -> Path:
    """The built book's html folder: built by this run unless given."""
    given = os.environ.get("PALACE_COUP_BOOK_HTML")
    if given:
        return Path(given).resolve()
    build = request.getfixturevalue("book_build")
    if build.returncode != 0:
        pytest.fail("the book did not build: see test_book_build.py's failure")
    return build.html


@pytest.fixture(scope="session")
def server(book_html: Path) -> Iterator[str]:
    """Serve the built book on a free port of 127.0.0.1."""
    with serve(book_html) as base:
        yield base


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless chromium for the whole run; skipped loudly if absent."""
    executable = chromium()
    if executable is None:
        message = (
            "NO CHROMIUM FOUND: the browser tests did not run. "
            "Install it with `apt-get install -y chromium` (.ci/run does)."
        )
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)
    with launch(executable) as launched:
        yield launched
