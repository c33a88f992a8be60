"""Every exercise question answered in the published book, as feedback.check would.

The built book is served on 127.0.0.1 and opened in Debian's chromium, every
request to another host refused (tests/browser_support.py). On every exercise
page each question has a form; it is answered through the form (typed, ticked,
submitted with Enter or the button) right, near-right, with each targeted
misconception and with junk, and the verdict, the misconception and the words
shown must be those of ``feedback.check_entered`` for the same entry. A
further battery of generated text goes through the page's checker directly.
Answers must survive a reload and show on the other pages; the downloaded
record must load with ``classroom.load_records``; the worked solution is
offered once an answer is checked; the pages stay axe-clean in light, dark
and phone views, with no console error and no request to another host.
Counts have minimums, so a selector that stops matching fails. Screenshots
go to ``_build/screenshots/exercise-*.png``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from exercise_battery import (
    battery,
    checker_bytes,
    random_texts,
)

from palace_coup import classroom, feedback

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "_build" / "screenshots"
LABELS = {
    "right": "✓ Right:",
    "not_yet": "Not yet:",
    "written": "✓ Written:",
    "recorded": "✓ Recorded:",
}
PAGES = {key: f"exercises/{name}.html" for key, name in feedback.notebooks().items()}
PROGRESS = "book/my-progress.html"
EVERY_MODE = ("claims", "weigh", "forecast", "argument")
"""Pages also tried dark and on a phone: every kind of form is on one of them."""
BUDGET_BYTES = 30_000
"""The most the checker may add to a page: its script, its data, its forms."""
AXE_OPTIONS = {"resultTypes": ["violations"], "preload": False}
MODES = {
    "light": {"viewport": {"width": 1280, "height": 800}},
    "dark": {"viewport": {"width": 1280, "height": 800}, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 390, "height": 844}, "has_touch": True},
}


def _shown(message: str) -> str:
    """The words a page shows for a message (its `code` spans lose the ticks)."""
    return re.sub(r"`([^`]+)`", r"\1", message)


@pytest.fixture
def visit(open_offline):
    """Open a page offline in one of the MODES."""
    return lambda path, mode="light": open_offline(path, **MODES[mode])


def _form(page, question):
    return page.locator(f'form[data-question="{question}"]')


def _enter(form, kind, entry):
    """Type or tick an entry into a question's form, and submit it."""
    if kind in ("choice", "choices", "rubric_scores"):
        form.evaluate(
            "f => f.querySelectorAll('input').forEach(i => i.checked = false)"
        )
        ticks = (
            entry.items() if kind == "rubric_scores" else (("answer", v) for v in entry)
        )
        for name, value in ticks:  # clicked, as a student would
            form.locator(f'input[name="{name}"][value="{value}"]').check()
        form.locator("button[type=submit]").click()
    elif isinstance(entry, dict):
        for name, value in entry.items():
            form.locator(f'[name="{name}"]').fill(value)
        form.locator('[name="probability"]').press("Enter")
    elif kind == "text":
        form.locator('[name="answer"]').fill(entry)
        form.locator("button[type=submit]").click()
    else:
        form.locator('[name="answer"]').fill(entry)
        form.locator('[name="answer"]').press("Enter")  # Enter submits


def _feedback(form):
    return form.evaluate(
        """f => ({verdict: f.dataset.verdict, misconception: f.dataset.misconception,
                  text: f.querySelector('.pc-message')?.textContent,
                  solution: f.querySelector('.pc-solution a')?.getAttribute('href')})"""
    )


def _serious(page, context=None):
    results = Axe().run(page, context, options=AXE_OPTIONS).response["violations"]
    return [v["id"] for v in results if v["impact"] in ("serious", "critical")]


CHECKER_PARTS = {"include": [[".pc-check"], [".pc-summary"], [".pc-progress"]]}
"""What axe looks at on a phone: the checker's parts (test_browser.py checks
the rest of every page, whose display maths scrolls sideways on a phone)."""


