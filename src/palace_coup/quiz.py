"""Show a short self-check quiz that works in the static book and live.

The quizzes are drawn by ``jupyterquiz``, whose output is plain HTML and
JavaScript: it needs no kernel and no CDN once the page is built. The question
files are JSON in jupyterquiz's format, kept next to the chapters that use them.
"""

from __future__ import annotations

import random
from pathlib import Path

from jupyterquiz import display_quiz


def show(path: str | Path) -> None:
    """Display the quiz stored in ``path``, with a stable element id.

    ``jupyterquiz`` names each quiz's HTML element with Python's global random
    generator; seeding it from the file name keeps the page (and so the stored
    notebook output) identical from run to run. The generator's state is
    restored afterwards, so nothing else in the notebook is affected.

    Parameters
    ----------
    path : str or pathlib.Path
        A JSON file of questions in jupyterquiz's format.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    TypeError
        If ``path`` is not a string or a path.
    """
    if not isinstance(path, str | Path):
        kind = type(path).__name__
        raise TypeError(f"path must be a str or pathlib.Path, got {kind}")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"path: no quiz file at {path}")
    state = random.getstate()
    random.seed(path.stem)
    try:
        display_quiz(str(path))
    finally:
        random.setstate(state)
