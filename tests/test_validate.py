import math

import numpy as np
import pandas as pd
import pytest

from palace_coup import _validate as v


@pytest.mark.parametrize("value", [0, 0.5, 1, np.float64(0.25), np.int64(1)])
def test_check_number_accepts_numbers_in_range(value):
    assert v.check_number(value, "x", 0, 1) == float(value)


@pytest.mark.parametrize(
    ("value", "error", "match"),
    [
        (1.5, ValueError, r"x must be a number in \[0, 1\], got 1.5"),
        (-0.1, ValueError, r"x must be a number in \[0, 1\], got -0.1"),
        (math.nan, ValueError, r"x must be a number in \[0, 1\], got nan"),
        (math.inf, ValueError, r"x must be a number in \[0, 1\], got inf"),
        ("0.5", TypeError, r"x must be a number in \[0, 1\], got str '0.5'"),
        (True, TypeError, r"x must be a number in \[0, 1\], got bool True"),
        (None, TypeError, r"x must be a number in \[0, 1\], got NoneType"),
    ],
)
def test_check_number_rejects(value, error, match):
    with pytest.raises(error, match=match):
        v.check_number(value, "x", 0, 1)


def test_check_number_open_bounds():
    with pytest.raises(ValueError, match=r"b must be a number in \(0, 1\), got 0"):
        v.check_number(0, "b", 0, 1, low_open=True, high_open=True)
    with pytest.raises(ValueError, match=r"b must be a number in \(0, 1\), got 1"):
        v.check_number(1, "b", 0, 1, low_open=True, high_open=True)
    with pytest.raises(ValueError, match="w must be a number >= 0"):
        v.check_number(-1, "w", 0, None)
    assert v.check_number(1e6, "w", 0, None) == 1e6


def test_check_int():
    assert v.check_int(np.int64(3), "n", 1) == 3
    with pytest.raises(TypeError, match=r"n must be an integer, got float 2\.5"):
        v.check_int(2.5, "n", 1)
    with pytest.raises(TypeError, match="n must be an integer, got bool"):
        v.check_int(True, "n", 1)
    with pytest.raises(ValueError, match="n must be an integer >= 1, got 0"):
        v.check_int(0, "n", 1)


def test_check_choice():
    with pytest.raises(ValueError, match="rule must be one of 'a', 'b'; got 'c'"):
        v.check_choice("c", "rule", ("a", "b"))
    with pytest.raises(ValueError, match="rule must be one of"):
        v.check_choice(1, "rule", ("a", "b"))


def test_check_mapping():
    assert v.check_mapping(None, "scores", ["a"]) == {}
    assert v.check_mapping({"a": np.float32(0.5)}, "scores", ["a"]) == {"a": 0.5}
    with pytest.raises(TypeError, match="scores must be a mapping"):
        v.check_mapping([("a", 0.5)], "scores", ["a"])
    with pytest.raises(ValueError, match="scores has an unknown key 'z'; allowed"):
        v.check_mapping({"z": 0.5}, "scores", ["a"])
    bad = r"scores\['a'\] must be a number in \[0, 1\]"
    with pytest.raises(ValueError, match=bad):
        v.check_mapping({"a": 2}, "scores", ["a"])


def test_number_array():
    out = v.number_array(pd.Series([0.1, 0.2]), "t", 0, 1)
    assert out.dtype == np.float64
    assert v.number_array(np.array([1, 0], dtype=object), "t", 0, 1).tolist() == [1, 0]
    with pytest.raises(ValueError, match="t must not be empty"):
        v.number_array([], "t", 0, 1)
    with pytest.raises(TypeError, match="t must be a sequence of numbers"):
        v.number_array("0.1", "t", 0, 1)
    with pytest.raises(TypeError, match="t must be a sequence of numbers"):
        v.number_array(0.1, "t", 0, 1)
    with pytest.raises(TypeError, match="t must be a sequence of numbers"):
        v.number_array({"a": 1}, "t", 0, 1)
    with pytest.raises(TypeError, match=r"t\[1\] must be a number, got str 'x'"):
        v.number_array([0.1, "x"], "t", 0, 1)
    with pytest.raises(TypeError, match=r"t\[0\] must be a number, got NoneType"):
        v.number_array([None], "t", 0, 1)
    with pytest.raises(TypeError, match="t must hold numbers, got booleans"):
        v.number_array([True, False], "t", 0, 1)
    with pytest.raises(ValueError, match=r"t\[2\] must be .* got nan"):
        v.number_array([0.1, 0.2, math.nan], "t", 0, 1)
    with pytest.raises(ValueError, match=r"t\[0\] must be .* got inf"):
        v.number_array([math.inf], "t", 0, 1)
    with pytest.raises(ValueError, match="t must be one-dimensional"):
        v.number_array([[0.1, 0.2]], "t", 0, 1)
    with pytest.raises(TypeError, match="t must be a flat sequence of numbers"):
        v.number_array([[0.1], [0.2, 0.3]], "t", 0, 1)


