"""The exercise checks: right answers accepted, near-misses and misconceptions
caught with their own message, and no answer ever raises."""

import math
import re

import numpy as np
import pandas as pd
import pytest

from palace_coup import feedback

IDS = feedback.questions()
ENTRIES = {qid: feedback._entry(qid) for qid in IDS}


def _truth(entry):
    return feedback._resolve(entry["expected"])


def _right(entry):
    """A right answer, built from the bank's own truth."""
    kind = entry["kind"]
    if kind in ("number", "integer"):
        return _truth(entry)
    if kind == "calendar_month":
        return feedback._month_text(_truth(entry))
    if kind == "choice":
        truth = _truth(entry)
        return truth if isinstance(truth, str) else truth[0]
    if kind == "choices":
        return set(_truth(entry))
    if kind == "text":
        return " ".join(["word"] * entry["min_words"])
    if kind == "rubric_scores":
        return dict.fromkeys(entry["criteria"], 2)
    if kind == "forecast":
        return {"made_on": "2022-03-02", "probability": 0.1}
    if kind == "scored_forecast":
        return (0.1, 0.01)
    raise AssertionError(kind)


def _near_miss(entry):
    """An answer just outside what is accepted."""
    kind = entry["kind"]
    if kind == "number":
        return _truth(entry) + 3 * float(entry.get("tolerance", 0.005)) + 1e-6
    if kind == "integer":
        return _truth(entry) + 5
    if kind == "calendar_month":
        return feedback._month_text(_truth(entry) + 5)
    if kind == "choice":
        truth = _truth(entry)
        truths = {truth} if isinstance(truth, str) else set(truth)
        return next(o for o in feedback._options(entry) if o not in truths)
    if kind == "choices":
        truth = set(_truth(entry))
        allowed = truth | set(entry.get("acceptable", []))
        extra = next(o for o in feedback._options(entry) if o not in allowed)
        return truth | {extra}
    if kind == "text":
        return " ".join(["word"] * (entry["min_words"] - 1))
    if kind == "rubric_scores":
        return {**dict.fromkeys(entry["criteria"], 2), entry["criteria"][0]: 3}
    if kind == "forecast":
        return {"made_on": "2022-03-08", "probability": 0.1}
    if kind == "scored_forecast":
        return (0.1, 0.0125)
    raise AssertionError(kind)


def _misconception(entry, rule):
    """The wrong answer that a wrong-answer rule is written for."""
    kind = entry["kind"]
    truth = _truth(entry) if "expected" in entry else None
    if kind == "scored_forecast":
        if "percent" in rule:
            return (10, 100)
        return (0.1, {"other_outcome": 0.81, "not_squared": 0.1}[rule["value"]])
    if kind == "forecast":
        if "percent" in rule:
            return {"made_on": "2022-03-02", "probability": 10}
        return {"made_on": "2023-06-01", "probability": 0.1}
    if kind == "text":
        return "Too short."
    if kind == "rubric_scores":
        return {"style": 2}
    if "percent" in rule:
        return 100 * truth
    if "above" in rule:
        return rule["above"] + 1
    if "not_integer" in rule:
        return truth - 0.5  # between the last month above and the first below
    if "offset" in rule:
        shifted = truth + rule["offset"]
        return feedback._month_text(shifted) if kind == "calendar_month" else shifted
    if "extra" in rule:
        return set(truth) | {rule["extra"]}
    if "missing" in rule:
        rest = set(truth) - {rule["missing"]}
        others = [o for o in feedback._options(entry) if o not in truth]
        return rest or {(entry.get("acceptable") or others)[0]}
    if "value" in rule:
        return feedback._resolve(rule["value"])
    raise AssertionError(rule)


RULES = [
    pytest.param(qid, i, id=f"{qid}-{i}")
    for qid in IDS
    for i in range(len(ENTRIES[qid].get("wrong", [])))
]


def test_at_least_thirty_questions_at_every_level():
    assert len(IDS) >= 30
    assert set(feedback.table()["level"]) == set(feedback.LEVELS)
    assert len(set(feedback.table()["exercise"])) >= 8


@pytest.mark.parametrize("qid", IDS)
def test_every_question_is_complete(qid):
    entry = ENTRIES[qid]
    assert entry["level"] in feedback.LEVELS
    assert entry["prompt"].strip()
    assert entry["exercise"] in feedback.exercises()
    assert str(feedback.hint(qid)).startswith("Hint: ")
    assert entry.get("wrong"), f"{qid} has no targeted wrong-answer message"


@pytest.mark.parametrize("qid", IDS)
def test_right_answer_is_accepted(qid):
    result = feedback.check(qid, _right(ENTRIES[qid]))
    assert result.correct, result.message
    assert str(result).startswith(("✓ Right:", "✓ Written:", "✓ Recorded:"))
    assert result.misconception is None
    label = {"right": "✓ Right:", "written": "✓ Written:", "recorded": "✓ Recorded:"}
    assert str(result).startswith(label[result.verdict])


@pytest.mark.parametrize("qid", IDS)
def test_misconception_ids_are_unique_and_well_formed(qid):
    ids = [rule["id"] for rule in ENTRIES[qid]["wrong"]]
    assert len(ids) == len(set(ids)), ids
    assert all(re.fullmatch(r"[a-z0-9_]{1,40}", rule_id) for rule_id in ids), ids


