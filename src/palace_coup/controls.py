"""The explorers' controls, defined once (``data/controls.yaml``).

Each explorer's inputs (name, label, range, step, default, one line of help)
are data. :mod:`palace_coup.twins` turns them into Altair parameters bound to
HTML inputs and :mod:`palace_coup.widgets` into ipywidgets, so the static
book and a live notebook offer the same controls; ``tests/test_controls.py``
checks the built objects against each other. Defaults are read from the
model's own data where it holds them, so changing a default there moves the
book, the widgets and the twins together.

Controls are keyed as the rest of the package names inputs: ``"rule"``,
``"score:<id>"`` and ``"weight:<id>"`` for the weigher (as in
:func:`palace_coup.preconditions.presets`), and the model's argument names for
the loyalty and cascade explorers.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from palace_coup import _data, preconditions
from palace_coup import cascade as cascade_model
from palace_coup import loyalty as loyalty_model
from palace_coup._validate import check_choice, check_number

__all__ = ["EXPLORERS", "Control", "cascade", "check", "loyalty", "weigher"]

EXPLORERS: tuple[str, ...] = ("weigher", "loyalty", "cascade")
"""The explorers that have controls (the top-level keys of ``controls.yaml``)."""


@dataclass(frozen=True)
class Control:
    """One input of an explorer: a slider (``low``, ``high``, ``step``) or a choice.

    Attributes
    ----------
    key : str
        The control's key in its explorer (``"score:elite_courage"``, ``"sd"``).
    param : str
        Name of the Vega parameter that holds its value in the twin chart.
    label, help : str
        What the control is called, and one line saying what it means.
    default : float or str
        The value it starts at.
    low, high, step : float or None
        A slider's range and step (None for a choice).
    options : tuple of (str, str)
        A choice's ``(value, label)`` pairs (empty for a slider).
    """

    key: str
    param: str
    label: str
    help: str
    default: float | str
    low: float | None = None
    high: float | None = None
    step: float | None = None
    options: tuple[tuple[str, str], ...] = ()


@functools.cache
def _spec() -> dict[str, Any]:
    """Read ``data/controls.yaml`` once."""
    return _data.yaml_file("controls.yaml")


def _control(key: str, entry: dict[str, Any], default: Any, **names: str) -> Control:
    """Build one control from its entry, filling ``{id}`` and ``{label}``."""
    if ("default" in entry) == (default is not None):
        raise ValueError(
            f"controls.yaml: {key!r} needs exactly one default: in the file, or "
            "from the model's data"
        )
    value = entry.get("default", default)
    if "options" in entry:
        return Control(
            key=key,
            param=entry["param"].format(**names),
            label=entry["label"].format(**names),
            help=entry["help"].format(**names),
            default=str(value),
            options=tuple((str(k), str(v)) for k, v in entry["options"].items()),
        )
    return Control(
        key=key,
        param=entry["param"].format(**names),
        label=entry["label"].format(**names),
        help=entry["help"].format(**names),
        default=float(value),
        low=float(entry["min"]),
        high=float(entry["max"]),
        step=float(entry["step"]),
    )


@functools.cache
def _weigher() -> dict[str, Control]:
    spec = _spec()["weigher"]
    start = preconditions.score()
    found = {"rule": _control("rule", spec["rule"], start.rule)}
    for row in preconditions.load().itertuples():
        for kind, defaults in (("score", start.scores), ("weight", start.weights)):
            key = f"{kind}:{row.id}"
            found[key] = _control(
                key, spec[kind], defaults[row.id], id=row.id, label=row.label
            )
    return found


@functools.cache
def _loyalty() -> dict[str, Control]:
    defaults = {
        **loyalty_model.DEFAULT_PRESSURES,
        "threshold": loyalty_model.DEFECTION_THRESHOLD,
    }
    return {
        key: _control(key, entry, defaults.get(key))
        for key, entry in _spec()["loyalty"].items()
    }


@functools.cache
def _cascade() -> dict[str, Control]:
    defaults = cascade_model.DEFAULT_PARAMETERS["normal"]
    return {
        key: _control(key, entry, defaults.get(key))
        for key, entry in _spec()["cascade"].items()
    }


def weigher() -> dict[str, Control]:
    """Return the precondition weigher's controls.

    Returns
    -------
    dict of str to Control
        ``"rule"``, then ``"score:<id>"`` and ``"weight:<id>"`` for each
        precondition in the order of :func:`palace_coup.preconditions.ids`;
        defaults from :func:`palace_coup.preconditions.score`.

    Examples
    --------
    >>> rule, score = list(weigher().values())[:2]
    >>> rule.param, rule.default, score.label, score.default, score.step
    ('pc_rule', 'compensatory', 'War going badly: score', 0.6, 0.05)
    """
    return dict(_weigher())


def loyalty() -> dict[str, Control]:
    """Return the loyalty explorer's controls.

    Returns
    -------
    dict of str to Control
        One per pressure (``casualties``, ``sanctions``, ``setbacks``) and
        ``threshold``; defaults from :mod:`palace_coup.loyalty`.

    Examples
    --------
    >>> loyalty()["threshold"].default == loyalty_model.DEFECTION_THRESHOLD
    True
    """
    return dict(_loyalty())


def cascade() -> dict[str, Control]:
    """Return the cascade explorer's controls.

    Returns
    -------
    dict of str to Control
        ``mean`` and ``sd`` of the thresholds (defaults from
        :data:`palace_coup.cascade.DEFAULT_PARAMETERS`) and ``initial``.

    Examples
    --------
    >>> [(c.key, c.high) for c in cascade().values()]
    [('mean', 1.0), ('sd', 0.5), ('initial', 1.0)]
    """
    return dict(_cascade())


def check(control: Control, value: Any, name: str) -> float | str:
    """Check that ``value`` is one the control can show; return it as it is held.

    The model's own range may be wider (a standard deviation up to 1, any
    weight); an explorer can only start where its control can go.

    Parameters
    ----------
    control : Control
        The control that will hold the value.
    value : Any
        A number (NumPy scalars included) for a slider, an option for a choice.
    name : str
        The argument's name in the message, e.g. ``"weights['elite_courage']"``.

    Returns
    -------
    float or str
        The value as a Python float (slider) or str (choice).

    Raises
    ------
    TypeError, ValueError
        If ``value`` is not a number in the slider's range, or not an option.

    Examples
    --------
    >>> import numpy as np
    >>> check(weigher()["weight:elite_courage"], np.float32(9), "weights['elite_courage']")
    Traceback (most recent call last):
    ...
    ValueError: weights['elite_courage'] must be a number in [0, 5], got np.float32(9.0)
    """  # noqa: E501
    if control.options:
        return check_choice(value, name, [option for option, _ in control.options])
    return check_number(value, name, control.low, control.high)
