"""Validators of single values and of mappings: numbers, integers, choices.

Part of :mod:`palace_coup._validate`; the helpers :func:`describe`,
:func:`is_number`, :func:`as_float` and :func:`interval` are shared with
:mod:`palace_coup._validate.sequences`.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "as_float",
    "check_choice",
    "check_int",
    "check_mapping",
    "check_number",
    "describe",
    "interval",
    "is_number",
]


def describe(value: Any) -> str:
    """Return a short, readable description of a bad value for a message."""
    if isinstance(value, numbers.Integral) and abs(int(value)).bit_length() > 64:
        digits = int(abs(int(value)).bit_length() * math.log10(2)) + 1
        return f"an integer of about {digits} digits"  # repr may refuse > 4300
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def as_float(value: Any) -> float | None:
    """Convert a real number to float, or ``None`` if it is beyond float range."""
    try:
        return float(value)
    except OverflowError:  # e.g. 10**400 or Fraction(10**400)
        return None


def interval(low: float | None, high: float | None, low_open: bool) -> str:
    """Describe an allowed range in words a student can read."""
    if low is None and high is None:
        return "a finite number"
    if high is None:
        return f"a number {'>' if low_open else '>='} {low:g}"
    if low is None:
        return f"a number <= {high:g}"
    return f"a number in {'(' if low_open else '['}{low:g}, {high:g}]"


def is_number(value: Any) -> bool:
    """Tell whether ``value`` is a real number that is not a bool."""
    return isinstance(value, numbers.Real) and not isinstance(value, bool | np.bool_)


def check_number(
    value: Any,
    name: str,
    low: float | None = None,
    high: float | None = None,
    *,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Check that ``value`` is a finite real number in an interval.

    Parameters
    ----------
    value : Any
        The value to check.
    name : str
        How the value is named in error messages, e.g. ``"scores['elite_courage']"``.
    low, high : float or None, optional
        Bounds of the allowed interval; ``None`` means unbounded.
    low_open, high_open : bool, optional
        Whether the bound itself is excluded.

    Returns
    -------
    float
        The value as a Python float.

    Raises
    ------
    TypeError
        If ``value`` is not a real number (a bool or a string, say).
    ValueError
        If ``value`` is NaN, infinite, outside the interval, or an integer
        beyond the range of a float (``10**400``).

    Examples
    --------
    >>> check_number(0.25, "score", 0, 1)
    0.25
    >>> check_number(10**400, "weight", 0)
    Traceback (most recent call last):
    ...
    ValueError: weight must be a number >= 0, got an integer of about 401 digits
    >>> check_number(1.5, "scores['fsb_disloyalty']", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: scores['fsb_disloyalty'] must be a number in [0, 1], got 1.5
    """
    allowed = interval(low, high, low_open)
    if high is not None and high_open:
        allowed = allowed[:-1] + ")"
    if not is_number(value):
        raise TypeError(
            f"{name} must be {allowed}, got {type(value).__name__} {describe(value)}"
        )
    number = as_float(value)
    if number is None:
        raise ValueError(f"{name} must be {allowed}, got {describe(value)}")
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name} must be {allowed}, got {number}")
    number += 0.0  # -0.0 becomes 0.0
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        raise ValueError(f"{name} must be {allowed}, got {describe(value)}")
    return number


