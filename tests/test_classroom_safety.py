"""Hostile input for a class's files (issue 15): each case found by probing.

Every test here was seen failing against the loader and saver before they were
made safe (see the commit that added this file).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from palace_coup import classroom, preconditions, widgets
from palace_coup.classroom import safe_files, safe_json

STATE = {"scores": {}, "weights": {}, "rule": "compensatory"}


def _record(**changes):
    record = {
        "format": classroom.FORMAT,
        "name": "X",
        "rule": "compensatory",
        "scores": preconditions.score().scores,
        "weights": preconditions.score().weights,
    }
    record.update(changes)
    return record


def _load_names(folder):
    klass = classroom.load(folder)
    return sorted(klass.entries["name"]), dict(klass.problems)


# --- Distinct names never share a file ----------------------------------------


@pytest.mark.parametrize(
    "names",
    [
        ["Анна Петрова", "Иван Сидоров", "王小明", "李华"],
        ["Ada L.", "ada l", "ADA L.", "Ada L"],
        ["José", "Jose", "Zoë", "Zoe"],
    ],
)
def test_distinct_names_never_share_a_file(tmp_path, names):
    paths = {classroom.save(STATE, name, tmp_path) for name in names}
    assert len(paths) == len(names)
    loaded, problems = _load_names(tmp_path)
    assert loaded == sorted(names) and problems == {}


def test_one_name_in_two_unicode_forms_is_one_student(tmp_path):
    composed, decomposed = "Zo\u00eb", "Zoe\u0308"
    first = classroom.save(STATE, composed, tmp_path)
    second = classroom.save(STATE, decomposed, tmp_path)
    assert first == second
    assert _load_names(tmp_path)[0] == [composed]


def test_readable_file_names(tmp_path):
    assert classroom.save(STATE, "Анна", tmp_path).name.startswith("анна-")
    assert classroom.save(STATE, "Ada L.", tmp_path).name.startswith("ada-l-")


# --- Names are normalised and validated ----------------------------------------

BAD_NAMES = {
    "newline": ("Ada\nLovelace", "control character"),
    "tab": ("Ada\tL", "control character"),
    "lone surrogate": ("Ada\ud800", "lone surrogate"),
    "right-to-left override": ("Ada\u202egpj.exe", "bidirectional override"),
    "isolate": ("\u2067Ada", "bidirectional override"),
    "zero-width space": ("Ad\u200ba", "invisible"),
    "only a joiner": ("\u200d", "invisible"),
    "hangul filler": ("\u3164", "invisible"),
    "tag characters": ("Ada\U000e0041", "invisible"),
    "too long": ("x" * 81, "at most 80"),
    "empty": (" \u00a0 ", "empty"),
    "zalgo": ("a" + "\u0301\u0316" * 4, "combining marks"),
}


@pytest.mark.parametrize("case", BAD_NAMES)
def test_save_refuses_unsafe_names(tmp_path, case):
    name, reason = BAD_NAMES[case]
    with pytest.raises(ValueError, match=reason):
        classroom.save(STATE, name, tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_load_reports_files_with_unsafe_names(tmp_path):
    classroom.save(STATE, "Good", tmp_path)
    for i, (name, _) in enumerate(BAD_NAMES.values()):
        text = json.dumps(_record(name=name))  # \ud800 survives as an escape
        (tmp_path / f"bad{i:02}.json").write_text(text)
    loaded, problems = _load_names(tmp_path)
    assert loaded == ["Good"]
    for i, (_, reason) in enumerate(BAD_NAMES.values()):
        assert reason in problems[f"bad{i:02}.json"]


def test_names_are_normalised_and_joiners_kept(tmp_path):
    classroom.save(STATE, "  Ada\u3000 Lovelace ", tmp_path)
    classroom.save(STATE, "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", tmp_path)
    loaded, _ = _load_names(tmp_path)
    assert "Ada Lovelace" in loaded
    assert "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645" in loaded


def test_problem_reasons_escape_unprintable_file_names(tmp_path):
    (tmp_path / "evil\u202egpj.json").write_text("{")
    [(file, reason)] = classroom.load(tmp_path).problems
    assert file == "evil\\u202egpj.json" and "not valid JSON" in reason


# --- Atomic writes: concurrent saves of one name --------------------------------

WRITER = """
import sys
from palace_coup import classroom, preconditions
folder, k, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
# Each writer's file has a different length, so interleaved writes would show.
scores = {i: round(0.05 + 0.9 * ((k + j) % 7) / 7, 1 + k) for j, i in
          enumerate(preconditions.ids())}
