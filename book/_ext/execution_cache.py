"""Start the notebook execution cache afresh whenever the package changes.

jupyter-cache keys a notebook's stored execution on its code cells only. The
book's cells are short calls into ``palace_coup``, so a change to a model
default, a chart or a data file leaves every cell's code the same and the
cache would keep serving the old outputs. This extension fingerprints the
package (every file under ``src/palace_coup``, names and contents) and, when
the fingerprint differs from the one recorded beside the cache, removes the
cache before myst-nb opens it, and marks every page out of date (Sphinx would
otherwise re-read only the pages whose sources changed and keep the others'
old outputs), so that the notebooks run again.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "palace_coup"
STAMP = "palace-coup-package.sha256"

logger = logging.getLogger(__name__)


def package_fingerprint(package: Path) -> str:
    """Return a SHA-256 of every file in ``package`` (relative names and bytes).

    Parameters
    ----------
    package : pathlib.Path
        The package folder; ``__pycache__`` folders are ignored.

    Returns
    -------
    str
        The hex digest.
    """
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _refresh_cache(app: Sphinx, config: Config) -> None:
    """Remove the execution cache if it was filled by another package state.

    The cache path is also made absolute (relative to the book, not to the
    folder the build was started from), so that every build finds one cache.
    """
    cache = Path(app.srcdir, config.nb_execution_cache_path)
    config.nb_execution_cache_path = str(cache)
    stamp = cache / STAMP
    fingerprint = package_fingerprint(PACKAGE)
    if cache.is_dir() and stamp.is_file() and stamp.read_text() == fingerprint:
        return
    if cache.exists():
        logger.info("palace_coup changed: clearing the execution cache %s", cache)
        shutil.rmtree(cache)
    cache.mkdir(parents=True)
    stamp.write_text(fingerprint)


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set, changed: set, removed: set
) -> list[str]:
    """Re-read every page if the package changed since the pages were read."""
    fingerprint = package_fingerprint(PACKAGE)
    if getattr(env, "palace_coup_package", None) == fingerprint:
        return []
    env.palace_coup_package = fingerprint
    return sorted(env.found_docs - added - removed)


def setup(app: Sphinx) -> dict[str, object]:
    """Check the execution cache against the package before any page is read."""
    app.connect("config-inited", _refresh_cache, priority=900)
    app.connect("env-get-outdated", _outdated)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
