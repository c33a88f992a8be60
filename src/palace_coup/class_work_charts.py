"""Charts of a class's work: where its exercises stall, and its forecasts.

Importable from :mod:`palace_coup.charts` too. Each takes a table from
:mod:`palace_coup.classroom` (:meth:`~palace_coup.classroom.ClassRecords.questions`,
:meth:`~palace_coup.classroom.ClassRecords.misconceptions`,
:meth:`~palace_coup.classroom.ClassForecasts.scores` and
:meth:`~palace_coup.classroom.ClassForecasts.pooled`). The charts draw counts
per question, per misconception and per bin of probability, so their data
stay small whatever the size of the class; every class of up to 2,000
students works. Names of students never reach these charts.
"""

from __future__ import annotations

import math
import textwrap

import altair as alt
import numpy as np
import pandas as pd

from palace_coup import chart_checks
from palace_coup._validate import check_int
from palace_coup.style import ROLE_COLORS, VERDICT_COLORS, finish, titled

__all__ = ["BIN_WIDTH", "class_forecasts", "class_misconceptions", "class_questions"]

BIN_WIDTH = 0.05
"""Width of the probability bins of :func:`class_forecasts`."""

_VERDICTS = {"right": "Right", "not_yet": "Not yet", "written": "Written or recorded"}
_MAX_QUESTIONS = 6
"""Most forecast questions drawn in one chart (one panel each)."""


def _verdict_color() -> alt.Color:
    """Colour by verdict: the book's palette, in the order right, not yet, written."""
    return alt.Color(
        "verdict:N",
        title="Latest answer",
        scale=alt.Scale(
            domain=list(_VERDICTS.values()),
            range=[VERDICT_COLORS[key] for key in _VERDICTS],
        ),
        legend=alt.Legend(orient="bottom"),
    )


def class_questions(questions: pd.DataFrame, top: int = 12) -> alt.Chart:
    """Chart the questions the class has most often not yet got right.

    Parameters
    ----------
    questions : pandas.DataFrame
        ``ClassRecords.questions()``: columns ``question``, ``prompt``,
        ``answered``, ``right``, ``not_yet`` and ``written``, one row per
        question.
    top : int, optional
        How many questions to draw, those with the largest share of "not yet"
        first (1 to 60, default 12).

    Returns
    -------
    altair.Chart
        One bar per question answered, split into the shares of the class's
        latest answers that are right, not yet right, and written or recorded
        (ungraded).

    Raises
    ------
    TypeError, ValueError
        If ``questions`` is not a DataFrame with those columns, or ``top`` is
        not an integer from 1 to 60.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"question": ["a.x", "a.y"], "prompt": ["X?", "Y?"],
    ...                       "answered": [4, 2], "right": [1, 2], "not_yet": [3, 0],
    ...                       "written": [0, 0]})
    >>> class_questions(table).to_dict()["encoding"]["y"]["sort"]
    ['a.x', 'a.y']
    """
    columns = ("question", "prompt", "answered", "right", "not_yet", "written")
    rows = chart_checks.check_table(questions, "questions", columns)
    top = check_int(top, "top", 1, 60)
    chart_checks.check_rows(len(rows), "questions", "questions", len(_VERDICTS))
    rows = rows[rows["answered"] > 0].copy()
    rows["stuck"] = rows["not_yet"] / rows["answered"]
    rows = rows.sort_values(["stuck", "not_yet"], ascending=False, kind="stable")
    rows = rows.head(top)
    long = rows.melt(
        id_vars=["question", "prompt", "answered"],
        value_vars=list(_VERDICTS),
        var_name="key",
        value_name="students",
    )
    long["verdict"] = long["key"].map(_VERDICTS)
    long["order"] = long["key"].map({key: i for i, key in enumerate(_VERDICTS)})
    long["share"] = long["students"] / long["answered"]
    chart = (
        alt.Chart(long)
        .mark_bar()
        .encode(
            x=alt.X(
                "share:Q",
                title="Share of the students who answered",
                axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1]),
            ),
            y=alt.Y("question:N", title=None, sort=rows["question"].tolist()),
            color=_verdict_color(),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("question:N", title="Question"),
                alt.Tooltip("prompt:N", title="Asks"),
                alt.Tooltip("verdict:N", title="Latest answer"),
                alt.Tooltip("students:Q", title="Students"),
                alt.Tooltip("share:Q", title="Share", format=".0%"),
            ],
        )
        .properties(width="container", height=max(60, 22 * len(rows)))
    )
    return finish(
        titled(
            chart,
            "Where the class is stuck",
            f"The {len(rows)} questions most often not yet right, hardest first.",
            "One bar per exercise question, hardest first: the shares of the "
            "class's latest answers that are right, not yet right, and written "
            "or recorded without a grade.",
        )
    )


