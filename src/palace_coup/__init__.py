"""Models, charts, widgets and exercise checks for the book *Palace Coup?*.

Every model in this package is hypothetical: a teaching device for reasoning
about regime stability, not a forecast. The modules are layered one way only:
data files feed the model modules (``preconditions``, ``loyalty``, ``cascade``,
``history``, ``forecast``), which feed ``charts``, which feed ``widgets``;
``feedback`` checks exercise answers against the model.
"""

__version__ = "0.1.0"
