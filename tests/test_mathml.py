r"""The book's maths is MathML written at build time (book/_ext/mathml.py).

The conversion helper is checked on its own, on every LaTeX command the book
uses, and inside a small Sphinx build: numbered equations, ``{eq}``-style
references, multi-line blocks, and a snippet that cannot be converted, which
must warn, naming the document and the snippet.
"""

from __future__ import annotations

import importlib.util
import io
import json
import re
import textwrap
from pathlib import Path
from xml.etree import ElementTree

import pytest
from sphinx.application import Sphinx

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "book" / "_ext"
SPEC = importlib.util.spec_from_file_location("mathml", EXT / "mathml.py")
mathml = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(mathml)

MATHML = "{http://www.w3.org/1998/Math/MathML}"
BOOK_COMMANDS = [
    r"a \approx b",
    r"\bar o_k",
    r"\max\big(s_0, F(s_t)\big)",
    r"a \cdot b",
    r"1, \dots, n",
    r"\exp(x)",
    r"\frac{1}{n}",
    r"a \ge 0",
    r"\hat{p}",
    r"i \in A",
    r"s \le 1",
    r"\left\lfloor \frac{\ln(b / \theta)}{r} \right\rfloor",
    r"\mathbb{1}[i \in A]",
    r"\mathrm{BS}",
    r"\min(a, b)",
    r"\operatorname{logit}(b)",
    r"\frac{\partial C}{\partial s_i}",
    r"a, \qquad b",
    r"\sqrt{\hat p (1 - \hat p) / n}",
    r"\sum_{i=1}^{N} (f_i - o_i)^2",
    r"\text{loyalty}_f(t)",
    r"\theta \times \varepsilon",
]
"""One snippet for each LaTeX command the book's pages use."""


def _tags(markup: str) -> list[str]:
    """Return the MathML tags of a ``<math>`` element, in document order."""
    return [e.tag.removeprefix(MATHML) for e in ElementTree.fromstring(markup).iter()]


def test_inline_maths_is_one_math_element() -> None:
    markup = mathml.to_mathml(r"\frac{a}{b}")
    assert markup.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML"')
    assert 'display="inline"' in markup
    assert "mfrac" in _tags(markup)


def test_display_maths_is_a_block() -> None:
    markup = mathml.to_mathml(r"\sum_{i=1}^{n} y_i", display=True)
    assert 'display="block"' in markup
    assert "munderover" in _tags(markup)


@pytest.mark.parametrize("latex", BOOK_COMMANDS)
def test_every_command_the_book_uses_converts(latex: str) -> None:
    markup = mathml.to_mathml(latex, display=True)
    tree = ElementTree.fromstring(markup)
    text = "".join(tree.itertext())
    assert "\\" not in text, "a LaTeX command was copied into the MathML"
    assert not any(e.get("mathvariant", "normal") != "normal" for e in tree.iter())


def test_styled_letters_are_unicode_letters() -> None:
    assert "\U0001d7d9" in mathml.to_mathml(r"\mathbb{1}")
    assert "\u211d" in mathml.to_mathml(r"\mathbb{R}")  # DOUBLE-STRUCK CAPITAL R


def test_function_names_are_upright_identifiers_spaced_as_in_tex() -> None:
    logit = mathml.to_mathml(r"\operatorname{logit}(b) = \ln \frac{b}{1 - b}")
    assert "<mi>logit</mi><mo" in logit, "no space between a name and its bracket"
    assert "<mi>ln</mi><mspace" in logit, "a thin space between ln and its fraction"
    maximum = mathml.to_mathml(r"\max_{i \in A} s_i", display=True)
    assert _tags(maximum)[2:4] == ["munder", "mi"], "display limits go underneath"


@pytest.mark.parametrize(
    ("latex", "reason"),
    [
        (r"\frac{1}{", "latex2mathml failed"),
        (r"\left( x", "latex2mathml failed"),
        (r"\unknowncommand x", r"does not know \unknowncommand"),
        (r"a & b", "malformed MathML"),
    ],
)
def test_unconvertible_snippets_raise(latex: str, reason: str) -> None:
    with pytest.raises(mathml.MathMLError, match=re.escape(reason)):
        mathml.to_mathml(latex)


DOCUMENT = r"""
Maths
=====

Inline :math:`\frac{a}{b}` and a broken one, :math:`\frac{1}{`.

.. math::
   :label: euler

   e^{i\pi} + 1 = 0

See :eq:`euler`.

.. math::

   a &= b \\
   c &= d

   x = y
"""


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    """Build a one-page Sphinx project with the renderer: (HTML, warnings)."""
    src = tmp_path_factory.mktemp("mathml")
    (src / "conf.py").write_text(
        textwrap.dedent(f"""
            import sys
            sys.path.insert(0, {str(EXT)!r})
            extensions = ["mathml"]
            html_math_renderer = "mathml"
            """),
        encoding="utf-8",
    )
    (src / "index.rst").write_text(DOCUMENT, encoding="utf-8")
    warnings = io.StringIO()
    app = Sphinx(
        str(src),
        str(src),
        str(src / "_build"),
        str(src / "_build" / ".doctrees"),
        "html",
        status=io.StringIO(),
        warning=warnings,
        freshenv=True,
    )
    app.build()
    html = (src / "_build" / "index.html").read_text(encoding="utf-8")
    return html, warnings.getvalue()


def test_a_failing_snippet_warns_naming_document_and_snippet(built) -> None:
    html, warnings = built
    [warning] = [line for line in warnings.splitlines() if "MathML" in line]
    assert "index" in warning
    assert r"\frac{1}{" in warning
    assert 'class="math-error">\\frac{1}{</code>' in html, "the source is shown"


def test_numbered_equations_keep_their_id_number_and_references(built) -> None:
    html, _ = built
    assert re.search(r'<div class="math[^"]*" id="equation-euler">', html)
    assert '<span class="eqno">(1)' in html
    assert 'href="#equation-euler"' in html
    assert "mathjax" not in html.lower()


def test_multi_line_blocks_are_split_and_aligned(built) -> None:
    html, _ = built
    block = html[html.index('<div class="math-equations">') :]
    block = block[: block.index("</div>")]
    assert block.count("<math ") == 2, "one <math> per equation"
    assert block.count("<mtr>") == 2, "lines broken with \\\\ become table rows"


def test_quizzes_have_no_maths() -> None:
    """jupyterquiz typesets only with MathJax, which the book no longer loads."""
    quizzes = sorted((ROOT / "src" / "palace_coup" / "data" / "quizzes").glob("*.json"))
    assert quizzes
    for quiz in quizzes:
        text = json.dumps(json.loads(quiz.read_text(encoding="utf-8")))
        assert not re.search(r"\$|\\\\[(\[]", text), f"{quiz.name} has maths"
