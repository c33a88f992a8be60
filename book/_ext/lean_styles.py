"""Ship only the style rules and icon glyphs that the book's pages use.

Every page loaded the theme's whole style sheet (397 KB: Bootstrap, Font
Awesome's 1,900 icon rules and the theme) and Font Awesome's three web fonts
(300 KB) to draw about twenty icons. Once the pages are written, this
extension:

* collects the class names the pages can use: those in the pages' ``class``
  attributes and every word in every script of the book (the themes' scripts
  add classes such as ``show`` or ``scrolled`` at run time), plus Bootstrap's
  ``bs-*`` classes, which its script builds from parts;
* drops every style rule whose selectors all need a class outside that set
  (a class inside ``:not()``, ``:is()``, ``:where()`` or ``:has()`` never
  drops a rule), in every style sheet the book takes from other packages;
* subsets Font Awesome's fonts, with ``fontTools``, to the glyphs of the icon
  classes the pages use and of the icons the style sheets draw themselves
  (the theme's admonition and link icons), and stops pointing at the
  uncompressed TrueType copies.

* joins each page's style sheets, in their order, into one file (the theme's
  ``@import`` inlined, relative ``url()`` addresses rewritten), so that a
  phone on a slow network waits for one request before it can draw the page
  instead of thirteen, two of them one after the other. The page keeps the
  list of the sheets it joined, so a later build can join them again.

Each file is rebuilt from the package's original (kept beside the doctrees),
so a new class on a page brings its rules back; nothing is redone when
neither the originals nor the set of classes changed. ``make bench`` measures
what each page weighs.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

import tinycss2
from fontTools import subset
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

OURS = ("palace-coup-", "mathml.css", "quiz_access.css")
"""Style sheets written for this book, kept whole."""
FONTS = "vendor/fontawesome/webfonts"
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
SCRIPT_BODY = re.compile(r"<script\b[^>]*>(.*?)</script>", re.DOTALL)
WORD = re.compile(r"[A-Za-z_][\w-]*")
SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
FUNCTIONAL = re.compile(r":(?:not|is|where|has|matches)\(")
ALWAYS_KEPT = re.compile(r"bs-")
"""Classes that Bootstrap's script builds from parts (``bs-tooltip-auto``)."""
ICON_RULE = re.compile(r"((?:\.fa-[\w-]+:{1,2}before,?)+)\{content:\"([^\"]+)\"\}")
ICON_ESCAPE = re.compile(r"\\([0-9a-fA-F]{4,6})")
PRIVATE_USE = (0xE000, 0xF8FF)
"""The Unicode block where Font Awesome puts its icons."""
STYLESHEET_LINK = re.compile(r'[ \t]*<link\b[^>]*\brel="stylesheet"[^>]*>\n?')
HREF = re.compile(r'\bhref="([^"?#]+)[^"]*"')
JOINED = re.compile(r'\bdata-pc-sheets="([^"]*)"')
IMPORT = re.compile(r'@import\s+(?:url\()?\s*["\']?([^"\')\s]+)["\']?\s*\)?[^;]*;')
URL = re.compile(r'url\(\s*(["\']?)([^"\')]+)\1\s*\)')
BUNDLE = "palace-coup-styles-{}.css"
TRUETYPE = re.compile(r',url\([^)]*\.ttf\) format\("truetype"\)')


def words_in_pages(html_files: Iterable[Path], script_files: Iterable[Path]) -> set:
    """Return every class name and script word the book's pages contain."""
    found: set[str] = set()
    for path in html_files:
        text = path.read_text(encoding="utf-8")
        for attribute in CLASS_ATTRIBUTE.findall(text):
            found.update(attribute.split())
        for body in SCRIPT_BODY.findall(text):
            found.update(WORD.findall(body))
    for path in script_files:
        found.update(WORD.findall(path.read_text(encoding="utf-8", errors="replace")))
    return found


def _outside_functions(selector: str) -> str:
    """Empty the arguments of a selector's functional pseudo-classes.

    >>> _outside_functions("a.x:not(.y):is(.z, :not(.v)) b")
    'a.x:not():is() b'
    """
    out, depth, index = [], 0, 0
    while index < len(selector):
        opening = FUNCTIONAL.match(selector, index) if depth == 0 else None
        if opening:
            out.append(opening.group(0))
            depth, index = 1, opening.end()
            continue
        char = selector[index]
        if depth == 0:
            out.append(char)
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                out.append(char)
        index += 1
    return "".join(out)


