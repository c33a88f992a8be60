"""The PDF editions (``make pdf``): what they hold, read back with pdftotext.

One build serves every test here: ``book/_ext/print_pdf.py`` builds the
single-page book beside the test run's HTML build (reusing its execution
cache and its parsed pages) and prints the student edition, the lecturer edition and the
chapter handouts with Debian's Chromium. The expected titles come from the
sources (``_toc.yml``, the pages, the charts' specs in the stored notebook
outputs), never from the printer.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
PRINTER = ROOT / "book" / "_ext" / "print_pdf.py"
LECTURER_ONLY = ("exercises/solutions/", "book/solutions", "book/lecturers/")
RESIDUE = (
    "Show code cell",
    "Hide code cell",
    "model_id",
    "application/vnd.jupyter",
    "<IPython.core.display",
    "alt.VConcatChart(",
    "alt.LayerChart(",
    "alt.Chart(",
    "Weigher(state=",
    "Explorer(",
)
"""Text that only a widget, a hidden cell or an unrendered output would leave."""
CHECK_BOX = re.compile(r"^\s*(?:Not yet|✓ Right|✓ Written|✓ Recorded):.*$", re.M)
"""A line that opens as ``feedback.check``'s box does."""


FOOTER = "Palace Coup? ·"
"""How the footer Chromium prints on every page begins."""
QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
"""Sphinx prints straight quotes curly."""


def _squash(text: str) -> str:
    """Drop all whitespace (PDF text wraps lines where the source does not)."""
    return "".join(text.translate(QUOTES).split())


