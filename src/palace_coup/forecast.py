"""Scoring probability forecasts: the Brier score and calibration.

For judging forecasts made in March 2022 ("will Putin be out within a year?")
against what happened. A forecast is a probability in [0, 1]; an outcome is
1 (it happened) or 0 (it did not).

Assumptions
-----------
* Each forecast is about one yes/no event, and every event is weighted
  equally.
* The Brier score (Brier 1950) is the mean squared difference between
  forecast and outcome: 0 is perfect, 0.25 is what always saying 50% earns,
  1 is confidently wrong every time. Lower is better.
* Calibration groups forecasts into equal-width probability bins and compares
  each bin's average forecast with how often its events happened: a
  well-calibrated forecaster's 30% events happen about 30% of the time
  (Tetlock and Gardner 2015). With a handful of forecasts the bins are noisy.

:func:`examples` gives the book's one set of example forecasts: real questions
with real, cited outcomes, answered by three HYPOTHETICAL forecasters.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from palace_coup import _data
from palace_coup._validate import check_int, number_array, outcome_array

__all__ = ["MAX_BINS", "brier", "brier_decomposition", "calibration", "examples"]

MAX_BINS: int = 1000
"""The most calibration bins :func:`calibration` accepts."""


def examples() -> pd.DataFrame:
    """Return the book's example forecasts, as if made in early March 2022.

    Eight yes/no questions about Russia after March 2022, each with the date
    by which it resolves, what happened and the source for it, answered by
    three HYPOTHETICAL forecasters. The forecasters and their probabilities
    are invented for teaching: they are not Thornton's, and nobody published
    them. The outcomes are facts, as the book codes them; the Wagner mutiny of
    June 2023 is coded as a mutiny, not a coup attempt (Powell and Thyne
    2011), a judgement the chapter "What happened next" puts to the test.

    The forecasters:

    * ``give_it_time`` takes the article's "just give it time" seriously and
      expects the regime to crack;
    * ``base_rate`` starts from how rarely entrenched rulers fall in any given
      year and expects continuity;
    * ``coin_flip`` says 50% to everything.

    Returns
    -------
    pandas.DataFrame
        One row per question, in the order of the book's table: ``id`` (a
        short name), ``question``, ``resolves_on`` (datetime: the date the
        question is settled), ``outcome`` (1 if it happened, else 0),
        ``source`` (the key in ``book/references.bib`` for the outcome), then
        one column of probabilities per forecaster: ``give_it_time``,
        ``base_rate``, ``coin_flip``. A fresh copy on every call.

    Examples
    --------
    >>> table = examples()
    >>> table.loc[table["id"] == "shoigu_2025", ["outcome", "source"]]
       outcome                source
    5        0  theweek2024reshuffle
    >>> round(brier(table["base_rate"], table["outcome"]), 3)
    0.169
    """
    table = _data.csv("example_forecasts.csv")
    table["resolves_on"] = pd.to_datetime(table["resolves_on"], format="%Y-%m-%d")
    return table


def _pair(forecasts: Any, outcomes: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validate forecasts and outcomes together.

    Two pandas Series are paired by their index labels, not by position: the
    outcomes are put in the forecasts' order, and Series whose labels differ
    are refused (pairing them by position would score each forecast against
    another question's outcome).
    """
    if isinstance(forecasts, pd.Series) and isinstance(outcomes, pd.Series):
        if not forecasts.index.equals(outcomes.index):
            labels_match = (
                forecasts.index.is_unique
                and outcomes.index.is_unique
                and set(forecasts.index) == set(outcomes.index)
            )
            if not labels_match:
                raise ValueError(
                    "forecasts and outcomes are pandas Series with different "
                    "index labels, so they cannot be paired question by "
                    "question: give them the same labels, or pass lists"
                )
            outcomes = outcomes.reindex(forecasts.index)
    f = number_array(forecasts, "forecasts", 0.0, 1.0)
    o = outcome_array(outcomes, "outcomes")
    if f.size != o.size:
        raise ValueError(
            "forecasts and outcomes must have the same length, "
            f"got {f.size} forecasts and {o.size} outcomes"
        )
    return f, o


def _binned(
    forecasts: Any, outcomes: Any, bins: Any
) -> tuple[np.ndarray, np.ndarray, int]:
    """Validate forecasts and outcomes (:func:`_pair`) and a number of bins.

    The checks of :func:`calibration` and :func:`brier_decomposition`.
    """
    f, o = _pair(forecasts, outcomes)
    return f, o, check_int(bins, "bins", 1, MAX_BINS)


def brier(forecasts: Any, outcomes: Any) -> float:
    """Return the Brier score: the mean squared error of probability forecasts.

    Parameters
    ----------
    forecasts : array_like of float
        Probabilities in [0, 1], one per event.
    outcomes : array_like of bool or {0, 1}
        What happened: 1 or True if the event occurred, else 0 or False.

    Returns
    -------
    float
        The Brier score in [0, 1]; lower is better.

    Raises
    ------
    TypeError
        If either argument is not an ordered sequence of numbers (or
        booleans): a set or a dict view, whose order is arbitrary, is refused.
    ValueError
        If either is empty or not one-dimensional, a forecast is outside
        [0, 1] or NaN, an outcome is not 0 or 1, the lengths differ, or both
        are pandas Series whose index labels differ (two Series are paired by
        label).

    Examples
    --------
    >>> brier([1.0, 0.0], [True, False])
    0.0
    >>> brier([0.5, 0.5], [1, 0])
    0.25
    >>> round(brier([0.9, 0.2, 0.7], [1, 0, 0]), 4)
    0.18
    >>> brier([0.5], [1, 0])
    Traceback (most recent call last):
    ...
    ValueError: forecasts and outcomes must have the same length, got 1 forecasts and 2 outcomes
    >>> brier([0.9, 0.1], {1, 0})
    Traceback (most recent call last):
    ...
    TypeError: outcomes must be an ordered sequence (list, tuple or array), got set, whose order is arbitrary: pair values in a list instead
    """  # noqa: E501
    f, o = _pair(forecasts, outcomes)
    return float(np.mean((f - o) ** 2))


