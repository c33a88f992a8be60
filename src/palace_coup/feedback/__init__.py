"""Check exercise answers and say why: the teacher of a student working alone.

Every question of the exercises lives in ``data/questions.yaml`` with its id,
level (recall, apply, analyse, evaluate), a one-line prompt, a hint, the
expected answer and the wrong answers that reveal a specific misconception.
Where the expected answer is an output of a model (an index, a month, a
share), the bank names a function of ``truth`` that computes it from the
model, so changing a model default changes the expected answer too.

Three calls make up the student's side:

* :func:`check` ``(question_id, answer)`` returns a :class:`Feedback`:
  "✓ Right" or "Not yet", and why. It never raises on an answer, however
  wrong, empty, NaN or odd its type: it says what was expected instead.
* :func:`hint` ``(question_id)`` returns the question's hint.
* :func:`summary` ``(exercise)`` lists the questions of one exercise as done
  or not yet, from the checks run so far in this session.

The feedback is text first (the words "Right" and "Not yet" carry the
meaning), with colour only as a second cue.

The package holds one module per part of that work: ``results`` (what the
student sees), ``truth`` (expected answers computed from the model), ``bank``
(the question bank), ``answers`` (reading an answer), ``checkers`` (one
check per kind of question, and :func:`check`) and ``key`` (a question's
answer key, :func:`answer_key`, for tools outside the kernel).
"""

# Names imported ``as`` themselves are re-exported outside ``__all__``:
# ``Hint`` and ``START``, public as before, and the internals that
# tests/test_feedback.py uses to derive right and wrong answers.
from palace_coup.feedback.answers import _options as _options
from palace_coup.feedback.bank import (
    LEVELS,
    exercises,
    hint,
    notebooks,
    passages,
    questions,
    summary,
    table,
)
from palace_coup.feedback.bank import _entry as _entry
from palace_coup.feedback.checkers import START as START
from palace_coup.feedback.checkers import _month_text as _month_text
from palace_coup.feedback.checkers import check
from palace_coup.feedback.key import answer_key
from palace_coup.feedback.page import check_entered, page_check
from palace_coup.feedback.results import Feedback, Summary
from palace_coup.feedback.results import Hint as Hint
from palace_coup.feedback.truth import _resolve as _resolve

__all__ = [
    "LEVELS",
    "Feedback",
    "Summary",
    "answer_key",
    "check",
    "check_entered",
    "exercises",
    "hint",
    "notebooks",
    "page_check",
    "passages",
    "questions",
    "summary",
    "table",
]
