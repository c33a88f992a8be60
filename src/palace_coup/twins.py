"""Kernel-free twins: the models computed in the browser by Vega expressions.

The published book has no Python kernel, so its controls are Altair
parameters bound to HTML inputs (``alt.param(bind=...)``) and its numbers are
computed by Vega expressions in the reader's browser. Each expression here
repeats the closed form of a model function, operation for operation and in
the same order, so that it gives the same floating-point result:

* :func:`weigher` <-> :func:`palace_coup.preconditions.score`;
* :func:`loyalty` <-> :func:`palace_coup.loyalty.curves` and
  :func:`palace_coup.loyalty.crossings`;
* :func:`cascade` <-> :func:`palace_coup.cascade.equilibrium` and
  :func:`palace_coup.cascade.equilibria`, on thresholds
  ``clip(mean + sd * z, 0, 1)`` where ``z`` are the standard-normal draws that
  :func:`palace_coup.cascade.thresholds` makes with the same seed (NumPy's
  ``normal(mean, sd)`` is exactly ``mean + sd * standard_normal()``).

``tests/test_twins.py`` evaluates the expressions with ``vl-convert`` for
several input sets and compares them with the Python model (to 1e-12).

The same charts, built with ``bind=False``, are what the live widgets of
:mod:`palace_coup.widgets` show: the widget sets the parameters from Python,
and the chart updates in place without being redrawn from scratch.
All three are HYPOTHETICAL models, and say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from palace_coup import cascade as cascade_model
from palace_coup import charts, preconditions
from palace_coup import loyalty as loyalty_model
from palace_coup._validate import check_int, check_number

__all__ = [
    "CASCADE_PARAMS",
    "LOYALTY_PARAMS",
    "cascade",
    "loyalty",
    "score_param",
    "weigher",
    "weight_param",
]

RULE_PARAM = "pc_rule"
"""Name of the weigher's rule parameter."""

LOYALTY_PARAMS: dict[str, str] = {
    **{name: f"ly_{name}" for name in loyalty_model.PRESSURES},
    "threshold": "ly_threshold",
}
"""Loyalty explorer input -> parameter name."""

CASCADE_PARAMS: dict[str, str] = {
    "mean": "cs_mean",
    "sd": "cs_sd",
    "initial": "cs_initial",
}
"""Cascade explorer input -> parameter name."""

WEIGHT_MAX = 5.0
"""Largest weight offered by the sliders (only ratios of weights matter)."""


def score_param(precondition_id: str) -> str:
    """Return the parameter name of a precondition's score.

    Parameters
    ----------
    precondition_id : str
        A precondition id.

    Returns
    -------
    str
        ``"pc_s_<id>"``.

    Examples
    --------
    >>> score_param("elite_courage")
    'pc_s_elite_courage'
    """
    return f"pc_s_{precondition_id}"


def weight_param(precondition_id: str) -> str:
    """Return the parameter name of a precondition's weight.

    Parameters
    ----------
    precondition_id : str
        A precondition id.

    Returns
    -------
    str
        ``"pc_w_<id>"``.

    Examples
    --------
    >>> weight_param("elite_courage")
    'pc_w_elite_courage'
    """
    return f"pc_w_{precondition_id}"


def _slider(bind: bool, name: str, low: float, high: float, step: float) -> Any:
    """Return a labelled HTML range input, or nothing when unbound."""
    if not bind:
        return alt.Undefined
    return alt.binding_range(min=low, max=high, step=step, name=name)


# --- Preconditions weigher ---------------------------------------------------------


