"""Numbers in the question bank's texts, filled in from the model.

A question may name values under ``values:`` (literals or
``{compute: <name>, ...}``, as for ``expected``) and quote them in its texts
as ``{name}`` or ``{name:format}`` (Python's format mini-language, e.g.
``{index:.3f}`` or ``{share:.0%}``). :func:`render` fills them in, so a
changed model default changes the feedback that quotes it, and no number the
model computes is typed by hand in ``data/questions.yaml``.
"""

from __future__ import annotations

import re
from typing import Any

from palace_coup.feedback.truth import _resolve

PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(?::([^{}]*))?\}")
"""A placeholder: ``{name}`` or ``{name:format}``; other braces are left alone."""


def _fill(text: str, values: dict[str, Any], question: str) -> str:
    def value(match: re.Match[str]) -> str:
        name, spec = match.group(1), match.group(2) or ""
        if name not in values:
            raise KeyError(f"question {question!r}: no value named {name!r}")
        return format(values[name], spec)

    return PLACEHOLDER.sub(value, text)


def _walk(item: Any, values: dict[str, Any], question: str) -> Any:
    if isinstance(item, str):
        return _fill(item, values, question)
    if isinstance(item, list):
        return [_walk(part, values, question) for part in item]
    if isinstance(item, dict):
        return {key: _walk(part, values, question) for key, part in item.items()}
    return item


def render(entry: dict[str, Any]) -> dict[str, Any]:
    """Return a question entry with the placeholders of its texts filled in.

    Parameters
    ----------
    entry : dict
        One question of the bank, as read from ``data/questions.yaml``.

    Returns
    -------
    dict
        A copy whose ``prompt``, ``hint``, ``explain``, ``rubric``, ``advice``
        and wrong-answer ``message`` texts quote the resolved ``values``.

    Raises
    ------
    KeyError
        If a text names a value that the question does not define.

    Examples
    --------
    >>> entry = {"id": "x", "values": {"g": 0.25}, "hint": "G = {g:.2f}."}
    >>> render(entry)["hint"]
    'G = 0.25.'
    >>> render({"id": "y", "hint": 'Pass {"elite_courage": 1.0}.'})["hint"]
    'Pass {"elite_courage": 1.0}.'
    """
    values = {name: _resolve(spec) for name, spec in entry.get("values", {}).items()}
    rendered = dict(entry)
    for field in ("prompt", "hint", "explain", "rubric", "advice"):
        if field in entry:
            rendered[field] = _walk(entry[field], values, entry["id"])
    if "wrong" in entry:
        rendered["wrong"] = [
            {**rule, "message": _fill(rule["message"], values, entry["id"])}
            for rule in entry["wrong"]
        ]
    return rendered
