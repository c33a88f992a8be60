"""The vega that the book's live charts need, bundled from vl-convert's own copy.

``vl-convert-python`` carries vega and each of its packages as jsDelivr's ES
modules, and bundles and minifies a snippet that imports them with no network.
All of vega is about 590 KB minified, a third of a chart page. Most of that is
transforms the book's charts never use: maps, force layouts, trees, labels,
regressions, word clouds. So the bundle holds vega's core (the parser, the view
and the core, view and encoding transforms) and adds a package of optional
transforms only when one of the book's compiled specs names one of its
transforms (or draws a map): about 440 KB for the book as it is.

:func:`needed_packages` reads the specs; :func:`snippet` writes the JavaScript
that vl-convert bundles. The versions are those vl-convert vendors with vega
6.2.0 (each a path it resolves offline); a new vl-convert with another vega
stops the build with a message to update them. ``tests/test_vega_bundle.py``
checks the transform names below against the definitions in the bundled
packages themselves.

>>> spec = {"data": [{"name": "d", "transform": [{"type": "Loess"}]}]}
>>> needed_packages([spec])
('vega-regression',)
>>> needed_packages([{"projections": [{"name": "p", "type": "mercator"}]}])
('vega-geo',)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

VEGA_VERSION = "6.2.0"
"""The vega whose packages are listed here."""

NOTICE = (
    "vega and its packages: BSD-3-Clause, Copyright (c) 2015-2023, University of "
    "Washington Interactive Data Lab (https://github.com/vega/vega). d3 modules: "
    "ISC, Copyright 2010-2023 Mike Bostock (https://github.com/d3). "
    "topojson-client: ISC, Copyright 2012-2019 Michael Bostock."
)
"""The licences of what the bundle holds; minifying drops their own comments."""

CDN = "https://cdn.jsdelivr.net/npm/"
"""The address vl-convert resolves to its vendored copies (nothing is fetched)."""

CORE = {
    "vega-util": "2.1.0",
    "vega-dataflow": "6.1.0",
    "vega-transforms": "5.1.0",
    "vega-view-transforms": "5.1.0",
    "vega-encode": "5.1.0",
    "vega-view": "6.1.0",
    "vega-parser": "7.1.0",
}
"""vega's core packages: every chart needs them."""

CORE_TRANSFORMS = ("vega-transforms", "vega-view-transforms", "vega-encode")
"""The core packages whose transforms are registered."""

OPTIONAL = {
    "vega-geo": (
        "5.1.0",
        {
            "contour",
            "geojson",
            "geopath",
            "geopoint",
            "geoshape",
            "graticule",
            "heatmap",
            "isocontour",
            "kde2d",
        },
    ),
    "vega-force": ("5.1.0", {"force"}),
    "vega-hierarchy": (
        "5.1.0",
        {"nest", "pack", "partition", "stratify", "tree", "treelinks", "treemap"},
    ),
    "vega-label": ("2.1.0", {"label"}),
    "vega-regression": ("2.1.0", {"loess", "regression"}),
    "vega-voronoi": ("5.1.0", {"voronoi"}),
    "vega-wordcloud": ("5.1.0", {"wordcloud"}),
    "vega-crossfilter": ("5.1.0", {"crossfilter", "resolvefilter"}),
}
"""Each optional package: its version and the transforms it defines."""


def _objects(spec: Any) -> Iterator[dict[str, Any]]:
    """Yield every object (dict) in a spec, the spec itself first."""
    if isinstance(spec, dict):
        yield spec
        for value in spec.values():
            yield from _objects(value)
    elif isinstance(spec, list):
        for value in spec:
            yield from _objects(value)


def transform_types(spec: Any) -> Iterator[str]:
    """Yield the type of every transform in a compiled Vega spec, lower-cased.

    >>> spec = {"marks": [{"from": {"facet": {}}, "transform": [{"type": "Stack"}]}]}
    >>> list(transform_types(spec))
    ['stack']
    """
    for node in _objects(spec):
        for transform in node.get("transform") or []:
            if isinstance(transform, dict) and isinstance(transform.get("type"), str):
                yield transform["type"].lower()


def needed_packages(specs: Iterable[Any]) -> tuple[str, ...]:
    """Name the optional packages that the specs need, in order.

    A package is needed by a spec that names one of its transforms; vega-geo
    also by a spec with a map projection anywhere (drawn by its ``Projection``).

    >>> needed_packages([{"data": [{"transform": [{"type": "filter"}]}]}])
    ()
    >>> needed_packages([{"marks": [{"type": "group", "projections": [{}]}]}])
    ('vega-geo',)
    """
    used: set[str] = set()
    maps = False
    for spec in specs:
        used.update(transform_types(spec))
        maps = maps or any(node.get("projections") for node in _objects(spec))
    return tuple(
        package
        for package, (_, names) in OPTIONAL.items()
        if used & names or (maps and package == "vega-geo")
    )


def snippet(vega_version: str, optional: Iterable[str] = ()) -> str:
    """Write the module vl-convert bundles: vega's core and ``optional``.

    It sets ``window.vega`` to what the chart loader uses: ``View``, ``parse``
    and ``version``.

    >>> text = snippet("6.2.0", ["vega-force"])
    >>> text.splitlines()[-1]
    'window.vega = {View, parse, version: "6.2.0"};'
    >>> "vega-force@5.1.0" in text and "vega-geo" not in text
    True
    >>> snippet("6.3.0")
    Traceback (most recent call last):
    ...
    ValueError: vl-convert vendors vega 6.3.0; book/_ext/vega_bundle.py lists \
the packages of vega 6.2.0: update their versions
    """
    if vega_version != VEGA_VERSION:
        raise ValueError(
            f"vl-convert vendors vega {vega_version}; book/_ext/vega_bundle.py "
            f"lists the packages of vega {VEGA_VERSION}: update their versions"
        )
    optional = list(optional)
    unknown = sorted(set(optional) - set(OPTIONAL))
    if unknown:
        raise ValueError(f"optional: no such vega package: {', '.join(unknown)}")

    def address(package: str, version: str) -> str:
        return f'"{CDN}{package}@{version}/+esm"'

    registered = [*CORE_TRANSFORMS, *optional]
    imported = {
        "extend": "vega-util",
        "transforms": "vega-dataflow",
        "View": "vega-view",
        "parse": "vega-parser",
    }
    lines = [
        f"import {{{name}}} from {address(package, CORE[package])};"
        for name, package in imported.items()
    ]
    for index, package in enumerate(registered):
        version = CORE.get(package) or OPTIONAL[package][0]
        lines.append(f"import * as t{index} from {address(package, version)};")
    names = ", ".join(f"t{index}" for index in range(len(registered)))
    lines += [
        f"extend(transforms, {names});",
        f'window.vega = {{View, parse, version: "{vega_version}"}};',
    ]
    return "\n".join(lines)
