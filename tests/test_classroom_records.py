"""A class's exercise records (issue 15, item 3a; the contract of TEAMWORK.md)."""

import json
from importlib import resources

import pytest

from palace_coup import classroom, feedback
from palace_coup.classroom import records

SAMPLE = resources.files("palace_coup") / "data" / "sample_class"
Q1, Q2, Q3 = feedback.questions()[:3]
FAKE_BANK = {Q1: {"counts_twice": "You counted it twice."}, Q2: {"wrong_side": "..."}}


@pytest.fixture
def bank(monkeypatch):
    """A question bank whose first two questions have misconception ids."""
    monkeypatch.setattr(records, "misconceptions", lambda: FAKE_BANK)
    return FAKE_BANK


def _record(name="Ada", answers=None, **changes):
    record = {
        "format": "palace-coup-exercise-record",
        "version": 1,
        "name": name,
        "saved": "2026-12-01T22:00:00Z",
        "answers": answers or {},
    }
    record.update(changes)
    return record


def _answer(verdict="right", misconception=None, answer="0.317"):
    return {
        "answer": answer,
        "verdict": verdict,
        "misconception": misconception,
        "at": "2026-12-01T21:55:10Z",
    }


def _write(folder, file, record):
    (folder / file).write_text(json.dumps(record), encoding="utf-8")


def test_the_contracts_example_loads(tmp_path):
    _write(tmp_path, "ada.json", _record(answers={"weigh.by_hand_index": _answer()}))
    klass = classroom.load_records(tmp_path)
    assert klass.students == 1 and klass.problems == []
    [row] = klass.answers.to_dict("records")
    assert row["name"] == "Ada" and row["question"] == "weigh.by_hand_index"
    assert row["exercise"] == "weigh" and row["verdict"] == "right"


def test_questions_and_misconceptions_are_tallied(tmp_path, bank):
    # Four students: Q1 right, not yet (counts_twice) twice, written; Q2 not yet.
    verdicts = [
        ("right", None),
        ("not_yet", "counts_twice"),
        ("not_yet", "counts_twice"),
        ("not_yet", None),
    ]
    for i, (verdict, misconception) in enumerate(verdicts):
        answers = {Q1: _answer(verdict, misconception)}
        if i == 0:
            answers[Q2] = _answer("not_yet", "wrong_side")
        _write(tmp_path, f"s{i}.json", _record(f"Student {i}", answers))
    klass = classroom.load_records(tmp_path)
    table = klass.questions().set_index("question")
    assert table.loc[Q1, ["answered", "right", "not_yet", "written"]].tolist() == [
        4,
        1,
        3,
        0,
    ]
    assert table.loc[Q1, "not_yet_share"] == 0.75
    assert table.loc[Q3, "answered"] == 0
    assert len(table) == len(feedback.questions())
    hits = klass.misconceptions()
    assert hits[["question", "misconception", "students"]].values.tolist() == [
        [Q1, "counts_twice", 2],
        [Q2, "wrong_side", 1],
    ]
    assert hits["share"].tolist() == [0.5, 1.0]
    assert hits["message"].iloc[0] == "You counted it twice."


def test_unknown_questions_and_misconceptions_are_reported_not_trusted(tmp_path, bank):
    answers = {
        "not.a.question": _answer(),
        Q1: _answer("not_yet", "made_up"),
        Q2: _answer("not_yet", "<script>"),
        Q3: _answer("brilliant"),
    }
    _write(tmp_path, "r.json", _record(answers=answers))
    klass = classroom.load_records(tmp_path)
    assert sorted(klass.answers["question"]) == sorted([Q1, Q2])
    assert klass.answers["misconception"].isna().all()
    reasons = " | ".join(reason for _, reason in klass.problems)
    assert "'not.a.question' is not in the question bank" in reasons
    assert "misconception 'made_up' is not in the bank" in reasons
    assert "misconception '<script>' is not in the bank" in reasons
    assert "verdict must be one of" in reasons
    assert klass.misconceptions().empty


BAD_RECORDS = {
    "wrong-format.json": ({"format": "something-else"}, "not an exercise record"),
    "version-2.json": (_record(version=2), "version must be 1"),
    "no-saved.json": (_record(saved="yesterday"), "saved must be a date and time"),
    "answers-list.json": (_record(answers=[1, 2]), "answers must be an object"),
    "bidi-name.json": (_record(name="Ada\u202e"), "bidirectional override"),
    "number-name.json": (_record(name=7), "name must be a string"),
}


def test_bad_records_are_reported_and_never_stop_the_class(tmp_path):
    _write(tmp_path, "good.json", _record(answers={Q1: _answer()}))
    for file, (record, _) in BAD_RECORDS.items():
        _write(tmp_path, file, record)
    (tmp_path / "huge.json").write_bytes(b" " * (records.MAX_BYTES + 1))
    long = _record("Long", answers={Q1: _answer(answer="x" * 20_001)})
    _write(tmp_path, "long-answer.json", long)
    klass = classroom.load_records(tmp_path)
    assert klass.students == 2  # good.json, and long-answer.json without its answer
    problems = dict(klass.problems)
    for file, (_, reason) in BAD_RECORDS.items():
        assert reason in problems[file], (file, problems[file])
    assert "larger than 256,000 bytes" in problems["huge.json"]
    assert "longer than 20,000 characters" in problems["long-answer.json"]


def test_anonymous_records_all_count_and_named_ones_once(tmp_path):
    for i in range(3):
        _write(tmp_path, f"anon{i}.json", _record("", answers={Q1: _answer()}))
    _write(tmp_path, "ada-1.json", _record(answers={Q1: _answer("not_yet")}))
    later = _record(answers={Q1: _answer()}, saved="2026-12-02T09:00:00Z")
    _write(tmp_path, "ada-2.json", later)
    klass = classroom.load_records(tmp_path)
    assert klass.students == 4
    assert klass.questions().set_index("question").loc[Q1, "right"] == 4
    assert (
        "older file of the same student as ada-2.json"
        in dict(klass.problems)["ada-1.json"]
    )


def test_other_class_files_are_passed_over(tmp_path):
    classroom.save({"scores": {}, "weights": {}}, "Bob", tmp_path)
    _write(tmp_path, "r.json", _record(answers={Q1: _answer()}))
    klass = classroom.load_records(tmp_path)
    assert klass.students == 1 and klass.problems == []
    assert classroom.load(tmp_path).problems == []  # and the other way round


def test_the_sample_class_is_fictional_and_uses_only_the_bank():
    klass = classroom.load_records(SAMPLE)
    assert klass.students == 24
    assert klass.answers["name"].str.endswith("(fictional)").all()
    assert set(klass.answers["question"]) <= set(feedback.questions())
    assert {file for file, _ in klass.problems} == {"broken-example.json", "notes.txt"}
    hits = klass.misconceptions()
    bank = records.misconceptions()
    pairs = zip(hits["question"], hits["misconception"], strict=True)
    assert all(m in bank[q] for q, m in pairs)
