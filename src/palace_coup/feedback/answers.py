"""Reading answers: a number, one option, a set of options, or a blank.

Each reader returns the answer as the expected kind or raises
:class:`_Unreadable` with a message saying why it cannot be read.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from palace_coup.feedback.truth import _resolve


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
