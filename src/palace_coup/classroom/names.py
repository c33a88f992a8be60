"""Students' names: normalised, validated, shown safely, and turned into file names.

A name comes from a student (typed into the weigher, or read from a file a
student handed in), so it is untrusted text. Before it is stored or shown it
is normalised (Unicode NFC, every kind of space turned into one plain space,
trimmed) and must then be *printable*: no control characters (newlines,
tabs), no lone surrogates, no private-use or unassigned code points, no
invisible characters (zero-width spaces, soft hyphens, fillers, tags) and no
bidirectional overrides or isolates, which can make ``Ada`` look like
``adA`` in a table. Zero-width (non-)joiners and emoji variation selectors
are kept where they belong, between or after visible characters, because
Persian, Indic and emoji names need them.

Two different names never share a file: :func:`file_stem` is a readable slug
plus a short hash of the normalised name (so ``Ada L.`` and ``ada l`` differ,
and a Cyrillic or Chinese name keeps its letters).
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Any

__all__ = ["MAX_NAME", "check_name", "file_stem", "shown"]

MAX_NAME = 80
"""Longest name accepted, in characters after normalisation."""

_MAX_MARKS = 4
"""Most combining marks allowed on one character (stops "Zalgo" text)."""

_INVISIBLE = frozenset(
    [
        *(0x00AD, 0x034F, 0x061C, 0x115F, 0x1160, 0x17B4, 0x17B5, 0x2800, 0x3164),
        *(0xFEFF, 0xFFA0),
        *range(0x180B, 0x1810),  # Mongolian variation selectors, vowel separator
        *range(0x200B, 0x2010),  # zero-width space, joiners, LRM, RLM
        *range(0x202A, 0x202F),  # bidi embeddings and overrides
        *range(0x2060, 0x2070),  # word joiner, invisible operators, isolates
        *range(0x1D173, 0x1D17B),  # musical formatting
        *range(0xFE00, 0xFE10),  # variation selectors
        *range(0xE0000, 0xE0080),  # tags
        *range(0xE0100, 0xE01F0),  # variation selectors supplement
    ]
)
"""Code points that draw nothing (Unicode's default-ignorable set, mostly)."""

_JOINERS = frozenset([0x200C, 0x200D])
"""Zero-width non-joiner and joiner: allowed between two visible characters."""

_SELECTORS = frozenset([0xFE0E, 0xFE0F])
"""Text and emoji variation selectors: allowed right after a visible character."""

_SILENT = _INVISIBLE | _JOINERS
_HIDDEN = re.compile("[" + "".join(re.escape(chr(c)) for c in sorted(_INVISIBLE)) + "]")

_SPACES = re.compile(r"[^\S\t\n\r\v\f\x1c-\x1f\x85\u2028\u2029]+")
"""Runs of spaces of any kind (not tabs or line breaks, which are refused)."""


def _describe(char: str) -> str:
    """Name a character for a message without showing it (it may be invisible)."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def _visible(char: str) -> bool:
    """Tell whether a character draws something on its own."""
    return (
        len(char) == 1
        and char != " "
        and char.isprintable()
        and ord(char) not in _SILENT
    )


def _first_problem(name: str) -> str | None:
    """Return why a normalised name is not acceptable, or None if it is."""
    marks = 0
    for i, char in enumerate(name):
        code = ord(char)
        before = name[i - 1] if i else ""
        after = name[i + 1] if i + 1 < len(name) else ""
        if 0xD800 <= code <= 0xDFFF:
            return f"has a lone surrogate ({_describe(char)})"
        if code in _JOINERS:
            if not (_visible(before) and _visible(after)):
                return f"has an invisible character ({_describe(char)})"
            continue
        if code in _SELECTORS:
            if not _visible(before):
                return f"has an invisible character ({_describe(char)})"
            continue
        category = unicodedata.category(char)
        if category == "Cc":
            return f"has a control character ({_describe(char)})"
        if 0x202A <= code <= 0x202E or 0x2066 <= code <= 0x2069:
            return f"has a bidirectional override ({_describe(char)})"
        if code in _INVISIBLE or not char.isprintable():
            return f"has an invisible or unprintable character ({_describe(char)})"
        if category in ("Mn", "Me"):
            marks += 1
            if i == 0:
                return f"starts with a combining mark ({_describe(char)})"
            if marks > _MAX_MARKS:
                return f"has more than {_MAX_MARKS} combining marks on one letter"
        else:
            marks = 0
    return None


def check_name(
    name: Any, argument: str = "name", *, empty: bool = False, longest: int = MAX_NAME
) -> str:
    """Normalise a student's name and check that it is safe to store and show.

    Parameters
    ----------
    name : str
        The name as typed or read from a file.
    argument : str, optional
        The name of the argument (or field), used in error messages.
    empty : bool, optional
        Accept an empty name (returned as ``""``); default False.
    longest : int, optional
        The most characters accepted (default :data:`MAX_NAME`); other short
        texts from students, such as a question's wording, use more.

    Returns
    -------
    str
        The name in Unicode NFC, with each run of spaces (of any kind) turned
        into one plain space and the ends trimmed; 1 to ``longest``
        characters.

    Raises
    ------
    TypeError
        If ``name`` is not a string.
    ValueError
        If it is empty (unless ``empty``), longer than ``longest``
        characters, or holds a character that is not printable: a control
        character, a lone surrogate, an invisible or bidirectional-override
        character. The message names the character by its code point.

    Examples
    --------
    >>> check_name("  Ada\u00a0 Lovelace ")
    'Ada Lovelace'
    >>> check_name("Ada\u202eecalevol")
    Traceback (most recent call last):
    ...
    ValueError: name has a bidirectional override (U+202E RIGHT-TO-LEFT OVERRIDE)
    """
    if not isinstance(name, str):
        raise TypeError(f"{argument} must be a string, got {type(name).__name__}")
    try:
        text = unicodedata.normalize("NFC", name)
    except UnicodeError as error:  # pragma: no cover - NFC accepts any str
        raise ValueError(f"{argument} is not valid text") from error
    text = _SPACES.sub(" ", text).strip(" ")
    if not text:
        if empty:
            return ""
        raise ValueError(f"{argument} must not be empty")
    if len(text) > longest:
        raise ValueError(
            f"{argument} must be at most {longest} characters, got {len(text)}"
        )
    if text.isascii() and text.isprintable():
        return text  # the usual name: no character _first_problem could refuse
    problem = _first_problem(text)
    if problem:
        raise ValueError(f"{argument} {problem}")
    return text


def file_stem(name: str) -> str:
    """Return the file stem for a checked name: a readable slug and a short hash.

    Parameters
    ----------
    name : str
        A name returned by :func:`check_name`.

    Returns
    -------
    str
        Up to 40 lower-case letters and digits of the name (any script; other
        characters become ``-``), then ``-`` and the first 12 hex digits of
        the SHA-256 of the name's UTF-8 bytes. Different names give different
        stems; the same name always gives the same stem.

    Examples
    --------
    >>> file_stem("Ada L."), file_stem("ada l")
    ('ada-l-ddd52c224a98', 'ada-l-71b1e4781c2b')
    >>> file_stem("Анна")
    'анна-25f4b213274e'
    """
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:12]
    slug = "".join(
        c if c.isalnum() or unicodedata.category(c)[0] == "M" else "-"
        for c in name.casefold()
    )
    slug = re.sub(r"-+", "-", slug)[:40].strip("-")
    return f"{slug}-{digest}" if slug else digest


def shown(text: str) -> str:
    r"""Return text safe to show in a message: unprintable characters escaped.

    For file names and other strings that were not checked with
    :func:`check_name` (a file name can hold anything the file system allows).

    Parameters
    ----------
    text : str
        Any string, lone surrogates included.

    Returns
    -------
    str
        ``text`` with every character that is not printable, and every
        invisible one, written as ``\uXXXX`` (or ``\UXXXXXXXX``); at most
        120 characters, with ``...`` when cut.

    Examples
    --------
    >>> shown("evil\u202egpj.json")
    'evil\\u202egpj.json'
    """
    if text.isprintable() and not _HIDDEN.search(text):  # the usual case
        return text if len(text) <= 120 else text[:117] + "..."
    parts = []
    for char in text:
        code = ord(char)
        if char.isprintable() and code not in _INVISIBLE:
            parts.append(char)
        elif code > 0xFFFF:
            parts.append(f"\\U{code:08x}")
        else:
            parts.append(f"\\u{code:04x}")
    result = "".join(parts)
    return result if len(result) <= 120 else result[:117] + "..."
