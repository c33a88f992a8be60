"""Results kept between builds: one file a result, in a folder of the doctrees.

The chart pictures and the minified quiz scripts each take a fraction of a
second to make; a warm build makes again only those whose input changed.

>>> import tempfile
>>> cache = FolderCache(Path(tempfile.mkdtemp()), version="1", suffix=".txt")
>>> cache.get("input", lambda: "made")
'made'
>>> cache.get("input", lambda: "made again")  # kept from the first time
'made'
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path


class FolderCache:
    """Text made from a text input, kept in ``folder`` under the input's hash.

    Parameters
    ----------
    folder : Path
        Where the results are kept (made when the first one is written).
    version : str
        What else the results depend on (the tools' versions): part of the key.
    suffix : str
        The files' suffix, such as ``".json"``.
    """

    def __init__(self, folder: Path, version: str, suffix: str) -> None:
        self.folder = folder
        self.version = version
        self.suffix = suffix

    def get(self, text: str, make: Callable[[], str]) -> str:
        """Return what ``make()`` gives for ``text``: kept, or made and kept."""
        key = hashlib.sha256(f"{self.version}/{text}".encode()).hexdigest()[:32]
        path = self.folder / f"{key}{self.suffix}"
        if path.is_file():
            return path.read_text(encoding="utf-8")
        value = make()
        self.folder.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        partial.write_text(value, encoding="utf-8")
        partial.replace(path)  # atomic: parallel writers never see half a file
        return value
