"""The book's execution cache is dropped whenever the package changes."""

import importlib.util
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[1]
SPEC = importlib.util.spec_from_file_location(
    "execution_cache", ROOT / "book" / "_ext" / "execution_cache.py"
)
execution_cache = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(execution_cache)


def _package(tmp_path: Path) -> Path:
    package = tmp_path / "pkg"
    (package / "data").mkdir(parents=True)
    (package / "model.py").write_text("DEFAULT = 0.5\n")
    (package / "data" / "table.csv").write_text("id,score\na,0.1\n")
    return package


def test_fingerprint_follows_names_and_contents(tmp_path):
    package = _package(tmp_path)
    first = execution_cache.package_fingerprint(package)
    assert execution_cache.package_fingerprint(package) == first
    (package / "data" / "table.csv").write_text("id,score\na,0.2\n")
    second = execution_cache.package_fingerprint(package)
    assert second != first
    (package / "data" / "table.csv").rename(package / "data" / "other.csv")
    assert execution_cache.package_fingerprint(package) not in {first, second}


def test_stale_cache_is_removed_and_path_made_absolute(tmp_path, monkeypatch):
    package = _package(tmp_path)
    monkeypatch.setattr(execution_cache, "PACKAGE", package)
    app = SimpleNamespace(srcdir=str(tmp_path))
    config = SimpleNamespace(nb_execution_cache_path="_build/cache")
    cache = tmp_path / "_build" / "cache"
    cache.mkdir(parents=True)
    (cache / "executed.db").write_text("old outputs")

    execution_cache._refresh_cache(app, config)
    assert config.nb_execution_cache_path == str(cache)
    assert not (cache / "executed.db").exists(), "a cache without a stamp is stale"

    (cache / "executed.db").write_text("fresh outputs")
    execution_cache._refresh_cache(app, config)
    assert (cache / "executed.db").exists(), "an up-to-date cache is kept"

    (package / "model.py").write_text("DEFAULT = 0.6\n")
    execution_cache._refresh_cache(app, config)
    assert not (cache / "executed.db").exists(), "a package change clears it"
