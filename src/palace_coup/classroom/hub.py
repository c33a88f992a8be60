r"""Send a class to one page of the book on a JupyterHub, through nbgitpuller.

An nbgitpuller link clones the book's repository into each student's home
folder on the hub (or updates it, keeping their own changes) and opens one
page there. :func:`hub_link` builds the same link as the book's *JupyterHub*
launch button, for any hub and page; run it from a shell to print one::

    python -m palace_coup.classroom.hub https://hub.example.ac.uk \
        book/models/weigh-it-yourself.ipynb

Inside a clone of the book the repository and branch are read from
``_config.yml`` (``repository.url`` and ``repository.branch``), and the page
must exist; elsewhere, give ``repository`` (and ``branch``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import urlencode, urlsplit

import yaml

__all__ = ["book_root", "hub_link", "main"]

_SUFFIXES = (".ipynb", ".md")


def _url(value: Any, argument: str) -> str:
    """Check an http(s) URL with a host and nothing after its path."""
    if not isinstance(value, str):
        raise TypeError(f"{argument} must be a URL string, got {type(value).__name__}")
    parts = urlsplit(value.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise ValueError(
            f"{argument} must be an http(s) address such as "
            f"https://hub.example.ac.uk, got {value!r}"
        )
    if parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(
            f"{argument} must be the hub's address alone (no ?, # or user name), "
            f"got {value!r}"
        )
    if any(ord(c) < 33 or c in "<>\"'`\\" for c in value.strip()):
        raise ValueError(f"{argument} holds a character a URL cannot, got {value!r}")
    return value.strip().rstrip("/")


def book_root(start: str | Path = ".") -> Path | None:
    """Find the clone of the book that ``start`` is in.

    Parameters
    ----------
    start : str or pathlib.Path, optional
        A folder inside the clone (default: the current folder).

    Returns
    -------
    pathlib.Path or None
        The nearest folder at or above ``start`` holding both ``_config.yml``
        and ``_toc.yml``, or None.

    Examples
    --------
    >>> book_root("/") is None
    True
    """
    here = Path(start).resolve()
    for folder in (here, *here.parents):
        if (folder / "_config.yml").is_file() and (folder / "_toc.yml").is_file():
            return folder
    return None


def _page(page: Any, root: Path | None) -> str:
    """Check a page path: relative, inside the book, a notebook or Markdown."""
    if not isinstance(page, str | PurePosixPath | Path):
        raise TypeError(f"page must be a path string, got {type(page).__name__}")
    text = str(page).replace("\\", "/")
    path = PurePosixPath(text)
    if not text or path.is_absolute() or ".." in path.parts:
        raise ValueError(
            "page must be a path inside the book, relative to its root, such as "
            f"book/models/weigh-it-yourself.ipynb; got {text!r}"
        )
    if path.suffix == "" and root is not None:
        for suffix in _SUFFIXES:
            if (root / path.with_suffix(suffix)).is_file():
                path = path.with_suffix(suffix)
                break
    if path.suffix not in _SUFFIXES:
        raise ValueError(f"page must be a .ipynb or .md file; got {text!r}")
    if root is not None:
        if not (root / path).is_file():
            raise ValueError(f"page {text!r} is not a file of the book at {root}")
        notebook = path.with_suffix(".ipynb")
        if path.suffix == ".md" and (root / notebook).is_file():
            path = notebook  # as the book's own button does
    return path.as_posix()


def _settings(root: Path | None) -> dict[str, Any]:
    """Read ``repository`` from the book's ``_config.yml``, if there is a book."""
    if root is None:
        return {}
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    return dict((config or {}).get("repository") or {})


