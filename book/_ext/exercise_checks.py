"""Answer every exercise question in the published book, with no kernel.

In a notebook, each question of an exercise is checked by a cell
``feedback.check("<id>", answer)``; in the static book that cell's stored
output could only say "replace ``...``". This extension replaces the output
of every such cell, on the exercise pages (the student copies under
``exercises/``), by a form that checks the answer in the page:

* ``<form data-question="<id>">`` holding the question's controls (a box for
  numbers and months, with ``inputmode="decimal"`` for numbers; radios or
  checkboxes whose ``value`` is the option id; a text area; the forecast
  form), a submit button, and the feedback in an element with
  ``role="status"``, which opens with the same words as the Python check
  ("✓ Right:", "Not yet:", "✓ Written:", "✓ Recorded:");
* the answers, tolerances, misconceptions and message wording, computed when
  the book is built from the question bank and the model
  (:func:`palace_coup.feedback.page.page_check`), in one JSON script per page;
* ``static/palace-coup-checks.js``, which checks an answer by the same rules
  as :func:`palace_coup.feedback.check` (``tests/test_exercise_pages.py``
  proves the agreement in a browser), keeps answers and verdicts in the
  browser (``localStorage``) across reloads and pages, fills the summary that
  replaces the output of ``feedback.summary("<exercise>")``, offers the
  worked solution once an answer has been checked, and, on the *My progress*
  page (the ``{exercise-progress}`` directive), lists every question and lets
  the student download their record (the JSON format that
  :func:`palace_coup.classroom.load_records` reads).

The notebooks themselves are unchanged: they still run live, and nbval still
compares their stored outputs.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import rjsmin
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from palace_coup import feedback
from palace_coup.feedback import page as page_checks

logger = logging.getLogger(__name__)

SCRIPT = "palace-coup-checks.js"
STYLE = "palace-coup-checks.css"
STATIC = Path(__file__).with_name("static")
EXERCISES = "exercises/"
SOLUTIONS = "exercises/solutions/"
CHECK = re.compile(r"feedback\.check\(\s*[\"']([\w.]+)[\"']")
SUMMARY = re.compile(r"feedback\.summary\(\s*[\"'](\w+)[\"']")
DATA_ID = "pc-checks"
"""The id of the JSON script the page's checker reads."""
ASKED = {
    "number": "a number, such as 0.25.",
    "integer": "a whole number, such as 7.",
    "calendar_month": "a month written YYYY-MM, such as 2022-03.",
    "choice": "pick one.",
    "choices": "tick every one that applies.",
    "text": "at least {min_words} words.",
    "rubric_scores": "score each criterion 0, 1 or 2.",
    "forecast": "a probability from 0 to 1, and the date you make it.",
    "scored_forecast": "a probability, and its Brier score.",
}
"""What each kind of form asks for, in the page's words."""
DEFAULT_LABEL = "✓ Right:"
"""The label of an accepted answer that the page's data leaves out."""


def _escape(text: object) -> str:
    return html.escape(str(text), quote=True)


def _inline(text: str) -> str:
    """Escape ``text`` and turn `backticks` into code, as the checks' HTML does."""
    return re.sub(r"`([^`]+)`", r"<code>\1</code>", html.escape(text, quote=False))


def _slug(question: str) -> str:
    return "pc-" + re.sub(r"[^a-z0-9_]+", "-", question.lower())


def _radios(name: str, options: list[tuple[str, str]], kind: str = "radio") -> str:
    return "".join(
        f'<label><input type="{kind}" name="{_escape(name)}" '
        f'value="{_escape(value)}"> {_inline(label)}</label>'
        for value, label in options
    )


def _box(slug: str, name: str, label: str, mode: str = "decimal", kind: str = "text"):
    mode_attribute = f' inputmode="{mode}"' if mode else ""
    return (
        f'<label class="pc-label" for="{slug}-{name}">{_escape(label)}</label> '
        f'<input id="{slug}-{name}" name="{name}" type="{kind}"{mode_attribute} '
        f'autocomplete="off" spellcheck="false" aria-describedby="{slug}-expected">'
    )


def _criteria_labels(spec: dict[str, Any]) -> dict[str, str]:
    """Each rubric criterion's words, from the written question it marks."""
    labels = {key: key.replace("_", " ") for key in spec["criteria"]}
    for question in feedback.questions(spec["id"].split(".")[0]):
        for line in page_checks.page_check(question).get("rubric", []):
            key, _, text = line.partition(": ")
            if key in labels:
                labels[key] = f"{key.replace('_', ' ')}: {text}"
    return labels


