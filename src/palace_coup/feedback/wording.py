"""The wording of every message the checks build, in one place.

Each message is a template with ``{name}`` fields, filled with
:meth:`str.format` in Python and by the in-page checker of the published book
(``book/_ext/static/palace-coup-checks.js``), which receives these templates
with each exercise page: the words a student reads are written once, here,
and are the same in a notebook and in the book. Targeted messages about
misconceptions live with their questions in ``data/questions.yaml``.
"""

from __future__ import annotations

import re

TEMPLATES: dict[str, str] = {
    # Reading an answer (feedback.answers, feedback.plain).
    "unreadable": "{error} Expected {expected}.",
    "blank": "your answer is empty. Expected {expected}.",
    "too_long": (
        "your answer is {length} characters long; at most {limit} are read. Shorten it."
    ),
    "empty_value": "a value is missing.",
    "percent_text": (
        "you wrote a percentage. Write the number without the % sign: a "
        "probability or share goes from 0 to 1 (26% is 0.26)."
    ),
    "comma_text": "use a decimal point, not a comma: write {fixed}, not {text}.",
    "zero_below": "a fraction with 0 below the line has no value.",
    "not_a_number_text": "your answer is text that is not a number.",
    "nan": (
        "your answer is NaN ('not a number'): a calculation above gave no "
        "value, e.g. 0 divided by 0 or a look-up that found nothing."
    ),
    "infinite": (
        "your answer is infinite (or too large to hold as a number): did you "
        "divide by zero?"
    ),
    "not_a_month": (
        "this is not a month written as 'YYYY-MM' (a string in quotes, e.g. "
        "'2022-03' for March 2022)."
    ),
    "month_range": "the month must be 01 to 12, got {month}.",
    "not_in_calendar": "{text} is not a date in the calendar.",
    "not_a_date": "{name} is not a date written as 'YYYY-MM-DD'.",
    # Checking it (feedback.checkers).
    "explained": "{message} {explain}",
    "number_right": "{shown} ({tolerance}).",
    "number_wrong": "{shown} is not it. Expected a number ({tolerance}).",
    "tolerance": "accepted within ±{tolerance}",
    "not_whole": "{shown} is not a whole number.",
    "integer_right": "{shown}.",
    "integer_wrong": "{shown} is not it.",
    "month_right": "{month}: month {truth} after {start_day}.",
    "month_wrong": "{month} is {given} months after {start_month}; not it.",
    "choice_right": "{value}.",
    "choice_wrong": "{value} is not the best answer.",
    "choices_right": "{given}.{note}",
    "choices_also": (
        " You also chose {kept}: defensible, though not the main reading."
    ),
    "choices_extra": "{item} does not belong here.",
    "choices_missing": "something is missing.",
    "words_short": "{count} words so far. {message}",
    "words_written": (
        "{count} words. This check does not grade your argument: mark it "
        "yourself against the rubric below, criterion by criterion."
    ),
    "rubric_keys": (
        "{message} Give one score per criterion: {criteria}{unknown}{missing}."
    ),
    "rubric_unknown": "; unknown {keys}",
    "rubric_missing": "; missing {keys}",
    "rubric_score": "the score for {key} must be 0, 1 or 2, got {shown}.",
    "rubric_right": "self-assessed {total} of {most}.{advice}",
    "rubric_advice": " To improve: {advice}",
    "rubric_full": " Well argued, by your own rubric.",
    "forecast_negative": "a probability cannot be negative: pick a number in [0, 1].",
    "forecast_right": "forecast recorded: probability {shown}, made on {day}{certain}.",
    "forecast_certain": " (a certainty: risky under Brier scoring)",
    "scored_right": (
        "({probability} - {outcome})² is the Brier score against outcome "
        "{outcome}: {score} ({tolerance})."
    ),
    "scored_wrong": "{score} is not the Brier score of {probability}.",
}
"""Message templates, by name; fields are ``{name}``, never nested braces."""

FIELD = re.compile(r"\{(\w+)\}")
"""A field of a template (the in-page checker fills the same pattern)."""


def say(template: str, /, **fields: object) -> str:
    """Fill the template named ``template`` with ``fields``.

    Parameters
    ----------
    template : str
        A key of :data:`TEMPLATES`.
    **fields : object
        A value for each of its fields.

    Returns
    -------
    str
        The message.

    Raises
    ------
    KeyError
        If the template or one of its fields is missing (a bug in a check).

    Examples
    --------
    >>> say("comma_text", fixed="0.317", text="0,317")
    'use a decimal point, not a comma: write 0.317, not 0,317.'
    """
    return FIELD.sub(lambda match: str(fields[match[1]]), TEMPLATES[template])
