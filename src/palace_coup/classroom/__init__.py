"""A class's own data: students' files collected, checked, pooled and charted.

Students hand in small JSON files: a weighting saved from the weigher, an
exercise record downloaded from the published book, a dated forecast. The
lecturer puts them in one folder (every kind together, if they like) and
loads it: :func:`load` for the weightings, :func:`load_records` for the
questions and misconceptions the class hits, :func:`load_forecasts` for the
class forecast and its Brier score. Every file is untrusted input: read
without following links or opening special files, bounded in size, parsed
with limits, its name checked and escaped wherever it is shown. A file that
fails is reported with the reason and skipped; it never stops the class.

The modules: ``names`` (students' names: checks, file names), ``safe_files``
(atomic writes, bounded reads), ``safe_json`` (parsing with limits),
``fields`` (time stamps, kinds of file, one file per student),
``weightings``, ``records``, ``questions`` and ``forecasts`` (the three kinds
of class file), ``fictional`` (a fictional class to try the pages with) and
``hub`` (the nbgitpuller link that sends a class to one page on a hub).
"""

from palace_coup.classroom.forecasts import (
    ClassForecasts,
    load_forecasts,
    save_forecast,
)
from palace_coup.classroom.hub import hub_link
from palace_coup.classroom.questions import (
    ForecastQuestion,
    exercise_question,
    forecast_question,
)
from palace_coup.classroom.records import ClassRecords, load_records
from palace_coup.classroom.weightings import FORMAT, ClassWeightings, load, save

__all__ = [
    "FORMAT",
    "ClassForecasts",
    "ClassRecords",
    "ClassWeightings",
    "ForecastQuestion",
    "exercise_question",
    "forecast_question",
    "hub_link",
    "load",
    "load_forecasts",
    "load_records",
    "save",
    "save_forecast",
]
