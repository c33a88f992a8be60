"""Chart specs validate and contain what they claim."""

import json
import re

import numpy as np
import pandas as pd
import pytest

from palace_coup import (
    _data,
    cascade,
    charts,
    class_charts,
    classroom,
    loyalty,
    preconditions,
    twins,
)

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
    spec.pop("config")  # title settings, not titles
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
    longest_first = {"field": "contribution", "op": "max", "order": "descending"}
    assert any(b["encoding"].get("y", {}).get("sort") == longest_first for b in bars)


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


# ---- Altair's 5,000-row limit is met when a chart is built --------------------


def _rows(spec):
    return {name: len(rows) for name, rows in spec["datasets"].items()}


def test_long_loyalty_curves_draw_thinned_with_their_crossings():
    table = loyalty.curves(months=1000)  # 5,005 rows: over Altair's limit
    crossed = loyalty.crossings(table)
    spec = charts.loyalty_curves(table, crossed).to_dict()  # no MaxRowsError
    sizes = _rows(spec)
    assert max(sizes.values()) <= 2500
    lines = max(spec["datasets"].values(), key=len)
    for faction in loyalty.factions()["faction"]:
        months = {r["month"] for r in lines if r["faction"] == faction}
        assert {0, 1000} <= months  # each curve's first and last month
        first = crossed.set_index("faction").loc[faction, "month"]
        assert int(first) in months  # the crossing is drawn where it is
    longest = loyalty.curves(months=1200)  # the model's longest horizon
    spec = charts.loyalty_curves(longest, loyalty.crossings(longest)).to_dict()
    assert max(_rows(spec).values()) <= 2500
    # Short horizons are drawn month by month, as before.
    short = charts.loyalty_curves(loyalty.curves()).to_dict()
    assert max(_rows(short).values()) == 5 * 25


def test_cascade_chart_refuses_more_thresholds_than_a_chart_draws():
    group = np.linspace(0, 1, 5000)
    charts.cascade(group, [1.0], 1.0).to_dict()
    with pytest.raises(ValueError, match="thresholds must hold at most 5000"):
        charts.cascade(np.linspace(0, 1, 5001), [1.0], 1.0)


def _class(students):
    rng = np.random.default_rng(1)
    count = len(preconditions.ids())
    weights = rng.integers(0, 6, size=(students, count)).astype(float)
    weights[:, 0] += 1  # no student gives every weight 0
    names = [f"Student {k}" for k in range(students)]
    shares = pd.DataFrame(
        {
            "name": np.repeat(names, count),
            "id": np.tile(preconditions.ids(), students),
            "label": np.tile(preconditions.load()["label"], students),
            "share": (weights / weights.sum(axis=1, keepdims=True)).ravel(),
        }
    )
    entries = pd.DataFrame(
        {"name": names, "rule": "compensatory", "index": rng.uniform(0, 1, students)}
    )
    gap = pd.DataFrame(
        {"name": names, "index_gap": entries["index"] - 0.5, "weight_distance": 0.2}
    )
    return entries, shares, gap


def test_class_charts_draw_a_class_of_2000_and_refuse_a_larger_one():
    entries, shares, gap = _class(class_charts.MAX_STUDENTS)
    for chart in (
        charts.class_indices(entries),
        charts.class_weights(shares),
        charts.class_divergence(gap),
    ):
        assert max(_rows(chart.to_dict()).values()) <= 5000
    entries, shares, gap = _class(class_charts.MAX_STUDENTS + 1)
    with pytest.raises(ValueError, match="entries must hold at most 2000 students"):
        charts.class_indices(entries)
    with pytest.raises(ValueError, match="shares must hold at most 2000 students"):
        charts.class_weights(shares)
    with pytest.raises(ValueError, match="divergence must hold at most 2000"):
        charts.class_divergence(gap)


def _divergence_layers(table, **options):
    spec = charts.class_divergence(table, **options).to_dict()
    _, dots, halo, names = (spec["datasets"][v["data"]["name"]] for v in spec["layer"])
    assert halo == names  # every name has its outline
    return spec, dots, names


def test_class_divergence_names_only_the_furthest_out_and_keeps_every_dot():
    rng = np.random.default_rng(3)
    near = pd.DataFrame(
        {
            "name": [f"Near {k}" for k in range(1990)],
            "index_gap": rng.uniform(-0.005, 0.005, 1990),
            "weight_distance": rng.uniform(0.0, 0.05, 1990),
        }
    )
    # Planted far out: on the index axis alone, on the weights axis alone, both.
    # The index axis spans less than a tenth of the weights axis: far left or
    # right on the chart is far out too.
    far = pd.DataFrame(
        {
            "name": ["Left", "Right", "Top", "Corner"] + [f"Far {k}" for k in range(4)],
            "index_gap": [-0.06, 0.05, 0.0, -0.04, 0.03, -0.03, 0.035, -0.035],
            "weight_distance": [0.0, 0.01, 0.8, 0.6, 0.4, 0.45, 0.3, 0.35],
        }
    )
    table = pd.concat([near.iloc[:700], far, near.iloc[700:]], ignore_index=True)
    spec, dots, names = _divergence_layers(table)
    assert len(dots) == 1998  # every student is a dot ...
    tooltip = {t["field"] for t in spec["layer"][1]["encoding"]["tooltip"]}
    assert "name" in tooltip  # ... whose tooltip names them
    assert sorted(r["name"] for r in names) == sorted(far["name"])
    assert class_charts.LABELLED == len(far)
    assert "8 of them named, furthest out first" in spec["description"]
    _, _, three = _divergence_layers(table, labelled=3)
    assert {r["name"] for r in three} == {"Left", "Top", "Corner"}
    _, dots, none = _divergence_layers(table, labelled=0)
    assert none == [] and len(dots) == 1998
    # A student just beside Corner, further out than the Far ones: their name
    # would sit on Corner's, so the next student furthest out is named instead.
    twin = pd.DataFrame(
        {"name": ["Twin"], "index_gap": [-0.04], "weight_distance": [0.59]}
    )
    _, dots, names = _divergence_layers(pd.concat([table, twin], ignore_index=True))
    assert sorted(r["name"] for r in names) == sorted(far["name"])
    assert len(dots) == 1999


