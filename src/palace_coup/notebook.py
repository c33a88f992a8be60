"""Prepare a notebook so that its charts draw wherever it runs, offline.

Two places show this book's charts, and each needs a different Altair renderer:

* **live** (JupyterLab, a hub, Binder, Colab): charts are ``JupyterChart``
  widgets whose JavaScript comes from ``vl-convert`` inside the kernel, so no
  chart needs a CDN and Python can update a chart in place;
* **static** (the book build and nbval): charts are self-contained HTML whose
  spec is written into the page, escaped so that no text in a chart can end
  its script (:mod:`palace_coup.chart_html`); the published book serves vega
  itself (see ``book/_ext/offline_assets.py``), and nbval compares the spec
  cell by cell.

The build and the test suite select *static* by setting the environment
variable ``PALACE_COUP_RENDER=static``; anything else means *live*.

The package picks the renderer itself: no notebook needs a set-up cell.
Importing :mod:`palace_coup` asks IPython (if this is a kernel) to call
:func:`enable_renderer` when the first chart is shown, unless someone has
enabled another renderer by then; the live dashboards of
:mod:`palace_coup.widgets` call it when they make their chart. Most pages
draw no chart, so nothing here imports Altair (it takes about 0.4 s, and the
live renderer another 1-2 s to bundle its JavaScript, in every kernel).
:func:`setup` remains, for the book's pages: it enables the renderer at once
if Altair is loaded, and otherwise on the first chart, whatever was chosen
before. Importing a chart module changes nothing.
"""

from __future__ import annotations

import os
import sys
from typing import Literal

RENDER_ENV = "PALACE_COUP_RENDER"
"""Name of the environment variable that selects the renderer."""

EMBED_OPTIONS = {"actions": False}
"""Options passed to vega-embed: no "..." menu (it has no accessible name)."""


def render_mode() -> Literal["live", "static"]:
    """Return where charts are being drawn, read from ``PALACE_COUP_RENDER``.

    Returns
    -------
    {"live", "static"}
        ``"static"`` when the variable is set to ``static``, else ``"live"``.

    Examples
    --------
    >>> render_mode() in ("live", "static")
    True
    """
    return "static" if os.environ.get(RENDER_ENV, "") == "static" else "live"


CHART_TYPE = ("altair.vegalite.v6.api", "TopLevelMixin")
"""Module and name of the class every Altair chart inherits (named, not imported)."""


def enable_renderer() -> Literal["live", "static"]:
    """Choose the Altair renderer for where this code runs, and enable it.

    The one place that picks a renderer (see the module docstring); safe to
    call again.

    Returns
    -------
    {"live", "static"}
        The mode enabled (see :func:`render_mode`).

    Examples
    --------
    >>> import altair as alt
    >>> mode = enable_renderer()
    >>> (mode, alt.renderers.active) in [("static", "palace_coup_html"),
    ...                                  ("live", "jupyter")]
    True
    """
    import altair as alt

    mode = render_mode()
    if mode == "static":
        from palace_coup import chart_html  # script-safe HTML (students' names)

        chart_html.enable(embed_options=EMBED_OPTIONS)
    else:
        alt.JupyterChart.enable_offline(True)
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)
    return mode


def enable_on_first_chart(*, respect_choice: bool = False) -> None:
    """Ask IPython to enable the renderer when it first shows a chart.

    IPython looks the chart's class up by module and name, so Altair is not
    imported until a chart exists. Outside IPython (a script, a build that
    saves charts to files) nothing is shown and nothing is registered.
    Importing :mod:`palace_coup` calls this with ``respect_choice=True``, so
    a lecturer's own notebook draws offline with no set-up cell, while a
    renderer the lecturer enabled themselves is left alone.

    Parameters
    ----------
    respect_choice : bool, optional
        If True, enable the renderer only if Altair's is still its
        ``default`` (no one chose another); :func:`setup` passes False.

    Examples
    --------
    >>> enable_on_first_chart(respect_choice=True)  # nothing to do outside IPython
    """
    if "IPython" not in sys.modules:  # not a kernel: no chart is ever shown
        return
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return
    formatter = shell.display_formatter.mimebundle_formatter

    def show_first_chart(chart: object) -> object:
        import altair as alt

        for kind in type(chart).__mro__:  # only once: forget this printer
            if (kind.__module__, kind.__name__) == CHART_TYPE:
                formatter.pop(kind, None)
        if not respect_choice or alt.renderers.active == "default":
            enable_renderer()
        return formatter(chart)  # now the chart's own _repr_mimebundle_

    formatter.for_type_by_name(*CHART_TYPE, show_first_chart)


def setup() -> Literal["live", "static"]:
    """Make the charts of this notebook draw offline wherever it runs.

    Enables the renderer now if Altair is loaded, or else when the first
    chart is shown (see the module docstring), so a page without charts never
    loads Altair.

    Returns
    -------
    {"live", "static"}
        The mode that was set up (see :func:`render_mode`).

    Examples
    --------
    >>> setup() in ("live", "static")
    True
    """
    if "altair" in sys.modules:
        return enable_renderer()
    enable_on_first_chart()
    return render_mode()
