r"""An index turned into an ILLUSTRATIVE probability, with its assumptions explicit.

HYPOTHETICAL: no data fix this mapping (see :func:`illustrative_probability`).
It is used by :meth:`palace_coup.preconditions.Assessment.probability` and is
importable from :mod:`palace_coup.preconditions` too.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd

from palace_coup import _data
from palace_coup._validate import check_number, number_array

__all__ = [
    "DEFAULT_BASE_RATE",
    "DEFAULT_MIDPOINT",
    "DEFAULT_STEEPNESS",
    "MAX_STEEPNESS",
    "illustrative_probability",
]

_ILLUSTRATIVE = _data.parameters("preconditions")["illustrative_probability"]
DEFAULT_BASE_RATE: float = float(_ILLUSTRATIVE["base_rate"])
"""Hypothetical default base rate of :func:`illustrative_probability` (no source)."""
DEFAULT_STEEPNESS: float = float(_ILLUSTRATIVE["steepness"])
"""Hypothetical default steepness (log-odds per unit of index)."""
DEFAULT_MIDPOINT: float = float(_ILLUSTRATIVE["midpoint"])
"""Index at which the illustrative probability equals the base rate."""
MAX_STEEPNESS: float = 100.0
"""Steepest illustrative curve accepted (beyond it the curve is a step)."""


def illustrative_probability(
    index: Any,
    base_rate: float = DEFAULT_BASE_RATE,
    steepness: float = DEFAULT_STEEPNESS,
    midpoint: float = DEFAULT_MIDPOINT,
) -> Any:
    r"""Turn an index into an ILLUSTRATIVE probability with a logistic curve.

    HYPOTHETICAL: no data fix this mapping. It exists to show how a verbal
    judgement becomes a number, and how much the number depends on two choices
    that must be stated: the base rate and the steepness. The formula is

    .. math::

        p = \frac{1}{1 + \exp(-[\operatorname{logit}(b) + k (x - m)])},
        \qquad \operatorname{logit}(b) = \ln \frac{b}{1 - b},

    with index :math:`x`, base rate :math:`b`, steepness :math:`k` and
    midpoint :math:`m`; :math:`k = 0` ignores the index entirely. When
    :math:`k (x - m) = 0` (at the midpoint, or with :math:`k = 0`) the base
    rate is returned as given, not recomputed, so :math:`p = b` exactly rather
    than to rounding; elsewhere the logistic is evaluated as written. The
    probability rises with the index (to rounding).

    Parameters
    ----------
    index : float or array_like of float
        Index value(s) in [0, 1].
    base_rate : float, optional
        Probability at the midpoint, in (0, 1). The default (0.05, from
        ``data/parameters.yaml``) is a placeholder, not an estimate.
    steepness : float, optional
        Change in log-odds per unit of index, from 0 to
        :data:`MAX_STEEPNESS` (default 6).
    midpoint : float, optional
        Index at which the probability equals the base rate, in [0, 1]
        (default 0.5).

    Returns
    -------
    float or numpy.ndarray
        A float for a scalar index, else an array of the same length.

    Raises
    ------
    TypeError
        If an argument is not a number.
    ValueError
        If ``index`` is outside [0, 1] (or empty), ``base_rate`` is not in
        (0, 1), ``steepness`` is negative or above :data:`MAX_STEEPNESS`,
        ``midpoint`` is outside [0, 1], or any value is NaN or infinite.

    Examples
    --------
    >>> illustrative_probability(0.5, base_rate=0.05, steepness=6)
    0.05
    >>> round(illustrative_probability(1.0, base_rate=0.05, steepness=6), 3)
    0.514
    >>> illustrative_probability([0.0, 0.5], base_rate=0.2, steepness=0).tolist()
    [0.2, 0.2]
    """
    base_rate = check_number(
        base_rate, "base_rate", 0.0, 1.0, low_open=True, high_open=True
    )
    steepness = check_number(steepness, "steepness", 0.0, MAX_STEEPNESS)
    midpoint = check_number(midpoint, "midpoint", 0.0, 1.0)
    log_odds = math.log(base_rate / (1.0 - base_rate))
    if isinstance(index, np.ndarray | list | tuple | pd.Series):
        values = number_array(index, "index", 0.0, 1.0)
        shift = steepness * (values - midpoint)
        # exp of a non-positive number only: no overflow at either end.
        odds = np.exp(-np.abs(log_odds + shift))
        curve = np.where(log_odds + shift >= 0, 1.0 / (1.0 + odds), odds / (1.0 + odds))
        return np.where(shift == 0.0, base_rate, curve)
    value = check_number(index, "index", 0.0, 1.0)
    shift = steepness * (value - midpoint)
    if shift == 0.0:
        return base_rate
    z = log_odds + shift
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    return math.exp(z) / (1.0 + math.exp(z))
