"""Give every notebook a first cell that installs this book's package if missing.

A notebook opened on its own (on Colab from the launch button, on a hub, or
downloaded from the book) may run where ``palace_coup`` is not installed. Its
first cell, tagged ``remove-cell`` so that the book does not show it, installs
the package from the book's repository only when the import fails::

    # Colab, or any Jupyter without this book's package: install it first.
    from importlib.util import find_spec

    if find_spec("palace_coup") is None:
        %pip install --quiet "palace-coup @ git+<repository.url>"

(``find_spec`` rather than ``try: import palace_coup``: the import would be
unused, and ruff's F401, which the student copies do not check, would need a
``noqa`` that is itself flagged there.)

The URL is ``repository.url`` in ``_config.yml``, the one setting that names
where the book lives. If it changes, run this script (it rewrites the cell in
every chapter and worked solution), then ``make exercises`` to carry the cell
into the student copies. ``tests/test_notebook_setup.py`` fails while any
notebook names another URL.

Run ``python exercises/install_cell.py``; notebooks that already have the right
cell are left untouched.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parents[1]
CELL_ID = "install"
TAG = "remove-cell"
SOURCE = """\
# Colab, or any Jupyter without this book's package: install it first.
from importlib.util import find_spec

if find_spec("palace_coup") is None:
    %pip install --quiet "palace-coup @ git+{url}"\
"""


def repository_url(config: Path = ROOT / "_config.yml") -> str:
    """Return ``repository.url`` from the book's configuration.

    Parameters
    ----------
    config : pathlib.Path, optional
        The Jupyter Book configuration file (default: the repository's).

    Returns
    -------
    str
        The repository's URL.

    Examples
    --------
    >>> repository_url().startswith("https://")
    True
    """
    with config.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["repository"]["url"]


def install_cell(url: str) -> nbformat.NotebookNode:
    """Return the first cell every notebook should have.

    Parameters
    ----------
    url : str
        The repository to install the package from.

    Returns
    -------
    nbformat.NotebookNode
        A code cell with id ``install``, tagged ``remove-cell``.

    Examples
    --------
    >>> cell = install_cell("https://example.org/book")
    >>> print(cell.source.splitlines()[-1].strip())
    %pip install --quiet "palace-coup @ git+https://example.org/book"
    >>> cell.metadata["tags"]
    ['remove-cell']
    """
    cell = nbformat.v4.new_code_cell(SOURCE.format(url=url), id=CELL_ID)
    cell.metadata["tags"] = [TAG]
    return cell


def notebooks() -> list[Path]:
    """Return the notebooks that are written by hand: chapters and solutions.

    The student copies in ``exercises/`` are generated from the solutions by
    ``make_student_copies.py``, which carries the cell over.

    Returns
    -------
    list of pathlib.Path
        Every ``book/**/*.ipynb`` and ``exercises/solutions/*.ipynb``, sorted.

    Examples
    --------
    >>> any(path.parent.name == "solutions" for path in notebooks())
    True
    """
    found = [*ROOT.glob("book/**/*.ipynb"), *ROOT.glob("exercises/solutions/*.ipynb")]
    return sorted(path for path in found if ".ipynb_checkpoints" not in path.parts)


def ensure_install_cell(notebook: nbformat.NotebookNode, url: str) -> bool:
    """Put the install cell first in ``notebook``, or bring it up to date.

    Parameters
    ----------
    notebook : nbformat.NotebookNode
        The notebook, changed in place.
    url : str
        The repository to install the package from.

    Returns
    -------
    bool
        True if the notebook changed.

    Examples
    --------
    >>> notebook = nbformat.v4.new_notebook()
    >>> ensure_install_cell(notebook, "https://example.org/book")
    True
    >>> ensure_install_cell(notebook, "https://example.org/book")
    False
    >>> notebook.cells[0].id
    'install'
    """
    wanted = install_cell(url)
    cells = notebook.cells
    if cells and cells[0].get("id") == CELL_ID:
        first = cells[0]
        if first.source == wanted.source and first.metadata.get("tags") == [TAG]:
            return False
        first.source = wanted.source
        first.metadata["tags"] = [TAG]
        return True
    cells[:] = [cell for cell in cells if cell.get("id") != CELL_ID]
    cells.insert(0, wanted)
    return True


def main() -> int:
    """Add or update the install cell in every chapter and worked solution.

    Returns
    -------
    int
        0 on success (the exit status).
    """
    url = repository_url()
    for path in notebooks():
        notebook = nbformat.read(path, as_version=4)
        if ensure_install_cell(notebook, url):
            nbformat.write(notebook, path)
            print(f"updated {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
