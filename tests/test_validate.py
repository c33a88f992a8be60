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
