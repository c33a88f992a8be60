"""Measure slider change -> updated chart, in the kernel's process.

For each dashboard, set one slider to a new value 100 times and time from the
assignment to the moment the chart's new parameter state is serialised as the
front end would receive it (model re-run, readout, ``JupyterChart`` params,
``get_state`` and JSON encoding of the message). Browser rendering is not
included. For comparison it also times the simple alternative, assigning a
new Altair chart to ``JupyterChart.chart`` (a full redraw in the browser).

Run: ``.venv/bin/python benchmarks/slider_latency.py``. Not a timed test.
"""

import json
import statistics
import time

import altair as alt

from palace_coup import charts, preconditions, widgets

CHANGES = 100


def _time(change, chart, changes: int = CHANGES) -> list[float]:
    times = []
    for i in range(changes):
        start = time.perf_counter()
        change(i)
        json.dumps(chart.get_state(key="_params"))
        times.append((time.perf_counter() - start) * 1000)
    return times


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    return {
        "median_ms": statistics.median(times),
        "p95_ms": ordered[int(0.95 * (len(ordered) - 1))],
        "samples_ms": times,
    }


def _report(name: str, times: list[float]) -> None:
    summary = _summary(times)
    print(
        f"{name:<44} median {summary['median_ms']:6.2f} ms   "
        f"p95 {summary['p95_ms']:6.2f} ms"
    )


def measure(changes: int = CHANGES) -> dict[str, dict]:
    """Time ``changes`` slider changes on each dashboard (``make bench`` calls this).

    Returns, for each dashboard and control, ``median_ms``, ``p95_ms`` and
    the ``samples_ms`` themselves.
    """
    values = [0.05 * (k % 20) for k in range(changes)]
    weigher = widgets.precondition_weigher()

    def weigh(i):
        weigher.score_sliders["elite_courage"].value = values[i] or 1.0

    def rule(i):
        weigher.rule.value = ("necessary", "compensatory")[i % 2]

    loyalty = widgets.loyalty_explorer()

    def press(i):
        loyalty.sliders["casualties"].value = values[i] or 1.0

    cascade = widgets.cascade_explorer()

    def shift(i):
        cascade.sliders["mean"].value = 0.1 + values[i] / 2

    cases = {
        "precondition_weigher (score slider)": (weigh, weigher.chart),
        "precondition_weigher (rule)": (rule, weigher.chart),
        "loyalty_explorer (casualties slider)": (press, loyalty.chart),
        "cascade_explorer (mean slider)": (shift, cascade.chart),
    }
    return {
        name: _summary(_time(change, chart, changes))
        for name, (change, chart) in cases.items()
    }


def main() -> None:
    for name, summary in measure().items():
        _report(name, summary["samples_ms"])

    # The alternative: rebuild the chart and assign it (a full redraw).
    values = [0.05 * (k % 20) for k in range(CHANGES)]
    jchart = alt.JupyterChart(charts.contributions(preconditions.score()))
    times = []
    for i in range(20):
        start = time.perf_counter()
        result = preconditions.score({"elite_courage": values[i]})
        jchart.chart = alt.vconcat(
            charts.contributions(result), charts.sensitivity(result)
        )
        times.append((time.perf_counter() - start) * 1000)
    _report("for comparison: assign a new chart (weigher)", times)


if __name__ == "__main__":
    main()
