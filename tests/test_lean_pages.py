"""book/_ext/lean_pages.py takes the theme's icon script out of every page."""

import importlib.util
import re
from pathlib import Path
from types import SimpleNamespace

import pydata_sphinx_theme
import pytest

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location(
    "lean_pages", ROOT / "book" / "_ext" / "lean_pages.py"
)
lean_pages = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(lean_pages)

MACROS = (
    Path(pydata_sphinx_theme.__file__).parent
    / "theme"
    / "pydata_sphinx_theme"
    / "static"
    / "webpack-macros.html"
)


def _theme_tag(prefix: str) -> str:
    """The icon script's tag as the installed theme's template writes it."""
    line = next(
        line for line in MACROS.read_text().splitlines() if "fontawesome.js" in line
    )
    return re.sub(r"\{\{ pathto\('([^']+)', 1\) \}\}", prefix + r"\1", line) + "\n"


def _page(tag: str) -> str:
    return (
        "<head>\n"
        '  <script src="_static/doctools.js"></script>\n'
        + tag
        + '  <script defer src="_static/scripts/pydata-sphinx-theme.js"></script>\n'
        "</head><body><p>fontawesome.js is named in prose</p></body>\n"
    )


def _app(outdir: Path, builder: str = "html") -> SimpleNamespace:
    return SimpleNamespace(outdir=str(outdir), builder=SimpleNamespace(format=builder))


@pytest.mark.parametrize("prefix", ["", "../", "../../"])
def test_icon_script_is_dropped_from_every_page(tmp_path, prefix):
    pages = [tmp_path / "index.html", tmp_path / "models" / "deep" / "page.html"]
    for page in pages:
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_page(_theme_tag(prefix)), encoding="utf-8")
    lean_pages._drop_icon_script(_app(tmp_path), None)
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "scripts/fontawesome.js" not in text
        assert text == _page("")  # nothing else changed, prose included


def test_other_builders_and_failed_builds_are_left_alone(tmp_path):
    page = tmp_path / "index.html"
    original = _page(_theme_tag(""))
    page.write_text(original, encoding="utf-8")
    lean_pages._drop_icon_script(_app(tmp_path, builder="latex"), None)
    lean_pages._drop_icon_script(_app(tmp_path), RuntimeError("build failed"))
    assert page.read_text(encoding="utf-8") == original


def test_pages_without_the_script_are_not_rewritten(tmp_path):
    page = tmp_path / "index.html"
    page.write_text(_page(""), encoding="utf-8")
    before = page.stat().st_mtime_ns
    lean_pages._drop_icon_script(_app(tmp_path), None)
    assert page.stat().st_mtime_ns == before


def test_setup_registers_the_clean_up():
    connected = []
    app = SimpleNamespace(connect=lambda event, handler: connected.append(event))
    metadata = lean_pages.setup(app)
    assert connected == ["build-finished"]
    assert metadata["parallel_read_safe"] and metadata["parallel_write_safe"]
