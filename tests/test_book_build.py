"""The whole book builds with Sphinx warnings treated as errors."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
JUPYTER_BOOK = Path(sys.executable).with_name("jupyter-book")


def test_book_builds_without_warnings(tmp_path: Path) -> None:
    env = {**os.environ, "PALACE_COUP_RENDER": "static"}
    result = subprocess.run(
        [
            str(JUPYTER_BOOK),
            "build",
            str(ROOT),
            "--path-output",
            str(tmp_path),
            "--warningiserror",
            "--nitpick",
            "--keep-going",
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    log = result.stdout + result.stderr
    assert result.returncode == 0, log[-6000:]
    assert "WARNING" not in log, log[-6000:]
    html = tmp_path / "_build" / "html"
    assert (html / "index.html").is_file()
    assert (html / "book" / "intro.html").is_file()
    bundle = html / "_static" / "vendor" / "vega-bundle.js"
    assert bundle.stat().st_size > 500_000, "the offline vega bundle was not written"
