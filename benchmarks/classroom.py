"""A class of 2,000: how long loading its files takes (``make bench``).

Writes a fictional class of ``students`` into temporary folders: weightings
with ``classroom.save`` (random scores and weights, fixed seed), and exercise
records with their Forecast answers (``classroom.fictional``). Then times
``classroom.load`` of the weightings (every file opened without following
links, read with a bound, parsed with limits, its name checked and its index
recomputed by the model), ``classroom.load_records`` and
``classroom.load_forecasts`` of the records. The median of ``repeats`` loads
is reported. Then every class chart is built for that class and drawn to SVG
with vl-convert (as the book's build would): the slowest chart's time and the
largest dataset any chart carries are reported.

Run alone: ``python benchmarks/classroom.py`` (prints the numbers as JSON).
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
import vl_convert

from palace_coup import charts, classroom, preconditions
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


def _draw_charts(klass, marks, forecasts) -> dict[str, dict[str, float]]:
    """Build and draw every class chart; time each and count its data rows."""
    builders = {
        "class_indices": lambda: charts.class_indices(klass.entries),
        "class_weights": lambda: charts.class_weights(klass.shares()),
        "class_divergence": lambda: charts.class_divergence(klass.divergence()),
        "class_questions": lambda: charts.class_questions(marks.questions()),
        "class_misconceptions": lambda: charts.class_misconceptions(
            marks.misconceptions()
        ),
        "class_forecasts": lambda: charts.class_forecasts(
            forecasts.scores(), forecasts.pooled()
        ),
    }
    results = {}
    for name, build in builders.items():
        started = time.perf_counter()
        spec = build().to_dict()
        svg = vl_convert.vegalite_to_svg(spec)
        results[name] = {
            "seconds": time.perf_counter() - started,
            "rows": max((len(v) for v in spec.get("datasets", {}).values()), default=0),
            "svg_kb": len(svg) / 1e3,
        }
    return results


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
        drawn = _draw_charts(klass, marks, forecasts)
    return {
        "class_load_2000_s": statistics.median(loads),
        "class_records_2000_s": statistics.median(record_loads),
        "class_forecasts_2000_s": statistics.median(forecast_loads),
        "class_chart_2000_max_s": max(c["seconds"] for c in drawn.values()),
        "details": {
            "charts": drawn,
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
