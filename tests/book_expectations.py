"""What each page of the book must show, read from the sources, not the pages.

The browser tests count what they find in each page (charts drawn live,
controls moved, quiz questions answered, worked solutions found) and compare
the counts with these, so that a selector that stops matching, or a page
that loses a chart, fails instead of passing with nothing checked.

* **Charts and controls**: the stored outputs of each notebook (nbval keeps
  them equal to a fresh run): every Altair chart, shown by a cell or glued
  into the prose, and every parameter it binds to an input.
* **Quiz questions**: each ``quiz.show("<name>")`` call in a notebook's code,
  and the number of questions in that quiz's file.
* **Worked solutions**: the code cells tagged ``solution`` in each
  worked-solution notebook.
"""

from __future__ import annotations

import functools
import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
QUIZZES = ROOT / "src" / "palace_coup" / "data" / "quizzes"
FOLDERS = ("book", "exercises")
SHOW = re.compile(r'quiz\.show\("([^"]+)"\)')
ALTAIR_CALL = "})("
"""Altair's HTML output ends by calling its loader with the chart's spec."""


@dataclass(frozen=True)
class Expected:
    """What one page must show."""

    charts: int = 0
    controls: int = 0
    questions: int = 0
    solutions: int = 0


def _controls(spec: object) -> int:
    """Count the inputs a Vega-Lite spec's bound parameters draw.

    A radio group counts its buttons but one (the checked one is not moved).

    >>> _controls({"params": [{"name": "w", "bind": {"input": "range"}},
    ...   {"name": "r", "bind": {"input": "radio", "options": ["a", "b", "c"]}},
    ...   {"name": "s", "select": "point", "bind": "legend"}]})
    3
    """
    count = 0
    if isinstance(spec, dict):
        bind = spec.get("bind")
        if isinstance(spec.get("name"), str) and isinstance(bind, dict):
            kind = bind.get("input")
            options = bind.get("options") or []
            count += len(options) - 1 if kind == "radio" else 1
        count += sum(_controls(value) for value in spec.values())
    elif isinstance(spec, list):
        count += sum(_controls(value) for value in spec)
    return count


def _stored_charts(notebook: nbformat.NotebookNode) -> list[dict]:
    """Return the Vega-Lite spec of every Altair chart in stored outputs."""
    decoder = json.JSONDecoder()
    specs = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            # Charts shown by a cell, or glued into the prose by myst-nb.
            data = output.get("data", {})
            html = "".join(
                "".join(value) if isinstance(value, list) else value
                for kind, value in data.items()
                if kind.endswith("text/html")
            )
            for chart in re.finditer(r'<div id="altair-viz-[0-9a-f]+"></div>', html):
                end = html.find("</script>", chart.end())
                call = html.rfind(ALTAIR_CALL, chart.end(), end)
                spec, _ = decoder.raw_decode(html, call + len(ALTAIR_CALL))
                specs.append(spec)
    return specs


def _questions(name: str) -> int:
    return len(json.loads((QUIZZES / f"{name}.json").read_text(encoding="utf-8")))


@functools.cache
def expected_pages() -> dict[str, Expected]:
    """Map each page built from a notebook (``a/b.html``) to what it shows."""
    pages = {}
    for folder in FOLDERS:
        for path in sorted((ROOT / folder).rglob("*.ipynb")):
            if any(part.startswith((".", "_build")) for part in path.parts):
                continue
            notebook = nbformat.read(path, as_version=4)
            specs = _stored_charts(notebook)
            code = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
            tags = Counter(  # the book marks code cells only with their tags
                tag
                for cell in notebook.cells
                if cell.cell_type == "code"
                for tag in cell.metadata.get("tags", [])
            )
            page = path.relative_to(ROOT).with_suffix(".html").as_posix()
            pages[page] = Expected(
                charts=len(specs),
                controls=sum(_controls(spec) for spec in specs),
                questions=sum(_questions(name) for name in SHOW.findall(code)),
                solutions=tags["solution"],
            )
    return pages


def expected(page: str) -> Expected:
    """What ``page`` must show (nothing, for a page written in Markdown)."""
    return expected_pages().get(page, Expected())
