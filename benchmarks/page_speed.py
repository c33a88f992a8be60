"""Measure the published book as a phone on a slow network meets it.

``make bench`` runs this as its ``browser`` section (``benchmarks/run.py``);
it can also run alone on a built book::

    .venv/bin/python benchmarks/page_speed.py _build/html [--lighthouse 1]

For every page, on a phone screen (390x844, touch), with an empty cache:

* **Page weight**: bytes the page transfers from a plain static server,
  once it has loaded (``opened``), and once every chart and quiz has been
  brought near so that all of them are live (``all_live``: the weight that
  counts against the targets), with the same files' gzip-compressed size.
* **First live chart, unthrottled**: the page opened at its first chart (its
  address's fragment), time from navigation until that chart is live.
* **The weigher's first chart on slow 4G**: ``book/models/weigh-it-yourself``
  opened at its first chart from a gzip-serving server, with the network
  throttled to 1.6 Mbps and 150 ms round trips and the CPU 4x slower
  (chromium's own emulation): time until the chart is shown (its build-time
  picture painted in the viewport: the later of the first contentful paint
  and the chart's first report, in view, to an IntersectionObserver) and
  until it is live (vega loaded, the chart drawn by it).
* **Lighthouse 12** (npm; installed into ``_build/lighthouse`` on first use),
  mobile, against the gzip-serving server, every page: the four category
  scores, each the median of ``--lighthouse`` runs.
"""

from __future__ import annotations

import argparse
import asyncio
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the browser helpers the tests use

import browser_support as support  # noqa: E402

WEIGHER = "book/models/weigh-it-yourself.html"
LIGHTHOUSE = "lighthouse@12"
LIGHTHOUSE_DIR = ROOT / "_build" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 750e3 / 8,
}
FIRST_CHART_ID = """() => document.querySelector('[id^="altair-viz-"]')?.id"""
FIRST_CHART_SHOWN = """
window.__firstChartInViewMs = null;
new MutationObserver((_, finding) => {
  const chart = document.querySelector('[id^="altair-viz-"]');
  if (!chart) return;
  finding.disconnect();
  new IntersectionObserver((entries, seeing) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      window.__firstChartInViewMs = performance.now();
      seeing.disconnect();
    }
  }).observe(chart);
}).observe(document, {childList: true, subtree: true});
"""
"""Records when the page's first chart is first in the viewport."""
SHOWN = """() => {
  const inView = window.__firstChartInViewMs;
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  return inView === null || !paint ? null : Math.max(inView, paint.startTime);
}"""
"""The time the first chart was shown (null if it never was)."""


