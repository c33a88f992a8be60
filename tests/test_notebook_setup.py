import importlib.util
import json
import random
import re
from pathlib import Path

import altair as alt
import jupyterquiz
import jupyterquiz.dynamic.display as jq_display
import nbformat
import pytest
import yaml

from palace_coup import notebook, quiz


@pytest.mark.parametrize(
    ("value", "mode", "renderer"),
    [
        ("static", "static", "palace_coup_html"),
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


ROOT = Path(__file__).resolve().parents[1]
QUIZ_DIR = ROOT / "src" / "palace_coup" / "data" / "quizzes"
JQ_JS = Path(jupyterquiz.__file__).parent / "js"
NOTEBOOKS = sorted(
    path
    for folder in ("book", "exercises")
    for path in (ROOT / folder).rglob("*.ipynb")
    if ".ipynb_checkpoints" not in path.parts
)
SHOW = re.compile(r'quiz\.show\("([^"]*)"\)')

# The fields jupyterquiz's JavaScript reads from each answer, by question type
# (js/multiple_choice.js, js/numeric.js): every answer must have exactly these.
ANSWER_FIELDS = {
    "multiple_choice": {None: {"answer", "correct", "feedback"}},
    "many_choice": {None: {"answer", "correct", "feedback"}},
    "numeric": {
        "value": {"type", "value", "correct", "feedback"},
        "range": {"type", "range", "correct", "feedback"},
        "default": {"type", "feedback"},
    },
}
QUESTION_FIELDS = {"question", "type", "answers", "precision"}


def _shown(monkeypatch, name):
    shown = []
    monkeypatch.setattr(jq_display, "display", shown.append)
    quiz.show(name)
    return [getattr(item, "data", "") for item in shown]


def test_quiz_output_is_identical_on_every_run(monkeypatch):
    first = _shown(monkeypatch, "question")
    second = _shown(monkeypatch, "question")
    assert first == second
    text = json.loads((QUIZ_DIR / "question.json").read_text())[0]["question"]
    assert text in first[1]


def test_quiz_leaves_the_global_random_state_alone(monkeypatch):
    random.seed(1)
    expected = random.random()
    random.seed(1)
    _shown(monkeypatch, "question")
    assert random.random() == expected


def test_quiz_rejects_bad_names():
    with pytest.raises(TypeError, match="name must be a str, got int"):
        quiz.show(42)
    with pytest.raises(TypeError, match="name must be a str, got PosixPath"):
        quiz.show(QUIZ_DIR / "question.json")
    known = r"name must be one of 'brave-few', .*'question', .*"
    with pytest.raises(ValueError, match=known + r"got 'quizzes/question\.json'"):
        quiz.show("quizzes/question.json")


def test_quiz_names_are_the_shipped_files():
    assert quiz.names() == sorted(path.stem for path in QUIZ_DIR.glob("*.json"))
    assert len(quiz.names()) >= 11


def test_jupyterquiz_knows_every_question_type_used_here():
    registered = set(
        re.findall(r"Question\.register\('(\w+)'", _read_js(JQ_JS)),
    )
    assert set(ANSWER_FIELDS) <= registered


def _read_js(folder):
    return "".join(path.read_text() for path in sorted(folder.glob("*.js")))


@pytest.mark.parametrize("name", quiz.names())
def test_quiz_file_is_valid_jupyterquiz_input(name):
    questions = json.loads((QUIZ_DIR / f"{name}.json").read_text(encoding="utf-8"))
    assert isinstance(questions, list)
    assert questions, "a quiz needs at least one question"
    for number, question in enumerate(questions, start=1):
        where = f"{name}.json, question {number}"
        assert set(question) <= QUESTION_FIELDS, where
        assert isinstance(question.get("question"), str), where
        assert question["question"].strip(), where
        kind = question.get("type")
        assert kind in ANSWER_FIELDS, f"{where}: unknown type {kind!r}"
        if "precision" in question:
            assert kind == "numeric", where
            assert isinstance(question["precision"], int), where
            assert question["precision"] > 0, where
        answers = question.get("answers")
        assert isinstance(answers, list), where
        assert answers, where
        for answer in answers:
            fields = ANSWER_FIELDS[kind].get(answer.get("type"))
            assert fields is not None, f"{where}: answer type {answer.get('type')!r}"
            assert set(answer) == fields, f"{where}: {sorted(answer)}"
            assert isinstance(answer["feedback"], str), where
            assert answer["feedback"].strip(), f"{where}: empty feedback"
            if "correct" in answer:
                assert isinstance(answer["correct"], bool), where
            if "range" in answer:
                low, high = answer["range"]
                assert low < high, where
        correct = sum(answer.get("correct", False) for answer in answers)
        if kind == "multiple_choice":
            assert correct == 1, f"{where}: {correct} correct answers"
        else:
            assert correct >= 1, f"{where}: no correct answer"


def test_every_quiz_is_shown_by_exactly_one_page():
    pages = {}
    for path in NOTEBOOKS:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code":
                for name in SHOW.findall(cell.source):
                    pages.setdefault(name, []).append(path.relative_to(ROOT))
    assert sorted(pages) == quiz.names()
    shared = {name: found for name, found in pages.items() if len(found) != 1}
    assert not shared


_spec = importlib.util.spec_from_file_location(
    "install_cell", ROOT / "exercises" / "install_cell.py"
)
install_cell = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(install_cell)
REPOSITORY_URL = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
PIP_URL = re.compile(r'%pip install --quiet "palace-coup @ git\+([^"]+)"')


def test_every_notebook_is_checked_for_its_install_cell():
    assert len(NOTEBOOKS) >= 30
    assert set(install_cell.notebooks()) <= set(NOTEBOOKS)


@pytest.mark.parametrize(
    "path", NOTEBOOKS, ids=[str(path.relative_to(ROOT)) for path in NOTEBOOKS]
)
def test_notebook_installs_the_package_from_the_configured_repository(path):
    first = nbformat.read(path, as_version=4).cells[0]
    fix = "run `python exercises/install_cell.py` and `make exercises`"
    assert first.cell_type == "code", f"no install cell first: {fix}"
    assert first.metadata.get("tags") == ["remove-cell"], fix
    assert PIP_URL.findall(first.source) == [REPOSITORY_URL], (
        f"the install cell must name repository.url from _config.yml: {fix}"
    )
    assert first.source == install_cell.install_cell(REPOSITORY_URL).source, fix
