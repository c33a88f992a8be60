"""Serve the built book and open its pages offline in chromium.

Shared by the browser tests (``tests/test_browser.py``) and the benchmarks
(``benchmarks/run.py``), so that both measure a page the same way: the book is
served by a plain static server on 127.0.0.1, each page is opened in a fresh
browser context (an empty cache), and every request to another host is
refused and recorded.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, sync_playwright
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

HOST = "127.0.0.1"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 900}
WAIT_MS = 15_000
NOT_PAGES = {"_static", "_sources", "_images", "_sphinx_design_static"}

# Altair's HTML output: one element per chart, whose id starts "altair-viz-";
# vega-embed draws an <svg> or a <canvas> inside it.
CHART = '[id^="altair-viz-"]'
FIRST_CHART_OBSERVER = """
window.__firstChartMs = null;
new MutationObserver((_, observer) => {
  if (document.querySelector('[id^="altair-viz-"] svg, [id^="altair-viz-"] canvas')) {
    window.__firstChartMs = performance.now();
    observer.disconnect();
  }
}).observe(document, {childList: true, subtree: true});
"""
ALL_CHARTS_DRAWN = """() => Array.from(document.querySelectorAll('[id^="altair-viz-"]'))
  .every((chart) => chart.querySelector('svg, canvas'))"""
TRANSFERS = """() => performance.getEntriesByType('navigation')
  .concat(performance.getEntriesByType('resource'))
  .map((entry) => [entry.name, entry.transferSize])"""


def chromium() -> str | None:
    """Return the path of Debian's chromium, or None if it is not installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def book_pages(html: Path) -> list[str]:
    """Return every page of the built book, relative to its root, sorted."""
    pages = []
    for path in sorted(html.rglob("*.html")):
        relative = path.relative_to(html)
        if relative.parts[0] in NOT_PAGES:
            continue
        if 'http-equiv="Refresh"' in path.read_text(encoding="utf-8"):
            continue  # the root index.html only redirects to the first page
        pages.append(relative.as_posix())
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(html: Path) -> Iterator[str]:
    """Serve a folder on a free port of 127.0.0.1; yield its base address."""
    handler = functools.partial(_QuietHandler, directory=str(html))
    httpd = http.server.ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.contextmanager
def launch(executable: str) -> Iterator[Browser]:
    """Start one headless chromium (Debian's, never a downloaded one)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def offline_context(browser: Browser, refused: list[str]) -> Iterator[BrowserContext]:
    """Open a fresh context (empty cache) that refuses every other host.

    Each refused address is appended to ``refused``. The context records the
    time at which the first chart is drawn in ``window.__firstChartMs``.
    """
    context = browser.new_context(viewport=VIEWPORT)
    context.set_default_timeout(WAIT_MS)

    def route(route: object) -> None:
        url = route.request.url
        if urlsplit(url).hostname == HOST:
            route.continue_()
        else:
            refused.append(url)
            route.abort()

    context.route("**/*", route)
    context.add_init_script(FIRST_CHART_OBSERVER)
    try:
        yield context
    finally:
        context.close()


@dataclass
class PageLoad:
    """What loading one page cost, with a cold cache."""

    page: str
    charts: int = 0
    charts_drawn: bool = True
    first_chart_ms: float | None = None
    transfer_bytes: int = 0
    transfers: list[tuple[str, int]] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def load_page(browser: Browser, base: str, path: str) -> PageLoad:
    """Open a page cold and offline; wait for its charts and the network.

    ``first_chart_ms`` is the time from navigation until the first chart has
    an SVG or canvas (None on a page without charts); ``transfer_bytes`` is
    the total the page transferred (document and every resource, headers
    included), once the charts are drawn and the network is idle. (Maths is
    MathML, drawn by the browser itself: there is nothing to wait for.)
    """
    result = PageLoad(page=path)
    with offline_context(browser, result.refused) as context:
        page = context.new_page()
        page.goto(base + path, wait_until="load")
        result.charts = page.locator(CHART).count()
        if result.charts:
            try:
                page.wait_for_function(ALL_CHARTS_DRAWN, timeout=WAIT_MS)
            except PlaywrightTimeoutError:
                result.charts_drawn = False
            result.first_chart_ms = page.evaluate("window.__firstChartMs")
        page.wait_for_load_state("networkidle")
        result.transfers = [
            (urlsplit(name).path, size) for name, size in page.evaluate(TRANSFERS)
        ]
        result.transfer_bytes = sum(size for _, size in result.transfers)
    return result
