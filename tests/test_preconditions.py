import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palace_coup import _data
from palace_coup import preconditions as pc

IDS = [
    "war_going_badly",
    "public_opposition",
    "military_casualties",
    "military_disloyalty",
    "fsb_disloyalty",
    "svr_disloyalty",
    "fso_disloyalty",
    "rosgvardiya_disloyalty",
    "sanctions_pain",
    "civilian_casualties",
    "elite_courage",
]
PASSAGES = {
    "question",
    "ria_novosti",
    "pressure_from_below",
    "military_favourite",
    "ivashov",
    "security_council",
    "fsb_tipoffs",
    "mounting_pressure",
    "brave_few",
}

unit = st.floats(0, 1, allow_nan=False)
weight = st.floats(0, 100, allow_nan=False)
score_maps = st.dictionaries(st.sampled_from(IDS), unit)
weight_maps = st.dictionaries(st.sampled_from(IDS), weight)
rules = st.sampled_from(pc.RULES)


# ---- data ----------------------------------------------------------------


def test_load_columns_and_ids():
    table = pc.load()
    assert list(table.columns) == [
        "id",
        "label",
        "description",
        "passage",
        "armed",
        "faction",
        "weight",
        "score",
        "rationale",
        "in_article",
    ]
    assert table["id"].tolist() == IDS == pc.ids()
    assert list(table.index) == list(range(11))
    assert table["in_article"].dtype == bool
    in_article = table[table["in_article"]]
    assert len(in_article) == 9 and set(in_article["passage"]) <= PASSAGES
    beyond = table[~table["in_article"]]
    assert beyond["passage"].isna().all()
    assert beyond["description"].str.startswith("Beyond the article").all()
    assert table["armed"].dtype == bool
    assert set(table.loc[table["armed"], "id"]) == set(pc.ARMED)
    assert pc.ARMED == (
        "military_disloyalty",
        "fsb_disloyalty",
        "fso_disloyalty",
        "rosgvardiya_disloyalty",
    )
    assert (table["weight"] > 0).all()
    assert table["score"].between(0, 1).all()
    assert table["rationale"].str.startswith("Hypothetical").all()
    assert table["label"].str.len().gt(0).all()


def test_each_precondition_names_the_faction_it_concerns():
    from palace_coup import loyalty

    faction = pc.load().set_index("id")["faction"]
    assert set(faction) <= {*loyalty.factions()["faction"], "other"}
    # Each armed structure's disloyalty concerns that structure.
    assert faction[list(pc.ARMED)].tolist() == ["military", "fsb", "other", "other"]
    assert faction["elite_courage"] == "elite"


def test_load_returns_a_copy():
    table = pc.load()
    table.loc[0, "score"] = 0.99
    assert pc.load().loc[0, "score"] != 0.99


def test_passages_exist_in_passages_csv():
    from palace_coup import _data

    passages = set(_data.csv("passages.csv")["id"])
    assert set(pc.load()["passage"].dropna()) <= passages


# ---- score ----------------------------------------------------------------


def test_default_compensatory_is_weighted_mean():
    table = pc.load()
    result = pc.score()
    expected = (table["weight"] * table["score"]).sum() / table["weight"].sum()
    assert result.index == pytest.approx(expected)
    assert result.rule == "compensatory"
    assert result.scores == dict(zip(table["id"], table["score"], strict=True))
    assert result.weights == dict(zip(table["id"], table["weight"], strict=True))
    assert result.gate == max(result.scores[i] for i in pc.ARMED)


def test_necessary_rule_is_mean_times_gate():
    result = pc.score(rule="necessary")
    assert result.index == pytest.approx(result.compensatory_index * result.gate)
    assert result.index < pc.score().index


def test_necessary_rule_zero_without_armed_defection():
    everything = dict.fromkeys(IDS, 1.0)
    everything.update(dict.fromkeys(pc.ARMED, 0.0))
    assert pc.score(everything, rule="necessary").index == 0.0
    # Compensatory: the non-armed preconditions' share of the total weight.
    table = pc.load()
    unarmed_share = table.loc[~table["armed"], "weight"].sum() / table["weight"].sum()
    assert pc.score(everything).index == pytest.approx(unarmed_share, rel=1e-12)