def _notebook(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _title(docname: str) -> str:
    """The first heading of a page of the book, read from its source."""
    path = next(ROOT.glob(f"{docname}.*"))
    if path.suffix == ".ipynb":
        lines = [
            line
            for cell in _notebook(path)["cells"]
            if cell["cell_type"] == "markdown"
            for line in "".join(cell["source"]).splitlines()
        ]
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
    return next(line[2:].strip() for line in lines if line.startswith("# "))


def _pages() -> list[str]:
    """Every page of ``_toc.yml``, in order, as docnames."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))

    def walk(entries: list[dict]) -> list[str]:
        found = []
        for entry in entries:
            found.append(entry["file"])
            found += walk(entry.get("sections", []))
        return found

    return [toc["root"]] + [
        page for part in toc["parts"] for page in walk(part["chapters"])
    ]


def _screen_only(docname: str) -> bool:
    """A page that lists what the browser remembers: it has no paper form."""
    path = next(ROOT.glob(f"{docname}.*"))
    return "{exercise-progress}" in path.read_text(encoding="utf-8")


def _printed_pages() -> list[str]:
    return [page for page in _pages() if not _screen_only(page)]


def _chart_titles(spec: object) -> list[str]:
    """The titles of a Vega-Lite spec and of its sub-charts (not axis titles)."""
    found = []
    if isinstance(spec, dict):
        chart_keys = {"mark", "layer", "vconcat", "hconcat", "concat", "$schema"}
        title = spec.get("title")
        if chart_keys & spec.keys() and title:
            text = title.get("text", "") if isinstance(title, dict) else title
            if isinstance(text, dict) and "expr" in text:
                # A title that fits its width ("w < 480 ? [lines] : 'one line'"):
                # its longest literal is the whole title, the same words either way.
                text = max(re.findall(r'"((?:[^"\\]|\\.)*)"', text["expr"]), key=len)
            found += [text] if isinstance(text, str) else list(text)
        for value in spec.values():
            found += _chart_titles(value)
    elif isinstance(spec, list):
        for value in spec:
            found += _chart_titles(value)
    return found


def charts_by_page() -> dict[str, list[str]]:
    """Each page's chart titles, from the charts' specs in the stored outputs."""
    titles: dict[str, list[str]] = {}
    for docname in _pages():
        path = ROOT / f"{docname}.ipynb"
        if not path.is_file():
            continue
        for cell in _notebook(path)["cells"]:
            for output in cell.get("outputs", []):
                for mime, data in output.get("data", {}).items():
                    text = "".join(data) if isinstance(data, list) else str(data)
                    if "html" not in mime or "altair-viz-" not in text:
                        continue
                    if text.startswith('"'):  # a glued output, stored as JSON
                        text = json.loads(text)
                    start = text.index("})(", text.index("vegaEmbed")) + 3
                    spec, _ = json.JSONDecoder().raw_decode(text, start)
                    titles.setdefault(docname, []).extend(_chart_titles(spec))
    return titles


@pytest.fixture(scope="module")
def printed(book_build, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Build and print once; read every PDF's text.

    The single-page build goes beside the test run's HTML build
    (``book_build``), whose parsed pages it reuses: it reads no page again.
    """
    if shutil.which("pdftotext") is None or not Path("/usr/bin/chromium").is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("the PDF tests need chromium and poppler-utils (.ci/run)")
        pytest.skip("needs /usr/bin/chromium and pdftotext (apt-get install ...)")
    work = book_build.html.parents[1]  # <folder>/_build/html -> <folder>
    out = tmp_path_factory.mktemp("print") / "pdf"
    result = subprocess.run(
        [sys.executable, str(PRINTER), "--path-output", str(work), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))

    def text(path: Path) -> str:
        return subprocess.run(
            ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout

    editions = {name: text(out / e["file"]) for name, e in manifest["editions"].items()}
    return {"out": out, "manifest": manifest, "text": editions, "read": text}


def test_every_page_opens_a_page_of_its_editions(printed) -> None:
    # Each page of the book starts a printed page: its title is the first line.
    tops = {
        edition: {
            _squash(" ".join(page.strip().splitlines()[:2]))
            for page in text.split("\f")
        }
        for edition, text in printed["text"].items()
    }
    pages = _printed_pages()
    assert len(pages) >= 30
    for docname in pages:
        title = _squash(_title(docname))
        editions = ["lecturer"] + ["student"] * (not docname.startswith(LECTURER_ONLY))
        for edition in editions:
            assert any(title in top for top in tops[edition]), (edition, docname)
    for docname in set(_pages()) - set(pages):  # My progress: not on paper
        assert not any(_squash(_title(docname)) in top for top in tops["lecturer"])


def test_every_chart_title_is_printed_as_text(printed) -> None:
    # Counted: several charts share a title (an explorer and its static twin).
    charts = charts_by_page()
    assert sum(len(titles) for titles in charts.values()) >= 15
    for edition, text in printed["text"].items():
        expected: dict[str, int] = {}
        for docname, titles in charts.items():
            if edition == "lecturer" or not docname.startswith(LECTURER_ONLY):
                for title in titles:
                    expected[_squash(title)] = expected.get(_squash(title), 0) + 1
        squashed = _squash(text)
        for title, count in expected.items():
            assert squashed.count(title) >= count, (edition, title, count)


def test_charts_are_vector_not_pictures(printed) -> None:
    listing = subprocess.run(
        ["pdfimages", "-list", str(printed["out"] / "palace-coup.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()[2:]
    assert listing == [], f"raster images in the student edition: {listing[:5]}"


MARKUP = re.compile(r"[*`{}$\[\]()]|\{[^}]*\}`[^`]*`")


def _solution_lines() -> list[str]:
    """Distinctive text of the worked solutions' solution cells.

    Code lines that a page of the book or a student copy shows too are left
    out; from prose, the longest run of words without markup (which prints
    differently).
    """
    elsewhere = _squash(
        "".join(
            "".join(cell["source"])
            for path in [*ROOT.glob("book/**/*.ipynb"), *ROOT.glob("exercises/*.ipynb")]
            for cell in _notebook(path)["cells"]
        )
    )
    lines = []
    for path in sorted((ROOT / "exercises" / "solutions").glob("*.ipynb")):
        for cell in _notebook(path)["cells"]:
            if "solution" not in cell["metadata"].get("tags", []):
                continue
            source = "".join(cell["source"])
            if cell["cell_type"] == "code":
                lines += [
                    line
                    for line in source.splitlines()
                    if len(line) > 24 and _squash(line) not in elsewhere
                ]
            else:
                runs = MARKUP.split(source)
                lines.append(" ".join(max(runs, key=len).split()[:12]))
    return [line for line in lines if len(line) > 24]


def test_student_edition_has_no_solution_check_or_widget(printed) -> None:
    student = printed["text"]["student"]
    squashed = _squash(student)
    solutions = _solution_lines()
    assert len(solutions) >= 20
    leaked = [line for line in solutions if _squash(line) in squashed]
    assert not leaked, f"solution text in the student edition: {leaked[:3]}"
    assert "Worked solution:" not in student  # the solution pages' titles
    # A live check's box opens its line with its verdict; prose may name them.
    boxes = CHECK_BOX.findall(student)
    assert not boxes, f"a live check's box was printed: {boxes[:3]}"
    assert "run the cell again" not in student  # what an unanswered check says
    for residue in RESIDUE:
        assert residue not in student, f"residue in the student edition: {residue!r}"
    # Each exercise question leaves room to answer instead.
    assert student.count("Your answer:") >= 35


def test_lecturer_edition_has_the_solutions(printed) -> None:
    lecturer = _squash(printed["text"]["lecturer"])
    solutions = _solution_lines()
    missing = [line for line in solutions if _squash(line) not in lecturer]
    assert not missing, f"solutions missing from the lecturer edition: {missing[:3]}"
    assert len(CHECK_BOX.findall(printed["text"]["lecturer"])) >= 30


def test_contents_give_each_chapter_its_page(printed) -> None:
    out, manifest = printed["out"], printed["manifest"]
    pages = printed["read"](out / "palace-coup.pdf").split("\f")
    contents = pages[1]
    titles = [
        _title(d) for d in _printed_pages()[1:] if not d.startswith(LECTURER_ONLY)
    ]
    for title in titles:
        match = re.search(re.escape(title) + r"\s+(\d+)", contents)
        assert match, f"contents lack a page number for {title!r}"
        page = pages[int(match[1]) - 1]
        assert _squash(title) in _squash(page)[:400], f"{title!r} is not on its page"
    assert manifest["editions"]["student"]["pages"] == len(pages) - 1


def test_one_handout_per_chapter_of_the_student_edition(printed) -> None:
    out, manifest = printed["out"], printed["manifest"]
    expected = [d for d in _printed_pages()[1:] if not d.startswith(LECTURER_ONLY)]
    assert list(manifest["chapters"]) == expected
    for docname, chapter in manifest["chapters"].items():
        first = printed["read"](out / chapter["file"]).split("\f")[0]
        # The footer names the chapter too ("Palace Coup? · <title> · page 1").
        lines = [x for x in first.splitlines() if x.strip() and FOOTER not in x][:2]
        assert _squash(_title(docname)) in _squash(" ".join(lines)), chapter["file"]


def test_explorers_say_where_to_use_them_live(printed) -> None:
    student = _squash(printed["text"]["student"])
    explorers = student.count(_squash("An explorer, printed at its defaults."))
    assert explorers >= 3
    assert student.count("palace-coup.github.io/palace-coup-book/book/models/") >= 3
