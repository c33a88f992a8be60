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
several input sets and compares them with the Python model (to 1e-12). The
controls, and where each starts, come from :mod:`palace_coup.controls`; the
marks from :mod:`palace_coup.figures`.

With ``bind=False`` the live widgets of :mod:`palace_coup.widgets` show the
same charts and set the parameters from Python. Each chart names its explorer
in ``usermeta["palace_coup"]`` (with the inputs no control sets), for the
book's explorable layout (``book/_ext/explorables.py``). All three are
HYPOTHETICAL models, and say so.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import altair as alt
import numpy as np
import pandas as pd

from palace_coup import cascade as cascade_model
from palace_coup import chart_checks, controls, figures, preconditions, style
from palace_coup import loyalty as loyalty_model
from palace_coup._validate import check_int, check_number

__all__ = ["MAX_GROUP", "MAX_MONTHS", "cascade", "loyalty", "weigher"]

MAX_MONTHS = chart_checks.MAX_ROWS // 5 - 1
"""Longest horizon of the loyalty explorer: one row per faction and month."""

MAX_GROUP = chart_checks.MAX_ROWS
"""Largest group of the cascade explorer: one row per insider."""


def _explorer(chart: Any, name: str, **fixed: int) -> Any:
    """Name the explorer a chart is, with the inputs that no control sets."""
    return chart.properties(usermeta={"palace_coup": {"explorer": name, **fixed}})


def _params(
    found: dict[str, controls.Control], values: dict[str, Any], bind: bool
) -> list[alt.Parameter]:
    """Return one parameter per control, starting at ``values[key]``.

    Bound (``bind=True``), each gets the HTML input its control describes:
    a labelled slider, or a drop-down list for a choice.
    """
    params = []
    for key, control in found.items():
        if not bind:
            binding: Any = alt.Undefined
        elif control.options:
            binding = alt.binding_select(
                options=[value for value, _ in control.options],
                labels=[label for _, label in control.options],
                name=f"{control.label} ",
            )
        else:
            binding = alt.binding_range(
                min=control.low,
                max=control.high,
                step=control.step,
                name=f"{control.label} ",
            )
        params.append(alt.param(name=control.param, value=values[key], bind=binding))
    return params


# --- Preconditions weigher ---------------------------------------------------------


def _weigher_parts(
    scores: Mapping[str, float] | None,
    weights: Mapping[str, float] | None,
    rule: Any,
    bind: bool,
) -> tuple[alt.Chart, alt.Chart, list[alt.Parameter]]:
    """Return the weigher's row base, index base and parameters.

    The row base has one row per precondition with ``label``,
    ``faction_label``, ``score``, ``weight``, ``share``, ``contribution``,
    ``sensitivity`` and ``index``; the index base has one row with ``index``,
    ``rule`` and ``index_text``. Both are computed by Vega expressions.
    """
    start = preconditions.score(scores, weights, rule)  # validates the inputs
    found = controls.weigher()
    values: dict[str, Any] = {"rule": start.rule}
    for kind, given in (("score", start.scores), ("weight", start.weights)):
        for key, value in given.items():
            name = f"{kind}s[{key!r}]"
            values[f"{kind}:{key}"] = controls.check(
                found[f"{kind}:{key}"], value, name
            )
    params = _params(found, values, bind)
    table = preconditions.load()
    ids = table["id"].tolist()
    rule_param = found["rule"].param
    s = [found[f"score:{i}"].param for i in ids]
    w = [found[f"weight:{i}"].param for i in ids]
    armed = [found[f"score:{i}"].param for i in preconditions.ARMED]
    # The same operations, in the same order, as preconditions.score().
    total = " + ".join(w)
    numerator = " + ".join(f"{wi} * {si}" for wi, si in zip(w, s, strict=True))
    shared = {
        "total": total,
        "compensatory": f"({numerator}) / datum.total",
        "gate": f"max({', '.join(armed)})",
        "index": f"{rule_param} == 'necessary' ? datum.compensatory * datum.gate"
        " : datum.compensatory",
    }
    rows = pd.DataFrame(
        {
            "i": range(len(ids)),
            "id": ids,
            "label": table["label"],
            "armed": table["armed"],
            "faction_label": table["faction"].map(style.FACTION_LABELS),
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
            contribution=f"{rule_param} == 'necessary'"
            " ? datum.share * datum.score * datum.gate : datum.share * datum.score",
            sensitivity=f"{rule_param} == 'necessary'"
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
            rule=rule_param,
            index_text="datum.total > 0 ? 'Index ' + format(datum.index, '.3f') + ' ('"
            f" + {rule_param} + ' rule)' : 'all weights are zero: give one a weight'",
        )
    )
    return row_base, index_base, params


