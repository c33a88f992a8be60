"""Print the book's PDF editions with Debian's Chromium (``make pdf``).

Usage: ``python book/_ext/print_pdf.py [--no-build] [--out _build/pdf]
[--path-output ROOT]`` (the single-page build goes to ``ROOT/_build/singlehtml``).

1. Build the book as one HTML page (``jupyter-book build --builder
   singlehtml``), which ``print_edition.py`` rewrites for paper.
2. Open that page in ``/usr/bin/chromium`` through Playwright (never a
   downloaded browser; every request that is not a local file is refused) and
   print it with ``page.pdf()`` three ways:

   * ``palace-coup-lecturer.pdf``: everything;
   * ``palace-coup.pdf``, the student edition: without what is marked
     ``pc-lecturer-only`` (worked solutions, lecturers' pages, quiz keys);
   * ``chapters/NN-<name>.pdf``: each chapter of the student edition alone.

   Each edition opens with a title page and a table of contents. The editions
   are printed twice: the second time the contents list the page on which
   each chapter starts, read from the first print with ``pdftotext``.

``manifest.json`` beside the PDFs records what was written: pages, bytes,
chapter titles and timings (``tests/test_pdf.py`` and ``benchmarks/pdf.py``
read it).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
EDITIONS = {"lecturer": "palace-coup-lecturer.pdf", "student": "palace-coup.pdf"}

PREPARE = (Path(__file__).with_name("print") / "prepare.js").read_text("utf-8")
"""Cuts an edition or a chapter out of the page and writes its contents."""
PAGE_NUMBERS = """
(pages) => document.querySelectorAll(".pc-toc li:not(.pc-toc-part) .pc-toc-page")
  .forEach((span, i) => { span.textContent = pages[i] || ""; })
"""


def footer(label: str) -> str:
    """Return the page footer Chromium prints: edition and page number.

    Examples
    --------
    >>> "pageNumber" in footer("Student edition")
    True
    """
    return (
        '<div style="font: 8px sans-serif; color: #444; width: 100%; '
        'text-align: center;">Palace Coup? · ' + label + " · page <span "
        'class="pageNumber"></span> of <span class="totalPages"></span></div>'
    )


def page_count(path: Path) -> int:
    """Return the number of pages of a PDF (``pdfinfo``, poppler-utils)."""
    info = subprocess.run(
        ["pdfinfo", str(path)], capture_output=True, check=True, text=True
    ).stdout
    return int(
        next(line.split()[1] for line in info.splitlines() if line.startswith("Pages:"))
    )


def pdf_pages(path: Path) -> list[str]:
    """Return the text of each page of a PDF (``pdftotext``, poppler-utils)."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return text.split("\f")[:-1]


def start_pages(pages: list[str], titles: list[str], skip: int = 2) -> list[int]:
    r"""Find the page on which each chapter starts: its title near the top.

    Chapters start on a new page, in order, so each is looked for from the
    page after the previous one (the cover and the contents are skipped).

    Examples
    --------
    >>> start_pages(["Cover", "Contents A B", "A\\ntext", "more", "B\\n"], ["A", "B"])
    [3, 5]
    """
    found, page = [], skip
    for title in titles:
        while page < len(pages):
            page += 1
            head = " ".join(pages[page - 1].split()[: len(title.split()) + 8])
            if " ".join(title.split()) in head:
                found.append(page)
                break
        else:
            found.append(0)
    return found


def build(output: Path) -> Path:
    """Build the single-page book the PDFs are printed from; return the page.

    The build uses the book's execution cache, so after ``make book`` no
    notebook runs again. Warnings are errors, as in ``make book``.
    """
    env = {**os.environ, "PALACE_COUP_RENDER": "static"}
    command = [str(Path(sys.executable).with_name("jupyter-book")), "build", str(ROOT)]
    # The single-page builder writes its page (and copies the static files)
    # on every build; only pages whose source changed are read again.
    options = ["--builder", "singlehtml", "--warningiserror", "--keep-going"]
    subprocess.run(
        [*command, *options, "--path-output", str(output)], env=env, check=True
    )
    return output / "_build" / "singlehtml" / "print.html"


