r"""Tipping points: Granovetter's threshold model of collective behaviour.

HYPOTHETICAL MODEL, read for elite defection. Each insider has a *threshold*:
the share of the group that must already have defected before they will
(Granovetter 1978). Preferences can be hidden, so a regime that looks solid
can fall quickly once a few move (Kuran 1991), and a coup succeeds when
enough officers believe enough others will join (Singh 2014). Small changes
in the thresholds can turn a lone defector into a cascade, or the reverse.

Assumptions
-----------
* A fixed group of ``n`` people, each with a threshold in [0, 1]; person ``i``
  defects once the share already defected is at least their threshold, and
  never returns. Threshold 0 means defecting unprompted.
* Everyone sees the same current share, and the share updates in rounds:
  :math:`s_{t+1} = \max(s_0, F(s_t))`, where :math:`s_0` is the ``initial``
  share (defectors put in by hand) and :math:`F(s)` is the empirical CDF,
  the fraction of thresholds :math:`\le s`.
* The process stops at the *equilibrium*, the first share that reproduces
  itself.

Floating point: a threshold counts as met when it is at most the share plus
:data:`TOLERANCE` (``1e-9``), so thresholds written ``0.01 * 7``
(``0.07000000000000001``) are met at a share of 7 in 100. Shares of defectors
are computed as ``count / n``.
"""

from __future__ import annotations

import statistics
from typing import Any

import numpy as np
import pandas as pd

from palace_coup import _data
from palace_coup._validate import (
    check_choice,
    check_int,
    check_mapping,
    check_number,
    number_array,
)

__all__ = [
    "DISTRIBUTIONS",
    "MAX_GROUP",
    "MAX_PATH",
    "MAX_POINTS",
    "TOLERANCE",
    "diagram",
    "equilibria",
    "equilibrium",
    "path",
    "thresholds",
]

TOLERANCE: float = 1e-9
"""A threshold ``t`` is met at share ``s`` when ``t <= s + TOLERANCE``."""

MAX_GROUP: int = 1_000_000
"""The largest group :func:`thresholds` draws (a million people)."""

MAX_POINTS: int = 100_001
"""The most shares :func:`diagram` tabulates (steps of 0.00001)."""

MAX_PATH: int = 100_000
"""The largest group :func:`path` follows round by round."""

DISTRIBUTIONS: tuple[str, ...] = ("normal", "uniform", "beta")
"""Named threshold distributions accepted by :func:`thresholds`."""

METHODS: tuple[str, ...] = ("random", "quantile")
"""Ways :func:`thresholds` can draw: seeded random draws or even quantiles."""

DEFAULT_PARAMETERS: dict[str, dict[str, float]] = _data.parameters("cascade")[
    "distributions"
]
"""Default parameters of each distribution (hypothetical; ``parameters.yaml``)."""

# Allowed range of each distribution parameter: (low, high, low_open).
_PARAMETER_RANGES: dict[str, dict[str, tuple[float, float | None, bool]]] = {
    "normal": {"mean": (0.0, 1.0, False), "sd": (0.0, 1.0, False)},
    "uniform": {"low": (0.0, 1.0, False), "high": (0.0, 1.0, False)},
    "beta": {"a": (0.0, None, True), "b": (0.0, None, True)},
}


def _count_met(sorted_thresholds: np.ndarray, share: Any) -> Any:
    """Count thresholds met at ``share`` (array or scalar), with the tolerance."""
    return np.searchsorted(sorted_thresholds, share + TOLERANCE, side="right")


def _sorted_with_initial(thresholds: Any, initial: Any) -> tuple[np.ndarray, float]:
    """Check thresholds and an initial share, both in [0, 1]; sort the thresholds.

    The checks of :func:`equilibrium`, :func:`diagram` and :func:`path`.
    """
    values = number_array(thresholds, "thresholds", 0.0, 1.0)
    return np.sort(values), check_number(initial, "initial", 0.0, 1.0)


