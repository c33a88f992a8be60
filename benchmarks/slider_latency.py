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


def _time(change, chart) -> list[float]:
    times = []
    for i in range(CHANGES):
        start = time.perf_counter()
        change(i)
        json.dumps(chart.get_state(key="_params"))
        times.append((time.perf_counter() - start) * 1000)
    return times


def _report(name: str, times: list[float]) -> None:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    print(f"{name:<44} median {statistics.median(times):6.2f} ms   p95 {p95:6.2f} ms")


def main() -> None:
    weigher = widgets.precondition_weigher()
    values = [0.05 * (k % 20) for k in range(CHANGES)]

    def weigh(i):
        weigher.score_sliders["elite_courage"].value = values[i] or 1.0

    _report("precondition_weigher (score slider)", _time(weigh, weigher.chart))

    def rule(i):
        weigher.rule.value = ("necessary", "compensatory")[i % 2]

    _report("precondition_weigher (rule)", _time(rule, weigher.chart))

    loyalty = widgets.loyalty_explorer()

    def press(i):
        loyalty.sliders["casualties"].value = values[i] or 1.0

    _report("loyalty_explorer (casualties slider)", _time(press, loyalty.chart))

    cascade = widgets.cascade_explorer()

    def shift(i):
        cascade.sliders["mean"].value = 0.1 + values[i] / 2

    _report("cascade_explorer (mean slider)", _time(shift, cascade.chart))

    # The alternative: rebuild the chart and assign it (a full redraw).
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
