"""Dashboards for live notebooks: ipywidgets controls, the model, a chart.

Each dashboard is an ``ipywidgets.VBox``: sliders (keyboard-usable, each with
a label), a one-line readout computed by the Python model, and an
``altair.JupyterChart`` drawing the kernel-free twin of the same model
(:mod:`palace_coup.twins`) with its inputs set from Python. A change of a
slider re-runs the model for the readout and sets only the chart parameter
that changed, so the chart updates in place: no redraw from scratch, no
flicker, about a millisecond in the kernel (``benchmarks/slider_latency.py``).
``tests/test_twins.py`` proves the chart's numbers equal the model's.

Every dashboard exposes its inputs as ``.state`` (a dict) so a notebook, or a
test, can read what the student chose. In the static book these widgets are
inert; the pages show the twins with HTML controls instead.
All models are HYPOTHETICAL.
"""

from __future__ import annotations

import functools
import html
from pathlib import Path
from typing import Any

import altair as alt
import ipywidgets as w
import pandas as pd

from palace_coup import _data, classroom, notebook, preconditions, twins
from palace_coup import cascade as cascade_model
from palace_coup import loyalty as loyalty_model
from palace_coup._validate import check_choice

__all__ = [
    "CascadeExplorer",
    "LoyaltyExplorer",
    "PreconditionWeigher",
    "cascade_explorer",
    "loyalty_explorer",
    "precondition_weigher",
    "presets",
]

_WIDE = {"description_width": "initial"}


@functools.cache
def _presets() -> dict[str, Any]:
    """Read ``data/presets.yaml`` once."""
    return _data.yaml_file("presets.yaml")


def presets() -> pd.DataFrame:
    """Return the weigher's presets: three HYPOTHETICAL readings of March 2022.

    Returns
    -------
    pandas.DataFrame
        One row per preset: ``preset`` (key), ``label``, ``rule``,
        ``index`` (under its own rule) and ``rationale``.

    Examples
    --------
    >>> presets()["preset"].tolist()
    ['article', 'sceptic', 'alarmist']
    """
    rows = []
    for key, preset in _presets().items():
        result = preconditions.score(
            preset["scores"], preset["weights"], preset["rule"]
        )
        rows.append(
            {
                "preset": key,
                "label": preset["label"],
                "rule": preset["rule"],
                "index": result.index,
                "rationale": " ".join(preset["rationale"].split()),
            }
        )
    return pd.DataFrame(rows)


class _Dashboard(w.VBox):
    """A VBox holding sliders, a readout and a JupyterChart whose params follow."""

    def _chart(self, chart: alt.TopLevelMixin) -> alt.JupyterChart:
        return alt.JupyterChart(chart, embed_options=notebook.EMBED_OPTIONS)

    def _set_params(self, values: dict[str, Any]) -> None:
        """Set the chart parameters that changed, in one message."""
        current = self.chart.params
        changed = {k: v for k, v in values.items() if getattr(current, k) != v}
        with self.chart.hold_sync():
            for key, value in changed.items():
                setattr(current, key, value)

    def __repr__(self) -> str:
        return f"{type(self).__name__}(state={self.state!r})"

    @property
    def state(self) -> dict[str, Any]:  # pragma: no cover - overridden
        raise NotImplementedError