def hub_link(
    hub_url: str,
    page: str,
    *,
    repository: str | None = None,
    branch: str | None = None,
    root: str | Path | None = None,
) -> str:
    """Return the nbgitpuller link that opens ``page`` of the book on a hub.

    The link is the one the book's own *JupyterHub* launch button makes
    (sphinx-book-theme's format): ``<hub>/hub/user-redirect/git-pull?repo=...
    &urlpath=lab/tree/<repository folder>/<page>&branch=...``. The hub needs
    ``nbgitpuller`` installed and the book's requirements in its image.

    Parameters
    ----------
    hub_url : str
        The hub's address, such as ``https://hub.example.ac.uk`` (a path
        prefix is kept; a trailing ``/`` is dropped).
    page : str
        The page's source file relative to the book's root, such as
        ``book/models/weigh-it-yourself.ipynb``. Inside a clone of the book it
        must exist, the suffix may be left out, and a Markdown page with a
        notebook of the same name opens the notebook.
    repository : str, optional
        The book's git repository; default ``repository.url`` of the book's
        ``_config.yml``.
    branch : str, optional
        The branch to pull; default ``repository.branch`` there, else ``main``.
    root : str or pathlib.Path, optional
        The book's clone; default the one the current folder is in
        (:func:`book_root`).

    Returns
    -------
    str
        The link.

    Raises
    ------
    TypeError
        If an argument is not a string (or a path, for ``page`` and ``root``).
    ValueError
        If ``hub_url`` or ``repository`` is not an http(s) address, ``page``
        is not a notebook or Markdown file inside the book, ``branch`` is
        empty or holds spaces, or no repository is given outside a clone.

    Examples
    --------
    >>> hub_link("https://hub.example.ac.uk/", "book/models/weigh-it-yourself.ipynb",
    ...          repository="https://github.com/palace-coup/palace-coup-book",
    ...          branch="main", root="/")  # doctest: +NORMALIZE_WHITESPACE
    'https://hub.example.ac.uk/hub/user-redirect/git-pull?repo=https%3A//github.com/palace-coup/palace-coup-book&urlpath=lab/tree/palace-coup-book/book/models/weigh-it-yourself.ipynb&branch=main'
    """
    hub = _url(hub_url, "hub_url").removesuffix("/hub")
    book = book_root("." if root is None else root)
    settings = _settings(book)
    repository = repository if repository is not None else settings.get("url")
    if repository is None:
        raise ValueError(
            "repository: no _config.yml of the book was found above the current "
            "folder; pass the book's repository URL"
        )
    repository = _url(repository, "repository")
    branch = branch if branch is not None else settings.get("branch") or "main"
    if not isinstance(branch, str) or not branch or any(c.isspace() for c in branch):
        raise ValueError(f"branch must be a branch name without spaces; got {branch!r}")
    folder = urlsplit(repository).path.rstrip("/").rsplit("/", 1)[-1]
    folder = folder.removesuffix(".git") or urlsplit(repository).hostname
    query = urlencode(
        {
            "repo": repository,
            "urlpath": f"lab/tree/{folder}/{_page(page, book)}",
            "branch": branch,
        },
        safe="/",
    )
    return f"{hub}/hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    """Print the nbgitpuller link for a hub and a page (the command line).

    Parameters
    ----------
    argv : list of str, optional
        The arguments; default ``sys.argv[1:]``.

    Returns
    -------
    int
        0 when the link was printed, 2 when an argument was refused (the reason
        is printed on standard error).

    Examples
    --------
    >>> main(["https://hub.example.ac.uk", "book/intro.md", "--repository",
    ...       "https://github.com/palace-coup/palace-coup-book"])  # doctest: +ELLIPSIS
    https://hub.example.ac.uk/hub/user-redirect/git-pull?repo=...&branch=main
    0
    """
    parser = argparse.ArgumentParser(
        prog="python -m palace_coup.classroom.hub",
        description="Print the nbgitpuller link that opens a page of the book "
        "on a JupyterHub.",
    )
    parser.add_argument("hub_url", help="the hub, e.g. https://hub.example.ac.uk")
    parser.add_argument("page", help="e.g. book/models/weigh-it-yourself.ipynb")
    parser.add_argument("--repository", help="default: repository.url of _config.yml")
    parser.add_argument("--branch", help="default: repository.branch, else main")
    args = parser.parse_args(argv)
    try:
        link = hub_link(
            args.hub_url, args.page, repository=args.repository, branch=args.branch
        )
    except (TypeError, ValueError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(link)
    return 0


if __name__ == "__main__":  # pragma: no cover - the command line
    sys.exit(main())
