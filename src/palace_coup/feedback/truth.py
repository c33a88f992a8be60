"""Expected answers computed from the model.

The question bank names an expected answer either as a literal or as
``{compute: <name>, ...arguments}``; :func:`_resolve` looks ``<name>`` up in
:data:`_COMPUTE` and asks the model, so changing a model default changes the
expected answer too.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from palace_coup import cascade, forecast, history, loyalty, preconditions


def _preconditions_of_passage(passage: str) -> list[str]:
    table = preconditions.load()
    return table.loc[table["passage"] == passage, "id"].tolist()


def _passage_of(precondition: str) -> str:
    table = preconditions.load().set_index("id")
    return str(table.loc[precondition, "passage"])


def _default_scores_unweighted_mean() -> float:
    return float(preconditions.load()["score"].mean())


def _default_weighted_sum() -> float:
    table = preconditions.load()
    return float((table["weight"] * table["score"]).sum())


def _default_weighted_sum_over_count() -> float:
    return _default_weighted_sum() / len(preconditions.ids())


def _index(rule: str = "compensatory", scores: Mapping | None = None) -> float:
    return preconditions.score(scores=scores, rule=rule).index


def _gate_holder() -> str:
    table = preconditions.load()
    armed = table.loc[table["armed"]]
    return str(armed.loc[armed["score"].idxmax(), "id"])


def _gate(mode: str = "max") -> float:
    table = preconditions.load()
    armed = table.loc[table["armed"], "score"]
    return float({"max": armed.max, "min": armed.min, "mean": armed.mean}[mode]())


def _most_sensitive(rule: str) -> list[str]:
    table = preconditions.score(rule=rule).sensitivity
    top = table["sensitivity"].max()
    return table.loc[np.isclose(table["sensitivity"], top), "id"].tolist()


def _index_rise(precondition: str, value: float, rule: str) -> float:
    return _index(rule, {precondition: value}) - _index(rule)


def _loyalty_at(faction: str, month: int, **pressures: float) -> float:
    table = loyalty.curves(month, **pressures)
    row = table.loc[(table["faction"] == faction) & (table["month"] == month)]
    return float(row["loyalty"].iloc[0])


def _loyalty_fall(faction: str, month: int, **pressures: float) -> float:
    """Share of its month-0 loyalty that a faction has lost by ``month``."""
    return 1.0 - _loyalty_at(faction, month, **pressures) / _loyalty_at(
        faction, 0, **pressures
    )


def _linear_loyalty_at(faction: str, month: int, **pressures: float) -> float:
    row = loyalty.factions().set_index("faction").loc[faction]
    rate = sum(float(row[name]) * value for name, value in pressures.items())
    return float(row["baseline"]) * (1.0 - rate * month)


def _crossing(faction: str, threshold: float | None = None, **pressures: float):
    table = loyalty.crossings(
        threshold=loyalty.DEFECTION_THRESHOLD if threshold is None else threshold,
        **pressures,
    ).set_index("faction")
    month = table.loc[faction, "month"]
    return None if pd.isna(month) else int(month)


def _continuous_crossing(faction: str, **pressures: float) -> float:
    row = loyalty.factions().set_index("faction").loc[faction]
    given = {**loyalty.DEFAULT_PRESSURES, **pressures}
    rate = sum(float(row[name]) * given[name] for name in loyalty.PRESSURES)
    return math.log(float(row["baseline"]) / loyalty.DEFECTION_THRESHOLD) / rate


def _first_to_cross(**pressures: float) -> list[str]:
    table = loyalty.crossings(**pressures).dropna(subset=["month"])
    first = table["month"].min()
    return table.loc[table["month"] == first, "faction"].tolist()


def _later_or_earlier(faction: str, threshold: float) -> str:
    before, after = _crossing(faction), _crossing(faction, threshold)
    return "earlier" if after < before else ("later" if after > before else "same")


def _equilibrium(thresholds: list[float], initial: float = 0.0) -> float:
    return float(cascade.equilibrium(thresholds, initial=initial))


def _granovetter(replace: Mapping | None = None, size: int = 100) -> float:
    thresholds = [i / size for i in range(size)]
    for position, value in (replace or {}).items():
        thresholds[int(position)] = value
    return _equilibrium(thresholds)


def _tipping_point(distribution: str, step: float = 0.01, **params: float) -> float:
    group = cascade.thresholds(distribution, method="quantile", **params)
    for i in range(round(1 / step) + 1):
        initial = round(i * step, 10)
        if _equilibrium(group, initial) >= 1.0 - 1e-9:
            return initial
    return 1.0


def _cases(only: str | None = None) -> pd.DataFrame:
    """All cases, or those where the boolean column ``only`` is True."""
    table = history.cases()
    return table if only is None else table.loc[table[only]]


def _case_count(only: str | None = None) -> int:
    return len(_cases(only))


def _success_count(only: str | None = None) -> int:
    return int(_cases(only)["success"].sum())


def _success_share(only: str | None = None) -> float:
    return float(_cases(only)["success"].mean())


def _base_rate(quantity: str) -> float:
    table = history.base_rates().set_index("id")
    return float(table.loc[quantity, "value"])


def _share_of_removals(quantity: str) -> float:
    return _base_rate(quantity) / _base_rate("dictators_removed_irregularly")


def _brier(forecasts: list[float], outcomes: list[int]) -> float:
    return float(forecast.brier(forecasts, outcomes))


_COMPUTE: dict[str, Callable[..., Any]] = {
    "precondition_ids": preconditions.ids,
    "armed_ids": lambda: list(preconditions.ARMED),
    "preconditions_of_passage": _preconditions_of_passage,
    "passage_of": _passage_of,
    "unweighted_mean": _default_scores_unweighted_mean,
    "weighted_sum": _default_weighted_sum,
    "weighted_sum_over_count": _default_weighted_sum_over_count,
    "index": _index,
    "gate": _gate,
    "gate_holder": _gate_holder,
    "most_sensitive": _most_sensitive,
    "index_rise": _index_rise,
    "faction_ids": lambda: loyalty.factions()["faction"].tolist(),
    "baseline": lambda faction: float(
        loyalty.factions().set_index("faction").loc[faction, "baseline"]
    ),
    "loyalty_at": _loyalty_at,
    "loyalty_fall": _loyalty_fall,
    "faction_value": lambda faction, column: float(
        loyalty.factions().set_index("faction").loc[faction, column]
    ),
    "threshold_parameter": lambda distribution, name: float(
        cascade.DEFAULT_PARAMETERS[distribution][name]
    ),
    "linear_loyalty_at": _linear_loyalty_at,
    "crossing": _crossing,
    "defection_threshold": lambda: loyalty.DEFECTION_THRESHOLD,
    "continuous_crossing": _continuous_crossing,
    "first_to_cross": _first_to_cross,
    "later_or_earlier": _later_or_earlier,
    "equilibrium": _equilibrium,
    "granovetter": _granovetter,
    "tipping_point": _tipping_point,
    "case_count": _case_count,
    "success_count": _success_count,
    "success_share": _success_share,
    "base_rate": _base_rate,
    "share_of_removals": _share_of_removals,
    "brier": _brier,
}


def _resolve(spec: Any) -> Any:
    """Return a literal from the bank, or compute it when it says ``compute``."""
    if isinstance(spec, Mapping) and "compute" in spec:
        arguments = {key: value for key, value in spec.items() if key != "compute"}
        return _COMPUTE[spec["compute"]](**arguments)
    return spec
