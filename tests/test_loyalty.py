import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palace_coup import loyalty

unit = st.floats(0, 1, allow_nan=False)
pressure_names = st.sampled_from(loyalty.PRESSURES)


def test_factions_table():
    table = loyalty.factions()
    assert table["faction"].tolist() == ["military", "fsb", "svr", "elite", "public"]
    assert table["label"].tolist() == [
        "Military",
        "FSB",
        "SVR",
        "Kremlin elite",
        "Public",
    ]
    assert table["baseline"].between(0, 1).all()
    for name in loyalty.PRESSURES:
        assert (table[name] >= 0).all()
    assert table["rationale"].str.startswith("Hypothetical").all()
    assert "2008" in table.loc[0, "rationale"]


def test_constants():
    assert loyalty.PRESSURES == ("casualties", "sanctions", "setbacks")
    assert loyalty.DEFECTION_THRESHOLD == 0.5
    assert set(loyalty.DEFAULT_PRESSURES) == set(loyalty.PRESSURES)


def test_curves_shape_and_dtypes():
    table = loyalty.curves(months=12)
    assert list(table.columns) == ["faction", "month", "loyalty"]
    assert len(table) == 5 * 13
    assert table["month"].dtype == np.int64
    assert table.groupby("faction")["month"].agg(["min", "max"]).eq([0, 12]).all().all()
    assert table.attrs["threshold"] == 0.5
    assert table.attrs["pressures"] == loyalty.DEFAULT_PRESSURES


def test_curves_closed_form():
    table = loyalty.curves(24, casualties=0.2, sanctions=0.7, setbacks=0.4)
    factions = loyalty.factions().set_index("faction")
    row = table.query("faction == 'elite' and month == 10").iloc[0]
    f = factions.loc["elite"]
    rate = f["casualties"] * 0.2 + f["sanctions"] * 0.7 + f["setbacks"] * 0.4
    assert row["loyalty"] == pytest.approx(f["baseline"] * math.exp(-rate * 10))


def test_month_zero_is_baseline():
    table = loyalty.curves(3, casualties=1, sanctions=1, setbacks=1)
    start = table[table["month"] == 0].set_index("faction")["loyalty"]
    baseline = loyalty.factions().set_index("faction")["baseline"]
    pd.testing.assert_series_equal(start, baseline, check_names=False)


def test_no_pressure_means_flat_curves():
    table = loyalty.curves(casualties=0, sanctions=0, setbacks=0)
    assert table.groupby("faction")["loyalty"].nunique().eq(1).all()


def test_months_zero():
    assert len(loyalty.curves(0)) == 5


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"casualties": 1.5},
            ValueError,
            r"pressures\['casualties'\] must be a number in \[0, 1\], got 1.5",
        ),
        (
            {"sanctions": -0.1},
            ValueError,
            r"pressures\['sanctions'\] must be a number in \[0, 1\]",
        ),
        (
            {"setbacks": math.nan},
            ValueError,
            r"pressures\['setbacks'\] must be .* got nan",
        ),
        ({"setbacks": "high"}, TypeError, r"pressures\['setbacks'\] must be a number"),
        ({"morale": 0.5}, ValueError, "pressures has an unknown key 'morale'"),
        ({"months": -1}, ValueError, "months must be an integer from 0 to 1200"),
        ({"months": 10**7}, ValueError, "months must be an integer from 0 to 1200"),
        ({"months": 10**400}, ValueError, "got an integer of about 401 digits"),
        ({"months": 2.5}, TypeError, "months must be an integer, got float"),
        (
            {"threshold": 2},
            ValueError,
            r"threshold must be a number in \[0, 1\], got 2",
        ),
    ],
)
def test_curves_validation(kwargs, error, match):
    with pytest.raises(error, match=match):
        loyalty.curves(**kwargs)