def split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas.

    >>> split_selectors('a:is(.b, .c), d[e=","] ,f')
    ['a:is(.b, .c)', 'd[e=","]', 'f']
    """
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(prelude):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index].strip())
            start = index + 1
    parts.append(prelude[start:].strip())
    return [part for part in parts if part]


def selector_is_used(selector: str, used: set) -> bool:
    """Tell whether every class a selector requires is in ``used``.

    >>> selector_is_used(".btn:hover .fa-bars", {"btn", "fa-bars"})
    True
    >>> selector_is_used(".carousel-item.active", {"active"})
    False
    >>> selector_is_used("p:not(.carousel-item)", set())
    True
    """
    classes = SELECTOR_CLASS.findall(_outside_functions(selector))
    return all(name in used or ALWAYS_KEPT.match(name) for name in classes)


def _prune(rules: list, used: set) -> list[str]:
    """Serialise the rules that some page can use, recursing into at-rules."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = split_selectors(tinycss2.serialize(rule.prelude))
            selectors = [part for part in selectors if selector_is_used(part, used)]
            if selectors:
                body = tinycss2.serialize(rule.content)
                kept.append(",".join(selectors) + "{" + body + "}")
        elif (
            rule.type == "at-rule"
            and rule.content is not None
            and (rule.lower_at_keyword in ("media", "supports", "layer", "container"))
        ):
            inner = _prune(
                tinycss2.parse_rule_list(
                    rule.content, skip_comments=True, skip_whitespace=True
                ),
                used,
            )
            if inner:
                prelude = tinycss2.serialize(rule.prelude)
                kept.append(f"@{rule.at_keyword}{prelude}{{{''.join(inner)}}}")
        elif rule.type == "at-rule":
            kept.append(tinycss2.serialize([rule]))
    return kept


def prune_css(css: str, used: set) -> str:
    """Drop the rules of a style sheet that no page can use.

    >>> prune_css(
    ...     "@media (min-width:9px){.a{x:1}.b{x:2}}.c,.a p{y:3}/* note */",
    ...     {"a"},
    ... )
    '@media (min-width:9px){.a{x:1}}.a p{y:3}'
    """
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return TRUETYPE.sub("", "".join(_prune(rules, used)))


def icon_codepoints(css_texts: Iterable[str], used: set) -> set[int]:
    r"""Return the icon glyphs that the pages and the style sheets draw.

    >>> theme = '.fa-bars:before{content:"\\f0c9"}.fa-x:before{content:"\\f00d"}'
    >>> own = 'a{--icon:"\uf058"}'
    >>> sorted(hex(c) for c in icon_codepoints([theme, own], {"fa-bars"}))
    ['0xf058', '0xf0c9']
    """
    codepoints: set[int] = set()
    for css in css_texts:
        for names, content in ICON_RULE.findall(css):
            if any(name in used for name in re.findall(r"\.(fa-[\w-]+)", names)):
                codepoints.update(
                    int(code, 16) for code in ICON_ESCAPE.findall(content)
                )
        others = ICON_RULE.sub("", css)
        drawn = [ord(char) for char in others]
        drawn += [int(code, 16) for code in ICON_ESCAPE.findall(others)]
        codepoints.update(
            code for code in drawn if PRIVATE_USE[0] <= code <= PRIVATE_USE[1]
        )
    return codepoints


