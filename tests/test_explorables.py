"""The explorers of the published book, moved as a reader moves them.

The built book is served on 127.0.0.1 and opened offline in Debian's chromium
(``conftest.site``). Each explorer is moved from the keyboard, control after
control, and after each move the words in its live region must be those that
:mod:`palace_coup.readouts` says for the same inputs, run through the Python
model (the page computes them with the Vega twin and its own script); the
groups' contributions and the table must show the model's numbers. The static
controls must offer the live widgets' ranges, steps and defaults. On a
390 x 844 phone and at 1280 x 800 the result must stay on screen, uncovered,
while the last slider moves; the skip link must pass the controls; every
touch target must be at least 44 px. Screenshots of the weigher at 390 px in
light and dark go to ``_build/screenshots/weigher-phone-*.png``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from palace_coup import cascade as cascade_model
from palace_coup import controls, preconditions, readouts, widgets
from palace_coup import loyalty as loyalty_model

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "_build" / "screenshots"
WEIGHER = "book/models/weigh-it-yourself.html"
TIPPING = "book/models/loyalty-and-tipping-points.html"
SCREENS = {
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True},
    "desktop": {"viewport": {"width": 1280, "height": 800}},
}
VALUES = """(root) => Object.fromEntries(Array.from(
  root.querySelectorAll('.pc-explorer-controls input'))
  .filter((i) => i.type === 'range' || i.checked)
  .map((i) => [i.name, i.type === 'range' ? Number(i.value) : i.value]))"""
SAID = "(root) => Number(root.dataset.pcSaid || 0)"
IN_VIEW = """(element) => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return box.top >= 0 && box.bottom <= window.innerHeight
    && Boolean(hit && element.contains(hit));
}"""


@pytest.fixture
def visit(open_offline):
    """Open a page offline on a phone or a desktop, light or dark."""

    def open_page(path, screen="desktop", color_scheme="light"):
        return open_offline(path, **SCREENS[screen], color_scheme=color_scheme)

    return open_page


def _explorer(page, kind):
    """The explorer of that kind, once its chart is live and has said its result."""
    root = page.locator(f'.pc-explorer[data-explorer="{kind}"]')
    root.scroll_into_view_if_needed()
    page.wait_for_function(SAID + " > 0", arg=root.element_handle())
    return root


def _move(root, name, key):
    """Press a key on one control; wait until the explorer has said the result."""
    said = root.evaluate(SAID)
    # A range input, or the checked radio button of a choice (arrows move on).
    control = f'.pc-explorer-controls input[name="{name}"]'
    root.locator(f"{control}[type=range], {control}:checked").press(key)
    root.page.wait_for_function(
        f"(r) => ({SAID})(r) > {said}", arg=root.element_handle()
    )
    return root.locator(".pc-readout").inner_text(), root.evaluate(VALUES)


def _weigher_state(values):
    found = {c.param: key for key, c in controls.weigher().items()}
    state = {found[param]: value for param, value in values.items()}
    scores = {k[6:]: v for k, v in state.items() if k.startswith("score:")}
    weights = {k[7:]: v for k, v in state.items() if k.startswith("weight:")}
    return {"scores": scores, "weights": weights, "rule": state["rule"]}


def test_static_controls_offer_the_live_widgets_ranges_steps_and_defaults(visit):
    live = {
        "weigher": widgets.precondition_weigher().controls,
        "loyalty": widgets.loyalty_explorer().controls,
        "cascade": widgets.cascade_explorer().controls,
    }
    compared = 0
    for kind, path in (
        ("weigher", WEIGHER),
        ("loyalty", TIPPING),
        ("cascade", TIPPING),
    ):
        found = getattr(controls, kind)()
        root = visit(path).locator(f'.pc-explorer[data-explorer="{kind}"]')
        for key, widget in live[kind].items():
            param = found[key].param
            if hasattr(widget, "min"):
                box = root.locator(f'input[type=range][name="{param}"]')
                shown = box.evaluate("(i) => [i.min, i.max, i.step, i.value]")
                assert [float(x) for x in shown] == pytest.approx(
                    [widget.min, widget.max, widget.step, widget.value], abs=1e-12
                ), key
            else:
                radios = root.locator(f'input[type=radio][name="{param}"]')
                options = radios.evaluate_all("(rs) => rs.map((r) => r.value)")
                assert options == [value for _, value in widget.options], key
                checked = root.locator(f'input[name="{param}"]:checked')
                assert checked.get_attribute("value") == widget.value, key
            compared += 1
    assert compared == 23 + 4 + 3


def test_each_weigher_move_is_said_as_the_model_says(visit):
    page = visit(WEIGHER)
    root = _explorer(page, "weigher")
    before = _weigher_state(root.evaluate(VALUES))
    ids = preconditions.ids()
    moves = [
        (f"pc_s_{ids[0]}", "End"),
        (f"pc_w_{ids[0]}", "ArrowLeft"),
        (f"pc_s_{ids[3]}", "End"),
        ("pc_rule", "ArrowDown"),
        (f"pc_s_{ids[4]}", "ArrowRight"),
        (f"pc_s_{ids[4]}", "ArrowLeft"),
        ("pc_rule", "ArrowUp"),
        *((f"pc_w_{i}", "Home") for i in ids),
        (f"pc_w_{ids[-1]}", "End"),
    ]
    said = 0
    for name, key in moves:
        words, values = _move(root, name, key)
        state = _weigher_state(values)
        if not any(state["weights"].values()):
            assert words == readouts.TEMPLATES["zero_weights"]
            said += 1
            continue
        now = preconditions.score(**state)
        assert words == readouts.weigher(now, preconditions.score(**before)), name
        parts = now.contributions.set_index("id")["contribution"]
        shown = root.locator(".pc-group[data-id]").evaluate_all(
            """(gs) => gs.map((g) => [g.dataset.id,
                 g.querySelector('[data-field="contribution"]').textContent])"""
        )
        assert shown == [[i, readouts.fixed(parts[i], 3)] for i in ids]
        row = root.locator(f'tr[data-id="{ids[0]}"] [data-field="score"]')
        assert row.text_content() == readouts.fixed(state["scores"][ids[0]], 2)
        before = state
        said += 1
    assert said == len(moves) >= 18


def test_each_loyalty_and_cascade_move_is_said_as_the_model_says(visit):
    page = visit(TIPPING)
    loyalty = _explorer(page, "loyalty")
    months = loyalty_model.DEFAULT_MONTHS
    said = 0
    for name, key in [
        ("ly_casualties", "End"),
        ("ly_sanctions", "Home"),
        ("ly_setbacks", "Home"),
        ("ly_casualties", "Home"),
        ("ly_threshold", "End"),
    ]:
        words, values = _move(loyalty, name, key)
        state = {k[3:]: v for k, v in values.items()}
        crossed = loyalty_model.crossings(months=months, **state)
        assert words == readouts.loyalty(crossed, months), (name, state)
        table = loyalty.locator("tr[data-faction]").evaluate_all(
            """(rows) => rows.map((r) => [r.dataset.faction,
                 r.querySelector('[data-field="month"]').textContent])"""
        )
        never = readouts.TEMPLATES["not_crossed"].format(months=months)
        assert table == [
            [r.faction, never if pd.isna(r.month) else str(int(r.month))]
            for r in crossed.itertuples()
        ]
        said += 1
    cascade = _explorer(page, "cascade")
    for name, key in [
        ("cs_initial", "ArrowRight"),
        ("cs_initial", "End"),
        ("cs_initial", "Home"),
        ("cs_sd", "Home"),
        ("cs_mean", "Home"),
    ]:
        words, values = _move(cascade, name, key)
        group = cascade_model.thresholds(
            "normal", 100, 0, mean=values["cs_mean"], sd=values["cs_sd"]
        )
        rest = cascade_model.equilibrium(group, values["cs_initial"])
        assert words == readouts.cascade(values["cs_initial"], rest), values
        cell = cascade.locator('tr[data-field="equilibrium"] td')
        assert cell.text_content() == readouts.percent(rest) + "%"
        for field, param in (("mean", "cs_mean"), ("sd", "cs_sd")):
            shown = cascade.locator(f'tr[data-field="{field}"] td').text_content()
            assert shown == readouts.fixed(values[param], 2), field
        said += 1
    assert said == 10


@pytest.mark.parametrize("screen", ["phone", "desktop"])
def test_the_result_stays_in_view_and_is_announced_while_a_slider_moves(visit, screen):
    modes = ("light", "dark") if screen == "phone" else ("light",)
    checked = 0
    for mode in modes:
        page = visit(WEIGHER, screen, mode)
        root = _explorer(page, "weigher")
        readout = root.locator(".pc-readout")
        assert readout.get_attribute("role") == "status"
        assert readout.get_attribute("aria-live") == "polite"
        last = root.locator(".pc-explorer-controls input[type=range]").last
        last.focus()
        first_words = readout.inner_text()
        words, _ = _move(root, last.get_attribute("name"), "End")
        assert words != first_words
        assert readout.evaluate(IN_VIEW), (screen, mode)
        assert last.evaluate(IN_VIEW.replace("element.contains(hit)", "true"))
        if screen == "phone":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENSHOTS / f"weigher-phone-{mode}.png"))
            small = root.locator(
                ".pc-explorer-controls input, .pc-values summary, .pc-skip"
            ).evaluate_all(
                """(es) => es.map((e) => e.type === 'radio' ? e.closest('label') : e)
                  .filter((e) => e.getBoundingClientRect().height < 44)
                  .map((e) => e.name || e.textContent)"""
            )
            assert small == [], small
        checked += 1
    assert checked == len(modes)


def test_the_skip_link_passes_the_controls_from_the_keyboard(visit):
    page = visit(WEIGHER)
    root = _explorer(page, "weigher")
    skip = root.locator(".pc-skip")
    skip.focus()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.classList.contains('pc-after')")
    page.keyboard.press("Tab")
    inside = page.evaluate(
        "Boolean(document.activeElement.closest('.pc-explorer-controls'))"
    )
    assert not inside
    assert root.locator(".pc-explorer-controls input").count() >= 23
