r"""The three explorers laid out for a phone, a keyboard and a screen reader.

Vega draws a chart's bound inputs as one long column under it: on a phone the
weigher's 23 controls started a screen below its result, a precondition's
score and weight sat apart, nothing skipped them and nothing said the result.
Once :mod:`lazy_charts` has written a chart, this extension finds the charts
that :mod:`palace_coup.twins` names as explorers (``usermeta``), takes Vega's
own inputs off them and writes the explorer around the chart instead:

* the result in words (:mod:`palace_coup.readouts`) in a polite live region,
  pinned to the top of the screen while the controls are in view;
* one group per precondition (its score and weight side by side, and its
  contribution as a bar) or per setting, each input labelled, with its value
  and one line of help, from :mod:`palace_coup.controls`;
* a link that skips the controls, and the current values as a table.

Everything is written at build time from the model, with its defaults, so
the page reads right before any script arrives; ``palace-coup-explorables.js``
then passes each move to the chart's Vega parameters and says the result that
the Vega twin computes, in the same words (``tests/test_explorables.py``).

Examples
--------
>>> vega = {"data": [{"name": "a", "transform": [{"type": "formula", "as": "x"}]}]}
>>> dataset(vega, "x")
'a'
"""

from __future__ import annotations

import html
import json
import re
from decimal import Decimal
from typing import Any

import pandas as pd
from lazy_charts import script_json
from sphinx.application import Sphinx

from palace_coup import cascade as cascade_model
from palace_coup import controls, preconditions, readouts
from palace_coup import loyalty as loyalty_model

SCRIPT = "palace-coup-explorables.js"
STYLE = "palace-coup-explorables.css"
CHART = re.compile(
    r'(?P<chart><div id="(?P<id>altair-viz-[0-9a-f]+)" class="pc-chart[^"]*"'
    r'.*?</div>\n<script type="application/json" id="pc-spec-[0-9a-f]+">)'
    r"(?P<spec>.*?)</script>",
    re.DOTALL,
)
FIELDS = {
    "weigher": {"index": "index_text", "rows": "contribution"},
    "loyalty": {"crossings": "first"},
    "cascade": {"reached": "equilibrium"},
}
"""For each explorer, the datasets its script reads, by a field each computes."""
TITLES = {
    "weigher": "Precondition weigher",
    "loyalty": "Loyalty explorer",
    "cascade": "Cascade explorer",
}


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def dataset(vega: dict[str, Any], field: str) -> str:
    """Name the first dataset of a compiled spec whose transforms make ``field``."""
    for data in vega.get("data", []):
        for step in data.get("transform", []):
            made = step.get("as", [])
            if field in (made if isinstance(made, list) else [made]):
                return data["name"]
    raise ValueError(f"no dataset of the chart computes {field!r}")


def places(step: float) -> int:
    """Decimals a slider's values need.

    >>> places(0.05), places(0.5), places(1)
    (2, 1, 0)
    """
    return max(0, -Decimal(str(step)).normalize().as_tuple().exponent)


def slider(control: controls.Control, value: float, slug: str, group: str = "") -> str:
    """Write one labelled range input, its value and its help.

    In a group, the label's words that repeat the group's legend are read out
    but not shown (``War going badly: score`` shows as ``score``).
    """
    uid = f"{slug}-{control.param}"
    label = _e(control.label)
    if group and control.label.startswith(f"{group}: "):
        label = f'<span class="pc-vh">{_e(group)}: </span>' + _e(
            control.label[len(group) + 2 :]
        )
    shown = readouts.fixed(value, places(control.step))
    return (
        f'<div class="pc-slider"><label for="{uid}">{label}</label>'
        f'<input type="range" id="{uid}" name="{_e(control.param)}" '
        f'min="{control.low!r}" max="{control.high!r}" step="{control.step!r}" '
        f'value="{value!r}" data-places="{places(control.step)}" '
        f'aria-describedby="{uid}-help">'
        f'<output for="{uid}" aria-hidden="true">{shown}</output>'
        f'<p id="{uid}-help" class="pc-help{" pc-vh" if group else ""}">'
        f"{_e(control.help)}</p></div>"
    )


