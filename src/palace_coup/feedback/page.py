"""Build-time answers for the in-page checker of the published book.

The book is read without a kernel, so each exercise page carries its own
checks (``book/_ext/exercise_checks.py`` writes them in when the book is
built; ``static/palace-coup-checks.js`` runs them). Everything a check needs
is computed here, from the question bank and the model, when the book is
built: the expected answer, its tolerance, each targeted misconception with
the value it is about, and the words of every message
(:data:`palace_coup.feedback.wording.TEMPLATES`). The page's script only
reads the student's entry and picks a message, by the same rules as
:func:`palace_coup.feedback.check`; ``tests/test_exercise_pages.py`` proves
in a browser that both give the same verdict and message.

An entry from the page is what the student's record stores (TEAMWORK.md's
record contract): text for boxes and text areas, a list of option ids for
radios and checkboxes, and an object for the forecast form, the rubric and
the scored forecast. :func:`check_entered` checks such an entry in Python.
"""

from __future__ import annotations

from typing import Any

from palace_coup import loyalty, preconditions
from palace_coup.feedback import answers, plain
from palace_coup.feedback.bank import _entry, passages, question_id_docs
from palace_coup.feedback.checkers import (
    _UNGRADED,
    START,
    _expected,
    _tolerance_text,
    check,
)
from palace_coup.feedback.key import answer_key
from palace_coup.feedback.results import Feedback
from palace_coup.feedback.wording import TEMPLATES

__all__ = ["check_entered", "entered_answer", "page_check", "page_rules"]

NOT_IN_PAGE = ("tolerance", "rubric_unknown")
"""Templates no page needs: tolerances come worded, forms have no other keys."""


def _option_labels() -> dict[str, str]:
    """Readable labels for the ids a question may offer as options."""
    labels = dict(zip(preconditions.ids(), preconditions.load()["label"], strict=True))
    table = loyalty.factions()
    labels.update(zip(table["faction"], table["label"], strict=True))
    labels.update(passages()["title"].to_dict())
    return labels


@question_id_docs
def page_check(question_id: str) -> dict[str, Any]:
    """Return everything the in-page checker needs for one question.

    Parameters
    ----------
    {question_id}

    Returns
    -------
    dict
        JSON-ready: ``id``, ``kind``, ``prompt``, ``expected`` (how the
        messages describe the kind of answer), ``explain``, ``hint``,
        ``label`` (the words that open an accepted answer), ``wrong`` (the
        targeted rules, each with its ``id``, ``message`` and the value it is
        about, computed from the model) and what the kind needs: ``truth``
        and ``tolerance`` for numbers, ``options`` (id and label) for
        choices, ``criteria`` and ``advice`` for the rubric, and so on.

    Raises
    ------
    {unknown_question}

    Examples
    --------
    >>> spec = page_check("tipping.granovetter_full")
    >>> spec["truth"], spec["tolerance_text"]
    (1.0, 'accepted within ±0.001')
    >>> [rule["id"] for rule in spec["wrong"]]
    ['count_not_share', 'last_person_left_out']
    """
    entry, key = _entry(question_id), answer_key(question_id)
    kind = key["kind"]
    spec: dict[str, Any] = {
        "id": question_id,
        "kind": kind,
        "prompt": key["prompt"],
        "expected": _expected(entry),
        "explain": key["explain"],
        "hint": key["hint"],
        "label": _UNGRADED.get(kind, "✓ Right:"),
        "wrong": key["wrong"],
    }
    if kind in ("number", "integer", "calendar_month"):
        spec["truth"] = key["expected"]
    if kind in ("number", "scored_forecast"):
        spec["tolerance"] = key["tolerance"]
        spec["tolerance_text"] = _tolerance_text(key["tolerance"])
    if kind in ("choice", "choices"):
        labels = _option_labels()
        spec["options"] = [
            {"id": option, "label": labels.get(option, option)}
            for option in key["options"]
        ]
        truth = key["expected"]
        spec["truths"] = [truth] if isinstance(truth, str) else list(truth)
        spec["acceptable"] = key["acceptable"]
    if kind == "text":
        spec["min_words"] = int(entry["min_words"])
        spec["rubric"] = list(entry.get("rubric", ()))
    if kind == "rubric_scores":
        spec["criteria"] = list(entry["criteria"])
        spec["advice"] = {key: text.strip() for key, text in entry["advice"].items()}
    if kind == "forecast":
        spec["latest"] = str(entry["latest"])
    if kind == "scored_forecast":
        spec["outcome"] = int(entry["outcome"])
    return spec


