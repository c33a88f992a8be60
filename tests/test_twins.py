"""The kernel-free twins compute what the Python model computes.

Each twin's Vega expressions are evaluated by vl-convert (the same Vega that
runs in the reader's browser) with the parameters set to an input set, and the
numbers, printed at full precision by a probe text mark, are compared with the
Python model's to TOLERANCE.
"""

import altair as alt
import numpy as np
import pytest
import vl_convert as vlc

from palace_coup import cascade, loyalty, preconditions, twins

TOLERANCE = 1e-12


def evaluate(base: alt.Chart, params, fields: list[str]) -> list[list[str]]:
    """Evaluate ``fields`` of every row of ``base`` in Vega; return them as text."""
    expression = " + '|' + ".join(f"datum.{f}" for f in fields)
    probe = (
        base.transform_calculate(probe=f"'' + {expression}")
        .mark_text()
        .encode(text="probe:N")
        .add_params(*params)
    )
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("marktype") == "text":
                found.extend(item["text"] for item in node["items"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(vlc.vegalite_to_scenegraph(probe.to_dict()))
    return [text.split("|") for text in found]


WEIGHINGS = [
    ({}, {}, "compensatory"),
    ({}, {}, "necessary"),
    (
        {"military_disloyalty": 0.7, "fsb_disloyalty": 0.7, "elite_courage": 0.95},
        {"war_going_badly": 0.5, "svr_disloyalty": 5},
        "necessary",
    ),
    ({k: 0.0 for k in preconditions.ARMED}, {}, "necessary"),
    (
        {"public_opposition": 1.0},
        {k: 0.0 for k in preconditions.ids()[1:]},
        "compensatory",
    ),
    (
        {k: 0.35 for k in preconditions.ids()},
        {k: 1.5 for k in preconditions.ids()},
        "necessary",
    ),
]


@pytest.mark.parametrize(("scores", "weights", "rule"), WEIGHINGS)
def test_weigher_twin_equals_score(scores, weights, rule):
    expected = preconditions.score(scores, weights, rule)
    rows, index_row, params = twins._weigher_parts(scores, weights, rule, bind=True)
    fields = ["id", "contribution", "sensitivity", "share", "index"]
    got = {
        row[0]: [float(x) for x in row[1:]] for row in evaluate(rows, params, fields)
    }
    contributions = expected.contributions.set_index("id")
    sensitivity = expected.sensitivity.set_index("id")["sensitivity"]
    assert set(got) == set(preconditions.ids())
    for key, (contribution, slope, share, index) in got.items():
        assert contribution == pytest.approx(
            contributions.loc[key, "contribution"], abs=TOLERANCE
        )
        assert slope == pytest.approx(sensitivity[key], abs=TOLERANCE)
        assert share == pytest.approx(contributions.loc[key, "share"], abs=TOLERANCE)
        assert index == pytest.approx(expected.index, abs=TOLERANCE)
    [[index, shown_rule]] = evaluate(index_row, params, ["index", "rule"])
    assert float(index) == pytest.approx(expected.index, abs=TOLERANCE)
    assert shown_rule == rule


PRESSURES = [
    {},
    {"casualties": 1.0, "sanctions": 0.0, "setbacks": 0.0},
    {"casualties": 0.15, "sanctions": 0.85, "setbacks": 0.4},
    {"casualties": 0.0, "sanctions": 0.0, "setbacks": 0.0},
]


@pytest.mark.parametrize("pressures", PRESSURES)
@pytest.mark.parametrize("threshold", [0.5, 0.72])
def test_loyalty_twin_equals_curves_and_crossings(pressures, threshold):
    expected = loyalty.curves(24, threshold=threshold, **pressures)
    lines, _, crossings, params = twins._loyalty_parts(pressures, threshold, 24, False)
    got = {
        (f, int(m)): float(v)
        for f, m, v in evaluate(lines, params, ["faction", "month", "loyalty"])
    }
    assert len(got) == len(expected)
    for row in expected.itertuples():
        assert got[(row.faction, row.month)] == pytest.approx(
            row.loyalty, abs=TOLERANCE
        )
    first = {f: int(m) for f, m in evaluate(crossings, params, ["faction", "month"])}
    model = loyalty.crossings(expected, threshold).dropna(subset=["month"])
    assert first == {r.faction: int(r.month) for r in model.itertuples()}


GROUPS = [
    (0.25, 0.12, 0.0),
    (0.25, 0.12, 0.2),
    (0.1, 0.05, 0.0),
    (0.3, 0.2, 0.05),
    (0.5, 0.0, 0.5),
    (0.02, 0.3, 0.0),
]


@pytest.mark.parametrize(("mean", "sd", "initial"), GROUPS)
def test_cascade_twin_equals_equilibrium(mean, sd, initial):
    group = cascade.thresholds("normal", 100, 0, mean=mean, sd=sd)
    curve, (resting, _everyone), reached, params = twins._cascade_parts(
        mean, sd, initial, 100, 0, False
    )
    thresholds = sorted(float(t) for [t] in evaluate(curve, params, ["threshold"]))
    np.testing.assert_array_equal(thresholds, np.sort(group))
    [[equilibrium]] = evaluate(reached, params, ["equilibrium"])
    assert float(equilibrium) == cascade.equilibrium(group, initial)
    shares = sorted(float(s) for [s] in evaluate(resting, params, ["share"]))
    # The twin adds the resting point 1.0 (everyone out) as a constant layer.
    assert [*shares, 1.0] == cascade.equilibria(group)


def test_twins_bind_labelled_inputs():
    for chart in (twins.weigher(), twins.loyalty(), twins.cascade()):
        params = chart.to_dict()["params"]
        assert params
        for param in params:
            assert param["bind"]["name"].strip(), param["name"]


def test_unbound_twins_have_no_inputs():
    for chart in (
        twins.weigher(bind=False),
        twins.loyalty(bind=False),
        twins.cascade(bind=False),
    ):
        assert all("bind" not in p for p in chart.to_dict()["params"])


def test_twins_validate_their_inputs():
    with pytest.raises(ValueError, match="elite_courage"):
        twins.weigher({"elite_courage": 2})
    with pytest.raises(ValueError, match="weights"):
        twins.weigher(weights={"elite_courage": 9})
    with pytest.raises(ValueError, match="casualties"):
        twins.loyalty(casualties=-1)
    with pytest.raises(ValueError, match="initial"):
        twins.cascade(initial=1.5)


def test_twins_read_numpy_scalars_as_numbers_within_their_controls():
    # np.float32 is not a float: a check by isinstance(value, float) let 9 in.
    with pytest.raises(ValueError, match=r"weights\['elite_courage'\] must be"):
        twins.weigher(weights={"elite_courage": np.float32(9)})
    with pytest.raises(ValueError, match=r"scores\['elite_courage'\] must be"):
        twins.weigher(scores={"elite_courage": np.float64(1.5)})
    with pytest.raises(ValueError, match="sd must be a number in"):
        twins.cascade(sd=np.float64(0.8))  # the model allows 0.8, the slider not
    with pytest.raises(ValueError, match="threshold must be"):
        twins.loyalty(threshold=np.float32(1.5))
    spec = twins.weigher(
        scores={"elite_courage": np.float32(0.5)},
        weights={"war_going_badly": np.int64(4)},
    ).to_dict()
    values = {p["name"]: p["value"] for p in spec["params"]}
    assert values["pc_s_elite_courage"] == 0.5
    assert values["pc_w_war_going_badly"] == 4.0
    assert all(type(v) in (float, str) for v in values.values())
    spec = twins.cascade(mean=np.float32(0.25), initial=np.float64(0.1)).to_dict()
    assert {p["name"]: p["value"] for p in spec["params"]}["cs_initial"] == 0.1


def test_explorers_refuse_sizes_over_altairs_row_limit_when_built():
    twins.loyalty(twins.MAX_MONTHS).to_dict()  # 5,000 rows: drawn
    with pytest.raises(ValueError, match="months must be at most 999"):
        twins.loyalty(1000)
    twins.cascade(n=twins.MAX_GROUP).to_dict()
    with pytest.raises(ValueError, match="n must be at most 5000"):
        twins.cascade(n=5001)
