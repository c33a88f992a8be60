"""Reading answers: a number, one option, a set of options, a month, a date.

Each reader takes a plain answer (see :mod:`palace_coup.feedback.plain`) and
returns it as the expected kind, or raises :class:`_Unreadable` with a
message saying why it cannot be read. Text is read as what it means: ``"0.25"``,
``"1/4"`` and ``"\u22120.25"`` (with a unicode minus) are numbers, ``"0,25"`` is told to
use a decimal point and ``"25%"`` to drop the percent sign, so a number typed
into a box in the published book reads exactly as in a notebook. The in-page
checker (``book/_ext/static/palace-coup-checks.js``) repeats these rules for
text; ``tests/test_exercise_pages.py`` proves that both agree.
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import math
import re
import sys
from typing import Any

from palace_coup.feedback.plain import _describe, _Other, _Unreadable
from palace_coup.feedback.truth import _resolve
from palace_coup.feedback.wording import say

WHITESPACE = " \t\n\r\f\v\u00a0\u2009\u202f"
"""The characters stripped from both ends of a text answer (here and in the page)."""

_NUMBER = r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
NUMBER_TEXT = re.compile(_NUMBER)
"""A number as text: digits, an optional point, an optional exponent."""
FRACTION_TEXT = re.compile(f"({_NUMBER}) */ *({_NUMBER})")
"""A fraction as text, such as ``1/3``."""
COMMA_TEXT = re.compile(r"[+-]?[0-9]+,[0-9]+")
"""A number written with a decimal comma, such as ``0,317``."""
MONTH_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})(?:-([0-9]{2}))?")
"""A month ``YYYY-MM`` (a day ``YYYY-MM-DD`` is read as its month)."""
DATE_TEXT = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
"""A date ``YYYY-MM-DD``."""
SHOWN = 30
"""Longest number text echoed whole in a message (longer is cut to 27 + ...)."""


def _strip(text: str) -> str:
    return text.strip(WHITESPACE)


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
        _strip(answer) if isinstance(answer, str) else answer
    ):
        return say("blank", expected=expected)
    return None


def _shown(text: str) -> str:
    return text if len(text) <= SHOWN else text[: SHOWN - 3] + "..."


def _finite(value: float, shown: str) -> tuple[float, str]:
    if math.isnan(value):
        raise _Unreadable(say("nan"))
    if math.isinf(value):
        raise _Unreadable(say("infinite"))
    return value, shown


_LARGEST = int(sys.float_info.max)


def _digits(whole: int) -> int:
    """Decimal digits of an integer, about, without ``str`` (which refuses > 4300)."""
    return int(abs(whole).bit_length() * math.log10(2)) + 1


def _too_large(digits: int) -> _Unreadable:
    return _Unreadable(
        f"your answer, a number of about {digits} digits, is too large to read."
    )


def _text_number(answer: str) -> tuple[float, str]:
    """Read a number written as text: the rules the in-page checker repeats."""
    text = _strip(answer).replace("\u2212", "-")
    if not text:  # a box of a pair or of a forecast left empty
        raise _Unreadable(say("empty_value"))
    if text.endswith("%"):
        raise _Unreadable(say("percent_text"))
    if NUMBER_TEXT.fullmatch(text):
        return _finite(float(text), _shown(text))
    if COMMA_TEXT.fullmatch(text):
        fixed = _shown(text.replace(",", "."))
        raise _Unreadable(say("comma_text", fixed=fixed, text=_shown(text)))
    parts = FRACTION_TEXT.fullmatch(text)
    if parts:
        numerator, denominator = float(parts[1]), float(parts[2])
        if denominator == 0:
            raise _Unreadable(say("zero_below"))
        return _finite(numerator / denominator, _shown(text))
    raise _Unreadable(say("not_a_number_text"))


def _decimal_comma(answer: Any) -> bool:
    """Tell whether ``answer`` is what Python makes of ``0,317``: ``(0, 317)``."""
    return (
        isinstance(answer, tuple)
        and len(answer) == 2
        and all(type(part) is int for part in answer)
        and answer[1] >= 0
        and answer[1].bit_length() < 64
    )


def _number(answer: Any) -> tuple[float, str]:
    """Read one finite number and how to show it, or raise :class:`_Unreadable`."""
    if isinstance(answer, bool):
        raise _Unreadable(f"`{answer}` is a truth value, not a number.")
    if isinstance(answer, str):
        return _text_number(answer)
    if isinstance(answer, int):
        if abs(answer) > _LARGEST:
            raise _too_large(_digits(answer))
        shown = str(answer) if abs(answer) < 10**16 else format(float(answer), "g")
        return float(answer), shown
    if isinstance(answer, float):
        return _finite(answer, format(answer, "g"))
    if isinstance(answer, decimal.Decimal):
        if answer.is_nan():
            return _finite(math.nan, "")
        return _finite(float(answer), format(float(answer), "g"))
    if isinstance(answer, fractions.Fraction):
        if abs(answer) > _LARGEST:
            raise _too_large(_digits(answer.numerator // answer.denominator))
        return _finite(float(answer), format(float(answer), "g"))
    if _decimal_comma(answer):
        whole, part = answer
        raise _Unreadable(
            f"Python read `{whole},{part}` as two numbers, ({whole}, {part}): "
            f"use a decimal point, not a comma ({whole}.{part})."
        )
    if isinstance(answer, list | tuple):
        values = _flatten(answer)
        if len(values) != 1:
            raise _Unreadable(
                f"you gave {len(values)} values; the answer is a single number "
                "(pick one value out, e.g. with `.iloc[0]` or `[0]`)."
            )
        return _number(values[0])
    if isinstance(answer, _Other):
        raise _Unreadable(f"your answer is {_describe(answer)}, not a number.")
    raise _Unreadable(
        f"your answer is {_describe(answer)}, of type {type(answer).__name__}, "
        "not a number."
    )


def _flatten(values: list | tuple) -> list[Any]:
    flat: list[Any] = []
    for value in values:
        flat.extend(_flatten(value) if isinstance(value, list) else [value])
    return flat


WORD = re.compile(r"[\w'\u2019-]+")
"""A word of a written answer: letters, digits, ``_``, apostrophes, hyphens."""
WORD_JS = r"[\p{L}\p{N}_'\u2019-]+"
"""The same word in JavaScript's syntax (whose word class knows no accents)."""


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _options(entry: dict[str, Any]) -> list[str]:
    return [str(option) for option in _resolve(entry["options"])]


