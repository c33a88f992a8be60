"""The bench's verdicts: a score must reach its target, a time or a size stay under."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

RUN = Path(__file__).resolve().parents[1] / "benchmarks" / "run.py"
spec = importlib.util.spec_from_file_location("bench_run", RUN)
run = importlib.util.module_from_spec(spec)
spec.loader.exec_module(run)


@pytest.mark.parametrize(
    ("name", "value", "met"),
    [
        ("lighthouse_performance_min", 98.0, True),  # once read as "98 <= 95"
        ("lighthouse_performance_min", 94.0, False),
        ("lighthouse_accessibility_min", 100.0, True),
        ("lighthouse_accessibility_min", 99.0, False),
        ("warm_build_s", 4.8, True),
        ("warm_build_s", 5.1, False),
        ("heaviest_page_kb", 1155.0, False),
        ("checker_page_kb_max", 29.6, True),
    ],
)
def test_a_metric_meets_its_target_in_its_own_direction(name, value, met):
    assert run.meets(name, value) is met


def test_every_score_target_is_one_to_reach():
    scores = [name for name in run.TARGETS if name.startswith("lighthouse_")]
    assert len(scores) == 4
    assert all(run.TARGETS[name][-1] == ">=" for name in scores)