def weigher(
    scores: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
    rule: str | None = None,
    *,
    bind: bool = True,
    step: float = 0.1,
) -> alt.VConcatChart:
    """Build the precondition weigher that computes in the browser.

    Parameters
    ----------
    scores, weights : mapping of str to float, optional
        Starting scores and weights, within the ranges of their controls
        (:func:`palace_coup.controls.weigher`: scores in [0, 1], weights in
        [0, 5]); ids left out take the defaults, as in
        :func:`palace_coup.preconditions.score`.
    rule : {"compensatory", "necessary"}, optional
        Starting aggregation rule (default: the model's).
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
        As :func:`palace_coup.preconditions.score`; also if a value is
        outside its control's range (a weight above 5, even as a NumPy
        scalar) or ``step`` is not in (0, 1].

    Examples
    --------
    >>> spec = weigher().to_dict()
    >>> len(spec["params"])
    23
    >>> [p["bind"]["name"] for p in spec["params"][:3]]
    ['Aggregation rule ', 'War going badly: score ', 'War going badly: weight ']
    """
    step = check_number(step, "step", 0.0, 1.0, low_open=True)
    rule = controls.weigher()["rule"].default if rule is None else rule
    rows, index_row, params = _weigher_parts(scores, weights, rule, bind)
    chart = alt.vconcat(
        figures.contributions(rows, index_row),
        figures.sensitivity(rows, step),
    ).add_params(*params)
    described = chart.properties(
        description="The precondition weigher (hypothetical model): a gauge of "
        "the coup-conditions index, the contribution of each precondition and "
        "the sensitivity of the index to each, recomputed whenever a score, "
        "weight or the aggregation rule changes."
    )
    return _explorer(style.finish(described), "weigher")


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
    found = controls.loyalty()
    values = {**start, "threshold": curves.attrs["threshold"]}
    values = {k: controls.check(found[k], v, k) for k, v in values.items()}
    params = _params(found, values, bind)
    p = {key: control.param for key, control in found.items()}
    # The same operations, in the same order, as loyalty.curves().
    rate = " + ".join(f"datum.{name} * {p[name]}" for name in loyalty_model.PRESSURES)
    lines = alt.Chart(rows).transform_calculate(
        loyalty=f"datum.baseline * exp(-({rate}) * datum.month)"
    )
    crossings = (
        lines.transform_filter(f"datum.loyalty < {p['threshold']}")
        .transform_joinaggregate(first="min(month)", groupby=["faction"])
        .transform_filter("datum.month == datum.first")
    )
    threshold_row = alt.Chart(pd.DataFrame({"row": [0]})).transform_calculate(
        threshold=p["threshold"]
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
        Horizon in months after 24 February 2022, at most :data:`MAX_MONTHS`
        (default 24).
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
        As :func:`palace_coup.loyalty.curves`, or if ``months`` is above
        :data:`MAX_MONTHS`.

    Examples
    --------
    >>> spec = loyalty(casualties=0.2).to_dict()
    >>> [p["name"] for p in spec["params"]]
    ['ly_casualties', 'ly_sanctions', 'ly_setbacks', 'ly_threshold']
    """
    months = check_int(months, "months", 0)
    if months > MAX_MONTHS:
        raise ValueError(
            f"months must be at most {MAX_MONTHS} in the loyalty explorer "
            f"(one chart row per faction and month), got {months}"
        )
    lines, threshold_row, crossings, params = _loyalty_parts(
        pressures, threshold, months, bind
    )
    figure = figures.loyalty(lines, threshold_row, crossings)
    return _explorer(style.finish(figure.add_params(*params)), "loyalty", months=months)


# --- Cascade explorer ---------------------------------------------------------------


def _cascade_parts(
    mean: float, sd: float, initial: float, n: int, seed: int, bind: bool
) -> tuple[alt.Chart, list[alt.Chart], alt.Chart, list[alt.Parameter]]:
    """Return the cascade explorer's three bases and its parameters."""
    # Validates mean and sd exactly as the model does, then as the controls do.
    cascade_model.thresholds("normal", n, seed, mean=mean, sd=sd)
    found = controls.cascade()
    values = {"mean": mean, "sd": sd, "initial": initial}
    values = {k: controls.check(found[k], v, k) for k, v in values.items()}
    params = _params(found, values, bind)
    m, s, s0 = (found[k].param for k in ("mean", "sd", "initial"))
    tol = cascade_model.TOLERANCE
    draws = pd.DataFrame({"z": np.random.default_rng(seed).standard_normal(n)})
    curve = figures.ecdf(
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
            # A new field: Vega keeps unmoved formulas, an overwrite would stick.
            stop_at="datum.k >= datum.count ? datum.stop_candidate : datum.n"
        )
        .transform_joinaggregate(stop="min(stop_at)")
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
    initial: float | None = None,
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
        Starting mean in [0, 1] and spread in [0, 0.5] of the thresholds
        (defaults from ``data/parameters.yaml``: 0.25 and 0.12).
    initial : float, optional
        Starting share of committed defectors, in [0, 1] (default 0).
    n : int, optional
        Group size, at most :data:`MAX_GROUP` (default 100).
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
        As :func:`palace_coup.cascade.thresholds`, or if a value is outside
        its control's range (see :func:`palace_coup.controls.cascade`) or
        ``n`` is above :data:`MAX_GROUP`.

    Examples
    --------
    >>> spec = cascade(mean=0.3).to_dict()
    >>> [p["name"] for p in spec["params"]]
    ['cs_mean', 'cs_sd', 'cs_initial']
    """
    start = {k: c.default for k, c in controls.cascade().items()}
    mean = start["mean"] if mean is None else mean
    sd = start["sd"] if sd is None else sd
    initial = start["initial"] if initial is None else initial
    n = check_int(n, "n", 1)
    if n > MAX_GROUP:
        raise ValueError(
            f"n must be at most {MAX_GROUP} in the cascade explorer (one chart row "
            f"per insider), got {n}"
        )
    seed = check_int(seed, "seed", 0)
    curve, equilibria, reached, params = _cascade_parts(
        mean, sd, initial, n, seed, bind
    )
    figure = figures.cascade(curve, equilibria, reached)
    return _explorer(
        style.finish(figure.add_params(*params)), "cascade", n=n, seed=seed
    )
