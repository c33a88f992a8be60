"""Student copies of the exercises: fresh, complete, and free of solutions."""

import importlib.util
import json
import re
from pathlib import Path

import nbformat
import pytest
import yaml

from palace_coup import feedback

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
_spec = importlib.util.spec_from_file_location(
    "make_student_copies", EXERCISES / "make_student_copies.py"
)
generator = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(generator)

SOURCES = generator.sources()
IDS = [path.stem for path in SOURCES]
CHECK = re.compile(r'feedback\.check\("([^"]+)"')


def _tags(cell):
    return cell.get("metadata", {}).get("tags", [])


def _secret_lines(solution):
    """Lines of solution cells that no other cell of the source gives away."""
    given = {
        line.strip()
        for cell in solution.cells
        if "solution" not in _tags(cell)
        for line in cell.source.splitlines()
    }
    return {
        line.strip()
        for cell in solution.cells
        if "solution" in _tags(cell)
        for line in cell.source.splitlines()
        if re.search(r"[A-Za-z0-9]", line) and line.strip() not in given
    }


def test_there_are_at_least_eight_exercises():
    assert len(SOURCES) >= 8, IDS


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_student_copy_is_fresh(path):
    solution = nbformat.read(path, as_version=4)
    committed = EXERCISES / path.name
    assert committed.is_file(), f"run `make exercises`: {committed.name} is missing"
    expected = generator.student_copy(solution, path.stem)
    found = generator.shape(nbformat.read(committed, as_version=4))
    assert found == generator.shape(expected), (
        f"{committed.name} is stale: run `make exercises`"
    )


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_student_copy_holds_no_solution_line(path):
    solution = nbformat.read(path, as_version=4)
    secrets = _secret_lines(solution)
    assert secrets, f"{path.name} has no cell tagged 'solution'"
    student_text = (EXERCISES / path.name).read_text(encoding="utf-8")
    # Compare against the JSON-decoded text of every cell and output.
    student = json.loads(student_text)
    blobs = json.dumps(student, ensure_ascii=False)
    decoded = [
        "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
        for cell in student["cells"]
    ]
    decoded += [
        json.dumps(output, ensure_ascii=False)
        for cell in student["cells"]
        for output in cell.get("outputs", [])
    ]
    text = "\n".join(decoded) + blobs
    leaked = sorted(line for line in secrets if line in text)
    assert not leaked, f"{path.name}: solution lines in the student copy: {leaked}"


@pytest.mark.parametrize("path", SOURCES, ids=IDS)
def test_student_copy_outputs_say_not_yet(path):
    student = nbformat.read(EXERCISES / path.name, as_version=4)
    checks = [cell for cell in student.cells if CHECK.search(cell.source)]
    assert checks
    for cell in checks:
        text = "".join(o.get("data", {}).get("text/plain", "") for o in cell.outputs)
        assert text.startswith("Not yet: replace `...`"), (path.name, cell.source)


def test_no_orphan_student_copies():
    copies = {path.name for path in EXERCISES.glob("*.ipynb")}
    assert copies == {path.name for path in SOURCES}


def test_every_question_is_checked_in_exactly_one_exercise():
    seen = []
    for path in SOURCES:
        for cell in nbformat.read(path, as_version=4).cells:
            seen += CHECK.findall(cell.source)
    assert sorted(seen) == sorted(feedback.questions())


def test_exercises_and_solutions_are_in_the_table_of_contents():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = json.dumps(toc)
    for name in IDS:
        assert f'"exercises/{name}"' in files, name
        assert f'"exercises/solutions/{name}"' in files, name