def choice(control: controls.Control, value: str) -> str:
    """Write a choice as radio buttons in a group of its own."""
    buttons = "".join(
        f'<label class="pc-option"><input type="radio" name="{_e(control.param)}" '
        f'value="{_e(option)}"{" checked" if option == value else ""}> '
        f"{_e(label)}</label>"
        for option, label in control.options
    )
    return (
        f'<fieldset class="pc-group pc-choice"><legend>{_e(control.label)}</legend>'
        f'{buttons}<p class="pc-help">{_e(control.help)}</p></fieldset>'
    )


def _table(caption: str, head: list[str], rows: list[tuple[str, str, list]]) -> str:
    """Write a table: each row ``(key attribute, header, [(field, text)])``."""
    cells = "".join(
        f'<tr {key}><th scope="row">{_e(name)}</th>'
        + "".join(f'<td data-field="{f}">{_e(text)}</td>' for f, text in values)
        + "</tr>"
        for key, name, values in rows
    )
    heads = "".join(f'<th scope="col">{_e(h)}</th>' for h in head)
    return (
        f'<details class="pc-values"><summary>Show as table</summary><table>'
        f"<caption>{_e(caption)}</caption><thead><tr>{heads}</tr></thead>"
        f"<tbody>{cells}</tbody></table></details>"
    )


def weigher(values: dict[str, Any], slug: str) -> tuple[str, str, str]:
    """Write the weigher's readout, controls and table, at ``values`` (by key)."""
    found = controls.weigher()
    scores = {k[6:]: v for k, v in values.items() if k.startswith("score:")}
    weights = {k[7:]: v for k, v in values.items() if k.startswith("weight:")}
    result = preconditions.score(scores, weights, values["rule"])
    parts = result.contributions
    largest = parts["contribution"].max()
    groups, rows = [choice(found["rule"], values["rule"])], []
    for row in parts.itertuples():
        share = 100 * row.contribution / largest if largest > 0 else 0.0
        part = readouts.fixed(row.contribution, 3)
        pair = "".join(
            slider(found[key], values[key], slug, row.label)
            for key in (f"score:{row.id}", f"weight:{row.id}")
        )
        groups.append(
            f'<fieldset class="pc-group" data-id="{_e(row.id)}"><legend>'
            f'{_e(row.label)}</legend><div class="pc-pair">{pair}</div>'
            f'<div class="pc-bar" aria-hidden="true"><span style="width: '
            f'{share:.1f}%"></span></div><p class="pc-part">contributes '
            f'<span data-field="contribution">{part}</span></p></fieldset>'
        )
        cells = [
            ("score", readouts.fixed(row.score, 2)),
            ("weight", readouts.fixed(row.weight, 1)),
            ("contribution", part),
        ]
        rows.append((f'data-id="{_e(row.id)}"', row.label, cells))
    head = ["Precondition", "Score", "Weight", "Contribution"]
    table = _table("The weigher's current values (hypothetical)", head, rows)
    return readouts.weigher(result), "".join(groups), table


def loyalty(values: dict[str, Any], slug: str, months: int) -> tuple[str, str, str]:
    """Write the loyalty explorer's readout, controls and table."""
    found = controls.loyalty()
    pressures = {k: values[k] for k in loyalty_model.PRESSURES}
    crossed = loyalty_model.crossings(
        threshold=values["threshold"], months=months, **pressures
    )
    none = readouts.TEMPLATES["not_crossed"].format(months=months)
    rows = [
        (
            f'data-faction="{_e(row.faction)}"',
            row.label,
            [("month", none if pd.isna(row.month) else str(int(row.month)))],
        )
        for row in crossed.itertuples()
    ]
    sliders = "".join(slider(c, values[k], slug) for k, c in found.items())
    head = ["Faction", "First month below the threshold"]
    table = _table("When each faction first defects (hypothetical)", head, rows)
    return readouts.loyalty(crossed, months), sliders, table


