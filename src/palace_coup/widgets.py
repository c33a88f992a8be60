"""Dashboards for live notebooks: ipywidgets controls, the model, a chart.

Each dashboard is an ``ipywidgets.VBox``: a one-line readout computed by the
Python model, in the words the book's explorers say (:mod:`palace_coup.readouts`,
in a polite live region), above the sliders (keyboard-usable, each with a
label; the weigher's score and weight of a precondition side by side), and an
``altair.JupyterChart`` drawing the kernel-free twin of the same model
(:mod:`palace_coup.twins`) with its inputs set from Python. A change of a
slider re-runs the model for the readout and sets only the chart parameter
that changed, so the chart updates in place: no redraw from scratch, no
flicker, about a millisecond in the kernel (``benchmarks/slider_latency.py``).
``tests/test_twins.py`` proves the chart's numbers equal the model's.

The controls (labels, ranges, steps, defaults, help) are those of
:mod:`palace_coup.controls`, the same the twins bind to HTML inputs. Every
dashboard exposes its inputs as ``.state`` (a dict) so a notebook, or a test,
can read what the student chose, and its controls as ``.controls`` (control
key -> widget). In the static book these widgets are inert; the pages show
the twins with HTML controls instead.
All models are HYPOTHETICAL.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import altair as alt
import ipywidgets as w

from palace_coup import cascade as cascade_model
from palace_coup import classroom, controls, notebook, preconditions, readouts, twins
from palace_coup import loyalty as loyalty_model
from palace_coup._validate import check_choice
from palace_coup.preconditions import presets

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


def _said(words: str) -> str:
    """Write the readout: the result in words, as the book's explorers say it."""
    return f'<div role="status" aria-live="polite"><b>{html.escape(words)}</b></div>'


def _slider(control: controls.Control, width: str, label_width: str) -> w.FloatSlider:
    """Return the ipywidgets slider of a control: its range, step, default, help."""
    return w.FloatSlider(
        value=control.default,
        min=control.low,
        max=control.high,
        step=control.step,
        description=control.label,
        tooltip=control.help,
        style={"description_width": label_width},
        layout=w.Layout(width=width),
    )


