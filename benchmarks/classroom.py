"""A class of 2,000: how long loading its files takes (``make bench``).

Writes a fictional class of ``students`` into temporary folders: weightings
with ``classroom.save`` (random scores and weights, fixed seed), and exercise
records with their Forecast answers (``classroom.fictional``). Then times
``classroom.load`` of the weightings (every file opened without following
links, read with a bound, parsed with limits, its name checked and its index
recomputed by the model), ``classroom.load_records`` and
``classroom.load_forecasts`` of the records. The median of ``repeats`` loads
is reported.

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
from palace_coup.classroom import fictional


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


def _check(count: int, students: int, problems: list, what: str) -> None:
    if count != students or problems:
        raise RuntimeError(f"{what}: loaded {count} of {students}: {problems[:3]}")


def measure(students: int = 2000, repeats: int = 5) -> dict:
    """Time loading a class of ``students`` files; return metrics and details."""
    with tempfile.TemporaryDirectory(prefix="palace-coup-class-") as scratch:
        weightings, records = Path(scratch) / "weightings", Path(scratch) / "records"
        started = time.perf_counter()
        write_weightings(weightings, students)
        saving = time.perf_counter() - started
        fictional.write_records(records, students)
        klass = classroom.load(weightings)
        _check(len(klass.entries), students, klass.problems, "weightings")
        marks = classroom.load_records(records)
        _check(marks.students, students, marks.problems, "records")
        forecasts = classroom.load_forecasts(records)
        skipped = [p for p in forecasts.problems if "forecast" not in p[1]]
        _check(len(forecasts.entries) > students // 2, True, skipped, "forecasts")
        loads = _timed(lambda: classroom.load(weightings), repeats)
        record_loads = _timed(lambda: classroom.load_records(records), repeats)
        forecast_loads = _timed(lambda: classroom.load_forecasts(records), repeats)
        size = sum(p.stat().st_size for p in records.iterdir())
    return {
        "class_load_2000_s": statistics.median(loads),
        "class_records_2000_s": statistics.median(record_loads),
        "class_forecasts_2000_s": statistics.median(forecast_loads),
        "details": {
            "students": students,
            "repeats": repeats,
            "load_runs_s": loads,
            "records_runs_s": record_loads,
            "forecasts_runs_s": forecast_loads,
            "records_mb": size / 1e6,
            "save_each_ms": saving / students * 1e3,
        },
    }


if __name__ == "__main__":
    print(json.dumps(measure(), indent=1))
