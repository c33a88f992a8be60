"""A page without charts never loads Altair; a page with charts gets its renderer."""

import os
import subprocess
import sys

import pytest

PAGE = """
import sys
from palace_coup import notebook, preconditions, quiz
mode = notebook.setup()
print("altair" in sys.modules)
from palace_coup import charts
import altair as alt
print(alt.renderers.active, alt.renderers.options["embed_options"])
"""


@pytest.mark.parametrize(
    ("value", "renderer"), [("static", "palace_coup_html"), ("", "jupyter")]
)
def test_setup_defers_altair_until_the_charts_are_imported(value, renderer):
    result = subprocess.run(
        [sys.executable, "-c", PAGE],
        capture_output=True,
        text=True,
        env={**os.environ, "PALACE_COUP_RENDER": value},
        check=True,
    )
    assert result.stdout.splitlines() == ["False", f"{renderer} {{'actions': False}}"]
