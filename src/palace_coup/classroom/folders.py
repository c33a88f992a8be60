"""One loop for every class loader: read each file, parse it, keep its kind.

Every loader of :mod:`palace_coup.classroom` walks a class folder the same
way: each file is read safely (:func:`palace_coup.classroom.safe_files.read_folder`),
parsed with limits (:func:`palace_coup.classroom.safe_json.parse`), passed
over in silence if it is another kind of class file
(:func:`palace_coup.classroom.fields.check_format`), and otherwise handed to
the loader's own check. Whatever goes wrong with one file becomes a
``(file name, reason)`` problem, escaped for display; it never stops the
class. :func:`load_each` is that loop, written once.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from palace_coup.classroom import safe_files, safe_json
from palace_coup.classroom.fields import OtherFormat, check_format
from palace_coup.classroom.names import shown

__all__ = ["load_each"]

T = TypeVar("T")


def load_each(
    folder: str | Path,
    max_bytes: int,
    formats: Sequence[str],
    check: Callable[[dict[str, Any], str], tuple[T, list[str]]],
) -> tuple[list[T], list[tuple[str, str]]]:
    """Check every class file of the given kinds in a folder, in name order.

    Parameters
    ----------
    folder : str or pathlib.Path
        The class folder.
    max_bytes : int
        Largest file accepted, counted on the bytes read.
    formats : sequence of str
        The ``format`` values the loader reads (keys of
        :data:`palace_coup.classroom.fields.FORMATS`); files of the other
        kinds are passed over, files of no kind are reported.
    check : callable
        ``check(record, file)`` with the parsed file (a dict whose
        ``format`` is one of ``formats``) and its name (safe to show);
        returns what the loader keeps of the file and a list of notes
        (parts skipped) to report under the file's name. It raises
        ``ValueError`` or ``TypeError`` to skip the whole file.

    Returns
    -------
    kept : list
        What ``check`` returned for each file it accepted, in file order.
    problems : list of (str, str)
        ``(file name, reason)``: files refused (unreadable, too large, not
        JSON, not a class file, or refused by ``check``) and the notes of
        the files kept.

    Raises
    ------
    FileNotFoundError
        If ``folder`` is not a folder.

    See Also
    --------
    palace_coup.classroom.load, palace_coup.classroom.load_records,
    palace_coup.classroom.load_forecasts : the loaders built on it.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.json").write_text('{"format": "palace-coup-forecast"}')
    >>> _ = (folder / "b.json").write_text('{"format": "palace-coup-weighting"}')
    >>> _ = (folder / "c.json").write_text('[1, 2')
    >>> kept, problems = load_each(folder, 1000, ["palace-coup-weighting"],
    ...                            lambda record, file: (file, ["a note"]))
    >>> kept
    ['b.json']
    >>> for problem in problems:
    ...     print(problem)
    ('b.json', 'a note')
    ('c.json', "not valid JSON (line 1: Expecting ',' delimiter)")
    """
    kept: list[T] = []
    problems: list[tuple[str, str]] = []
    for read in safe_files.read_folder(folder, max_bytes):
        try:
            if read.data is None:
                raise ValueError(read.problem)
            record = safe_json.parse(read.data)
            check_format(record, *formats)
            value, notes = check(record, read.name)
        except OtherFormat:
            continue
        except (TypeError, ValueError) as error:
            problems.append((read.name, shown(str(error))))
            continue
        kept.append(value)
        problems += [(read.name, note) for note in notes]
    return kept, problems
