"""The checks the browser tests make on each page, one function per subject.

Each check appends what it found wrong to a list of problems and returns how
many subjects it checked (charts, controls, questions, ...), so that the
tests can compare that count with what the sources say the page holds
(``book_expectations.py``).
"""

from __future__ import annotations

from axe_playwright_python.async_playwright import Axe
from browser_support import CHART, LIVE_CHART
from playwright.async_api import Locator, Page
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

SERIOUS = {"serious", "critical"}
# axe-core's own stylesheet preloading resolves the theme's `@import` against
# the page instead of the style sheet and fetches a file that does not exist
# (a 404 that is axe's, not the book's): it is switched off.
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}

CONTROL = ".vega-bindings input, .vega-bindings select, .pc-explorer-controls input"
"""Vega's own inputs, or an explorer's (book/_ext/explorables.py)."""
# Worked solutions: sphinx-exercise's solution admonitions, cells tagged
# "solution", and dropdowns whose title starts with "Solution".
SOLUTION = "div.solution, .tag_solution, details, .admonition.dropdown, .sd-dropdown"
SOLUTIONS_PAGES = "exercises/solutions/"
TITLE = ":scope > summary, :scope > .admonition-title, :scope > .sd-summary-title"

WATCH = """(chart) => {
  chart.__pcChanged = false;
  chart.__pcWatch?.disconnect();
  chart.__pcWatch = new MutationObserver(() => { chart.__pcChanged = true; });
  chart.__pcWatch.observe(chart.querySelector('svg'),
    {subtree: true, childList: true, attributes: true, characterData: true});
}"""
CHANGED = "(chart) => chart.__pcChanged === true"
CONTROL_NAME = """(input) => (input.closest('.vega-bind')
  ?.querySelector('.vega-bind-name')?.textContent || input.labels?.[0]?.textContent
  || input.name || input.type).trim()"""