class _Dashboard(w.VBox):
    """A VBox of controls, a readout and a JupyterChart whose params follow."""

    controls: dict[str, w.ValueWidget]
    chart: alt.JupyterChart

    def _chart(self, chart: alt.TopLevelMixin) -> alt.JupyterChart:
        notebook.enable_renderer()  # JupyterChart draws offline when live
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
        self.folder = Path(folder)
        self._batch = False
        found = controls.weigher()
        self._found = found
        self.score_sliders: dict[str, w.FloatSlider] = {}
        self.weight_sliders: dict[str, w.FloatSlider] = {}
        rows = []
        for key in preconditions.ids():
            score = _slider(found[f"score:{key}"], "470px", "260px")
            weight = _slider(found[f"weight:{key}"], "300px", "0px")
            self.score_sliders[key], self.weight_sliders[key] = score, weight
            rows.append(w.HBox([score, weight]))
        rule = found["rule"]
        self.rule = w.ToggleButtons(
            options=[(label, value) for value, label in rule.options],
            value=rule.default,
            description=rule.label,
            tooltip=rule.help,
            style={"button_width": "280px", **_WIDE},
        )
        self.controls = {
            "rule": self.rule,
            **{f"score:{k}": s for k, s in self.score_sliders.items()},
            **{f"weight:{k}": s for k, s in self.weight_sliders.items()},
        }
        table = presets()
        self.preset = w.Dropdown(
            options=list(zip(table["label"], table["preset"], strict=True)),
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
        self._last_said: preconditions.Assessment | None = None
        self.chart = self._chart(twins.weigher(bind=False))
        for control in self.controls.values():
            control.observe(self._changed, names="value")
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
                self.readout,
                w.HBox([self.preset, self.reset_button]),
                self.rule,
                *rows,
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
        previous = self._last_said
        try:
            self.assessment = preconditions.score(**self.state)
        except ValueError:  # all weights zero: keep the last result
            said = readouts.TEMPLATES["zero_weights"]
        else:
            said = readouts.weigher(self.assessment, previous)
            self._last_said = self.assessment
        self.readout.value = _said(said)
        self._set_params(
            {self._found[k].param: c.value for k, c in self.controls.items()}
        )

    def apply_preset(self, key: str) -> None:
        """Set every slider and the rule from a preset, then update once.

        Parameters
        ----------
        key : {"article", "sceptic", "alarmist"}
            A preset of :func:`palace_coup.preconditions.presets`.
        """
        table = presets().set_index("preset")
        chosen = table.loc[check_choice(key, "key", table.index.tolist())]
        self._batch = True
        try:
            for name, control in self.controls.items():
                control.value = chosen[name]
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


class _Explorer(_Dashboard):
    """Sliders from a set of controls, a readout, and a chart whose params follow.

    A subclass sets ``_fixed`` (inputs that are not sliders) and ``_read``
    (the readout for a state).
    """

    def __init__(
        self,
        found: dict[str, controls.Control],
        chart: alt.TopLevelMixin,
        intro: str,
        fixed: dict[str, Any],
    ) -> None:
        self._found, self._fixed = found, fixed
        self.sliders = {k: _slider(c, "460px", "250px") for k, c in found.items()}
        self.controls = dict(self.sliders)
        for slider in self.sliders.values():
            slider.observe(self._update, names="value")
        self.readout = w.HTML()
        self.chart = self._chart(chart)
        super().__init__(
            [
                w.HTML(f"<b>HYPOTHETICAL model.</b> {intro}"),
                self.readout,
                *self.sliders.values(),
                self.chart,
            ]
        )
        self._update()

    @property
    def state(self) -> dict[str, Any]:
        """The current inputs: one per slider, then the fixed ones."""
        return {**{k: s.value for k, s in self.sliders.items()}, **self._fixed}

    def _update(self, _change: Any = None) -> None:
        self.readout.value = _said(self._read(self.state))
        self._set_params(
            {c.param: self.sliders[k].value for k, c in self._found.items()}
        )

    def _read(self, state: dict[str, Any]) -> str:  # pragma: no cover - overridden
        raise NotImplementedError


class LoyaltyExplorer(_Explorer):
    """Change the pressures and watch the HYPOTHETICAL loyalty curves bend.

    Attributes: ``.state`` (``casualties``, ``sanctions``, ``setbacks``,
    ``threshold``, ``months``), ``.crossings`` (the model's first month below
    the threshold, per faction), ``.chart`` and ``.sliders``.
    """

    def __init__(self, months: int = loyalty_model.DEFAULT_MONTHS) -> None:
        self.months = months
        super().__init__(
            controls.loyalty(),
            twins.loyalty(months, bind=False),
            "Pressures are intensities from 0 to 1, held constant from 24 "
            "February 2022.",
            {"months": months},
        )

    def _read(self, state: dict[str, Any]) -> str:
        pressures = {k: state[k] for k in loyalty_model.PRESSURES}
        self.crossings = loyalty_model.crossings(
            threshold=state["threshold"], months=self.months, **pressures
        )
        return readouts.loyalty(self.crossings, self.months)


def loyalty_explorer(months: int = loyalty_model.DEFAULT_MONTHS) -> LoyaltyExplorer:
    """Build the loyalty explorer for a live notebook.

    Parameters
    ----------
    months : int, optional
        Horizon in months after 24 February 2022, at most
        :data:`palace_coup.twins.MAX_MONTHS` (default 24).

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


class CascadeExplorer(_Explorer):
    """Change the threshold distribution and initial share; find the equilibrium.

    Attributes: ``.state`` (``mean``, ``sd``, ``initial``, ``n``, ``seed``),
    ``.equilibrium`` (the model's share of defectors at rest), ``.chart`` and
    ``.sliders``.
    """

    def __init__(self, n: int = 100, seed: int = 0) -> None:
        self.n, self.seed = n, seed
        super().__init__(
            controls.cascade(),
            twins.cascade(n=n, seed=seed, bind=False),
            f"{n} insiders with normally distributed thresholds (fixed draws, "
            f"seed {seed}).",
            {"n": n, "seed": seed},
        )

    def _read(self, state: dict[str, Any]) -> str:
        group = cascade_model.thresholds(
            "normal", self.n, self.seed, mean=state["mean"], sd=state["sd"]
        )
        self.equilibrium = cascade_model.equilibrium(group, state["initial"])
        return readouts.cascade(state["initial"], self.equilibrium)


def cascade_explorer(n: int = 100, seed: int = 0) -> CascadeExplorer:
    """Build the cascade explorer for a live notebook.

    Parameters
    ----------
    n : int, optional
        Group size, at most :data:`palace_coup.twins.MAX_GROUP` (default 100).
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
