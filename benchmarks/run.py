"""Measure how fast the book builds, tests and responds, on this machine.

``make bench`` runs this script. It writes every number to ``_build/bench.json``
and a readable table to ``benchmarks/RESULTS.md`` (machine, date, load and
package versions included). What each number means, the targets and how to
read a profile: ``benchmarks/README.md``.

The builds and the nbval runs happen in a scratch copy of the work tree (the
files git tracks plus untracked files it does not ignore, i.e. what a fresh
clone with your edits would hold), so ``make bench`` never touches your own
``_build`` folder except to write ``_build/bench.json``.

Run ``python benchmarks/run.py --help`` for the options, e.g. ``--only models``
to measure one section, or ``--quick`` for a fast, rougher pass.
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import xml.etree.ElementTree as ET
from collections.abc import Callable
from importlib import metadata
from pathlib import Path

import nbformat
import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the browser helpers the tests use

OUT_JSON = ROOT / "_build" / "bench.json"
OUT_MD = ROOT / "benchmarks" / "RESULTS.md"
SECTIONS = (
    "builds",
    "nbval",
    "sliders",
    "models",
    "browser",
    "classroom",
    "pdf",
    "exercises",
)
NOTEBOOK_FOLDERS = ("book", "exercises")  # where pytest collects nbval items
WARM_TOUCH = "book/models/preconditions.ipynb"
"""The chapter whose source is touched before each warm build."""

TARGETS = {
    # metric: (limit, unit[, ">=" for a score that must reach the limit]);
    # otherwise a metric meets its target when it is <= limit.
    "warm_build_s": (5.0, "s"),
    "nbval_ratio": (2.0, ""),
    "slider_update_ms_median": (50.0, "ms"),
    "equilibrium_1e6_s": (0.5, "s"),
    "heaviest_page_kb": (1000.0, "KB"),
    "heaviest_chartless_page_kb": (500.0, "KB"),
    "heaviest_page_gzip_kb": (1000.0, "KB"),
    "first_chart_ms": (1000.0, "ms"),
    "weigher_first_chart_slow_4g_ms": (2000.0, "ms"),
    "lighthouse_performance_min": (95.0, "", ">="),
    "lighthouse_accessibility_min": (100.0, "", ">="),
    "lighthouse_best_practices_min": (95.0, "", ">="),
    "lighthouse_seo_min": (95.0, "", ">="),
    "class_load_2000_s": (2.0, "s"),
    "pdf_build_s": (120.0, "s"),
    "class_records_2000_s": (2.0, "s"),
    "class_forecasts_2000_s": (2.0, "s"),
    "class_chart_2000_max_s": (2.0, "s"),
    "check_feedback_ms_median": (50.0, "ms"),
    "check_feedback_ms_p95": (50.0, "ms"),
    "checker_page_kb_max": (30.0, "KB"),
}


def meets(name: str, value: float) -> bool:
    """Tell whether a metric's value meets its target."""
    limit, _unit, *direction = TARGETS[name]
    direction = direction[0] if direction else "<="
    return value >= limit if direction == ">=" else value <= limit


PACKAGES = (
    "jupyter-book",
    "sphinx",
    "myst-nb",
    "jupyter-cache",
    "jsonschema",
    "nbval",
    "pytest",
    "ipykernel",
    "altair",
    "vl-convert-python",
    "anywidget",
    "ipywidgets",
    "numpy",
    "pandas",
    "playwright",
)


# ----------------------------------------------------------------------------
# Helpers


def _median(values: list[float]) -> float:
    return float(statistics.median(values))