class PreconditionWeigher(_Dashboard):
    """Weigh each precondition and watch the HYPOTHETICAL index move.

    Build it with :func:`precondition_weigher`. Attributes: ``.state`` (dict
    with ``scores``, ``weights``, ``rule``), ``.assessment`` (the model's
    result for the current state), ``.chart`` (the ``JupyterChart``), and the
    controls ``.score_sliders``, ``.weight_sliders``, ``.rule``, ``.preset``,
    ``.reset_button``, ``.name``, ``.save_button``.
    """

    def __init__(self, folder: str | Path = "weightings") -> None:
        table = preconditions.load()
        self.folder = Path(folder)
        self._batch = False
        self.score_sliders: dict[str, w.FloatSlider] = {}
        self.weight_sliders: dict[str, w.FloatSlider] = {}
        rows = []
        for _, row in table.iterrows():
            score = w.FloatSlider(
                value=row["score"],
                min=0,
                max=1,
                step=0.05,
                description=row["label"],
                tooltip=f"Score of '{row['label']}': 0 = absent, 1 = fully present",
                style={"description_width": "230px"},
                layout=w.Layout(width="470px"),
            )
            weight = w.FloatSlider(
                value=row["weight"],
                min=0,
                max=twins.WEIGHT_MAX,
                step=0.5,
                description="weight",
                tooltip=f"Weight of '{row['label']}' (only ratios matter)",
                style=_WIDE,
                layout=w.Layout(width="260px"),
            )
            self.score_sliders[row["id"]] = score
            self.weight_sliders[row["id"]] = weight
            rows.append(w.HBox([score, weight]))
        self.rule = w.ToggleButtons(
            options=[
                ("Compensatory (weighted mean)", "compensatory"),
                ("Necessary (an armed structure must defect)", "necessary"),
            ],
            value="compensatory",
            description="Rule",
            style={"button_width": "280px"},
            tooltips=[
                "A strong precondition makes up for a weak one",
                "Index = weighted mean x the most disloyal armed structure's score",
            ],
        )
        self.preset = w.Dropdown(
            options=[(p["label"], key) for key, p in _presets().items()],
            value="article",
            description="Start from",
            style=_WIDE,
        )
        self.reset_button = w.Button(
            description="Reset",
            tooltip="Back to the article's reading, March 2022",
            layout=w.Layout(width="auto"),
        )
        self.name = w.Text(
            description="Your name", placeholder="name or pseudonym", style=_WIDE
        )
        self.save_button = w.Button(
            description="Save my weighting",
            icon="save",
            tooltip="Write your weighting to a small JSON file for the class",
            layout=w.Layout(width="auto"),
        )
        self.readout = w.HTML()
        self.status = w.HTML()
        self.assessment = preconditions.score()
        self.chart = self._chart(twins.weigher(bind=False))
        for slider in [*self.score_sliders.values(), *self.weight_sliders.values()]:
            slider.observe(self._changed, names="value")
        self.rule.observe(self._changed, names="value")
        self.preset.observe(self._preset_chosen, names="value")
        self.reset_button.on_click(lambda _: self.reset())
        self.save_button.on_click(lambda _: self._save_clicked())
        super().__init__(
            [
                w.HTML(
                    "<b>HYPOTHETICAL model.</b> Score how present each precondition "
                    "was in early March 2022 (0 = absent, 1 = fully present) and how "
                    "much it matters (weight)."
                ),
                w.HBox([self.preset, self.reset_button]),
                *rows,
                self.rule,
                self.readout,
                self.chart,
                w.HBox([self.name, self.save_button]),
                self.status,
            ]
        )
        self.apply_preset("article")

    @property
    def state(self) -> dict[str, Any]:
        """The current inputs: ``scores``, ``weights`` (id -> float), ``rule``."""
        return {
            "scores": {k: s.value for k, s in self.score_sliders.items()},
            "weights": {k: s.value for k, s in self.weight_sliders.items()},
            "rule": self.rule.value,
        }

    def _changed(self, _change: Any = None) -> None:
        if not self._batch:
            self._update()

    def _preset_chosen(self, change: dict[str, Any]) -> None:
        if not self._batch:  # not while apply_preset itself sets the dropdown
            self.apply_preset(change["new"])

    def _update(self) -> None:
        """Re-run the model for the readout and pass the inputs to the chart."""
        state = self.state
        try:
            self.assessment = preconditions.score(**state)
        except ValueError as error:  # all weights zero: keep the last result
            self.readout.value = f"<b>{html.escape(str(error))}</b>"
        else:
            a = self.assessment
            self.readout.value = (
                f"Index <b>{a.index:.3f}</b> under the {a.rule} rule "
                f"(weighted mean {a.compensatory_index:.3f}, most disloyal armed "
                f"structure {a.gate:.2f}). HYPOTHETICAL."
            )
        values = {twins.RULE_PARAM: state["rule"]}
        values.update({twins.score_param(k): v for k, v in state["scores"].items()})
        values.update({twins.weight_param(k): v for k, v in state["weights"].items()})
        self._set_params(values)

    def apply_preset(self, key: str) -> None:
        """Set every slider and the rule from a preset, then update once.

        Parameters
        ----------
        key : {"article", "sceptic", "alarmist"}
            A key of ``data/presets.yaml`` (see :func:`presets`).
        """
        key = check_choice(key, "key", tuple(_presets()))
        preset = _presets()[key]
        start = preconditions.score(preset["scores"], preset["weights"], preset["rule"])
        self._batch = True
        try:
            for k, slider in self.score_sliders.items():
                slider.value = start.scores[k]
            for k, slider in self.weight_sliders.items():
                slider.value = start.weights[k]
            self.rule.value = start.rule
            self.preset.value = key
        finally:
            self._batch = False
        self._update()

    def reset(self) -> None:
        """Go back to the article's reading of March 2022 (the defaults)."""
        self.apply_preset("article")

    def save(self, name: str, folder: str | Path | None = None) -> Path:
        """Save the sliders' weighting with :func:`palace_coup.classroom.save`.

        Parameters
        ----------
        name : str
            The student's name or pseudonym.
        folder : str or pathlib.Path, optional
            Where to write; default the weigher's ``folder``.

        Returns
        -------
        pathlib.Path
            The file written.

        Raises
        ------
        ValueError
            If the sliders hold an invalid weighting (all weights 0) or the
            name is not valid; nothing is written.
        OSError
            If the folder cannot be written.
        """
        return classroom.save(self.state, name, folder or self.folder)

    def _save_clicked(self) -> None:
        try:
            path = self.save(self.name.value)
        except (TypeError, ValueError) as error:
            self.status.value = f"Not saved: {html.escape(str(error))}"
        except OSError as error:
            self.status.value = html.escape(
                f"Not saved: cannot write to {self.folder} "
                f"({error.strerror or type(error).__name__})."
            )
        else:
            self.status.value = f"Saved to <code>{html.escape(str(path))}</code>."