def controls(spec: dict[str, Any]) -> str:
    """Return the HTML controls of one question's form."""
    slug, kind = _slug(spec["id"]), spec["kind"]
    if kind in ("number", "integer"):
        return _box(slug, "answer", "Your answer")
    if kind == "calendar_month":
        return _box(slug, "answer", "Your answer (YYYY-MM)", mode="")
    if kind in ("choice", "choices"):
        options = [(o["id"], o["label"]) for o in spec["options"]]
        which = "radio" if kind == "choice" else "checkbox"
        return (
            f'<fieldset aria-describedby="{slug}-expected"><legend>Your answer'
            f"</legend>{_radios('answer', options, which)}</fieldset>"
        )
    if kind == "text":
        return (
            f'<label class="pc-label" for="{slug}-answer">Your argument</label>'
            f'<textarea id="{slug}-answer" name="answer" rows="10" '
            f'aria-describedby="{slug}-expected"></textarea>'
        )
    if kind == "rubric_scores":
        scores = [("0", "0"), ("1", "1"), ("2", "2")]
        return "".join(
            f"<fieldset><legend>{_inline(label)}</legend>"
            f"{_radios(key, scores)}</fieldset>"
            for key, label in _criteria_labels(spec).items()
        )
    if kind == "forecast":
        return (
            _box(slug, "probability", "Your probability (0 to 1)")
            + "<br>"
            + _box(slug, "date", "Dated (as if written on)", mode="", kind="date")
        )
    if kind == "scored_forecast":
        return (
            _box(slug, "probability", "Your probability")
            + "<br>"
            + _box(slug, "brier_score", "Its Brier score")
        )
    raise ValueError(f"no form for questions of kind {kind!r}")


def form(spec: dict[str, Any], solution: str) -> str:
    """Return the form that checks one question in the page."""
    slug = _slug(spec["id"])
    return (
        f'<form class="pc-check" data-question="{_escape(spec["id"])}" '
        f'data-kind="{spec["kind"]}" data-solution="{_escape(solution)}" novalidate>'
        f'<p class="pc-expected" id="{slug}-expected">Answer here, no code '
        f"needed: {ASKED[spec['kind']].format(**spec)}</p>"
        f'<div class="pc-controls">{controls(spec)}</div>'
        '<button type="submit" class="pc-submit">Check</button>'
        '<div class="pc-feedback" role="status"></div></form>'
    )


def summary(exercise: str, questions: list[dict[str, Any]], progress: str) -> str:
    """Return the end-of-exercise summary (the script fills in each status)."""
    rows = "".join(
        f'<tr data-question="{_escape(q["id"])}"><td class="pc-status">not yet</td>'
        f"<td>{_inline(q['prompt'])}</td></tr>"
        for q in questions
    )
    return (
        f'<section class="pc-summary" data-exercise="{_escape(exercise)}">'
        '<p class="pc-count" role="status"></p><table><caption>Your progress on '
        "this exercise (kept in this browser)</caption><thead><tr><th>Status</th>"
        f"<th>Question</th></tr></thead><tbody>{rows}</tbody></table>"
        f'<p><a href="{_escape(progress)}">All your progress, and your record '
        "to hand in</a></p></section>"
    )


def _cells(doctree: nodes.document):
    """Yield (cell, source text, output node or None) for every code cell."""
    for cell in list(doctree.findall(nodes.container)):
        if cell.get("nb_element") != "cell_code":
            continue
        parts = {child.get("nb_element"): child for child in cell.children}
        source = parts.get("cell_code_source")
        if source is not None:
            yield cell, source.astext(), parts.get("cell_code_output")


def _replace_output(cell: nodes.Element, output: Any, markup: str) -> None:
    raw = nodes.raw("", markup, format="html")
    if output is None:
        cell += raw
    else:
        output.replace_self(raw)


def _section_id(node: nodes.Node) -> str:
    while node is not None and not isinstance(node, nodes.section):
        node = node.parent
    return node["ids"][0] if node is not None and node["ids"] else ""


def _json_script(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        f'<script type="application/json" id="{DATA_ID}">'
        + text.replace("<", "\\u003c")
        + "</script>"
    )


def _for_page(spec: dict[str, Any]) -> dict[str, Any]:
    """Keep the part of a spec the script needs (the form holds the rest)."""
    lean = {key: spec[key] for key in spec if key not in ("id", "prompt", "options")}
    if lean["label"] == DEFAULT_LABEL:
        del lean["label"]
    if not lean.get("acceptable", True):
        del lean["acceptable"]
    if "wrong" in lean:
        lean["wrong"] = [_lean_rule(rule) for rule in lean["wrong"]]
    return lean