for _ in range(n):
    classroom.save({"scores": scores, "weights": {}, "rule": "compensatory"},
                   "Same Name", folder, saved_at=f"2026-03-01T10:00:0{k}Z")
"""

READER = """
import json, sys, time
from pathlib import Path
from palace_coup import classroom
folder, stop = Path(sys.argv[1]), Path(sys.argv[2])
[path] = folder.glob("same-name-*.json")
reads = empty = torn = bad_loads = 0
while not stop.exists():
    data = path.read_bytes()
    reads += 1
    if not data:
        empty += 1
    else:
        try:
            json.loads(data)
        except ValueError:
            torn += 1
    klass = classroom.load(folder)
    if len(klass.entries) != 1 or klass.problems:
        bad_loads += 1
print(json.dumps({"reads": reads, "empty": empty, "torn": torn,
                  "bad_loads": bad_loads}))
"""


def test_concurrent_saves_of_one_name_never_tear_the_file(tmp_path):
    writers, saves = 4, 750  # 3,000 saves, as in the probe that found 373 torn
    classroom.save(STATE, "Same Name", tmp_path)
    stop = tmp_path.parent / f"{tmp_path.name}.stop"
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, str(tmp_path), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(tmp_path), str(k), str(saves)], env=env
        )
        for k in range(writers)
    ]
    try:
        assert [p.wait(timeout=300) for p in procs] == [0] * writers
    finally:
        stop.touch()
        out, _ = reader.communicate(timeout=60)
    counts = json.loads(out)
    assert counts["reads"] > 50, counts  # the reader really raced the writers
    assert counts["empty"] == counts["torn"] == counts["bad_loads"] == 0, counts
    files = [p.name for p in tmp_path.iterdir()]
    assert len(files) == 1, files  # no temporary file left behind
    klass = classroom.load(tmp_path)
    assert klass.entries["name"].tolist() == ["Same Name"] and not klass.problems


# --- No link followed, no special file opened ----------------------------------


def test_save_replaces_a_planted_symlink_and_leaves_its_target(tmp_path):
    victim = tmp_path / "victim.json"
    victim.write_text("the classmate's own file")
    folder = tmp_path / "class"
    folder.mkdir()
    target = folder / (classroom.names.file_stem("Bob") + ".json")
    target.symlink_to(victim)
    path = classroom.save(STATE, "Bob", folder)
    assert path == target and not path.is_symlink()
    assert victim.read_text() == "the classmate's own file"
    assert _load_names(folder)[0] == ["Bob"]


def test_load_follows_no_symlink(tmp_path):
    classroom.save(STATE, "Good", tmp_path)
    outside = tmp_path.parent / f"{tmp_path.name}-outside.json"
    outside.write_text(json.dumps(_record(name="Planted")))
    (tmp_path / "link.json").symlink_to(outside)
    (tmp_path / "zero.json").symlink_to("/dev/zero")
    (tmp_path / "folder-link").symlink_to(tmp_path.parent)
    started = time.perf_counter()
    loaded, problems = _load_names(tmp_path)
    assert time.perf_counter() - started < 5
    assert loaded == ["Good"]
    for name in ("link.json", "zero.json", "folder-link"):
        assert "symbolic link" in problems[name]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_load_refuses_a_fifo_without_blocking(tmp_path):
    classroom.save(STATE, "Good", tmp_path)
    os.mkfifo(tmp_path / "pipe.json")
    result = {}
    thread = threading.Thread(
        target=lambda: result.update(klass=classroom.load(tmp_path)), daemon=True
    )
    thread.start()
    thread.join(timeout=10)
    assert not thread.is_alive(), "load() blocked on a FIFO"
    klass = result["klass"]
    assert klass.entries["name"].tolist() == ["Good"]
    assert "FIFO" in dict(klass.problems)["pipe.json"]
    # Even opened by name (a file swapped for a FIFO after listing), no block:
    with pytest.raises(ValueError, match="FIFO"):
        safe_files.read_bounded(tmp_path / "pipe.json", 100)


@pytest.mark.skipif(not Path("/proc/self/maps").exists(), reason="needs Linux /proc")
def test_reads_are_bounded_by_the_bytes_read_not_the_claimed_size():
    assert os.stat("/proc/self/maps").st_size == 0  # the file system claims 0
    with pytest.raises(ValueError, match="larger than 10 bytes"):
        safe_files.read_bounded("/proc/self/maps", 10)


def test_load_refuses_oversized_files(tmp_path):
    (tmp_path / "big.json").write_bytes(b" " * (classroom.weightings.MAX_BYTES + 1))
    assert "larger than" in dict(classroom.load(tmp_path).problems)["big.json"]


# --- JSON parsed with limits ----------------------------------------------------

HOSTILE_JSON = {
    "nested.json": (b"[" * 1000 + b"]" * 1000, "nested deeper than"),
    "nested-object.json": (b'{"a":' * 700 + b"1" + b"}" * 700, "nested deeper than"),
    "huge-number.json": (
        json.dumps(_record())
        .replace('"elite_courage": 0.1', '"elite_courage": ' + "9" * 400)
        .encode(),
        "more than 40 characters",
    ),
    "huge-float.json": (
        json.dumps(_record())
        .replace('"elite_courage": 0.1', '"elite_courage": 1e400')
        .encode(),
        "too large",
    ),
    "nan.json": (
        json.dumps(_record())
        .replace('"elite_courage": 0.1', '"elite_courage": NaN')
        .encode(),
        "NaN",
    ),
    "duplicate.json": (
        json.dumps(_record())[:-1].encode() + b', "rule": "necessary"}',
        "the key 'rule' twice",
    ),
    "utf16.json": (json.dumps(_record()).encode("utf-16"), "not UTF-8"),
}


def test_hostile_json_is_reported_and_never_stops_the_class(tmp_path):
    assert '"elite_courage": 0.1' in json.dumps(_record())  # the replaces bite
    classroom.save(STATE, "Good", tmp_path)
    for name, (data, _) in HOSTILE_JSON.items():
        (tmp_path / name).write_bytes(data)
    loaded, problems = _load_names(tmp_path)
    assert loaded == ["Good"]
    assert set(problems) == set(HOSTILE_JSON)
    for name, (_, reason) in HOSTILE_JSON.items():
        assert reason in problems[name], (name, problems[name])


def test_a_utf8_byte_order_mark_is_accepted(tmp_path):
    data = b"\xef\xbb\xbf" + json.dumps(_record(name="Bom")).encode()
    (tmp_path / "bom.json").write_bytes(data)
    assert _load_names(tmp_path) == (["Bom"], {})


def test_parse_limits_directly():
    assert safe_json.parse(b"[" * 16 + b"]" * 16) == safe_json.parse(
        json.dumps([[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]).encode()
    )
    with pytest.raises(ValueError, match="deeper"):
        safe_json.parse(b"[" * 17 + b"]" * 17)
    # Brackets inside strings, after escaped quotes and backslashes, count not:
    for text in [
        "[" * 40 + '\\"{',
        'a\\"' + "[" * 20,
        "a\\\\" + "x",
        '\\\\\\"' + "{" * 30,
    ]:
        assert safe_json.parse(json.dumps([text]).encode()) == [text]
    ends_in_a_backslash = ["x\\", "[" * 20]
    assert (
        safe_json.parse(json.dumps(ends_in_a_backslash).encode()) == ends_in_a_backslash
    )
    # ... but an escaped backslash does not hide the string's end:
    with pytest.raises(ValueError, match="deeper"):
        safe_json.parse(b'["a\\\\", ' + b"[" * 20 + b"]" * 20 + b"]")


def _nesting(value):
    """Depth of a parsed value, counted on the value itself: the oracle."""
    if isinstance(value, dict):
        return 1 + max(map(_nesting, value.values()), default=0)
    if isinstance(value, list):
        return 1 + max(map(_nesting, value), default=0)
    return 0


# Strings full of what the bracket scan must see through.
_TRICKY = st.text(alphabet='[]{}"\\\\ab\u00e9\u2028', max_size=8)
_VALUES = st.recursive(
    st.none() | st.integers(-9, 9) | _TRICKY,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(_TRICKY, inner, max_size=3)
    ),
    max_leaves=40,
)


@settings(max_examples=400, deadline=None)
@given(
    value=_VALUES,
    layers=st.lists(_TRICKY | st.none(), max_size=18),
    indent=st.sampled_from([None, 0, 2]),
    ascii=st.booleans(),
)
def test_the_depth_limit_is_the_depth_of_what_is_parsed(value, layers, indent, ascii):
    for key in layers:  # wrap: in a list (None) or in an object under that key
        value = [value] if key is None else {key: value}
    data = json.dumps(value, indent=indent, ensure_ascii=ascii).encode()
    if _nesting(value) <= safe_json.MAX_DEPTH:
        assert safe_json.parse(data) == value
    else:
        with pytest.raises(ValueError, match="nested deeper than"):
            safe_json.parse(data)


def test_brackets_after_an_unterminated_string_are_refused_as_json():
    # The parser reads them as the string's text: refused, never nested.
    with pytest.raises(ValueError, match="not valid JSON"):
        safe_json.parse(b'["abc' + b"[" * 5000)
    with pytest.raises(ValueError, match="deeper"):
        safe_json.parse(b"[" * 5000 + b'"abc')


def test_the_fast_path_for_plain_ascii_names_refuses_nothing_the_full_check_would():
    from palace_coup.classroom import names

    printable = [chr(code) for code in range(0x20, 0x7F)]
    for char in printable:  # each one alone, and between letters
        assert names._first_problem(char) is None, char
        assert names._first_problem(f"a{char}b") is None, char
    for char in map(chr, [*range(0x20), 0x7F]):  # ASCII controls: still refused
        with pytest.raises(ValueError, match="control character"):
            names.check_name(f"a{char}b")


# --- One file per student --------------------------------------------------------


def test_an_older_hand_in_of_the_same_student_is_reported(tmp_path):
    (tmp_path / "a-first.json").write_text(
        json.dumps(_record(name="Ada", saved_at="2026-03-01T10:00:00Z"))
    )
    (tmp_path / "b-again.json").write_text(
        json.dumps(
            _record(name="Ada", rule="necessary", saved_at="2026-03-01T11:00:00Z")
        )
    )
    klass = classroom.load(tmp_path)
    assert klass.entries["rule"].tolist() == ["necessary"]
    assert "older file of the same student" in dict(klass.problems)["a-first.json"]


# --- The weigher's Save --------------------------------------------------------------


def test_weigher_save_refuses_an_invalid_state(tmp_path):
    weigher = widgets.precondition_weigher(tmp_path)
    weigher.name.value = "Ada"
    for slider in weigher.weight_sliders.values():
        slider.value = 0.0
    weigher.save_button.click()
    assert weigher.status.value.startswith("Not saved: weights must not all be zero")
    assert list(tmp_path.iterdir()) == []


def test_weigher_save_reports_a_filesystem_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    weigher = widgets.precondition_weigher(blocker / "weightings")
    weigher.name.value = "Ada"
    weigher.save_button.click()  # must not raise
    assert weigher.status.value.startswith("Not saved: cannot write to")
    assert "Not a directory" in weigher.status.value or "exists" in weigher.status.value


def test_weigher_save_escapes_the_folder_in_its_status(tmp_path):
    weigher = widgets.precondition_weigher(tmp_path / "<b>class</b>")
    weigher.name.value = "Ada"
    weigher.save_button.click()
    assert "Saved to" in weigher.status.value
    assert "&lt;b&gt;class&lt;/b&gt;" in weigher.status.value
    assert "<b>" not in weigher.status.value
