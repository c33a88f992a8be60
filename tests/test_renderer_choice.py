"""The package picks the renderer itself: no set-up cell (issue 15, item 1).

Each case runs in a fresh interpreter, in an IPython shell as a kernel has,
because what is tested is what importing the package does.
"""

import os
import subprocess
import sys

import pytest

NO_SETUP = """
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
{before}
from palace_coup import charts, loyalty
import altair as alt
data, _ = shell.display_formatter.format(charts.loyalty_curves(loyalty.curves()))
html = data.get("text/html", "")
print(alt.renderers.active, sorted(data), "jsdelivr" in html or "esm.sh" in html)
"""

PLAIN = """
import sys
import palace_coup
from palace_coup import classroom, preconditions
print("IPython" in sys.modules, "altair" in sys.modules)
"""


def _run(code, render):
    env = {**os.environ, "PALACE_COUP_RENDER": render}
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    return result.stdout.strip()


@pytest.mark.parametrize(
    ("render", "expected"),
    [
        (
            "",
            "jupyter ['application/vnd.jupyter.widget-view+json', 'text/plain'] False",
        ),
        # The static HTML names the CDN only as the fallback of its loader: the
        # book carries vega itself (book/_ext/offline_assets.py).
        ("static", "palace_coup_html ['text/html', 'text/plain'] True"),
    ],
)
def test_a_chart_shown_without_setup_draws_offline(render, expected):
    assert _run(NO_SETUP.format(before=""), render) == expected


def test_a_renderer_the_user_chose_is_kept():
    before = "import altair as alt\nalt.renderers.enable('svg')"
    assert _run(NO_SETUP.format(before=before), "").startswith("svg ['image/svg+xml'")


def test_importing_the_package_outside_a_kernel_loads_neither_ipython_nor_altair():
    assert _run(PLAIN, "") == "False False"
