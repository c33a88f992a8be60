"""Validators shared by the public functions of the model modules.

Each public function checks its arguments here, once, at the boundary; inner
helpers then trust their inputs. Every error is a ``TypeError`` (wrong kind of
value) or a ``ValueError`` (right kind, wrong value) whose message names the
argument, the key where there is one, the allowed values, and what was given,
for example ``scores['fsb_disloyalty'] must be a number in [0, 1], got 1.5``.
No NumPy or pandas traceback should reach a student.

Booleans are not numbers here: ``True`` passed as a score is almost certainly
a mistake, so it raises ``TypeError``. (Outcomes of forecasts are the
exception: :func:`outcome_array` accepts booleans on purpose.)
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "check_choice",
    "check_int",
    "check_mapping",
    "check_number",
    "number_array",
    "outcome_array",
]


def _show(value: Any) -> str:
    """Return a short, readable description of a bad value for a message."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _interval(low: float | None, high: float | None, low_open: bool) -> str:
    """Describe an allowed range in words a student can read."""
    if low is None and high is None:
        return "a finite number"
    if high is None:
        return f"a number {'>' if low_open else '>='} {low:g}"
    if low is None:
        return f"a number <= {high:g}"
    return f"a number in {'(' if low_open else '['}{low:g}, {high:g}]"