def test_outcome_array():
    assert v.outcome_array([True, 0, 1.0], "o").tolist() == [1.0, 0.0, 1.0]
    assert v.outcome_array(np.array([True, False]), "o").tolist() == [1.0, 0.0]
    bad = r"o\[0\] must be 0 or 1 \(or False/True\), got 0.5"
    with pytest.raises(ValueError, match=bad):
        v.outcome_array([0.5], "o")
    with pytest.raises(TypeError, match=r"o\[1\] must be a number, got str 'yes'"):
        v.outcome_array([1, "yes"], "o")
    with pytest.raises(ValueError, match="o must not be empty"):
        v.outcome_array([], "o")


def test_number_array_accepts_generators():
    assert v.number_array((x / 10 for x in range(3)), "t", 0, 1).tolist() == [
        0.0,
        0.1,
        0.2,
    ]


def test_model_modules_import_no_display_libraries():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from palace_coup import preconditions, loyalty, cascade, history, forecast\n"
        "bad = {'altair', 'ipywidgets', 'matplotlib'} & set(sys.modules)\n"
        "assert not bad, bad\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# ---- hostile input at the boundary ---------------------------------------


def test_dataframe_is_refused_naming_the_argument():
    # A DataFrame used to be read as its column labels: equilibrium(frame) of
    # thresholds 0.9 returned 1.0 for a column named 0.
    frame = pd.DataFrame({0.0: [0.9, 0.9]})
    with pytest.raises(ValueError, match=r"thresholds must be one-dimensional, got a"):
        v.number_array(frame, "thresholds", 0, 1)
    from palace_coup import cascade

    with pytest.raises(ValueError, match=r"DataFrame of shape \(2, 1\)"):
        cascade.equilibrium(frame)
    assert cascade.equilibrium(frame[0.0]) == 0.0


@pytest.mark.parametrize(
    "unordered",
    [{0.1, 0.2}, frozenset({0.1}), {0.1: 1}.keys(), {1: 0.1}.values(), {1: 2}.items()],
    ids=["set", "frozenset", "keys", "values", "items"],
)
def test_unordered_containers_are_refused(unordered):
    with pytest.raises(TypeError, match="t must be an ordered sequence"):
        v.number_array(unordered, "t", 0, 1)
    with pytest.raises(TypeError, match="o must be an ordered sequence"):
        v.outcome_array(unordered, "o")


def test_masked_arrays_are_refused_when_masked_and_read_when_not():
    masked = np.ma.masked_array([0.0, 5.0], mask=[False, True])
    with pytest.raises(ValueError, match=r"t is a masked array with 1 masked value"):
        v.number_array(masked, "t", 0, 1)
    clean = np.ma.masked_array([0.25, 0.5], mask=[False, False])
    assert v.number_array(clean, "t", 0, 1).tolist() == [0.25, 0.5]
    with pytest.raises(ValueError, match="o is a masked array"):
        v.outcome_array(np.ma.masked_array([1, 0], mask=[True, False]), "o")


@pytest.mark.parametrize("big", [10**400, -(10**400), 2**1024])
def test_integers_beyond_float_range_are_refused(big):
    with pytest.raises(ValueError, match=r"got an integer of about \d+ digits"):
        v.check_number(big, "x", None, None)
    with pytest.raises(ValueError, match=r"t\[1\] must be a number, got an integer"):
        v.number_array([0.5, big], "t", None, None)
    with pytest.raises(ValueError, match=r"o\[0\] must be a number, got an integer"):
        v.outcome_array([big], "o")


def test_huge_integer_beyond_repr_limit_is_described_not_printed():
    # repr() refuses integers of more than 4,300 digits.
    with pytest.raises(ValueError, match=r"about 5001 digits"):
        v.check_number(10**5000, "x", 0, 1)
    with pytest.raises(ValueError, match=r"about 5001 digits"):
        v.check_int(10**5000, "n", 0, 10)


def test_negative_zero_becomes_zero():
    assert math.copysign(1.0, v.check_number(-0.0, "x", 0, 1)) == 1.0
    assert math.copysign(1.0, v.number_array([-0.0], "t", 0, 1)[0]) == 1.0


def test_endless_generator_is_read_no_further_than_the_maximum():
    import itertools

    endless = (0.5 for _ in itertools.count())
    with pytest.raises(ValueError, match="t must hold at most 1,000,000 values"):
        v.number_array(endless, "t", 0, 1)
    assert v.number_array(iter([0.5] * 10**6), "t", 0, 1).size == 10**6


def test_check_int_upper_bound():
    assert v.check_int(1200, "months", 0, 1200) == 1200
    with pytest.raises(ValueError, match="months must be an integer from 0 to 1200"):
        v.check_int(1201, "months", 0, 1200)
    with pytest.raises(ValueError, match="k must be an integer <= 3, got 4"):
        v.check_int(4, "k", None, 3)
