"""The built book in a real browser, offline, as a student would meet it.

Every page of the built book is served on 127.0.0.1 and opened in Debian's
chromium through playwright, with every request to another host refused. On
every page: no console error, no request to another host, every chart drawn,
every control bound to a chart changes it (reached with the keyboard), every
worked solution hidden until its toggle is clicked, every quiz question
answerable, and no serious or critical accessibility violation (axe-core).
Key pages are saved as screenshots under ``_build/screenshots/``; the page
count, the heaviest page's transfer size and the time to the first drawn chart
are written to ``_build/browser-report.json`` and printed.

The book is built once per pytest run (the ``book_build`` fixture, shared with
``test_book_build.py``). To check a book that is already built, for instance
by ``make book``, point ``PALACE_COUP_BOOK_HTML`` at its ``html`` folder.
Serving, launching chromium and opening a page offline are shared with
``make bench`` (``tests/browser_support.py``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from browser_support import (
    ALL_CHARTS_DRAWN,
    CHART,
    WAIT_MS,
    book_pages,
    offline_context,
)
from playwright.sync_api import Browser, Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "_build" / "screenshots"
REPORT = ROOT / "_build" / "browser-report.json"
SERIOUS = {"serious", "critical"}
PROBLEMS = (
    "console_errors",
    "third_party",
    "undrawn_charts",
    "inert_controls",
    "visible_solutions",
    "unanswerable",
    "accessibility",
)
"""What each page is checked for; every count must be zero."""
# axe-core's own stylesheet preloading resolves the theme's `@import` against
# the page instead of the style sheet and fetches a file that does not exist
# (a 404 that is axe's, not the book's): it is switched off.
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}

# Inside each chart (CHART), vega-embed draws an <svg> or a <canvas>, and the
# bound inputs.
DRAWN = "svg, canvas"
CONTROL = ".vega-bindings input, .vega-bindings select"
# Worked solutions: sphinx-exercise's solution admonitions, cells tagged
# "solution", and dropdowns whose title starts with "Solution".
SOLUTION = "div.solution, .tag_solution, details, .admonition.dropdown, .sd-dropdown"
SOLUTIONS_PAGES = "exercises/solutions/"
# jupyterquiz: one .Quiz element per question, with its .Feedback element.
QUESTION = ".Quiz"

ANIMATIONS_DONE = """() => document.getAnimations()
  .every((animation) => animation.playState !== 'running')"""
TRANSFER_BYTES = """() => performance.getEntriesByType('navigation')
  .concat(performance.getEntriesByType('resource'))
  .reduce((total, entry) => total + entry.transferSize, 0)"""
PICTURE = """(chart) => {
  const svg = chart.querySelector('svg');
  if (svg) return svg.outerHTML;
  const canvas = chart.querySelector('canvas');
  return canvas ? canvas.toDataURL() : '';
}"""
PICTURE_CHANGED = f"([chart, before]) => ({PICTURE})(chart) !== before"
CONTROL_NAME = """(input) => (input.closest('.vega-bind')
  ?.querySelector('.vega-bind-name')?.textContent || input.name || input.type).trim()"""
TITLE_OF = """(element) => (element.querySelector(
  ':scope > summary, :scope > .admonition-title, :scope > .sd-summary-title'
)?.textContent || '').trim()"""
BODY_SHOWN = """(element) => {
  const title = element.querySelector(
    ':scope > summary, :scope > .admonition-title, :scope > .sd-summary-title');
  const seen = {opacityProperty: true, visibilityProperty: true};
  return Array.from(element.children).filter((child) => child !== title)
    .some((child) => child.checkVisibility(seen));
}"""
FEEDBACK_SHOWN = """(question) => Boolean(
  question.querySelector('.Feedback')?.innerText.trim())"""


@dataclass
class PageAudit:
    """What one page showed in the browser."""

    page: str
    console_errors: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    charts: int = 0
    undrawn_charts: list[str] = field(default_factory=list)
    controls: int = 0
    inert_controls: list[str] = field(default_factory=list)
    solutions: int = 0
    visible_solutions: list[str] = field(default_factory=list)
    questions: int = 0
    unanswerable: list[str] = field(default_factory=list)
    accessibility: list[str] = field(default_factory=list)
    transfer_bytes: int = 0
    first_chart_ms: float | None = None
    screenshot: str | None = None


def _becomes_true(page: Page, expression: str, arg: object, seconds: float) -> bool:
    """Wait until a JavaScript predicate holds in the page; False on time-out."""
    try:
        page.wait_for_function(expression, arg=arg, timeout=seconds * 1000)
    except PlaywrightTimeoutError:
        return False
    return True


def _check_controls(page: Page, charts: Locator, audit: PageAudit) -> None:
    """Change every bound control with the keyboard; its chart must change."""
    for number in range(charts.count()):
        chart = charts.nth(number)
        controls = chart.locator(CONTROL)
        for index in range(controls.count()):
            control = controls.nth(index)
            kind = control.evaluate("(e) => e.type")
            if kind == "radio" and control.is_checked():
                continue  # the group is tested through its other buttons
            audit.controls += 1
            before = chart.evaluate(PICTURE)
            control.focus()
            if kind == "range":
                at_max = control.evaluate("(e) => Number(e.value) >= Number(e.max)")
                control.press("Home" if at_max else "End")
            elif kind in ("checkbox", "radio"):
                control.press("Space")
            elif kind.startswith("select"):
                control.press(
                    "ArrowDown"
                    if control.evaluate("(e) => e.selectedIndex < e.options.length - 1")
                    else "ArrowUp"
                )
            else:
                control.fill(str(float(control.input_value() or 0) + 1))
                control.press("Enter")
            changed = [chart.element_handle(), before]
            if not _becomes_true(page, PICTURE_CHANGED, changed, seconds=5):
                name = control.evaluate(CONTROL_NAME)
                audit.inert_controls.append(f"chart {number + 1}, control {name!r}")


def _check_solutions(page: Page, audit: PageAudit) -> None:
    """Every solution is hidden until its title is clicked, then shown."""
    if audit.page.startswith(SOLUTIONS_PAGES):
        return  # a worked-solution page is reached by a deliberate click
    candidates = page.locator(SOLUTION)
    for index in range(candidates.count()):
        element = candidates.nth(index)
        title = element.evaluate(TITLE_OF)
        classes = element.get_attribute("class") or ""
        if not ("solution" in classes or title.lower().startswith("solution")):
            continue
        audit.solutions += 1
        label = title or f"solution {audit.solutions}"
        if element.evaluate(BODY_SHOWN):
            audit.visible_solutions.append(f"{label!r} is shown before any click")
            continue
        toggle = element.locator(
            ":scope > summary, :scope > .admonition-title, :scope > .sd-summary-title"
        ).first
        if toggle.count() == 0:
            audit.visible_solutions.append(f"{label!r} has nothing to click")
            continue
        toggle.click()
        if not _becomes_true(page, BODY_SHOWN, element.element_handle(), seconds=2):
            audit.visible_solutions.append(f"{label!r} does not open when clicked")


def _check_quizzes(page: Page, audit: PageAudit) -> None:
    """Answer every quiz question once: feedback must appear."""
    questions = page.locator(QUESTION)
    for index in range(questions.count()):
        question = questions.nth(index)
        audit.questions += 1
        choices = question.locator(".MCButton")
        if choices.count():
            choices.first.click()
        else:
            field_ = question.locator("input.Input-text").first
            field_.fill("0")
            field_.press("Enter")
        if not _becomes_true(
            page, FEEDBACK_SHOWN, question.element_handle(), seconds=2
        ):
            audit.unanswerable.append(f"question {index + 1} gives no feedback")


def _screenshot_name(audit: PageAudit, taken: set[str]) -> str | None:
    """Name the screenshot of a key page: the first page of each kind."""
    kinds = {
        "home": audit.page == "book/intro.html",
        "chart": audit.charts > 0,
        "controls": audit.controls > 0,
        "quiz": audit.questions > 0,
        "exercise": audit.page.startswith("exercises/"),
    }
    for kind, matches in kinds.items():
        if matches and kind not in taken:
            taken.add(kind)
            return f"{kind}-{audit.page.removesuffix('.html').replace('/', '-')}.png"
    return None


def _audit_page(browser: Browser, server: str, path: str, axe: Axe) -> PageAudit:
    """Open one page in a fresh context (cold cache) and check everything."""
    audit = PageAudit(page=path)
    with offline_context(browser, audit.third_party) as context:
        page = context.new_page()
        page.on(
            "console",
            lambda message: (
                message.type == "error"
                and audit.console_errors.append(
                    f"{message.text} ({message.location.get('url', '?')})"
                )
            ),
        )
        page.on(
            "response",
            lambda response: (
                response.status >= 400
                and audit.console_errors.append(
                    f"HTTP {response.status}: {response.url}"
                )
            ),
        )
        page.on("pageerror", lambda error: audit.console_errors.append(str(error)))
        page.goto(server + path, wait_until="load")
        charts = page.locator(CHART)
        audit.charts = charts.count()
        if audit.charts:
            # Charts still blank after the wait are reported one by one below.
            _becomes_true(page, ALL_CHARTS_DRAWN, None, seconds=WAIT_MS / 1000)
            for number in range(audit.charts):
                if charts.nth(number).locator(DRAWN).count() == 0:
                    audit.undrawn_charts.append(f"chart {number + 1} is not drawn")
            audit.first_chart_ms = page.evaluate("window.__firstChartMs")
        page.wait_for_load_state("networkidle")
        audit.transfer_bytes = page.evaluate(TRANSFER_BYTES)
        _check_controls(page, charts, audit)
        _check_solutions(page, audit)
        _check_quizzes(page, audit)
        # After the clicks, so that opened solutions and quiz feedback count,
        # once their transitions have ended.
        _becomes_true(page, ANIMATIONS_DONE, None, seconds=2)
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        audit.accessibility = [
            f"{v['impact']} {v['id']}: {v['help']} "
            f"(e.g. {v['nodes'][0]['target']}; {len(v['nodes'])} elements)"
            for v in violations
            if v["impact"] in SERIOUS
        ]
    return audit


@pytest.fixture(scope="session")
def audits(
    browser: Browser, server: str, book_html: Path, request: pytest.FixtureRequest
) -> list[PageAudit]:
    """Audit every page once; save key screenshots and the measurements."""
    pages = book_pages(book_html)
    axe = Axe()
    results, taken = [], set()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for path in pages:
        audit = _audit_page(browser, server, path, axe)
        name = _screenshot_name(audit, taken)
        if name:
            _save_screenshot(browser, server, path, SCREENSHOTS / name)
            audit.screenshot = name
        results.append(audit)
    _report(results, request)
    return results


def _save_screenshot(browser: Browser, server: str, path: str, target: Path) -> None:
    """Save a full-page screenshot of a page as first shown, charts drawn."""
    with offline_context(browser, []) as context:
        page = context.new_page()
        page.goto(server + path, wait_until="load")
        page.wait_for_function(ALL_CHARTS_DRAWN, timeout=WAIT_MS)
        page.screenshot(path=str(target), full_page=True)


def _report(results: list[PageAudit], request: pytest.FixtureRequest) -> None:
    """Write the measurements to _build/browser-report.json and print them."""
    heaviest = max(results, key=lambda audit: audit.transfer_bytes)
    firsts = sorted(a.first_chart_ms for a in results if a.first_chart_ms is not None)
    summary = {
        "pages": len(results),
        "heaviest_page": heaviest.page,
        "heaviest_transfer_bytes": heaviest.transfer_bytes,
        "first_chart_ms_median": firsts[len(firsts) // 2] if firsts else None,
        "first_chart_ms_max": firsts[-1] if firsts else None,
        "charts": sum(a.charts for a in results),
        "controls": sum(a.controls for a in results),
        "solutions": sum(a.solutions for a in results),
        "quiz_questions": sum(a.questions for a in results),
        "problems": {
            name: sum(len(getattr(a, name)) for a in results) for name in PROBLEMS
        },
    }
    REPORT.write_text(
        json.dumps(
            {"summary": summary, "pages": [asdict(a) for a in results]}, indent=1
        ),
        encoding="utf-8",
    )
    plugins = request.config.pluginmanager
    reporter = plugins.get_plugin("terminalreporter")
    capture = plugins.get_plugin("capturemanager")
    if reporter is not None and capture is not None:
        with capture.global_and_fixture_disabled():
            reporter.write_line(f"\nbrowser audit: {json.dumps(summary)}")


def _problems(results: list[PageAudit], name: str) -> dict[str, list[str]]:
    """Collect one kind of problem, page by page, leaving out clean pages."""
    return {a.page: getattr(a, name) for a in results if getattr(a, name)}


def test_every_page_was_visited(audits: list[PageAudit], book_html: Path) -> None:
    assert audits, "no page found in the built book"
    assert "book/intro.html" in {a.page for a in audits}


def test_no_console_errors(audits: list[PageAudit]) -> None:
    assert not _problems(audits, "console_errors")


def test_no_request_to_another_host(audits: list[PageAudit]) -> None:
    assert not _problems(audits, "third_party")


def test_every_chart_is_drawn(audits: list[PageAudit]) -> None:
    assert not _problems(audits, "undrawn_charts")


def test_every_bound_control_changes_its_chart(audits: list[PageAudit]) -> None:
    assert not _problems(audits, "inert_controls")


def test_solutions_are_hidden_until_clicked(audits: list[PageAudit]) -> None:
    assert not _problems(audits, "visible_solutions")


def test_quizzes_are_answerable(audits: list[PageAudit]) -> None:
    assert not _problems(audits, "unanswerable")


def test_no_serious_accessibility_violation(audits: list[PageAudit]) -> None:
    assert not _problems(audits, "accessibility")


def test_key_pages_are_screenshotted(audits: list[PageAudit]) -> None:
    shots = [a.screenshot for a in audits if a.screenshot]
    assert shots, "no screenshot saved"
    assert all((SCREENSHOTS / shot).stat().st_size > 10_000 for shot in shots)
