"""No text in a chart's data can end the chart's <script> (issue 15, item 2)."""

import json
import re
from html.parser import HTMLParser

import altair as alt
import pandas as pd
import pytest

from palace_coup import chart_html, charts

HOSTILE = [
    "</script><script>alert(1)</script>",
    "</SCRIPT ><img src=x onerror=alert(1)>",
    "<!--<script>",
    "a</b>&amp;<\u2028>",
]
SPEC_CALL = re.compile(r"\}\)\((\{.*\}), (\{.*\})\);\s*$", re.DOTALL)


class _Scripts(HTMLParser):
    """Collect the text of every <script> element, as a browser would split it."""

    def __init__(self):
        super().__init__()
        self.scripts, self._inside = [], False

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts.append("")
            self._inside = True

    def handle_endtag(self, tag):
        if tag == "script":
            self._inside = False

    def handle_data(self, data):
        if self._inside:
            self.scripts[-1] += data


def _scripts(html):
    parser = _Scripts()
    parser.feed(html)
    parser.close()
    return parser.scripts


def _chart(name):
    entries = pd.DataFrame(
        {"name": [name, "Ada"], "rule": ["compensatory"] * 2, "index": [0.2, 0.4]}
    )
    return charts.class_indices(entries)


def _render(name, renderer=chart_html.NAME):
    with alt.renderers.enable(renderer):
        bundle = _chart(name)._repr_mimebundle_()
    return (bundle[0] if isinstance(bundle, tuple) else bundle)["text/html"]


@pytest.mark.parametrize("name", HOSTILE)
def test_a_name_never_ends_the_script(name):
    [script] = _scripts(_render(name))  # one script, not two
    spec, _ = SPEC_CALL.search(script).groups()
    # Nothing in the spec that ends a script, or opens the comment state of one:
    assert "</" not in spec and "<!--" not in script
    names = [
        row["name"]
        for rows in json.loads(spec)["datasets"].values()
        for row in rows
        if "name" in row
    ]
    assert name in names  # the chart still shows the name exactly as given


def test_altairs_own_renderer_is_the_hole_we_close():
    # The broken subject: Altair's HTML renderer lets the name end the script.
    assert len(_scripts(_render(HOSTILE[0], "html"))) > 1


def test_charts_without_hostile_text_are_unchanged():
    ours, altairs = (
        re.sub(r"altair-viz-[0-9a-f]{32}", "ID", _render("Ada L. & <b>", r))
        for r in (chart_html.NAME, "html")
    )
    assert ours == altairs


def test_a_class_table_shows_a_hostile_name_escaped(tmp_path):
    from palace_coup import classroom

    state = {"scores": {}, "weights": {}, "rule": "compensatory"}
    classroom.save(state, HOSTILE[0], tmp_path)
    html = classroom.load(tmp_path).entries[["name", "index"]]._repr_html_()
    assert "<script>" not in html and "&lt;/script&gt;&lt;script&gt;" in html
