"""A class's dated forecasts: saved, pooled, scored once resolved (issue 15, 3b)."""

import datetime as dt
import json
from importlib import resources

import pytest

from palace_coup import classroom

SAMPLE = resources.files("palace_coup") / "data" / "sample_class"
EXERCISE = classroom.exercise_question()
OPEN = classroom.forecast_question(
    "putin_2027",
    "Putin is no longer President of Russia on 31 December 2027.",
    "2027-12-31",
)


def _record(name, probability, date, verdict="recorded"):
    answer = {"probability": probability, "date": date}
    return {
        "format": "palace-coup-exercise-record",
        "version": 1,
        "name": name,
        "saved": "2026-12-01T22:00:00Z",
        "answers": {
            "forecast.own": {
                "answer": answer,
                "verdict": verdict,
                "misconception": None,
                "at": "2026-12-01T21:00:00Z",
            }
        },
    }


def _write(folder, file, record):
    (folder / file).write_text(json.dumps(record), encoding="utf-8")


def test_the_exercise_question_comes_from_the_bank():
    assert EXERCISE.id == "forecast.own" and EXERCISE.outcome == 0
    assert EXERCISE.made_by == dt.date(2022, 3, 7)
    assert EXERCISE.resolves_on == dt.date(2023, 12, 31)


def test_pool_and_scores_by_hand(tmp_path):
    # Three forecasts of the exercise's question, which resolved with outcome 0.
    for name, p in [("A", "0.1"), ("B", "0.3"), ("C", ".2")]:
        _write(tmp_path, f"{name}.json", _record(name, p, "2022-03-02"))
    klass = classroom.load_forecasts(tmp_path)
    assert klass.problems == []
    [row] = klass.pooled().to_dict("records")
    assert row["forecasts"] == 3
    assert row["class_forecast"] == pytest.approx(0.2)
    assert row["class_brier"] == pytest.approx(0.04)  # (0.2 - 0) ** 2
    assert row["mean_brier"] == pytest.approx((0.01 + 0.09 + 0.04) / 3)
    scores = klass.scores().set_index("name")["brier"]
    assert scores.to_dict() == pytest.approx({"A": 0.01, "B": 0.09, "C": 0.04})


def test_an_open_question_is_pooled_now_and_scored_by_the_next_cohort(tmp_path):
    for name, p in [("Ada", 0.1), ("Bob", 0.4)]:
        classroom.save_forecast(OPEN, p, name, tmp_path, made_on="2026-12-01")
    klass = classroom.load_forecasts(tmp_path)
    [row] = klass.pooled(today="2026-12-01").to_dict("records")
    assert row["class_forecast"] == pytest.approx(0.25)
    assert row["text"] == OPEN.text and row["resolves_on"] == OPEN.resolves_on
    assert row["class_brier"] != row["class_brier"]  # NaN: not resolved yet
    with pytest.raises(ValueError, match=r"putin_2027.*cannot be scored on 2026-12-01"):
        klass.pooled({"putin_2027": 0}, today="2026-12-01")
    # A year later the next cohort's lecturer scores the same folder.
    [row] = klass.pooled({"putin_2027": 1}, today="2028-01-02").to_dict("records")
    assert row["class_brier"] == pytest.approx(0.75**2)
    assert row["mean_brier"] == pytest.approx((0.9**2 + 0.6**2) / 2)


@pytest.mark.parametrize(
    ("outcomes", "error", "match"),
    [
        ({"nope": 1}, ValueError, "unknown question 'nope'"),
        ({"putin_2027": 2}, ValueError, r"outcomes\['putin_2027'\] must be 0 or 1"),
        ({"putin_2027": True}, ValueError, "must be 0 or 1"),
        ([("putin_2027", 1)], TypeError, "outcomes must map"),
    ],
)
def test_bad_outcomes_are_named(tmp_path, outcomes, error, match):
    classroom.save_forecast(OPEN, 0.1, "Ada", tmp_path, made_on="2026-12-01")
    with pytest.raises(error, match=match):
        classroom.load_forecasts(tmp_path).pooled(outcomes, today="2028-01-02")


BAD_FORECASTS = {
    "percent.json": (_record("P", "20%", "2022-03-02"), "not a number in [0, 1]"),
    "comma.json": (_record("Q", "0,2", "2022-03-02"), "not a number in [0, 1]"),
    "huge.json": (_record("R", "1e400", "2022-03-02"), "not a number in [0, 1]"),
    "two.json": (_record("S", "2", "2022-03-02"), "not a number in [0, 1]"),
    "hindsight.json": (_record("T", "0.1", "2022-06-01"), "after the latest date"),
    "too-late.json": (_record("W", "0.1", "2024-01-01"), "not before the question"),
    "bad-date.json": (_record("U", "0.1", "March 2022"), "date must be a date"),
    "unrecorded.json": (
        _record("V", "0.1", "2022-03-02", verdict="not_yet"),
        "not recorded by the book (verdict not_yet)",
    ),
}


