"""Checking answers: one function per kind of question, and :func:`check`.

Each ``_check_<kind>`` function reads an answer of its kind and returns
whether it is right and why; :func:`check` picks the function for the
question, turns an unreadable answer into feedback and records the result.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from palace_coup.feedback.answers import (
    _blank,
    _choice,
    _choices,
    _date,
    _month,
    _number,
    _options,
    _words,
)
from palace_coup.feedback.bank import _entry, question_id_docs
from palace_coup.feedback.plain import _describe, _plain, _Unreadable
from palace_coup.feedback.results import _RESULTS, Feedback
from palace_coup.feedback.truth import _brier, _resolve
from palace_coup.feedback.wording import say

START = dt.date(2022, 2, 24)
"""Month 0 of the loyalty model: the first day of the full-scale invasion."""

_Verdict = tuple[bool, str, str | None]
"""What a check finds: right or not, the message, the misconception's id."""


def _close(value: float, target: float, tolerance: float) -> bool:
    return abs(value - target) <= tolerance + 1e-12


def _targeted(
    entry: dict[str, Any], test: Callable[[dict[str, Any]], bool]
) -> tuple[str, str | None]:
    """Return the message and id of the first wrong-answer rule ``test`` accepts."""
    for rule in entry.get("wrong", []):
        if test(rule):
            return rule["message"].strip(), rule["id"]
    return "", None


def _not_yet(targeted: tuple[str, str | None], fallback: str) -> _Verdict:
    message, misconception = targeted
    return False, message or fallback, misconception


def _tolerance_text(tolerance: float) -> str:
    return say("tolerance", tolerance=f"{tolerance:g}")


def _check_number(entry: dict[str, Any], answer: Any) -> _Verdict:
    tolerance = float(entry.get("tolerance", 0.005))
    truth = float(_resolve(entry["expected"]))
    value, shown = _number(answer)
    if _close(value, truth, tolerance):
        return (
            True,
            say("number_right", shown=shown, tolerance=_tolerance_text(tolerance)),
            None,
        )

    def matches(rule: dict[str, Any]) -> bool:
        if "percent" in rule:
            return _close(value, 100 * truth, 100 * tolerance)
        if "value" in rule:
            return _close(value, float(_resolve(rule["value"])), tolerance)
        if "above" in rule:
            return value > float(rule["above"])
        return False

    return _not_yet(
        _targeted(entry, matches),
        say("number_wrong", shown=shown, tolerance=_tolerance_text(tolerance)),
    )


def _check_integer(entry: dict[str, Any], answer: Any) -> _Verdict:
    truth = int(_resolve(entry["expected"]))
    value, shown = _number(answer)
    if not value.is_integer():
        # The exact moment of a crossing lies between the last month at or
        # above the threshold (truth - 1) and the first month below (truth).
        crossing = truth - 1 < value < truth
        return _not_yet(
            _targeted(entry, lambda rule: "not_integer" in rule and crossing),
            say("not_whole", shown=shown),
        )
    whole = int(value)
    if whole == truth:
        return True, say("integer_right", shown=shown), None

    def matches(rule: dict[str, Any]) -> bool:
        if "offset" in rule:
            return whole == truth + int(rule["offset"])
        if "value" in rule:
            return whole == _resolve(rule["value"])
        return False

    return _not_yet(_targeted(entry, matches), say("integer_wrong", shown=shown))


def _month_text(months: int) -> str:
    year, month = divmod(START.month - 1 + months, 12)
    return f"{START.year + year:04d}-{month + 1:02d}"


def _check_calendar_month(entry: dict[str, Any], answer: Any) -> _Verdict:
    truth = int(_resolve(entry["expected"]))
    year, month = _month(answer)
    given = (year - START.year) * 12 + (month - START.month)
    shown = f"{year:04d}-{month:02d}"
    if given == truth:
        start_day = f"{START:%d %B %Y}"
        return (
            True,
            say("month_right", month=shown, truth=truth, start_day=start_day),
            None,
        )
    return _not_yet(
        _targeted(
            entry,
            lambda rule: "offset" in rule and given == truth + int(rule["offset"]),
        ),
        say("month_wrong", month=shown, given=given, start_month=f"{START:%B %Y}"),
    )


