"""Numbers in prose that a model computes must come from the model, never be typed.

The book's chapters glue them from a code cell (``{glue:text}`name:.3f```), the
question bank quotes them through ``values:`` placeholders
(:mod:`palace_coup.feedback.texts`), and the exercises print them from code.
This test computes the models' key outputs, writes each the ways prose would
(``0.218``, ``0.22``, ``22%``, ``month 20``), and searches the markdown of the
pages below and the raw texts of the question bank and the model chapters'
quizzes for them, outside glue roles. A hit means someone typed a number that
will go stale when a default changes.
"""

import json
import re
from pathlib import Path

import pandas as pd
import pytest
import yaml

from palace_coup import cascade, forecast, history, loyalty, preconditions

ROOT = Path(__file__).resolve().parents[1]
PAGES = sorted(
    [
        *(ROOT / "book" / "models").glob("*.ipynb"),
        *(ROOT / "book" / "lecturers").glob("*"),
        ROOT / "book" / "exercises.md",
        ROOT / "book" / "solutions.md",
        ROOT / "book" / "glossary.md",
        *(ROOT / "exercises" / "solutions").glob("*.ipynb"),
    ]
)
QUIZZES = [
    ROOT / "src" / "palace_coup" / "data" / "quizzes" / f"{name}.json"
    for name in ("weigh-it-yourself", "loyalty-and-tipping-points", "what-history-says")
]
QUESTIONS = ROOT / "src" / "palace_coup" / "data" / "questions.yaml"
GLUE_ROLE = re.compile(r"\{glue(?::\w+)?\}`[^`]*`")
TEXT_FIELDS = ("prompt", "hint", "explain", "message", "rubric", "advice")


def _significant(form: str) -> int:
    """Significant digits of a written number: 2 for 0.22 and 22%, 1 for 0.02."""
    return len(re.sub(r"\D", "", form).strip("0"))


def _decimals(value: float) -> set[str]:
    """How prose writes a share or an index: 0.218, 0.22, 22%, 21.8%.

    A form with one significant digit (0.02, 1%, 0.5) is too common to tell a
    typed model output from an input or a round number, so it is not searched.
    """
    forms = {f"{value:.3f}", f"{value:.2f}", f"{value:.0%}", f"{value:.1%}"}
    return {form for form in forms if _significant(form) >= 2}


def model_numbers() -> dict[str, set[str]]:
    """The models' key outputs under their defaults, each written as prose would."""
    outputs: dict[str, float] = {}
    compensatory = preconditions.score()
    necessary = preconditions.score(rule="necessary")
    outputs["compensatory index"] = compensatory.index
    outputs["necessary index"] = necessary.index
    outputs["index ratio"] = compensatory.index / necessary.index
    outputs["compensatory probability"] = compensatory.probability()
    outputs["necessary probability"] = necessary.probability()
    outputs["largest necessary sensitivity"] = necessary.sensitivity[
        "sensitivity"
    ].max()
    military = loyalty.curves().query("faction == 'military'").set_index("month")
    outputs["military loyalty, month 24"] = military.loc[24, "loyalty"]
    tipping = cascade.thresholds("normal", method="quantile")
    circle = cascade.thresholds("normal", n=100, seed=0)
    outputs["circle, no plotters"] = cascade.equilibrium(circle)
    outputs["quantile group, no plotters"] = cascade.equilibrium(tipping)
    cases = history.cases()
    outputs["insider success share"] = history.success_rate(
        cases[cases["insider_challenge"]]
    )
    rates = history.base_rates().set_index("id")
    outputs["Svolik insider share"] = (
        rates.loc["removed_by_insiders", "value"]
        / rates.loc["dictators_removed_irregularly", "value"]
    )
    examples = forecast.examples()
    for name in ("give_it_time", "base_rate"):
        outputs[f"{name} Brier score"] = forecast.brier(
            examples[name], examples["outcome"]
        )
        parts = pd.Series(
            forecast.brier_decomposition(examples[name], examples["outcome"])
        )
        # The uncertainty term depends on the outcomes only (0.25 here).
        for part, value in parts.drop("uncertainty", errors="ignore").items():
            outputs[f"{name} {part}"] = float(value)
    quartiles = pd.Series(circle).quantile([0.25, 0.75])
    outputs["circle lower quartile"] = quartiles.iloc[0]
    outputs["circle upper quartile"] = quartiles.iloc[1]
    numbers = {name: _decimals(float(value)) for name, value in outputs.items()}
    numbers["index ratio"] = {f"{outputs['index ratio']:.1f} times"}
    months = loyalty.crossings().dropna(subset=["month"])
    for row in months.itertuples():
        numbers[f"{row.faction} crossing month"] = {f"month {int(row.month)}"}
    return {name: forms for name, forms in numbers.items() if forms}