def subset_font(font: bytes, codepoints: set[int]) -> bytes:
    """Return a WOFF2 font holding only the glyphs for ``codepoints``."""
    options = subset.Options()
    options.flavor = "woff2"
    options.layout_features = ["*"]
    options.notdef_outline = True
    face = subset.load_font(BytesIO(font), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(face)
    out = BytesIO()
    subset.save_font(face, out, options)
    return out.getvalue()


class Originals:
    """The packages' own copies of the files this extension rewrites.

    Sphinx copies a theme's files into the output only when they are missing
    or changed, so the output may hold the pruned copy written by the last
    build: a file whose content is what this extension last wrote is
    replaced by the original kept then. When Sphinx copies the same original
    again, the last result is kept: what was written, and from which inputs
    (:meth:`rewritten`), so an unchanged file is not pruned again.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.manifest_path = folder / "manifest.json"
        self.manifest = (
            json.loads(self.manifest_path.read_text(encoding="utf-8"))
            if self.manifest_path.is_file()
            else {}
        )

    def original(self, name: str, current: bytes) -> bytes:
        """Return the original of the output file ``name``, now ``current``."""
        kept = self.folder / "files" / name
        entry = self.manifest.get(name, {})
        if entry.get("written") == _digest(current) and kept.is_file():
            return kept.read_bytes()
        if entry.get("original") == _digest(current) and kept.is_file():
            return current  # the same original, copied again by Sphinx
        kept.parent.mkdir(parents=True, exist_ok=True)
        kept.write_bytes(current)
        self.manifest[name] = {"original": _digest(current)}
        return current

    def rewritten(self, name: str, key: str) -> bytes | None:
        """Return what was last written to ``name`` from the inputs ``key``."""
        last = self.folder / "rewritten" / name
        if self.manifest.get(name, {}).get("key") != key or not last.is_file():
            return None
        content = last.read_bytes()
        return content if _digest(content) == self.manifest[name]["written"] else None

    def wrote(self, name: str, content: bytes, key: str) -> None:
        """Remember what was written to ``name``, and from which inputs."""
        last = self.folder / "rewritten" / name
        last.parent.mkdir(parents=True, exist_ok=True)
        last.write_bytes(content)
        self.manifest[name].update(written=_digest(content), key=key)

    def save(self) -> None:
        """Write the manifest."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest_path.write_text(json.dumps(self.manifest, indent=1))


def _write_if_changed(path: Path, content: bytes) -> None:
    if path.read_bytes() != content:
        path.write_bytes(content)


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def _rebase(css: str, source: Path, target: Path) -> str:
    """Rewrite the relative ``url()`` addresses of ``source``'s CSS for ``target``.

    >>> _rebase("a{b:url(../fonts/x.woff2)}", Path("s/styles/t.css"), Path("s/u.css"))
    'a{b:url(fonts/x.woff2)}'
    """

    def rebase(match: re.Match) -> str:
        address = match.group(2)
        if address.startswith(("data:", "#", "/")) or "://" in address:
            return match.group(0)
        resolved = os.path.normpath(source.parent / address)
        return f"url({os.path.relpath(resolved, target.parent)})"

    return URL.sub(rebase, css)


def joined_css(sheets: list[Path], target: Path) -> str:
    """Join style sheets in order, ``@import`` inlined, for a file at ``target``."""

    def inline(path: Path, seen: tuple[Path, ...]) -> str:
        css = path.read_text(encoding="utf-8")

        def imported(match: re.Match) -> str:
            child = Path(os.path.normpath(path.parent / match.group(1)))
            return "" if child in seen else inline(child, (*seen, child))

        return _rebase(IMPORT.sub(imported, css), path, target)

    return "\n".join(inline(sheet, (sheet,)) for sheet in sheets)


def _join_page_styles(page: Path, static: Path, bundles: dict) -> str | None:
    """Point a page at one joined style sheet; return the bundle's name."""
    text = page.read_text(encoding="utf-8")
    head_end = text.find("</head>")
    links = list(STYLESHEET_LINK.finditer(text, 0, head_end))
    if not links:
        return None
    joined = JOINED.search(links[0].group(0))
    if joined:
        names = joined.group(1).split()
    else:
        names = []
        for link in links:
            href = HREF.search(link.group(0))
            path = Path(os.path.normpath(page.parent / href.group(1)))
            names.append(path.relative_to(static).as_posix())
    key = tuple(names)
    if key not in bundles:
        target = static / "placeholder.css"
        css = joined_css([static / name for name in names], target)
        bundles[key] = BUNDLE.format(_digest(css.encode())[:16])
        (static / bundles[key]).write_text(css, encoding="utf-8")
    href = os.path.relpath(static / bundles[key], page.parent)
    tag = (
        f'    <link rel="stylesheet" href="{href}" '
        f'data-pc-sheets="{" ".join(names)}" />\n'
    )
    pieces, last = [], 0
    for number, link in enumerate(links):
        pieces += [text[last : link.start()], tag if number == 0 else ""]
        last = link.end()
    pieces.append(text[last:])
    joined_text = "".join(pieces)
    if joined_text != text:
        page.write_text(joined_text, encoding="utf-8")
    return bundles[key]


def _lean_styles(app: Sphinx, exception: Exception | None) -> None:
    """Prune the style sheets and subset the icon fonts in the output."""
    if exception is not None or app.builder.name != "html":
        return  # the print edition (singlehtml) is printed, not downloaded
    outdir = Path(app.outdir)
    static = outdir / "_static"
    pages = [
        page
        for page in outdir.rglob("*.html")
        if page.relative_to(outdir).parts[0] != "_static"
    ]
    used = words_in_pages(pages, static.rglob("*.js"))
    used_key = _digest("\n".join(sorted(used)).encode())
    originals = Originals(Path(app.doctreedir) / "palace-coup-styles")
    sheets = {}
    for path in sorted(static.rglob("*.css")):
        name = path.relative_to(outdir).as_posix()
        if path.name.startswith(OURS):
            continue
        source = originals.original(name, path.read_bytes())
        sheets[name] = source.decode("utf-8")
        key = used_key + _digest(source)
        pruned = originals.rewritten(name, key)
        if pruned is None:
            pruned = prune_css(sheets[name], used).encode("utf-8")
            originals.wrote(name, pruned, key)
        _write_if_changed(path, pruned)
    codepoints = icon_codepoints(sheets.values(), used)
    if not codepoints:
        logger.warning("no icon found in the pages: the icon fonts were not subset")
    icons_key = _digest(repr(sorted(codepoints)).encode())
    for path in sorted((static / FONTS).glob("*.woff2")):
        name = path.relative_to(outdir).as_posix()
        source = originals.original(name, path.read_bytes())
        key = icons_key + _digest(source)
        font = originals.rewritten(name, key)
        if font is None:
            font = subset_font(source, codepoints)
            originals.wrote(name, font, key)
        _write_if_changed(path, font)
    originals.save()
    bundles: dict[tuple[str, ...], str] = {}
    used_bundles = {_join_page_styles(page, static, bundles) for page in pages}
    for stale in static.glob(BUNDLE.format("*")):
        if stale.name not in used_bundles:
            stale.unlink()


def setup(app: Sphinx) -> dict[str, object]:
    """Register the clean-up that runs once the pages are written."""
    # After the extensions that rewrite pages once they are written (500).
    app.connect("build-finished", _lean_styles, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
