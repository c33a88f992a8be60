"""Export the book's questions for learning platforms (``make lms``).

Lecturers run quizzes in their institution's platform. :func:`write` exports
every question of the book, one bank per chapter: each chapter's quiz (the
jupyterquiz file the book shows) and the graded questions of each exercise
(from the question bank, with the expected answers computed from the model
and each misconception's message), in two files:

* ``palace-coup-quizzes.qti.zip``: IMS QTI 1.2, which Canvas and Blackboard
  import (:mod:`palace_coup.lms.qti`);
* ``palace-coup-quizzes.moodle.xml``: Moodle XML (:mod:`palace_coup.lms.moodle`).

Neither library on PyPI fits: ``text2qti`` reads Markdown (question texts
would have to be escaped into its syntax) and keeps no feedback for a
particular wrong number; ``qti-package-maker`` writes no per-answer feedback
and only Moodle's Aiken format, which has none at all. Both writers here
build their XML with :mod:`xml.etree.ElementTree`, so every text is escaped;
``tests/test_lms.py`` parses both files back and counts every question and
every feedback text against the sources.

Usage: ``python -m palace_coup.lms OUTPUT_FOLDER [--book BOOK_ROOT] [--url URL]``.
"""

from __future__ import annotations

import json
from pathlib import Path

from palace_coup import feedback, quiz
from palace_coup.lms import moodle, qti
from palace_coup.lms.items import Bank
from palace_coup.lms.sources import exercise_bank, notebook_texts, quiz_bank

__all__ = ["FILES", "banks", "write"]

FILES = {
    "qti": "palace-coup-quizzes.qti.zip",
    "moodle": "palace-coup-quizzes.moodle.xml",
}
"""The files :func:`write` writes, by format."""


def _title(notebook: Path) -> str | None:
    """Return a notebook's first heading."""
    for cell in json.loads(notebook.read_text("utf-8"))["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if line.startswith("# "):
                    return line[2:].strip()
    return None


def banks(book: Path | None = None, url: str = "") -> list[Bank]:
    """Return every bank: the chapters' quizzes, then the exercises.

    Parameters
    ----------
    book : pathlib.Path, optional
        The book's repository (with ``book/`` and ``exercises/``), for the
        chapters' titles and the texts of lettered options. Without it, the
        quizzes are titled by name and the exercises need no notebook only if
        none of their options is a letter.
    url : str, optional
        The published book's address, named in each exercise question.

    Returns
    -------
    list of Bank
        In book order of the files: quizzes by name, exercises in book order.

    Raises
    ------
    ValueError
        If a lettered option has no text (``book`` missing or incomplete).

    Examples
    --------
    >>> root = Path(__file__).resolve().parents[3]
    >>> found = banks(root)
    >>> len(found) == len(quiz.names()) + len(feedback.exercises())
    True
    """
    notebooks = (
        {p.stem: p for p in sorted(book.glob("book/**/*.ipynb"))} if book else {}
    )
    quizzes = [
        quiz_bank(name, _title(notebooks[name]) if name in notebooks else None)
        for name in quiz.names()
    ]
    texts: dict[str, dict[str, str]] = {}
    for path in sorted(book.glob("exercises/*.ipynb")) if book else []:
        texts.update(notebook_texts(path))
    exercises = [exercise_bank(name, texts, url) for name in feedback.exercises()]
    return quizzes + exercises


def write(folder: Path, book: Path | None = None, url: str = "") -> dict[str, Path]:
    """Write both files into ``folder``; return their paths by format.

    Parameters
    ----------
    folder : pathlib.Path
        Where to write (created if missing).
    book, url
        As for :func:`banks`.

    Returns
    -------
    dict of str to pathlib.Path
        ``{"qti": ..., "moodle": ...}``.
    """
    found = banks(book, url)
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {kind: folder / name for kind, name in FILES.items()}
    for kind, data in (("qti", qti.package(found)), ("moodle", moodle.quiz_xml(found))):
        partial = paths[kind].with_name(paths[kind].name + ".part")
        partial.write_bytes(data)
        partial.replace(paths[kind])  # atomic: never a half-written file
    return paths
