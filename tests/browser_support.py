"""Serve the built book and open its pages offline in chromium.

Shared by the browser tests (``tests/test_browser.py``) and the benchmarks
(``benchmarks/page_speed.py``), so that both open a page the same way: the
book is served on 127.0.0.1 (as it is, or gzip-compressed as GitHub Pages
sends it), each page is opened in a fresh browser context (an empty cache)
as a phone (390x844, touch) or a desktop (1280x800), and every request to
another host is refused and recorded.

Charts and quizzes are built when they come near the viewport
(``book/_ext/lazy_charts.py``, ``quizzes.py``): :func:`reveal` scrolls to each
of them in turn and waits until all are live.

The helpers use playwright's asyncio API, so that the tests can audit two
pages at once in one browser (each page's work runs in its own renderer
process: on two cores, about twice as fast).
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import gzip
import http.server
import io
import shutil
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from playwright.async_api import Browser, BrowserContext, Page, async_playwright
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

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
WAIT_MS = 15_000
NOT_PAGES = {"_static", "_sources", "_images", "_sphinx_design_static"}
COMPRESSED = {".html", ".css", ".js", ".json", ".svg", ".txt", ".map"}
"""What GitHub Pages sends compressed (fonts and images already are)."""


@dataclass(frozen=True)
class Screen:
    """A kind of screen a page is opened on."""

    name: str
    width: int
    height: int
    touch: bool

    def context_options(self) -> dict[str, object]:
        """Playwright's options for a context with this screen."""
        return {
            "viewport": {"width": self.width, "height": self.height},
            "has_touch": self.touch,
            "is_mobile": self.touch,
        }


PHONE = Screen("phone", 390, 844, touch=True)
DESKTOP = Screen("desktop", 1280, 800, touch=False)

# Each chart: its element (Altair's id kept), with data-pc-state "picture"
# (drawn at build time) until vega has drawn it live ("live").
CHART = '[id^="altair-viz-"]'
LIVE_CHART = f'{CHART}[data-pc-state="live"]'
# Each quiz: jupyterquiz's script, run when it comes near (data-pc-quiz).
QUIZ_SCRIPT = "script[data-pc-quiz]"
FIRST_LIVE_CHART_OBSERVER = """
window.__firstChartMs = null;
new MutationObserver((_, observer) => {
  if (document.querySelector('[id^="altair-viz-"][data-pc-state="live"]')) {
    window.__firstChartMs = performance.now();
    observer.disconnect();
  }
}).observe(document, {subtree: true, attributes: true,
  attributeFilter: ['data-pc-state']});
"""
ALL_LIVE = """() => Array.from(document.querySelectorAll('[id^="altair-viz-"]'))
  .every((chart) => chart.dataset.pcState === 'live')
  && Array.from(document.querySelectorAll('script[data-pc-quiz]'))
  .every((script) => script.dataset.pcQuizBuilt)"""
REVEAL_NEXT = """(index) => {
  const lazy = Array.from(document.querySelectorAll(
    '[id^="altair-viz-"], script[data-pc-quiz]'));
  if (index >= lazy.length) return false;
  const element = lazy[index];
  (element.tagName === 'SCRIPT' ? element.parentElement : element)
    .scrollIntoView({block: 'center'});
  return true;
}"""
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
        if relative.parts[0] in NOT_PAGES or relative.parts[0].startswith("."):
            continue
        if 'http-equiv="Refresh"' in path.read_text(encoding="utf-8"):
            continue  # the root index.html only redirects to the first page
        pages.append(relative.as_posix())
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _GzipHandler(_QuietHandler):
    """Send text gzip-compressed to a browser that accepts it, as GitHub Pages."""

    def send_head(self) -> io.BytesIO | None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(html: Path, compress: bool = False) -> Iterator[str]:
    """Serve a folder on a free port of 127.0.0.1; yield its base address.

    With ``compress``, text files go out gzip-compressed, as GitHub Pages
    (where the book is published) sends them; otherwise as they are.
    """
    kind = _GzipHandler if compress else _QuietHandler
    handler = functools.partial(kind, directory=str(html))
    httpd = http.server.ThreadingHTTPServer((HOST, 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()


@contextlib.asynccontextmanager
async def launch(executable: str) -> AsyncIterator[Browser]:
    """Start one headless chromium (Debian's, never a downloaded one)."""
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            await browser.close()


@contextlib.asynccontextmanager
async def offline_context(
    browser: Browser,
    refused: list[str],
    screen: Screen = DESKTOP,
    color_scheme: str = "light",
) -> AsyncIterator[BrowserContext]:
    """Open a fresh context (empty cache) that refuses every other host.

    Each refused address is appended to ``refused``. The context records the
    time at which the first chart is drawn live in ``window.__firstChartMs``.
    """
    context = await browser.new_context(
        **screen.context_options(), color_scheme=color_scheme
    )
    context.set_default_timeout(WAIT_MS)

    async def route(route: object) -> None:
        url = route.request.url
        if urlsplit(url).hostname == HOST:
            await route.continue_()
        else:
            refused.append(url)
            await route.abort()

    await context.route("**/*", route)
    await context.add_init_script(FIRST_LIVE_CHART_OBSERVER)
    try:
        yield context
    finally:
        await context.close()


async def reveal(page: Page, seconds: float = WAIT_MS / 1000) -> bool:
    """Bring every chart and quiz near the viewport in turn; wait until live.

    Returns whether every chart was drawn live and every quiz built in time;
    the page is scrolled back to its top.
    """
    index = 0
    while await page.evaluate(REVEAL_NEXT, index):
        index += 1
        await asyncio.sleep(0.06)  # let the IntersectionObserver see it
    try:
        await page.wait_for_function(ALL_LIVE, timeout=seconds * 1000)
        done = True
    except PlaywrightTimeoutError:
        done = False
    await page.evaluate("window.scrollTo(0, 0)")
    return done