def test_one_armed_structure_opens_gate():
    scores = dict.fromkeys(IDS, 1.0)
    scores.update(dict.fromkeys(pc.ARMED, 0.0) | {"fso_disloyalty": 1.0})
    result = pc.score(scores, rule="necessary")
    assert result.gate == 1.0
    assert result.index == result.compensatory_index


def test_missing_keys_take_defaults():
    defaults = pc.score()
    changed = pc.score({"elite_courage": 0.9})
    assert changed.scores["elite_courage"] == 0.9
    for key in IDS[:-1]:
        assert changed.scores[key] == defaults.scores[key]


def test_contribution_table():
    result = pc.score(weights={"war_going_badly": 5})
    table = result.contributions
    assert list(table.columns) == [
        "id",
        "label",
        "armed",
        "score",
        "weight",
        "share",
        "contribution",
    ]
    assert table["share"].sum() == pytest.approx(1.0)
    assert table.loc[0, "weight"] == 5.0
    assert np.allclose(table["contribution"], table["share"] * table["score"])


def test_sensitivity_compensatory_is_share():
    result = pc.score()
    assert list(result.sensitivity.columns) == ["id", "label", "armed", "sensitivity"]
    assert np.allclose(result.sensitivity["sensitivity"], result.contributions["share"])


def test_sensitivity_necessary_matches_finite_difference():
    base = {"military_disloyalty": 0.4, "fsb_disloyalty": 0.2}
    result = pc.score(base, rule="necessary")
    h = 1e-7
    for key in IDS:
        bumped = dict(base)
        bumped[key] = result.scores[key] + h
        numeric = (pc.score(bumped, rule="necessary").index - result.index) / h
        got = result.sensitivity.set_index("id").loc[key, "sensitivity"]
        assert got == pytest.approx(numeric, abs=1e-5), key


def test_sensitivity_necessary_ties_use_one_sided_derivative():
    scores = dict.fromkeys(pc.ARMED, 0.3)
    result = pc.score(scores, rule="necessary")
    sens = result.sensitivity.set_index("id")["sensitivity"]
    share = result.contributions.set_index("id")["share"]
    for key in pc.ARMED:
        assert sens[key] == pytest.approx(share[key] * 0.3 + result.compensatory_index)


def test_sensitivity_necessary_when_gate_closed():
    result = pc.score(dict.fromkeys(pc.ARMED, 0.0), rule="necessary")
    sens = result.sensitivity.set_index("id")["sensitivity"]
    assert sens["war_going_badly"] == 0.0
    assert sens["fsb_disloyalty"] == pytest.approx(result.compensatory_index)


def test_scores_as_series():
    series = pc.load().set_index("id")["score"] * 0 + 0.5
    assert pc.score(series).index == 0.5


def test_zero_weight_allowed_if_not_all():
    result = pc.score(weights=dict.fromkeys(IDS[1:], 0.0))
    assert result.index == pc.score().scores["war_going_badly"]


def test_assessment_is_frozen():
    result = pc.score()
    with pytest.raises(AttributeError):
        result.index = 1.0


# ---- validation -----------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (
            {"scores": {"fsb_disloyalty": 1.5}},
            ValueError,
            r"scores\['fsb_disloyalty'\] must be a number in \[0, 1\], got 1.5",
        ),
        (
            {"scores": {"fsb_disloyalty": -0.1}},
            ValueError,
            r"scores\['fsb_disloyalty'\] must be a number in \[0, 1\]",
        ),
        (
            {"scores": {"elite_courage": math.nan}},
            ValueError,
            r"scores\['elite_courage'\] must be a number in \[0, 1\], got nan",
        ),
        (
            {"scores": {"elite_courage": "high"}},
            TypeError,
            r"scores\['elite_courage'\] must be a number in \[0, 1\], got str",
        ),
        (
            {"scores": {"elite_courage": True}},
            TypeError,
            r"scores\['elite_courage'\] must be a number .* got bool",
        ),
        (
            {"scores": {"morale": 0.5}},
            ValueError,
            r"scores has an unknown key 'morale'; allowed keys: 'war_going_badly'",
        ),
        ({"scores": [0.5] * 9}, TypeError, "scores must be a mapping"),
        (
            {"weights": {"sanctions_pain": -1}},
            ValueError,
            r"weights\['sanctions_pain'\] must be a number >= 0, got -1",
        ),
        (
            {"weights": {"sanctions_pain": math.inf}},
            ValueError,
            r"weights\['sanctions_pain'\] must be a number >= 0, got inf",
        ),
        (
            {"weights": dict.fromkeys(IDS, 0)},
            ValueError,
            "weights must not all be zero",
        ),
        (
            {"weights": {"nope": 1}},
            ValueError,
            "weights has an unknown key 'nope'",
        ),
        (
            {"rule": "weakest_link"},
            ValueError,
            "rule must be one of 'compensatory', 'necessary'; got 'weakest_link'",
        ),
    ],
)
def test_score_validation(kwargs, error, match):
    with pytest.raises(error, match=match):
        pc.score(**kwargs)