TITLE_OF = (
    f"""(element) => (element.querySelector('{TITLE}')?.textContent || '').trim()"""
)
BODY_SHOWN = f"""(element) => {{
  const title = element.querySelector('{TITLE}');
  const seen = {{opacityProperty: true, visibilityProperty: true}};
  return Array.from(element.children).filter((child) => child !== title)
    .some((child) => child.checkVisibility(seen));
}}"""
ANNOUNCED = """(question) => {
  const status = question.querySelector('[role="status"]');
  return Boolean(status && status.innerText.trim()
    && status.checkVisibility());
}"""
FEEDBACK_TEXT = """(question) =>
  (question.querySelector('.Feedback')?.innerText || '').trim()"""
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = document.documentElement.scrollWidth;
  if (wide <= width + 1) return null;
  const culprits = Array.from(document.querySelectorAll('body *'))
    .filter((e) => e.getBoundingClientRect().right > width + 1)
    .filter((e) => e.parentElement.getBoundingClientRect().right <= width + 1)
    .slice(0, 3)
    .map((e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
      + (e.className && typeof e.className === 'string'
        ? '.' + e.className.trim().split(/\\s+/).join('.') : ''));
  return [wide, width, culprits];
}"""
DIALOG_OPEN = "(id) => document.getElementById(id)?.open === true"
SIDEBAR_SHOWN = """() => {
  const sidebar = document.getElementById('pst-primary-sidebar');
  return Boolean(sidebar) && !sidebar.classList.contains('pst-sidebar-hidden')
    && sidebar.checkVisibility({visibilityProperty: true});
}"""
ANIMATIONS_DONE = """() => document.getAnimations()
  .every((animation) => animation.playState !== 'running')"""
HEADER_BUTTONS = ".bd-header-article button:visible"
TOOLTIP_SHOWN = (
    "() => Array.from(document.querySelectorAll('.tooltip'))"
    ".some((tip) => tip.checkVisibility())"
)
TOOLTIP_OVER = """(button) => {
  const box = button.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return Boolean(hit && hit.closest('.tooltip'));
}"""


async def becomes_true(
    page: Page, expression: str, arg: object, seconds: float
) -> bool:
    """Wait until a JavaScript predicate holds in the page; False on time-out."""
    try:
        await page.wait_for_function(expression, arg=arg, timeout=seconds * 1000)
    except PlaywrightTimeoutError:
        return False
    return True


async def check_charts(page: Page, problems: list[str]) -> int:
    """Every chart must be drawn live (after ``reveal``); return how many are."""
    charts = page.locator(CHART)
    for number in range(await charts.count()):
        state = await charts.nth(number).get_attribute("data-pc-state")
        if state != "live":
            problems.append(f"chart {number + 1} is not drawn live ({state})")
    return await page.locator(LIVE_CHART).count()


async def check_lazy_charts(page: Page, problems: list[str]) -> int:
    """Before scrolling: charts far below must still be pictures; count them.

    If no chart is near the screen, vega must not have been loaded either.
    """
    far = "(chart) => chart.getBoundingClientRect().top > 2 * window.innerHeight"
    charts = page.locator(CHART)
    states = [
        (
            await charts.nth(i).evaluate(far),
            await charts.nth(i).get_attribute("data-pc-state"),
        )
        for i in range(await charts.count())
    ]
    for number, (is_far, state) in enumerate(states, start=1):
        if is_far and state != "picture":
            problems.append(f"chart {number} is drawn live ({state}) while far below")
        if (
            state == "picture"
            and not await charts.nth(number - 1)
            .locator(":scope > svg.pc-picture")
            .count()
        ):
            problems.append(f"chart {number} shows no picture before it is live")
    if states and all(is_far for is_far, _ in states):
        if await page.evaluate("typeof window.vega") != "undefined":
            problems.append("vega was loaded while no chart was near")
    return sum(is_far for is_far, _ in states)


async def check_overflow(page: Page, problems: list[str]) -> None:
    """The page must not be wider than the screen."""
    found = await page.evaluate(OVERFLOW)
    if found:
        wide, width, culprits = found
        problems.append(f"{wide} px wide on a {width} px screen: {culprits}")


async def check_controls(page: Page, problems: list[str]) -> int:
    """Change every bound control with the keyboard; its chart must change."""
    moved = 0
    charts = page.locator(LIVE_CHART)
    for number in range(await charts.count()):
        chart = charts.nth(number)
        element = page.locator(f"#{await chart.get_attribute('id')}")
        explorer = page.locator(".pc-explorer").filter(has=element)
        controls = (explorer if await explorer.count() else chart).locator(CONTROL)
        for index in range(await controls.count()):
            control = controls.nth(index)
            kind = await control.evaluate("(e) => e.type")
            if kind == "radio" and await control.is_checked():
                continue  # the group is tested through its other buttons
            moved += 1
            await chart.evaluate(WATCH)  # any change to the drawn chart counts
            await control.focus()
            await _press(control, kind)
            if not await becomes_true(
                page, CHANGED, await chart.element_handle(), seconds=5
            ):
                name = await control.evaluate(CONTROL_NAME)
                problems.append(f"chart {number + 1}, control {name!r} changes nothing")
    return moved


async def _press(control: Locator, kind: str) -> None:
    """Change one control from the keyboard."""
    if kind == "range":
        at_max = await control.evaluate("(e) => Number(e.value) >= Number(e.max)")
        await control.press("Home" if at_max else "End")
    elif kind in ("checkbox", "radio"):
        await control.press("Space")
    elif kind.startswith("select"):
        last = await control.evaluate("(e) => e.selectedIndex >= e.options.length - 1")
        await control.press("ArrowUp" if last else "ArrowDown")
    else:
        await control.fill(str(float(await control.input_value() or 0) + 1))
        await control.press("Enter")


async def check_solutions(page: Page, path: str, problems: list[str]) -> int:
    """Worked solutions: shown on their own pages, else hidden until clicked."""
    if path.startswith(SOLUTIONS_PAGES):
        cells = page.locator(".tag_solution")
        shown = sum(
            [await cells.nth(i).is_visible() for i in range(await cells.count())]
        )
        if shown < await cells.count():
            problems.append(
                f"{await cells.count() - shown} solution cells are not shown"
            )
        return shown
    found = 0
    candidates = page.locator(SOLUTION)
    for index in range(await candidates.count()):
        element = candidates.nth(index)
        title = await element.evaluate(TITLE_OF)
        classes = await element.get_attribute("class") or ""
        if not ("solution" in classes or title.lower().startswith("solution")):
            continue
        found += 1
        label = title or f"solution {found}"
        if await element.evaluate(BODY_SHOWN):
            problems.append(f"{label!r} is shown before any click")
            continue
        toggle = element.locator(TITLE).first
        if await toggle.count() == 0:
            problems.append(f"{label!r} has nothing to click")
            continue
        await toggle.click()
        if not await becomes_true(
            page, BODY_SHOWN, await element.element_handle(), seconds=2
        ):
            problems.append(f"{label!r} does not open when clicked")
    return found


async def check_quizzes(page: Page, problems: list[str]) -> int:
    """Answer every question from the keyboard; return how many announced it.

    A choice question: the arrow keys move between the choices without
    answering; Tab reaches the Check button and Enter answers. A number box:
    it brings up the decimal keypad; typing and Enter answer. Either way the
    feedback must appear in a ``role="status"`` region.
    """
    answered = 0
    questions = page.locator(".Quiz")
    for index in range(await questions.count()):
        question = questions.nth(index)
        where = f"question {index + 1}"
        radios = question.locator(".MCButton input")
        box = question.locator("input.Input-text")
        if await radios.count():
            await radios.first.focus()
            await page.keyboard.press("ArrowDown")
            if await question.evaluate(FEEDBACK_TEXT):
                problems.append(f"{where}: an arrow key answered it")
            await page.keyboard.press("Tab")
            focused = await page.evaluate("document.activeElement.textContent.trim()")
            if focused != "Check":
                problems.append(f"{where}: Tab after the choices reaches {focused!r}")
            await page.keyboard.press("Enter")
        elif await box.count():
            if await box.first.get_attribute("inputmode") != "decimal":
                problems.append(f"{where}: the number box has no decimal keypad")
            await box.first.focus()
            await page.keyboard.type("0.5")
            await page.keyboard.press("Enter")
        else:
            problems.append(f"{where}: neither choices nor an answer box")
            continue
        if await becomes_true(
            page, ANNOUNCED, await question.element_handle(), seconds=2
        ):
            answered += 1
        else:
            problems.append(f"{where}: no feedback announced in a status region")
    return answered


async def check_phone_menus(page: Page, problems: list[str]) -> None:
    """On a phone, the visible site-menu and page-contents buttons open them."""
    for kind, dialog, links in (
        ("primary", "pst-primary-sidebar-modal", "a.reference"),
        ("secondary", "pst-secondary-sidebar-modal", "a"),
    ):
        toggle = page.locator(f".{kind}-toggle:visible")
        if await toggle.count() == 0:
            if kind == "primary" or await page.locator("#pst-page-toc-nav a").count():
                problems.append(f"no visible {kind} sidebar button")
            continue
        await toggle.first.tap()
        if not await becomes_true(page, DIALOG_OPEN, dialog, seconds=2):
            problems.append(f"the {kind} sidebar button opens nothing")
            continue
        shown = await page.locator(f"#{dialog} {links}:visible").count()
        if shown < (5 if kind == "primary" else 1):
            problems.append(f"the {kind} menu opens with {shown} links")
        await page.keyboard.press("Escape")
        if not await becomes_true(page, f"(id) => !({DIALOG_OPEN})(id)", dialog, 2):
            problems.append(f"the {kind} menu does not close with Escape")


async def check_desktop_menu(page: Page, problems: list[str]) -> None:
    """On a desktop, the site menu is shown, and its button hides and shows it."""
    if await page.locator("#pst-primary-sidebar a.reference:visible").count() < 5:
        problems.append("the site menu is not shown")
        return
    toggle = page.locator(".primary-toggle:visible")
    if await toggle.count() != 1:
        problems.append(f"{await toggle.count()} visible site-menu buttons")
        return
    await toggle.click()
    if not await becomes_true(page, f"() => !({SIDEBAR_SHOWN})()", None, seconds=2):
        problems.append("the site-menu button does not hide the menu")
    await toggle.click()
    if not await becomes_true(page, SIDEBAR_SHOWN, None, seconds=2):
        problems.append("the site-menu button does not show the menu again")


async def check_accessibility(
    page: Page, axe: Axe, problems: list[str], mode: str
) -> None:
    """axe-core: no serious or critical violation, and no colour contrast one."""
    await becomes_true(page, ANIMATIONS_DONE, None, seconds=2)
    await page.evaluate(
        "() => new Promise((done) => requestAnimationFrame(() => "
        "requestAnimationFrame(done)))"
    )  # let observers settle
    violations = (await axe.run(page, options=AXE_OPTIONS)).response["violations"]
    problems += [
        f"{mode}: {v['impact']} {v['id']}: {v['help']} "
        f"(e.g. {v['nodes'][0]['target']}; {len(v['nodes'])} elements)"
        for v in violations
        if v["impact"] in SERIOUS or v["id"] == "color-contrast"
    ]


async def switch_to_dark(page: Page, problems: list[str]) -> bool:
    """Turn the system's colour scheme dark; the page must follow it."""
    await page.emulate_media(color_scheme="dark")
    followed = await becomes_true(
        page, "() => document.documentElement.dataset.theme === 'dark'", None, 3
    )
    if not followed:
        problems.append("the page does not follow the system's dark mode")
    return followed


async def check_header_taps(page: Page, problems: list[str]) -> int:
    """Tap each header button in turn: no tooltip may stay up over the next.

    Returns how many buttons were tapped. A dialog or menu a tap opens is
    closed with Escape; the full-screen button is left alone.
    """
    buttons = page.locator(HEADER_BUTTONS)
    tapped = 0
    for index in range(await buttons.count()):
        button = buttons.nth(index)
        if "fullscreen" in (await button.get_attribute("onclick") or "").lower():
            continue
        name = await button.get_attribute("aria-label") or await button.get_attribute(
            "title"
        )
        await button.tap()
        tapped += 1
        await page.wait_for_timeout(600)  # longer than Bootstrap's 500 ms show delay
        if await page.evaluate(TOOLTIP_SHOWN):
            problems.append(f"a tooltip stays up after tapping {name!r}")
        await page.keyboard.press("Escape")
        for neighbour in range(await buttons.count()):
            other = buttons.nth(neighbour)
            if await other.is_visible() and await other.evaluate(TOOLTIP_OVER):
                label = await other.get_attribute(
                    "aria-label"
                ) or await other.get_attribute("title")
                problems.append(f"after tapping {name!r}, a tooltip covers {label!r}")
    return tapped
