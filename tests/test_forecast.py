import math
import re
from pathlib import Path

import numpy as np
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
    with pytest.raises(ValueError, match="bins must be an integer >= 1, got 0"):
        forecast.calibration([0.5], [1], bins=0)
    with pytest.raises(ValueError, match="same length"):
        forecast.calibration([0.5], [1, 0])


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
