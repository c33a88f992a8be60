"""``make bench`` section ``pdf``: how long ``make pdf`` takes, and what it writes.

Runs ``book/_ext/print_pdf.py`` (what ``make pdf`` runs) in the scratch copy of
the work tree, twice: the first run may have to execute the notebooks (when the
copy's execution cache is cold); the second is the number that counts: a
rebuild with the notebooks' outputs cached and the pages already read, as
after ``make book`` in the publish workflow (both builders share the parsed
pages). Pages and sizes come from the
printer's ``manifest.json``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path


def _run(work: Path, log: Path) -> float:
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as handle:
        subprocess.run(
            [sys.executable, "book/_ext/print_pdf.py"],
            cwd=work,
            stdout=handle,
            stderr=subprocess.STDOUT,
            env={**os.environ, "PYTHONPATH": str(work / "src")},
            check=True,
        )
    return time.perf_counter() - started


def measure(work: Path, logs: Path) -> dict:
    """Print the PDFs twice in ``work``; return the metrics and their details."""
    first = _run(work, logs / "pdf-0.log")
    second = _run(work, logs / "pdf-1.log")
    manifest = json.loads((work / "_build" / "pdf" / "manifest.json").read_text())
    editions = manifest["editions"]
    chapters = manifest["chapters"].values()
    return {
        "pdf_build_s": second,
        "pdf_student_pages": editions["student"]["pages"],
        "pdf_lecturer_pages": editions["lecturer"]["pages"],
        "pdf_student_mb": editions["student"]["bytes"] / 1e6,
        "pdf_lecturer_mb": editions["lecturer"]["bytes"] / 1e6,
        "details": {
            "first_run_s": first,
            "second_run_s": second,
            "single_page_build_s": manifest["build_seconds"],
            "print_s": {name: e["seconds"] for name, e in editions.items()},
            "chapters": len(manifest["chapters"]),
            "chapters_print_s": manifest["chapters_seconds"],
            "chapter_pages": sum(c["pages"] for c in chapters),
            "chapter_mb": sum(c["bytes"] for c in chapters) / 1e6,
        },
    }