def _check_choice(entry: dict[str, Any], answer: Any) -> _Verdict:
    options = _options(entry)
    value = _choice(answer, options)
    truth = _resolve(entry["expected"])
    truths = {truth} if isinstance(truth, str) else set(truth)
    if value in truths:
        return True, say("choice_right", value=repr(value)), None
    return _not_yet(
        _targeted(
            entry,
            lambda rule: "value" in rule and value == str(_resolve(rule["value"])),
        ),
        say("choice_wrong", value=repr(value)),
    )


def _check_choices(entry: dict[str, Any], answer: Any) -> _Verdict:
    options = _options(entry)
    given = _choices(answer, options)
    required = set(_resolve(entry["expected"]))
    acceptable = set(entry.get("acceptable", []))
    missing = sorted(required - given)
    extra = sorted(given - required - acceptable)
    if not missing and not extra:
        kept = sorted(given & acceptable)
        note = say("choices_also", kept=", ".join(map(repr, kept))) if kept else ""
        return (
            True,
            say("choices_right", given=", ".join(sorted(given)), note=note),
            None,
        )
    found = [
        _targeted(entry, lambda rule, item=item: rule.get("extra") == item)
        for item in extra
    ] + [
        _targeted(entry, lambda rule, item=item: rule.get("missing") == item)
        for item in missing[:1]
    ]
    fallbacks = [say("choices_extra", item=repr(item)) for item in extra]
    fallbacks += [say("choices_missing")] * len(missing[:1])
    messages = [
        message or fallback
        for (message, _), fallback in zip(found, fallbacks, strict=True)
    ]
    fired = [misconception for _, misconception in found if misconception]
    return False, " ".join(dict.fromkeys(messages)), (fired or [None])[0]


def _check_text(entry: dict[str, Any], answer: Any) -> _Verdict:
    if not isinstance(answer, str):
        raise _Unreadable(
            f"your answer is of type {type(answer).__name__}; write your argument as "
            'a string in triple quotes: `answer = """..."""`.'
        )
    count = _words(answer)
    least = int(entry["min_words"])
    if count < least:
        message, misconception = _targeted(entry, lambda rule: "shorter" in rule)
        return False, say("words_short", count=count, message=message), misconception
    return True, say("words_written", count=count), None


def _check_rubric_scores(entry: dict[str, Any], answer: Any) -> _Verdict:
    criteria = list(entry["criteria"])
    if not isinstance(answer, dict):
        raise _Unreadable(
            f"your answer is of type {type(answer).__name__}; write a dict with one "
            f"score (0, 1 or 2) per criterion: {', '.join(map(repr, criteria))}."
        )
    unknown = [_describe(key) for key in answer if key not in criteria]
    missing = [key for key in criteria if key not in answer]
    if unknown or missing:
        message, misconception = _targeted(entry, lambda rule: "unknown" in rule)
        text = say(
            "rubric_keys",
            message=message,
            criteria=", ".join(map(repr, criteria)),
            unknown=say("rubric_unknown", keys=", ".join(unknown)) if unknown else "",
            missing=(
                say("rubric_missing", keys=", ".join(map(repr, missing)))
                if missing
                else ""
            ),
        )
        return False, text, misconception
    scores = {}
    for key in criteria:
        value, shown = _number(answer[key])
        if value not in (0.0, 1.0, 2.0):
            return False, say("rubric_score", key=repr(key), shown=shown), None
        scores[key] = int(value)
    low = [key for key in criteria if scores[key] < 2]
    advice = " ".join(entry["advice"][key].strip() for key in low)
    total = sum(scores.values())
    advice = say("rubric_advice", advice=advice) if advice else say("rubric_full")
    return (
        True,
        say("rubric_right", total=total, most=2 * len(criteria), advice=advice),
        None,
    )