def _median(values: list[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _gzip_bytes(html: Path, transfers: list[tuple[str, int]]) -> int:
    """Bytes the same files take gzip-compressed (as GitHub Pages sends text)."""
    total = 0
    for path, size in transfers:
        local = html / path.lstrip("/")
        if local.is_dir():
            local = local / "index.html"
        if local.is_file() and local.suffix in support.COMPRESSED:
            total += len(gzip.compress(local.read_bytes(), 6))
        else:
            total += size
    return total


async def _transfers(page: object) -> list[tuple[str, int]]:
    entries = await page.evaluate(support.TRANSFERS)
    return [(urlsplit(name).path, size) for name, size in entries]


async def weigh_page(browser: object, base: str, html: Path, path: str) -> dict:
    """Open a page cold on a phone; weigh it as opened and with all live."""
    refused: list[str] = []
    async with support.async_offline_context(
        browser, refused, support.PHONE
    ) as context:
        page = await context.new_page()
        await page.goto(base + path, wait_until="load")
        await page.wait_for_load_state("networkidle")
        opened = await _transfers(page)
        charts = await page.locator(support.CHART).count()
        all_live = await support.reveal(page)
        await page.wait_for_load_state("networkidle")
        live = await _transfers(page)
    return {
        "opened_kb": sum(size for _, size in opened) / 1e3,
        "all_live_kb": sum(size for _, size in live) / 1e3,
        "all_live_gzip_kb": _gzip_bytes(html, live) / 1e3,
        "requests": len(live),
        "charts": charts,
        "all_live": all_live,
        "refused": refused,
    }


async def first_chart_id(browser: object, base: str, path: str) -> str | None:
    """The element id of a page's first chart (None without a chart)."""
    async with support.async_offline_context(browser, [], support.PHONE) as context:
        page = await context.new_page()
        await page.goto(base + path, wait_until="domcontentloaded")
        return await page.evaluate(FIRST_CHART_ID)


async def first_live_chart_ms(
    browser: object, base: str, path: str, chart: str
) -> float | None:
    """Open a page at its first chart, unthrottled; ms until it is live."""
    async with support.async_offline_context(browser, [], support.PHONE) as context:
        page = await context.new_page()
        await page.goto(f"{base}{path}#{chart}", wait_until="load")
        await page.wait_for_selector(support.LIVE_CHART, timeout=support.WAIT_MS)
        return await page.evaluate("window.__firstChartMs")


async def slow_4g_first_chart(browser: object, base: str, chart: str) -> dict:
    """The weigher at its first chart, slow 4G and a 4x slower CPU, gzip-served."""
    context = await browser.new_context(**support.PHONE.context_options())
    try:
        await context.add_init_script(support.FIRST_LIVE_CHART_OBSERVER)
        await context.add_init_script(FIRST_CHART_SHOWN)
        page = await context.new_page()
        cdp = await context.new_cdp_session(page)
        await cdp.send("Network.enable")
        await cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        await cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
        await page.goto(f"{base}{WEIGHER}#{chart}", wait_until="load", timeout=60_000)
        await page.wait_for_selector(support.LIVE_CHART, timeout=60_000)
        return {
            "shown_ms": await page.evaluate(SHOWN),
            "live_ms": await page.evaluate("window.__firstChartMs"),
        }
    finally:
        await context.close()


def lighthouse_command() -> list[str]:
    """Install Lighthouse into _build/lighthouse if needed; return its command."""
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if not binary.is_file():
        npm = shutil.which("npm")
        if npm is None:
            raise RuntimeError("npm is needed for Lighthouse: apt-get install npm")
        LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            [
                npm,
                "install",
                "--no-audit",
                "--no-fund",
                "--prefix",
                str(LIGHTHOUSE_DIR),
                LIGHTHOUSE,
            ],
            check=True,
            capture_output=True,
        )
    return [str(binary)]


def lighthouse_scores(command: list[str], url: str, chromium: str) -> dict:
    """Run Lighthouse (mobile, its defaults) once; return the four scores."""
    with tempfile.TemporaryDirectory(prefix="palace-coup-lh-") as folder:
        report = Path(folder) / "report.json"
        subprocess.run(
            [
                *command,
                url,
                "--quiet",
                "--output=json",
                f"--output-path={report}",
                f"--only-categories={','.join(CATEGORIES)}",
                "--chrome-flags=--headless --no-sandbox --disable-gpu",
            ],
            env={**os.environ, "CHROME_PATH": chromium},
            check=True,
            capture_output=True,
            timeout=240,
        )
        result = json.loads(report.read_text(encoding="utf-8"))
    audits = result["audits"]
    return {
        **{name: result["categories"][name]["score"] * 100 for name in CATEGORIES},
        "fcp_ms": audits["first-contentful-paint"]["numericValue"],
        "lcp_ms": audits["largest-contentful-paint"]["numericValue"],
        "tbt_ms": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
    }


def measure(html: Path, repeats: int = 2, lighthouse_runs: int = 1) -> dict:
    """Every measurement above, as ``make bench`` records them."""
    executable = support.chromium()
    if executable is None:
        raise RuntimeError("no chromium: install it with `apt-get install -y chromium`")
    pages, slow = asyncio.run(_in_chromium(executable, html, repeats))
    lighthouse: dict[str, dict] = {}
    if lighthouse_runs:
        command = lighthouse_command()
        with support.serve(html, compress=True) as base:
            for path in pages:
                runs = [
                    lighthouse_scores(command, base + path, executable)
                    for _ in range(lighthouse_runs)
                ]
                lighthouse[path] = {
                    key: _median([run[key] for run in runs]) for key in runs[0]
                }
    return summarise(pages, slow, lighthouse, repeats, lighthouse_runs)


async def _in_chromium(executable: str, html: Path, repeats: int) -> tuple:
    """Weights and first charts of every page; the weigher on slow 4G."""
    pages: dict[str, dict] = {}
    async with support.async_launch(executable) as browser:
        with support.serve(html) as base:
            for path in support.book_pages(html):
                loads = [
                    await weigh_page(browser, base, html, path) for _ in range(repeats)
                ]
                chart = await first_chart_id(browser, base, path)
                firsts = [
                    await first_live_chart_ms(browser, base, path, chart)
                    for _ in range(repeats if chart else 0)
                ]
                pages[path] = {
                    **{
                        key: _median([load[key] for load in loads])
                        for key in ("opened_kb", "all_live_kb", "all_live_gzip_kb")
                    },
                    "requests": loads[0]["requests"],
                    "charts": loads[0]["charts"],
                    "all_live": all(load["all_live"] for load in loads),
                    "refused": sorted({u for load in loads for u in load["refused"]}),
                    "first_live_chart_ms": _median([ms for ms in firsts if ms]),
                }
            chart = await first_chart_id(browser, base, WEIGHER)
        with support.serve(html, compress=True) as base:
            slow = [await slow_4g_first_chart(browser, base, chart) for _ in range(3)]
    return pages, slow


def summarise(
    pages: dict, slow: list[dict], lighthouse: dict, repeats: int, runs: int
) -> dict:
    """The metrics (with targets in run.py) and the details behind them."""
    chartless = {p: v for p, v in pages.items() if not v["charts"]}
    charted = {p: v for p, v in pages.items() if v["charts"]}
    heaviest = max(pages, key=lambda p: pages[p]["all_live_kb"])
    heaviest_chartless = max(chartless, key=lambda p: chartless[p]["all_live_kb"])
    slowest = max(charted, key=lambda p: charted[p]["first_live_chart_ms"] or 0)
    metrics = {
        "heaviest_page_kb": pages[heaviest]["all_live_kb"],
        "heaviest_chartless_page_kb": chartless[heaviest_chartless]["all_live_kb"],
        "heaviest_page_gzip_kb": max(v["all_live_gzip_kb"] for v in pages.values()),
        "first_chart_ms": charted[slowest]["first_live_chart_ms"],
        "weigher_first_chart_slow_4g_ms": _median([run["shown_ms"] for run in slow]),
        "weigher_first_chart_live_slow_4g_ms": _median(
            [run["live_ms"] for run in slow]
        ),
    }
    for name in CATEGORIES:
        if lighthouse:
            key = "lighthouse_" + name.replace("-", "_") + "_min"
            metrics[key] = min(scores[name] for scores in lighthouse.values())
    return {
        **metrics,
        "details": {
            "repeats_per_page": repeats,
            "lighthouse_runs_per_page": runs,
            "pages": len(pages),
            "heaviest_page": heaviest,
            "heaviest_chartless_page": heaviest_chartless,
            "slowest_first_chart_page": slowest,
            "weigher_slow_4g_runs": slow,
            "refused_requests": sorted(
                {u for v in pages.values() for u in v["refused"]}
            ),
            "by_page": {
                path: {**value, "lighthouse": lighthouse.get(path)}
                for path, value in pages.items()
            },
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("html", type=Path, help="a built book's html folder")
    parser.add_argument("--pages", type=int, default=2, help="cold loads per page")
    parser.add_argument("--lighthouse", type=int, default=1, help="runs per page")
    args = parser.parse_args(argv)
    result = measure(args.html.resolve(), args.pages, args.lighthouse)
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