def _p95(values: list[float]) -> float:
    return float(np.percentile(values, 95))


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def _timed(command: list[str], cwd: Path, log: Path, tolerate: int = 0) -> float:
    """Run a command, its output to ``log``; return the wall time in seconds.

    An exit status above ``tolerate`` raises (pytest exits 1 when tests fail:
    the time still counts, and the failures are reported separately).
    """
    started = time.perf_counter()
    with log.open("w", encoding="utf-8") as handle:
        result = subprocess.run(
            command,
            cwd=cwd,
            stdout=handle,
            stderr=subprocess.STDOUT,
            # The copy's own package first: the venv's editable install points
            # at the work tree, which may change while the benchmark runs.
            env={**os.environ, "PYTHONPATH": str(cwd / "src")},
            check=False,
        )
    elapsed = time.perf_counter() - started
    if result.returncode > tolerate:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"{' '.join(command)} failed in {cwd}:\n{tail}")
    return elapsed


def scratch_copy(target: Path) -> Path:
    """Copy the work tree (tracked + untracked, not ignored) into ``target``."""
    listing = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    for name in filter(None, listing.split("\0")):
        source = ROOT / name
        if not source.is_file():
            continue  # deleted in the work tree, not yet committed
        copy = target / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, copy)  # keeps mtimes, so make sees a fresh venv
    (target / ".venv").symlink_to(ROOT / ".venv")
    return target


def notebooks(work: Path) -> list[Path]:
    """The notebooks pytest runs through nbval, as paths relative to ``work``."""
    found = []
    for folder in NOTEBOOK_FOLDERS:
        for path in sorted((work / folder).rglob("*.ipynb")):
            relative = path.relative_to(work)
            if any(part.startswith((".", "_build")) for part in relative.parts):
                continue
            found.append(relative)
    return found


# ----------------------------------------------------------------------------
# 1. Builds


def bench_builds(work: Path, logs: Path, cold: int, warm: int) -> dict:
    """``make book`` from a clean ``_build``; then rebuilds after one touch."""
    colds, warms, failed = [], [], []

    def build(log: Path) -> float:
        # A build with warnings still counts (and is reported): make exits 2.
        seconds = _timed(["make", "book"], work, log, tolerate=2)
        if "build succeeded" not in log.read_text(encoding="utf-8", errors="replace"):
            failed.append(log.name)
        return seconds

    for run in range(cold):
        shutil.rmtree(work / "_build", ignore_errors=True)
        _log(f"cold build {run + 1}/{cold} (executes every notebook)")
        colds.append(build(logs / f"cold-build-{run}.log"))
    touched = work / WARM_TOUCH
    if not touched.is_file():
        touched = work / notebooks(work)[0]
    for run in range(warm):
        touched.touch()
        _log(f"warm build {run + 1}/{warm} after touching {touched.relative_to(work)}")
        warms.append(build(logs / f"warm-build-{run}.log"))
    return {
        "cold_build_s": _median(colds),
        "warm_build_s": _median(warms),
        "details": {
            "cold_build_runs_s": colds,
            "warm_build_runs_s": warms,
            "warm_touched": str(touched.relative_to(work)),
            "failed_builds": failed,
        },
    }


# ----------------------------------------------------------------------------
# 2. nbval against its floor


def trivial_notebooks(folder: Path, count: int) -> list[Path]:
    """Write ``count`` one-cell notebooks whose stored output nbval can check."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for number in range(count):
        cell = nbformat.v4.new_code_cell("1 + 1", execution_count=1)
        cell.outputs = [
            nbformat.v4.new_output(
                "execute_result", {"text/plain": "2"}, execution_count=1
            )
        ]
        notebook = nbformat.v4.new_notebook(cells=[cell])
        notebook.metadata["kernelspec"] = {
            "name": "python3",
            "display_name": "Python 3",
            "language": "python",
        }
        path = folder / f"trivial_{number:02d}.ipynb"
        nbformat.write(notebook, path)
        paths.append(path)
    return paths


def _per_notebook(junit: Path) -> tuple[dict[str, float], str]:
    """Sum a junit report's cell times by notebook; count passes and failures."""
    times: dict[str, float] = {}
    failed = 0
    for case in ET.parse(junit).iter("testcase"):
        name = case.get("classname", "") or case.get("file", "")
        times[name] = times.get(name, 0.0) + float(case.get("time", 0))
        failed += any(child.tag in ("failure", "error") for child in case)
    cells = sum(1 for _ in ET.parse(junit).iter("testcase"))
    outcome = f"{cells - failed} cells passed, {failed} failed"
    return dict(sorted(times.items(), key=lambda item: -item[1])), outcome