def _weigher_parts(
    scores: Mapping[str, float] | None,
    weights: Mapping[str, float] | None,
    rule: str,
    bind: bool,
) -> tuple[alt.Chart, alt.Chart, list[alt.Parameter]]:
    """Return the weigher's row base, index base and parameters.

    The row base has one row per precondition with ``label``,
    ``faction_label``, ``score``, ``weight``, ``share``, ``contribution``,
    ``sensitivity`` and ``index``; the index base has one row with ``index``,
    ``rule`` and ``index_text``. Both are computed by Vega expressions.
    """
    start = preconditions.score(scores, weights, rule)  # validates the inputs
    table = preconditions.load()
    ids = table["id"].tolist()
    params: list[alt.Parameter] = [
        alt.param(
            name=RULE_PARAM,
            value=start.rule,
            bind=alt.binding_select(
                options=list(preconditions.RULES), name="Aggregation rule "
            )
            if bind
            else alt.Undefined,
        )
    ]
    for i, row in table.iterrows():
        label = f"{i + 1}. {row['label']}"
        params += [
            alt.param(
                name=score_param(row["id"]),
                value=start.scores[row["id"]],
                bind=_slider(bind, f"{label}: score ", 0, 1, 0.05),
            ),
            alt.param(
                name=weight_param(row["id"]),
                value=start.weights[row["id"]],
                bind=_slider(bind, f"{label}: weight ", 0, WEIGHT_MAX, 0.5),
            ),
        ]
    s = [score_param(i) for i in ids]
    w = [weight_param(i) for i in ids]
    armed = [score_param(i) for i in preconditions.ARMED]
    # The same operations, in the same order, as preconditions.score().
    total = " + ".join(w)
    numerator = " + ".join(f"{wi} * {si}" for wi, si in zip(w, s, strict=True))
    shared = {
        "total": total,
        "compensatory": f"({numerator}) / datum.total",
        "gate": f"max({', '.join(armed)})",
        "index": f"{RULE_PARAM} == 'necessary' ? datum.compensatory * datum.gate"
        " : datum.compensatory",
    }
    rows = pd.DataFrame(
        {
            "i": range(len(ids)),
            "id": ids,
            "label": table["label"],
            "armed": table["armed"],
            "faction_label": [charts.FACTION_LABELS[charts.faction_of(i)] for i in ids],
        }
    )
    row_base = (
        alt.Chart(rows)
        .transform_calculate(**shared)
        .transform_calculate(
            score=f"[{', '.join(s)}][datum.i]",
            weight=f"[{', '.join(w)}][datum.i]",
        )
        .transform_calculate(share="datum.weight / datum.total")
        .transform_calculate(
            contribution=f"{RULE_PARAM} == 'necessary'"
            " ? datum.share * datum.score * datum.gate : datum.share * datum.score",
            sensitivity=f"{RULE_PARAM} == 'necessary'"
            " ? datum.share * datum.gate"
            " + ((datum.armed && datum.score == datum.gate) ? datum.compensatory : 0)"
            " : datum.share",
        )
        .transform_filter("datum.total > 0")
    )
    index_base = (
        alt.Chart(pd.DataFrame({"row": [0]}))
        .transform_calculate(**shared)
        .transform_calculate(
            rule=RULE_PARAM,
            index_text="datum.total > 0 ? format(datum.index, '.3f') + ' ('"
            f" + {RULE_PARAM} + ' rule)' : 'all weights are zero: give one a weight'",
        )
    )
    return row_base, index_base, params


def weigher(
    scores: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
    rule: str = "compensatory",
    *,
    bind: bool = True,
    step: float = 0.1,
) -> alt.VConcatChart:
    """Build the precondition weigher that computes in the browser.

    Parameters
    ----------
    scores, weights : mapping of str to float, optional
        Starting scores in [0, 1] and weights in [0, 5]; ids left out take
        the defaults, as in :func:`palace_coup.preconditions.score`.
    rule : {"compensatory", "necessary"}, optional
        Starting aggregation rule.
    bind : bool, optional
        If True (default), every score, weight and the rule get a labelled
        HTML input under the chart (for the static book). If False, the
        parameters are left for Python to set (the live widget).
    step : float, optional
        Step of the sensitivity chart (see :func:`palace_coup.charts.sensitivity`).

    Returns
    -------
    altair.VConcatChart
        The contributions figure above the sensitivity figure, both computed
        from the parameters by Vega expressions.

    Raises
    ------
    TypeError, ValueError
        As :func:`palace_coup.preconditions.score`; also if a weight is above
        5 (the sliders' range) or ``step`` is not in (0, 1].

    Examples
    --------
    >>> spec = weigher().to_dict()
    >>> len(spec["params"])
    23
    >>> [p["bind"]["name"] for p in spec["params"][:3]]
    ['Aggregation rule ', '1. War going badly: score ', '1. War going badly: weight ']
    """
    if weights is not None:
        for key, value in dict(weights).items():
            if isinstance(value, int | float) and value > WEIGHT_MAX:
                raise ValueError(
                    f"weights[{key!r}] must be a number in [0, {WEIGHT_MAX:g}] "
                    f"for the weigher, got {value}"
                )
    step = check_number(step, "step", 0.0, 1.0, low_open=True)
    rows, index_row, params = _weigher_parts(scores, weights, rule, bind)
    chart = alt.vconcat(
        charts._contributions_figure(rows, index_row),
        charts._sensitivity_figure(rows, step),
    ).add_params(*params)
    return chart.properties(
        description="The precondition weigher (hypothetical model): a gauge of "
        "the coup-conditions index, the contribution of each precondition and "
        "the sensitivity of the index to each, recomputed whenever a score, "
        "weight or the aggregation rule changes."
    )


