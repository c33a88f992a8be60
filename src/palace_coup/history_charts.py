"""Charts of the events and the history the book weighs: DataFrames in, charts out.

Importable from :mod:`palace_coup.charts` too. Both charts show sourced data
(``data/timeline.csv``, ``data/cases.csv``), so neither is labelled
hypothetical; their tooltips name each item's source.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from palace_coup import chart_checks, history
from palace_coup.style import (
    FACTION_COLORS,
    FACTION_LABELS,
    ROLE_COLORS,
    faction_color,
    finish,
    titled,
)

__all__ = ["cases", "timeline"]


def timeline(events: pd.DataFrame | None = None) -> alt.Chart:
    """Chart the events of early 2022 that the article weighs, by faction.

    Parameters
    ----------
    events : pandas.DataFrame, optional
        Columns ``date`` (a date, or an ISO date string), ``event``,
        ``faction`` (a faction id or ``"other"``) and ``source`` (a key of
        ``book/references.bib``); at most 5,000 rows. Default:
        :func:`palace_coup.history.timeline`.

    Returns
    -------
    altair.Chart
        One dot per event on a date axis, one row per faction.

    Raises
    ------
    TypeError, ValueError
        If ``events`` is not a DataFrame with those columns.

    Examples
    --------
    >>> timeline().to_dict()["encoding"]["x"]["type"]
    'temporal'
    """
    table = history.timeline() if events is None else events
    columns = ("date", "event", "faction", "source")
    table = chart_checks.check_table(table, "events", columns)
    chart_checks.check_rows(len(table), "events", "events")
    table["faction_label"] = table["faction"].map(FACTION_LABELS)
    chart = (
        alt.Chart(table)
        .mark_point(size=110, filled=True, opacity=0.9)
        .encode(
            x=alt.X(
                "date:T",
                title="Date (2022)",
                axis=alt.Axis(format="%d %b"),
                scale=alt.Scale(padding=12),
            ),
            y=alt.Y(
                "faction_label:N",
                title=None,
                sort=[FACTION_LABELS[i] for i in FACTION_COLORS],
            ),
            color=faction_color(),
            tooltip=[
                alt.Tooltip("date:T", title="Date", format="%d %B %Y"),
                alt.Tooltip("event:N", title="Event"),
                alt.Tooltip("source:N", title="Source (see bibliography)"),
            ],
        )
        .properties(width="container", height=200)
    )
    titled_chart = titled(
        chart,
        "The weeks the article weighs: 31 January to 7 March 2022",
        "Dated events from the book's sources; hover for each event and its source.",
        "A timeline from 31 January to 7 March 2022 with one dot per event, in "
        "one row per faction concerned: Ivashov's appeal, the Security Council "
        "of 21 February, the invasion of 24 February, protest detentions, the "
        "first casualty figures and the FSB tip-off claim.",
    )
    return finish(titled_chart)


def cases(table: pd.DataFrame) -> alt.Chart:
    """Chart Soviet and Russian leadership challenges, 1953 to 2023.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``start`` (ISO date), ``event``, ``type``, ``outcome``,
        ``success`` (bool: did the challenger win) and
        ``counted_as_coup_attempt`` (bool), as :func:`palace_coup.history.cases`;
        at most 5,000 rows.

    Returns
    -------
    altair.Chart
        One mark per case on a year axis: filled if the challenger won,
        hollow if not; shape tells whether it counts as a coup attempt.

    Raises
    ------
    TypeError, ValueError
        If ``table`` is not a DataFrame with those columns.

    Examples
    --------
    >>> cases(history.cases()).to_dict()["encoding"]["shape"]["field"]
    'counted'
    """
    rows = chart_checks.check_table(
        table,
        "table",
        ("start", "event", "type", "outcome", "success", "counted_as_coup_attempt"),
    )
    chart_checks.check_rows(len(rows), "table", "cases")
    rows["result"] = rows["success"].map(
        lambda won: (
            "Challenger won" if str(won).lower() == "true" else "Challenger lost"
        )
    )
    rows["counted"] = rows["counted_as_coup_attempt"].map(
        lambda yes: (
            "Coup attempt (Powell and Thyne)"
            if str(yes).lower() == "true"
            else "Other challenge"
        )
    )
    chart = (
        alt.Chart(rows)
        .mark_point(size=160, strokeWidth=2, color=ROLE_COLORS["ink"])
        .encode(
            x=alt.X(
                "start:T",
                title="Year",
                axis=alt.Axis(format="%Y"),
                scale=alt.Scale(padding=24),
            ),
            y=alt.Y("result:N", title=None),
            shape=alt.Shape("counted:N", title="Counts as"),
            fill=alt.condition(
                "datum.result == 'Challenger won'",
                alt.value(ROLE_COLORS["ink"]),
                alt.value("transparent"),
            ),
            tooltip=[
                alt.Tooltip("start:T", title="Began", format="%d %B %Y"),
                alt.Tooltip("event:N", title="Event"),
                alt.Tooltip("type:N", title="Type"),
                alt.Tooltip("outcome:N", title="Outcome"),
            ],
        )
        .properties(width="container", height=140)
    )
    titled_chart = titled(
        chart,
        "Leadership challenges in Moscow, 1953 to 2023",
        "Filled: the challenger won. Hover for each case.",
        "A timeline of six Soviet and Russian leadership challenges from 1953 "
        "to 2023, split into those the challenger won and those it lost, with "
        "the shape showing which count as coup attempts.",
    )
    return finish(titled_chart)