def _equilibrium_sorted(sorted_thresholds: np.ndarray, initial: float) -> float:
    """Equilibrium share for sorted, validated thresholds.

    Derivation. Let ``c`` = number of thresholds met at ``initial``. If
    ``c / n <= initial`` nobody beyond the initial defectors moves: the answer
    is ``initial``. Otherwise the share jumps to ``c / n`` and from then on
    follows ``F`` alone; it stops at the least ``k >= c`` with
    ``F(k / n) = k / n``. Because ``n F(k / n) - k`` starts >= 0 at ``k = c``
    and falls by at most one per step, that is the first ``k >= c`` with
    ``n F(k / n) <= k``, i.e. ``k == n`` or ``sorted[k] > k / n`` (0-based):
    the (k+1)-th smallest threshold is not met when ``k`` have defected.
    """
    n = sorted_thresholds.size
    count = int(_count_met(sorted_thresholds, initial))
    if count / n <= initial:
        return initial
    k = np.arange(count, n)
    stops = sorted_thresholds[count:] > k / n + TOLERANCE
    stop = count + int(np.argmax(stops)) if stops.any() else n
    return stop / n


def equilibrium(thresholds: Any, initial: float = 0.0) -> float:
    r"""Return the share of defectors at which the cascade stops.

    Iterates :math:`s_{t+1} = \max(s_0, F(s_t))` from :math:`s_0` =
    ``initial``, with :math:`F(s)` the fraction of thresholds :math:`\le s`
    (plus :data:`TOLERANCE`), to its fixed point, computed in one pass over
    the sorted thresholds (no loop over rounds), so a million thresholds take
    well under a second.

    Parameters
    ----------
    thresholds : array_like of float
        One threshold per person, each a share in [0, 1].
    initial : float, optional
        Share of the group that defects regardless (e.g. plotters already
        committed), in [0, 1]. Default 0.

    Returns
    -------
    float
        The equilibrium share of defectors, in [``initial``, 1]. It is
        ``initial`` itself if no one else is moved, else a multiple of
        ``1 / len(thresholds)``.

    Raises
    ------
    TypeError
        If ``thresholds`` is not a sequence of numbers or ``initial`` is not a
        number.
    ValueError
        If ``thresholds`` is empty or holds values outside [0, 1] or NaN, or
        ``initial`` is outside [0, 1].

    Examples
    --------
    Granovetter's riot: thresholds 0, 1, ..., 99 out of 100 bring everyone out.

    >>> equilibrium([k / 100 for k in range(100)])
    1.0

    Replace the threshold 1 by 2 and the instigator stands alone.

    >>> riot = [k / 100 for k in range(100)]
    >>> riot[1] = 0.02
    >>> equilibrium(riot)
    0.01
    >>> equilibrium([0.5, 0.5, 0.9], initial=0.5)
    0.6666666666666666
    """
    return float(_equilibrium_sorted(*_sorted_with_initial(thresholds, initial)))


def equilibria(thresholds: Any) -> list[float]:
    """Return every share at which a cascade can come to rest.

    These are the fixed points of the threshold CDF, ``F(k / n) = k / n``:
    with exactly ``k`` people out, exactly ``k`` thresholds are met, so nobody
    else moves. On the classic diagram they are where the CDF steps meet the
    45-degree line. Starting from no one, the cascade stops at the smallest.

    Parameters
    ----------
    thresholds : array_like of float
        One threshold per person, each in [0, 1].

    Returns
    -------
    list of float
        The resting shares ``k / n`` in increasing order.

    Raises
    ------
    TypeError
        If ``thresholds`` is not a sequence of numbers.
    ValueError
        If ``thresholds`` is empty or holds values outside [0, 1] or NaN.

    Examples
    --------
    >>> equilibria([0.0, 0.0, 0.9, 0.9])
    [0.5, 1.0]
    >>> equilibria([0.2, 0.6, 0.6, 0.6])
    [0.0, 0.25, 1.0]
    """
    values = np.sort(number_array(thresholds, "thresholds", 0.0, 1.0))
    n = values.size
    k = np.arange(n + 1)
    fixed = _count_met(values, k / n) == k
    return [float(i / n) for i in k[fixed]]