# --- Loyalty explorer ---------------------------------------------------------------


def _loyalty_parts(
    pressures: Mapping[str, float],
    threshold: float,
    months: int,
    bind: bool,
) -> tuple[alt.Chart, alt.Chart, alt.Chart, list[alt.Parameter]]:
    """Return the loyalty explorer's three bases and its parameters."""
    curves = loyalty_model.curves(months, threshold=threshold, **pressures)
    start = curves.attrs["pressures"]
    table = loyalty_model.factions()
    rows = table.loc[
        np.repeat(np.arange(len(table)), months + 1),
        ["faction", "label", "baseline", *loyalty_model.PRESSURES],
    ].reset_index(drop=True)
    rows["month"] = np.tile(np.arange(months + 1), len(table))
    rows = rows.rename(columns={"label": "faction_label"})
    labels = {
        "casualties": "Casualties (pressure 0-1) ",
        "sanctions": "Sanctions (pressure 0-1) ",
        "setbacks": "Battlefield setbacks (pressure 0-1) ",
    }
    params = [
        alt.param(
            name=LOYALTY_PARAMS[name],
            value=start[name],
            bind=_slider(bind, labels[name], 0, 1, 0.05),
        )
        for name in loyalty_model.PRESSURES
    ]
    params.append(
        alt.param(
            name=LOYALTY_PARAMS["threshold"],
            value=curves.attrs["threshold"],
            bind=_slider(bind, "Defection threshold (loyalty 0-1) ", 0, 1, 0.05),
        )
    )
    # The same operations, in the same order, as loyalty.curves().
    rate = " + ".join(
        f"datum.{name} * {LOYALTY_PARAMS[name]}" for name in loyalty_model.PRESSURES
    )
    lines = alt.Chart(rows).transform_calculate(
        loyalty=f"datum.baseline * exp(-({rate}) * datum.month)"
    )
    crossings = (
        lines.transform_filter(f"datum.loyalty < {LOYALTY_PARAMS['threshold']}")
        .transform_joinaggregate(first="min(month)", groupby=["faction"])
        .transform_filter("datum.month == datum.first")
    )
    threshold_row = alt.Chart(pd.DataFrame({"row": [0]})).transform_calculate(
        threshold=LOYALTY_PARAMS["threshold"]
    )
    return lines, threshold_row, crossings, params


def loyalty(
    months: int = loyalty_model.DEFAULT_MONTHS,
    *,
    threshold: float = loyalty_model.DEFECTION_THRESHOLD,
    bind: bool = True,
    **pressures: float,
) -> alt.LayerChart:
    """Build the loyalty explorer that computes in the browser.

    Parameters
    ----------
    months : int, optional
        Horizon in months after 24 February 2022 (default 24).
    threshold : float, optional
        Starting defection threshold in [0, 1] (default 0.5).
    bind : bool, optional
        If True (default), each pressure and the threshold get a labelled
        slider (static book); if False, Python sets them (live widget).
    **pressures : float
        Starting intensities in [0, 1] of ``casualties``, ``sanctions``,
        ``setbacks`` (default 0.5 each).

    Returns
    -------
    altair.LayerChart
        The loyalty figure of :func:`palace_coup.charts.loyalty_curves`,
        computed by Vega expressions.

    Raises
    ------
    TypeError, ValueError
        As :func:`palace_coup.loyalty.curves`.

    Examples
    --------
    >>> spec = loyalty(casualties=0.2).to_dict()
    >>> [p["name"] for p in spec["params"]]
    ['ly_casualties', 'ly_sanctions', 'ly_setbacks', 'ly_threshold']
    """
    months = check_int(months, "months", 0)
    lines, threshold_row, crossings, params = _loyalty_parts(
        pressures, threshold, months, bind
    )
    return charts._loyalty_figure(lines, threshold_row, crossings).add_params(*params)


# --- Cascade explorer ---------------------------------------------------------------


def _normal_draws(n: int, seed: int) -> np.ndarray:
    """Return the draws behind ``cascade.thresholds("normal", n, seed)``."""
    return np.random.default_rng(seed).standard_normal(n)


