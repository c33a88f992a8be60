"""Read the package's data files (CSV and YAML) with :mod:`importlib.resources`.

Files are read once and cached; callers get copies, so nothing a student does
to a returned DataFrame or dict changes the defaults.
"""

from __future__ import annotations

import copy
import functools
from importlib import resources
from typing import Any

import pandas as pd
import yaml

__all__ = ["csv", "parameters", "yaml_file"]


@functools.cache
def _read_csv(name: str) -> pd.DataFrame:
    """Read ``data/<name>`` once."""
    with (
        resources.files("palace_coup")
        .joinpath("data", name)
        .open("r", encoding="utf-8") as handle
    ):
        return pd.read_csv(handle, keep_default_na=False, na_values=[""])


@functools.cache
def _read_yaml(name: str) -> dict[str, Any]:
    """Read ``data/<name>`` once."""
    with (
        resources.files("palace_coup")
        .joinpath("data", name)
        .open("r", encoding="utf-8") as handle
    ):
        return yaml.safe_load(handle)


def csv(name: str) -> pd.DataFrame:
    """Return a fresh copy of the CSV file ``data/<name>``.

    Parameters
    ----------
    name : str
        File name inside ``palace_coup/data``.

    Returns
    -------
    pandas.DataFrame
        A copy of the file's contents.

    Examples
    --------
    >>> csv("factions.csv").columns[0]
    'faction'
    """
    return _read_csv(name).copy()


def yaml_file(name: str) -> dict[str, Any]:
    """Return a deep copy of the YAML file ``data/<name>``.

    Parameters
    ----------
    name : str
        A YAML file inside ``palace_coup/data``, such as ``"palette.yaml"``;
        it is read once and cached.

    Returns
    -------
    dict
        A deep copy of its contents, so a caller may change it freely.

    Examples
    --------
    >>> sorted(yaml_file("parameters.yaml"))[:2]
    ['cascade', 'loyalty']
    """
    return copy.deepcopy(_read_yaml(name))


def parameters(section: str) -> dict[str, Any]:
    """Return a deep copy of one section of ``data/parameters.yaml``.

    Parameters
    ----------
    section : str
        Top-level key: ``"preconditions"``, ``"loyalty"`` or ``"cascade"``.

    Returns
    -------
    dict
        A deep copy of that section.

    Examples
    --------
    >>> parameters("loyalty")["defection_threshold"]
    0.5
    """
    return copy.deepcopy(_read_yaml("parameters.yaml")[section])
