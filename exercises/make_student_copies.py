"""Make the student copies of the exercises from their worked solutions.

Each exercise has one source, ``exercises/solutions/<name>.ipynb``, holding the
questions, the checks and the worked solution. Cells tagged ``solution`` hold
the solution: the student copy ``exercises/<name>.ipynb`` replaces each with an
answer cell to fill in (``answer = ...`` for code, a blank "your reasoning"
cell for prose). Cells tagged ``solution-only`` (e.g. "this is the worked
solution") are left out. The title loses its "Worked solution: " prefix, and a
last cell links to the worked solution, one deliberate click away.

Run ``make exercises`` (this script, then both kinds of notebook are executed
so their outputs are stored), or ``python exercises/make_student_copies.py``
to regenerate the student copies without outputs.
"""

from __future__ import annotations

import ast
import copy
import sys
from pathlib import Path

import nbformat

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "solutions"
TITLE_PREFIX = "# Worked solution: "

ANSWER_PROSE = (
    "**Your reasoning.** In the notebook, edit this cell: say in a sentence or "
    "two why your answer is right, then compare with the worked solution."
)
LINK = (
    "## When you have tried every question\n\n"
    "Compare your answers and your reasoning with the "
    "[worked solution](solutions/{name}.ipynb)."
)


def sources() -> list[Path]:
    """Return the solution notebooks, sorted by name.

    Returns
    -------
    list of pathlib.Path
        Every ``exercises/solutions/*.ipynb``.

    Examples
    --------
    >>> all(path.suffix == ".ipynb" for path in sources())
    True
    """
    return sorted(SOURCES.glob("*.ipynb"))


def _tags(cell: nbformat.NotebookNode) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def answer_name(source: str) -> str | None:
    r"""Return the variable a solution cell assigns last, if any.

    Parameters
    ----------
    source : str
        The code of a solution cell.

    Returns
    -------
    str or None
        The name of the last top-level assignment target.

    Examples
    --------
    >>> answer_name("total = 3\nanswer = total / 4")
    'answer'
    >>> answer_name("print(1)") is None
    True
    """
    name = None
    for node in ast.parse(source).body:
        targets = node.targets if isinstance(node, ast.Assign) else []
        if isinstance(node, ast.AnnAssign | ast.AugAssign):
            targets = [node.target]
        for target in targets:
            if isinstance(target, ast.Name):
                name = target.id
    return name


def answer_cell(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Return the cell a student fills in, in place of a solution cell.

    Parameters
    ----------
    cell : nbformat.NotebookNode
        A cell tagged ``solution``.

    Returns
    -------
    nbformat.NotebookNode
        A code cell ``<name> = ...`` (``name`` as assigned by the solution) or,
        for a markdown solution, a "your reasoning" cell; same cell id, tagged
        ``answer``.

    Examples
    --------
    >>> cell = nbformat.v4.new_code_cell("answer = 0.25", id="q1")
    >>> cell.metadata["tags"] = ["solution"]
    >>> print(answer_cell(cell).source)
    # Your answer: replace ... and run this cell, then the check below.
    answer = ...
    """
    if cell.cell_type == "code":
        name = answer_name(cell.source) or "answer"
        new = nbformat.v4.new_code_cell(
            "# Your answer: replace ... and run this cell, then the check below.\n"
            f"{name} = ...",
            id=cell.get("id"),
        )
    else:
        new = nbformat.v4.new_markdown_cell(ANSWER_PROSE, id=cell.get("id"))
    new.metadata["tags"] = ["answer"]
    return new


def student_copy(solution: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """Return the student copy of a solution notebook, without outputs.

    Parameters
    ----------
    solution : nbformat.NotebookNode
        The source notebook.
    name : str
        Its file stem, for the link to the worked solution.

    Returns
    -------
    nbformat.NotebookNode
        A new notebook: solution cells replaced, ``solution-only`` cells
        dropped, title prefix removed, outputs cleared, a link cell appended.
    """
    student = copy.deepcopy(solution)
    cells = []
    for cell in solution.cells:
        tags = _tags(cell)
        if "solution-only" in tags:
            continue
        if "solution" in tags:
            cells.append(answer_cell(cell))
            continue
        new = copy.deepcopy(cell)
        if new.cell_type == "code":
            new.outputs = []
            new.execution_count = None
        if new.cell_type == "markdown" and new.source.startswith(TITLE_PREFIX):
            new.source = "# " + new.source[len(TITLE_PREFIX) :]
        cells.append(new)
    cells.append(nbformat.v4.new_markdown_cell(LINK.format(name=name), id="link"))
    student.cells = cells
    return student


def shape(notebook: nbformat.NotebookNode) -> list[tuple]:
    """Return what a student copy must match: its cells without outputs.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        A notebook.

    Returns
    -------
    list of tuple
        One ``(id, cell_type, source, sorted tags)`` per cell.

    Examples
    --------
    >>> shape(nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1", id="a")]))
    [('a', 'code', '1', [])]
    """
    return [
        (cell.get("id"), cell.cell_type, cell.source, sorted(_tags(cell)))
        for cell in notebook.cells
    ]


def main() -> int:
    """Write every stale or missing student copy next to the solutions folder.

    A copy whose cells already match its source is left alone, so its stored
    outputs survive.

    Returns
    -------
    int
        0 on success (the exit status).
    """
    for path in sources():
        solution = nbformat.read(path, as_version=4)
        target = HERE / path.name
        student = student_copy(solution, path.stem)
        if target.is_file() and shape(nbformat.read(target, as_version=4)) == shape(
            student
        ):
            print(f"up to date: {target.relative_to(HERE.parent)}")
            continue
        nbformat.write(student, target)
        print(f"wrote {target.relative_to(HERE.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
