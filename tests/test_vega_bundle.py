"""The book's vega bundle: its packages, and the transforms the charts need.

The oracle is vega's own code: each transform a spec can name carries a
definition (``{type: "Stack", metadata: ...}``) in the package that registers
it. The tests bundle each optional package from vl-convert's vendored copy and
read those definitions, and read them again from the built ``vega.js``.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import vega_bundle
import vl_convert
from lazy_charts import SPEC_SCRIPT, VENDOR, built_specs

DEFINITION = re.compile(r'type:"(\w+)",metadata:')
"""A transform's definition, as it reads in minified vega."""


def defined_transforms(javascript: str) -> set[str]:
    """The transforms whose definitions appear in ``javascript``, lower-cased."""
    return {name.lower() for name in DEFINITION.findall(javascript)}


def bundled(package: str, version: str) -> str:
    """One vega package alone, bundled by vl-convert."""
    address = f"{vega_bundle.CDN}{package}@{version}/+esm"
    return vl_convert.javascript_bundle(
        f'import * as m from "{address}";\nwindow.m = m;'
    )


def test_the_listed_versions_are_the_vega_vl_convert_vendors():
    assert vl_convert.get_vega_version() == vega_bundle.VEGA_VERSION


@pytest.mark.parametrize("package", sorted(vega_bundle.OPTIONAL))
def test_each_optional_package_defines_exactly_the_transforms_listed(package):
    version, listed = vega_bundle.OPTIONAL[package]
    assert defined_transforms(bundled(package, version)) == listed


def test_no_optional_transform_is_already_in_the_core():
    core = set()
    for package in vega_bundle.CORE_TRANSFORMS:
        core |= defined_transforms(bundled(package, vega_bundle.CORE[package]))
    assert len(core) >= 20, sorted(core)  # vega-transforms alone has 26
    optional = set().union(*(names for _, names in vega_bundle.OPTIONAL.values()))
    assert not core & optional


def test_the_built_bundle_defines_every_transform_the_books_charts_use(html: Path):
    specs = list(built_specs(html))
    used = {name for spec in specs for name in vega_bundle.transform_types(spec)}
    assert len(specs) >= 20 and len(used) >= 5, (len(specs), sorted(used))
    bundle = (html / "_static" / VENDOR).read_text(encoding="utf-8")
    assert used <= defined_transforms(bundle), sorted(used - defined_transforms(bundle))


def test_the_built_bundle_leaves_out_the_packages_no_chart_needs(html: Path):
    needed = set(vega_bundle.needed_packages(built_specs(html)))
    bundle = defined_transforms((html / "_static" / VENDOR).read_text(encoding="utf-8"))
    for package, (_, names) in vega_bundle.OPTIONAL.items():
        assert bool(names & bundle) == (package in needed), package


def test_a_chart_with_a_word_cloud_or_a_map_brings_its_package():
    cloud = {"marks": [{"type": "text", "transform": [{"type": "wordcloud"}]}]}
    world = {"projections": [{"name": "p", "type": "equalEarth"}], "marks": []}
    assert vega_bundle.needed_packages([cloud, world]) == (
        "vega-geo",
        "vega-wordcloud",
    )


def test_built_specs_reads_the_script_chart_markup_writes(tmp_path: Path):
    spec = {"data": [{"name": "d", "transform": [{"type": "loess"}]}]}
    page = tmp_path / "page.html"
    page.write_text(
        '<p>x</p><script type="application/json" id="pc-spec-0a">'
        f"{json.dumps(spec)}</script>",
        encoding="utf-8",
    )
    assert SPEC_SCRIPT.search(page.read_text(encoding="utf-8"))
    assert list(built_specs(tmp_path)) == [spec]


@pytest.mark.parametrize(
    ("version", "optional", "message"),
    [
        ("6.3.0", (), "vl-convert vendors vega 6.3.0"),
        ("6.2.0", ("vega-maps",), "optional: no such vega package: vega-maps"),
    ],
)
def test_snippet_refuses_an_unknown_vega_or_package(version, optional, message):
    with pytest.raises(ValueError, match=message):
        vega_bundle.snippet(version, optional)


def test_the_built_bundle_carries_the_licences_of_what_it_holds(html: Path):
    head = (html / "_static" / VENDOR).read_text(encoding="utf-8")[:1000]
    assert f"/*! {vega_bundle.NOTICE} */" in head
    for name in ("BSD-3-Clause", "Interactive Data Lab", "ISC", "Mike Bostock"):
        assert name in vega_bundle.NOTICE
