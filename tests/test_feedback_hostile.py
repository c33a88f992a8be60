"""feedback.check against hostile answers: nothing raises, hangs or misleads.

``check`` has no blanket ``except``: an answer is first copied into plain
values with the built-in types' own methods (so a student's class is never
asked anything), within fixed bounds. These tests prove it for every question
over odd types and values, and pin the answers that used to go wrong.
"""

import datetime as dt
import itertools
import math
from decimal import Decimal
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from palace_coup import feedback

IDS = feedback.questions()
ENTRIES = {qid: feedback._entry(qid) for qid in IDS}
LABELS = ("✓ Right:", "Not yet:", "✓ Written:", "✓ Recorded:")


class Trap(Exception):
    """Raised by a hostile answer's methods: check must never call them."""


def _trap(*_args, **_kwargs):
    raise Trap("check called a method of the student's object")


def _hostile(base, *names):
    """A subclass of ``base`` whose named methods all raise :class:`Trap`."""
    return type(f"Hostile{base.__name__.title()}", (base,), dict.fromkeys(names, _trap))


DUNDERS = ("__len__", "__iter__", "__getitem__", "__bool__", "__repr__", "__str__")
HostileList = _hostile(list, *DUNDERS, "__eq__", "__contains__")
HostileTuple = _hostile(tuple, *DUNDERS, "__eq__")
HostileDict = _hostile(dict, *DUNDERS, "items", "keys", "values", "get")
HostileStr = _hostile(str, "__len__", "__str__", "__repr__", "strip", "__iter__")
HostileInt = _hostile(int, "__int__", "__index__", "__float__", "__repr__", "__str__")
HostileFloat = _hostile(float, "__float__", "__repr__", "__str__", "is_integer")
HostileSet = _hostile(set, "__len__", "__iter__", "__repr__", "__contains__")
HostileObject = _hostile(object, *DUNDERS, "__float__", "__index__", "__eq__")


def _check(qid, answer):
    result = feedback.check(qid, answer)
    assert isinstance(result, feedback.Feedback)
    text = str(result)
    assert text.startswith(LABELS), text[:80]
    assert result.message.strip()
    assert len(result.message) < 3_000, len(result.message)
    assert "could not be read" not in result.message
    assert result.verdict in ("right", "not_yet", "written", "recorded")
    ids = {rule["id"] for rule in ENTRIES[qid]["wrong"]}
    assert result.misconception is None or result.misconception in ids
    assert (result.misconception is not None) <= (not result.correct)
    assert result._repr_html_().startswith('<div class="pc-feedback"')
    return result


numbers = st.one_of(
    st.integers(),
    st.integers(min_value=10**300, max_value=10**400),
    st.floats(),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("sNaN"), Decimal("-1e999999"), Decimal("1e400")]),
    st.fractions(),
    st.builds(Fraction, st.integers(10**400, 10**401), st.integers(1, 3)),
    st.complex_numbers(),
    hnp.from_dtype(np.dtype("float32")),
    hnp.from_dtype(np.dtype("int64")),
    hnp.from_dtype(np.dtype("uint8")),
    hnp.from_dtype(np.dtype("complex64")),
    hnp.from_dtype(np.dtype("datetime64[D]")),
)
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=" 0123456789.,-+eE%/\u2212\u00a0", max_size=12),
    st.sampled_from(["0,317", "1/3", "1/0", "1e400", "26%", "\u22120.25", "2023"]),
    st.binary(max_size=8),
)
dates = st.one_of(
    st.dates(),
    st.datetimes(),
    st.builds(pd.Timestamp, st.datetimes(dt.datetime(1700, 1, 1))),
    st.sampled_from([pd.NaT, np.datetime64("NaT"), pd.NA, np.datetime64("2023-10")]),
)
HOSTILE = (  # made when drawn: hypothesis would ask a ready one for its repr
    lambda: HostileList([0.25]),
    lambda: HostileTuple((0.25, 0.1)),
    lambda: HostileDict(made_on="2022-03-02", probability=0.1),
    lambda: HostileStr("0.25"),
    lambda: HostileInt(7),
    lambda: HostileFloat(0.25),
    lambda: HostileSet({"a"}),
    HostileObject,
    lambda: [HostileObject(), HostileStr("b")],
    lambda: {HostileStr("claim"): HostileInt(2)},
)
hostile = st.sampled_from(HOSTILE).map(lambda make: make())
scalars = st.one_of(st.none(), st.just(...), st.booleans(), numbers, texts, dates)
answers = st.recursive(
    st.one_of(scalars, hostile),
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.lists(inner, max_size=3).map(tuple),
        st.frozensets(st.one_of(st.text(max_size=8), st.integers()), max_size=4),
        st.dictionaries(st.text(max_size=12), inner, max_size=3),
        st.fixed_dictionaries({"made_on": inner, "probability": inner}),
        st.tuples(inner, inner),
        st.lists(inner, max_size=3).map(iter),
        hnp.arrays(np.float64, hnp.array_shapes(max_dims=2, max_side=3)),
        st.lists(st.floats(), max_size=3).map(pd.Series),
    ),
    max_leaves=6,
)


