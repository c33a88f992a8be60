"""Measure key press -> chart redrawn in a real JupyterLab, offline.

Starts JupyterLab on a free local port with a throw-away notebook that shows
the precondition weigher, opens it in Debian's Chromium (every request to a
host other than 127.0.0.1 is refused), runs the cell, then presses an arrow
key on a score slider 30 times and times each press until the chart's pixels
change. This includes the browser -> kernel -> browser round trip, the model,
and Vega's redraw; the in-kernel part alone is ``slider_latency.py``.

Run: ``.venv/bin/python benchmarks/lab_latency.py`` (needs ``playwright`` and
``/usr/bin/chromium``). Not a timed test.
"""

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from playwright.sync_api import sync_playwright

PRESSES = 30
CHART = (
    "() => { const c = document.querySelector('.vega-embed canvas');"
    " return c ? c.toDataURL() : document.querySelector('.vega-embed svg').outerHTML; }"
)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _notebook(folder: Path) -> None:
    source = (
        "from palace_coup import notebook, widgets\n"
        "_ = notebook.setup()\n"
        f"weigher = widgets.precondition_weigher(folder={str(folder / 'saved')!r})\n"
        "weigher"
    )
    book = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(source)])
    book.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(book, folder / "live.ipynb")


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="lab-latency-"))
    _notebook(folder)
    port, token = _free_port(), "benchmark"
    env = {k: v for k, v in os.environ.items() if k != "PALACE_COUP_RENDER"}
    lab = subprocess.Popen(
        [
            str(Path(sys.executable).with_name("jupyter")),
            "lab",
            "--no-browser",
            f"--port={port}",
            f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={folder}",
            "--allow-root",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(8)
        with sync_playwright() as play:
            browser = play.chromium.launch(
                executable_path="/usr/bin/chromium",
                args=["--headless", "--no-sandbox", "--disable-gpu"],
            )
            page = browser.new_page(viewport={"width": 1400, "height": 2200})
            page.route(
                "**/*",
                lambda r: r.continue_() if "127.0.0.1" in r.request.url else r.abort(),
            )
            page.goto(f"http://127.0.0.1:{port}/lab/tree/live.ipynb?token={token}")
            page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=120_000)
            page.wait_for_timeout(4000)
            page.locator(".jp-Cell .jp-InputArea-editor").first.click()
            page.keyboard.press("Shift+Enter")
            page.wait_for_selector(
                ".vega-embed canvas, .vega-embed svg", timeout=120_000
            )
            page.wait_for_timeout(2000)
            page.locator(".widget-slider .noUi-handle").nth(8).focus()
            times = []
            for press in range(PRESSES):
                before = page.evaluate(CHART)
                start = time.perf_counter()
                page.keyboard.press(
                    "ArrowRight" if press < PRESSES // 2 else "ArrowLeft"
                )
                page.wait_for_function(
                    f"(b) => ({CHART})() !== b", arg=before, polling="raf", timeout=5000
                )
                times.append((time.perf_counter() - start) * 1000)
            browser.close()
    finally:
        lab.terminate()
        lab.wait(timeout=30)
    times.sort()
    median, p95 = statistics.median(times), times[int(0.95 * (len(times) - 1))]
    print(
        f"key press -> chart redrawn in JupyterLab: median {median:.0f} ms, "
        f"p95 {p95:.0f} ms, n={len(times)}"
    )


if __name__ == "__main__":
    main()
