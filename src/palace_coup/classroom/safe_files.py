"""Reading and writing a class's files safely: the one file layer of every loader.

Students' files are untrusted, and a class folder is often shared (a hub
folder, an unzipped upload), so this module assumes the worst of it:

* **Writes are atomic.** :func:`write_atomic` writes a hidden temporary file
  in the same folder, flushes it to disk (``fsync``) and renames it over the
  target with :func:`os.replace`: a reader sees the old file or the new one,
  never half of one or an empty one, however many saves of the same name run
  at once. A symbolic link planted at the target is replaced, not followed.
* **Reads follow no link and never block.** :func:`read_folder` lists the
  folder without following links; each file is opened with ``O_NOFOLLOW`` and
  ``O_NONBLOCK`` and must be a regular file once open, so a link to
  ``/dev/zero``, a FIFO or a device is refused at once, and a file is read
  only up to a byte limit counted on the bytes actually read (not on the size
  the file system claims).
* **Every problem is a reason, not an exception.** A file that cannot be read
  comes back with the reason, so that one bad file never stops the class.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from palace_coup.classroom.names import shown

__all__ = ["MAX_FILES", "FileRead", "read_bounded", "read_folder", "write_atomic"]

MAX_FILES = 10_000
"""Most files :func:`read_folder` reads from one folder; the rest are reported."""

_READ_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_CHUNK = 1 << 16
_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
    stat.S_IFDIR: "a folder",
    stat.S_IFLNK: "a symbolic link",
}


def _kind(mode: int) -> str:
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


@dataclass(frozen=True)
class FileRead:
    """One file of a folder: its bytes, or the reason it was not read.

    Attributes
    ----------
    name : str
        The file's name, safe to show (unprintable characters escaped).
    data : bytes or None
        The bytes read, or None if the file was refused.
    problem : str
        Why it was refused ("" when ``data`` is set).
    """

    name: str
    data: bytes | None
    problem: str = ""


def read_bounded(
    path: str | Path, max_bytes: int, *, dir_fd: int | None = None
) -> bytes:
    """Read a regular file, following no link, refusing more than ``max_bytes``.

    Parameters
    ----------
    path : str or pathlib.Path
        The file (relative to ``dir_fd`` if given).
    max_bytes : int
        Largest size accepted, counted on the bytes actually read.
    dir_fd : int, optional
        An open folder that ``path`` is relative to.

    Returns
    -------
    bytes
        The file's contents.

    Raises
    ------
    ValueError
        With the reason: a symbolic link, not a regular file (FIFO, device,
        socket, folder), larger than ``max_bytes``, or cannot be opened or read
        (the system's reason).

    Examples
    --------
    >>> read_bounded("/dev/null", 10)
    Traceback (most recent call last):
    ...
    ValueError: a character device, not a regular file
    """
    try:
        fd = os.open(path, _READ_FLAGS, dir_fd=dir_fd)
    except OSError as error:
        if error.errno in (errno.ELOOP, errno.EMLINK):
            raise ValueError("a symbolic link: not followed") from error
        raise ValueError(f"cannot be opened ({error.strerror})") from error
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise ValueError(f"{_kind(mode)}, not a regular file")
        chunks, total = [], 0
        while chunk := os.read(fd, min(_CHUNK, max_bytes + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > max_bytes:
                raise ValueError(f"larger than {max_bytes:,} bytes")
        return b"".join(chunks)
    except OSError as error:
        raise ValueError(f"cannot be read ({error.strerror})") from error
    finally:
        os.close(fd)


def read_folder(
    folder: str | Path, max_bytes: int, suffix: str = ".json"
) -> Iterator[FileRead]:
    """Read every file of a folder that a loader should look at, in name order.

    Hidden files (names starting with ``.``, which include the temporary files
    of :func:`write_atomic`) and sub-folders are passed over in silence; every
    other entry is read, or refused with a reason: a symbolic link, a special
    file, a name without ``suffix``, a file too large, or beyond the first
    :data:`MAX_FILES`.

    Parameters
    ----------
    folder : str or pathlib.Path
        The class folder.
    max_bytes : int
        Largest file accepted (see :func:`read_bounded`).
    suffix : str, optional
        The file-name ending of the format (default ``.json``), compared
        without regard to case.

    Yields
    ------
    FileRead
        One per file that is not hidden or a folder.

    Raises
    ------
    FileNotFoundError
        If ``folder`` is not a folder.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.json").write_text("{}")
    >>> _ = (folder / "notes.txt").write_text("hello")
    >>> [(f.name, f.data, f.problem) for f in read_folder(folder, 100)]
    [('a.json', b'{}', ''), ('notes.txt', None, 'not a .json file')]
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise FileNotFoundError(f"folder: no folder at {folder}")
    use_fd = os.open in os.supports_dir_fd and os.scandir in os.supports_fd
    dir_fd = (
        os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)) if use_fd else None
    )
    try:
        with os.scandir(dir_fd if dir_fd is not None else folder) as listing:
            entries = sorted(
                (e for e in listing if not e.name.startswith(".")),
                key=lambda e: e.name,
            )
        read = 0
        for entry in entries:
            name = shown(entry.name)
            try:
                if entry.is_dir(follow_symlinks=False):
                    continue
                if entry.is_symlink():
                    yield FileRead(name, None, "a symbolic link: not followed")
                    continue
                if not entry.is_file(follow_symlinks=False):
                    mode = entry.stat(follow_symlinks=False).st_mode
                    yield FileRead(name, None, f"{_kind(mode)}, not a regular file")
                    continue
            except OSError as error:
                yield FileRead(name, None, f"cannot be examined ({error.strerror})")
                continue
            if not entry.name.lower().endswith(suffix):
                yield FileRead(name, None, f"not a {suffix} file")
                continue
            if read >= MAX_FILES:
                yield FileRead(name, None, f"beyond the first {MAX_FILES:,} files")
                continue
            read += 1
            path = entry.name if dir_fd is not None else entry.path
            try:
                yield FileRead(name, read_bounded(path, max_bytes, dir_fd=dir_fd))
            except ValueError as error:
                yield FileRead(name, None, str(error))
    finally:
        if dir_fd is not None:
            os.close(dir_fd)


def write_atomic(folder: str | Path, file_name: str, data: bytes) -> Path:
    """Write ``data`` to ``folder/file_name`` atomically (temporary file, rename).

    Parameters
    ----------
    folder : str or pathlib.Path
        Where to write; created if missing.
    file_name : str
        The target's name (no folder part).
    data : bytes
        The complete new contents.

    Returns
    -------
    pathlib.Path
        The file written.

    Raises
    ------
    OSError
        If the folder cannot be created or written, or the target is a folder.
        The temporary file is removed; the target is unchanged.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> write_atomic(folder, "a.json", b"{}").read_bytes()
    b'{}'
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    fd, temporary = tempfile.mkstemp(prefix=f".{file_name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o644)
        os.replace(temporary, folder / file_name)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _sync_folder(folder)
    return folder / file_name


def _sync_folder(folder: Path) -> None:
    """Flush the folder's entry for the renamed file, where the system can."""
    if os.name != "posix":  # pragma: no cover - Windows cannot open folders
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # pragma: no cover - folder just written to
        return
    try:
        os.fsync(fd)
    except OSError:  # pragma: no cover - some file systems refuse
        pass
    finally:
        os.close(fd)