def class_misconceptions(misconceptions: pd.DataFrame, top: int = 10) -> alt.Chart:
    """Chart the targeted misconceptions the class hits most.

    Parameters
    ----------
    misconceptions : pandas.DataFrame
        ``ClassRecords.misconceptions()``: columns ``question``,
        ``misconception``, ``message``, ``students`` and ``share``.
    top : int, optional
        How many to draw, the most hit first (1 to 60, default 10).

    Returns
    -------
    altair.Chart
        One bar per misconception: how many students' latest answer hit it;
        its tooltip gives the feedback the book shows for it. A class that
        hit none gets a chart saying so.

    Raises
    ------
    TypeError, ValueError
        If ``misconceptions`` is not a DataFrame with those columns, or
        ``top`` is not an integer from 1 to 60.

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame({"question": ["a.x"], "misconception": ["percent"],
    ...                       "message": ["Write 10% as 0.1."], "students": [3],
    ...                       "share": [0.5]})
    >>> class_misconceptions(table).to_dict()["encoding"]["x"]["field"]
    'students'
    """
    columns = ("question", "misconception", "message", "students", "share")
    rows = chart_checks.check_table(misconceptions, "misconceptions", columns)
    top = check_int(top, "top", 1, 60)
    chart_checks.check_rows(len(rows), "misconceptions", "misconceptions")
    rows = rows.sort_values("students", ascending=False, kind="stable").head(top)
    rows["label"] = rows["misconception"] + "|" + rows["question"]  # two lines
    rows["message"] = [m if len(m) <= 160 else m[:157] + "..." for m in rows["message"]]
    title = "The misconceptions the class hits most"
    if rows.empty:
        empty = pd.DataFrame({"text": ["No targeted misconception fired."]})
        chart = alt.Chart(empty).mark_text(size=14).encode(text="text:N")
        return finish(
            titled(
                chart.properties(width="container", height=60),
                title,
                "None in the class's latest answers.",
                "No student's latest answer hit a targeted misconception.",
            )
        )
    chart = (
        alt.Chart(rows)
        .mark_bar(color=VERDICT_COLORS["not_yet"])
        .encode(
            x=alt.X("students:Q", title="Students whose latest answer hit it"),
            y=alt.Y(
                "label:N",
                title=None,
                sort=rows["label"].tolist(),
                axis=alt.Axis(labelExpr="split(datum.label, '|')", labelLimit=220),
            ),
            tooltip=[
                alt.Tooltip("question:N", title="Question"),
                alt.Tooltip("misconception:N", title="Misconception"),
                alt.Tooltip("message:N", title="The book's feedback"),
                alt.Tooltip("students:Q", title="Students"),
                alt.Tooltip("share:Q", title="Of those who answered", format=".0%"),
            ],
        )
        .properties(width="container", height=max(60, 34 * len(rows)))
    )
    return finish(
        titled(
            chart,
            title,
            "Each bar: a wrong answer the question bank recognises, most common first.",
            "One bar per targeted misconception, most common first: how many "
            "students' latest answer to that question revealed it.",
        )
    )


