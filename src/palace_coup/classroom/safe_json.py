"""JSON from students' files, parsed with limits; JSON for them, written plainly.

Python's :func:`json.loads` accepts things a class's files must not carry: a
thousand nested brackets (a ``RecursionError``), a 400-digit number (an
``OverflowError`` later, or ``inf``), ``NaN``, and the same key twice (the last
one silently wins). :func:`parse` refuses each of those with a
``ValueError`` whose message says what was wrong, and accepts a UTF-8 byte
order mark, which some editors on Windows add.
"""

from __future__ import annotations

import json
import math
from itertools import accumulate
from typing import Any

from palace_coup.classroom.names import shown

__all__ = ["MAX_DEPTH", "MAX_DIGITS", "dump", "parse"]

MAX_DEPTH = 16
"""Deepest nesting of arrays and objects accepted (the formats need 4)."""

MAX_DIGITS = 40
"""Longest number literal accepted, in characters (``0.30000000000000004``
has 19)."""

_KEEP = b'"[]{}'
_DROP = bytes(b for b in range(256) if b not in _KEEP)
_STEPS = tuple(1 if b in b"[{" else -1 if b in b"]}" else 0 for b in range(256))


def _depth(data: bytes) -> int:
    """Return the deepest nesting of brackets outside strings, in C-speed steps.

    Escaped backslashes and escaped quotes are removed first (left to right,
    as a JSON parser reads them), then every byte but quotes and brackets;
    what lies between two quotes was a string, so splitting at the quotes
    leaves the brackets outside strings at the even places (two adjacent
    quotes are dropped first: that changes no bracket's place). After an
    unmatched quote everything is string to a parser too (an unterminated
    one, refused without nesting any deeper). UTF-8 never uses these ASCII
    bytes inside a multi-byte character, so the bytes can be scanned as they
    are. Every step runs in C (no Python code per byte or per bracket): a
    class of 2,000 files is scanned in a few hundredths of a second.
    """
    if b"\\" in data:  # most files have no backslash: skip two passes
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    skeleton = data.translate(None, _DROP).replace(b'""', b"")
    brackets = b"".join(skeleton.split(b'"')[::2])
    if not brackets:
        return 0
    return max(accumulate(map(_STEPS.__getitem__, brackets)))


def _number(literal: str, kind: type) -> Any:
    """Convert a number literal, refusing huge or infinite ones."""
    if len(literal) > MAX_DIGITS:
        raise ValueError(f"a number with more than {MAX_DIGITS} characters")
    value = kind(literal)
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"a number too large for a float ({literal})")
    return value


def _constant(literal: str) -> Any:
    raise ValueError(f"{literal}, which is not a number JSON allows")


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """Build an object, refusing a key given twice."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"the key {shown(key)!r} twice")
            seen.add(key)
    return result


def parse(data: bytes) -> Any:
    r"""Parse a student's JSON file, with limits.

    Parameters
    ----------
    data : bytes
        The file's bytes: UTF-8, with or without a byte order mark.

    Returns
    -------
    object
        The parsed value (dicts, lists, strings, ints, floats, bools, None).

    Raises
    ------
    ValueError
        If the bytes are not UTF-8, not JSON, nested deeper than
        :data:`MAX_DEPTH`, or hold a number longer than :data:`MAX_DIGITS`
        characters, an infinite number, ``NaN`` or ``Infinity``, or an object
        with a duplicated key. The message starts "not UTF-8 text", "not
        valid JSON" or "JSON with ...".

    Examples
    --------
    >>> parse(b'\xef\xbb\xbf{"a": [1, 2.5]}')
    {'a': [1, 2.5]}
    >>> parse(b'{"a": 1, "a": 2}')
    Traceback (most recent call last):
    ...
    ValueError: JSON with the key 'a' twice
    >>> parse(b"[" * 2000)
    Traceback (most recent call last):
    ...
    ValueError: JSON with brackets nested deeper than 16
    """
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(f"not UTF-8 text (byte {error.start})") from error
    if _depth(data) > MAX_DEPTH:
        raise ValueError(f"JSON with brackets nested deeper than {MAX_DEPTH}")
    try:
        return json.loads(
            text,
            object_pairs_hook=_object,
            parse_int=lambda literal: _number(literal, int),
            parse_float=lambda literal: _number(literal, float),
            parse_constant=_constant,
        )
    except json.JSONDecodeError as error:
        raise ValueError(
            f"not valid JSON (line {error.lineno}: {error.msg})"
        ) from error
    except ValueError as error:
        raise ValueError(f"JSON with {error}") from error


def dump(record: dict[str, Any]) -> bytes:
    r"""Write a record as indented UTF-8 JSON, ending with a newline.

    Parameters
    ----------
    record : dict
        Plain data: no NaN or infinity.

    Returns
    -------
    bytes
        The JSON text, non-ASCII characters kept as they are (readable names).

    Examples
    --------
    >>> dump({"name": "Анна"})
    b'{\n  "name": "\xd0\x90\xd0\xbd\xd0\xbd\xd0\xb0"\n}\n'
    """
    return (
        json.dumps(record, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    ).encode("utf-8")
