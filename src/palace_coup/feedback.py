"""Check exercise answers and say why: the teacher of a student working alone.

Every question of the exercises lives in ``data/questions.yaml`` with its id,
level (recall, apply, analyse, evaluate), a one-line prompt, a hint, the
expected answer and the wrong answers that reveal a specific misconception.
Where the expected answer is an output of a model (an index, a month, a
share), the bank names a function of this module that computes it from the
model, so changing a model default changes the expected answer too.

Three calls make up the student's side:

* :func:`check` ``(question_id, answer)`` returns a :class:`Feedback`:
  "✓ Right" or "Not yet", and why. It never raises on an answer, however
  wrong, empty, NaN or odd its type: it says what was expected instead.
* :func:`hint` ``(question_id)`` returns the question's hint.
* :func:`summary` ``(exercise)`` lists the questions of one exercise as done
  or not yet, from the checks run so far in this session.

The feedback is text first (the words "Right" and "Not yet" carry the
meaning), with colour only as a second cue.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import math
import numbers
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from palace_coup import _data, cascade, forecast, history, loyalty, preconditions

__all__ = [
    "LEVELS",
    "Feedback",
    "Summary",
    "check",
    "exercises",
    "hint",
    "passages",
    "questions",
    "summary",
    "table",
]

LEVELS: tuple[str, ...] = ("recall", "apply", "analyse", "evaluate")
"""Levels of the questions, from remembering to judging."""

START = dt.date(2022, 2, 24)
"""Month 0 of the loyalty model: the first day of the full-scale invasion."""

_RESULTS: dict[str, bool] = {}
"""Latest result of each question checked in this session (for summary)."""


# --------------------------------------------------------------------------
# Results shown to the student


def _inline_html(text: str) -> str:
    """Escape ``text`` for HTML and turn `backticks` into code elements."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))


