"""Chart specs validate and contain what they claim."""

import re

import pandas as pd
import pytest

from palace_coup import _data, cascade, charts, classroom, loyalty, preconditions, twins

SAMPLE = classroom.load(
    __import__("importlib").resources.files("palace_coup") / "data" / "sample_class"
)


def _group():
    group = cascade.thresholds()
    return charts.cascade(group, cascade.equilibria(group), cascade.equilibrium(group))


CHARTS = {
    "contributions": lambda: charts.contributions(
        preconditions.score(rule="necessary")
    ),
    "sensitivity": lambda: charts.sensitivity(preconditions.score()),
    "loyalty": lambda: charts.loyalty_curves(loyalty.curves(), loyalty.crossings()),
    "cascade": _group,
    "timeline": charts.timeline,
    "cases": lambda: charts.cases(_data.csv("cases.csv")),
    "class_indices": lambda: charts.class_indices(SAMPLE.entries),
    "class_weights": lambda: charts.class_weights(SAMPLE.shares()),
    "class_divergence": lambda: charts.class_divergence(SAMPLE.divergence()),
    "twin_weigher": twins.weigher,
    "twin_loyalty": twins.loyalty,
    "twin_cascade": twins.cascade,
}
MODELS = {k for k in CHARTS if k not in ("timeline", "cases")}


def _walk(spec):
    """Yield every dict inside a spec."""
    if isinstance(spec, dict):
        yield spec
        for value in spec.values():
            yield from _walk(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _walk(value)


def _draws_data(layer):
    """Tell whether a layer draws data (not a label, a rule or the diagonal)."""
    mark = layer["mark"] if isinstance(layer["mark"], str) else layer["mark"]["type"]
    encoding = layer.get("encoding", {})
    diagonal = encoding.get("x", {}).get("field") == encoding.get("y", {}).get(
        "field", "-"
    )
    return bool(encoding) and mark not in ("text", "rule") and not diagonal


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_is_titled_described_and_valid(name):
    spec = CHARTS[name]().to_dict(validate=True)
    titles = [d["title"] for d in _walk(spec) if isinstance(d.get("title"), dict)]
    assert titles and all(t["text"] for t in titles)
    assert len(spec["description"]) > 60
    if name in MODELS:
        text = " ".join(str(t.get("subtitle", "")) for t in titles)
        assert "HYPOTHETICAL" in text


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_axis_has_a_title_and_marks_have_tooltips(name):
    spec = CHARTS[name]().to_dict()
    encodings = [d["encoding"] for d in _walk(spec) if "encoding" in d and "mark" in d]
    data_layers = [d for d in _walk(spec) if "mark" in d and _draws_data(d)]
    assert data_layers
    for layer in data_layers:  # every layer that draws data explains itself
        assert "tooltip" in layer["encoding"], (name, layer["mark"])
    # Layers share their axes: at least one layer titles each axis.
    for channel in ("x", "y"):
        used = [e[channel] for e in encodings if "field" in e.get(channel, {})]
        quantitative = [
            u for u in used if u.get("type") in ("quantitative", "temporal")
        ]
        if quantitative:
            assert any(u.get("title") for u in quantitative), (name, channel)


def test_one_faction_one_colour_everywhere():
    scales = []
    for name in ("contributions", "loyalty", "timeline", "class_weights"):
        for d in _walk(CHARTS[name]().to_dict()):
            if d.get("field") == "faction_label" and "scale" in d:
                scales.append(
                    dict(zip(d["scale"]["domain"], d["scale"]["range"], strict=True))
                )
    assert scales
    for scale in scales:
        for label, colour in scale.items():
            assert scales[0].get(label, colour) == colour
    assert scales[0]["FSB"] == charts.FACTION_COLORS["fsb"]


def test_palette_is_okabe_ito():
    okabe_ito = {
        "#000000",
        "#E69F00",
        "#56B4E9",
        "#009E73",
        "#F0E442",
        "#0072B2",
        "#D55E00",
        "#CC79A7",
        "#999999",
    }
    assert set(charts.FACTION_COLORS.values()) <= okabe_ito
    assert set(charts.ROLE_COLORS.values()) <= okabe_ito


def test_contributions_encode_what_they_claim():
    spec = CHARTS["contributions"]().to_dict()
    bars = [d for d in _walk(spec) if isinstance(d.get("mark"), dict)]
    bars = [d for d in bars if d["mark"]["type"] == "bar"]
    assert any(b["encoding"]["x"]["field"] == "contribution" for b in bars)
    assert any(b["encoding"].get("y", {}).get("sort") == "-x" for b in bars)


def test_loyalty_marks_threshold_and_crossings():
    table = loyalty.curves(casualties=1.0)
    chart = charts.loyalty_curves(table, loyalty.crossings(table)).to_dict()
    datasets = chart["datasets"].values()
    assert [{"threshold": 0.5}] in datasets
    crossings = [rows for rows in datasets if len(rows) == 5 and "loyalty" in rows[0]]
    assert crossings


def test_charts_reject_wrong_input():
    with pytest.raises(TypeError, match="assessment"):
        charts.contributions({"index": 0.3})
    with pytest.raises(ValueError, match="step"):
        charts.sensitivity(preconditions.score(), step=0)
    with pytest.raises(ValueError, match="curves"):
        charts.loyalty_curves(pd.DataFrame({"month": [0]}))
    with pytest.raises(ValueError, match="thresholds"):
        charts.cascade([0.1, 1.2], [1.0], 1.0)
    with pytest.raises(ValueError, match="precondition_id"):
        charts.faction_of("navy_disloyalty")


def test_charts_render_offline():
    import vl_convert as vlc

    for name in ("contributions", "loyalty", "cascade", "twin_weigher"):
        svg = vlc.vegalite_to_svg(CHARTS[name]().to_dict())
        assert svg.startswith("<svg")
    # The timeline draws one dot per event of its data file.
    svg = vlc.vegalite_to_svg(CHARTS["timeline"]().to_dict())
    dots = re.search(r'<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)</g>', svg, re.S)
    assert dots[1].count("<path") == len(_data.csv("timeline.csv")) > 0


def test_truncated_axis_is_a_labelled_misleading_exhibit():
    spec = charts.truncated_axis(loyalty.curves(), "fsb").to_dict()
    assert spec["encoding"]["y"]["scale"] == {"zero": False}
    assert "HYPOTHETICAL" in spec["title"]["subtitle"]
    assert "misleading" in spec["description"]
    assert spec["mark"]["color"] == charts.FACTION_COLORS["fsb"]
    with pytest.raises(ValueError, match="faction must be one of"):
        charts.truncated_axis(loyalty.curves(), "other")
