"""Charts of a class's exercise records and forecasts (issue 15, item 3)."""

import json
from importlib import resources

import numpy as np
import pandas as pd
import pytest
import vl_convert

from palace_coup import charts, classroom, feedback
from palace_coup.chart_checks import MAX_ROWS
from palace_coup.class_work_charts import BIN_WIDTH

SAMPLE = resources.files("palace_coup") / "data" / "sample_class"
RECORDS = classroom.load_records(SAMPLE)
FORECASTS = classroom.load_forecasts(SAMPLE)
MISCONCEPTIONS = pd.DataFrame(
    {
        "question": ["a.x", "a.y", "a.z"],
        "misconception": ["percent", "value_b", "extra_fsb"],
        "message": ["Write 10% as 0.1.", "x" * 300, "Not the FSB."],
        "students": [2, 9, 5],
        "share": [0.1, 0.45, 0.25],
    }
)


def _rows(chart):
    spec = chart.to_dict()
    return [len(rows) for rows in spec.get("datasets", {}).values()]


def _big_class(students=2000, seed=0):
    """A class of ``students`` in memory: records and forecasts, no files."""
    rng = np.random.default_rng(seed)
    questions = feedback.questions()
    answers = pd.DataFrame(
        {
            "name": np.repeat([f"S{i}" for i in range(students)], len(questions)),
            "question": np.tile(questions, students),
            "verdict": rng.choice(
                ["right", "not_yet", "written"], students * len(questions)
            ),
            "misconception": None,
        }
    )
    answers["exercise"] = answers["question"].str.split(".").str[0]
    records = classroom.ClassRecords(answers, students)
    entries = pd.DataFrame(
        {
            "name": [f"S{i}" for i in range(students)],
            "file": "f.json",
            "question": "forecast.own",
            "made_on": pd.Timestamp("2022-03-01").date(),
            "probability": rng.beta(2, 10, students).round(2),
        }
    )
    question = classroom.exercise_question()
    forecasts = classroom.ClassForecasts(entries, {question.id: question})
    return records, forecasts


def _charts(records, forecasts):
    return {
        "questions": charts.class_questions(records.questions()),
        "misconceptions": charts.class_misconceptions(MISCONCEPTIONS),
        "forecasts": charts.class_forecasts(forecasts.scores(), forecasts.pooled()),
    }


@pytest.mark.parametrize("name", ["questions", "misconceptions", "forecasts"])
def test_each_chart_is_valid_titled_and_described(name):
    chart = _charts(RECORDS, FORECASTS)[name]
    spec = chart.to_dict(validate=True)
    assert spec["title"]["text"] and spec["title"]["subtitle"]
    assert len(spec["description"]) > 40


def test_questions_are_the_hardest_first():
    table = RECORDS.questions()
    spec = charts.class_questions(table, top=5).to_dict()
    answered = table[table["answered"] > 0]
    share = answered["not_yet"] / answered["answered"]
    # Hardest first; ties by more students not yet right, then book order.
    expected = answered.assign(s=share).sort_values(
        ["s", "not_yet"], ascending=False, kind="stable"
    )
    assert spec["encoding"]["y"]["sort"] == expected["question"].head(5).tolist()
    [rows] = spec["datasets"].values()
    totals = pd.DataFrame(rows).groupby("question")["share"].sum()
    assert np.allclose(totals, 1.0) and len(totals) == 5


def test_misconceptions_most_hit_first_and_messages_cut():
    spec = charts.class_misconceptions(MISCONCEPTIONS, top=2).to_dict()
    assert spec["encoding"]["y"]["sort"] == ["value_b|a.y", "extra_fsb|a.z"]
    [rows] = spec["datasets"].values()
    assert max(len(row["message"]) for row in rows) == 160


def test_no_misconception_says_so():
    spec = charts.class_misconceptions(MISCONCEPTIONS.iloc[:0]).to_dict()
    assert spec["mark"]["type"] == "text"
    assert "No targeted misconception" in json.dumps(spec)


def test_forecast_panels_count_every_forecast_and_say_how_it_scored():
    pooled = FORECASTS.pooled(today="2026-12-01")
    spec = charts.class_forecasts(FORECASTS.scores(), pooled).to_dict()
    assert len(spec["vconcat"]) == len(pooled) == 2
    for panel, (_, row) in zip(spec["vconcat"], pooled.iterrows(), strict=True):
        bars = spec["datasets"][panel["layer"][0]["data"]["name"]]
        assert sum(b["students"] for b in bars) == row["forecasts"]
        assert len(bars) == round(1 / BIN_WIDTH)
        subtitle = " ".join(panel["title"]["subtitle"])
        if row["question"] == "forecast.own":
            assert (
                f"{row['class_brier']:.3f}" in subtitle and "did not happen" in subtitle
            )
        else:
            assert "Open until 2027-12-31" in subtitle


def test_no_students_name_reaches_these_charts():
    text = json.dumps([c.to_dict() for c in _charts(RECORDS, FORECASTS).values()])
    assert "fictional" not in text


def test_a_class_of_2000_draws_in_every_chart():
    records, forecasts = _big_class()
    for name, chart in _charts(records, forecasts).items():
        assert max(_rows(chart)) < 100, name  # counts, not one row per student
        svg = vl_convert.vegalite_to_svg(chart.to_dict())
        assert svg.count("<path") + svg.count("<rect") > 5, name
    questions = records.questions()
    assert questions["answered"].eq(2000).all()
    assert MAX_ROWS >= 5000


@pytest.mark.parametrize(
    ("call", "error", "match"),
    [
        (lambda: charts.class_questions([1, 2]), TypeError, "questions"),
        (lambda: charts.class_questions(RECORDS.questions(), top=0), ValueError, "top"),
        (
            lambda: charts.class_questions(pd.DataFrame({"x": [1]})),
            ValueError,
            "questions",
        ),
        (
            lambda: charts.class_misconceptions(MISCONCEPTIONS, top=2.5),
            TypeError,
            "top",
        ),
        (lambda: charts.class_forecasts(FORECASTS.scores(), "x"), TypeError, "pooled"),
        (
            lambda: charts.class_forecasts(
                FORECASTS.scores(), FORECASTS.pooled().iloc[:1]
            ),
            ValueError,
            "questions that pooled has not",
        ),
        (
            lambda: charts.class_forecasts(
                FORECASTS.scores().iloc[:0], pd.concat([FORECASTS.pooled()] * 4)
            ),
            ValueError,
            "at most 6 questions",
        ),
    ],
)
def test_bad_input_names_the_argument(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_certain_forecasts_fall_in_the_end_bins():
    scores = pd.DataFrame({"question": ["q"] * 3, "probability": [0.0, 1.0, 0.05]})
    pooled = pd.DataFrame(
        {
            "question": ["q"],
            "text": ["Q?"],
            "resolves_on": ["2030-01-01"],
            "forecasts": [3],
            "class_forecast": [0.35],
            "outcome": [float("nan")],
            "class_brier": [float("nan")],
            "mean_brier": [float("nan")],
        }
    )
    spec = charts.class_forecasts(scores, pooled).to_dict()
    bars = spec["datasets"][spec["vconcat"][0]["layer"][0]["data"]["name"]]
    assert [b["students"] for b in bars if b["students"]] == [1, 1, 1]
    assert bars[-1]["students"] == 1 and bars[1]["students"] == 1  # 0.05 opens bin 2