def page_rules() -> dict[str, Any]:
    """Return what every page's checker shares: wording, patterns, limits.

    Returns
    -------
    dict
        JSON-ready: ``templates`` (every message's words), the regular
        expressions that read text (``number``, ``fraction``, ``comma``,
        ``month``, ``date``; written so that JavaScript reads them alike),
        ``word`` (a word of a written answer, in JavaScript's syntax),
        ``whitespace`` (stripped from both ends), ``shown`` (longest number
        echoed whole), ``max_text``, and the start of the loyalty model's
        months (``start``, ``start_day``, ``start_month``).

    Examples
    --------
    >>> rules = page_rules()
    >>> rules["start"], rules["max_text"]
    ('2022-02-24', 20000)
    """
    return {
        "templates": {
            name: words for name, words in TEMPLATES.items() if name not in NOT_IN_PAGE
        },
        "number": answers.NUMBER_TEXT.pattern,
        "fraction": answers.FRACTION_TEXT.pattern,
        "comma": answers.COMMA_TEXT.pattern,
        "month": answers.MONTH_TEXT.pattern,
        "date": answers.DATE_TEXT.pattern,
        "word": answers.WORD_JS,
        "whitespace": answers.WHITESPACE,
        "shown": answers.SHOWN,
        "max_text": plain.MAX_TEXT,
        "start": START.isoformat(),
        "start_day": f"{START:%d %B %Y}",
        "start_month": f"{START:%B %Y}",
    }


@question_id_docs
def entered_answer(question_id: str, entered: Any) -> Any:
    """Turn an entry from the page (as a record stores it) into an answer.

    Parameters
    ----------
    {question_id}
    entered : str, list of str or dict of str to str
        What the page's form holds: text; the ids of the options chosen; or,
        for the forecast form ``{"probability", "date"}``, for the rubric one
        score per criterion, for the scored forecast
        ``{"probability", "brier_score"}``.

    Returns
    -------
    object
        The answer as a notebook would pass it to
        :func:`palace_coup.feedback.check`.

    Raises
    ------
    {unknown_question}

    Examples
    --------
    >>> entered_answer("forecast.own", {"probability": "0.2", "date": "2022-03-01"})
    {'made_on': '2022-03-01', 'probability': '0.2'}
    >>> entered_answer("weigh.which_rule", ["b"])
    'b'
    """
    kind = _entry(question_id)["kind"]
    if kind == "choice" and isinstance(entered, list):
        return entered[0] if entered else ""
    if kind == "choices" and isinstance(entered, list):
        return set(entered)
    if kind == "forecast" and isinstance(entered, dict):
        return {
            "made_on": entered.get("date", ""),
            "probability": entered.get("probability", ""),
        }
    if kind == "scored_forecast" and isinstance(entered, dict):
        return (entered.get("probability", ""), entered.get("brier_score", ""))
    return entered


def check_entered(question_id: str, entered: Any) -> Feedback:
    """Check an entry from the page, exactly as the page's checker does.

    Parameters
    ----------
    question_id, entered
        As :func:`entered_answer`: a question id and what the page's form
        holds.

    Returns
    -------
    Feedback
        What :func:`palace_coup.feedback.check` says of it.

    Raises
    ------
    ValueError
        As :func:`entered_answer`.

    Examples
    --------
    >>> print(check_entered("weigh.gate", "0,25").message)  # doctest: +ELLIPSIS
    use a decimal point, not a comma: write 0.25, not 0,25. Expected ...
    """
    return check(question_id, entered_answer(question_id, entered))