def test_crossings_default():
    table = loyalty.crossings()
    assert list(table.columns) == ["faction", "label", "month"]
    assert table["month"].dtype == "Int64"
    assert table["faction"].tolist() == loyalty.factions()["faction"].tolist()


def test_crossings_match_first_month_below():
    curves = loyalty.curves(36, casualties=0.8, sanctions=0.3, setbacks=0.6)
    table = loyalty.crossings(curves, threshold=0.45).set_index("faction")
    for faction, group in curves.groupby("faction"):
        below = group.loc[group["loyalty"] < 0.45, "month"]
        expected = below.min() if len(below) else pd.NA
        got = table.loc[faction, "month"]
        assert (got is pd.NA and expected is pd.NA) or got == expected


def test_crossings_closed_form_agrees():
    p = {"casualties": 0.6, "sanctions": 0.6, "setbacks": 0.6}
    table = loyalty.crossings(months=60, **p).set_index("faction")
    for _, f in loyalty.factions().iterrows():
        rate = sum(f[k] * p[k] for k in loyalty.PRESSURES)
        exact = math.log(f["baseline"] / 0.5) / rate
        assert table.loc[f["faction"], "month"] == math.floor(exact) + 1


def test_crossings_never_and_immediately():
    never = loyalty.crossings(casualties=0, sanctions=0, setbacks=0)
    assert never["month"].isna().all()
    now = loyalty.crossings(threshold=1.0)
    assert (now["month"] == 0).all()
    nobody = loyalty.crossings(threshold=0.0, casualties=1, sanctions=1, setbacks=1)
    assert nobody["month"].isna().all()


def test_crossings_validation():
    with pytest.raises(ValueError, match="give either curves_df or pressures"):
        loyalty.crossings(loyalty.curves(), casualties=0.3)
    with pytest.raises(TypeError, match="curves_df must be a pandas DataFrame"):
        loyalty.crossings([1, 2, 3])
    with pytest.raises(ValueError, match="curves_df must have columns"):
        loyalty.crossings(pd.DataFrame({"faction": ["x"], "month": [0]}))
    with pytest.raises(ValueError, match="curves_df must not be empty"):
        loyalty.crossings(loyalty.curves().iloc[:0])
    bad = loyalty.curves()
    bad.loc[0, "loyalty"] = 1.5
    with pytest.raises(ValueError, match=r"curves_df\['loyalty'\] must hold numbers"):
        loyalty.crossings(bad)
    with pytest.raises(ValueError, match=r"threshold must be a number in \[0, 1\]"):
        loyalty.crossings(threshold=-0.5)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(pressure_names, unit), st.integers(0, 60))
def test_loyalty_in_unit_interval_and_non_increasing_in_month(pressures, months):
    table = loyalty.curves(months, **pressures)
    assert table["loyalty"].between(0, 1).all()
    steps = table.groupby("faction", sort=False)["loyalty"].diff().dropna()
    assert (steps <= 0).all()


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(pressure_names, unit), pressure_names, unit)
def test_loyalty_never_rises_when_a_pressure_rises(pressures, name, higher):
    full = {**loyalty.DEFAULT_PRESSURES, **pressures}
    raised = {**full, name: max(full[name], higher)}
    before = loyalty.curves(24, **full)["loyalty"].to_numpy()
    after = loyalty.curves(24, **raised)["loyalty"].to_numpy()
    assert np.all(after <= before)


@settings(max_examples=50, deadline=None)
@given(st.dictionaries(pressure_names, unit), pressure_names, unit)
def test_crossing_never_later_when_a_pressure_rises(pressures, name, higher):
    full = {**loyalty.DEFAULT_PRESSURES, **pressures}
    raised = {**full, name: max(full[name], higher)}
    horizon = 10_000
    before = loyalty.crossings(months=120, **full)["month"].fillna(horizon)
    after = loyalty.crossings(months=120, **raised)["month"].fillna(horizon)
    assert (after <= before).all()