def check_int(
    value: Any, name: str, low: int | None = None, high: int | None = None
) -> int:
    """Check that ``value`` is an integer (not a bool) from ``low`` to ``high``.

    Parameters
    ----------
    value : Any
        The value to check.
    name : str
        How the value is named in error messages.
    low, high : int or None, optional
        Smallest and largest allowed values (``None`` = unbounded). Every
        size argument of the models has a documented ``high``, so that a
        typo such as ``months=10**7`` fails at once instead of filling memory.

    Returns
    -------
    int
        The value as a Python int.

    Raises
    ------
    TypeError
        If ``value`` is not an integer.
    ValueError
        If ``value`` is below ``low`` or above ``high``.

    Examples
    --------
    >>> check_int(24, "months", 0)
    24
    >>> check_int(-1, "months", 0)
    Traceback (most recent call last):
    ...
    ValueError: months must be an integer >= 0, got -1
    >>> check_int(10**7, "months", 0, 1200)
    Traceback (most recent call last):
    ...
    ValueError: months must be an integer from 0 to 1200, got 10000000
    """
    if not isinstance(value, numbers.Integral) or isinstance(value, bool | np.bool_):
        raise TypeError(
            f"{name} must be an integer, got {type(value).__name__} {describe(value)}"
        )
    number = int(value)
    too_low = low is not None and number < low
    if too_low or (high is not None and number > high):
        allowed = (
            f">= {low}"
            if high is None
            else (f"<= {high}" if low is None else f"from {low} to {high}")
        )
        raise ValueError(f"{name} must be an integer {allowed}, got {describe(number)}")
    return number


def check_choice(value: Any, name: str, choices: Sequence[str]) -> str:
    """Check that ``value`` is one of the allowed strings.

    Parameters
    ----------
    value : Any
        The value to check.
    name : str
        How the value is named in error messages.
    choices : sequence of str
        The allowed values.

    Returns
    -------
    str
        The value.

    Raises
    ------
    ValueError
        If ``value`` is not one of ``choices``.

    Examples
    --------
    >>> check_choice("necessary", "rule", ("compensatory", "necessary"))
    'necessary'
    >>> check_choice("weakest", "rule", ("compensatory", "necessary"))
    Traceback (most recent call last):
    ...
    ValueError: rule must be one of 'compensatory', 'necessary'; got 'weakest'
    """
    if not isinstance(value, str) or value not in choices:
        allowed = ", ".join(repr(choice) for choice in choices)
        raise ValueError(f"{name} must be one of {allowed}; got {describe(value)}")
    return value


def check_mapping(
    mapping: Mapping[str, Any] | None,
    name: str,
    allowed: Sequence[str],
    low: float | None = 0.0,
    high: float | None = 1.0,
) -> dict[str, float]:
    """Check a mapping of ids to numbers: known keys, numbers in range.

    Parameters
    ----------
    mapping : Mapping[str, Any], pandas.Series or None
        The mapping to check (a Series is read as index -> value); ``None``
        is read as empty.
    name : str
        The argument's name, used in messages as ``name['key']``.
    allowed : sequence of str
        The keys the mapping may use.
    low, high : float or None, optional
        Bounds for every value (``None`` = unbounded).

    Returns
    -------
    dict[str, float]
        A new dict with the values as floats.

    Raises
    ------
    TypeError
        If ``mapping`` is not a mapping or a value is not a number.
    ValueError
        If a key is unknown or a value is NaN, infinite or out of range.

    Examples
    --------
    >>> check_mapping({"a": 1}, "scores", ["a", "b"])
    {'a': 1.0}
    >>> check_mapping({"c": 0.5}, "scores", ["a", "b"])
    Traceback (most recent call last):
    ...
    ValueError: scores has an unknown key 'c'; allowed keys: 'a', 'b'
    """
    if mapping is None:
        return {}
    if isinstance(mapping, pd.Series):  # e.g. load().set_index("id")["score"]
        mapping = mapping.to_dict()
    if not isinstance(mapping, Mapping):
        raise TypeError(
            f"{name} must be a mapping such as a dict (id -> number), "
            f"got {type(mapping).__name__}"
        )
    checked: dict[str, float] = {}
    for key, value in mapping.items():
        if key not in allowed:
            keys = ", ".join(repr(k) for k in allowed)
            raise ValueError(
                f"{name} has an unknown key {describe(key)}; allowed keys: {keys}"
            )
        checked[key] = check_number(value, f"{name}[{key!r}]", low, high)
    return checked