def precondition_weigher(folder: str | Path = "weightings") -> PreconditionWeigher:
    """Build the precondition weigher for a live notebook.

    Parameters
    ----------
    folder : str or pathlib.Path, optional
        Where the Save button writes (default ``weightings`` beside the
        notebook).

    Returns
    -------
    PreconditionWeigher
        Sliders for the score and weight of each precondition, the rule,
        presets, reset, save, a readout and the chart.

    Examples
    --------
    >>> weigher = precondition_weigher()
    >>> weigher.score_sliders["elite_courage"].value = 0.9
    >>> round(weigher.assessment.index, 4)
    0.3447
    >>> weigher.reset(); round(weigher.assessment.index, 4)
    0.2184
    """
    return PreconditionWeigher(folder)


class LoyaltyExplorer(_Dashboard):
    """Change the pressures and watch the HYPOTHETICAL loyalty curves bend.

    Attributes: ``.state`` (``casualties``, ``sanctions``, ``setbacks``,
    ``threshold``, ``months``), ``.crossings`` (the model's first month below
    the threshold, per faction), ``.chart`` and ``.sliders``.
    """

    def __init__(self, months: int = loyalty_model.DEFAULT_MONTHS) -> None:
        self.months = months
        labels = {
            "casualties": "Casualties",
            "sanctions": "Sanctions",
            "setbacks": "Battlefield setbacks",
            "threshold": "Defection threshold",
        }
        start = {**loyalty_model.DEFAULT_PRESSURES}
        start["threshold"] = loyalty_model.DEFECTION_THRESHOLD
        self.sliders = {
            name: w.FloatSlider(
                value=start[name],
                min=0,
                max=1,
                step=0.05,
                description=label,
                tooltip=f"{label}: intensity from 0 (none) to 1 (the most plausible)"
                if name != "threshold"
                else "Loyalty below which a faction counts as defecting",
                style={"description_width": "170px"},
                layout=w.Layout(width="420px"),
            )
            for name, label in labels.items()
        }
        for slider in self.sliders.values():
            slider.observe(self._update, names="value")
        self.readout = w.HTML()
        self.chart = self._chart(twins.loyalty(months, bind=False))
        super().__init__(
            [
                w.HTML(
                    "<b>HYPOTHETICAL model.</b> Pressures are intensities from 0 "
                    "to 1, held constant from 24 February 2022."
                ),
                *self.sliders.values(),
                self.readout,
                self.chart,
            ]
        )
        self._update()

    @property
    def state(self) -> dict[str, Any]:
        """The current inputs: the three pressures, the threshold, the horizon."""
        return {
            **{name: s.value for name, s in self.sliders.items()},
            "months": self.months,
        }

    def _update(self, _change: Any = None) -> None:
        state = self.state
        pressures = {k: state[k] for k in loyalty_model.PRESSURES}
        self.crossings = loyalty_model.crossings(
            threshold=state["threshold"], months=self.months, **pressures
        )
        crossed = self.crossings.dropna(subset=["month"]).sort_values("month")
        parts = [f"{r.label} {int(r.month)}" for r in crossed.itertuples()]
        self.readout.value = "First month below the threshold: " + (
            ", ".join(parts) if parts else f"none within {self.months} months"
        )
        self._set_params(
            {twins.LOYALTY_PARAMS[k]: v for k, v in state.items() if k != "months"}
        )