def _is_number(value: Any) -> bool:
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
        If ``value`` is NaN, infinite or outside the interval.

    Examples
    --------
    >>> check_number(0.25, "score", 0, 1)
    0.25
    >>> check_number(1.5, "scores['fsb_disloyalty']", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: scores['fsb_disloyalty'] must be a number in [0, 1], got 1.5
    """
    allowed = _interval(low, high, low_open)
    if high is not None and high_open:
        allowed = allowed[:-1] + ")"
    if not _is_number(value):
        raise TypeError(
            f"{name} must be {allowed}, got {type(value).__name__} {_show(value)}"
        )
    number = float(value)
    if math.isnan(number) or math.isinf(number):
        raise ValueError(f"{name} must be {allowed}, got {number}")
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        raise ValueError(f"{name} must be {allowed}, got {_show(value)}")
    return number


def check_int(value: Any, name: str, low: int | None = None) -> int:
    """Check that ``value`` is an integer (not a bool), at least ``low``.

    Parameters
    ----------
    value : Any
        The value to check.
    name : str
        How the value is named in error messages.
    low : int or None, optional
        Smallest allowed value.

    Returns
    -------
    int
        The value as a Python int.

    Raises
    ------
    TypeError
        If ``value`` is not an integer.
    ValueError
        If ``value`` is below ``low``.

    Examples
    --------
    >>> check_int(24, "months", 0)
    24
    >>> check_int(-1, "months", 0)
    Traceback (most recent call last):
    ...
    ValueError: months must be an integer >= 0, got -1
    """
    if not isinstance(value, numbers.Integral) or isinstance(value, bool | np.bool_):
        raise TypeError(
            f"{name} must be an integer, got {type(value).__name__} {_show(value)}"
        )
    number = int(value)
    if low is not None and number < low:
        raise ValueError(f"{name} must be an integer >= {low}, got {number}")
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
        raise ValueError(f"{name} must be one of {allowed}; got {_show(value)}")
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
                f"{name} has an unknown key {_show(key)}; allowed keys: {keys}"
            )
        checked[key] = check_number(value, f"{name}[{key!r}]", low, high)
    return checked


def number_array(
    values: Any,
    name: str,
    low: float | None = None,
    high: float | None = None,
) -> np.ndarray:
    """Check a one-dimensional, non-empty sequence of finite numbers in range.

    Parameters
    ----------
    values : array_like
        A list, tuple, NumPy array or pandas Series of numbers.
    name : str
        The argument's name, used in messages as ``name[i]``.
    low, high : float or None, optional
        Bounds for every value (``None`` = unbounded).

    Returns
    -------
    numpy.ndarray
        A new one-dimensional float64 array.

    Raises
    ------
    TypeError
        If ``values`` is a string, a mapping or a scalar, or holds non-numbers
        (strings, booleans, None).
    ValueError
        If ``values`` is empty or not one-dimensional, or holds NaN, infinite or
        out-of-range values.

    Examples
    --------
    >>> number_array([0.1, 0.5], "thresholds", 0, 1)
    array([0.1, 0.5])
    >>> number_array([0.1, 2.0], "thresholds", 0, 1)
    Traceback (most recent call last):
    ...
    ValueError: thresholds[1] must be a number in [0, 1], got 2.0
    """
    array = _as_array(values, name)
    if array.dtype.kind not in "iuf":
        _raise_first_bad_type(values, array, name, allow_bool=False)
    array = array.astype(np.float64, copy=True)
    finite = np.isfinite(array)
    bad = ~finite
    if low is not None:
        bad |= finite & (array < low)
    if high is not None:
        bad |= finite & (array > high)
    if bad.any():
        i = int(np.argmax(bad))
        allowed = _interval(low, high, False)
        raise ValueError(f"{name}[{i}] must be {allowed}, got {float(array[i])!r}")
    return array


def outcome_array(values: Any, name: str) -> np.ndarray:
    """Check a one-dimensional, non-empty sequence of outcomes (0/1 or bool).

    Parameters
    ----------
    values : array_like
        Outcomes: ``True``/``False`` or ``1``/``0`` (``1.0``/``0.0`` too).
    name : str
        The argument's name, used in messages as ``name[i]``.

    Returns
    -------
    numpy.ndarray
        A new one-dimensional float64 array of zeros and ones.

    Raises
    ------
    TypeError
        If ``values`` is a string, mapping or scalar, or holds non-numbers.
    ValueError
        If ``values`` is empty or holds anything other than 0 and 1.

    Examples
    --------
    >>> outcome_array([True, False, 1], "outcomes")
    array([1., 0., 1.])
    >>> outcome_array([0, 2], "outcomes")
    Traceback (most recent call last):
    ...
    ValueError: outcomes[1] must be 0 or 1 (or False/True), got 2.0
    """
    array = _as_array(values, name)
    if array.dtype.kind not in "biuf":
        _raise_first_bad_type(values, array, name, allow_bool=True)
    array = array.astype(np.float64, copy=True)
    bad = ~((array == 0.0) | (array == 1.0))
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(
            f"{name}[{i}] must be 0 or 1 (or False/True), got {float(array[i])}"
        )
    return array


def _as_array(values: Any, name: str) -> np.ndarray:
    """Turn ``values`` into a non-empty 1-D array, or raise a friendly error."""
    if isinstance(values, str | bytes | Mapping) or not isinstance(
        values, Iterable | np.ndarray
    ):
        raise TypeError(
            f"{name} must be a sequence of numbers (list, tuple or array), "
            f"got {type(values).__name__}"
        )
    if not isinstance(values, np.ndarray | Sequence) and not hasattr(values, "dtype"):
        values = list(values)  # generators, sets, dict views: materialise once
    try:
        array = np.asarray(values)
    except (ValueError, TypeError) as error:  # ragged nesting, odd objects
        raise TypeError(f"{name} must be a flat sequence of numbers") from error
    if array.ndim != 1:
        raise ValueError(
            f"{name} must be one-dimensional (a flat sequence), "
            f"got {array.ndim} dimensions"
        )
    if array.size == 0:
        raise ValueError(f"{name} must not be empty")
    return array


def _raise_first_bad_type(
    values: Any, array: np.ndarray, name: str, *, allow_bool: bool
) -> None:
    """Raise TypeError naming the first element of the wrong type.

    The original ``values`` are inspected, not the array, because NumPy turns
    ``[1, "yes"]`` into an array of strings.
    """
    if array.dtype.kind == "b" and not allow_bool:
        raise TypeError(f"{name} must hold numbers, got booleans")
    items = values.tolist() if hasattr(values, "tolist") else list(values)
    for i, item in enumerate(items):
        ok = _is_number(item) or (allow_bool and isinstance(item, bool))
        if not ok:
            raise TypeError(
                f"{name}[{i}] must be a number, got {type(item).__name__} {_show(item)}"
            )
    if array.dtype.kind not in "biufO":  # e.g. numpy strings or datetimes
        raise TypeError(f"{name} must hold numbers, got dtype {array.dtype}")
    # Otherwise every element is a number and only the dtype was odd: fine.