def bench_nbval(work: Path, logs: Path, repeats: int) -> dict:
    """The nbval suite, and as many trivial notebooks run the same way.

    Both use pytest with the project's own options (``pyproject.toml``), one
    after the other in turn, so that a change of machine load hits both.
    """
    suite = [str(path) for path in notebooks(work)]
    floor_folder = work / "_build" / "bench-floor"
    shutil.rmtree(floor_folder, ignore_errors=True)
    floor = [
        str(path.relative_to(work))
        for path in trivial_notebooks(floor_folder, len(suite))
    ]
    pytest = [str(work / ".venv" / "bin" / "python"), "-m", "pytest", "-q"]
    real, trivial, per_notebook = [], [], {}
    for run in range(repeats):
        _log(f"nbval {run + 1}/{repeats}: {len(suite)} notebooks")
        junit = logs / f"nbval-{run}.xml"
        command = [*pytest, f"--junitxml={junit}", *suite]
        real.append(_timed(command, work, logs / f"nbval-{run}.log", tolerate=1))
        per_notebook, outcome = _per_notebook(junit)
        _log(f"nbval floor {run + 1}/{repeats}: {len(floor)} trivial notebooks")
        trivial.append(_timed([*pytest, *floor], work, logs / f"floor-{run}.log"))
    return {
        "nbval_s": _median(real),
        "nbval_floor_s": _median(trivial),
        "nbval_ratio": _median(real) / _median(trivial),
        "details": {
            "notebooks": len(suite),
            "nbval_runs_s": real,
            "nbval_floor_runs_s": trivial,
            "outcome": outcome,
            "cell_time_by_notebook_s": per_notebook,
        },
    }


# ----------------------------------------------------------------------------
# 3. Slider to chart, in-process


def bench_sliders(changes: int) -> dict:
    """Time a control change to its updated chart on every dashboard.

    The measuring itself is ``benchmarks/slider_latency.py`` (written with the
    widgets); this only gathers its numbers.
    """
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import slider_latency

    per_dashboard = slider_latency.measure(changes=changes)
    every = [ms for result in per_dashboard.values() for ms in result["samples_ms"]]
    return {
        "slider_update_ms_median": max(r["median_ms"] for r in per_dashboard.values()),
        "slider_update_ms_p95": max(r["p95_ms"] for r in per_dashboard.values()),
        "details": {
            "changes_per_dashboard": changes,
            "all_changes_median_ms": _median(every),
            "dashboards": {
                name: {k: v for k, v in result.items() if k != "samples_ms"}
                for name, result in per_dashboard.items()
            },
        },
    }


# ----------------------------------------------------------------------------
# 4. Model functions


def _per_call(function: Callable[[], object], repeats: int) -> list[float]:
    """Seconds per call of ``function``: one number per repeat."""
    timer = timeit.Timer(function)
    loops, _ = timer.autorange()
    return [t / loops for t in timer.repeat(repeat=repeats, number=loops)]


def bench_models(repeats: int) -> dict:
    """The model functions: one million thresholds, the index, the curves."""
    from palace_coup import cascade, loyalty, preconditions

    million = np.random.default_rng(0).random(1_000_000)
    equilibrium = [
        _per_call(lambda: cascade.equilibrium(million), 1)[0] for _ in range(repeats)
    ]
    score = _per_call(preconditions.score, repeats)
    curves = _per_call(loyalty.curves, repeats)
    return {
        "equilibrium_1e6_s": _median(equilibrium),
        "score_ms": _median(score) * 1e3,
        "curves_ms": _median(curves) * 1e3,
        "details": {
            "repeats": repeats,
            "equilibrium_1e6_runs_s": equilibrium,
            "score_runs_ms": [t * 1e3 for t in score],
            "curves_runs_ms": [t * 1e3 for t in curves],
        },
    }