def loyalty_explorer(months: int = loyalty_model.DEFAULT_MONTHS) -> LoyaltyExplorer:
    """Build the loyalty explorer for a live notebook.

    Parameters
    ----------
    months : int, optional
        Horizon in months after 24 February 2022 (default 24).

    Returns
    -------
    LoyaltyExplorer

    Examples
    --------
    >>> explorer = loyalty_explorer()
    >>> explorer.sliders["casualties"].value = 1.0
    >>> explorer.crossings.set_index("faction").loc["public", "month"]
    np.int64(4)
    """
    return LoyaltyExplorer(months)


class CascadeExplorer(_Dashboard):
    """Change the threshold distribution and initial share; find the equilibrium.

    Attributes: ``.state`` (``mean``, ``sd``, ``initial``, ``n``, ``seed``),
    ``.equilibrium`` (the model's share of defectors at rest), ``.chart`` and
    ``.sliders``.
    """

    def __init__(self, n: int = 100, seed: int = 0) -> None:
        self.n, self.seed = n, seed
        defaults = cascade_model.DEFAULT_PARAMETERS["normal"]
        specs = {
            "mean": ("Mean threshold", float(defaults["mean"]), 1.0),
            "sd": ("Spread (sd)", float(defaults["sd"]), 0.5),
            "initial": ("Initial defectors", 0.0, 1.0),
        }
        self.sliders = {
            name: w.FloatSlider(
                value=value,
                min=0,
                max=high,
                step=0.01,
                description=label,
                tooltip=f"{label}, as a share of the group",
                style={"description_width": "150px"},
                layout=w.Layout(width="420px"),
            )
            for name, (label, value, high) in specs.items()
        }
        for slider in self.sliders.values():
            slider.observe(self._update, names="value")
        self.readout = w.HTML()
        self.chart = self._chart(twins.cascade(n=n, seed=seed, bind=False))
        super().__init__(
            [
                w.HTML(
                    f"<b>HYPOTHETICAL model.</b> {n} insiders with normally "
                    "distributed thresholds (fixed draws, seed "
                    f"{seed})."
                ),
                *self.sliders.values(),
                self.readout,
                self.chart,
            ]
        )
        self._update()

    @property
    def state(self) -> dict[str, Any]:
        """The current inputs: ``mean``, ``sd``, ``initial``, ``n``, ``seed``."""
        return {
            **{name: s.value for name, s in self.sliders.items()},
            "n": self.n,
            "seed": self.seed,
        }

    def _update(self, _change: Any = None) -> None:
        state = self.state
        group = cascade_model.thresholds(
            "normal", self.n, self.seed, mean=state["mean"], sd=state["sd"]
        )
        self.equilibrium = cascade_model.equilibrium(group, state["initial"])
        self.readout.value = (
            f"Starting from {state['initial']:.0%}, the cascade stops at "
            f"<b>{self.equilibrium:.0%}</b> of the group. HYPOTHETICAL."
        )
        self._set_params(
            {twins.CASCADE_PARAMS[k]: state[k] for k in twins.CASCADE_PARAMS}
        )


def cascade_explorer(n: int = 100, seed: int = 0) -> CascadeExplorer:
    """Build the cascade explorer for a live notebook.

    Parameters
    ----------
    n : int, optional
        Group size (default 100).
    seed : int, optional
        Seed of the thresholds' draws (default 0).

    Returns
    -------
    CascadeExplorer

    Examples
    --------
    >>> explorer = cascade_explorer()
    >>> explorer.equilibrium
    0.02
    >>> explorer.sliders["initial"].value = 0.2
    >>> explorer.equilibrium
    1.0
    """
    return CascadeExplorer(n, seed)
