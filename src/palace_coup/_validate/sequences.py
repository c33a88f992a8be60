"""Validators of sequences of numbers: thresholds, forecasts, outcomes.

Part of :mod:`palace_coup._validate`. A sequence must be ordered, flat and of
bounded size: sets and dict views (arbitrary order, repeated values dropped),
DataFrames (two dimensions) and masked arrays with masked values are refused,
and an endless generator is read no further than :data:`MAX_VALUES` + 1.
"""

from __future__ import annotations

import itertools
from collections.abc import (
    ItemsView,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
    ValuesView,
)
from collections.abc import Set as AbstractSet
from typing import Any

import numpy as np
import pandas as pd

from palace_coup._validate.scalars import as_float, describe, interval, is_number

__all__ = ["MAX_VALUES", "number_array", "outcome_array"]

MAX_VALUES: int = 1_000_000
"""The most values :func:`number_array` and :func:`outcome_array` accept."""


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
    array, source = _as_array(values, name)
    if array.dtype.kind not in "iuf":
        _raise_first_bad_type(source, array, name, allow_bool=False)
    array = array.astype(np.float64, copy=True) + 0.0  # -0.0 becomes 0.0
    finite = np.isfinite(array)
    bad = ~finite
    if low is not None:
        bad |= finite & (array < low)
    if high is not None:
        bad |= finite & (array > high)
    if bad.any():
        i = int(np.argmax(bad))
        allowed = interval(low, high, False)
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
    array, source = _as_array(values, name)
    if array.dtype.kind not in "biuf":
        _raise_first_bad_type(source, array, name, allow_bool=True)
    array = array.astype(np.float64, copy=True)
    bad = ~((array == 0.0) | (array == 1.0))
    if bad.any():
        i = int(np.argmax(bad))
        raise ValueError(
            f"{name}[{i}] must be 0 or 1 (or False/True), got {float(array[i])}"
        )
    return array


def _as_array(values: Any, name: str) -> tuple[np.ndarray, Any]:
    """Turn ``values`` into a non-empty 1-D array, or raise a friendly error.

    Returns the array and the values it was made from (a generator read into
    a list), for :func:`_raise_first_bad_type`.
    """
    if isinstance(values, str | bytes | Mapping) or not isinstance(
        values, Iterable | np.ndarray
    ):
        raise TypeError(
            f"{name} must be a sequence of numbers (list, tuple or array), "
            f"got {type(values).__name__}"
        )
    if isinstance(values, AbstractSet | ValuesView | ItemsView):
        raise TypeError(
            f"{name} must be an ordered sequence (list, tuple or array), got "
            f"{type(values).__name__}, whose order is arbitrary: pair values in "
            "a list instead"
        )
    if isinstance(values, pd.DataFrame):
        raise ValueError(
            f"{name} must be one-dimensional, got a DataFrame of shape "
            f"{values.shape}: pass one column, e.g. table['{name}']"
        )
    if isinstance(values, np.ma.MaskedArray):
        masked = int(np.ma.count_masked(values))
        if masked:
            raise ValueError(
                f"{name} is a masked array with {masked} masked value(s): drop "
                "them first (values.compressed()) or fill them (values.filled(x))"
            )
        values = values.data
    if isinstance(values, Iterator):  # generators: read at most MAX_VALUES + 1
        values = list(itertools.islice(values, MAX_VALUES + 1))
    elif not isinstance(values, np.ndarray | Sequence) and not hasattr(values, "dtype"):
        raise TypeError(
            f"{name} must be a sequence of numbers (list, tuple or array), "
            f"got {type(values).__name__}"
        )
    if len(values) > MAX_VALUES:
        raise ValueError(f"{name} must hold at most {MAX_VALUES:,} values")
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
    return array, values


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
        ok = is_number(item) or (allow_bool and isinstance(item, bool))
        if not ok:
            kind = type(item).__name__
            raise TypeError(
                f"{name}[{i}] must be a number, got {kind} {describe(item)}"
            )
        if as_float(item) is None:
            raise ValueError(f"{name}[{i}] must be a number, got {describe(item)}")
    if array.dtype.kind not in "biufO":  # e.g. numpy strings or datetimes
        raise TypeError(f"{name} must hold numbers, got dtype {array.dtype}")
    # Otherwise every element is a number and only the dtype was odd: fine.
