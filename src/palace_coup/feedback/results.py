"""What the student sees: the results of checks, hints and summaries.

:class:`Feedback` (the answer to a check), :class:`Hint` and :class:`Summary`
show as plain text and as accessible HTML in a notebook: text first (the words
"Right" and "Not yet" carry the meaning), with colour only as a second cue.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

_RESULTS: dict[str, bool] = {}
"""Latest result of each question checked in this session (for summary)."""


def _inline_html(text: str) -> str:
    """Escape ``text`` for HTML and turn `backticks` into code elements."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))


_STYLE = {
    True: ("✓ Right:", "#0072B2", "#eef5fb"),
    False: ("Not yet:", "#D55E00", "#fdf1ea"),
}

_VERDICTS = {
    "✓ Right:": "right",
    "Not yet:": "not_yet",
    "✓ Written:": "written",
    "✓ Recorded:": "recorded",
}
"""Each label, and the verdict a student's record stores for it."""


@dataclass(frozen=True)
class Feedback:
    """What the student sees after checking an answer.

    Attributes
    ----------
    question : str
        The question id.
    correct : bool
        Whether the answer is accepted.
    message : str
        Why it is right, or what is not yet right and what was expected.
    hint : str
        The question's hint, offered (folded away) when the answer is not yet
        right.
    details : tuple of str
        Extra lines shown under the message, e.g. a rubric to apply to one's
        own written answer.
    label : str
        The words that open the feedback: "✓ Right:" or "Not yet:" by
        default; "✓ Written:" or "✓ Recorded:" for answers that are accepted
        without being graded (a written argument, a self-assessment, one's own
        forecast).
    misconception : str or None
        The id of the targeted wrong-answer rule that fired (see
        ``data/questions.yaml``), or ``None``.
    """

    question: str
    correct: bool
    message: str
    hint: str = ""
    details: tuple[str, ...] = field(default_factory=tuple)
    label: str = ""
    misconception: str | None = None

    @property
    def _label(self) -> str:
        return self.label or _STYLE[self.correct][0]

    @property
    def verdict(self) -> str:
        """The verdict as a student's record names it: right, not_yet, ...

        ``"right"``, ``"not_yet"``, ``"written"`` or ``"recorded"``: the label
        the feedback opens with, in the words of the record format.
        """
        return _VERDICTS[self._label]

    def __bool__(self) -> bool:
        """Tell whether the answer was right."""
        return self.correct

    def __str__(self) -> str:
        """Return the feedback as plain text."""
        lines = [f"{self._label} {self.message}"]
        lines += [f"  - {line}" for line in self.details]
        if self.hint and not self.correct:
            lines.append(f"(Stuck? Run feedback.hint({self.question!r}).)")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        """Return the feedback as an accessible HTML block."""
        _, border, background = _STYLE[self.correct]
        label = self._label
        parts = [
            f'<div class="pc-feedback" role="status" style="border-left:6px solid '
            f"{border};background:{background};color:#1a1a1a;padding:0.5em 0.8em;"
            f'margin:0.3em 0"><strong>{label}</strong> {_inline_html(self.message)}'
        ]
        if self.details:
            items = "".join(f"<li>{_inline_html(line)}</li>" for line in self.details)
            parts.append(f"<ul>{items}</ul>")
        if self.hint and not self.correct:
            parts.append(
                "<details><summary>Need a hint?</summary>"
                f"<p>{_inline_html(self.hint)}</p></details>"
            )
        parts.append("</div>")
        return "".join(parts)


@dataclass(frozen=True)
class Hint:
    """A question's hint, shown on request.

    Attributes
    ----------
    question : str
        The question id.
    text : str
        The hint.
    """

    question: str
    text: str

    def __str__(self) -> str:
        """Return the hint as plain text."""
        return f"Hint: {self.text}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        """Return the hint as an HTML block."""
        return (
            '<div class="pc-hint" style="border-left:6px solid #56B4E9;'
            'padding:0.5em 0.8em;margin:0.3em 0"><strong>Hint:</strong> '
            f"{_inline_html(self.text)}</div>"
        )


@dataclass(frozen=True)
class Summary:
    """Which questions of an exercise are done and which are not yet.

    Attributes
    ----------
    exercise : str
        The exercise id.
    rows : tuple of (str, str, str, bool)
        One row per question: id, level, prompt, done.
    """

    exercise: str
    rows: tuple[tuple[str, str, str, bool], ...]

    @property
    def done(self) -> list[str]:
        """Ids of the questions answered right."""
        return [qid for qid, _, _, ok in self.rows if ok]

    @property
    def not_yet(self) -> list[str]:
        """Ids of the questions not yet answered right."""
        return [qid for qid, _, _, ok in self.rows if not ok]

    def __str__(self) -> str:
        """Return the summary as plain text."""
        lines = [f"{len(self.done)} of {len(self.rows)} questions done."]
        for qid, level, prompt, ok in self.rows:
            status = "✓ done " if ok else "not yet"
            lines.append(f"  {status}  {qid} ({level}): {prompt}")
        return "\n".join(lines)

    __repr__ = __str__

    def _repr_html_(self) -> str:
        """Return the summary as an HTML table with a caption."""
        body = "".join(
            f"<tr><td>{'✓ done' if ok else 'not yet'}</td><td><code>{qid}</code></td>"
            f"<td>{level}</td><td>{_inline_html(prompt)}</td></tr>"
            for qid, level, prompt, ok in self.rows
        )
        return (
            '<table class="pc-summary"><caption>'
            f"{len(self.done)} of {len(self.rows)} questions done</caption>"
            "<thead><tr><th>Status</th><th>Question</th><th>Level</th>"
            f"<th>What it asks</th></tr></thead><tbody>{body}</tbody></table>"
        )