@pytest.mark.parametrize("qid", IDS)
def test_near_miss_is_rejected(qid):
    result = feedback.check(qid, _near_miss(ENTRIES[qid]))
    assert not result.correct
    assert str(result).startswith("Not yet:")
    assert result.message


@pytest.mark.parametrize(("qid", "i"), RULES)
def test_each_misconception_gets_its_own_message(qid, i):
    entry = ENTRIES[qid]
    rule = entry["wrong"][i]
    result = feedback.check(qid, _misconception(entry, rule))
    assert not result.correct
    assert rule["message"].strip() in result.message
    assert result.misconception == rule["id"]
    assert result.verdict == "not_yet"


WEIRD = [
    ...,
    None,
    "",
    "   ",
    [],
    set(),
    {},
    (),
    float("nan"),
    math.inf,
    True,
    np.bool_(False),
    "26%",
    "not an answer",
    object(),
    3 + 2j,
    np.array([0.1, 0.2]),
    pd.Series([1.0, 2.0]),
    [None],
    {"made_on": None, "probability": None},
    (None, None),
    {1, 2},
    b"bytes",
]
READ_AS_NUMBERS = [("0.5", 0.5), (np.array([[1]]), 1), (pd.DataFrame({"a": [1]}), 1)]


@pytest.mark.parametrize("qid", IDS)
@pytest.mark.parametrize("answer", WEIRD, ids=[repr(a)[:20] for a in WEIRD])
def test_odd_answers_are_not_yet_with_a_reason(qid, answer):
    result = feedback.check(qid, answer)
    assert not result.correct
    assert str(result).startswith("Not yet: ")
    rules = {rule["id"] for rule in ENTRIES[qid]["wrong"]}
    assert result.misconception is None or result.misconception in rules


@pytest.mark.parametrize("qid", IDS)
@pytest.mark.parametrize(
    ("answer", "number"), READ_AS_NUMBERS, ids=["text", "2d", "df"]
)
def test_text_and_one_value_tables_read_as_their_number(qid, answer, number):
    result, plain = feedback.check(qid, answer), feedback.check(qid, number)
    if ENTRIES[qid]["kind"] in ("number", "integer"):
        assert (result.correct, result.misconception) == (
            plain.correct,
            plain.misconception,
        )


def test_placeholder_says_replace_the_dots():
    result = feedback.check("weigh.by_hand_index", ...)
    assert "replace `...`" in result.message


def test_percentage_for_a_probability_is_named():
    assert "percentage" in feedback.check("weigh.by_hand_index", "26%").message
    number = 100 * feedback._resolve(ENTRIES["weigh.by_hand_index"]["expected"])
    assert "percentage" in feedback.check("weigh.by_hand_index", number).message


def test_tolerance_is_stated_when_right():
    truth = feedback._resolve(ENTRIES["weigh.by_hand_index"]["expected"])
    assert "±0.005" in feedback.check("weigh.by_hand_index", truth).message


def test_single_value_series_is_read_as_a_number():
    truth = feedback._resolve(ENTRIES["weigh.gate"]["expected"])
    assert feedback.check("weigh.gate", pd.Series([truth])).correct


def test_choices_accept_a_single_string_and_any_case():
    assert feedback.check("claims.brave_few", "elite_courage").correct
    assert feedback.check("weigh.which_rule", " B ").correct


def test_unknown_precondition_id_lists_the_options():
    message = feedback.check("claims.brave_few", {"courage"}).message
    assert "'courage' is not one of the options" in message


def test_text_answer_shows_the_rubric_only_once_written():
    entry = ENTRIES["argument.essay"]
    assert feedback.check("argument.essay", ...).details == ()
    written = feedback.check("argument.essay", _right(entry))
    assert written.details == tuple(entry["rubric"])
    assert "does not grade" in written.message
    assert str(written).startswith("✓ Written:")


def test_unknown_question_id_raises_naming_it():
    with pytest.raises(ValueError, match=r"'claims\.nope' is not a question id"):
        feedback.check("claims.nope", 1)
    with pytest.raises(ValueError, match="exercise must be one of"):
        feedback.questions("nope")


def test_summary_lists_done_and_not_yet():
    feedback.check("tipping.kuran", "c")
    feedback.check("tipping.small_group", ...)
    result = feedback.summary("tipping")
    assert "tipping.kuran" in result.done
    assert "tipping.small_group" in result.not_yet
    assert "of 5 questions done" in str(result)
    assert "<caption>" in result._repr_html_()


def test_html_says_right_or_not_yet_in_words():
    right = feedback.check("tipping.kuran", "c")._repr_html_()
    wrong = feedback.check("tipping.kuran", "a")._repr_html_()
    assert "✓ Right:" in right
    assert "Not yet:" in wrong
    assert 'role="status"' in wrong
    assert "<details><summary>Need a hint?</summary>" in wrong
    assert "<details>" not in right


def test_expected_answers_follow_the_model(monkeypatch):
    from palace_coup import preconditions

    original = preconditions.score

    def doubled(scores=None, weights=None, rule="compensatory"):
        result = original(scores, weights, rule)
        return type(result)(**{**result.__dict__, "index": result.index / 2})

    monkeypatch.setattr(preconditions, "score", doubled)
    truth = original(rule="necessary").index
    assert not feedback.check("weigh.necessary_index", truth).correct
    assert feedback.check("weigh.necessary_index", truth / 2).correct
