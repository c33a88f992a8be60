"""Collect a class's weightings of the preconditions, and compare them.

A student saves their weighting from the weigher (or with :func:`save`) as a
small JSON file; the lecturer puts the files in one folder and calls
:func:`load`. Files that cannot be read, belong to something else, or hold
values the model rejects are reported by name with the reason, and skipped:
one bad file never stops the class's charts.

The index in a file is not trusted: :func:`load` recomputes it from the
scores, weights and rule with :func:`palace_coup.preconditions.score`, so a
hand-edited index cannot mislead. Everything here is about a HYPOTHETICAL
model.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from palace_coup import preconditions

__all__ = ["FORMAT", "ClassWeightings", "load", "save"]

FORMAT = "palace-coup-weighting"
"""Value of the ``format`` key that marks a file as a saved weighting."""

VERSION = 1
"""Version of the file layout written by :func:`save`."""

MAX_BYTES = 100_000
"""Files larger than this are reported and skipped (a weighting is ~1 KB)."""

_REQUIRED = ("format", "name", "rule", "scores", "weights")


def _check_name(name: Any) -> str:
    """Check a student's name: a non-empty string of at most 80 characters."""
    if not isinstance(name, str) or not name.strip() or len(name.strip()) > 80:
        raise ValueError(
            f"name must be a non-empty string of at most 80 characters, got {name!r}"
        )
    return name.strip()


def _slug(name: str) -> str:
    """Turn a name into a safe file stem: lower case, letters, digits, hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "weighting"


def save(
    weighting: preconditions.Assessment | Mapping[str, Any],
    name: str,
    folder: str | Path = ".",
    *,
    saved_at: str | None = None,
) -> Path:
    """Save one student's weighting to ``<folder>/<name>.json``.

    Parameters
    ----------
    weighting : Assessment or mapping
        The result of :func:`palace_coup.preconditions.score`, or a mapping
        with ``scores``, ``weights`` and ``rule`` (such as a weigher's
        ``.state``).
    name : str
        The student's name or pseudonym, 1 to 80 characters. The file is named
        after it (lower case, hyphens); saving again under the same name
        replaces the file.
    folder : str or pathlib.Path, optional
        Where to write (created if missing; default the current folder).
    saved_at : str, optional
        Time stamp to record; default now, in UTC, to the second.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    TypeError, ValueError
        If ``name`` is empty or too long, or the weighting is not valid for
        :func:`palace_coup.preconditions.score`.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> path = save({"scores": {}, "weights": {}, "rule": "necessary"}, "Ada L.",
    ...             folder, saved_at="2026-01-01T00:00:00Z")
    >>> path.name
    'ada-l.json'
    >>> round(json.loads(path.read_text())["index"], 4)
    0.0546
    """
    name = _check_name(name)
    if isinstance(weighting, preconditions.Assessment):
        result = weighting
    elif isinstance(weighting, Mapping):
        result = preconditions.score(
            weighting.get("scores"),
            weighting.get("weights"),
            weighting.get("rule", "compensatory"),
        )
    else:
        raise TypeError(
            "weighting must be an Assessment or a mapping with scores, weights "
            f"and rule, got {type(weighting).__name__}"
        )
    stamp = saved_at or dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
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
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{_slug(name)}.json"
    path.write_text(json.dumps(record, indent=2) + "\n", encoding="utf-8")
    return path


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


def _read(path: Path) -> dict[str, Any]:
    """Read and check one file; raise ValueError with a reason to report."""
    if path.suffix.lower() != ".json":
        raise ValueError("not a .json file")
    if path.stat().st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES} bytes, not a weighting")
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise ValueError("not a text file") from error
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON (line {error.lineno}: {error.msg})"
        ) from error
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ValueError(f'not a saved weighting (no "format": "{FORMAT}")')
    missing = [key for key in _REQUIRED if key not in record]
    if missing:
        raise ValueError(f"missing {', '.join(missing)}")
    name = _check_name(record["name"])
    for part in ("scores", "weights"):
        given = record[part]
        if isinstance(given, Mapping):
            absent = [i for i in preconditions.ids() if i not in given]
            if absent:
                raise ValueError(f"{part} lacks {', '.join(absent)}")
    try:
        result = preconditions.score(
            record["scores"], record["weights"], record["rule"]
        )
    except (TypeError, ValueError) as error:
        raise ValueError(str(error)) from error
    row: dict[str, Any] = {
        "name": name,
        "file": path.name,
        "rule": result.rule,
        "index": result.index,
        "saved_at": str(record.get("saved_at", "")),
    }
    row.update({f"score:{k}": v for k, v in result.scores.items()})
    row.update({f"weight:{k}": v for k, v in result.weights.items()})
    return row


def load(folder: str | Path) -> ClassWeightings:
    """Load every saved weighting in a folder; report and skip the rest.

    Parameters
    ----------
    folder : str or pathlib.Path
        A folder of files written by :func:`save`. Sub-folders and hidden
        files (names starting with ``.``) are ignored; every other file is
        either loaded or reported.

    Returns
    -------
    ClassWeightings
        The valid entries and the ``(file name, reason)`` problems.

    Raises
    ------
    FileNotFoundError
        If ``folder`` is not a folder.

    Examples
    --------
    >>> from importlib import resources
    >>> sample = resources.files("palace_coup") / "data" / "sample_class"
    >>> klass = load(sample)
    >>> len(klass.entries), [file for file, _ in klass.problems]
    (6, ['broken-example.json', 'notes.txt'])
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"folder: no folder at {folder}")
    rows, problems = [], []
    for path in sorted(folder.iterdir()):
        if path.is_dir() or path.name.startswith("."):
            continue
        try:
            rows.append(_read(path))
        except (ValueError, OSError) as error:
            problems.append((path.name, str(error)))
    columns = ["name", "file", "rule", "index", "saved_at"]
    columns += [f"score:{i}" for i in preconditions.ids()]
    columns += [f"weight:{i}" for i in preconditions.ids()]
    return ClassWeightings(pd.DataFrame(rows, columns=columns), problems)
