"""Saving and loading a class's weightings; bad files are reported, not fatal."""

import json
from importlib import resources

import pytest

from palace_coup import charts, classroom, preconditions


def _save(folder, name, **kwargs):
    state = {"scores": {}, "weights": {}, "rule": "compensatory", **kwargs}
    return classroom.save(state, name, folder, saved_at="2026-03-01T10:00:00Z")


def test_round_trip(tmp_path):
    path = _save(tmp_path, "Ada Lovelace", rule="necessary")
    record = json.loads(path.read_text())
    assert record["format"] == classroom.FORMAT
    assert set(record["scores"]) == set(preconditions.ids())
    klass = classroom.load(tmp_path)
    assert klass.problems == []
    [row] = klass.entries.to_dict("records")
    assert row["name"] == "Ada Lovelace"
    assert row["index"] == preconditions.score(rule="necessary").index


def test_save_is_deterministic_with_a_timestamp(tmp_path):
    first = _save(tmp_path / "a", "B").read_bytes()
    second = _save(tmp_path / "b", "B").read_bytes()
    assert first == second


def test_save_rejects_bad_names_and_weightings(tmp_path):
    with pytest.raises(ValueError, match="name"):
        _save(tmp_path, "   ")
    with pytest.raises(ValueError, match="elite_courage"):
        _save(tmp_path, "C", scores={"elite_courage": 3})
    with pytest.raises(TypeError, match="weighting"):
        classroom.save([0.1, 0.2], "D", tmp_path)


BAD_FILES = {
    "broken.json": ("{not json", "not valid JSON"),
    "foreign.json": (json.dumps({"cells": [], "nbformat": 4}), "not a saved weighting"),
    "list.json": ("[1, 2, 3]", "not a saved weighting"),
    "notes.txt": ("hello", "not a .json file"),
    "binary.json": (b"\xff\xfe\x00\x81", "not UTF-8 text"),
}


def _bad_record(**changes):
    record = {
        "format": classroom.FORMAT,
        "name": "X",
        "rule": "compensatory",
        "scores": preconditions.score().scores,
        "weights": preconditions.score().weights,
    }
    record.update(changes)
    return json.dumps(record)


BAD_RECORDS = {
    "out-of-range.json": (
        _bad_record(scores={**preconditions.score().scores, "fsb_disloyalty": 1.7}),
        "fsb_disloyalty",
    ),
    "unknown-rule.json": (_bad_record(rule="weakest-link"), "rule"),
    "zero-weights.json": (
        _bad_record(weights=dict.fromkeys(preconditions.ids(), 0)),
        "weights must not all be zero",
    ),
    "missing-key.json": (
        json.dumps({"format": classroom.FORMAT, "name": "Y", "rule": "compensatory"}),
        "missing scores, weights",
    ),
    "partial.json": (_bad_record(scores={"elite_courage": 0.5}), "scores lacks"),
    "text-score.json": (
        _bad_record(scores={**preconditions.score().scores, "elite_courage": "high"}),
        "elite_courage",
    ),
    "no-name.json": (_bad_record(name=""), "name"),
}


def test_bad_and_foreign_files_are_reported_and_skipped(tmp_path):
    _save(tmp_path, "Good one")
    for name, (content, _) in {**BAD_FILES, **BAD_RECORDS}.items():
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content)
    (tmp_path / "subfolder").mkdir()
    (tmp_path / ".hidden").write_text("ignored")
    klass = classroom.load(tmp_path)
    assert klass.entries["name"].tolist() == ["Good one"]
    reasons = dict(klass.problems)
    assert set(reasons) == set(BAD_FILES) | set(BAD_RECORDS)
    for name, (_, reason) in {**BAD_FILES, **BAD_RECORDS}.items():
        assert reason in reasons[name], (name, reasons[name])


def test_hand_edited_index_is_recomputed(tmp_path):
    path = _save(tmp_path, "Edited")
    record = json.loads(path.read_text())
    record["index"] = 0.99
    path.write_text(json.dumps(record))
    assert (
        classroom.load(tmp_path).entries["index"].item() == preconditions.score().index
    )


def test_missing_folder_raises(tmp_path):
    with pytest.raises(FileNotFoundError, match="folder"):
        classroom.load(tmp_path / "nowhere")


def test_empty_folder_gives_empty_class(tmp_path):
    klass = classroom.load(tmp_path)
    assert klass.entries.empty and klass.problems == []
    assert klass.divergence().empty


def test_sample_class_spread_and_divergence():
    klass = classroom.load(resources.files("palace_coup") / "data" / "sample_class")
    assert len(klass.entries) == 6
    assert all("fictional" in name for name in klass.entries["name"])
    shares = klass.shares()
    assert shares.groupby("name")["share"].sum().round(12).eq(1).all()
    divergence = klass.divergence()
    assert divergence["weight_distance"].between(0, 1).all()
    assert divergence["index_gap"].median() == pytest.approx(0, abs=1e-12)
    for chart in (
        charts.class_indices(klass.entries),
        charts.class_weights(shares),
        charts.class_divergence(divergence),
    ):
        chart.to_dict(validate=True)
