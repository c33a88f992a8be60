"""One controls spec: the static page offers exactly the live widget's controls.

Both sides are read from the objects that were built, never from the spec
file: the twin's bound inputs from its Vega-Lite spec, the widget's from its
ipywidgets, paired by which chart parameter a widget control moves.
"""

import ipywidgets as w
import numpy as np
import pytest

from palace_coup import cascade, controls, loyalty, preconditions, twins, widgets

BUILDERS = {
    "weigher": (twins.weigher, widgets.precondition_weigher),
    "loyalty": (twins.loyalty, widgets.loyalty_explorer),
    "cascade": (twins.cascade, widgets.cascade_explorer),
}


def _inputs(widget):
    """Every slider and choice in a dashboard, found by walking its children."""
    found = []
    for child in getattr(widget, "children", ()):
        if isinstance(child, w.FloatSlider | w.ToggleButtons | w.RadioButtons):
            found.append(child)
        else:
            found.extend(_inputs(child))
    return found


def _param_moved_by(dashboard, control):
    """Move a control to another allowed value; return the chart param it set."""
    before = dict(dashboard.chart.params.trait_values())
    if isinstance(control, w.FloatSlider):
        target = control.min if control.value != control.min else control.max
    else:
        target = next(v for _, v in control.options if v != control.value)
    control.value = target
    after = dashboard.chart.params.trait_values()
    moved = [k for k, v in after.items() if before.get(k) != v]
    assert moved, f"{control.description} moved no chart parameter"
    # One slider, one parameter; other parameters are derived results.
    matching = [k for k in moved if after[k] == target]
    assert len(matching) == 1, (control.description, moved)
    return matching[0]


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_static_page_offers_the_live_widgets_ranges_steps_and_defaults(name):
    make_twin, make_widget = BUILDERS[name]
    bound = {p["name"]: p for p in make_twin().to_dict()["params"] if "bind" in p}
    dashboard = make_widget()
    inputs = _inputs(dashboard)
    starts = {id(c): c.value for c in inputs}
    seen = set()
    for control in inputs:
        param = _param_moved_by(dashboard, control)
        spec = bound.pop(param)
        seen.add(param)
        assert spec["value"] == starts[id(control)], param
        assert spec["bind"]["name"].strip() == control.description, param
        if isinstance(control, w.FloatSlider):
            assert spec["bind"]["input"] == "range"
            assert (spec["bind"]["min"], spec["bind"]["max"]) == (
                control.min,
                control.max,
            ), param
            assert spec["bind"]["step"] == control.step, param
        else:
            assert spec["bind"]["options"] == [v for _, v in control.options]
            assert spec["bind"]["labels"] == [label for label, _ in control.options]
    # Every bound input of the static page has its live twin, and vice versa.
    assert not bound, f"static-only inputs: {sorted(bound)}"
    assert len(seen) == len(controls.__dict__[name]())


def test_defaults_come_from_the_models_data():
    found = controls.weigher()
    table = preconditions.load().set_index("id")
    for key in preconditions.ids():
        assert found[f"score:{key}"].default == table.loc[key, "score"]
        assert found[f"weight:{key}"].default == table.loc[key, "weight"]
    assert found["rule"].default == preconditions.score().rule
    assert (
        controls.loyalty()["casualties"].default
        == loyalty.DEFAULT_PRESSURES["casualties"]
    )
    normal = cascade.DEFAULT_PARAMETERS["normal"]
    assert controls.cascade()["sd"].default == normal["sd"]


def test_check_refuses_values_the_control_cannot_show():
    weight = controls.weigher()["weight:elite_courage"]
    assert controls.check(weight, np.float32(2.5), "w") == 2.5
    assert type(controls.check(weight, np.int64(3), "w")) is float
    with pytest.raises(ValueError, match=r"w must be a number in \[0, 5\]"):
        controls.check(weight, np.float32(9), "w")
    with pytest.raises(ValueError, match="rule must be one of"):
        controls.check(controls.weigher()["rule"], "weakest", "rule")
