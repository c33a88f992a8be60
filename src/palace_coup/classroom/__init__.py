"""A class's own data: students' files collected, checked, pooled and charted.

Students save small JSON files (a weighting from the weigher, an exercise
record downloaded from the published book, a dated forecast); the lecturer
puts them in one folder and loads it. Every file is untrusted input: read
without following links or opening special files, bounded in size, parsed
with limits, its name checked and escaped wherever it is shown. A file that
fails is reported with the reason and skipped; it never stops the class.

The modules: ``names`` (students' names: checks, file names), ``safe_files``
(atomic writes, bounded reads), ``safe_json`` (parsing with limits),
``fields`` (time stamps, one file per student), ``weightings`` (the
weigher's files) and ``hub`` (the nbgitpuller link that sends a class to one
page on a JupyterHub).
"""

from palace_coup.classroom.hub import hub_link
from palace_coup.classroom.weightings import FORMAT, ClassWeightings, load, save

__all__ = ["FORMAT", "ClassWeightings", "hub_link", "load", "save"]