def _plain_mean(scores):
    return sum(scores.values()) / len(scores)


@pytest.mark.parametrize("weight", [5e-324, 1e-310, 1e308, 1.7e308])
def test_equal_weights_of_any_size_give_the_plain_mean(weight):
    # 5e-324 used to underflow to an index of 0.111, and 1e308 to overflow.
    defaults = pc.score().scores
    result = pc.score(weights=dict.fromkeys(IDS, weight))
    assert result.index == pytest.approx(_plain_mean(defaults), rel=1e-15)
    equal = [1 / len(IDS)] * len(IDS)
    assert result.contributions["share"].tolist() == pytest.approx(equal)


def test_weights_scale_exactly():
    # Scaling by a power of two is exact: the same bits as the weights given.
    base = pc.score(rule="necessary")
    for factor in (2.0**-1070, 2.0**-500, 2.0**500, 2.0**1000):
        weights = {key: w * factor for key, w in base.weights.items()}
        scaled = pc.score(weights=weights, rule="necessary")
        assert scaled.index == base.index, factor
        assert scaled.sensitivity["sensitivity"].equals(base.sensitivity["sensitivity"])


@settings(max_examples=100, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(IDS), st.sampled_from([0.0, -0.0, 0.5, 1.0]), max_size=9
    ),
    st.sampled_from(pc.RULES),
)
def test_index_is_never_negative_zero(scores, rule):
    for value in (pc.score(scores, rule=rule).index, pc.score(scores).gate):
        assert math.copysign(1.0, value) == 1.0, (scores, rule)


# ---- illustrative probability ---------------------------------------------


def test_probability_at_midpoint_is_base_rate():
    assert pc.illustrative_probability(0.3, 0.07, 9.0, 0.3) == 0.07
    result = pc.score(dict.fromkeys(IDS, 0.5))
    assert result.probability(0.2, 3.0) == 0.2


@pytest.mark.parametrize("steepness", [50.0, 100.0])
def test_steep_curves_do_not_overflow(steepness):
    # steepness=1500 used to end in "OverflowError: math range error".
    low = pc.illustrative_probability(0.0, base_rate=0.05, steepness=steepness)
    high = pc.illustrative_probability(1.0, base_rate=0.05, steepness=steepness)
    z_low = math.log(0.05 / 0.95) - steepness / 2
    assert low == pytest.approx(math.exp(z_low) / (1 + math.exp(z_low)), rel=1e-12)
    assert 0.0 < low < 0.05 < high <= 1.0
    curve = pc.illustrative_probability([0.0, 0.5, 1.0], 0.05, steepness)
    assert curve.tolist() == [low, 0.05, high]
    # A tiny base rate pushes the log-odds past -709, where exp() overflows.
    z = math.log(1e-300 / (1 - 1e-300)) - steepness / 2
    tiny = pc.illustrative_probability(0.0, base_rate=1e-300, steepness=steepness)
    assert tiny == pytest.approx(math.exp(z), rel=1e-9)
    assert pc.illustrative_probability([0.0], 1e-300, steepness)[0] == tiny


def test_steepness_has_a_maximum():
    with pytest.raises(ValueError, match=r"steepness must be a number in \[0, 100\]"):
        pc.illustrative_probability(0.0, steepness=1500)


