"""The prose budget of issue 13: the book's prose must stay at most 30,000 words.

Counted as ``/work/team/wordcount.py`` counts: the markdown of ``book/`` and of
``exercises/solutions/`` (markdown cells of notebooks, ``.md`` files), without
code; the bodies of MyST directives count, their option lines and HTML comments
do not. The intro and the article chapters share one half of the budget, every
other page the other half.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOTAL = 30_000
HALF = 15_000
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,}|:{3,})(.*)$")
OPTION = re.compile(r"^\s*:[\w-]+:")
WORD = re.compile(r"[A-Za-z0-9][\w'\u2019.-]*")


def prose_words(text: str) -> int:
    """Count the words of markdown prose, dropping code and directive options."""
    kept, fence = [], None
    for line in text.splitlines():
        match = FENCE.match(line)
        if match:
            marker, rest = match.group(2), match.group(3).strip()
            if fence is None:
                fence = (marker[0], len(marker), rest.startswith("{"))
                continue
            if marker[0] == fence[0] and len(marker) >= fence[1] and not rest:
                fence = None
                continue
        if fence is not None and not fence[2]:
            continue
        if OPTION.match(line):
            continue
        kept.append(line)
    text = re.sub(r"<!--.*?-->", "", "\n".join(kept), flags=re.S)
    return len(WORD.findall(text))


def markdown_of(path: Path) -> str:
    """The markdown of a page: the file itself, or a notebook's markdown cells."""
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join(
        "".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"
    )


def pages(root: Path = ROOT) -> list[Path]:
    """Every page the budget counts."""
    book = [
        path
        for path in (root / "book").rglob("*")
        if path.suffix in (".md", ".ipynb")
        and "_build" not in path.parts
        and "_ext" not in path.parts
        and ".ipynb_checkpoints" not in path.parts
    ]
    return sorted(book + list((root / "exercises" / "solutions").glob("*.ipynb")))


def is_article_half(path: Path, root: Path = ROOT) -> bool:
    relative = path.relative_to(root).as_posix()
    return relative == "book/intro.md" or relative.startswith("book/article/")


def counts(root: Path = ROOT) -> dict[str, int]:
    return {
        path.relative_to(root).as_posix(): prose_words(markdown_of(path))
        for path in pages(root)
    }


def test_counter_matches_known_cases():
    assert prose_words("One two three.") == 3
    assert prose_words("Text\n```python\nx = 1 + 2\n```\nmore") == 2
    assert prose_words("```{note}\n:class: tip\nTwo words\n```") == 2
    assert prose_words("a <!-- hidden words --> b") == 2
    assert prose_words("It's 87.28% of e.g. votes") == 5


def test_every_counted_page_is_found():
    found = counts()
    assert "book/intro.md" in found
    assert "book/glossary.md" in found
    assert sum(path.startswith("book/article/") for path in found) >= 8
    assert sum(path.startswith("book/models/") for path in found) >= 8
    assert sum(path.startswith("exercises/solutions/") for path in found) >= 8


def test_total_within_budget():
    found = counts()
    total = sum(found.values())
    report = "\n".join(f"{n:6d} {path}" for path, n in sorted(found.items()))
    assert total <= TOTAL, f"{total} words, budget {TOTAL}:\n{report}"


@pytest.mark.parametrize("article_half", [True, False], ids=["article", "rest"])
def test_each_half_within_its_share(article_half):
    found = {
        path: n
        for path, n in counts().items()
        if is_article_half(ROOT / path) == article_half
    }
    assert sum(found.values()) <= HALF, found
