"""The bibliography can be followed: every entry is cited, traceable, real."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pybtex.database import parse_file

ROOT = Path(__file__).resolve().parents[1]
BIB = parse_file(str(ROOT / "book" / "references.bib"))
CITING = (".md", ".ipynb", ".yaml", ".csv", ".json", ".py")


def _citing_text() -> str:
    """Everything outside the bibliography that may cite a key."""
    files = subprocess.run(
        ["git", "ls-files", "book", "exercises", "src"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    return "\n".join(
        (ROOT / name).read_text("utf-8")
        for name in files
        if name.endswith(CITING) and (ROOT / name).is_file()
    )


TEXT = _citing_text()


def test_the_bibliography_is_not_empty():
    assert len(BIB.entries) >= 40


@pytest.mark.parametrize("key", sorted(BIB.entries))
def test_every_entry_is_cited(key):
    assert key in TEXT, f"{key} is in references.bib but nothing cites it"


@pytest.mark.parametrize("key", sorted(BIB.entries))
def test_every_entry_can_be_traced(key):
    entry = BIB.entries[key]
    fields = {name.lower(): value for name, value in entry.fields.items()}
    assert fields.get("title"), f"{key} has no title"
    assert fields.get("year"), f"{key} has no year"
    assert entry.persons.get("author") or entry.persons.get("editor"), key
    where = ("url", "doi", "isbn", "publisher", "journal")
    assert any(fields.get(name) for name in where), f"{key}: no URL, DOI or publisher"
    assert "descriptive title" not in fields.get("note", "").lower(), (
        f"{key} still has a descriptive placeholder title"
    )
