"""Entries to type into the exercise pages' forms: right, near, misconceptions, junk.

An entry is what a page's form holds, as a student's record stores it (text,
a list of option ids, or an object); ``feedback.check_entered`` checks it in
Python. Shared by ``tests/test_exercise_pages.py`` and ``benchmarks``.
"""

from __future__ import annotations

import contextlib
import gzip
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from browser_support import CHROMIUM_ARGS, HOST
from playwright.sync_api import Browser, BrowserContext, sync_playwright

from palace_coup import feedback

ROOT = Path(__file__).resolve().parents[1]
CELL = re.compile(r"feedback\.(?:check|summary)\(")

JUNK = [
    "",
    "   ",
    "abc",
    "0,317",
    "1e400",
    "26%",
    "1/3",
    "\u22120.25",
    "1/0",
    "1e400/1e400",
]
"""Odd text for every box: empty, letters, a decimal comma, too large, ..."""
MONTH_JUNK = ["2023-13", "2023-02-30", "Oct 2023", "2023-10-15", " 2023-10 "]
TEXT_JUNK = ["", "   ", "one two three", "Ünïcödé wörds, déjà-vu — l'été"]


def _text(entry: dict[str, Any], value: float) -> str:
    return repr(float(value)) if entry["kind"] == "number" else str(int(value))


def right(spec: dict[str, Any]) -> Any:
    """An entry the check accepts."""
    kind = spec["kind"]
    if kind in ("number", "integer"):
        return _text(spec, spec["truth"])
    if kind == "calendar_month":
        return feedback._month_text(spec["truth"])
    if kind == "choice":
        return spec["truths"][:1]
    if kind == "choices":
        return sorted(spec["truths"])
    if kind == "text":
        return " ".join(["word"] * spec["min_words"])
    if kind == "rubric_scores":
        return dict.fromkeys(spec["criteria"], "2")
    if kind == "forecast":
        return {"probability": "0.1", "date": "2022-03-02"}
    return {"probability": "0.1", "brier_score": "0.01"}


def near(spec: dict[str, Any]) -> Any:
    """An entry just outside what is accepted."""
    kind = spec["kind"]
    if kind == "number":
        return repr(spec["truth"] + 3 * spec["tolerance"] + 1e-6)
    if kind == "integer":
        return str(spec["truth"] + 5)
    if kind == "calendar_month":
        return feedback._month_text(spec["truth"] + 5)
    options = [option["id"] for option in spec.get("options", [])]
    if kind == "choice":
        return [next(o for o in options if o not in spec["truths"])]
    if kind == "choices":
        allowed = set(spec["truths"]) | set(spec["acceptable"])
        return [*sorted(spec["truths"]), next(o for o in options if o not in allowed)]
    if kind == "text":
        return " ".join(["word"] * (spec["min_words"] - 1))
    if kind == "rubric_scores":
        return {**dict.fromkeys(spec["criteria"], "2"), spec["criteria"][0]: "1"}
    if kind == "forecast":
        return {"probability": "0.1", "date": "2022-03-08"}
    return {"probability": "0.1", "brier_score": "0.0125"}


def misconception(spec: dict[str, Any], rule: dict[str, Any]) -> Any:
    """The entry that a wrong-answer rule is written for."""
    kind, truth = spec["kind"], spec.get("truth")
    if kind == "scored_forecast":
        if "percent" in rule:
            return {"probability": "10", "brier_score": "100"}
        score = {"other_outcome": "0.81", "not_squared": "0.1"}[rule["value"]]
        return {"probability": "0.1", "brier_score": score}
    if kind == "forecast":
        if "percent" in rule:
            return {"probability": "10", "date": "2022-03-02"}
        return {"probability": "0.1", "date": "2023-06-01"}
    if kind == "text":
        return "Too short."
    if kind == "rubric_scores":
        return dict.fromkeys(spec["criteria"][1:], "2")
    if "percent" in rule:
        return _text(spec, 100 * truth)
    if "above" in rule:
        return _text(spec, rule["above"] + 1)
    if "not_integer" in rule:
        return repr(truth - 0.5)
    if "offset" in rule:
        shifted = truth + rule["offset"]
        return (
            feedback._month_text(shifted) if kind == "calendar_month" else str(shifted)
        )
    if "extra" in rule:
        return [*sorted(spec["truths"]), rule["extra"]]
    if "missing" in rule:
        rest = [o for o in spec["truths"] if o != rule["missing"]]
        others = [o["id"] for o in spec["options"] if o["id"] not in spec["truths"]]
        return rest or [(spec["acceptable"] or others)[0]]
    if kind == "choice":
        return [rule["value"]]
    return _text(spec, rule["value"])


