"""Launching or downloading a worked solution gives the student copy.

Worked solutions live in ``exercises/solutions/<name>.ipynb`` and the student
copies, without the solutions, in ``exercises/<name>.ipynb``. A solution page
in the book is for reading; its Binder, JupyterHub and Colab buttons and its
download button give the student copy of the same exercise, and the solution
notebook is not published among the book's downloadable sources.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

SOLUTIONS = "exercises/solutions/"
STUDENT_COPIES = "exercises/"
REWRITTEN = ("launch-buttons", "download-buttons")


def student_copy(docname: str) -> str | None:
    """Return the student copy's docname for a worked solution, else None.

    Examples
    --------
    >>> student_copy("exercises/solutions/claims")
    'exercises/claims'
    >>> student_copy("book/intro") is None
    True
    """
    if not docname.startswith(SOLUTIONS):
        return None
    return STUDENT_COPIES + docname.removeprefix(SOLUTIONS)


def _point_buttons_at_student_copy(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """Make a solution page's launch and download links give the student copy."""
    student = student_copy(pagename)
    if student is None:
        return
    for group in context.get("header_buttons", []):
        if group.get("label") not in REWRITTEN:
            continue
        for button in group.get("buttons", []):
            if isinstance(button.get("url"), str):
                button["url"] = button["url"].replace(pagename, student)


def _publish_student_copies(app: Sphinx, exception: Exception | None) -> None:
    """Replace each solution's downloadable source by its student copy."""
    if exception is not None or app.builder.format != "html":
        return
    sources = Path(app.outdir) / "_sources"
    for docname in sorted(app.env.found_docs):
        student = student_copy(docname)
        if student is None:
            continue
        for published in sources.glob(f"{docname}.*"):
            published.unlink()
        notebook = Path(app.srcdir) / f"{student}.ipynb"
        if not notebook.is_file():
            logger.warning(
                "worked solution %s has no student copy %s", docname, notebook
            )
            continue
        target = sources / f"{student}.ipynb"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(notebook, target)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the link rewriting and the build step."""
    # After the theme has built its launch and download buttons (501).
    app.connect("html-page-context", _point_buttons_at_student_copy, priority=900)
    app.connect("build-finished", _publish_student_copies)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