def diagram(thresholds: Any, initial: float = 0.0, points: int = 101) -> pd.DataFrame:
    """Tabulate the classic threshold diagram: the CDF against the 45-degree line.

    Parameters
    ----------
    thresholds : array_like of float
        One threshold per person, each in [0, 1].
    initial : float, optional
        Share who defect regardless, in [0, 1] (default 0); used for
        ``next_share``.
    points : int, optional
        Number of evenly spaced shares from 0 to 1, from 2 to
        :data:`MAX_POINTS` (default 101, i.e. steps of 0.01). Shares are
        computed as ``i / (points - 1)``.

    Returns
    -------
    pandas.DataFrame
        Columns ``share`` (the current share defected), ``cdf`` (the fraction
        of thresholds met at that share, i.e. the share who would be out next
        round) and ``next_share`` (``max(initial, cdf)``, the map the cascade
        iterates). Where ``cdf`` lies above the diagonal the cascade grows.

    Raises
    ------
    TypeError
        If ``thresholds`` is not a sequence of numbers, or ``initial`` or
        ``points`` has the wrong type.
    ValueError
        If ``thresholds`` is empty or out of [0, 1], ``initial`` is out of
        [0, 1], or ``points`` is not from 2 to :data:`MAX_POINTS`.

    Examples
    --------
    >>> table = diagram([0.0, 0.25, 0.5, 0.75], points=5)
    >>> table["cdf"].tolist()
    [0.25, 0.5, 0.75, 1.0, 1.0]
    """
    values, initial = _sorted_with_initial(thresholds, initial)
    points = check_int(points, "points", 2, MAX_POINTS)
    share = np.arange(points) / (points - 1)
    cdf = _count_met(values, share) / values.size
    return pd.DataFrame(
        {"share": share, "cdf": cdf, "next_share": np.maximum(initial, cdf)}
    )


def path(thresholds: Any, initial: float = 0.0) -> pd.DataFrame:
    """List the rounds of the cascade, for a cobweb chart.

    Parameters
    ----------
    thresholds : array_like of float
        One threshold per person, each in [0, 1].
    initial : float, optional
        Share who defect regardless, in [0, 1] (default 0).

    Returns
    -------
    pandas.DataFrame
        Columns ``round`` (0, 1, ...) and ``share``: the share defected at
        each round, from ``initial`` to the equilibrium (which appears once).
        There can be up to ``len(thresholds) + 1`` rounds, so at most
        :data:`MAX_PATH` thresholds are accepted.

    Raises
    ------
    TypeError
        As :func:`equilibrium`.
    ValueError
        As :func:`equilibrium`, or if ``thresholds`` is longer than
        :data:`MAX_PATH`.

    Examples
    --------
    >>> path([0.0, 0.2, 0.5, 0.7])["share"].tolist()
    [0.0, 0.25, 0.5, 0.75, 1.0]
    """
    values, initial = _sorted_with_initial(thresholds, initial)
    n = values.size
    if n > MAX_PATH:
        raise ValueError(
            f"thresholds must hold at most {MAX_PATH:,} values for path(), got "
            f"{n:,}; equilibrium() takes millions"
        )
    shares = [initial]
    while True:
        following = max(initial, int(_count_met(values, shares[-1])) / n)
        if following == shares[-1]:
            break
        shares.append(following)
    return pd.DataFrame({"round": np.arange(len(shares)), "share": shares})