def _edges(bins: int) -> np.ndarray:
    """Return the ``bins + 1`` edges ``i / bins``, as the table reports them."""
    return np.arange(bins + 1) / bins


def _bin_index(f: np.ndarray, bins: int) -> np.ndarray:
    """Bin of each forecast by the reported edges; 1.0 goes in the last bin.

    ``floor(f * bins)`` would put 0.29 in bin 28 of 100 (``0.29 * 100`` is
    ``28.999999999999996``) although the table says bin 29 starts at 0.29.
    """
    return np.minimum(np.searchsorted(_edges(bins), f, side="right") - 1, bins - 1)


def calibration(forecasts: Any, outcomes: Any, bins: int = 5) -> pd.DataFrame:
    """Tabulate calibration: forecast probability against observed frequency.

    Parameters
    ----------
    forecasts : array_like of float
        Probabilities in [0, 1].
    outcomes : array_like of bool or {0, 1}
        What happened, one per forecast.
    bins : int, optional
        Number of equal-width bins on [0, 1], from 1 to :data:`MAX_BINS`
        (default 5). Bin ``i`` covers ``[i / bins, (i + 1) / bins)``, with the
        edges exactly as the table reports them; the last also holds 1.

    Returns
    -------
    pandas.DataFrame
        One row per bin, empty bins included: ``bin`` (0-based), ``lower``,
        ``upper``, ``n`` (forecasts in the bin), ``mean_forecast`` and
        ``observed_rate`` (share of those events that happened; both NaN for
        an empty bin).

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        As :func:`brier`, or if ``bins`` is not from 1 to :data:`MAX_BINS`.

    Examples
    --------
    >>> table = calibration([0.1, 0.15, 0.8, 0.9], [0, 1, 1, 1], bins=2)
    >>> table[["bin", "n", "observed_rate"]]
       bin  n  observed_rate
    0    0  2            0.5
    1    1  2            1.0
    >>> calibration([0.29], [0], bins=100).query("n > 0")[["bin", "lower"]]
        bin  lower
    29   29   0.29
    """
    f, o, bins = _binned(forecasts, outcomes, bins)
    which = _bin_index(f, bins)
    n = np.bincount(which, minlength=bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_forecast = np.bincount(which, weights=f, minlength=bins) / n
        observed = np.bincount(which, weights=o, minlength=bins) / n
    edges = _edges(bins)
    return pd.DataFrame(
        {
            "bin": np.arange(bins, dtype=np.int64),
            "lower": edges[:-1],
            "upper": edges[1:],
            "n": n.astype(np.int64),
            "mean_forecast": np.where(n > 0, mean_forecast, np.nan),
            "observed_rate": np.where(n > 0, observed, np.nan),
        }
    )


def brier_decomposition(
    forecasts: Any, outcomes: Any, bins: int = 5
) -> dict[str, float]:
    """Split the Brier score into reliability, resolution and uncertainty.

    Murphy's decomposition over the bins of :func:`calibration`, with ``N``
    forecasts, ``n_k`` in bin ``k``, bin mean forecast ``f_k``, bin observed
    rate ``o_k`` and overall rate ``o``::

        reliability = sum_k n_k (f_k - o_k)**2 / N   (lower is better)
        resolution  = sum_k n_k (o_k - o)**2 / N     (higher is better)
        uncertainty = o (1 - o)                      (fixed by the events)

    ``reliability - resolution + uncertainty`` equals the Brier score exactly
    when all forecasts in a bin are equal, and approximately otherwise (the
    dict's ``"brier"`` is always the exact score).

    Parameters
    ----------
    forecasts, outcomes, bins
        As :func:`calibration`: probabilities in [0, 1], what happened (one per
        forecast) and the number of bins, from 1 to :data:`MAX_BINS` (default
        5).

    Returns
    -------
    dict of str to float
        Keys ``"reliability"``, ``"resolution"``, ``"uncertainty"`` and
        ``"brier"``.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        As :func:`calibration`.

    Examples
    --------
    >>> parts = brier_decomposition([0.2, 0.2, 0.8, 0.8], [0, 0, 1, 0])
    >>> {key: round(value, 4) for key, value in parts.items()}
    {'reliability': 0.065, 'resolution': 0.0625, 'uncertainty': 0.1875, 'brier': 0.19}
    """
    f, o, bins = _binned(forecasts, outcomes, bins)
    table = calibration(f, o, bins).query("n > 0")
    weight = table["n"].to_numpy() / f.size
    rate = float(o.mean())
    reliability = float(
        np.sum(weight * (table["mean_forecast"] - table["observed_rate"]) ** 2)
    )
    resolution = float(np.sum(weight * (table["observed_rate"] - rate) ** 2))
    return {
        "reliability": reliability,
        "resolution": resolution,
        "uncertainty": rate * (1.0 - rate),
        "brier": brier(f, o),
    }