def test_bad_forecasts_are_reported_and_skipped(tmp_path):
    _write(tmp_path, "good.json", _record("Good", "0.15", "2022-03-01"))
    for file, (record, _) in BAD_FORECASTS.items():
        _write(tmp_path, file, record)
    klass = classroom.load_forecasts(tmp_path)
    assert klass.entries["name"].tolist() == ["Good"]
    problems = dict(klass.problems)
    for file, (_, reason) in BAD_FORECASTS.items():
        assert reason in problems[file], (file, problems[file])


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"probability": 1.5}, ValueError, "probability"),
        ({"probability": True}, TypeError, "probability"),
        ({"probability": "0.2"}, TypeError, "probability"),
        ({"name": "Ada\n"}, ValueError, "name"),
        ({"made_on": "2027-12-31"}, ValueError, "made_on .* not before"),
        ({"made_on": "31/12/2026"}, ValueError, "made_on must be a date"),
        ({"question": "putin_2027"}, TypeError, "question"),
    ],
)
def test_save_forecast_refuses_bad_input(tmp_path, kwargs, error, match):
    call = {"question": OPEN, "probability": 0.2, "name": "Ada", "made_on": None}
    call.update(kwargs)
    with pytest.raises(error, match=match):
        classroom.save_forecast(
            call["question"],
            call["probability"],
            call["name"],
            tmp_path,
            made_on=call["made_on"],
        )
    assert list(tmp_path.iterdir()) == []


def test_the_exercise_question_refuses_hindsight_on_save(tmp_path):
    with pytest.raises(ValueError, match="after the latest date allowed"):
        classroom.save_forecast(EXERCISE, 0.1, "Ada", tmp_path, made_on="2022-03-08")


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("Bad Id", "x", "2027-01-01"), "id must be"),
        (("q", "line\nbreak", "2027-01-01"), "text has a control character"),
        (("q", "x" * 301, "2027-01-01"), "text must be at most 300"),
        (("q", "x", "2027-01-01", "2027-02-01"), "made_by must not be after"),
        (("q", "x", "soon"), "resolves_on must be a date"),
    ],
)
def test_forecast_question_checks_its_arguments(args, match):
    with pytest.raises(ValueError, match=match):
        classroom.forecast_question(*args)


def test_one_question_id_cannot_mean_two_questions(tmp_path):
    classroom.save_forecast(OPEN, 0.1, "Ada", tmp_path / "a", made_on="2026-12-01")
    other = classroom.forecast_question("putin_2027", "Something else.", "2027-12-31")
    classroom.save_forecast(other, 0.3, "Bob", tmp_path / "a", made_on="2026-12-01")
    klass = classroom.load_forecasts(tmp_path / "a")
    assert klass.entries["name"].tolist() == ["Ada"]
    assert (
        "worded or dated differently"
        in dict(klass.problems)[next(p.name for p in (tmp_path / "a").glob("*bob*"))]
    )


def test_a_students_latest_forecast_counts(tmp_path):
    first = classroom.save_forecast(
        OPEN,
        0.1,
        "Ada",
        tmp_path,
        made_on="2026-11-01",
        saved_at="2026-11-01T10:00:00Z",
    )
    record = json.loads(first.read_text())
    record.update(probability=0.5, saved_at="2026-11-20T10:00:00Z")
    (tmp_path / "copy-handed-in-again.json").write_text(json.dumps(record))
    klass = classroom.load_forecasts(tmp_path)
    assert klass.entries["probability"].tolist() == [0.5]
    assert "older file of the same student" in dict(klass.problems)[first.name]


def test_the_sample_class_is_scored_on_the_exercise_and_open_on_its_own():
    klass = classroom.load_forecasts(SAMPLE)
    pooled = klass.pooled(today="2026-12-01").set_index("question")
    assert pooled.loc["forecast.own", "forecasts"] >= 15
    assert (
        pooled.loc["forecast.own", "class_brier"]
        <= pooled.loc["forecast.own", "mean_brier"]
    )
    assert pooled.loc["putin_2027", "forecasts"] == 12
    assert klass.entries["name"].str.endswith("(fictional)").all()