def thresholds(
    distribution: str = "normal",
    n: int = 100,
    seed: int = 0,
    *,
    method: str = "random",
    **params: float,
) -> np.ndarray:
    """Draw a group's thresholds from a named distribution.

    Parameters
    ----------
    distribution : {"normal", "uniform", "beta"}, optional
        ``"normal"`` (``mean``, ``sd``; draws clipped to [0, 1]),
        ``"uniform"`` (``low``, ``high``) or ``"beta"`` (``a``, ``b``).
        Parameters left out take hypothetical defaults from
        ``data/parameters.yaml``: normal mean 0.25, sd 0.12; uniform 0 to 1;
        beta a = 2, b = 5.
    n : int, optional
        Group size, from 1 to :data:`MAX_GROUP` (default 100).
    seed : int, optional
        Seed for :func:`numpy.random.default_rng` (default 0), so the same call
        always gives the same group.
    method : {"random", "quantile"}, optional
        ``"random"`` (default) draws at random with ``seed``. ``"quantile"``
        returns the evenly spaced quantiles at ``(i + 0.5) / n`` instead: no
        randomness, and reproducible in the browser with Vega's
        ``quantileNormal`` / ``quantileUniform`` (``seed`` is then ignored).
        Not available for ``"beta"``.
    **params : float
        Distribution parameters, as above. Normal ``mean`` and ``sd`` and
        uniform ``low`` and ``high`` lie in [0, 1] (``low <= high``); beta
        ``a`` and ``b`` are > 0.

    Returns
    -------
    numpy.ndarray
        ``n`` thresholds in [0, 1].

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the distribution or method is unknown, a parameter is unknown or
        out of range, ``n`` is not from 1 to :data:`MAX_GROUP`, ``seed < 0``,
        or ``method="quantile"`` is asked of the beta distribution.

    Examples
    --------
    >>> group = thresholds("normal", n=5, seed=1, mean=0.3, sd=0.1)
    >>> group.shape, bool(((group >= 0) & (group <= 1)).all())
    ((5,), True)
    >>> thresholds("uniform", n=4, method="quantile").tolist()
    [0.125, 0.375, 0.625, 0.875]
    >>> thresholds("normal", shape=2)
    Traceback (most recent call last):
    ...
    ValueError: params has an unknown key 'shape'; allowed keys: 'mean', 'sd'
    """
    distribution = check_choice(distribution, "distribution", DISTRIBUTIONS)
    n = check_int(n, "n", 1, MAX_GROUP)
    seed = check_int(seed, "seed", 0)
    method = check_choice(method, "method", METHODS)
    ranges = _PARAMETER_RANGES[distribution]
    given = check_mapping(params, "params", tuple(ranges), None, None)
    chosen: dict[str, float] = {}
    for name, (low, high, low_open) in ranges.items():
        value = given.get(name, float(DEFAULT_PARAMETERS[distribution][name]))
        chosen[name] = check_number(value, name, low, high, low_open=low_open)
    if distribution == "uniform" and chosen["low"] > chosen["high"]:
        raise ValueError(
            f"low must be <= high, got low={chosen['low']}, high={chosen['high']}"
        )
    if method == "quantile":
        return _quantiles(distribution, n, chosen)
    rng = np.random.default_rng(seed)
    if distribution == "normal":
        draws = rng.normal(chosen["mean"], chosen["sd"], size=n)
    elif distribution == "uniform":
        draws = rng.uniform(chosen["low"], chosen["high"], size=n)
    else:
        draws = rng.beta(chosen["a"], chosen["b"], size=n)
    return np.clip(draws, 0.0, 1.0)


def _quantiles(distribution: str, n: int, chosen: dict[str, float]) -> np.ndarray:
    """Evenly spaced quantiles ``(i + 0.5) / n`` of a validated distribution."""
    probabilities = (np.arange(n) + 0.5) / n
    if distribution == "uniform":
        low, high = chosen["low"], chosen["high"]
        return low + (high - low) * probabilities
    if distribution == "normal":
        if chosen["sd"] == 0.0:
            return np.full(n, chosen["mean"])
        normal = statistics.NormalDist(chosen["mean"], chosen["sd"])
        values = np.array([normal.inv_cdf(p) for p in probabilities])
        return np.clip(values, 0.0, 1.0)
    raise ValueError(
        "method='quantile' is available for 'normal' and 'uniform' only; "
        f"got distribution={distribution!r}"
    )