def _check_forecast(entry: dict[str, Any], answer: Any) -> _Verdict:
    if not isinstance(answer, dict) or set(answer) != {"made_on", "probability"}:
        raise _Unreadable(
            "write a dict with two keys, e.g. "
            "`{'made_on': '2022-03-02', 'probability': 0.1}`."
        )
    made_on = _date(answer["made_on"], "made_on")
    probability, shown = _number(answer["probability"])
    latest = dt.date.fromisoformat(str(entry["latest"]))
    if probability > 1:
        return _not_yet(_targeted(entry, lambda rule: "percent" in rule), "")
    if probability < 0:
        return False, say("forecast_negative"), None
    if made_on > latest or made_on < START:
        return _not_yet(_targeted(entry, lambda rule: "date" in rule), "")
    certain = say("forecast_certain") if probability in (0, 1) else ""
    day = f"{made_on:%d %B %Y}"
    return True, say("forecast_right", shown=shown, day=day, certain=certain), None


def _check_scored_forecast(entry: dict[str, Any], answer: Any) -> _Verdict:
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise _Unreadable(
            "write a pair `(probability, brier_score)`, e.g. `(0.1, 0.01)`."
        )
    (probability, p_shown), (score, s_shown) = _number(answer[0]), _number(answer[1])
    if not 0 <= probability <= 1:
        return _not_yet(_targeted(entry, lambda rule: "percent" in rule), "")
    outcome = int(entry["outcome"])
    truth = _brier([probability], [outcome])
    tolerance = float(entry.get("tolerance", 0.0005))
    if _close(score, truth, tolerance):
        text = say(
            "scored_right",
            probability=p_shown,
            outcome=outcome,
            score=s_shown,
            tolerance=_tolerance_text(tolerance),
        )
        return True, text, None
    wrong = {
        "other_outcome": _brier([probability], [1 - outcome]),
        "not_squared": abs(probability - outcome),
    }
    return _not_yet(
        _targeted(
            entry,
            lambda rule: (
                "value" in rule and _close(score, wrong[rule["value"]], tolerance)
            ),
        ),
        say("scored_wrong", score=s_shown, probability=p_shown),
    )


_KINDS: dict[str, tuple[str, Callable[[dict[str, Any], Any], _Verdict]]] = {
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


def _expected(entry: dict[str, Any]) -> str:
    """Describe the kind of answer a question expects, for its messages."""
    expected = _KINDS[entry["kind"]][0]
    if "options" in entry:
        expected = expected.format(example=repr(_options(entry)[0]))
    return expected


@question_id_docs
def check(question_id: str, answer: Any) -> Feedback:
    """Check an answer and say whether it is right, and why.

    Never raises because of the answer: a wrong, empty, NaN, endless, huge or
    wrong-type answer gets feedback saying what was expected (the answer is
    first copied into plain values within fixed bounds, see
    :mod:`palace_coup.feedback.plain`; ``tests/test_feedback.py`` proves this
    for every question over odd types and values). Text is read as what it
    means (``"1/3"``, ``"0,317"``, ``"26%"``), and so are ``Decimal``,
    ``Fraction`` and dates. Wrong answers that reveal a known misconception (a
    percentage for a probability, a month counted from the wrong start, ...)
    get a message about that misconception, and ``.misconception`` names it.

    Parameters
    ----------
    {question_id}
    answer : Any
        The student's answer; ``...`` (Ellipsis) means "not answered yet".

    Returns
    -------
    Feedback
        ``.correct``, ``.message``, ``.verdict`` and ``.misconception``; shows
        as a labelled block in a notebook.

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
    >>> print(check("weigh.gate", "0,25").message)  # doctest: +ELLIPSIS
    use a decimal point, not a comma: write 0.25, not 0,25. Expected ...
    >>> check("tipping.granovetter_full", 100).misconception
    'count_not_share'
    """
    entry = _entry(question_id)
    expected, checker = _expected(entry), _KINDS[entry["kind"]][1]
    try:
        plain = _plain(answer)
        blank = _blank(plain, expected)
        verdict = (False, blank, None) if blank else checker(entry, plain)
    except _Unreadable as error:
        verdict = (False, say("unreadable", error=error, expected=expected), None)
    correct, message, misconception = verdict
    if correct and entry.get("explain"):
        message = say("explained", message=message, explain=entry["explain"].strip())
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
        misconception=misconception,
    )
