r"""Render the book's maths as MathML when the book is built: no maths JavaScript.

Every ``$...$`` and ``$$...$$`` is turned into a ``<math>`` element by the
pinned ``latex2mathml`` package while the HTML is written. Chromium (from
version 109), Firefox and Safari draw MathML themselves, and screen readers
read it, so a page with maths loads nothing for it (MathJax weighed 1.16 MB).

* **Inline maths** becomes ``<span class="math"><math>...</math></span>``;
  **display maths** a ``<div class="math">`` holding one
  ``<math display="block">`` per equation. As with Sphinx's MathJax renderer,
  equations separated by a blank line are shown one under the other, lines
  broken with ``\\`` are aligned (a ``split`` environment), and a ``nowrap``
  block (an amsmath environment) is converted as it stands.
* **Numbered equations** show "(n)" with a permalink, inside the element that
  carries the id ``{eq}`` references point at (``equation-<label>``).
* **Letter styles.** Browsers that implement only MathML Core (Chromium) ignore
  ``mathvariant`` other than ``normal``: ``\mathbb{1}`` would be a plain 1.
  Styled letters are written as the Unicode mathematical letters instead.
* **Function names** (``\ln``, ``\max``, ``\operatorname{logit}``) are
  upright and spaced as in TeX, with the limits of ``\max`` under it in
  display maths.
* **Failures are loud.** A snippet that latex2mathml cannot convert, that it
  turns into malformed markup, or in which it leaves a command unconverted (it
  copies an unknown ``\command`` into the output as text) makes the build
  warn, naming the document and the snippet; the book is built with warnings
  as errors. The page then shows the LaTeX source, never nothing.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.application import Sphinx
from sphinx.locale import _
from sphinx.util import logging
from sphinx.util.math import get_node_equation_number
from sphinx.writers.html5 import HTML5Translator

logger = logging.getLogger(__name__)

STATIC = Path(__file__).with_name("static")
STYLE = "mathml.css"
MATHML = "http://www.w3.org/1998/Math/MathML"
ElementTree.register_namespace("", MATHML)

LEFT_OVER = re.compile(r"\\[A-Za-z]+")
"""A LaTeX command that latex2mathml copied into its output unconverted."""
VARIANTS = {
    "bold": "BOLD",
    "italic": "ITALIC",
    "double-struck": "DOUBLE-STRUCK",
    "script": "SCRIPT",
    "fraktur": "FRAKTUR",
    "sans-serif": "SANS-SERIF",
    "monospace": "MONOSPACE",
}
"""MathML letter styles, and how Unicode names their mathematical letters."""
SCRIPTED = {"msub", "msup", "msubsup", "munder", "mover", "munderover"}
OPENING = set("([{|\u2016\u230a\u2308\u27e8")
r"""Brackets that a function name is not spaced from, as in TeX: ``\max(``."""


class MathMLError(ValueError):
    """A LaTeX snippet that cannot be turned into MathML."""


def _styled(char: str, variant: str) -> str | None:
    """Return the Unicode mathematical letter for ``char`` in a style, or None."""
    name = unicodedata.name(char, "")
    for prefix in ("LATIN ", "GREEK "):
        name = name.removeprefix(prefix)
    name = name.replace("LETTER ", "")
    style = VARIANTS[variant]
    for form in (f"MATHEMATICAL {style} {name}", f"{style} {name}"):
        try:
            return unicodedata.lookup(form)
        except KeyError:
            continue
    return None


def _unicode_letters(tree: ElementTree.Element) -> None:
    """Write styled letters as Unicode mathematical letters, in place."""
    for element in tree.iter():
        variant = element.get("mathvariant")
        if variant not in VARIANTS or not element.text:
            continue
        letters = [_styled(char, variant) for char in element.text]
        if None not in letters:
            element.text = "".join(letters)
            del element.attrib["mathvariant"]


def _tag(element: ElementTree.Element) -> str:
    """Return an element's tag without its namespace."""
    return element.tag.rpartition("}")[2]


def _named_operators(tree: ElementTree.Element, display: bool) -> None:
    r"""Lay out function and operator names (``\ln``, ``\max``) as TeX does.

    latex2mathml writes ``\max``, ``\min`` and ``\operatorname{...}`` as
    ``<mo>``, which browsers space like an unknown binary operator ("logit
    (b)"), and ``\ln``, ``\exp`` as ``<mi>`` with no space after ("ln b").
    Every multi-letter name becomes an upright ``<mi>`` followed by a thin
    space, unless a bracket follows; in display maths, the limits of an
    operator such as ``\max_{i \in A}`` go underneath. Changes ``tree`` in place.
    """
    parents = {child: parent for parent in tree.iter() for child in parent}
    for element in list(tree.iter()):
        name = element.text or ""
        if _tag(element) not in ("mi", "mo") or len(name) < 2 or not name.isalpha():
            continue
        operator = _tag(element) == "mo"
        element.tag = f"{{{MATHML}}}mi"
        named = element  # the name with its sub- and superscripts, if any
        while _tag(parents[named]) in SCRIPTED and parents[named][0] is named:
            named = parents[named]
            if operator and display and _tag(named) == "msub":
                named.tag = f"{{{MATHML}}}munder"
        row = parents[named]
        after = list(row).index(named) + 1
        following = row[after] if after < len(row) else None
        if following is None or _tag(following) == "mspace":
            continue
        if _tag(following) == "mo" and (following.text or "") in OPENING:
            continue
        row.insert(after, ElementTree.Element(f"{{{MATHML}}}mspace", width="0.167em"))


def to_mathml(latex: str, *, display: bool = False) -> str:
    r"""Convert one LaTeX snippet to a MathML ``<math>`` element.

    Parameters
    ----------
    latex : str
        The maths, without ``$`` delimiters.
    display : bool, optional
        True for display maths (``display="block"``), False (the default) for
        maths within a line of text.

    Returns
    -------
    str
        The ``<math>`` element, as markup that can go straight into HTML.

    Raises
    ------
    MathMLError
        If latex2mathml fails on the snippet, returns malformed markup, or
        leaves a LaTeX command in it unconverted.

    Examples
    --------
    >>> inline = to_mathml("x^2")
    >>> inline[: inline.index(">") + 1]
    '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">'
    >>> inline[inline.index(">") + 1 :]
    '<mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>'
    >>> 'display="block"' in to_mathml(r"\frac{1}{2}", display=True)
    True

    Styled letters become Unicode letters (here U+1D7D9, a double-struck 1):

    >>> "\U0001d7d9</mn>" in to_mathml(r"\mathbb{1}")
    True

    A snippet that cannot be converted raises ``MathMLError``:

    >>> for snippet in (r"\frac{1}{", r"\foo + 1"):
    ...     try:
    ...         to_mathml(snippet)
    ...     except MathMLError as error:
    ...         print(error)
    latex2mathml failed (NoAvailableTokensError)
    latex2mathml does not know \foo
    """
    try:
        markup = convert(latex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises many kinds, all plain
        detail = f": {error}" if str(error) else ""
        raise MathMLError(
            f"latex2mathml failed ({type(error).__name__}){detail}"
        ) from error
    try:
        tree = ElementTree.fromstring(markup)
    except ElementTree.ParseError as error:
        raise MathMLError(f"latex2mathml wrote malformed MathML ({error})") from error
    for element in tree.iter():
        left_over = LEFT_OVER.search(element.text or "")
        if left_over:
            raise MathMLError(f"latex2mathml does not know {left_over[0]}")
    _unicode_letters(tree)
    _named_operators(tree, display)
    return ElementTree.tostring(tree, encoding="unicode")


def _render(
    translator: HTML5Translator, node: nodes.Element, latex: str, display: bool
) -> str:
    """Return a snippet's MathML; warn and return its source if it fails."""
    try:
        return to_mathml(latex, display=display)
    except MathMLError as error:
        logger.warning(
            "cannot render this maths as MathML (%s): %s",
            error,
            latex.strip(),
            location=(translator.builder.current_docname, node.line),
            type="mathml",
        )
        return f'<code class="math-error">{translator.encode(latex)}</code>'


def visit_math(translator: HTML5Translator, node: nodes.math) -> None:
    """Write inline maths as a ``<math>`` element inside ``<span class="math">``."""
    translator.body.append(
        translator.starttag(node, "span", "", CLASS="math notranslate nohighlight")
    )
    translator.body.append(_render(translator, node, node.astext(), display=False))
    translator.body.append("</span>")
    raise nodes.SkipNode


def visit_displaymath(translator: HTML5Translator, node: nodes.math_block) -> None:
    """Write display maths: one ``<math display="block">`` per equation.

    The number of a numbered equation, with its permalink, comes first: the
    theme lays ``div.math`` out as a reversed row, which shows it on the right.
    """
    translator.body.append(
        translator.starttag(node, "div", CLASS="math notranslate nohighlight")
    )
    if node["number"]:
        number = get_node_equation_number(translator, node)
        translator.body.append(f'<span class="eqno">({number})')
        translator.add_permalink_ref(node, _("Link to this equation"))
        translator.body.append("</span>")
    latex = node.astext()
    if node["nowrap"]:
        equations = [latex]
    else:
        equations = [
            rf"\begin{{split}}{part}\end{{split}}" if r"\\" in part else part
            for part in latex.split("\n\n")
            if part.strip()
        ]
    if len(equations) > 1:
        translator.body.append('<div class="math-equations">')
    for equation in equations:
        translator.body.append(_render(translator, node, equation, display=True))
    if len(equations) > 1:
        translator.body.append("</div>")
    translator.body.append("</div>\n")
    raise nodes.SkipNode


def _add_static(app: Sphinx) -> None:
    """Serve the maths style sheet from the book."""
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def _style_pages_with_maths(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """Link the maths style sheet from the pages that have maths (only)."""
    if doctree is not None and app.env.get_domain("math").has_equations(pagename):
        app.add_css_file(STYLE)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the MathML renderer; ``html_math_renderer: mathml`` selects it."""
    app.add_html_math_renderer("mathml", (visit_math, None), (visit_displaymath, None))
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _style_pages_with_maths)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
