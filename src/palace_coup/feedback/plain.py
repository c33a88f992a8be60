"""Turning a student's answer into plain, bounded Python values before reading it.

An answer can be anything a notebook cell can make: a list subclass whose
``__len__`` raises, an endless generator, a 10 MB string, a masked array, a
``Decimal``. :func:`_plain` copies it into built-in values (``None``, bool,
int, float, str, ``Decimal``, ``Fraction``, ``datetime.date``, and lists,
tuples, sets, frozensets and dicts of those) using the built-in types' own
methods, so no method the student's class overrides is ever called, and
within fixed bounds, so nothing can hang or fill the memory. Anything else
becomes an :class:`_Other` that records only its type's name. The checks then
read plain values only, and every way an answer can fail to be read is a
:class:`_Unreadable` with a message for the student.
"""

from __future__ import annotations

import datetime as dt
import decimal
import fractions
import reprlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from palace_coup.feedback.wording import say

MAX_TEXT = 20_000
"""The most characters read from a text answer (the record's limit too)."""

MAX_VALUES = 1_000
"""The most values read from an answer, counted across nested containers."""

MAX_DEPTH = 4
"""The deepest nesting of containers read."""


class _Unreadable(Exception):
    """An answer that cannot be read as the expected kind (message says why)."""


@dataclass(frozen=True)
class _Other:
    """An answer of a type the checks do not read; only its type is kept."""

    type_name: str


class _Budget:
    """How many more values may be read from one answer."""

    def __init__(self) -> None:
        self.left = MAX_VALUES

    def take(self, count: int) -> None:
        self.left -= count
        if self.left < 0:
            raise _Unreadable(
                f"your answer holds more than {MAX_VALUES:,} values; the answer "
                "is one value, or a few options."
            )


def _plain(answer: Any, depth: int = 0, budget: _Budget | None = None) -> Any:
    """Return ``answer`` as plain built-in values, or raise :class:`_Unreadable`."""
    budget = budget or _Budget()
    if answer is None or answer is Ellipsis:
        return answer
    if isinstance(answer, bool | np.bool_):
        return bool(answer)
    for kind, copy in _SCALARS:
        if isinstance(answer, kind):
            return copy(answer)
    if isinstance(answer, np.generic):
        return _plain_numpy_scalar(answer)
    if isinstance(answer, dt.date):  # datetime and pandas.Timestamp too
        if answer is pd.NaT:
            raise _Unreadable("your date is NaT ('not a time'): no date was found.")
        return dt.date(answer.year, answer.month, answer.day)
    if depth >= MAX_DEPTH:
        raise _Unreadable("your answer is nested too deeply to read.")
    if isinstance(answer, np.ndarray | pd.Series | pd.Index | pd.DataFrame):
        return _plain_array(answer, depth, budget)
    for kind, length, items in _CONTAINERS:
        if isinstance(answer, kind):
            budget.take(length(answer))
            values = [_plain(item, depth + 1, budget) for item in items(answer)]
            return _rebuild(kind, values)
    if isinstance(answer, dict):
        budget.take(dict.__len__(answer))
        return {
            _plain(key, depth + 1, budget): _plain(value, depth + 1, budget)
            for key, value in dict.items(answer)
        }
    if isinstance(answer, Iterator):
        raise _Unreadable(
            f"your answer is an iterator ({type(answer).__name__}), which can "
            "be read only once and may never end: make it a list or a set first."
        )
    return _Other(type(answer).__name__)


def _text(answer: str) -> str:
    """Copy a string, refusing one longer than :data:`MAX_TEXT` characters."""
    length = str.__len__(answer)
    if length > MAX_TEXT:
        raise _Unreadable(say("too_long", length=f"{length:,}", limit=f"{MAX_TEXT:,}"))
    return str.__str__(answer)


def _fraction(answer: fractions.Fraction) -> fractions.Fraction:
    return fractions.Fraction(int(answer.numerator), int(answer.denominator))


_SCALARS: tuple[tuple[type, Any], ...] = (
    (int, int.__int__),
    (float, float.__float__),
    (str, _text),
    (decimal.Decimal, decimal.Decimal),
    (fractions.Fraction, _fraction),
    (complex, lambda _: _Other("complex")),
    (bytes | bytearray | memoryview, lambda value: _Other(type(value).__name__)),
)
"""Scalar types read as themselves, each copied by its built-in method."""

_CONTAINERS: tuple[tuple[type, Any, Any], ...] = (
    (list, list.__len__, list.__iter__),
    (tuple, tuple.__len__, tuple.__iter__),
    (set, set.__len__, set.__iter__),
    (frozenset, frozenset.__len__, frozenset.__iter__),
)
"""Containers read item by item: (type, its built-in len, its built-in iter)."""


def _rebuild(kind: type, values: list[Any]) -> Any:
    if kind in (set, frozenset):
        return kind(values)  # plain values are hashable if the originals were
    return tuple(values) if kind is tuple else values


def _plain_numpy_scalar(answer: np.generic) -> Any:
    if isinstance(answer, np.integer):
        return int(answer)
    if isinstance(answer, np.floating):
        return float(answer)
    if isinstance(answer, np.datetime64):
        day = answer.astype("datetime64[D]").item()
        if isinstance(day, dt.date):
            return day
        raise _Unreadable("your date is NaT ('not a time') or out of range.")
    return _Other(type(answer).__name__)


def _plain_array(answer: Any, depth: int, budget: _Budget) -> Any:
    """Read a NumPy array or a pandas object as (nested) lists of values."""
    budget.take(int(answer.size))
    if isinstance(answer, pd.DataFrame):
        values = answer.to_numpy(dtype=object).tolist()
    elif isinstance(answer, np.ndarray) and answer.dtype.kind == "M":
        values = answer.astype("datetime64[us]").tolist()
    else:
        values = answer.tolist()
    if not isinstance(values, list):  # a 0-d array
        return _plain(values, depth + 1, budget)
    return [_plain(value, depth + 1, budget) for value in values]


class _ShortRepr(reprlib.Repr):
    """``repr`` of plain values, short, and safe for integers of any size."""

    def repr_int(self, x: int, level: int) -> str:
        if x.bit_length() > 64:
            return f"<an integer of about {int(x.bit_length() * 0.30103) + 1} digits>"
        return super().repr_int(x, level)


_SHORT = _ShortRepr()
_SHORT.maxstring = _SHORT.maxother = 40
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxset = _SHORT.maxfrozenset = 4


def _describe(value: Any) -> str:
    """Describe a plain value in at most about 50 characters."""
    if isinstance(value, _Other):
        return f"an object of type {value.type_name}"
    text = _SHORT.repr(value)
    return text if len(text) <= 50 else text[:47] + "..."
