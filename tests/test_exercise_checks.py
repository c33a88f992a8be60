"""The build-time side of the in-page checks, without a browser.

feedback.page computes what each page's checker needs; book/_ext/
exercise_checks.py writes the forms. The browser test
(test_exercise_pages.py) proves that the page's verdicts equal Python's; here
the pieces are checked one by one, fast.
"""

import importlib.util
import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from palace_coup import feedback
from palace_coup.feedback import page, wording

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location(
    "exercise_checks", ROOT / "book" / "_ext" / "exercise_checks.py"
)
exercise_checks = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(exercise_checks)
IDS = feedback.questions()


class _Elements(HTMLParser):
    """Every start tag of a piece of HTML, with its attributes."""

    def __init__(self, markup):
        super().__init__()
        self.tags = []
        self.feed(markup)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def all(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(k) == v for k, v in attrs.items())
        ]


@pytest.mark.parametrize("qid", IDS)
def test_page_check_is_the_answer_key_in_json(qid):
    spec, key = feedback.page_check(qid), feedback.answer_key(qid)
    assert json.loads(json.dumps(spec)) == spec
    assert (spec["id"], spec["kind"], spec["hint"]) == (qid, key["kind"], key["hint"])
    assert [rule["id"] for rule in spec["wrong"]] == [
        rule["id"] for rule in feedback._entry(qid)["wrong"]
    ]
    if spec["kind"] in ("number", "integer", "calendar_month"):
        assert spec["truth"] == key["expected"]
    if spec["kind"] in ("choice", "choices"):
        assert [option["id"] for option in spec["options"]] == key["options"]
        assert all(option["label"] for option in spec["options"])
    right = {"right": "✓ Right:", "written": "✓ Written:", "recorded": "✓ Recorded:"}
    assert spec["label"] in right.values()


def test_page_rules_carry_every_template_the_page_needs():
    rules = page.page_rules()
    script = (ROOT / "book" / "_ext" / "static" / "palace-coup-checks.js").read_text()
    used = set(__import__("re").findall(r'(?:say|fail)\("(\w+)"', script))
    assert len(used) >= 35
    assert used <= set(rules["templates"])
    assert set(rules["templates"]) | set(page.NOT_IN_PAGE) == set(wording.TEMPLATES)


def test_entries_from_the_page_become_notebook_answers():
    assert page.entered_answer("weigh.which_rule", ["b"]) == "b"
    assert page.entered_answer("weigh.which_rule", []) == ""
    assert page.entered_answer("claims.armed", ["a", "b"]) == {"a", "b"}
    assert page.entered_answer("forecast.own", {"probability": "0.2", "date": "x"}) == {
        "made_on": "x",
        "probability": "0.2",
    }
    pair = {"probability": "0.1", "brier_score": "0.01"}
    assert page.entered_answer("forecast.own_score", pair) == ("0.1", "0.01")
    assert page.entered_answer("weigh.gate", "0,25") == "0,25"
    assert feedback.check_entered("forecast.own_score", pair).correct


def test_wording_fills_fields_once_and_refuses_missing_ones():
    assert wording.say("comma_text", fixed="{text}", text="0,5") == (
        "use a decimal point, not a comma: write {text}, not 0,5."
    )
    with pytest.raises(KeyError):
        wording.say("comma_text", fixed="0.5")
    assert not any("{{" in words for words in wording.TEMPLATES.values())


@pytest.mark.parametrize("qid", IDS)
def test_each_form_keeps_the_contract(qid):
    spec = feedback.page_check(qid)
    markup = exercise_checks.form(spec, "#question-1")
    elements = _Elements(markup)
    (form,) = elements.all("form")
    assert form["data-question"] == qid and form["data-kind"] == spec["kind"]
    assert len(elements.all("button", type="submit")) == 1
    assert len(elements.all("div", role="status")) == 1
    inputs = elements.all("input") + elements.all("textarea")
    assert inputs
    labelled = {label.get("for") for label in elements.all("label")}
    for control in inputs:  # named by a <label for>, or inside a label
        assert control.get("id") in labelled or control.get("type") in (
            "radio",
            "checkbox",
        )
    if spec["kind"] in ("number", "integer", "scored_forecast"):
        boxes = elements.all("input", type="text")
        assert boxes and {box.get("inputmode") for box in boxes} == {"decimal"}
    if spec["kind"] in ("choice", "choices"):
        values = [i["value"] for i in elements.all("input")]
        assert values == [option["id"] for option in spec["options"]]
        kind = "radio" if spec["kind"] == "choice" else "checkbox"
        assert {i["type"] for i in elements.all("input")} == {kind}
    if spec["kind"] == "rubric_scores":
        assert len(elements.all("input", type="radio")) == 3 * len(spec["criteria"])


def test_page_data_cannot_end_its_script():
    markup = exercise_checks._json_script({"hint": "</script><b>x</b>"})
    assert markup.count("</script>") == 1
    assert json.loads(markup.split(">", 1)[1].rsplit("<", 1)[0]) == {
        "hint": "</script><b>x</b>"
    }


def test_text_in_forms_is_escaped():
    spec = {**feedback.page_check("weigh.which_rule")}
    spec["options"] = [{"id": 'a"><script>', "label": "<b>a</b> `code`"}]
    markup = exercise_checks.form(spec, "#x")
    assert "<script>" not in markup and "<b>" not in markup
    assert "<code>code</code>" in markup