def _normalise_choice(text: str) -> str:
    return _strip(text).strip("().").strip(WHITESPACE).lower()


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
            f"{_describe(answer)} is not one of the options: "
            + ", ".join(repr(option) for option in options)
            + "."
        )
    return lookup[key]


def _choices(answer: Any, options: list[str]) -> set[str]:
    """Read a set of options, or raise :class:`_Unreadable` saying why."""
    if isinstance(answer, str):
        answer = [answer]
    if not isinstance(answer, list | tuple | set | frozenset):
        raise _Unreadable(
            f"your answer is {_describe(answer)}, of type {type(answer).__name__}; "
            "write a set of strings in quotes."
        )
    return {_choice(item, options) for item in answer}


def _month(answer: Any) -> tuple[int, int]:
    """Read a calendar month as (year, month) from 'YYYY-MM' or a date."""
    if isinstance(answer, dt.date):
        return answer.year, answer.month
    parts = MONTH_TEXT.fullmatch(_strip(answer)) if isinstance(answer, str) else None
    if not parts:
        raise _Unreadable(say("not_a_month"))
    year, month = int(parts[1]), int(parts[2])
    if not 1 <= month <= 12:
        raise _Unreadable(say("month_range", month=parts[2]))
    if parts[3] is not None:
        _calendar_date(parts[0], year, month, int(parts[3]))
    return year, month


def _calendar_date(text: str, year: int, month: int, day: int) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise _Unreadable(say("not_in_calendar", text=text)) from None


def _date(answer: Any, name: str) -> dt.date:
    """Read a date from 'YYYY-MM-DD' or a date (a datetime, a Timestamp)."""
    if isinstance(answer, dt.date):
        return answer
    parts = DATE_TEXT.fullmatch(_strip(answer)) if isinstance(answer, str) else None
    if not parts:
        raise _Unreadable(say("not_a_date", name=name))
    year, month, day = (int(part) for part in parts.groups())
    return _calendar_date(parts[0], year, month, day)
