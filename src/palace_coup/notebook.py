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

Most pages draw no chart, so :func:`setup` does not import Altair itself (it
takes about 0.4 s, and the live renderer another 1-2 s to bundle its
JavaScript, in every kernel): it enables the renderer at once if Altair is
already loaded, and otherwise when :mod:`palace_coup.charts` is first imported
(:func:`enable_requested`). Every chart of the book comes through that module.
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


_requested: list[str] = []
"""The mode :func:`setup` asked for, until the renderer is enabled."""


def setup() -> Literal["live", "static"]:
    """Enable the Altair renderer that draws charts offline in this context.

    If Altair is not imported yet, the renderer is enabled when the charts
    module is (see the module docstring), so a page without charts never
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
    mode = render_mode()
    _requested[:] = [mode]
    if "altair" in sys.modules:
        enable_requested()
    return mode


def enable_requested() -> None:
    """Enable the renderer that :func:`setup` asked for, if it asked.

    Called by :mod:`palace_coup.charts` when it is imported; does nothing if
    :func:`setup` was not called.

    Examples
    --------
    >>> enable_requested()
    """
    if not _requested:
        return
    import altair as alt

    if _requested.pop() == "static":
        from palace_coup import chart_html  # script-safe HTML (students' names)

        chart_html.enable(embed_options=EMBED_OPTIONS)
    else:
        alt.JupyterChart.enable_offline(True)
        alt.renderers.enable("jupyter", offline=True, embed_options=EMBED_OPTIONS)