def test_class_divergence_names_everyone_whose_name_fits():
    table = pd.DataFrame(
        {
            "name": ["A", "B", "C", "D"],
            "index_gap": [0.0, 0.1, 0.105, -0.2],
            "weight_distance": [0.0, 0.3, 0.305, 0.1],
        }
    )
    apart = table.drop(index=2)
    spec, dots, names = _divergence_layers(apart)
    assert [r["name"] for r in names] == [r["name"] for r in dots] == ["A", "B", "D"]
    assert "one labelled dot per student" in spec["description"]
    # C, a hair further out than B, would write its name on B's: B goes unnamed.
    spec, dots, names = _divergence_layers(table)
    assert [r["name"] for r in names] == ["A", "C", "D"] and len(dots) == 4
    assert "3 of them named" in spec["description"]


@pytest.mark.parametrize("labelled", [-1, 51, 2.5, "8", True])
def test_class_divergence_refuses_a_bad_number_of_labels(labelled):
    with pytest.raises((TypeError, ValueError), match="labelled"):
        charts.class_divergence(SAMPLE.divergence(), labelled=labelled)


def test_class_weights_dots_count_every_student_and_medians_are_exact():
    spec = charts.class_weights(SAMPLE.shares()).to_dict()
    layers = spec["layer"]
    dots = spec["datasets"][layers[0]["data"]["name"]]
    ticks = spec["datasets"][layers[1]["data"]["name"]]
    students = len(SAMPLE.entries)
    for key in preconditions.ids():
        assert sum(d["students"] for d in dots if d["id"] == key) == students
    expected = SAMPLE.shares().groupby("id")["share"].median()
    assert {t["id"]: t["median"] for t in ticks} == pytest.approx(expected.to_dict())


@pytest.mark.parametrize(
    ("index", "bin_range"),
    [
        (0.3, "0.30-0.35"),  # 0.3 // 0.05 == 5.0 would put it in 0.25-0.30
        (0.15, "0.15-0.20"),  # 0.15 // 0.05 == 2.0 would put it in 0.10-0.15
        (0.29999999, "0.25-0.30"),
        (0.0, "0.00-0.05"),
        (0.95, "0.95-1.00"),
        (1.0, "0.95-1.00"),
    ],
)
def test_class_indices_bins_have_exact_edges(index, bin_range):
    table = pd.DataFrame({"name": ["A"], "rule": ["compensatory"], "index": [index]})
    spec = charts.class_indices(table).to_dict()
    [row] = next(iter(spec["datasets"].values()))
    assert row["bin_range"] == bin_range
    low, high = (float(x) for x in bin_range.split("-"))
    assert row["bin"] == pytest.approx((low + high) / 2)


# ---- Charts fit their column, from a 320-px phone to a desktop -----------------


def _views(spec):
    """Every view that draws marks (a unit or a layer), with its spec."""
    for d in _walk(spec):
        if ("mark" in d or "layer" in d) and "width" in d:
            yield d


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_every_chart_sizes_to_its_container(name):
    spec = CHARTS[name]().to_dict()
    views = list(_views(spec))
    assert views, name
    assert all(view["width"] == "container" for view in views), name
    concatenated = any(key in spec for key in ("vconcat", "hconcat", "concat"))
    if concatenated:
        # Vega-Lite cannot fit a concatenation: no part may have a side axis.
        for view in views:
            for d in _walk(view):
                if "y" in d.get("encoding", {}) and "field" in d["encoding"]["y"]:
                    assert d["encoding"]["y"].get("axis", {}) is None, name
    else:
        assert spec["autosize"] == {"type": "fit-x", "contains": "padding"}
    # Heights are pixels: a step height would stop the chart fitting its width.
    assert all(isinstance(view.get("height", 0), int) for view in views), name


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_chart_text_is_at_least_12_px(name):
    spec = CHARTS[name]().to_dict()
    config = spec["config"]
    sizes = [
        config["axis"]["labelFontSize"],
        config["axis"]["titleFontSize"],
        config["legend"]["labelFontSize"],
        config["legend"]["titleFontSize"],
        config["title"]["subtitleFontSize"],
        config["text"]["fontSize"],
    ]
    marks = [d["mark"] for d in _walk(spec) if isinstance(d.get("mark"), dict)]
    sizes += [m["fontSize"] for m in marks if "fontSize" in m]
    assert min(sizes) >= 12, name


def test_titles_break_into_short_lines_on_a_phone():
    spec = charts.timeline().to_dict()
    title = spec["title"]
    assert all(len(line) <= 44 for line in title["subtitle"])
    narrow, wide = title["text"]["expr"].split(" ? ")[1].split(" : ")
    assert all(len(line) <= 30 for line in json.loads(narrow))
    assert (
        json.loads(wide) == "The weeks the article weighs: 31 January to 7 March 2022"
    )
