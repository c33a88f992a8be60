"""Turn the single-page build of the book into the print edition.

``make pdf`` builds the whole book as one HTML page (Sphinx's ``singlehtml``
builder) and prints it with Debian's Chromium (``book/_ext/print_pdf.py``).
This extension does nothing for any other builder. For ``singlehtml`` it
rewrites the assembled document so that paper gets what the screen gets:

* **Charts** become inline SVG drawn at build time by ``vl-convert`` (vector,
  with searchable text). An explorer (a chart with controls bound to inputs)
  is drawn at its defaults, with a line saying where to use it live.
* **Quizzes** (jupyterquiz, drawn by JavaScript) become printed questions
  with boxes to tick; their key is marked for lecturers only.
* **Exercises** become worksheets: each answer cell becomes a box to write
  in; the live checks and the progress table (which would print "Not yet")
  are left out.
* **Hidden code** (``hide-input``) is left out, with no "Show code cell
  source" button.
* Every chapter is wrapped in ``<div class="pc-doc" id="pc-doc:<docname>">``,
  each part gets a title page, and whatever only lecturers should see (worked
  solutions, the lecturers' pages, quiz keys) is marked ``pc-lecturer-only``,
  so that the printer can cut the student edition and the chapter handouts
  from the one build. The *My progress* page (``exercise_progress_page``),
  which lists what this browser remembers, is left out of print.
"""

from __future__ import annotations

import html
import json
import random
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import vl_convert
import yaml
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

STATIC = Path(__file__).with_name("print")
PAGE = "print.html"
"""The printable page, at the root of the single-page build's output."""
LECTURER_ONLY = "pc-lecturer-only"
LECTURER_DOCS = ("exercises/solutions/", "book/solutions", "book/lecturers/")
"""Docnames (prefixes) printed in the lecturer edition only."""

_SPEC_CALL = re.compile(r"\}\)\(\s*(?=\{)")
"""Where Altair's HTML output passes the spec to its loader: ``})({...``."""
PRINT_WIDTH = 640
"""Pixels across a chart that fills its container: an A4 page's text width."""
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')
"""A string literal in a Vega expression."""
_QUIZ_DATA = re.compile(r"var questions\w+\s*=\s*(?=\[)")
_SVG_ID = re.compile(r'\bid="([^"]+)"')


def online_url(repository: str, docname: str = "") -> str:
    """Return the published address of a page, from the repository's URL.

    Parameters
    ----------
    repository : str
        ``repository.url`` of ``_config.yml``, a GitHub repository.
    docname : str, optional
        The page's Sphinx docname; the book's front page if empty.

    Returns
    -------
    str
        The GitHub Pages address where the workflow publishes that page.

    Examples
    --------
    >>> online_url("https://github.com/palace-coup/palace-coup-book", "book/intro")
    'https://palace-coup.github.io/palace-coup-book/book/intro.html'
    """
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)/?", repository)
    if match is None:
        raise ValueError(f"repository must be a GitHub URL; got {repository!r}")
    owner, name = match.groups()
    page = f"{docname}.html" if docname else ""
    return f"https://{owner.lower()}.github.io/{name}/{page}"


def is_lecturer_only(docname: str) -> bool:
    """Tell whether a page belongs to the lecturer edition only.

    Examples
    --------
    >>> is_lecturer_only("exercises/solutions/critique"), is_lecturer_only("exercises/critique")
    (True, False)
    """  # noqa: E501
    return docname.startswith(LECTURER_DOCS)