_STYLE = {
    True: ("✓ Right:", "#0072B2", "#eef5fb"),
    False: ("Not yet:", "#D55E00", "#fdf1ea"),
}


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
    """

    question: str
    correct: bool
    message: str
    hint: str = ""
    details: tuple[str, ...] = field(default_factory=tuple)
    label: str = ""

    @property
    def _label(self) -> str:
        return self.label or _STYLE[self.correct][0]

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


# --------------------------------------------------------------------------
# Expected answers computed from the model


def _preconditions_of_passage(passage: str) -> list[str]:
    table = preconditions.load()
    return table.loc[table["passage"] == passage, "id"].tolist()


def _passage_of(precondition: str) -> str:
    table = preconditions.load().set_index("id")
    return str(table.loc[precondition, "passage"])


def _default_scores_unweighted_mean() -> float:
    return float(preconditions.load()["score"].mean())


def _default_weighted_sum() -> float:
    table = preconditions.load()
    return float((table["weight"] * table["score"]).sum())


def _default_weighted_sum_over_count() -> float:
    return _default_weighted_sum() / len(preconditions.ids())


def _index(rule: str = "compensatory", scores: Mapping | None = None) -> float:
    return preconditions.score(scores=scores, rule=rule).index


def _gate(mode: str = "max") -> float:
    table = preconditions.load()
    armed = table.loc[table["armed"], "score"]
    return float({"max": armed.max, "min": armed.min, "mean": armed.mean}[mode]())


def _most_sensitive(rule: str) -> list[str]:
    table = preconditions.score(rule=rule).sensitivity
    top = table["sensitivity"].max()
    return table.loc[np.isclose(table["sensitivity"], top), "id"].tolist()


def _index_rise(precondition: str, value: float, rule: str) -> float:
    return _index(rule, {precondition: value}) - _index(rule)


def _loyalty_at(faction: str, month: int, **pressures: float) -> float:
    table = loyalty.curves(month, **pressures)
    row = table.loc[(table["faction"] == faction) & (table["month"] == month)]
    return float(row["loyalty"].iloc[0])


def _linear_loyalty_at(faction: str, month: int, **pressures: float) -> float:
    row = loyalty.factions().set_index("faction").loc[faction]
    rate = sum(float(row[name]) * value for name, value in pressures.items())
    return float(row["baseline"]) * (1.0 - rate * month)


def _crossing(faction: str, threshold: float | None = None, **pressures: float):
    table = loyalty.crossings(
        threshold=loyalty.DEFECTION_THRESHOLD if threshold is None else threshold,
        **pressures,
    ).set_index("faction")
    month = table.loc[faction, "month"]
    return None if pd.isna(month) else int(month)


def _continuous_crossing(faction: str, **pressures: float) -> float:
    row = loyalty.factions().set_index("faction").loc[faction]
    given = {**loyalty.DEFAULT_PRESSURES, **pressures}
    rate = sum(float(row[name]) * given[name] for name in loyalty.PRESSURES)
    return math.log(float(row["baseline"]) / loyalty.DEFECTION_THRESHOLD) / rate


def _first_to_cross(**pressures: float) -> list[str]:
    table = loyalty.crossings(**pressures).dropna(subset=["month"])
    first = table["month"].min()
    return table.loc[table["month"] == first, "faction"].tolist()


def _later_or_earlier(faction: str, threshold: float) -> str:
    before, after = _crossing(faction), _crossing(faction, threshold)
    return "earlier" if after < before else ("later" if after > before else "same")


def _equilibrium(thresholds: list[float], initial: float = 0.0) -> float:
    return float(cascade.equilibrium(thresholds, initial=initial))


def _granovetter(replace: Mapping | None = None, size: int = 100) -> float:
    thresholds = [i / size for i in range(size)]
    for position, value in (replace or {}).items():
        thresholds[int(position)] = value
    return _equilibrium(thresholds)


def _tipping_point(distribution: str, step: float = 0.01, **params: float) -> float:
    group = cascade.thresholds(distribution, method="quantile", **params)
    for i in range(round(1 / step) + 1):
        initial = round(i * step, 10)
        if _equilibrium(group, initial) >= 1.0 - 1e-9:
            return initial
    return 1.0


def _cases(counted_only: bool = False) -> pd.DataFrame:
    table = history.cases()
    return table.loc[table["counted_as_coup_attempt"]] if counted_only else table


def _case_count(counted_only: bool = False) -> int:
    return len(_cases(counted_only))


def _success_share(counted_only: bool = True) -> float:
    return float(_cases(counted_only)["success"].mean())


def _base_rate(quantity: str) -> float:
    table = history.base_rates().set_index("id")
    return float(table.loc[quantity, "value"])


def _insiders_removed() -> float:
    return _base_rate("dictators_removed_irregularly") * _base_rate("insider_share")


def _brier(forecasts: list[float], outcomes: list[int]) -> float:
    return float(forecast.brier(forecasts, outcomes))


_COMPUTE: dict[str, Callable[..., Any]] = {
    "precondition_ids": preconditions.ids,
    "armed_ids": lambda: list(preconditions.ARMED),
    "preconditions_of_passage": _preconditions_of_passage,
    "passage_of": _passage_of,
    "unweighted_mean": _default_scores_unweighted_mean,
    "weighted_sum": _default_weighted_sum,
    "weighted_sum_over_count": _default_weighted_sum_over_count,
    "index": _index,
    "gate": _gate,
    "most_sensitive": _most_sensitive,
    "index_rise": _index_rise,
    "faction_ids": lambda: loyalty.factions()["faction"].tolist(),
    "baseline": lambda faction: float(
        loyalty.factions().set_index("faction").loc[faction, "baseline"]
    ),
    "loyalty_at": _loyalty_at,
    "linear_loyalty_at": _linear_loyalty_at,
    "crossing": _crossing,
    "continuous_crossing": _continuous_crossing,
    "first_to_cross": _first_to_cross,
    "later_or_earlier": _later_or_earlier,
    "equilibrium": _equilibrium,
    "granovetter": _granovetter,
    "tipping_point": _tipping_point,
    "case_count": _case_count,
    "success_share": _success_share,
    "base_rate": _base_rate,
    "insiders_removed": _insiders_removed,
    "brier": _brier,
}


def _resolve(spec: Any) -> Any:
    """Return a literal from the bank, or compute it when it says ``compute``."""
    if isinstance(spec, Mapping) and "compute" in spec:
        arguments = {key: value for key, value in spec.items() if key != "compute"}
        return _COMPUTE[spec["compute"]](**arguments)
    return spec


# --------------------------------------------------------------------------
# The question bank


@functools.cache
def _bank() -> dict[str, Any]:
    """Read ``data/questions.yaml`` once."""
    return _data.yaml_file("questions.yaml")


@functools.cache
def _questions() -> dict[str, dict[str, Any]]:
    """Map each question id to its entry in the bank."""
    return {entry["id"]: entry for entry in _bank()["questions"]}


def passages() -> pd.DataFrame:
    """Return the article's passages, in order, with our own-words summaries.

    Returns
    -------
    pandas.DataFrame
        Columns ``id``, ``title`` and ``summary``, one row per passage of
        Thornton's article, indexed by ``id``. A fresh copy.

    Raises
    ------
    None
        This function takes no arguments.

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

    Raises
    ------
    None
        This function takes no arguments.

    Examples
    --------
    >>> exercises()["claims"]
    'Claims to preconditions'
    """
    return {key: value["title"] for key, value in _bank()["exercises"].items()}


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

    Raises
    ------
    None
        This function takes no arguments.

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


def hint(question_id: str) -> Hint:
    """Return the hint of a question.

    Parameters
    ----------
    question_id : str
        A question id (see :func:`questions`).

    Returns
    -------
    Hint
        Shows as a short note in a notebook.

    Raises
    ------
    ValueError
        If ``question_id`` is not a question id.

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
        If ``exercise`` is not an exercise id.

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


