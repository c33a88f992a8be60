"""A class of 2,000: how long loading its files takes (``make bench``).

Writes a fictional class of ``students`` weightings into a temporary folder
with ``classroom.save`` (random scores and weights, fixed seed), then times
``classroom.load`` of the whole folder: every file opened without following
links, read with a bound, parsed with limits, its name checked and its index
recomputed by the model. The median of ``repeats`` loads is reported.

Run alone: ``python benchmarks/classroom.py`` (prints the numbers as JSON).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from palace_coup import classroom, preconditions


def write_weightings(folder: Path, students: int, seed: int = 0) -> None:
    """Save ``students`` fictional weightings into ``folder``."""
    rng = np.random.default_rng(seed)
    ids = preconditions.ids()
    rules = ("compensatory", "necessary")
    for number in range(students):
        state = {
            "scores": dict(
                zip(ids, rng.random(len(ids)).round(2).tolist(), strict=True)
            ),
            "weights": dict(
                zip(
                    ids, (rng.integers(0, 10, len(ids)) / 2 + 0.5).tolist(), strict=True
                )
            ),
            "rule": rules[number % 2],
        }
        classroom.save(
            state,
            f"Student {number:04d} (fictional)",
            folder,
            saved_at="2026-03-01T10:00:00Z",
        )


def _timed(function, repeats: int) -> list[float]:
    runs = []
    for _ in range(repeats):
        started = time.perf_counter()
        function()
        runs.append(time.perf_counter() - started)
    return runs


def measure(students: int = 2000, repeats: int = 5) -> dict:
    """Time loading a class of ``students`` files; return metrics and details."""
    with tempfile.TemporaryDirectory(prefix="palace-coup-class-") as scratch:
        folder = Path(scratch) / "weightings"
        started = time.perf_counter()
        write_weightings(folder, students)
        saving = time.perf_counter() - started
        klass = classroom.load(folder)
        if len(klass.entries) != students or klass.problems:
            raise RuntimeError(
                f"loaded {len(klass.entries)} of {students}: {klass.problems[:3]}"
            )
        loads = _timed(lambda: classroom.load(folder), repeats)
    return {
        "class_load_2000_s": statistics.median(loads),
        "details": {
            "students": students,
            "repeats": repeats,
            "load_runs_s": loads,
            "save_each_ms": saving / students * 1e3,
        },
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1))
