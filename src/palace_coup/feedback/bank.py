"""The question bank: exercises, questions, their hints and a summary.

Every question of the exercises lives in ``data/questions.yaml``; this module
reads it and answers what is in it, without checking any answer.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd

from palace_coup import _data
from palace_coup.feedback.results import _RESULTS, Hint, Summary
from palace_coup.feedback.texts import render

LEVELS: tuple[str, ...] = ("recall", "apply", "analyse", "evaluate")
"""Levels of the questions, from remembering to judging."""

QUESTION_ID_DOCS: dict[str, str] = {
    "question_id": (
        "question_id : str\n"
        "    A question id (see :func:`palace_coup.feedback.questions`)."
    ),
    "unknown_question": "ValueError\n    If ``question_id`` is not a question id.",
}
"""What every function that takes a question id says of it, written once.

:func:`question_id_docs` puts an entry where a docstring's line holds only its
name in braces: ``{question_id}`` under Parameters, ``{unknown_question}``
under Raises (:func:`_entry` raises it for all of them).
"""

_Function = TypeVar("_Function", bound=Callable[..., Any])


@functools.cache
def _bank() -> dict[str, Any]:
    """Read ``data/questions.yaml`` once."""
    return _data.yaml_file("questions.yaml")


@functools.cache
def _questions() -> dict[str, dict[str, Any]]:
    """Map each question id to its entry, model numbers filled into its texts."""
    return {entry["id"]: render(entry) for entry in _bank()["questions"]}


def passages() -> pd.DataFrame:
    """Return the article's passages, in order, with our own-words summaries.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``title`` and ``summary``, one row per passage of
        Thornton's article, indexed by ``id``. A fresh copy.

    Examples
    --------
    >>> passages().index[:2].tolist()
    ['question', 'ria_novosti']
    """
    table = _data.csv("passages.csv").sort_values("order")
    return table.set_index("id")[["title", "summary"]]


def exercises() -> dict[str, str]:
    """Return the exercises: id -> title.

    Returns
    -------
    dict of str to str
        Exercise ids (as used by :func:`summary`) and their titles, in book
        order.

    Examples
    --------
    >>> exercises()["claims"]
    'Claims to preconditions'
    """
    return {key: value["title"] for key, value in _bank()["exercises"].items()}


def notebooks() -> dict[str, str]:
    """Return each exercise's notebook: id -> the notebook's name.

    Returns
    -------
    dict of str to str
        Exercise ids and the names (without ``.ipynb``) of their notebooks
        under ``exercises/``, in book order.

    Examples
    --------
    >>> notebooks()["weigh"]
    'weigh-the-preconditions'
    """
    return {key: value["notebook"] for key, value in _bank()["exercises"].items()}


def questions(exercise: str | None = None) -> list[str]:
    """Return the question ids, of one exercise or of all.

    Parameters
    ----------
    exercise : str, optional
        An exercise id (see :func:`exercises`); all questions if omitted.

    Returns
    -------
    list of str
        Question ids in book order.

    Raises
    ------
    ValueError
        If ``exercise`` is not an exercise id.

    Examples
    --------
    >>> questions("claims")[0]
    'claims.pressure_from_below'
    >>> len(questions()) >= 30
    True
    """
    if exercise is None:
        return list(_questions())
    if exercise not in _bank()["exercises"]:
        allowed = ", ".join(repr(key) for key in _bank()["exercises"])
        raise ValueError(f"exercise must be one of {allowed}; got {exercise!r}")
    return [qid for qid, entry in _questions().items() if entry["exercise"] == exercise]


def table() -> pd.DataFrame:
    """Return every question with its exercise, level and prompt.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``exercise``, ``level`` and ``prompt``, one row per
        question, in book order.

    Examples
    --------
    >>> sorted(set(table()["level"])) == sorted(LEVELS)
    True
    """
    return pd.DataFrame(
        [
            {key: entry[key] for key in ("id", "exercise", "level", "prompt")}
            for entry in _questions().values()
        ]
    )


def _entry(question_id: Any) -> dict[str, Any]:
    """Return a question's entry, or raise naming the allowed ids."""
    if not isinstance(question_id, str) or question_id not in _questions():
        close = [qid for qid in _questions() if str(question_id) in qid]
        suggestion = f" Did you mean {close[0]!r}?" if close else ""
        raise ValueError(
            f"question_id {question_id!r} is not a question id; see "
            f"feedback.questions() for the list.{suggestion}"
        )
    return _questions()[question_id]


def question_id_docs(function: _Function) -> _Function:
    """Write the entries of :data:`QUESTION_ID_DOCS` into a docstring.

    Parameters
    ----------
    function : callable
        A function whose docstring has lines holding only ``{question_id}``
        or ``{unknown_question}``, indented as the section's entries.

    Returns
    -------
    callable
        The same function, each such line replaced by its entry at the same
        indentation.

    Examples
    --------
    >>> @question_id_docs
    ... def echo(question_id: str) -> str:
    ...     '''Return the question id.
    ...
    ...     Parameters
    ...     ----------
    ...     {question_id}
    ...     '''
    ...     return question_id
    >>> for line in echo.__doc__.splitlines()[-3:-1]:
    ...     print(line)
        question_id : str
            A question id (see :func:`palace_coup.feedback.questions`).
    """
    doc = function.__doc__ or ""
    for name, entry in QUESTION_ID_DOCS.items():
        doc = re.sub(
            rf"^( *)\{{{name}\}}$",
            lambda line, entry=entry: textwrap.indent(entry, line.group(1)),
            doc,
            flags=re.MULTILINE,
        )
    function.__doc__ = doc
    return function


@question_id_docs
def hint(question_id: str) -> Hint:
    """Return the hint of a question.

    Parameters
    ----------
    {question_id}

    Returns
    -------
    Hint
        Shows as a short note in a notebook.

    Raises
    ------
    {unknown_question}

    Examples
    --------
    >>> print(hint("tipping.granovetter_full"))  # doctest: +ELLIPSIS
    Hint: ...
    """
    return Hint(question_id, _entry(question_id)["hint"].strip())


def summary(exercise: str) -> Summary:
    """List the questions of an exercise as done or not yet.

    A question is done when its latest :func:`check` in this session was
    right.

    Parameters
    ----------
    exercise : str
        An exercise id (see :func:`exercises`).

    Returns
    -------
    Summary
        Shows as a table in a notebook; ``.done`` and ``.not_yet`` list ids.

    Raises
    ------
    ValueError
        As :func:`questions`: if ``exercise`` is not an exercise id.

    Examples
    --------
    >>> result = summary("claims")
    >>> len(result.done) + len(result.not_yet) == len(questions("claims"))
    True
    """
    rows = tuple(
        (
            qid,
            _questions()[qid]["level"],
            _questions()[qid]["prompt"].strip(),
            _RESULTS.get(qid, False),
        )
        for qid in questions(exercise)
    )
    return Summary(exercise, rows)