def _lean_rule(rule: dict[str, Any]) -> dict[str, Any]:
    """Leave out a rule's id where the script rebuilds it (``extra_<option>``)."""
    for kind in ("extra", "missing"):
        if rule.get("id") == f"{kind}_{rule.get(kind)}":
            return {key: value for key, value in rule.items() if key != "id"}
    return rule


def _exercise_of(docname: str) -> str | None:
    name = docname.removeprefix(EXERCISES)
    for exercise, notebook in feedback.notebooks().items():
        if notebook == name:
            return exercise
    return None


def _write_checks(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Put a form in place of every check's output on an exercise page."""
    if docname == app.config.exercise_progress_page:
        _write_progress(app, doctree, docname)
        return
    if not docname.startswith(EXERCISES) or docname.startswith(SOLUTIONS):
        return
    builder = app.builder
    solution_doc = SOLUTIONS + docname.removeprefix(EXERCISES)
    solution_uri = builder.get_relative_uri(docname, solution_doc)
    progress_uri = builder.get_relative_uri(docname, app.config.exercise_progress_page)
    specs: dict[str, dict[str, Any]] = {}
    for cell, source, output in _cells(doctree):
        if found := CHECK.search(source):
            spec = page_checks.page_check(found[1])
            specs[spec["id"]] = _for_page(spec)
            _replace_output(cell, output, form(spec, f"#{_section_id(cell)}"))
        elif found := SUMMARY.search(source):
            questions = [
                page_checks.page_check(q) for q in feedback.questions(found[1])
            ]
            _replace_output(cell, output, summary(found[1], questions, progress_uri))
    if specs:
        data = {
            "rules": page_checks.page_rules(),
            "questions": specs,
            "solution": solution_uri,
        }
        doctree += nodes.raw("", _json_script(data), format="html")
    exercise = _exercise_of(docname)
    if exercise and set(specs) != set(feedback.questions(exercise)):
        logger.warning(
            "%s: exercise %r has questions without a check cell: %s",
            docname,
            exercise,
            sorted(set(feedback.questions(exercise)) - set(specs)),
        )


class ProgressDirective(SphinxDirective):
    """``{exercise-progress}``: every question of the book, done or not yet."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        """Leave a placeholder that the page's links are written into."""
        return [nodes.container(classes=["pc-progress-placeholder"])]


def _write_progress(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write the *My progress* page's list of exercises and questions."""
    exercises = []
    titles = feedback.exercises()
    for exercise, notebook in feedback.notebooks().items():
        uri = app.builder.get_relative_uri(docname, EXERCISES + notebook)
        questions = [page_checks.page_check(q) for q in feedback.questions(exercise)]
        rows = "".join(
            f'<li data-question="{_escape(q["id"])}"><span class="pc-status">not '
            f"yet</span> {_inline(q['prompt'])}</li>"
            for q in questions
        )
        exercises.append(
            f'<section class="pc-summary" data-exercise="{_escape(exercise)}">'
            f'<h2><a href="{_escape(uri)}">{_escape(titles[exercise])}</a></h2>'
            f'<p class="pc-count"></p><ul>{rows}</ul></section>'
        )
    markup = (
        '<div class="pc-progress"><p class="pc-total" role="status"></p>'
        '<form class="pc-record" novalidate><label for="pc-name">Your name, as '
        'your lecturer should see it</label> <input id="pc-name" name="name" '
        'type="text" maxlength="80" autocomplete="name"> '
        '<button type="submit">Download my record</button> '
        '<button type="button" class="pc-clear">Clear my answers</button></form>'
        + "".join(exercises)
        + "</div>"
    )
    for placeholder in list(doctree.findall(nodes.container)):
        if "pc-progress-placeholder" in placeholder["classes"]:
            placeholder.replace_self(nodes.raw("", markup, format="html"))


def _page_assets(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    """Give the checker's script and style to the pages that use them."""
    body = context.get("body", "")
    if f'id="{DATA_ID}"' in body or 'class="pc-progress"' in body:
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(STYLE)


def _add_static(app: Sphinx) -> None:
    if str(STATIC) not in app.config.html_static_path:
        app.config.html_static_path.append(str(STATIC))


def _minify_script(app: Sphinx, exception: Exception | None) -> None:
    """Serve the checker minified (rjsmin); its source stays readable here."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / "_static" / SCRIPT
    target.write_text(
        rjsmin.jsmin((STATIC / SCRIPT).read_text(encoding="utf-8")) + "\n",
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the forms, the progress directive and the checker's assets."""
    app.add_config_value("exercise_progress_page", "book/my-progress", "env")
    app.add_directive("exercise-progress", ProgressDirective)
    app.connect("builder-inited", _add_static)
    app.connect("doctree-resolved", _write_checks)
    app.connect("html-page-context", _page_assets, priority=550)
    app.connect("build-finished", _minify_script)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
