"""A class's weightings of the preconditions: save one, load them all, compare.

A student saves their weighting from the weigher (or with :func:`save`) as a
small JSON file named after them; the lecturer puts the files in one folder
and calls :func:`load`. Files that cannot be read, belong to something else,
or hold values the model rejects are reported by name with the reason, and
skipped: one bad file never stops the class's charts.

The index in a file is not trusted: :func:`load` recomputes it from the
scores, weights and rule with :func:`palace_coup.preconditions.score`, so a
hand-edited index cannot mislead. Everything here is about a HYPOTHETICAL
model.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from palace_coup import preconditions
from palace_coup.classroom import safe_files, safe_json
from palace_coup.classroom.fields import keep_latest, now, timestamp
from palace_coup.classroom.folders import load_each
from palace_coup.classroom.names import check_name, file_stem

__all__ = ["FORMAT", "ClassWeightings", "load", "save"]

FORMAT = "palace-coup-weighting"
"""Value of the ``format`` key that marks a file as a saved weighting."""

VERSION = 1
"""Version of the file layout written by :func:`save`."""

MAX_BYTES = 100_000
"""Files larger than this are reported and skipped (a weighting is ~1 KB)."""

_REQUIRED = ("format", "name", "rule", "scores", "weights")


def _assess(weighting: Any) -> preconditions.Assessment:
    """Score a weighting given as an Assessment or a mapping."""
    if isinstance(weighting, preconditions.Assessment):
        return weighting
    if isinstance(weighting, Mapping):
        return preconditions.score(
            weighting.get("scores"),
            weighting.get("weights"),
            weighting.get("rule", "compensatory"),
        )
    raise TypeError(
        "weighting must be an Assessment or a mapping with scores, weights "
        f"and rule, got {type(weighting).__name__}"
    )


def save(
    weighting: preconditions.Assessment | Mapping[str, Any],
    name: str,
    folder: str | Path = ".",
    *,
    saved_at: str | None = None,
) -> Path:
    """Save one student's weighting to a file of its own in ``folder``.

    The file is written atomically (a reader never sees half of it) and is
    named after the student: a readable part and a short hash of the name, so
    two different names never share a file, and saving again under the same
    name replaces the student's own file only.

    Parameters
    ----------
    weighting : Assessment or mapping
        The result of :func:`palace_coup.preconditions.score`, or a mapping
        with ``scores``, ``weights`` and ``rule`` (such as a weigher's
        ``.state``); it is scored again, so an invalid one (all weights 0) is
        refused.
    name : str
        The student's name or pseudonym, 1 to 80 printable characters (see
        :func:`palace_coup.classroom.names.check_name`); kept in the file as
        typed, after normalisation.
    folder : str or pathlib.Path, optional
        Where to write (created if missing; default the current folder).
    saved_at : str, optional
        Time stamp to record (ISO 8601); default now, in UTC, to the second.

    Returns
    -------
    pathlib.Path
        The file written: ``<readable part>-<hash>.json`` (see
        :func:`palace_coup.classroom.names.file_stem`).

    Raises
    ------
    TypeError, ValueError
        If ``name`` is not a valid name, ``saved_at`` not a time stamp, or the
        weighting not valid for :func:`palace_coup.preconditions.score`.
    OSError
        If the folder cannot be written.

    Examples
    --------
    >>> import json, tempfile
    >>> folder = tempfile.mkdtemp()
    >>> path = save({"scores": {}, "weights": {}, "rule": "necessary"}, "Ada L.",
    ...             folder, saved_at="2026-01-01T00:00:00Z")
    >>> path.name
    'ada-l-ddd52c224a98.json'
    >>> record = json.loads(path.read_text())
    >>> record["name"], round(record["index"], 4)
    ('Ada L.', 0.0546)
    """
    name = check_name(name)
    stamp = now() if saved_at is None else timestamp(saved_at, "saved_at")
    result = _assess(weighting)
    record = {
        "format": FORMAT,
        "version": VERSION,
        "name": name,
        "rule": result.rule,
        "index": result.index,
        "scores": result.scores,
        "weights": result.weights,
        "saved_at": stamp,
        "note": "HYPOTHETICAL model: a judgment, not a forecast.",
    }
    return safe_files.write_atomic(
        folder, f"{file_stem(name)}.json", safe_json.dump(record)
    )


@dataclass(frozen=True)
class ClassWeightings:
    """A class's saved weightings, and the files that were skipped.

    Attributes
    ----------
    entries : pandas.DataFrame
        One row per valid file, in file-name order: ``name``, ``file``,
        ``rule``, ``index`` (recomputed), ``saved_at``, then one ``score:<id>``
        and one ``weight:<id>`` column per precondition.
    problems : list of (str, str)
        ``(file name, reason)`` for every file skipped.
    """

    entries: pd.DataFrame
    problems: list[tuple[str, str]] = field(default_factory=list)

    def shares(self) -> pd.DataFrame:
        """Return each student's weights as shares of their total weight.

        Returns
        -------
        pandas.DataFrame
            Long table with ``name``, ``id``, ``label`` and ``share``, in
            precondition order.
        """
        table = preconditions.load()
        weights = self.entries[[f"weight:{i}" for i in table["id"]]].to_numpy()
        totals = weights.sum(axis=1, keepdims=True)
        shares = weights / np.where(totals > 0, totals, 1.0)
        return pd.DataFrame(
            {
                "name": np.repeat(self.entries["name"].to_numpy(), len(table)),
                "id": np.tile(table["id"].to_numpy(), len(self.entries)),
                "label": np.tile(table["label"].to_numpy(), len(self.entries)),
                "share": shares.ravel(),
            }
        )

    def divergence(self) -> pd.DataFrame:
        """Measure how far each student is from the class.

        Returns
        -------
        pandas.DataFrame
            ``name``, ``index``, ``index_gap`` (index minus the class median
            index) and ``weight_distance``: half the sum of absolute
            differences between the student's weight shares and the class's
            median shares (renormalised to sum to 1), in [0, 1]; 0 = the
            same weighting as the class median.
        """
        per_student = (
            self.shares()["share"]
            .to_numpy()
            .reshape(len(self.entries), len(preconditions.ids()))
        )
        median = (
            np.median(per_student, axis=0)
            if len(self.entries)
            else np.zeros(per_student.shape[1])
        )
        if median.sum() > 0:
            median = median / median.sum()
        distance = 0.5 * np.abs(per_student - median).sum(axis=1)
        index = self.entries["index"].to_numpy()
        return pd.DataFrame(
            {
                "name": self.entries["name"].to_numpy(),
                "index": index,
                "index_gap": index - (np.median(index) if len(index) else 0.0),
                "weight_distance": distance,
            }
        )


def _read(
    record: dict[str, Any], file: str, ids: list[str]
) -> tuple[dict[str, Any], list[str]]:
    """Check one parsed weighting; raise ValueError with a reason to report."""
    missing = [key for key in _REQUIRED if key not in record]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    name = check_name(record["name"])
    saved_at = record.get("saved_at")
    saved_at = "" if saved_at is None else timestamp(saved_at, "saved_at")
    for part in ("scores", "weights"):
        given = record[part]
        if isinstance(given, Mapping):
            absent = [i for i in ids if i not in given]
            if absent:
                raise ValueError(f"{part} lacks {', '.join(absent)}")
    result = preconditions.score(record["scores"], record["weights"], record["rule"])
    row: dict[str, Any] = {
        "name": name,
        "file": file,
        "rule": result.rule,
        "index": result.index,
        "saved_at": saved_at,
    }
    row.update({f"score:{k}": v for k, v in result.scores.items()})
    row.update({f"weight:{k}": v for k, v in result.weights.items()})
    return row, []


def load(folder: str | Path) -> ClassWeightings:
    """Load every saved weighting in a folder; report and skip the rest.

    Each file is read safely (see :mod:`palace_coup.classroom.safe_files`: no
    link followed, no special file opened, at most :data:`MAX_BYTES`) and
    parsed with limits (:mod:`palace_coup.classroom.safe_json`); the name in
    it must pass :func:`palace_coup.classroom.names.check_name`, and its
    scores, weights and rule :func:`palace_coup.preconditions.score`. When
    two files hold the same name, the later ``saved_at`` is kept.

    Parameters
    ----------
    folder : str or pathlib.Path
        A folder of files written by :func:`save`. Sub-folders, hidden files
        (names starting with ``.``) and the class's other files (exercise
        records, forecasts) are passed over; every other file is either
        loaded or reported.

    Returns
    -------
    ClassWeightings
        The valid entries and the ``(file name, reason)`` problems.

    Raises
    ------
    FileNotFoundError
        If ``folder`` is not a folder (a weigher's Save writes to
        ``weightings`` beside the notebook unless given another folder).

    See Also
    --------
    save : writes the files this reads.
    palace_coup.charts.class_indices, palace_coup.charts.class_weights,
    palace_coup.charts.class_divergence : the charts of its tables.

    Examples
    --------
    >>> from palace_coup.classroom.fictional import SAMPLE_CLASS
    >>> klass = load(SAMPLE_CLASS)
    >>> len(klass.entries), [file for file, _ in klass.problems]
    (6, ['broken-example.json', 'notes.txt'])
    """
    ids = preconditions.ids()
    rows, problems = load_each(
        folder, MAX_BYTES, [FORMAT], lambda record, file: _read(record, file, ids)
    )
    rows, older = keep_latest(rows)
    columns = ["name", "file", "rule", "index", "saved_at"]
    columns += [f"score:{i}" for i in ids]
    columns += [f"weight:{i}" for i in ids]
    return ClassWeightings(
        pd.DataFrame(rows, columns=columns), sorted(problems + older)
    )
