import json
import random

import altair as alt
import jupyterquiz.dynamic.display as jq_display
import pytest

from palace_coup import notebook, quiz


@pytest.mark.parametrize(
    ("value", "mode", "renderer"),
    [
        ("static", "static", "html"),
        ("", "live", "jupyter"),
        ("other", "live", "jupyter"),
    ],
)
def test_setup_picks_the_offline_renderer(monkeypatch, value, mode, renderer):
    monkeypatch.setenv(notebook.RENDER_ENV, value)
    previous = alt.renderers.active
    try:
        assert notebook.setup() == mode
        assert alt.renderers.active == renderer
        assert alt.renderers.options.get("embed_options") == {"actions": False}
    finally:
        alt.renderers.enable(previous)


@pytest.fixture
def quiz_file(tmp_path):
    path = tmp_path / "sample.json"
    question = {
        "question": "When did the full-scale invasion begin?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "24 February 2022", "correct": True, "feedback": "Yes."},
            {"answer": "26 February 2022", "correct": False, "feedback": "No."},
        ],
    }
    path.write_text(json.dumps([question]))
    return path


def _shown(monkeypatch, path):
    shown = []
    monkeypatch.setattr(jq_display, "display", shown.append)
    quiz.show(path)
    return [getattr(item, "data", "") for item in shown]


def test_quiz_output_is_identical_on_every_run(monkeypatch, quiz_file):
    first = _shown(monkeypatch, quiz_file)
    second = _shown(monkeypatch, quiz_file)
    assert first == second
    assert "24 February 2022" in first[1]


def test_quiz_leaves_the_global_random_state_alone(monkeypatch, quiz_file):
    random.seed(1)
    expected = random.random()
    random.seed(1)
    _shown(monkeypatch, quiz_file)
    assert random.random() == expected


def test_quiz_rejects_bad_paths(tmp_path):
    with pytest.raises(TypeError, match="path must be a str"):
        quiz.show(42)
    with pytest.raises(FileNotFoundError, match="no quiz file"):
        quiz.show(tmp_path / "missing.json")
