"""Validators shared by the public functions of the model modules.

Each public function checks its arguments here, once, at the boundary; inner
helpers then trust their inputs. Every error is a ``TypeError`` (wrong kind of
value) or a ``ValueError`` (right kind, wrong value) whose message names the
argument, the key where there is one, the allowed values, and what was given,
for example ``scores['fsb_disloyalty'] must be a number in [0, 1], got 1.5``.
No NumPy or pandas traceback should reach a student.

Booleans are not numbers here: ``True`` passed as a score is almost certainly
a mistake, so it raises ``TypeError``. (Outcomes of forecasts are the
exception: :func:`outcome_array` accepts booleans on purpose.)

Sequences must be ordered and one-dimensional: a set or a dict view (whose
order is arbitrary and which drops repeated values) and a DataFrame (two
dimensions) are refused, as is a masked array with masked values. Sizes are
bounded: at most :data:`MAX_VALUES` values, and integers beyond the range of a
float are refused with a clear message instead of an ``OverflowError``.
"""

from palace_coup._validate.scalars import (
    check_choice,
    check_int,
    check_mapping,
    check_number,
)
from palace_coup._validate.sequences import MAX_VALUES, number_array, outcome_array

__all__ = [
    "MAX_VALUES",
    "check_choice",
    "check_int",
    "check_mapping",
    "check_number",
    "number_array",
    "outcome_array",
]
