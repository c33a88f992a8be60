import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palace_coup import cascade


def naive_equilibrium(thresholds, initial=0.0):
    """Reference: iterate share <- max(initial, F(share)) one round at a time."""
    n = len(thresholds)
    share = initial
    while True:
        met = sum(1 for t in thresholds if t <= share + cascade.TOLERANCE)
        following = max(initial, met / n)
        if following == share:
            return share
        share = following


def riot(n=100):
    return [k / n for k in range(n)]


# ---- the known cases, exactly ---------------------------------------------


@pytest.mark.parametrize(
    "make",
    [
        lambda: [k / 100 for k in range(100)],
        lambda: [0.01 * k for k in range(100)],
        lambda: np.arange(100) / 100,
        lambda: np.arange(100) * 0.01,
        lambda: np.linspace(0, 0.99, 100),
        lambda: list(np.linspace(0, 0.99, 100)[::-1]),
    ],
)
def test_granovetter_riot_everyone(make):
    assert cascade.equilibrium(make()) == 1.0


@pytest.mark.parametrize(
    "make",
    [
        lambda: [k / 100 for k in range(100)],
        lambda: [0.01 * k for k in range(100)],
        lambda: np.linspace(0, 0.99, 100),
    ],
)
def test_granovetter_riot_stops_at_one(make):
    thresholds = list(make())
    thresholds[1] = 0.02
    assert cascade.equilibrium(thresholds) == 0.01


def test_no_instigator_no_riot():
    assert cascade.equilibrium([k / 100 for k in range(1, 101)]) == 0.0


def test_initial_share_starts_cascade():
    thresholds = riot()
    thresholds[1] = 0.02
    assert cascade.equilibrium(thresholds, initial=0.02) == 1.0
    assert cascade.equilibrium([0.9] * 10, initial=0.35) == 0.35
    assert cascade.equilibrium([0.3] * 10, initial=0.3) == 1.0
    assert cascade.equilibrium([0.5, 0.5, 0.9], initial=0.5) == 2 / 3


def test_everyone_at_zero_and_at_one():
    assert cascade.equilibrium([0.0] * 5) == 1.0
    assert cascade.equilibrium([1.0] * 5) == 0.0
    assert cascade.equilibrium([1.0] * 5, initial=1.0) == 1.0


def test_accepts_series_and_does_not_mutate():
    values = np.array([0.3, 0.0, 0.2])
    copy = values.copy()
    assert cascade.equilibrium(pd.Series(values)) == 1.0
    cascade.equilibrium(values)
    assert np.array_equal(values, copy)


def test_million_thresholds():
    # How fast is make bench's job (equilibrium_1e6_s); here only the answers.
    riot = np.arange(1_000_000) / 1_000_000
    assert cascade.equilibrium(riot) == 1.0
    riot[1] = 2 / 1_000_000
    assert cascade.equilibrium(riot) == 1 / 1_000_000
    assert cascade.equilibrium(riot, initial=0.5) == 1.0


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"thresholds": []}, ValueError, "thresholds must not be empty"),
        (
            {"thresholds": [0.1, 1.5]},
            ValueError,
            r"thresholds\[1\] must be a number in \[0, 1\], got 1.5",
        ),
        ({"thresholds": [np.nan]}, ValueError, r"thresholds\[0\] must be .* got nan"),
        (
            {"thresholds": [-0.1]},
            ValueError,
            r"thresholds\[0\] must be a number in \[0, 1\]",
        ),
        ({"thresholds": "0.1"}, TypeError, "thresholds must be a sequence of numbers"),
        (
            {"thresholds": [0.1, "a"]},
            TypeError,
            r"thresholds\[1\] must be a number, got str",
        ),
        (
            {"thresholds": [True]},
            TypeError,
            "thresholds must hold numbers, got booleans",
        ),
        (
            {"thresholds": [0.1], "initial": 1.2},
            ValueError,
            r"initial must be a number in \[0, 1\], got 1.2",
        ),
        ({"thresholds": [0.1], "initial": "0"}, TypeError, "initial must be a number"),
    ],
)
def test_equilibrium_validation(kwargs, error, match):
    with pytest.raises(error, match=match):
        cascade.equilibrium(**kwargs)


# ---- diagram, equilibria, path ---------------------------------------------


def test_diagram():
    table = cascade.diagram(riot(), points=101)
    assert list(table.columns) == ["share", "cdf", "next_share"]
    assert len(table) == 101
    assert table["share"].iloc[7] == 0.07
    # Every share k/100 has exactly k + 1 thresholds met (k < 100).
    assert np.allclose(table["cdf"].iloc[:100], (np.arange(100) + 1) / 100)
    assert table["cdf"].iloc[-1] == 1.0
    with_initial = cascade.diagram([0.9, 0.9], initial=0.4, points=3)
    assert with_initial["next_share"].tolist() == [0.4, 0.4, 1.0]
    with pytest.raises(ValueError, match="points must be an integer from 2 to 100001"):
        cascade.diagram(riot(), points=1)