def junk(spec: dict[str, Any]) -> list[Any]:
    """Odd entries for a question, as its form allows them."""
    kind = spec["kind"]
    if kind in ("number", "integer"):
        return list(JUNK)
    if kind == "calendar_month":
        return JUNK[:4] + MONTH_JUNK
    if kind in ("choice", "choices"):
        return [[]]
    if kind == "text":
        return list(TEXT_JUNK)
    if kind == "rubric_scores":
        return [{}]
    if kind == "forecast":
        return [{"probability": text, "date": "2022-03-02"} for text in JUNK] + [
            {"probability": "0.1", "date": ""}
        ]
    return [{"probability": text, "brier_score": "0.01"} for text in JUNK]


def battery(spec: dict[str, Any]) -> list[tuple[str, Any]]:
    """Every (name, entry) to try on one question."""
    entries = [("right", right(spec)), ("near", near(spec))]
    entries += [
        (f"rule:{rule['id']}", misconception(spec, rule)) for rule in spec["wrong"]
    ]
    entries += [(f"junk:{i}", entry) for i, entry in enumerate(junk(spec))]
    return entries


def random_texts(count: int, seed: int = 0) -> list[str]:
    """Strings near the edges of the rules: number-like, unicode, spaces."""
    generator = random.Random(seed)
    alphabets = [
        "0123456789.,-+eE%/ \u2212\u00a0",
        "0123456789-",
        "abcxyz éüß'\u2019-_ 0123 \u2003\t\n",
        "".join(chr(code) for code in range(0x20, 0x3000, 37)),
    ]
    texts = []
    for _ in range(count):
        alphabet = generator.choice(alphabets)
        length = generator.randint(0, 14)
        texts.append("".join(generator.choice(alphabet) for _ in range(length)))
    return texts


def checker_bytes(html: Path, page: str) -> dict[str, int]:
    """What the in-page checker adds to one exercise page, in bytes.

    The checker's script, the page's data and its forms and summary, less the
    stored outputs of the notebook's check and summary cells, which they
    replace. ``gzip`` is the same sum with each part compressed, as a web
    server sends it.
    """
    text = (html / page).read_text(encoding="utf-8")
    parts = re.findall(
        r'<script type="application/json" id="pc-checks">.*?</script>'
        r'|<form class="pc-check".*?</form>|<section class="pc-summary".*?</section>',
        text,
        re.S,
    )
    notebook = ROOT / Path(page).with_suffix(".ipynb")
    replaced = []
    for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
        if cell["cell_type"] == "code" and CELL.search("".join(cell["source"])):
            for output in cell.get("outputs", []):
                replaced.append("".join(output.get("data", {}).get("text/html", "")))
    script = (html / "_static" / "palace-coup-checks.js").read_bytes()
    added, removed = "".join(parts).encode(), "".join(replaced).encode()
    return {
        "raw": len(script) + len(added) - len(removed),
        "gzip": len(gzip.compress(script))
        + len(gzip.compress(added))
        - len(gzip.compress(removed)),
    }


@contextlib.contextmanager
def sync_browser(executable: str) -> Iterator[Browser]:
    """Start Debian's chromium with playwright's sync API (the page checks'
    tests drive one page at a time; tests/browser_support.py is async)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def offline(browser: Browser, refused: list[str], **options: Any) -> BrowserContext:
    """A fresh context that refuses, and records, every request to another host."""
    context = browser.new_context(**options)

    def route(route: Any) -> None:
        if urlsplit(route.request.url).hostname == HOST:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    return context