@pytest.mark.parametrize("qid", IDS)
@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(answer=answers)
def test_no_odd_answer_raises_or_reaches_a_generic_branch(qid, answer):
    _check(qid, answer)


# ---- the cases that used to go wrong, one by one ----------------------------


def _truth(qid):
    return feedback._resolve(ENTRIES[qid]["expected"])


@pytest.mark.parametrize("qid", IDS)
def test_a_list_whose_len_raises_is_read_by_its_items(qid):
    result = _check(qid, HostileList([0.25]))
    if ENTRIES[qid]["kind"] == "number":
        plain = feedback.check(qid, [0.25])
        assert (result.correct, result.message) == (plain.correct, plain.message)


@pytest.mark.parametrize("qid", IDS)
@pytest.mark.parametrize(
    "endless",
    [itertools.count, lambda: (0.5 for _ in itertools.count()), lambda: iter(int, 1)],
    ids=["count", "generator", "callable-iterator"],
)
def test_an_endless_iterator_is_refused_not_read(qid, endless):
    result = _check(qid, endless())
    assert not result.correct
    assert "iterator" in result.message


@pytest.mark.parametrize("qid", IDS)
def test_a_ten_megabyte_string_is_never_echoed(qid):
    huge = "7" * 10_000_000
    result = _check(qid, huge)
    assert not result.correct
    assert "10,000,000 characters long; at most 20,000 are read" in result.message
    assert len(str(result)) < 1_000


@pytest.mark.parametrize("qid", [q for q in IDS if ENTRIES[q]["kind"] == "number"])
def test_a_decimal_comma_is_told_to_use_a_point(qid):
    # `answer = 0,317` is the tuple (0, 317) in Python; typed in a box, "0,317".
    as_tuple = _check(qid, (0, 317)).message
    assert "Python read `0,317` as two numbers, (0, 317)" in as_tuple
    assert "use a decimal point, not a comma (0.317)" in as_tuple
    as_text = _check(qid, "0,317").message
    assert as_text.startswith("use a decimal point, not a comma: write 0.317")
    assert not feedback.check(qid, " 0,317 ").correct


@pytest.mark.parametrize("qid", [q for q in IDS if ENTRIES[q]["kind"] == "number"])
def test_numbers_are_read_as_what_they_mean(qid):
    truth = float(_truth(qid))
    exact = Fraction(truth)
    readings = [
        truth,
        Decimal(repr(truth)),
        exact,
        repr(truth),
        f"  {truth!r}\u00a0",
        np.float32(truth) if abs(np.float32(truth) - truth) < 1e-7 else truth,
        pd.Series([truth]),
        np.array([[truth]]),
    ]
    if truth < 0:
        readings.append("\u2212" + repr(-truth))  # a unicode minus
    for reading in readings:
        assert feedback.check(qid, reading).correct, (qid, reading)
    ratio = exact.limit_denominator(1000)
    if abs(float(ratio) - truth) <= float(ENTRIES[qid].get("tolerance", 0.005)):
        assert feedback.check(qid, f"{ratio.numerator}/{ratio.denominator}").correct


def test_text_fractions_unicode_minus_and_percentages():
    assert feedback.check("tipping.small_group", "2/5").correct
    assert feedback.check("tipping.small_group", "4 / 10").correct
    assert "0 below the line" in feedback.check("tipping.small_group", "1/0").message
    minus = feedback.check("weigh.gate", "\u22120.25")
    assert not minus.correct and minus.message.startswith("-0.25 is not it")
    assert "without the % sign" in feedback.check("weigh.gate", "25%").message
    big = feedback.check("weigh.gate", "1e400").message
    assert big.startswith("your answer is infinite (or too large")