def test_every_question_has_a_form_that_keeps_the_contract(visit):
    forms = 0
    for exercise, path in PAGES.items():
        page = visit(path)
        questions = feedback.questions(exercise)
        assert page.locator("form[data-question]").count() == len(questions), path
        for question in questions:
            form, spec = _form(page, question), feedback.page_check(question)
            assert form.count() == 1, question
            assert form.locator("button[type=submit]").count() == 1
            assert form.locator('[role="status"]').count() == 1
            if spec["kind"] in ("number", "integer", "scored_forecast"):
                modes = form.locator("input[type=text]").evaluate_all(
                    "boxes => boxes.map(box => box.inputMode)"
                )
                assert modes and set(modes) == {"decimal"}, question
            if spec["kind"] in ("choice", "choices"):
                values = form.locator("input").evaluate_all("i => i.map(x => x.value)")
                assert values == [option["id"] for option in spec["options"]]
            forms += 1
        # The notebook's inert output ("... then run the cell again") is gone.
        assert "then run the cell again" not in page.locator("main").inner_text(), path
        assert page.locator(".pc-summary [data-question]").count() == len(questions)
    assert forms == len(feedback.questions()) >= 42


def test_every_answer_gets_the_same_verdict_and_words_as_python(visit):
    compared, rules, kinds = 0, 0, set()
    for exercise, path in PAGES.items():
        page = visit(path)
        for question in feedback.questions(exercise):
            spec = feedback.page_check(question)
            form = _form(page, question)
            for name, entry in battery(spec):
                expected = feedback.check_entered(question, entry)
                _enter(form, spec["kind"], entry)
                shown, where = _feedback(form), f"{question} {name} {entry!r}"
                assert shown["verdict"] == expected.verdict, where
                assert shown["misconception"] == (expected.misconception or ""), where
                words = _shown(f"{LABELS[expected.verdict]} {expected.message}")
                assert shown["text"] == words, where
                compared += 1
                rules += name.startswith("rule:")
            kinds.add(spec["kind"])
    assert kinds == {"number", "integer", "calendar_month", "choice", "choices"} | {
        "text",
        "rubric_scores",
        "forecast",
        "scored_forecast",
    }
    assert rules == sum(
        len(feedback.page_check(q)["wrong"]) for q in feedback.questions()
    )
    assert compared >= 420, compared


def test_generated_text_reads_the_same_in_the_page(visit):
    texts, checked = random_texts(1200), 0
    for exercise in ("weigh", "loyalty", "argument"):
        page = visit(PAGES[exercise])
        cases = [(q, text) for q in feedback.questions(exercise)[:3] for text in texts]
        cases = [
            case
            for case in cases
            if feedback.page_check(case[0])["kind"]
            in ("number", "integer", "calendar_month", "text")
        ]
        results = page.evaluate(
            "cases => cases.map(([id, text]) => palaceCoupChecks.check(id, text))",
            cases,
        )
        for (question, text), result in zip(cases, results, strict=True):
            expected = feedback.check_entered(question, text)
            assert (result["verdict"], result["message"], result["misconception"]) == (
                expected.verdict,
                expected.message,
                expected.misconception,
            ), (question, text)
            checked += 1
    assert checked >= 6_000, checked


