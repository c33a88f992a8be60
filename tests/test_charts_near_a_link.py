"""A reader who follows a link to a chart gets it live without waiting to scroll.

``palace-coup-charts.js`` wakes the charts near the place an address's
fragment names as soon as it runs, before its IntersectionObserver reports.
Here the observer is made silent, so only that early wake can draw a chart.
"""

from __future__ import annotations

import pytest
from browser_support import CHART, LIVE_CHART, PHONE, offline_context

WEIGHER = "book/models/weigh-it-yourself.html"
SILENT_OBSERVER = """
window.IntersectionObserver = class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
"""
STATES = f"""() => Array.from(document.querySelectorAll('{CHART}'),
  (chart) => [chart.id, chart.dataset.pcState, chart.getBoundingClientRect().top])"""


@pytest.fixture
def weigher(site):
    """Open the weigher on a phone, offline, its observer silent, at a fragment."""
    base, browser = site
    refused: list[str] = []
    with offline_context(browser, refused, PHONE) as context:
        context.add_init_script(SILENT_OBSERVER)

        def open_at(fragment: str):
            page = context.new_page()
            page.goto(f"{base}{WEIGHER}{fragment}", wait_until="load")
            return page

        yield open_at
    assert refused == []


def test_the_chart_a_link_names_is_drawn_and_far_ones_wait(weigher):
    first = weigher("").evaluate(STATES)
    assert len(first) >= 4, first
    page = weigher(f"#{first[0][0]}")
    page.wait_for_selector(LIVE_CHART)
    page.wait_for_timeout(500)  # let any other chart that was woken finish
    states = dict((name, state) for name, state, _ in page.evaluate(STATES))
    assert states[first[0][0]] == "live"
    tops = {name: top for name, _, top in first}
    far = [name for name in tops if tops[name] - tops[first[0][0]] > 2 * PHONE.height]
    assert far, tops
    assert all(states[name] == "picture" for name in far), states


def test_without_a_link_no_chart_is_drawn_until_it_comes_near(weigher):
    page = weigher("")
    page.wait_for_timeout(1500)
    states = page.evaluate(STATES)
    assert len(states) >= 4
    assert {state for _, state, _ in states} == {"picture"}, states
    assert page.evaluate("typeof window.vega") == "undefined"


def test_a_malformed_address_still_gets_live_charts(open_offline):
    page = open_offline(f"{WEIGHER}#%E0%A4%A", **PHONE.context_options())
    chart = page.locator(CHART).first
    chart.scroll_into_view_if_needed()
    page.wait_for_selector(LIVE_CHART)
    assert chart.get_attribute("data-pc-state") == "live"