@pytest.mark.parametrize(
    "month",
    [
        dt.date(2023, 10, 1),
        dt.datetime(2023, 10, 31, 23, 59),
        pd.Timestamp("2023-10-15"),
        np.datetime64("2023-10-02"),
        "2023-10",
        "2023-10-15",
    ],
)
def test_dates_are_read_as_the_month_they_fall_in(month):
    qid = "loyalty.crossing_date"
    assert feedback._month_text(_truth(qid)) == "2023-10"  # the bank's answer
    result = feedback.check(qid, month)
    assert result.correct, result.message
    assert result.message.startswith("2023-10: month 20 after 24 February 2022.")


def test_dates_that_are_not_dates():
    qid = "loyalty.crossing_date"
    assert "not a date in the calendar" in feedback.check(qid, "2023-02-30").message
    assert "must be 01 to 12" in feedback.check(qid, "2023-13").message
    assert "NaT" in feedback.check(qid, pd.NaT).message


@pytest.mark.parametrize(
    "made_on",
    [dt.date(2022, 3, 2), dt.datetime(2022, 3, 2, 9), pd.Timestamp("2022-03-02")],
)
def test_a_forecast_dated_with_a_date_object(made_on):
    result = feedback.check("forecast.own", {"made_on": made_on, "probability": 0.1})
    assert result.correct, result.message
    assert "made on 02 March 2022" in result.message
    late = {"made_on": made_on + dt.timedelta(days=30), "probability": 0.1}
    assert feedback.check("forecast.own", late).misconception == "date_outside_window"


def test_the_crossing_message_only_when_it_applies():
    qid = "loyalty.military_crossing"
    truth = _truth(qid)
    crossing = feedback._resolve(
        {"compute": "continuous_crossing", "faction": "military"}
    )
    assert truth - 1 < crossing < truth  # the model's exact moment of crossing
    at_crossing = feedback.check(qid, crossing)
    assert at_crossing.misconception == "exact_crossing"
    assert "exact moment the curve crosses" in at_crossing.message
    for far in (truth + 0.5, truth - 1.5, 3.25, -0.5):
        result = feedback.check(qid, far)
        assert result.misconception is None, far
        assert result.message == f"{far:g} is not a whole number.", far
    assert "exact moment" not in feedback.check("base.counted", 2.5).message


def test_huge_integers_and_huge_numbers_are_described():
    for huge in (10**400, 10**5000, Fraction(10**5000, 3)):
        message = feedback.check("weigh.gate", huge).message
        assert "is too large to read" in message
        assert len(message) < 300
    assert (
        feedback.check("base.counted", 10**15).message == "1000000000000000 is not it."
    )
    assert feedback.check("base.counted", 10**20).message == "1e+20 is not it."


def test_dict_and_set_subclasses_are_read_by_their_contents():
    qid = "argument.self_assessment"
    scores = HostileDict(dict.fromkeys(ENTRIES[qid]["criteria"], 2))
    assert feedback.check(qid, scores).correct
    qid = "claims.brave_few"
    assert feedback.check(qid, HostileSet(set(_truth(qid)))).correct


def test_strings_are_read_as_numbers_in_pairs_and_forecasts():
    assert feedback.check("forecast.own_score", ("0.1", "0.01")).correct
    answer = {"made_on": "2022-03-02", "probability": "0,1"}
    assert "decimal point" in feedback.check("forecast.own", answer).message


def test_nan_decimals_are_read_as_nan():
    for nan in (Decimal("NaN"), Decimal("sNaN"), math.nan, np.float32("nan")):
        assert "NaN" in feedback.check("weigh.gate", nan).message


@pytest.mark.parametrize(
    "many",
    [
        lambda: [0.25] * 10**6,
        lambda: [[0.25] * 999] * 999,
        lambda: np.zeros(10**6),
        lambda: pd.Series(np.zeros(2_000)),
        lambda: dict.fromkeys(range(5_000), 1),
    ],
    ids=["list", "nested", "array", "series", "dict"],
)
def test_answers_with_too_many_values_are_not_read(many):
    result = _check("weigh.gate", many())
    assert "more than 1,000 values" in result.message


def test_a_list_that_contains_itself_is_not_read_forever():
    loop = [0.25]
    loop.append(loop)
    assert "nested too deeply" in _check("weigh.gate", loop).message
