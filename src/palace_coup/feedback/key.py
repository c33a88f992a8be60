"""The answer key of a question: what its check compares an answer with.

:func:`answer_key` resolves a question of the bank against the model (the
expected answer, the options, the value of each targeted wrong answer), so
that a tool outside the kernel, such as the LMS export
(:mod:`palace_coup.lms`), can check answers the way :func:`check` does.
"""

from __future__ import annotations

from typing import Any

from palace_coup.feedback.answers import _options
from palace_coup.feedback.bank import _entry, question_id_docs
from palace_coup.feedback.truth import _resolve

_DEFAULT_TOLERANCE = {"number": 0.005, "scored_forecast": 0.0005}
"""The tolerance a kind's check uses when the bank gives none."""


@question_id_docs
def answer_key(question_id: str) -> dict[str, Any]:
    """Return a question's answer key, computed from the model.

    Parameters
    ----------
    {question_id}

    Returns
    -------
    dict
        ``id``, ``exercise``, ``level``, ``kind``, ``prompt``, ``hint`` and
        ``explain`` (text, stripped); ``expected`` (the right answer: a
        number, an option id or a list of option ids; ``None`` for ungraded
        kinds), ``tolerance`` (float), ``options`` (option ids, or ``[]``),
        ``acceptable`` (options also accepted in a set) and ``wrong``: the
        targeted wrong-answer rules in the bank's order, each a dict with its
        ``message`` and its test (``value`` resolved to a number or an
        option id, ``percent``, ``above``, ``offset``, ``extra``, ...).

    Raises
    ------
    {unknown_question}

    Examples
    --------
    >>> key = answer_key("tipping.granovetter_full")
    >>> key["kind"], key["expected"], key["tolerance"]
    ('number', 1.0, 0.001)
    >>> key["wrong"][0]["above"], key["wrong"][0]["message"][:27]
    (1, 'That looks like a count of ')
    """
    entry = _entry(question_id)
    kind = entry["kind"]
    wrong = []
    for rule in entry.get("wrong", []):
        resolved = {**rule, "message": rule["message"].strip()}
        if "value" in rule and kind != "scored_forecast":
            resolved["value"] = _resolve(rule["value"])
        wrong.append(resolved)
    return {
        "id": question_id,
        "exercise": entry["exercise"],
        "level": entry["level"],
        "kind": kind,
        "prompt": entry["prompt"].strip(),
        "hint": entry["hint"].strip(),
        "explain": entry.get("explain", "").strip(),
        "expected": _resolve(entry["expected"]) if "expected" in entry else None,
        "tolerance": float(entry.get("tolerance", _DEFAULT_TOLERANCE.get(kind, 0.0))),
        "options": _options(entry) if "options" in entry else [],
        "acceptable": [str(option) for option in entry.get("acceptable", [])],
        "wrong": wrong,
    }