def _cascade_parts(
    mean: float, sd: float, initial: float, n: int, seed: int, bind: bool
) -> tuple[alt.Chart, list[alt.Chart], alt.Chart, list[alt.Parameter]]:
    """Return the cascade explorer's three bases and its parameters."""
    # Validates mean and sd exactly as the model does.
    cascade_model.thresholds("normal", n, seed, mean=mean, sd=sd)
    initial = check_number(initial, "initial", 0.0, 1.0)
    m, s, s0 = (CASCADE_PARAMS[k] for k in ("mean", "sd", "initial"))
    params = [
        alt.param(
            name=m,
            value=mean,
            bind=_slider(bind, "Mean threshold (share 0-1) ", 0, 1, 0.01),
        ),
        alt.param(
            name=s,
            value=sd,
            bind=_slider(bind, "Spread of thresholds (sd, 0-1) ", 0, 0.5, 0.01),
        ),
        alt.param(
            name=s0,
            value=initial,
            bind=_slider(bind, "Initial share of defectors (0-1) ", 0, 1, 0.01),
        ),
    ]
    tol = cascade_model.TOLERANCE
    draws = pd.DataFrame({"z": _normal_draws(n, seed)})
    curve = charts._ecdf(
        alt.Chart(draws).transform_calculate(
            threshold=f"clamp({m} + {s} * datum.z, 0, 1)"
        )
    )
    # cascade._equilibrium_sorted, row by row: k is the 0-based sorted rank.
    steps = (
        curve.transform_window(
            previous="lag(threshold)",
            sort=[alt.SortField("threshold", "ascending")],
        )
        .transform_calculate(
            met=f"datum.threshold <= {s0} + {tol!r} ? 1 : 0",
            stop_candidate=f"datum.threshold > datum.k / datum.n + {tol!r}"
            " ? datum.k : datum.n",
            resting=f"(datum.k == 0 || datum.previous <= datum.k / datum.n + {tol!r})"
            f" && datum.threshold > datum.k / datum.n + {tol!r}",
        )
        .transform_joinaggregate(count="sum(met)")
        .transform_calculate(
            stop_candidate="datum.k >= datum.count ? datum.stop_candidate : datum.n"
        )
        .transform_joinaggregate(stop="min(stop_candidate)")
    )
    equilibria = steps.transform_filter("datum.resting").transform_calculate(
        share="datum.k / datum.n"
    )
    # F(1) = 1 always: everyone defecting is always a resting point.
    everyone = alt.Chart(pd.DataFrame({"share": [1.0]}))
    reached = (
        steps.transform_filter("datum.k == 0")
        .transform_calculate(
            initial=s0,
            equilibrium=f"datum.count / datum.n <= {s0} ? {s0} : datum.stop / datum.n",
        )
        .transform_calculate(
            equilibrium_text="'stops at ' + format(datum.equilibrium, '.0%')"
        )
    )
    return curve, [equilibria, everyone], reached, params


def cascade(
    mean: float | None = None,
    sd: float | None = None,
    initial: float = 0.0,
    *,
    n: int = 100,
    seed: int = 0,
    bind: bool = True,
) -> alt.LayerChart:
    """Build the cascade explorer (threshold diagram) that computes in the browser.

    The group's thresholds are ``clip(mean + sd * z, 0, 1)`` with ``z`` the
    seeded standard-normal draws of
    ``palace_coup.cascade.thresholds("normal", n, seed, mean=mean, sd=sd)``.

    Parameters
    ----------
    mean, sd : float, optional
        Starting mean and spread of the thresholds, in [0, 1] (defaults from
        ``data/parameters.yaml``: 0.25 and 0.12).
    initial : float, optional
        Starting share of committed defectors, in [0, 1] (default 0).
    n : int, optional
        Group size (default 100).
    seed : int, optional
        Seed of the draws (default 0).
    bind : bool, optional
        If True (default), mean, spread and initial share get labelled sliders;
        if False, Python sets them (live widget).

    Returns
    -------
    altair.LayerChart
        The diagram of :func:`palace_coup.charts.cascade`, with the resting
        points and the equilibrium computed by Vega expressions.

    Raises
    ------
    TypeError, ValueError
        As :func:`palace_coup.cascade.thresholds`, or if ``initial`` is not in
        [0, 1].

    Examples
    --------
    >>> spec = cascade(mean=0.3).to_dict()
    >>> [p["name"] for p in spec["params"]]
    ['cs_mean', 'cs_sd', 'cs_initial']
    """
    defaults = cascade_model.DEFAULT_PARAMETERS["normal"]
    mean = float(defaults["mean"]) if mean is None else mean
    sd = float(defaults["sd"]) if sd is None else sd
    n = check_int(n, "n", 1)
    seed = check_int(seed, "seed", 0)
    curve, equilibria, reached, params = _cascade_parts(
        mean, sd, initial, n, seed, bind
    )
    return charts._cascade_figure(curve, equilibria, reached).add_params(*params)
