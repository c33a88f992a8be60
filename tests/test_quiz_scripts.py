"""The book's quiz scripts: deferred, minified, and still whole.

That each minified quiz still builds and answers from the keyboard is tested
in a browser on every quiz of the built book by ``test_browser.py``; here,
the rewriting itself, on jupyterquiz's real output and on the built pages.
"""

from __future__ import annotations

import re
from pathlib import Path

import jupyterquiz.dynamic.display as jq_display
import pytest
import quizzes

from palace_coup import notebook, quiz

DEFERRED = re.compile(r'<script type="text/plain" data-pc-quiz="">(.*?)</script>', re.S)
DECLARED = re.compile(r"^(?:function|var) (\w+)", re.M)


def jupyterquiz_html(monkeypatch: pytest.MonkeyPatch) -> str:
    """One of the book's quizzes as myst-nb writes it into a page.

    jupyterquiz displays its element (HTML) and then its script (JavaScript,
    which myst-nb writes as an ``application/javascript`` script element).
    """
    monkeypatch.setenv(notebook.RENDER_ENV, "static")
    shown: list[str] = []
    monkeypatch.setattr(jq_display, "display", lambda item: shown.append(item.data))
    quiz.show("question")
    element, script = shown
    return f'{element}<script type="application/javascript">{script}</script>'


def test_a_quiz_is_deferred_and_minified_keeping_every_declaration(monkeypatch):
    original = jupyterquiz_html(monkeypatch)
    body, count = quizzes.defer_quizzes(original)
    assert count == 1
    (code,) = DEFERRED.findall(body)
    (source,) = quizzes.QUIZ_SCRIPT.findall(original)
    declared = set(DECLARED.findall(source))
    assert len(declared) >= 10, sorted(declared)
    kept = set(re.findall(r"(?:function|var) (\w+)", code))
    assert declared <= kept, sorted(declared - kept)
    assert len(code) < 0.7 * len(source), (len(code), len(source))
    assert "application/javascript" not in body


def test_every_quiz_of_the_book_is_minified(html: Path):
    sizes = []
    for page in html.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert quizzes.QUIZ_SCRIPT.search(text) is None, page
        for code in DEFERRED.findall(text):
            assert "\n " not in code and "/*" not in code, page
            sizes.append(len(code))
    assert len(sizes) >= 10
    assert max(sizes) < 30_000, max(sizes)