def chart_svg(output: str, prefix: str) -> tuple[str, bool] | None:
    """Draw the Altair chart in an HTML output as SVG, at its default values.

    Parameters
    ----------
    output : str
        A cell's HTML output as Altair writes it (``<div id="altair-viz-...">``
        and a script that passes the Vega-Lite spec to vega-embed).
    prefix : str
        Put before every ``id`` in the SVG, so that charts in one page do not
        share clip paths.

    Returns
    -------
    (str, bool) or None
        The SVG and whether the chart has controls bound to inputs (an
        explorer); ``None`` if ``output`` holds no Altair chart.

    Examples
    --------
    >>> import altair as alt
    >>> chart = alt.Chart(alt.Data(values=[{"x": 1}])).mark_point().encode(x="x:Q")
    >>> with alt.renderers.enable("html"):
    ...     output = chart._repr_mimebundle_()["text/html"]
    >>> svg, explorer = chart_svg(output, "c1-")
    >>> svg.startswith("<svg"), explorer
    (True, False)
    >>> chart_svg("<p>no chart</p>", "c2-") is None
    True
    """
    call = _SPEC_CALL.search(output)
    if "altair-viz-" not in output or call is None:
        return None
    spec, _ = json.JSONDecoder().raw_decode(output, call.end())
    spec = _for_paper(spec)
    explorer = any("bind" in param for param in _params(spec))
    svg = vl_convert.vegalite_to_svg(spec)
    svg = svg[svg.index("<svg") :]
    for name in set(_SVG_ID.findall(svg)):
        svg = svg.replace(f'id="{name}"', f'id="{prefix}{name}"')
        svg = svg.replace(f"url(#{name})", f"url(#{prefix}{name})")
        svg = svg.replace(f'href="#{name}"', f'href="#{prefix}{name}"')
    return svg, explorer


def _for_paper(spec: Any) -> Any:
    """Fit a spec to a printed page: a fixed width, titles on one line.

    vl-convert has no container: a chart that fills its container would be
    drawn a few pixels wide, clipped, so it gets a page's text width. A title
    that adapts to the width (``width < 480 ? [lines] : 'one line'``) takes
    its one-line form, the longest text in its expression (vl-convert places
    the adapted lines above the picture's top).

    Examples
    --------
    >>> _for_paper({"vconcat": [{"width": "container"}, {"width": 200}]})
    {'vconcat': [{'width': 640}, {'width': 200}]}
    >>> _for_paper({"title": {"text": {"expr": 'w < 9 ? ["A", "B"] : "A B"'}}})
    {'title': {'text': 'A B'}}
    >>> _for_paper({"value": {"expr": 'x == "a" ? 1 : 2'}})  # not a title: kept
    {'value': {'expr': 'x == "a" ? 1 : 2'}}
    """
    if isinstance(spec, dict):
        title = spec.get("title")
        text = title.get("text") if isinstance(title, dict) else None
        if isinstance(text, dict) and _STRING.search(text.get("expr", "")):
            one_line = max(_STRING.findall(text["expr"]), key=len)
            spec = {**spec, "title": {**title, "text": one_line}}
        return {
            key: PRINT_WIDTH
            if key == "width" and value == "container"
            else _for_paper(value)
            for key, value in spec.items()
        }
    if isinstance(spec, list):
        return [_for_paper(value) for value in spec]
    return spec