def test_probability_defaults_and_shape():
    p = pc.illustrative_probability(1.0)
    expected = 1 / (1 + math.exp(-(math.log(0.05 / 0.95) + 6 * 0.5)))
    assert p == pytest.approx(expected)
    index = np.linspace(0, 1, 11)
    curve = pc.illustrative_probability(index, base_rate=0.1)
    z = math.log(0.1 / 0.9) + 6 * (index - 0.5)
    assert curve.shape == (11,)
    assert curve == pytest.approx(1 / (1 + np.exp(-z)), rel=1e-12)
    assert np.all(np.diff(curve) > 0)
    assert curve[5] == 0.1
    assert pc.illustrative_probability(pd.Series([0.0, 1.0])).shape == (2,)


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"index": 1.2}, ValueError, r"index must be a number in \[0, 1\], got 1.2"),
        ({"index": [0.2, 1.2]}, ValueError, r"index\[1\] must be a number in \[0, 1\]"),
        ({"index": "0.5"}, TypeError, r"index must be a number"),
        (
            {"index": 0.5, "base_rate": 0.0},
            ValueError,
            r"base_rate must be a number in \(0, 1\), got 0.0",
        ),
        (
            {"index": 0.5, "base_rate": 1},
            ValueError,
            r"base_rate must be a number in \(0, 1\), got 1",
        ),
        (
            {"index": 0.5, "steepness": -1},
            ValueError,
            r"steepness must be a number in \[0, 100\], got -1",
        ),
        (
            {"index": 0.5, "midpoint": 2},
            ValueError,
            r"midpoint must be a number in \[0, 1\], got 2",
        ),
    ],
)
def test_probability_validation(kwargs, error, match):
    with pytest.raises(error, match=match):
        pc.illustrative_probability(**kwargs)


# ---- properties -----------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(score_maps, weight_maps, rules)
def test_index_in_unit_interval(scores, weights, rule):
    if sum({**pc.score().weights, **weights}.values()) == 0:
        return
    result = pc.score(scores, weights, rule)
    assert 0.0 <= result.index <= 1.0


@settings(max_examples=150, deadline=None)
@given(score_maps, weight_maps, rules)
def test_contributions_sum_to_index(scores, weights, rule):
    if sum({**pc.score().weights, **weights}.values()) == 0:
        return
    result = pc.score(scores, weights, rule)
    total = result.contributions["contribution"].sum()
    assert total == pytest.approx(result.index, abs=1e-12)


@settings(max_examples=200, deadline=None)
@given(score_maps, weight_maps, rules, st.sampled_from(IDS), unit)
def test_raising_a_score_never_lowers_index(scores, weights, rule, key, rise):
    if sum({**pc.score().weights, **weights}.values()) == 0:
        return
    before = pc.score(scores, weights, rule)
    higher = dict(before.scores)
    higher[key] = max(higher[key], rise)
    after = pc.score(higher, weights, rule)
    assert after.index >= before.index


@settings(max_examples=100, deadline=None)
@given(score_maps, weight_maps)
def test_necessary_never_exceeds_compensatory(scores, weights):
    if sum({**pc.score().weights, **weights}.values()) == 0:
        return
    assert (
        pc.score(scores, weights, "necessary").index
        <= pc.score(scores, weights, "compensatory").index
    )


@settings(max_examples=100, deadline=None)
@given(unit, unit, st.floats(0.001, 0.999), st.floats(0, 50), unit)
def test_probability_monotone_in_index(x, y, base_rate, steepness, midpoint):
    low, high = sorted((x, y))
    p_low = pc.illustrative_probability(low, base_rate, steepness, midpoint)
    p_high = pc.illustrative_probability(high, base_rate, steepness, midpoint)
    assert 0.0 <= p_low <= p_high + 1e-15
    assert p_high <= 1.0


def test_presets_are_scored_by_the_model_from_their_file():
    table = pc.presets().set_index("preset")
    raw = _data.yaml_file("presets.yaml")
    assert table.index.tolist() == list(raw)
    for key, preset in raw.items():
        row = table.loc[key]
        scores = {**pc.load().set_index("id")["score"].to_dict(), **preset["scores"]}
        weights = {**pc.load().set_index("id")["weight"].to_dict(), **preset["weights"]}
        assert {i: row[f"score:{i}"] for i in IDS} == scores
        assert {i: row[f"weight:{i}"] for i in IDS} == weights
        # The index is the weighted mean (times the gate), computed here by hand.
        mean = sum(weights[i] * scores[i] for i in IDS) / sum(weights.values())
        gate = max(scores[i] for i in pc.ARMED)
        expected = mean * gate if preset["rule"] == "necessary" else mean
        assert row["index"] == pytest.approx(expected, abs=1e-12)
        assert row["rule"] == preset["rule"]
        assert row["rationale"].startswith("Hypothetical")
