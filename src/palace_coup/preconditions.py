r"""Coup preconditions named in Thornton's article, and an index built from them.

HYPOTHETICAL MODEL. This is a teaching device for asking "how close were the
conditions for a palace coup in March 2022?", not a forecast. Its defaults
(weights and "how present in March 2022" scores, in ``data/preconditions.csv``)
are our judgements, each with a one-sentence rationale; change them and watch
the index move.

Assumptions
-----------
* Nine preconditions are the ones the article names (see the ``passage``
  column for where); two more, marked ``in_article`` False, are the guard
  forces a move in Moscow would meet (FSO, Rosgvardiya). Each is scored in
  [0, 1] so that HIGHER = MORE favourable to a coup (0 = absent, 1 = fully
  present).
* Preconditions can be weighed against each other with fixed non-negative
  weights (the importance of one does not depend on the level of another),
  except where the ``"necessary"`` rule says otherwise.
* Four preconditions are *armed*: defection by the military, the FSB, the FSO
  or Rosgvardiya (the SVR works abroad and is not). The ``"necessary"`` rule
  assumes no palace coup succeeds unless at least one armed structure defects
  (Luttwak 1968; Singh 2014 on "making a fact").

The two aggregation rules
-------------------------
With scores :math:`s_i`, weights :math:`w_i \ge 0` (not all zero) and shares
:math:`a_i = w_i / \sum_j w_j`:

``"compensatory"``
    The weighted mean :math:`C = \sum_i w_i s_i / \sum_i w_i`. A weak
    precondition can be made up for by a strong one.
``"necessary"``
    :math:`C \times G` with the *gate* :math:`G = \max` of the armed
    preconditions' scores (weights play no part in the gate). If every armed
    structure is fully loyal (all armed scores 0) the index is 0 however
    strong the other pressures are; the gate opens as far as the *most*
    disloyal armed structure, because one is enough to "make a fact".

Both are closed forms without iteration, so the kernel-free charts can compute
them in a Vega expression: ``numerator`` and ``denominator`` are summed left to
right in the CSV order, then ``C = numerator / denominator`` and, under the
necessary rule, ``index = C * G``. Both rules give an index in [0, 1] that
never falls when a score rises.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from palace_coup import _data
from palace_coup._validate import check_choice, check_mapping
from palace_coup.probability import (
    DEFAULT_BASE_RATE,
    DEFAULT_MIDPOINT,
    DEFAULT_STEEPNESS,
    MAX_STEEPNESS,
    illustrative_probability,
)

__all__ = [
    "ARMED",
    "DEFAULT_BASE_RATE",
    "DEFAULT_MIDPOINT",
    "DEFAULT_STEEPNESS",
    "MAX_STEEPNESS",
    "RULES",
    "Assessment",
    "ids",
    "illustrative_probability",
    "load",
    "presets",
    "score",
]

RULES: tuple[str, ...] = ("compensatory", "necessary")
"""The aggregation rules :func:`score` accepts."""


@functools.cache
def _table() -> pd.DataFrame:
    """Read ``data/preconditions.csv`` once, with tidy dtypes."""
    table = _data.csv("preconditions.csv")
    table["armed"] = table["armed"].astype(bool)
    table["weight"] = table["weight"].astype(float)
    table["score"] = table["score"].astype(float)
    return table


@functools.cache
def _columns() -> dict[str, tuple]:
    """Return the columns of :func:`_table` as tuples, read once (pandas is slow)."""
    table = _table()
    return {name: tuple(table[name].tolist()) for name in table.columns}


def load() -> pd.DataFrame:
    """Return the preconditions with their default weights and scores.

    The defaults are hypothetical judgements about early March 2022, each with a
    one-sentence ``rationale``.

    Returns
    -------
    pandas.DataFrame
        One row per precondition, indexed 0 to 10, with columns ``id``,
        ``label``, ``description``, ``passage`` (id of the article passage it
        comes from), ``armed`` (bool: is it an armed structure's defection),
        ``faction`` (the faction it concerns: an id of
        :func:`palace_coup.loyalty.factions`, or ``"other"``), ``weight``
        (default, >= 0), ``score`` (default, in [0, 1]; higher = more
        favourable to a coup), ``rationale`` and ``in_article`` (bool: False
        for the two preconditions the book adds beyond the article, whose
        ``passage`` is missing). A fresh copy each call.

    Examples
    --------
    >>> table = load()
    >>> list(table.columns[:3])
    ['id', 'label', 'description']
    >>> table.loc[table["armed"], "id"].tolist()  # doctest: +NORMALIZE_WHITESPACE
    ['military_disloyalty', 'fsb_disloyalty', 'fso_disloyalty',
     'rosgvardiya_disloyalty']
    >>> table.set_index("id").loc["elite_courage", "faction"]
    'elite'
    """
    return _table().copy()


def ids() -> list[str]:
    """Return the precondition ids in their fixed order.

    Returns
    -------
    list of str
        The eleven ids, in the order of ``data/preconditions.csv``.

    Examples
    --------
    >>> ids()[:3]
    ['war_going_badly', 'public_opposition', 'military_casualties']
    >>> len(ids())
    11
    """
    return _table()["id"].tolist()


ARMED: tuple[str, ...] = tuple(_table().loc[_table()["armed"], "id"])
"""Ids of the armed preconditions, which make up the gate of the necessary rule."""


@dataclass(frozen=True, eq=False)
class Assessment:
    """The result of :func:`score`: an index and how it was built.

    Attributes
    ----------
    index : float
        The index in [0, 1] under ``rule`` (higher = conditions more
        favourable to a coup). Hypothetical.
    rule : str
        ``"compensatory"`` or ``"necessary"``.
    scores, weights : dict of str to float
        The scores and weights used, defaults filled in, in id order.
    compensatory_index : float
        The weighted mean :math:`C`, whatever the rule.
    gate : float
        The largest armed score :math:`G`, whatever the rule (it only enters
        the index under the necessary rule).
    shares : tuple of float
        Each weight as a share of the total weight, in id order.
    contributions : pandas.DataFrame
        One row per precondition: ``id``, ``label``, ``armed``, ``score``,
        ``weight``, ``share`` (weight / total weight) and ``contribution``
        (``share * score``, times the gate under the necessary rule). Under
        both rules the contributions add up to ``index`` (to rounding).
    sensitivity : pandas.DataFrame
        One row per precondition: ``id``, ``label``, ``armed``,
        ``sensitivity`` = the derivative of the index with respect to that
        score (see :func:`score`).
    """

    index: float
    rule: str
    scores: dict[str, float]
    weights: dict[str, float]
    compensatory_index: float
    gate: float
    shares: tuple[float, ...] = field(repr=False)
    _contribution: tuple[float, ...] = field(repr=False)
    _sensitivity: tuple[float, ...] = field(repr=False)

    # The two tables are built on first use: pandas takes most of the time of
    # score(), and a class of 2,000 loaded by palace_coup.classroom needs only
    # the index.
    @functools.cached_property
    def contributions(self) -> pd.DataFrame:  # noqa: D102 - see the class
        table = _columns()
        return pd.DataFrame(
            {
                "id": list(table["id"]),
                "label": list(table["label"]),
                "armed": list(table["armed"]),
                "score": np.array(list(self.scores.values()), dtype=float),
                "weight": np.array(list(self.weights.values()), dtype=float),
                "share": np.array(self.shares, dtype=float),
                "contribution": np.array(self._contribution, dtype=float),
            }
        )

    @functools.cached_property
    def sensitivity(self) -> pd.DataFrame:  # noqa: D102 - see the class
        table = _columns()
        return pd.DataFrame(
            {
                "id": list(table["id"]),
                "label": list(table["label"]),
                "armed": list(table["armed"]),
                "sensitivity": np.array(self._sensitivity, dtype=float),
            }
        )

    def probability(
        self,
        base_rate: float = DEFAULT_BASE_RATE,
        steepness: float = DEFAULT_STEEPNESS,
        midpoint: float = DEFAULT_MIDPOINT,
    ) -> float:
        """Map this index to an ILLUSTRATIVE probability.

        See :func:`illustrative_probability`; the defaults are hypothetical.

        Parameters
        ----------
        base_rate : float, optional
            Probability at ``index == midpoint``, in (0, 1).
        steepness : float, optional
            Change in log-odds per unit of index, >= 0.
        midpoint : float, optional
            Index at which the probability equals ``base_rate``, in [0, 1].

        Returns
        -------
        float
            The illustrative probability, in (0, 1).

        Raises
        ------
        TypeError, ValueError
            As :func:`illustrative_probability`.

        Examples
        --------
        >>> result = score({i: 0.5 for i in ids()})
        >>> result.probability(base_rate=0.1, steepness=4)
        0.1
        """
        return illustrative_probability(self.index, base_rate, steepness, midpoint)


def score(
    scores: Mapping[str, float] | None = None,
    weights: Mapping[str, float] | None = None,
    rule: str = "compensatory",
) -> Assessment:
    r"""Combine the preconditions into a hypothetical index in [0, 1].

    Parameters
    ----------
    scores : mapping of str to float, optional
        Precondition id -> how present it is, in [0, 1] (higher = more
        favourable to a coup). Ids left out take their default score.
    weights : mapping of str to float, optional
        Precondition id -> weight, >= 0. Ids left out take their default
        weight. Only the ratios matter; the weights must not all be zero.
    rule : {"compensatory", "necessary"}, optional
        How to combine them (see the module docstring):
        ``"compensatory"`` gives the weighted mean :math:`C`;
        ``"necessary"`` gives :math:`C \times G`, with :math:`G` the largest
        armed score, so no armed defection means an index of 0.

    Returns
    -------
    Assessment
        With ``index``, ``contributions`` and ``sensitivity``.

        Sensitivity is computed analytically. Under the compensatory rule it
        is the share :math:`a_i = w_i / \sum_j w_j`. Under the necessary rule
        it is :math:`a_i G + C \, \partial G / \partial s_i`, where
        :math:`\partial G / \partial s_i` is 1 if ``i`` is armed and its
        score equals the gate, else 0. Where the maximum is not
        differentiable (several armed scores tied at the top) this is the
        one-sided derivative for a *rise* in that score alone: raising any
        tied armed score lifts the gate one-for-one.

    Raises
    ------
    TypeError
        If ``scores`` or ``weights`` is not a mapping, or holds a value that is
        not a number (a string or a bool).
    ValueError
        If a key is not a precondition id, a score is outside [0, 1], a weight
        is negative, any value is NaN or infinite, all weights are zero, or
        ``rule`` is unknown. The message names the argument and the key.
        Weights as small as ``5e-324`` or as large as ``1e308`` are fine:
        only their ratios are used.

    Examples
    --------
    >>> result = score()
    >>> round(result.index, 4)
    0.2184
    >>> round(score(rule="necessary").index, 4)
    0.0546
    >>> score(dict.fromkeys(ARMED, 0.0), rule="necessary").index
    0.0
    >>> round(float(result.contributions["contribution"].sum()), 4)
    0.2184
    >>> score({"elite_courage": 1.5})
    Traceback (most recent call last):
    ...
    ValueError: scores['elite_courage'] must be a number in [0, 1], got 1.5
    """
    rule = check_choice(rule, "rule", RULES)
    table = _columns()
    id_list = table["id"]
    given_scores = check_mapping(scores, "scores", id_list, 0.0, 1.0)
    given_weights = check_mapping(weights, "weights", id_list, 0.0, None)
    score_values = [
        given_scores.get(key, default)
        for key, default in zip(id_list, table["score"], strict=True)
    ]
    weight_values = [
        given_weights.get(key, default)
        for key, default in zip(id_list, table["weight"], strict=True)
    ]
    if max(weight_values) == 0.0:
        raise ValueError(
            "weights must not all be zero: give at least one precondition a weight > 0"
        )
    # Only the ratios matter: scale by a power of two so that the largest
    # weight is in [0.5, 1). The scaling is exact, so ordinary weights give
    # the same bits as unscaled, while 5e-324 or 1e308 no longer under- or
    # overflow.
    exponent = math.frexp(max(weight_values))[1]
    scaled = [math.ldexp(w, -exponent) for w in weight_values]
    total_weight = sum(scaled)
    armed = table["armed"]
    # Left-to-right sums in CSV order, so a Vega expression can match exactly.
    numerator = sum(w * s for w, s in zip(scaled, score_values, strict=True))
    compensatory = numerator / total_weight
    gate = max(s for s, is_armed in zip(score_values, armed, strict=True) if is_armed)
    shares = [w / total_weight for w in scaled]

    if rule == "compensatory":
        index = compensatory
        contribution = [a * s for a, s in zip(shares, score_values, strict=True)]
        sensitivity = list(shares)
    else:
        index = compensatory * gate
        contribution = [a * s * gate for a, s in zip(shares, score_values, strict=True)]
        sensitivity = [
            a * gate + (compensatory if (is_armed and s == gate) else 0.0)
            for a, s, is_armed in zip(shares, score_values, armed, strict=True)
        ]

    return Assessment(
        index=float(index),
        rule=rule,
        scores=dict(zip(id_list, score_values, strict=True)),
        weights=dict(zip(id_list, weight_values, strict=True)),
        compensatory_index=float(compensatory),
        gate=float(gate),
        shares=tuple(float(a) for a in shares),
        _contribution=tuple(float(c) for c in contribution),
        _sensitivity=tuple(float(x) for x in sensitivity),
    )


def presets() -> pd.DataFrame:
    """Score the weigher's presets: three HYPOTHETICAL readings of March 2022.

    Returns
    -------
    pandas.DataFrame
        One row per preset of ``data/presets.yaml``: ``preset`` (key),
        ``label``, ``rule``, ``index`` (:func:`score` under its own rule),
        ``rationale``, then one ``score:<id>`` and one ``weight:<id>`` column
        per precondition (ids a preset leaves out take the defaults).

    Examples
    --------
    >>> table = presets().set_index("preset")
    >>> table.index.tolist(), table.loc["sceptic", "weight:elite_courage"]
    (['article', 'sceptic', 'alarmist'], np.float64(4.0))
    """
    rows = []
    for key, chosen in _data.yaml_file("presets.yaml").items():
        result = score(chosen["scores"], chosen["weights"], chosen["rule"])
        rows.append(
            {
                "preset": key,
                "label": chosen["label"],
                "rule": result.rule,
                "index": result.index,
                "rationale": " ".join(chosen["rationale"].split()),
                **{f"score:{k}": v for k, v in result.scores.items()},
                **{f"weight:{k}": v for k, v in result.weights.items()},
            }
        )
    return pd.DataFrame(rows)
