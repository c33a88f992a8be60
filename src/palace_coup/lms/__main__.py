"""``python -m palace_coup.lms OUTPUT_FOLDER``: see :mod:`palace_coup.lms`."""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

from palace_coup.lms import banks, write


def _book_url(book: Path) -> str:
    """Return the published book's address, from ``repository.url``."""
    config = book / "_config.yml"
    if not config.is_file():
        return ""
    url = yaml.safe_load(config.read_text("utf-8"))["repository"]["url"]
    match = re.fullmatch(r"https://github\.com/([^/]+)/([^/]+?)/?", url)
    return f"https://{match[1].lower()}.github.io/{match[2]}/" if match else ""


def main(argv: list[str] | None = None) -> int:
    """Write the LMS files; print what was written."""
    parser = argparse.ArgumentParser(prog="python -m palace_coup.lms")
    parser.add_argument("folder", type=Path, help="where to write the files")
    parser.add_argument("--book", type=Path, default=Path.cwd(), help="the repository")
    parser.add_argument("--url", help="the published book (default: from _config.yml)")
    args = parser.parse_args(argv)
    url = args.url if args.url is not None else _book_url(args.book)
    paths = write(args.folder, args.book, url)
    count = sum(len(bank.questions) for bank in banks(args.book, url))
    for path in paths.values():
        print(f"{path}: {count} questions, {path.stat().st_size / 1e3:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