def print_all(page: Path, out: Path, online: str) -> dict:
    """Print both editions and the chapters; return what was written."""
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    (out / "chapters").mkdir(exist_ok=True)
    for old in (out / "chapters").glob("*.pdf"):
        old.unlink()
    written: dict = {"editions": {}, "chapters": {}}
    options = {
        "format": "A4",
        "print_background": True,
        "outline": True,
        "tagged": True,
        "display_header_footer": True,
        "header_template": "<span></span>",
        "margin": {"top": "14mm", "bottom": "16mm", "left": "14mm", "right": "14mm"},
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        tab = browser.new_page()
        tab.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith("file:")
                else route.abort()
            ),
        )

        tab.goto(page.as_uri(), wait_until="load")

        def prepare(**arguments: object) -> list[dict]:
            chapters = tab.evaluate(PREPARE, {"online": online, **arguments})
            tab.evaluate("document.fonts.ready")
            return chapters

        for edition, name in EDITIONS.items():
            started = time.perf_counter()
            label = f"{edition.capitalize()} edition"
            chapters = prepare(
                edition=edition,
                only=None,
                title="Palace Coup?",
                subtitle=f"An interactive teaching book · {label}",
            )
            target = out / name
            tab.pdf(path=target, footer_template=footer(label), **options)
            starts = start_pages(pdf_pages(target), [c["title"] for c in chapters])
            tab.evaluate(PAGE_NUMBERS, starts)
            tab.pdf(path=target, footer_template=footer(label), **options)
            written["editions"][edition] = {
                "file": name,
                "chapters": chapters,
                "start_pages": starts,
                "seconds": time.perf_counter() - started,
            }
        started = time.perf_counter()
        for number, chapter in enumerate(written["editions"]["student"]["chapters"], 1):
            name = f"chapters/{number:02d}-{chapter['id'].rsplit('/', 1)[-1]}.pdf"
            prepare(edition="student", only=chapter["id"], title="", subtitle="")
            tab.pdf(
                path=out / name, footer_template=footer(chapter["title"]), **options
            )
            written["chapters"][chapter["id"]] = {
                "file": name,
                "title": chapter["title"],
            }
        written["chapters_seconds"] = time.perf_counter() - started
        browser.close()
    for entry in [*written["editions"].values(), *written["chapters"].values()]:
        entry["pages"] = page_count(out / entry["file"])
        entry["bytes"] = (out / entry["file"]).stat().st_size
    (out / "chapters" / "index.html").write_text(
        chapter_index(list(written["chapters"].values())), encoding="utf-8"
    )
    return written


def chapter_index(chapters: list[dict]) -> str:
    """Return the page that lists the chapter PDFs (titles escaped).

    Examples
    --------
    >>> page = chapter_index([{"file": "chapters/01-a.pdf", "title": "A & B",
    ...                        "pages": 3, "bytes": 2_000_000}])
    >>> '<a href="01-a.pdf">A &amp; B</a> (3 pages, 2.0 MB)' in page
    True
    """
    items = "".join(
        f'<li><a href="{html.escape(Path(c["file"]).name)}">'
        f"{html.escape(c['title'])}</a> ({c['pages']} pages, "
        f"{c['bytes'] / 1e6:.1f} MB)</li>\n"
        for c in chapters
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Palace Coup?: the chapters as PDF</title></head><body>"
        "<h1>Palace Coup?: the chapters as PDF</h1>"
        "<p>Each chapter of the student edition on its own, for a seminar "
        f'handout. <a href="../palace-coup.pdf">The whole book</a>.</p><ol>\n{items}'
        "</ol></body></html>\n"
    )


def main(argv: list[str] | None = None) -> int:
    """Build (unless told not to) and print; write ``manifest.json``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-build", action="store_true", help="reuse the last build")
    parser.add_argument("--out", type=Path, default=ROOT / "_build" / "pdf")
    parser.add_argument(
        "--path-output", type=Path, default=ROOT, help="build into PATH/_build"
    )
    args = parser.parse_args(argv)
    sys.path.insert(0, str(Path(__file__).parent))
    import yaml
    from print_edition import online_url

    started = time.perf_counter()
    page = args.path_output / "_build" / "singlehtml" / "print.html"
    if not args.no_build:
        page = build(args.path_output)
    built = time.perf_counter()
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    written = print_all(page, args.out, online_url(config["repository"]["url"]))
    written["build_seconds"] = built - started
    written["total_seconds"] = time.perf_counter() - started
    (args.out / "manifest.json").write_text(json.dumps(written, indent=1), "utf-8")
    for entry in written["editions"].values():
        print(
            f"{args.out / entry['file']}: {entry['pages']} pages, "
            f"{entry['bytes'] / 1e6:.1f} MB"
        )
    print(
        f"{len(written['chapters'])} chapter PDFs in {args.out / 'chapters'}; "
        f"{written['total_seconds']:.0f} s in all"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