def _pattern(form: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w.]){re.escape(form)}(?![\d])")


def _markdown(path: Path) -> str:
    if path.suffix == ".md":
        return path.read_text(encoding="utf-8")
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join(
        "".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"
    )


def _texts(item, key=""):
    """Every text of the question bank that a student reads, as written."""
    if isinstance(item, dict):
        for field, value in item.items():
            yield from _texts(value, field if field in TEXT_FIELDS else key)
    elif isinstance(item, list):
        for value in item:
            yield from _texts(value, key)
    elif isinstance(item, str) and key:
        yield item


def corpus() -> dict[str, str]:
    """Each text the test searches, by where it comes from."""
    texts = {
        path.relative_to(ROOT).as_posix(): GLUE_ROLE.sub(" ", _markdown(path))
        for path in PAGES
        if path.suffix in (".md", ".ipynb")
    }
    bank = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    for entry in bank["questions"]:
        texts[f"questions.yaml {entry['id']}"] = "\n".join(_texts(entry))
    for path in QUIZZES:
        texts[path.name] = json.dumps(json.loads(path.read_text()), ensure_ascii=False)
    return texts


def typed_numbers(texts: dict[str, str]) -> list[str]:
    """Where a text quotes a model output typed by hand."""
    found = []
    for name, forms in model_numbers().items():
        for form in forms:
            pattern = _pattern(form)
            for where, text in texts.items():
                for match in pattern.finditer(text):
                    line = text[max(0, match.start() - 50) : match.end() + 30]
                    found.append(f"{where}: {name} typed as {form!r}: ...{line}...")
    return found


def test_the_corpus_covers_the_pages():
    texts = corpus()
    assert len(PAGES) >= 20
    assert sum(where.startswith("book/models/") for where in texts) == 8
    assert sum(where.startswith("exercises/solutions/") for where in texts) >= 8
    assert sum(where.startswith("questions.yaml") for where in texts) >= 30


def test_every_key_output_has_a_form_to_search_for():
    numbers = model_numbers()
    assert len(numbers) >= 20
    assert any(name.endswith("crossing month") for name in numbers)


@pytest.mark.parametrize(
    ("text", "typed"),
    [
        ("the index is {index:.3f} by the model", False),
        ("the index is {glue:text}`c_index:.3f` here", False),
        ("the index is INDEX here", True),
        ("it first falls below the line in month MONTH", True),
    ],
)
def test_the_search_finds_a_typed_number(text, typed):
    numbers = model_numbers()
    index = sorted(numbers["compensatory index"])[0]
    month = sorted(numbers["military crossing month"])[0].split()[-1]
    text = text.replace("INDEX", index).replace("MONTH", month)
    assert bool(typed_numbers({"probe": GLUE_ROLE.sub(" ", text)})) == typed


def test_no_model_number_is_typed_by_hand():
    found = typed_numbers(corpus())
    assert not found, "glue these numbers from the model:\n" + "\n".join(found)
