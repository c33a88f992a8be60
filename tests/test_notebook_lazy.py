"""A page without charts never loads Altair; a page with charts gets its renderer.

Each case runs in a fresh interpreter, in an IPython shell as a notebook
kernel has, because what is tested is what happens on first import.
"""

import os
import subprocess
import sys

import pytest

PAGE = """
import sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
from palace_coup import notebook, preconditions, quiz
mode = notebook.setup()
print("altair" in sys.modules)
from palace_coup import charts
import altair as alt
print(alt.renderers.active)
data, _ = shell.display_formatter.format(charts.timeline())
print(alt.renderers.active, alt.renderers.options["embed_options"])
print("cdn.jsdelivr" in data.get("text/html", ""), sorted(data))
"""

IMPORT_ONLY = """
import altair as alt
from palace_coup import charts, twins, widgets
print(alt.renderers.active)
"""


def _run(code: str, render: str) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env={**os.environ, "PALACE_COUP_RENDER": render},
        check=True,
    )
    return result.stdout.splitlines()


def test_setup_defers_altair_until_the_first_chart_is_shown():
    lines = _run(PAGE, "static")
    # No Altair until a chart module is imported; importing it enables
    # nothing; showing the first chart enables the static renderer.
    assert lines[:2] == ["False", "default"]
    assert lines[2] == "palace_coup_html {'actions': False}"
    # HTML, whose loader fetches vega only if the page does not carry it
    # (see book/_ext/offline_assets.py).
    assert lines[3].endswith("['text/html', 'text/plain']")


def test_live_mode_enables_the_offline_jupyter_renderer_on_first_chart():
    lines = _run(PAGE, "")
    assert lines[:2] == ["False", "default"]
    assert lines[2] == "jupyter {'actions': False}"


@pytest.mark.parametrize("render", ["static", ""])
def test_importing_the_chart_modules_changes_no_renderer(render):
    assert _run(IMPORT_ONLY, render) == ["default"]