def cascade(values: dict[str, Any], slug: str, n: int, seed: int) -> tuple[str, ...]:
    """Write the cascade explorer's readout, controls and table."""
    found = controls.cascade()
    group = cascade_model.thresholds(
        "normal", n, seed, mean=values["mean"], sd=values["sd"]
    )
    rest = cascade_model.equilibrium(group, values["initial"])
    shown = {
        "mean": readouts.fixed(values["mean"], 2),
        "sd": readouts.fixed(values["sd"], 2),
        "initial": readouts.percent(values["initial"]) + "%",
        "equilibrium": readouts.percent(rest) + "%",
    }
    names = {key: found[key].label for key in ("mean", "sd", "initial")}
    names["equilibrium"] = "Share defecting at rest"
    rows = [(f'data-field="{k}"', names[k], [("value", v)]) for k, v in shown.items()]
    sliders = "".join(slider(c, values[k], slug) for k, c in found.items())
    head = ["Setting", "Value"]
    table = _table("The cascade's settings and result (hypothetical)", head, rows)
    return readouts.cascade(values["initial"], rest), sliders, table


LAYOUTS = {"weigher": weigher, "loyalty": loyalty, "cascade": cascade}
"""Each explorer's readout, controls and table, from its values."""


def explorer(vega: dict[str, Any], element_id: str) -> tuple[dict[str, Any], str]:
    """Return the spec without Vega's own inputs, and the markup around it.

    Parameters
    ----------
    vega : dict
        A compiled chart that :mod:`palace_coup.twins` names as an explorer.
    element_id : str
        The chart's element id, from which the explorer's ids are made.

    Returns
    -------
    spec : dict
        ``vega`` with no signal bound to an input.
    before, after : str
        The markup before the chart (the explorer's start and its readout)
        and after it (the controls, the table, the script's data).
    """
    meta = vega["usermeta"]["palace_coup"]
    kind = meta["explorer"]
    found = getattr(controls, kind)()
    signals = {s["name"]: s for s in vega["signals"]}
    values = {key: signals[c.param]["value"] for key, c in found.items()}
    slug = element_id.replace("altair-viz-", "pc-x-")
    fixed = {k: v for k, v in meta.items() if k != "explorer"}
    said, inputs, table = LAYOUTS[kind](values, slug, **fixed)
    spec = {
        **vega,
        "signals": [
            {k: v for k, v in s.items() if k != "bind"} for s in vega["signals"]
        ],
    }
    config = {
        "explorer": kind,
        "chart": element_id,
        "data": {key: dataset(vega, field) for key, field in FIELDS[kind].items()},
        "templates": readouts.TEMPLATES,
        "params": {key: control.param for key, control in found.items()},
        **fixed,
    }
    title = f"{TITLES[kind]} (hypothetical model)"
    before = (
        f'<section class="pc-explorer" data-explorer="{kind}" aria-label="{title}">'
        f'<p class="pc-readout" role="status" aria-live="polite" '
        f'aria-atomic="true">{_e(said)}</p>'
    )
    after = (
        f'<a class="pc-skip" href="#{slug}-after">Skip the controls</a>'
        f'<form class="pc-explorer-controls" aria-label="{TITLES[kind]} controls" '
        f"novalidate>{inputs}</form>{table}"
        f'<script type="application/json" class="pc-explorer-data">'
        f"{script_json(config)}</script></section>"
        f'<div id="{slug}-after" class="pc-after" tabindex="-1"></div>'
    )
    return spec, before, after


def rewrite(body: str) -> tuple[str, int]:
    """Lay out every explorer chart of a page's body; return it and the count."""
    count = 0

    def lay_out(match: re.Match[str]) -> str:
        nonlocal count
        vega = json.loads(match.group("spec"))
        if "palace_coup" not in vega.get("usermeta", {}):
            return match.group(0)
        count += 1
        spec, before, after = explorer(vega, match.group("id"))
        return f"{before}{match.group('chart')}{script_json(spec)}</script>{after}"

    return CHART.sub(lay_out, body), count


def _explorable_page(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: object,
) -> None:
    body = context.get("body", "")
    if "pc-spec-" not in body:
        return
    context["body"], count = rewrite(body)
    if count:  # for this page only
        app.add_js_file(SCRIPT, loading_method="defer")
        app.add_css_file(STYLE)


def setup(app: Sphinx) -> dict[str, object]:
    """Lay out the explorers once lazy_charts has written the charts (600)."""
    app.connect("html-page-context", _explorable_page, priority=650)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