def _panel(scores: pd.DataFrame, row: pd.Series) -> alt.LayerChart:
    """One question's forecasts: a histogram, the class forecast, the verdict."""
    count = round(1 / BIN_WIDTH)
    edges = np.arange(count + 1) / count
    p = scores["probability"].to_numpy(dtype=float)
    number = np.clip(np.searchsorted(edges, p, side="right") - 1, 0, count - 1)
    bins = pd.DataFrame(
        {
            "start": edges[:-1],
            "end": edges[1:],
            "students": np.bincount(number, minlength=count),
        }
    )
    bins["range"] = [
        f"{a:.2f}-{b:.2f}" for a, b in zip(bins["start"], bins["end"], strict=True)
    ]
    bars = (
        alt.Chart(bins)
        .mark_bar(
            color=ROLE_COLORS["neutral"], stroke=ROLE_COLORS["ink"], strokeWidth=0.5
        )
        .encode(
            x=alt.X(
                "start:Q",
                title="Probability forecast",
                bin="binned",
                scale=alt.Scale(domain=[0, 1]),
            ),
            x2="end:Q",
            y=alt.Y("students:Q", title="Students"),
            tooltip=[
                alt.Tooltip("range:N", title="Forecasts from"),
                alt.Tooltip("students:Q", title="Students"),
            ],
        )
    )
    pool = pd.DataFrame({"x": [row["class_forecast"]], "label": ["class forecast"]})
    rule = alt.Chart(pool).mark_rule(color=ROLE_COLORS["ink"], strokeWidth=2)
    rule = rule.encode(
        x="x:Q", tooltip=[alt.Tooltip("x:Q", title="Class forecast", format=".3f")]
    )
    label = alt.Chart(pool).mark_text(align="left", dx=4, dy=-6, baseline="bottom")
    label = label.encode(x="x:Q", y=alt.value(0), text="label:N")
    if math.isnan(row["outcome"]):
        verdict = [f"Open until {row['resolves_on']}: a later class scores it."]
    else:
        happened = "it happened" if row["outcome"] == 1 else "it did not happen"
        verdict = [
            f"Resolved: {happened}. Brier score of the class forecast "
            f"{row['class_brier']:.3f},",
            f"of the average student {row['mean_brier']:.3f} (lower is better; "
            "always 50%: 0.25).",
        ]
    return alt.layer(bars, rule, label).properties(
        width="container",
        height=150,
        title=alt.Title(
            textwrap.wrap(row["text"], 60, max_lines=3, placeholder=" ..."),
            subtitle=[
                f"{row['forecasts']} forecasts; class forecast (mean) "
                f"{row['class_forecast']:.3f}.",
                *verdict,
            ],
            anchor="start",
            fontSize=13,
        ),
    )


def class_forecasts(scores: pd.DataFrame, pooled: pd.DataFrame) -> alt.VConcatChart:
    """Chart a class's forecasts of each question, its class forecast and score.

    Parameters
    ----------
    scores : pandas.DataFrame
        ``ClassForecasts.scores()`` (or ``.entries``): columns ``question``
        and ``probability``, one row per student's forecast.
    pooled : pandas.DataFrame
        ``ClassForecasts.pooled()`` for the same class: columns ``question``,
        ``text``, ``resolves_on``, ``forecasts``, ``class_forecast``,
        ``outcome``, ``class_brier`` and ``mean_brier``; at most 6 questions.

    Returns
    -------
    altair.VConcatChart
        One panel per question: how many students gave each probability (in
        bins of :data:`BIN_WIDTH`), a line at the class forecast, and, once the
        question has resolved, the Brier scores of the class forecast and of
        the average student.

    Raises
    ------
    TypeError, ValueError
        If a table is not a DataFrame with those columns, ``pooled`` holds
        more than 6 questions, or ``scores`` holds a question ``pooled`` has
        not.

    Examples
    --------
    >>> import pandas as pd
    >>> scores = pd.DataFrame({"question": ["q"] * 2, "probability": [0.1, 0.3]})
    >>> pooled = pd.DataFrame({"question": ["q"], "text": ["Q?"],
    ...     "resolves_on": ["2023-12-31"], "forecasts": [2], "class_forecast": [0.2],
    ...     "outcome": [0.0], "class_brier": [0.04], "mean_brier": [0.05]})
    >>> len(class_forecasts(scores, pooled).to_dict()["vconcat"])
    1
    """
    scores = chart_checks.check_table(scores, "scores", ("question", "probability"))
    columns = ("question", "text", "resolves_on", "forecasts", "class_forecast")
    columns += ("outcome", "class_brier", "mean_brier")
    pooled = chart_checks.check_table(pooled, "pooled", columns)
    if len(pooled) > _MAX_QUESTIONS:
        raise ValueError(
            f"pooled must hold at most {_MAX_QUESTIONS} questions, got {len(pooled)}"
        )
    unknown = sorted(set(scores["question"]) - set(pooled["question"]))
    if unknown:
        raise ValueError(f"scores has questions that pooled has not: {unknown[:3]}")
    panels = [
        _panel(scores[scores["question"] == row["question"]], row)
        for _, row in pooled.iterrows()
    ]
    return finish(
        titled(
            alt.vconcat(*panels),
            "The class's forecasts",
            "Each bar: how many students gave that probability; "
            "line: the class forecast.",
            "For each forecast question, a histogram of the probabilities the "
            "students gave, a line at their mean (the class forecast) and, once "
            "the question has resolved, the Brier score of the class forecast "
            "beside the students' mean Brier score.",
        )
    )