def test_equilibria():
    assert cascade.equilibria(riot()) == [1.0]
    stalled = riot()
    stalled[1] = 0.02
    assert cascade.equilibria(stalled)[0] == 0.01
    assert cascade.equilibria([0.5, 0.5]) == [0.0, 1.0]


def test_path():
    stalled = riot()
    stalled[1] = 0.02
    assert cascade.path(stalled)["share"].tolist() == [0.0, 0.01]
    steps = cascade.path(riot())
    assert steps["share"].iloc[-1] == 1.0
    assert len(steps) == 101
    assert list(steps.columns) == ["round", "share"]


# ---- thresholds -------------------------------------------------------------


def test_thresholds_reproducible_and_in_range():
    for name in cascade.DISTRIBUTIONS:
        a = cascade.thresholds(name, n=500, seed=7)
        b = cascade.thresholds(name, n=500, seed=7)
        assert np.array_equal(a, b)
        assert a.shape == (500,)
        assert ((a >= 0) & (a <= 1)).all()
    assert not np.array_equal(
        cascade.thresholds(n=50, seed=1), cascade.thresholds(n=50, seed=2)
    )


def test_thresholds_parameters_used():
    low = cascade.thresholds("normal", n=2000, mean=0.2, sd=0.05)
    assert abs(low.mean() - 0.2) < 0.01
    assert np.all(cascade.thresholds("normal", n=10, mean=0.4, sd=0) == 0.4)
    uniform = cascade.thresholds("uniform", n=1000, low=0.2, high=0.3)
    assert uniform.min() >= 0.2 and uniform.max() <= 0.3
    beta = cascade.thresholds("beta", n=4000, a=2, b=2)
    assert abs(beta.mean() - 0.5) < 0.02


def test_thresholds_quantile_method():
    values = cascade.thresholds("normal", n=5, method="quantile", mean=0.5, sd=0.1)
    assert values[2] == pytest.approx(0.5)
    assert np.all(np.diff(values) > 0)
    assert (
        cascade.thresholds("normal", n=3, method="quantile", sd=0).tolist()
        == [0.25] * 3
    )
    with pytest.raises(ValueError, match="method='quantile' is available for"):
        cascade.thresholds("beta", method="quantile")


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"distribution": "cauchy"},
            ValueError,
            "distribution must be one of 'normal', 'uniform', 'beta'; got 'cauchy'",
        ),
        ({"n": 0}, ValueError, "n must be an integer from 1 to 1000000, got 0"),
        (
            {"n": 10**9},
            ValueError,
            "n must be an integer from 1 to 1000000, got 1000000000",
        ),
        ({"n": 10.0}, TypeError, "n must be an integer"),
        ({"seed": -1}, ValueError, "seed must be an integer >= 0"),
        ({"method": "sobol"}, ValueError, "method must be one of 'random', 'quantile'"),
        (
            {"shape": 2},
            ValueError,
            "params has an unknown key 'shape'; allowed keys: 'mean', 'sd'",
        ),
        ({"sd": -0.1}, ValueError, r"sd must be a number in \[0, 1\], got -0.1"),
        ({"mean": "x"}, TypeError, r"params\['mean'\] must be a finite number"),
        (
            {"distribution": "beta", "a": 0},
            ValueError,
            r"a must be a number > 0, got 0",
        ),
        (
            {"distribution": "uniform", "low": 0.6, "high": 0.4},
            ValueError,
            "low must be <= high",
        ),
    ],
)
def test_thresholds_validation(kwargs, error, match):
    with pytest.raises(error, match=match):
        cascade.thresholds(**kwargs)


# ---- properties ------------------------------------------------------------

grid = st.integers(0, 20).map(lambda k: k / 20)
threshold_lists = st.lists(
    st.one_of(st.floats(0, 1, allow_nan=False), grid), min_size=1, max_size=60
)


@settings(max_examples=300, deadline=None)
@given(threshold_lists, st.one_of(st.floats(0, 1), grid))
def test_equilibrium_matches_naive_loop(thresholds, initial):
    assert cascade.equilibrium(thresholds, initial) == naive_equilibrium(
        thresholds, initial
    )


@settings(max_examples=200, deadline=None)
@given(threshold_lists, st.floats(0, 1), st.floats(0, 1))
def test_equilibrium_in_range_and_monotone_in_initial(thresholds, a, b):
    low, high = sorted((a, b))
    e_low = cascade.equilibrium(thresholds, low)
    e_high = cascade.equilibrium(thresholds, high)
    assert low <= e_low <= 1.0
    assert high <= e_high <= 1.0
    assert e_low <= e_high


@settings(max_examples=150, deadline=None)
@given(threshold_lists)
def test_equilibrium_from_zero_is_smallest_rest_point(thresholds):
    rest = cascade.equilibria(thresholds)
    assert cascade.equilibrium(thresholds) == rest[0]
    for share in rest:
        assert cascade.equilibrium(thresholds, share) == share


@settings(max_examples=100, deadline=None)
@given(threshold_lists, st.floats(0, 1))
def test_path_ends_at_equilibrium(thresholds, initial):
    steps = cascade.path(thresholds, initial)["share"]
    assert steps.iloc[-1] == cascade.equilibrium(thresholds, initial)
    assert steps.is_monotonic_increasing