def test_answers_are_kept_and_the_record_loads_in_classroom(visit, tmp_path):
    page = visit(PAGES["weigh"])
    truth = repr(feedback.page_check("weigh.gate")["truth"])
    _enter(_form(page, "weigh.gate"), "number", truth)
    as_percent = f"{100 * feedback.page_check('weigh.by_hand_index')['truth']:.0f}"
    _enter(_form(page, "weigh.by_hand_index"), "number", as_percent)
    page.reload()
    form = _form(page, "weigh.gate")
    assert form.locator('[name="answer"]').input_value() == truth
    assert _feedback(form)["verdict"] == "right"
    row = page.locator('.pc-summary [data-question="weigh.gate"]')
    assert row.get_attribute("data-status") == "done"
    assert page.locator(".pc-summary .pc-count").inner_text() == (
        f"1 of {len(feedback.questions('weigh'))} questions done."
    )
    page.goto(page.url.replace(PAGES["weigh"], PROGRESS))
    assert page.locator(".pc-progress li[data-question]").count() == len(
        feedback.questions()
    )
    row = page.locator('.pc-progress [data-question="weigh.gate"]')
    assert row.get_attribute("data-status") == "done"
    assert page.locator(".pc-total").inner_text() == (
        f"1 of {len(feedback.questions())} questions done across the book."
    )
    page.fill("#pc-name", "Ada <b>Lovelace</b>")
    with page.expect_download() as download:
        page.click("form.pc-record button[type=submit]")
    folder = tmp_path / "class"
    folder.mkdir()
    download.value.save_as(folder / download.value.suggested_filename)
    record = json.loads((folder / download.value.suggested_filename).read_text())
    assert (record["format"], record["version"]) == ("palace-coup-exercise-record", 1)
    assert record["answers"]["weigh.by_hand_index"]["answer"] == as_percent
    klass = classroom.load_records(folder)
    assert (klass.students, klass.problems) == (1, [])
    rows = klass.answers.set_index("question")
    assert rows.loc["weigh.gate", "verdict"] == "right"
    assert rows.loc["weigh.by_hand_index", "misconception"] == "percent"
    assert rows.loc["weigh.gate", "name"] == "Ada <b>Lovelace</b>"


def test_the_worked_solution_is_offered_once_an_answer_is_checked(visit, html):
    offered = 0
    for exercise, path in PAGES.items():
        page = visit(path)
        question = feedback.questions(exercise)[0]
        spec, form = feedback.page_check(question), _form(page, question)
        assert form.locator(".pc-solution").count() == 0  # try first
        _enter(form, spec["kind"], battery(spec)[1][1])
        target, _, anchor = _feedback(form)["solution"].partition("#")
        solution = (html / path).parent / target
        assert target.startswith("solutions/") and solution.is_file(), target
        assert anchor and f'id="{anchor}"' in solution.read_text(encoding="utf-8")
        offered += 1
    assert offered == len(PAGES) >= 8


def test_tab_reaches_the_box_and_enter_submits(visit):
    page = visit(PAGES["tipping"])
    question = feedback.questions("tipping")[0]
    page.evaluate(
        """id => { const start = document.createElement('button');
                   start.textContent = 'start';
                   document.querySelector(`form[data-question="${id}"]`).before(start);
                   start.focus(); }""",
        question,
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") == "answer"
    page.keyboard.type(repr(feedback.page_check(question)["truth"]))
    page.keyboard.press("Enter")
    assert _feedback(_form(page, question))["verdict"] == "right"


def test_pages_are_accessible_in_every_mode_and_within_budget(visit, html):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    checked = 0
    for exercise, path in PAGES.items():
        added = checker_bytes(html, path)
        assert 0 < added["gzip"] < added["raw"] <= BUDGET_BYTES, (path, added)
        for mode in MODES if exercise in EVERY_MODE else ("light",):
            page = visit(path, mode)
            question = feedback.questions(exercise)[0]
            spec, form = feedback.page_check(question), _form(page, question)
            _enter(form, spec["kind"], battery(spec)[2][1])
            scope = CHECKER_PARTS if mode == "phone" else None
            assert _serious(page, scope) == [], (path, mode)
            if exercise in EVERY_MODE:
                form.screenshot(
                    path=str(SCREENSHOTS / f"exercise-{exercise}-{mode}.png")
                )
            checked += 1
    page = visit(PROGRESS, "phone")
    assert _serious(page) == []
    page.screenshot(
        path=str(SCREENSHOTS / "exercise-my-progress-phone.png"), full_page=True
    )
    assert checked == len(PAGES) + 2 * len(EVERY_MODE) >= 16
