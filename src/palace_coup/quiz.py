"""Show a short self-check quiz that works in the static book and live.

The quizzes are drawn by ``jupyterquiz``, whose output is plain HTML and
JavaScript: it needs no kernel and no CDN once the page is built. The question
files are JSON in jupyterquiz's format, shipped inside the package
(``palace_coup/data/quizzes/<name>.json``), so a notebook opened on its own,
on Colab or after a download, finds its quiz wherever it runs.

jupyterquiz alone is hard to use from the keyboard, on a phone or with a
screen reader (its choices answer on every click, so the arrow keys answer
each choice they pass; feedback is not announced; number boxes bring up the
letter keyboard). ``data/quiz_access.js`` and ``.css`` fix that: a Check
button, visible focus, feedback in ``role="status"``, ``inputmode="decimal"``.
A live notebook gets them with each quiz; the published book loads the same
two files once per page (``book/_ext/quizzes.py``), so the stored outputs
that nbval compares are jupyterquiz's alone.
"""

from __future__ import annotations

import random
from importlib import resources
from importlib.resources.abc import Traversable

from IPython.display import HTML, display
from jupyterquiz import display_quiz

from palace_coup import _data, notebook
from palace_coup._validate import check_choice

__all__ = ["access_files", "names", "show"]
ACCESS = ("quiz_access.js", "quiz_access.css")
"""The files that make jupyterquiz's quizzes usable by every reader."""


def _folder() -> Traversable:
    """Return the package folder that holds the quiz files."""
    return resources.files("palace_coup").joinpath("data", "quizzes")


def access_files() -> dict[str, str]:
    """Return the text of the script and style sheet that every quiz needs.

    Returns
    -------
    dict of str to str
        ``{"quiz_access.js": ..., "quiz_access.css": ...}``.

    Examples
    --------
    >>> "role" in access_files()["quiz_access.js"]
    True
    """
    data = resources.files("palace_coup").joinpath("data")
    return {name: data.joinpath(name).read_text(encoding="utf-8") for name in ACCESS}


def names() -> list[str]:
    """Return the names of the quizzes that :func:`show` can display.

    Returns
    -------
    list of str
        One name per quiz file, sorted: the file name without ``.json``.

    Examples
    --------
    >>> "what-happened-next" in names()
    True
    """
    return sorted(
        item.name.removesuffix(".json")
        for item in _folder().iterdir()
        if item.name.endswith(".json")
    )


def show(name: str) -> None:
    """Display the quiz called ``name``, with a stable element id.

    ``jupyterquiz`` names each quiz's HTML element with Python's global random
    generator; seeding it from the quiz's name keeps the page (and so the
    stored notebook output) identical from run to run. The generator's state
    is restored afterwards, so nothing else in the notebook is affected. The
    colours come from ``palette.yaml`` (section ``quiz``), chosen for WCAG AA
    contrast. In a live notebook the quiz also gets its accessibility layer
    (see the module's notes); the book loads it itself.

    Parameters
    ----------
    name : str
        The quiz's name, one of :func:`names` (for a chapter's quiz, the
        chapter's file name without ``.ipynb``, e.g. ``"question"``).

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If there is no quiz called ``name``; the message lists the known names.

    Examples
    --------
    >>> show("no-such-quiz")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: name must be one of 'brave-few', ..., 'what-history-says'; got 'no-such-quiz'
    """  # noqa: E501
    if not isinstance(name, str):
        raise TypeError(f"name must be a str, got {type(name).__name__}")
    check_choice(name, "name", names())
    state = random.getstate()
    random.seed(name)
    try:
        with resources.as_file(_folder().joinpath(f"{name}.json")) as path:
            display_quiz(str(path), colors=_data.yaml_file("palette.yaml")["quiz"])
    finally:
        random.setstate(state)
    if notebook.render_mode() == "live":
        files = access_files()
        display(
            HTML(
                f"<style>{files['quiz_access.css']}</style>"
                f"<script>{files['quiz_access.js']}</script>"
            )
        )
