"""Models, charts, widgets and exercise checks for the book *Palace Coup?*.

Every model in this package is hypothetical: a teaching device for reasoning
about regime stability, not a forecast. The modules are layered one way only:
data files feed the model modules (``preconditions``, ``probability``,
``loyalty``, ``cascade``, ``history``, ``forecast``); ``controls`` defines each
explorer's inputs once; ``style`` and ``figures`` hold the look and the marks
of every chart, which ``charts`` (with ``class_charts`` and
``history_charts``) feeds with data computed in Python and ``twins`` with data
computed in the browser; ``widgets`` drive the twins live; ``feedback`` checks
exercise answers against the model; ``notebook.enable_renderer`` is the one
place that picks how charts are drawn. Importing the package asks IPython, in
a kernel, to pick it when the first chart is shown (offline, no CDN), so a
notebook needs no set-up cell.
"""

from palace_coup import notebook as _notebook

__version__ = "0.1.0"

_notebook.enable_on_first_chart(respect_choice=True)
