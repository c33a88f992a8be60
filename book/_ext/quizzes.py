"""Give every quiz of the book its accessibility layer, and build it when near.

The quizzes are jupyterquiz's, shown by ``palace_coup.quiz.show``. The
package's ``data/quiz_access.js`` and ``.css`` make them usable from the
keyboard, on a phone and with a screen reader (a Check button, visible focus,
announced feedback, the decimal keypad for number boxes); a live notebook
gets them from ``quiz.show`` itself, and this extension gives them to the
book, once per page that has a quiz.

jupyterquiz writes each quiz as an inline script (about 40 KB, its whole
library and the questions, indented and commented) that builds the quiz while
the page is being read, which held up a phone for 60-120 ms a quiz. Here each
such script is minified by ``rjsmin`` (to about 26 KB: its comments and
whitespace go, in a tenth of a millisecond) and written as ``text/plain``, and
the access script runs it when its quiz comes near the viewport.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import rjsmin
from sphinx.application import Sphinx

from palace_coup import quiz

QUIZ_SCRIPT = re.compile(
    r'<script type="application/javascript">(var questions(?:(?!</script>).)*)'
    r"</script>",
    re.DOTALL,
)
"""jupyterquiz's inline script (its questions come first)."""
DEFERRED_QUIZ = '<script type="text/plain" data-pc-quiz="">{}</script>'
UNSAFE_IN_SCRIPT = re.compile(r"</script|<!--", re.IGNORECASE)


def minify(code: str) -> str:
    r"""Minify a quiz's script; keep it as it is if that could end its element.

    ``rjsmin`` takes out comments and whitespace and leaves strings as they are.

    >>> minify("var questionsX = [ 1,  2 ];  // the questions\nshow(questionsX);")
    'var questionsX=[1,2];show(questionsX);'
    >>> code = "var questionsX = 1 < /* no comment */ !--x;"
    >>> minify(code) == code  # minified, it would hold "<!--"
    True
    """
    small = rjsmin.jsmin(code)
    return code if UNSAFE_IN_SCRIPT.search(small) else small


def defer_quizzes(body: str) -> tuple[str, int]:
    """Write each jupyterquiz script of a page, shrunk, to be run later.

    Returns the new body and the number of quizzes.

    >>> defer_quizzes(
    ...     '<script type="application/javascript">var questionsX = [];'
    ...     "show(questionsX);</script>"
    ... )
    ('<script type="text/plain" data-pc-quiz="">var questionsX=[];show(questionsX);\
</script>', 1)
    """
    return QUIZ_SCRIPT.subn(
        lambda match: DEFERRED_QUIZ.format(minify(match.group(1))), body
    )


def _quiz_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """Defer a page's quizzes and give it the access layer, if it has any."""
    body, count = defer_quizzes(context.get("body", ""))
    if count:
        context["body"] = body
        app.add_js_file("quiz_access.js", loading_method="defer")
        app.add_css_file("quiz_access.css")


def _write_access_files(app: Sphinx, exception: Exception | None) -> None:
    """Write the access layer into the book (small: written every build)."""
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    static.mkdir(parents=True, exist_ok=True)
    for name, text in quiz.access_files().items():
        target = static / name
        if not target.is_file() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, object]:
    """Register the page rewriting and the files."""
    app.connect("html-page-context", _quiz_page, priority=600)
    app.connect("build-finished", _write_access_files)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