# ----------------------------------------------------------------------------
# 5. Pages in the browser


def bench_browser(html: Path, repeats: int, lighthouse_runs: int) -> dict:
    """Page weights, first charts, slow 4G, Lighthouse: benchmarks/page_speed.py."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import page_speed

    return page_speed.measure(html, repeats, lighthouse_runs)


# ----------------------------------------------------------------------------
# Report


def machine() -> dict:
    """What the numbers were measured on."""
    cpu = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.is_file():
        kb = int(meminfo.read_text().split()[1])
        memory = f"{kb / 1024 / 1024:.1f} GiB"
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    chromium = shutil.which("chromium")
    if chromium:
        versions["chromium"] = subprocess.run(
            [chromium, "--version"], capture_output=True, text=True, check=False
        ).stdout.strip()
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    dirty = subprocess.run(
        ["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if importlib.util.find_spec("rfc3987_syntax"):
        _log(
            "WARNING: rfc3987-syntax is installed (left over from jsonschema 4.25+):"
            " every kernel and build pays for its import. Run"
            " `.venv/bin/pip uninstall -y rfc3987-syntax` (benchmarks/README.md)."
        )
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "host": platform.node(),
        "os": platform.platform(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory": memory,
        "python": platform.python_version(),
        "commit": commit + (" (plus uncommitted changes)" if dirty else ""),
        "packages": versions,
    }


def _format(value: object, unit: str = "") -> str:
    if value is None:
        return "n/a"
    if isinstance(value, float):
        text = f"{value:.3g}" if abs(value) < 10 else f"{value:,.0f}"
        return f"{text} {unit}".strip()
    return f"{value} {unit}".strip()


ROWS = (
    # metric, unit, what it is
    ("cold_build_s", "s", "`make book` from a clean `_build` (runs every notebook)"),
    ("warm_build_s", "s", "`make book` again after touching one chapter's source"),
    ("nbval_s", "s", "pytest --nbval over every notebook in book/ and exercises/"),
    ("nbval_floor_s", "s", "the same number of one-cell notebooks, same flags"),
    ("nbval_ratio", "", "nbval_s / nbval_floor_s"),
    ("slider_update_ms_median", "ms", "change to redrawn chart, slowest dashboard"),
    ("slider_update_ms_p95", "ms", "95th percentile, slowest dashboard"),
    ("equilibrium_1e6_s", "s", "`cascade.equilibrium` of one million thresholds"),
    ("score_ms", "ms", "`preconditions.score()` (defaults)"),
    ("curves_ms", "ms", "`loyalty.curves()` (defaults)"),
    ("heaviest_page_kb", "KB", "heaviest page, phone, every chart live, cold cache"),
    ("heaviest_chartless_page_kb", "KB", "the same, heaviest page without a chart"),
    ("heaviest_page_gzip_kb", "KB", "the same files gzip-compressed, as GitHub Pages"),
    ("first_chart_ms", "ms", "page opened at its first chart: until it is live"),
    (
        "weigher_first_chart_slow_4g_ms",
        "ms",
        "the weigher's first chart shown: slow 4G, 4x slower CPU, gzip",
    ),
    (
        "weigher_first_chart_live_slow_4g_ms",
        "ms",
        "the same, until the chart is live (vega loaded, chart drawn)",
    ),
    ("lighthouse_performance_min", "", "Lighthouse 12 mobile, gzip: lowest page"),
    ("lighthouse_accessibility_min", "", "the same, accessibility"),
    ("lighthouse_best_practices_min", "", "the same, best practices"),
    ("lighthouse_seo_min", "", "the same, SEO"),
    ("class_load_2000_s", "s", "`classroom.load` of 2,000 weightings (classroom.py)"),
    ("pdf_build_s", "s", "`make pdf` after `make book` (benchmarks/pdf.py)"),
    ("pdf_student_pages", "", "pages of the student edition"),
    ("pdf_lecturer_pages", "", "pages of the lecturer edition"),
    ("pdf_student_mb", "MB", "size of the student edition"),
    ("pdf_lecturer_mb", "MB", "size of the lecturer edition"),
    ("class_records_2000_s", "s", "`classroom.load_records` of 2,000 exercise records"),
    ("class_forecasts_2000_s", "s", "`classroom.load_forecasts` of the same records"),
    (
        "class_chart_2000_max_s",
        "s",
        "slowest class chart for 2,000, built + drawn (SVG)",
    ),
    (
        "check_feedback_ms_median",
        "ms",
        "submit to feedback drawn, in-page exercise check",
    ),
    ("check_feedback_ms_p95", "ms", "95th percentile (benchmarks/exercise_checks.py)"),
    ("check_handler_ms_median", "ms", "the submit handler alone (check, DOM, storage)"),
    ("checker_page_kb_max", "KB", "most the in-page checker adds to an exercise page"),
    ("checker_page_gzip_kb_max", "KB", "the same, gzip-compressed"),
)


def write_markdown(results: dict) -> str:
    """The readable table of ``results``, for ``benchmarks/RESULTS.md``."""
    m, metrics, repeats = results["machine"], results["metrics"], results["repeats"]
    busy = max(results["load"]["start"][0], results["load"]["end"][0]) > 0.5
    lines = [
        "# Benchmark results",
        "",
        "Written by `make bench` (`benchmarks/run.py`); do not edit by hand. "
        "What the numbers mean and how to act on them: `benchmarks/README.md`.",
        "",
        f"- **Date:** {m['date']}; commit {m['commit']}",
        f"- **Machine:** {m['cpu']}, {m['cores']} cores, {m['memory']}; {m['os']}; "
        f"Python {m['python']}",
        f"- **Load average (1, 5, 15 min):** {results['load']['start']} at the start, "
        f"{results['load']['end']} at the end ({m['cores']} cores; other work was "
        f"{'running' if busy else 'quiet'})",
        "- **Sections:** "
        + "; ".join(
            f"{name} at {results['details'][name].get('measured_at', '?')} "
            f"(load {results['details'][name].get('load_before', ['?'])[0]})"
            for name in SECTIONS
            if name in results["details"]
        ),
        f"- **Repeats:** {repeats['cold_builds']} cold build(s), "
        f"{repeats['warm_builds']} warm builds, "
        f"{repeats['nbval']} nbval + floor runs (alternating), "
        f"{repeats['models']} model timings, {repeats['slider_changes']} changes per "
        f"dashboard, {repeats['page_loads']} cold loads per page. Every number is the "
        "median of its repeats.",
        "",
        "| Metric | Value | Target | Met | What is measured |",
        "|---|---:|---:|:-:|---|",
    ]
    for name, unit, what in ROWS:
        value = metrics.get(name)
        limit = TARGETS.get(name)
        sign = "≥" if limit and limit[-1] == ">=" else "≤"
        target = f"{sign} {_format(limit[0], limit[1])}" if limit else ""
        met = ""
        if limit and value is not None:
            met = "yes" if meets(name, value) else "**no**"
        shown = _format(value, unit)
        lines.append(f"| `{name}` | {shown} | {target} | {met} | {what} |")
    details = results["details"]
    if "browser" in details:
        b = details["browser"]
        lines += [
            "",
            "## Pages",
            "",
            f"{b['pages']} pages on a phone screen (390x844), each loaded "
            f"{b['repeats_per_page']} times with an empty cache from a plain static "
            "server on 127.0.0.1, every other host refused "
            f"({len(b['refused_requests'])} refused). *Opened*: what the page "
            "transfers once loaded; *live*: once every chart and quiz has come near "
            "and is live; *gzip*: the live page's files compressed, as GitHub Pages "
            "sends them. *First chart*: the page opened at its first chart, until "
            "it is live. Lighthouse 12 (mobile: slow 4G, 4x slower CPU, simulated) "
            f"against a gzip-serving server, median of "
            f"{b['lighthouse_runs_per_page']} run(s): performance, accessibility, "
            "best practices, SEO.",
            "",
            "| Page | Opened KB | Live KB | gzip KB | Charts | First chart (ms) "
            "| Lighthouse |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for page, v in sorted(b["by_page"].items(), key=lambda i: -i[1]["all_live_kb"]):
            scores = v.get("lighthouse") or {}
            shown = " / ".join(
                f"{scores[k]:.0f}"
                for k in ("performance", "accessibility", "best-practices", "seo")
                if k in scores
            )
            lines.append(
                f"| {page} | {v['opened_kb']:,.0f} | {v['all_live_kb']:,.0f} | "
                f"{v['all_live_gzip_kb']:,.0f} | {v['charts']} | "
                f"{_format(v['first_live_chart_ms'])} | {shown} |"
            )
        slow = b.get("weigher_slow_4g_runs", [])
        if slow:
            lines += [
                "",
                "The weigher on slow 4G (1.6 Mbps, 150 ms), 4x slower CPU, gzip, "
                "opened "
                "at its first chart; runs (chart shown / chart live, ms): "
                + "; ".join(f"{r['shown_ms']:.0f} / {r['live_ms']:.0f}" for r in slow)
                + ".",
            ]
    if "nbval" in details:
        n = details["nbval"]
        lines += [
            "",
            "## nbval, notebook by notebook",
            "",
            f"{n['notebooks']} notebooks ({n['outcome']}). Runs (s): suite "
            f"{', '.join(f'{t:.1f}' for t in n['nbval_runs_s'])}; floor "
            f"{', '.join(f'{t:.1f}' for t in n['nbval_floor_runs_s'])}. Cell time per "
            "notebook (last run; the kernel start is in each notebook's first cell):",
            "",
            "| Notebook | Cells (s) |",
            "|---|---:|",
        ]
        for name, seconds in n["cell_time_by_notebook_s"].items():
            lines.append(f"| {name} | {seconds:.2f} |")
    if "builds" in details:
        d = details["builds"]
        lines += [
            "",
            "## Builds",
            "",
            "Cold runs (s): "
            + ", ".join(f"{t:.1f}" for t in d["cold_build_runs_s"])
            + f"; warm runs after touching `{d['warm_touched']}` (s): "
            + ", ".join(f"{t:.1f}" for t in d["warm_build_runs_s"])
            + f". Builds with warnings or errors: {d.get('failed_builds') or 'none'}.",
        ]
    if "sliders" in details:
        s = details["sliders"]
        lines += [
            "",
            "## Dashboards",
            "",
            "| Dashboard | Median (ms) | p95 (ms) |",
            "|---|---:|---:|",
        ]
        for name, v in s["dashboards"].items():
            lines.append(f"| {name} | {v['median_ms']:.1f} | {v['p95_ms']:.1f} |")
    if "classroom" in details:
        sys.path.insert(0, str(ROOT / "benchmarks"))
        import classroom

        lines += classroom.markdown(details["classroom"])
    lines += ["", "## Package versions", ""]
    lines += [f"- {name} {version}" for name, version in m["packages"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--cold", type=int, default=1, help="cold builds (slow)")
    parser.add_argument("--warm", type=int, default=5, help="warm builds")
    parser.add_argument("--nbval", type=int, default=3, help="nbval + floor runs")
    parser.add_argument("--changes", type=int, default=60, help="changes per dashboard")
    parser.add_argument("--pages", type=int, default=2, help="cold loads per page")
    parser.add_argument(
        "--lighthouse", type=int, default=1, help="Lighthouse runs per page (0: none)"
    )
    parser.add_argument("--html", type=Path, help="measure this built book's html")
    parser.add_argument("--keep", action="store_true", help="keep the scratch copy")
    parser.add_argument(
        "--report", action="store_true", help="rewrite RESULTS.md from bench.json"
    )
    args = parser.parse_args(argv)
    if args.report:
        OUT_MD.write_text(write_markdown(json.loads(OUT_JSON.read_text())))
        return 0
    if args.quick:
        args.warm, args.nbval, args.changes, args.pages = 2, 1, 50, 1
    model_repeats = 3 if args.quick else 7
    repeats = {
        "cold_builds": args.cold,
        "warm_builds": args.warm,
        "nbval": args.nbval,
        "models": model_repeats,
        "slider_changes": args.changes,
        "page_loads": args.pages,
    }
    previous = json.loads(OUT_JSON.read_text()) if OUT_JSON.is_file() else {}
    results = {
        "machine": machine(),
        "load": {"start": _load()},
        "repeats": repeats,
        "metrics": dict(previous.get("metrics", {})),
        "details": dict(previous.get("details", {})),
    }
    scratch = Path(tempfile.mkdtemp(prefix="palace-coup-bench-"))
    logs = ROOT / "_build" / "bench-logs"
    logs.mkdir(parents=True, exist_ok=True)
    needs_copy = {"builds", "nbval", "pdf"} & set(args.only) or (
        {"browser", "exercises"} & set(args.only) and args.html is None
    )
    work = scratch_copy(scratch / "work") if needs_copy else None
    _log(f"sections {', '.join(args.only)}; scratch copy {work}; logs in {logs}")
    try:
        for section in SECTIONS:
            if section not in args.only:
                continue
            load_before = _load()
            if section == "builds":
                result = bench_builds(work, logs, args.cold, args.warm)
            elif section == "nbval":
                result = bench_nbval(work, logs, args.nbval)
            elif section == "sliders":
                result = bench_sliders(args.changes)
            elif section == "models":
                result = bench_models(model_repeats)
            elif section == "classroom":
                sys.path.insert(0, str(ROOT / "benchmarks"))
                import classroom

                result = classroom.measure(
                    repeats=3 if args.quick else 5, chart_repeats=1 if args.quick else 3
                )
            elif section == "pdf":
                sys.path.insert(0, str(ROOT / "benchmarks"))
                import pdf

                result = pdf.measure(work, logs)
            elif section == "exercises":
                sys.path.insert(0, str(ROOT / "benchmarks"))
                import exercise_checks

                html = args.html or work / "_build" / "html"
                if not (html / "index.html").is_file():
                    _log("building the book first, for the exercises section")
                    _timed(["make", "book"], work, logs / "exercises-build.log")
                result = exercise_checks.measure(html, 1 if args.quick else 3)
            else:
                html = args.html or work / "_build" / "html"
                if not (html / "index.html").is_file():
                    _log("building the book first, for the browser section")
                    _timed(["make", "book"], work, logs / "browser-build.log")
                result = bench_browser(html, args.pages, args.lighthouse)
            result["details"]["measured_at"] = time.strftime("%Y-%m-%d %H:%M")
            result["details"]["load_before"] = load_before
            results["details"][section] = result.pop("details")
            results["metrics"].update(result)
            _log(f"{section}: {json.dumps(result)}")
    finally:
        if not args.keep:
            shutil.rmtree(scratch, ignore_errors=True)
    results["load"]["end"] = _load()
    OUT_JSON.parent.mkdir(parents=True, exist_ok=True)
    OUT_JSON.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    OUT_MD.write_text(write_markdown(results), encoding="utf-8")
    _log(f"wrote {OUT_JSON.relative_to(ROOT)} and {OUT_MD.relative_to(ROOT)}")
    missed = [
        name
        for name in TARGETS
        if results["metrics"].get(name) is not None
        and not meets(name, results["metrics"][name])
    ]
    _log("every target met" if not missed else f"targets missed: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