def _params(spec: Any) -> Iterator[dict]:
    """Yield every parameter of a spec and of its sub-charts."""
    if isinstance(spec, dict):
        yield from (p for p in spec.get("params", []) if isinstance(p, dict))
        for value in spec.values():
            yield from _params(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _params(value)


def quiz_html(script: str) -> str | None:
    """Print a jupyterquiz quiz from its script: questions and boxes to tick.

    The options are shuffled, as the book shows them, but the same way on
    every build (seeded by the question); the correct answers are marked
    ``pc-lecturer-only``.

    Examples
    --------
    >>> page = quiz_html('var questionsX=[{"question": "1 < 2?", '
    ...     '"type": "multiple_choice", "answers": [{"answer": "yes", '
    ...     '"correct": true}, {"answer": "no", "correct": false}]}];')
    >>> "1 &lt; 2?" in page, page.count("☐")
    (True, 2)
    >>> quiz_html("no quiz") is None
    True
    """
    start = _QUIZ_DATA.search(script)
    if start is None:
        return None
    questions, _ = json.JSONDecoder().raw_decode(script, start.end())
    items = []
    for question in questions:
        text = html.escape(question["question"])
        if question["type"] == "numeric":
            key = ", ".join(
                str(a["value"]) for a in question["answers"] if a.get("correct")
            )
            body = (
                '<p class="pc-write">Answer: <span class="pc-blank"></span>'
                f'<span class="{LECTURER_ONLY} pc-key"> Key: {html.escape(key)}'
                "</span></p>"
            )
        else:
            answers = list(question["answers"])
            random.Random(question["question"]).shuffle(answers)
            body = (
                "<ul class='pc-options'>"
                + "".join(
                    f"<li>☐ {html.escape(answer['answer'])}"
                    + (
                        f'<span class="{LECTURER_ONLY} pc-key"> ✓ correct</span>'
                        * bool(answer.get("correct"))
                    )
                    + "</li>"
                    for answer in answers
                )
                + "</ul>"
            )
        items.append(f"<li><p>{text}</p>{body}</li>")
    return (
        '<div class="pc-quiz"><p class="pc-quiz-title">Check yourself</p><ol>'
        + "".join(items)
        + "</ol></div>"
    )


ANSWER_BOX = (
    '<div class="pc-answer-box" aria-label="Space for your answer">'
    "<p>Your answer:</p></div>"
)
REASONING_BOX = (
    '<div class="pc-answer-box pc-reasoning" aria-label="Space for your reasoning">'
    "<p>Your reasoning:</p></div>"
)
HOW_TO_WORK_ON_PAPER = (
    "<p><strong>How to work on paper.</strong> Write each answer in the box "
    "under its question, with your reasoning where asked. Then check your "
    "answers in the online book or in the notebook, where every answer gets "
    "instant feedback.</p>"
)


def _raw(text: str) -> nodes.raw:
    return nodes.raw("", text, format="html")


def _cell_source(cell: nodes.Element) -> str:
    for child in cell.children:
        if child.get("nb_element") == "cell_code_source":
            return child.astext()
    return ""


def _cell_html(cell: nodes.Element) -> str:
    return "\n".join(raw.astext() for raw in cell.findall(nodes.raw))


class PrintEdition(SphinxPostTransform):
    """Rewrite the assembled single-page document for paper (module docstring)."""

    default_priority = 150  # before myst-nb wraps hidden inputs (199)
    builders = ("singlehtml",)

    def run(self, **kwargs: Any) -> None:
        """Rewrite every chapter, then mark the parts."""
        repository = self.config.html_theme_options.get("repository_url", "")
        self.charts = 0
        screen_only = getattr(self.config, "exercise_progress_page", None)
        for start in list(self.document.findall(addnodes.start_of_file)):
            docname = start["docname"]
            if docname == screen_only:  # a browser's record: nothing on paper
                start.parent.remove(start)
                continue
            self._rewrite(start, docname, online_url(repository, docname))
            wrapper = nodes.container(classes=["pc-doc"], ids=[f"pc-doc:{docname}"])
            if is_lecturer_only(docname):
                wrapper["classes"].append(LECTURER_ONLY)
            wrapper.extend(start.children)
            start.children = [wrapper]
            wrapper.parent = start
        self._mark_parts()
        # The front page is the document itself: give it an anchor too, so
        # that links to it stay inside the PDF.
        root = f'<span class="pc-root" id="pc-doc:{self.config.root_doc}"></span>'
        self.document.insert(0, _raw(root))

    def _rewrite(self, root: nodes.Element, docname: str, url: str) -> None:
        worksheet = docname.startswith("exercises/") and not is_lecturer_only(docname)
        for cell in list(root.findall(nodes.container)):
            if cell.get("nb_element") != "cell_code" or cell.parent is None:
                continue
            if "input" in (cell.get("hide_mode") or ""):
                cell.children = [
                    c
                    for c in cell.children
                    if c.get("nb_element") != "cell_code_source"
                ]
                cell["hide_mode"] = None
            source, output = _cell_source(cell), _cell_html(cell)
            if worksheet and "tag_answer" in cell["classes"]:
                cell.replace_self(_raw(ANSWER_BOX))
            elif worksheet and re.search(r"feedback\.(check|summary)\(", source):
                cell.parent.remove(cell)
            elif (quiz := quiz_html(output)) is not None:
                cell.replace_self(_raw(quiz))
        if worksheet:
            for paragraph in list(root.findall(nodes.paragraph)):
                text = paragraph.astext()
                if text.startswith("Your reasoning."):
                    paragraph.replace_self(_raw(REASONING_BOX))
                elif text.startswith("How to work."):
                    paragraph.replace_self(_raw(HOW_TO_WORK_ON_PAPER))
        for raw in list(root.findall(nodes.raw)):
            self.charts += 1
            drawn = chart_svg(raw.astext(), f"pc{self.charts}-")
            if drawn is None:
                continue
            svg, explorer = drawn
            note = (
                f'<p class="pc-live-note">An explorer, printed at its defaults. '
                f'Move its controls in the online book: <a class="pc-url" href="{url}">'
                f"{html.escape(url)}</a>, or launch the chapter live.</p>"
            )
            raw.replace_self(
                _raw(f'<div class="pc-chart">{svg}</div>' + (note if explorer else ""))
            )

    def _mark_parts(self) -> None:
        """Put a title page before the first chapter of each part of ``_toc.yml``."""
        toc = yaml.safe_load(Path(self.config.external_toc_path).read_text("utf-8"))
        starts = {
            s["docname"]: s for s in self.document.findall(addnodes.start_of_file)
        }
        for part in toc.get("parts", []):
            files = [c["file"] for c in part.get("chapters", [])]
            first = next((starts[f] for f in files if f in starts), None)
            if first is None:
                continue
            classes = ["pc-part"]
            if all(is_lecturer_only(f) for f in files):
                classes.append(LECTURER_ONLY)
            title = html.escape(part.get("caption", ""))
            page = f'<p class="pc-part-title">{title}</p>'
            first.parent.insert(
                first.parent.index(first),
                _raw(f'<div class="{" ".join(classes)}">{page}</div>'),
            )


def _add_print_style(app: Sphinx) -> None:
    """Link the print style sheet, in single-page builds only.

    The file is copied by :func:`_move_page`, not through
    ``html_static_path``: a configuration that differs from the HTML build's
    would make each build read every page again.
    """
    if app.builder.name == "singlehtml":
        app.add_css_file("print-edition.css")


def _move_page(app: Sphinx, exception: Exception | None) -> None:
    """Move the page to the output's root as ``print.html``; copy its style.

    The single-page builder writes the root document under its own name
    (``book/intro.html``) but links every asset relative to the output's root
    (``_static/...``), so the page is only whole at the root.
    """
    if exception is None and app.builder.name == "singlehtml":
        static = Path(app.outdir) / "_static"
        for sheet in STATIC.glob("*.css"):
            shutil.copyfile(sheet, static / sheet.name)
        written = Path(app.outdir) / f"{app.config.root_doc}.html"
        text = written.read_text(encoding="utf-8")
        text = text.replace(f'href="{app.config.root_doc}.html#', 'href="#')
        (Path(app.outdir) / PAGE).write_text(text, encoding="utf-8")
        written.unlink()


def setup(app: Sphinx) -> dict[str, object]:
    """Register the rewriting, the style sheet and the move."""
    app.add_post_transform(PrintEdition)
    app.connect("builder-inited", _add_print_style)
    app.connect("build-finished", _move_page)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
