import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palace_coup import forecast

BIB_FILE = Path(__file__).resolve().parents[1] / "book" / "references.bib"
FORECASTERS = ["give_it_time", "base_rate", "coin_flip"]

pairs = st.integers(1, 40).flatmap(
    lambda n: st.tuples(
        st.lists(st.floats(0, 1, allow_nan=False), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


def test_brier_known_values():
    assert forecast.brier([1.0, 0.0], [1, 0]) == 0.0
    assert forecast.brier([0.0, 1.0], [1, 0]) == 1.0
    assert forecast.brier([0.5] * 4, [1, 0, 1, 1]) == 0.25
    assert forecast.brier(np.array([0.9, 0.2, 0.7]), [True, False, False]) == (
        pytest.approx((0.01 + 0.04 + 0.49) / 3)
    )


@pytest.mark.parametrize(
    ("forecasts", "outcomes", "error", "match"),
    [
        ([], [], ValueError, "forecasts must not be empty"),
        ([0.5], [], ValueError, "outcomes must not be empty"),
        ([0.5, 0.5], [1], ValueError, "same length, got 2 forecasts and 1 outcomes"),
        (
            [1.2],
            [1],
            ValueError,
            r"forecasts\[0\] must be a number in \[0, 1\], got 1.2",
        ),
        ([math.nan], [1], ValueError, r"forecasts\[0\] must be .* got nan"),
        (["0.3"], [1], TypeError, r"forecasts\[0\] must be a number, got str"),
        ([0.3], [2], ValueError, r"outcomes\[0\] must be 0 or 1"),
        ([0.3], ["yes"], TypeError, r"outcomes\[0\] must be a number, got str"),
        (0.3, [1], TypeError, "forecasts must be a sequence of numbers"),
        ([0.3], None, TypeError, "outcomes must be a sequence of numbers"),
    ],
)
def test_brier_validation(forecasts, outcomes, error, match):
    with pytest.raises(error, match=match):
        forecast.brier(forecasts, outcomes)


def test_calibration_table():
    table = forecast.calibration([0.05, 0.1, 0.5, 0.55, 1.0], [0, 1, 1, 0, 1], bins=5)
    assert list(table.columns) == [
        "bin",
        "lower",
        "upper",
        "n",
        "mean_forecast",
        "observed_rate",
    ]
    assert table["n"].tolist() == [2, 0, 2, 0, 1]
    assert table["lower"].tolist() == [0.0, 0.2, 0.4, 0.6, 0.8]
    assert table["upper"].tolist() == [0.2, 0.4, 0.6, 0.8, 1.0]
    assert table.loc[0, "mean_forecast"] == pytest.approx(0.075)
    assert table.loc[0, "observed_rate"] == 0.5
    assert np.isnan(table.loc[1, "mean_forecast"])
    assert np.isnan(table.loc[1, "observed_rate"])
    assert table.loc[4, "observed_rate"] == 1.0


def test_calibration_validation():
    with pytest.raises(
        ValueError, match="bins must be an integer from 1 to 1000, got 0"
    ):
        forecast.calibration([0.5], [1], bins=0)
    with pytest.raises(ValueError, match="same length"):
        forecast.calibration([0.5], [1, 0])


# ---- hostile input ------------------------------------------------------------


@pytest.mark.parametrize(
    "unordered",
    [{1, 0}, frozenset({1, 0}), {1: "a", 0: "b"}.keys(), {"a": 1, "b": 0}.values()],
    ids=["set", "frozenset", "dict_keys", "dict_values"],
)
@pytest.mark.parametrize("function", [forecast.brier, forecast.calibration])
def test_unordered_containers_are_refused(function, unordered):
    # brier([0.9, 0.1], {1, 0}) used to pair 0.9 with 0 and 0.1 with 1: 0.81.
    with pytest.raises(TypeError, match="outcomes must be an ordered sequence"):
        function([0.9, 0.1], unordered)
    with pytest.raises(TypeError, match="forecasts must be an ordered sequence"):
        function(unordered, [1, 0])


def test_series_are_paired_by_label():
    forecasts = pd.Series([0.9, 0.1], index=["war_ends", "putin_out"])
    outcomes = pd.Series([0, 1], index=["putin_out", "war_ends"])
    # By label: 0.9 against 1 and 0.1 against 0, both errors 0.1.
    assert forecast.brier(forecasts, outcomes) == pytest.approx(0.01)
    assert forecast.brier(forecasts, outcomes) == forecast.brier([0.9, 0.1], [1, 0])
    table = forecast.calibration(forecasts, outcomes, bins=2)
    assert table["observed_rate"].tolist() == [0.0, 1.0]


@pytest.mark.parametrize(
    "outcome_index",
    [["a", "c"], ["a", "a"], [0, 1]],
    ids=["other-label", "repeated-label", "positions"],
)
def test_series_with_other_labels_are_refused(outcome_index):
    forecasts = pd.Series([0.9, 0.1], index=["a", "b"])
    outcomes = pd.Series([1, 0], index=outcome_index)
    with pytest.raises(ValueError, match="different index labels"):
        forecast.brier(forecasts, outcomes)


def test_one_series_and_one_list_pair_by_position():
    forecasts = pd.Series([0.9, 0.1], index=["b", "a"])
    assert forecast.brier(forecasts, [1, 0]) == pytest.approx(0.01)


def test_calibration_bins_use_the_edges_they_report():
    # 0.29 * 100 is 28.999999999999996: floor() put 0.29 in the bin [0.28, 0.29).
    table = forecast.calibration([0.29], [0], bins=100)
    row = table.loc[table["n"] == 1].iloc[0]
    assert (row["bin"], row["lower"], row["upper"]) == (29, 0.29, 0.3)
    for bins in (3, 7, 10, 100, 1000):
        edges = [i / bins for i in range(bins)]
        table = forecast.calibration(edges, [0] * bins, bins=bins)
        assert table["n"].tolist() == [1] * bins, bins


def test_calibration_bins_are_bounded():
    with pytest.raises(ValueError, match="bins must be an integer from 1 to 1000"):
        forecast.calibration([0.5], [1], bins=10**9)
    with pytest.raises(ValueError, match="bins must be an integer from 1 to 1000"):
        forecast.brier_decomposition([0.5], [1], bins=1001)


def test_decomposition_exact_when_bins_are_pure():
    parts = forecast.brier_decomposition([0.2, 0.2, 0.8, 0.8], [0, 0, 1, 0])
    recomposed = parts["reliability"] - parts["resolution"] + parts["uncertainty"]
    assert recomposed == pytest.approx(parts["brier"])


@settings(max_examples=150, deadline=None)
@given(st.lists(st.booleans(), min_size=1, max_size=50))
def test_perfect_forecasts_score_zero(outcomes):
    assert forecast.brier([float(o) for o in outcomes], outcomes) == 0.0


@settings(max_examples=150, deadline=None)
@given(pairs)
def test_brier_in_unit_interval(pair):
    forecasts, outcomes = pair
    assert 0.0 <= forecast.brier(forecasts, outcomes) <= 1.0


@settings(max_examples=100, deadline=None)
@given(pairs, st.integers(1, 10))
def test_calibration_counts_everything(pair, bins):
    forecasts, outcomes = pair
    table = forecast.calibration(forecasts, outcomes, bins)
    assert table["n"].sum() == len(forecasts)
    filled = table[table["n"] > 0]
    assert (filled["mean_forecast"] >= filled["lower"] - 1e-12).all()
    assert (filled["mean_forecast"] <= filled["upper"] + 1e-12).all()
    assert filled["observed_rate"].between(0, 1).all()


def test_examples_are_dated_sourced_and_scorable():
    table = forecast.examples()
    assert list(table.columns) == [
        "id",
        "question",
        "resolves_on",
        "outcome",
        "source",
        *FORECASTERS,
    ]
    assert table["id"].is_unique
    assert table["question"].str.len().gt(0).all()
    # Every question is settled after the forecasts were made (early March 2022).
    assert (table["resolves_on"] > "2022-03-07").all()
    assert set(table["outcome"]) <= {0, 1}
    keys = set(re.findall(r"^@\w+\{([^,]+),", BIB_FILE.read_text(), flags=re.M))
    assert set(table["source"]) <= keys
    for name in FORECASTERS:
        assert table[name].between(0, 1).all(), name
        assert 0 <= forecast.brier(table[name], table["outcome"]) <= 1


def test_examples_are_a_fresh_copy():
    table = forecast.examples()
    table.loc[0, "outcome"] = 1
    assert forecast.examples().loc[0, "outcome"] == 0
