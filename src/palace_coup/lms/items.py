"""Question banks in a form every learning platform's format can be written from.

A :class:`Bank` is one chapter's (or one exercise's) questions. A
:class:`Question` lists its options (for choice questions) and its
:class:`Response` rules in order: the first rule whose condition an answer
meets gives its feedback, as :func:`palace_coup.feedback.check` does. Every
text here is HTML, made by :func:`inline` from plain text (question texts are
data: they are escaped, never trusted as markup).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["Bank", "Option", "Question", "Response", "inline"]

Kind = Literal["single", "multiple", "numeric", "text"]
"""One option, several options, a number, or a short text (such as a month)."""


@dataclass(frozen=True)
class Option:
    """One option of a choice question: its id and its text (HTML)."""

    ident: str
    text: str


@dataclass(frozen=True)
class Response:
    """A rule for answers: a condition, whether it is right, the feedback.

    ``test`` is one of ``"range"`` (a number from ``low`` to ``high``,
    inclusive), ``"equals"`` (the text ``value``), ``"chosen"`` or
    ``"left_out"`` (the option ``value`` ticked, or not).
    """

    test: Literal["range", "equals", "chosen", "left_out"]
    correct: bool
    feedback: str
    value: str = ""
    low: float = 0.0
    high: float = 0.0


@dataclass(frozen=True)
class Question:
    """One question: its text, how it is answered, and all its feedback.

    For ``single`` and ``multiple`` questions, ``right`` lists the options
    that must be ticked (``single``: any one of them) and ``acceptable`` the
    options that may be ticked too. ``correct_feedback`` is shown with a right
    answer, ``incorrect_feedback`` with a wrong one that no rule of
    ``responses`` names.
    """

    ident: str
    title: str
    text: str
    kind: Kind
    responses: tuple[Response, ...]
    correct_feedback: str
    incorrect_feedback: str
    options: tuple[Option, ...] = ()
    right: tuple[str, ...] = ()
    acceptable: tuple[str, ...] = ()
    hint: str = ""

    def feedback(self) -> list[str]:
        """Return every feedback text of the question, in order.

        Examples
        --------
        >>> q = Question("q1", "Q", "1 + 1?", "numeric",
        ...     (Response("range", True, "Right.", low=2, high=2),), "Yes.", "No.")
        >>> q.feedback()
        ['Right.', 'Yes.', 'No.']
        """
        texts = [response.feedback for response in self.responses]
        return [
            t for t in [*texts, self.correct_feedback, self.incorrect_feedback] if t
        ]


@dataclass(frozen=True)
class Bank:
    """One question bank: a chapter's quiz or an exercise's graded questions."""

    ident: str
    title: str
    questions: tuple[Question, ...] = field(default=())


_ROLE = re.compile(r"\{[\w:-]+\}`([^`]*)`")
_CODE = re.compile(r"`([^`]+)`")
_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EMPHASIS = re.compile(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])")


def inline(text: str) -> str:
    """Turn plain text with a little Markdown into safe HTML.

    Everything is escaped first, so markup in the text shows as text; then
    ```code```, ``**strong**`` and ``*emphasis*`` are drawn, and MyST roles
    such as ``{cite:p}`key``` keep only their content.

    Parameters
    ----------
    text : str
        A question, option or feedback text.

    Returns
    -------
    str
        HTML that a learning platform can show as it is.

    Examples
    --------
    >>> inline("Call `f()` <b>now</b>, **twice** {cite:p}`thornton2022`.")
    'Call <code>f()</code> &lt;b&gt;now&lt;/b&gt;, <strong>twice</strong> thornton2022.'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be a str, got {type(text).__name__}")
    escaped = html.escape(" ".join(text.split()), quote=False)
    escaped = _ROLE.sub(r"\1", escaped)
    escaped = _CODE.sub(r"<code>\1</code>", escaped)
    escaped = _STRONG.sub(r"<strong>\1</strong>", escaped)
    return _EMPHASIS.sub(r"<em>\1</em>", escaped)
