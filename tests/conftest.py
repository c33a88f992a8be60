"""Fixtures shared by the tests: the book is built once per pytest run."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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
