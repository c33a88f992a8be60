"""The live dashboards react: sliders change the result and the chart params."""

import json

import pytest

from palace_coup import cascade, classroom, controls, loyalty, preconditions, widgets


@pytest.fixture
def weigher(tmp_path):
    return widgets.precondition_weigher(folder=tmp_path)


def test_weigher_starts_at_the_article_reading(weigher):
    assert weigher.state["rule"] == "compensatory"
    assert weigher.assessment.index == preconditions.score().index
    assert weigher.chart.params.pc_s_elite_courage == 0.1


def test_score_slider_moves_the_assessment_and_the_chart(weigher):
    before = weigher.assessment.index
    weigher.score_sliders["war_going_badly"].value = 1.0
    assert weigher.assessment.index > before
    assert weigher.assessment.index == preconditions.score(**weigher.state).index
    assert weigher.chart.params.pc_s_war_going_badly == 1.0
    assert f"{weigher.assessment.index:.3f}" in weigher.readout.value


def test_weight_and_rule_controls(weigher):
    weigher.weight_sliders["elite_courage"].value = 5.0
    assert weigher.assessment.weights["elite_courage"] == 5.0
    weigher.rule.value = "necessary"
    assert weigher.assessment.rule == "necessary"
    assert weigher.chart.params.pc_rule == "necessary"
    assert weigher.assessment.index == pytest.approx(
        weigher.assessment.compensatory_index * weigher.assessment.gate
    )


@pytest.mark.parametrize("key", ["article", "sceptic", "alarmist"])
def test_presets_restore_known_states(weigher, key):
    weigher.score_sliders["fsb_disloyalty"].value = 0.95
    weigher.apply_preset(key)
    preset = preconditions.presets().set_index("preset").loc[key]
    assert weigher.state["rule"] == preset["rule"]
    assert weigher.assessment.index == pytest.approx(preset["index"], abs=1e-12)
    for name, value in weigher.state["scores"].items():
        param = controls.weigher()[f"score:{name}"].param
        assert getattr(weigher.chart.params, param) == value


def test_preset_dropdown_applies_and_reset_restores(weigher):
    weigher.preset.value = "alarmist"
    alarmist = weigher.assessment.index
    assert alarmist > preconditions.score().index
    weigher.reset()
    assert weigher.state == {
        "scores": preconditions.score().scores,
        "weights": preconditions.score().weights,
        "rule": "compensatory",
    }


def test_presets_are_labelled_hypothetical():
    table = preconditions.presets()
    assert table["rationale"].str.startswith("Hypothetical").all()
    assert table["index"].between(0, 1).all()


def test_all_zero_weights_keep_the_last_result(weigher):
    for slider in weigher.weight_sliders.values():
        slider.value = 0.0
    assert "All weights are zero: give one a weight." in weigher.readout.value
    assert 0 <= weigher.assessment.index <= 1


def test_the_readout_says_each_move_in_words_above_the_controls(weigher):
    before = weigher.assessment.index
    weigher.score_sliders["war_going_badly"].value = 1.0
    step = weigher.assessment.index - before
    assert step > 0
    said = weigher.readout.value
    assert f"Index {weigher.assessment.index:.3f}, up {step:.3f}, compensatory" in said
    assert 'role="status" aria-live="polite"' in said
    weigher.rule.value = "necessary"
    assert ", down " in weigher.readout.value
    assert ", necessary rule" in weigher.readout.value
    order = list(weigher.children)
    first = weigher.score_sliders[preconditions.ids()[0]]
    assert order.index(weigher.readout) < next(
        i for i, child in enumerate(order) if first in getattr(child, "children", ())
    )


def test_save_button_writes_a_weighting(weigher, tmp_path):
    weigher.name.value = "Ada L."
    weigher.save_button.click()
    [path] = tmp_path.glob("ada-l-*.json")
    saved = json.loads(path.read_text())
    assert saved["index"] == weigher.assessment.index
    assert "Saved" in weigher.status.value
    assert len(classroom.load(tmp_path).entries) == 1


def test_save_without_name_reports_and_writes_nothing(weigher, tmp_path):
    weigher.save_button.click()
    assert "Not saved" in weigher.status.value
    assert not list(tmp_path.iterdir())


def test_loyalty_explorer_reacts():
    explorer = widgets.loyalty_explorer()
    explorer.sliders["casualties"].value = 1.0
    explorer.sliders["threshold"].value = 0.6
    assert explorer.state["casualties"] == 1.0
    assert explorer.chart.params.ly_threshold == 0.6
    expected = loyalty.crossings(
        threshold=0.6, casualties=1.0, sanctions=0.5, setbacks=0.5
    )
    assert explorer.crossings["month"].tolist() == expected["month"].tolist()


def test_cascade_explorer_reacts():
    explorer = widgets.cascade_explorer()
    explorer.sliders["mean"].value = 0.1
    explorer.sliders["initial"].value = 0.05
    group = cascade.thresholds("normal", 100, 0, mean=0.1, sd=0.12)
    assert explorer.equilibrium == cascade.equilibrium(group, 0.05)
    assert explorer.chart.params.cs_initial == 0.05
    assert explorer.state["n"] == 100


def test_repr_is_short_and_stable():
    assert repr(widgets.cascade_explorer()).startswith(
        "CascadeExplorer(state={'mean': 0.25"
    )