# --------------------------------------------------------------------------
# Reading answers


class _Unreadable(Exception):
    """An answer that cannot be read as the expected kind (message says why)."""


def _describe(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 50 else text[:47] + "..."


def _blank(answer: Any, expected: str) -> str | None:
    """Say what is missing when the answer is a placeholder or empty."""
    if answer is Ellipsis:
        return f"replace `...` with your answer ({expected}), then run the cell again."
    if answer is None:
        return (
            "your answer is `None`. Did you write `answer = ...` with a value, "
            f"or assign the result of a function that prints? Expected {expected}."
        )
    if isinstance(answer, str | list | tuple | set | frozenset | dict) and not (
        answer.strip() if isinstance(answer, str) else answer
    ):
        return f"your answer is empty. Expected {expected}."
    return None


def _number(answer: Any) -> float:
    """Read one finite number, or raise :class:`_Unreadable` saying why."""
    if isinstance(answer, bool | np.bool_):
        raise _Unreadable(f"`{answer}` is a truth value, not a number.")
    if isinstance(answer, str):
        text = answer.strip()
        if text.endswith("%"):
            raise _Unreadable(
                f"you wrote a percentage as text ({answer!r}). Write a number "
                "without quotes; a probability or share goes from 0 to 1 "
                "(26% is 0.26)."
            )
        try:
            float(text)
        except ValueError:
            raise _Unreadable(f"{answer!r} is text, not a number.") from None
        raise _Unreadable(
            f"you wrote the number as text ({answer!r}): remove the quotes."
        )
    if isinstance(answer, pd.DataFrame | pd.Series | np.ndarray | list | tuple):
        values = np.asarray(answer, dtype=object).ravel()
        if values.size != 1:
            raise _Unreadable(
                f"you gave {values.size} values; the answer is a single number "
                "(pick one value out, e.g. with `.iloc[0]` or `[0]`)."
            )
        answer = values[0]
        if isinstance(answer, bool | np.bool_):
            raise _Unreadable(f"`{answer}` is a truth value, not a number.")
    if not isinstance(answer, numbers.Real):
        raise _Unreadable(
            f"your answer is {_describe(answer)}, of type {type(answer).__name__}, "
            "not a number."
        )
    value = float(answer)
    if math.isnan(value):
        raise _Unreadable(
            "your answer is NaN ('not a number'): a calculation above gave no "
            "value, e.g. 0 divided by 0 or a look-up that found nothing."
        )
    if math.isinf(value):
        raise _Unreadable("your answer is infinite: did you divide by zero?")
    return value


def _options(entry: dict[str, Any]) -> list[str]:
    return [str(option) for option in _resolve(entry["options"])]


def _normalise_choice(text: str) -> str:
    return text.strip().strip("().").strip().lower()


def _choice(answer: Any, options: list[str]) -> str:
    """Read one option, or raise :class:`_Unreadable` naming the options."""
    if not isinstance(answer, str):
        raise _Unreadable(
            f"your answer is {_describe(answer)}, of type {type(answer).__name__}; "
            "write the option as a string in quotes."
        )
    lookup = {_normalise_choice(option): option for option in options}
    key = _normalise_choice(answer)
    if key not in lookup:
        raise _Unreadable(
            f"{answer!r} is not one of the options: "
            + ", ".join(repr(option) for option in options)
            + "."
        )
    return lookup[key]


def _choices(answer: Any, options: list[str]) -> set[str]:
    """Read a set of options, or raise :class:`_Unreadable` saying why."""
    if isinstance(answer, str):
        answer = [answer]
    if isinstance(answer, Mapping) or not isinstance(answer, Iterable):
        raise _Unreadable(
            f"your answer is {_describe(answer)}, of type {type(answer).__name__}; "
            "write a set of strings in quotes."
        )
    return {_choice(item, options) for item in answer}


# --------------------------------------------------------------------------
# Checking answers, one function per kind of question


def _close(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance + 1e-12


def _targeted(entry: dict[str, Any], test: Callable[[dict[str, Any]], bool]) -> str:
    """Return the message of the first wrong-answer rule that ``test`` accepts."""
    for rule in entry.get("wrong", []):
        if test(rule):
            return rule["message"].strip()
    return ""


def _tolerance_text(tolerance: float) -> str:
    return f"accepted within ±{tolerance:g}"


def _check_number(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    tolerance = float(entry.get("tolerance", 0.005))
    truth = float(_resolve(entry["expected"]))
    value = _number(answer)
    if _close(value, truth, tolerance):
        return True, f"{value:g} ({_tolerance_text(tolerance)})."

    def matches(rule: dict[str, Any]) -> bool:
        if "percent" in rule:
            return _close(value, 100 * truth, 100 * tolerance)
        if "value" in rule:
            return _close(value, float(_resolve(rule["value"])), tolerance)
        if "above" in rule:
            return value > float(rule["above"])
        return False

    message = _targeted(entry, matches)
    return False, message or (
        f"{value:g} is not it. Expected a number ({_tolerance_text(tolerance)})."
    )


def _check_integer(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    truth = _resolve(entry["expected"])
    value = _number(answer)
    if not value.is_integer():
        message = _targeted(entry, lambda rule: "not_integer" in rule)
        return False, message or f"{value:g} is not a whole number."
    whole = int(value)
    if whole == truth:
        return True, f"{whole}."

    def matches(rule: dict[str, Any]) -> bool:
        if "offset" in rule:
            return whole == truth + int(rule["offset"])
        if "value" in rule:
            return whole == _resolve(rule["value"])
        return False

    return False, _targeted(entry, matches) or f"{whole} is not it."


def _month_text(months: int) -> str:
    year, month = divmod(START.month - 1 + months, 12)
    return f"{START.year + year:04d}-{month + 1:02d}"


def _check_calendar_month(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    truth = int(_resolve(entry["expected"]))
    if not isinstance(answer, str) or not re.fullmatch(r"\d{4}-\d{2}", answer.strip()):
        raise _Unreadable(
            f"{_describe(answer)} is not a month written as 'YYYY-MM' "
            "(a string in quotes, e.g. '2022-03' for March 2022)."
        )
    year, month = (int(part) for part in answer.strip().split("-"))
    if not 1 <= month <= 12:
        raise _Unreadable(f"{answer!r}: the month must be 01 to 12.")
    given = (year - START.year) * 12 + (month - START.month)
    if given == truth:
        return True, f"{answer.strip()}: month {truth} after {START:%d %B %Y}."
    message = _targeted(
        entry, lambda rule: "offset" in rule and given == truth + int(rule["offset"])
    )
    return False, message or (
        f"{answer.strip()} is {given} months after {START:%B %Y}; not it."
    )


def _check_choice(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    options = _options(entry)
    value = _choice(answer, options)
    truth = _resolve(entry["expected"])
    truths = {truth} if isinstance(truth, str) else set(truth)
    if value in truths:
        return True, f"{value!r}."
    message = _targeted(
        entry,
        lambda rule: "value" in rule and value == str(_resolve(rule["value"])),
    )
    return False, message or f"{value!r} is not the best answer."


def _check_choices(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    options = _options(entry)
    given = _choices(answer, options)
    required = set(_resolve(entry["expected"]))
    acceptable = set(entry.get("acceptable", []))
    missing = sorted(required - given)
    extra = sorted(given - required - acceptable)
    if not missing and not extra:
        kept = sorted(given & acceptable)
        note = (
            f" You also chose {', '.join(map(repr, kept))}: defensible, "
            "though not the main reading."
            if kept
            else ""
        )
        return True, f"{', '.join(sorted(given))}.{note}"
    messages = [
        _targeted(entry, lambda rule, item=item: rule.get("extra") == item)
        or f"{item!r} does not belong here."
        for item in extra
    ]
    messages += [
        _targeted(entry, lambda rule, item=item: rule.get("missing") == item)
        or "something is missing."
        for item in missing[:1]
    ]
    return False, " ".join(dict.fromkeys(messages))


def _words(text: str) -> int:
    return len(re.findall(r"[\w'\u2019-]+", text))


def _check_text(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    if not isinstance(answer, str):
        raise _Unreadable(
            f"your answer is of type {type(answer).__name__}; write your argument as "
            'a string in triple quotes: `answer = """..."""`.'
        )
    count = _words(answer)
    least = int(entry["min_words"])
    if count < least:
        message = _targeted(entry, lambda rule: "shorter" in rule)
        return False, f"{count} words so far. {message}"
    return True, (
        f"{count} words. This check does not grade your argument: "
        "mark it yourself against the rubric below, criterion by criterion."
    )


def _check_rubric_scores(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    criteria = list(entry["criteria"])
    if not isinstance(answer, Mapping):
        raise _Unreadable(
            f"your answer is of type {type(answer).__name__}; write a dict with one "
            f"score (0, 1 or 2) per criterion: {', '.join(map(repr, criteria))}."
        )
    unknown = [key for key in answer if key not in criteria]
    missing = [key for key in criteria if key not in answer]
    if unknown or missing:
        return False, _targeted(entry, lambda rule: "unknown" in rule) + (
            f" Give one score per criterion: {', '.join(map(repr, criteria))}"
            + (f"; unknown {', '.join(map(repr, unknown))}" if unknown else "")
            + (f"; missing {', '.join(map(repr, missing))}" if missing else "")
            + "."
        )
    scores = {}
    for key in criteria:
        value = _number(answer[key])
        if value not in (0.0, 1.0, 2.0):
            return False, f"the score for {key!r} must be 0, 1 or 2, got {value:g}."
        scores[key] = int(value)
    low = [key for key in criteria if scores[key] < 2]
    advice = " ".join(entry["advice"][key].strip() for key in low)
    total = sum(scores.values())
    return True, (
        f"self-assessed {total} of {2 * len(criteria)}."
        + (f" To improve: {advice}" if advice else " Well argued, by your own rubric.")
    )


def _check_forecast(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    if not isinstance(answer, Mapping) or set(answer) != {"made_on", "probability"}:
        raise _Unreadable(
            "write a dict with two keys, e.g. "
            "`{'made_on': '2022-03-02', 'probability': 0.1}`."
        )
    try:
        made_on = dt.date.fromisoformat(str(answer["made_on"]))
    except ValueError:
        raise _Unreadable(
            f"made_on {_describe(answer['made_on'])} is not a date 'YYYY-MM-DD'."
        ) from None
    probability = _number(answer["probability"])
    latest = dt.date.fromisoformat(str(entry["latest"]))
    if probability > 1:
        return False, _targeted(entry, lambda rule: "percent" in rule)
    if probability < 0:
        return False, "a probability cannot be negative: pick a number in [0, 1]."
    if made_on > latest or made_on < START:
        return False, _targeted(entry, lambda rule: "date" in rule)
    certain = (
        " (a certainty: risky under Brier scoring)" if probability in (0, 1) else ""
    )
    return True, (
        f"forecast recorded: probability {probability:g}, made on "
        f"{made_on:%d %B %Y}{certain}."
    )


def _check_scored_forecast(entry: dict[str, Any], answer: Any) -> tuple[bool, str]:
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise _Unreadable(
            "write a pair `(probability, brier_score)`, e.g. `(0.1, 0.01)`."
        )
    probability, score = _number(answer[0]), _number(answer[1])
    if not 0 <= probability <= 1:
        return False, _targeted(entry, lambda rule: "percent" in rule)
    outcome = int(entry["outcome"])
    truth = _brier([probability], [outcome])
    tolerance = float(entry.get("tolerance", 0.0005))
    if _close(score, truth, tolerance):
        return True, (
            f"the Brier score of {probability:g} against outcome {outcome} is "
            f"{truth:.4g} ({_tolerance_text(tolerance)})."
        )
    wrong = {
        "other_outcome": _brier([probability], [1 - outcome]),
        "not_squared": abs(probability - outcome),
    }
    message = _targeted(
        entry,
        lambda rule: "value" in rule and _close(score, wrong[rule["value"]], tolerance),
    )
    return False, message or f"{score:g} is not the Brier score of {probability:g}."


_KINDS: dict[str, tuple[str, Callable[[dict[str, Any], Any], tuple[bool, str]]]] = {
    "number": ("a number such as 0.25", _check_number),
    "integer": ("a whole number such as 7", _check_integer),
    "calendar_month": ("a month as a string 'YYYY-MM'", _check_calendar_month),
    "choice": ("one option as a string, such as {example}", _check_choice),
    "choices": ("a set of options such as {{{example}}}", _check_choices),
    "text": ("your argument as a string", _check_text),
    "rubric_scores": ("a dict of scores 0, 1 or 2", _check_rubric_scores),
    "forecast": ("a dict with 'made_on' and 'probability'", _check_forecast),
    "scored_forecast": ("a pair (probability, brier_score)", _check_scored_forecast),
}


_UNGRADED = {
    "text": "✓ Written:",
    "rubric_scores": "✓ Recorded:",
    "forecast": "✓ Recorded:",
}
"""Labels of accepted answers that are recorded, not graded."""


def check(question_id: str, answer: Any) -> Feedback:
    """Check an answer and say whether it is right, and why.

    Never raises because of the answer: a wrong, empty, NaN or wrong-type
    answer gets feedback saying what was expected. Wrong answers that reveal a
    known misconception (a percentage for a probability, a month counted from
    the wrong start, ...) get a message about that misconception.

    Parameters
    ----------
    question_id : str
        A question id (see :func:`questions`).
    answer : Any
        The student's answer; ``...`` (Ellipsis) means "not answered yet".

    Returns
    -------
    Feedback
        ``.correct`` and ``.message``; shows as a labelled block in a notebook.

    Raises
    ------
    ValueError
        If ``question_id`` is not a question id (a mistake in the notebook, not
        in the answer).

    Examples
    --------
    >>> check("tipping.granovetter_full", 1.0).correct
    True
    >>> print(check("tipping.granovetter_full", 100))  # doctest: +ELLIPSIS
    Not yet: ...
    >>> check("tipping.granovetter_full", "one").correct
    False
    """
    entry = _entry(question_id)
    expected, checker = _KINDS[entry["kind"]]
    if "options" in entry:
        expected = expected.format(example=repr(_options(entry)[0]))
    blank = _blank(answer, expected)
    if blank is not None:
        correct, message = False, blank
    else:
        try:
            correct, message = checker(entry, answer)
        except _Unreadable as error:
            correct, message = False, f"{error} Expected {expected}."
        except Exception as error:  # feedback must never raise on an answer
            correct, message = (
                False,
                (
                    f"this answer could not be read ({type(error).__name__}). "
                    f"Expected {expected}."
                ),
            )
    if correct and entry.get("explain"):
        message = f"{message} {entry['explain'].strip()}"
    _RESULTS[question_id] = correct
    details = (
        tuple(entry.get("rubric", ())) if correct and entry["kind"] == "text" else ()
    )
    return Feedback(
        question=question_id,
        correct=correct,
        message=message,
        hint=entry["hint"].strip(),
        details=details,
        label=_UNGRADED.get(entry["kind"], "") if correct else "",
    )
