"""Docusaurus: where its configuration is, and the literal values yeplint reads from it.

``docusaurus.config.{js,ts,mjs,cjs}`` is a program, not data: only values written as literals
are read (strings, booleans, arrays and objects of them), by a small scanner of JavaScript
object literals. A value that is computed (``path.join(…)``, a variable, a template with
``${…}``) is never guessed: it is named in a notice, once per run, with what it leaves
unjudged. What is read:

- ``baseUrl``, ``staticDirectories``;
- the classic preset's ``docs`` and ``blog`` options (``path``, ``routeBasePath``; ``false``
  turns one off);
- every ``@docusaurus/plugin-content-docs`` instance in ``plugins`` (``path``,
  ``routeBasePath``).

The configuration sits in the site's folder, or in a ``website/`` folder beside a top-level
``docs/`` (an older layout: ``path: '../docs'``); paths are then relative to the folder above.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CONFIG_NAMES = (
    "docusaurus.config.js",
    "docusaurus.config.ts",
    "docusaurus.config.mjs",
    "docusaurus.config.cjs",
)
WEBSITE = "website"
"""The folder an older Docusaurus site keeps its configuration in, beside a top-level docs/."""
PRESETS = ("classic", "@docusaurus/preset-classic")
DOCS_PLUGIN = "@docusaurus/plugin-content-docs"


class Computed:
    """A value the scanner does not evaluate (an expression), with its source text."""

    def __init__(self, text: str) -> None:
        self.text = text.strip()

    def __repr__(self) -> str:
        return f"Computed({self.text!r})"


@dataclass(frozen=True, slots=True)
class ContentRoot:
    """A docs or blog plugin instance: its folder (relative to the project root, ``/``-separated)
    and the URL its pages are served under (``None``: computed, not known)."""

    folder: str
    route: str | None


@dataclass
class DocusaurusConfig:
    """What the site's configuration says, with the site folder relative to the project root
    (``""``, or ``website/``)."""

    site: str = ""
    base_url: str | None = "/"
    """``None``: computed."""
    docs: list[ContentRoot] = field(default_factory=list)
    blog: list[ContentRoot] = field(default_factory=list)
    pages: list[ContentRoot] = field(default_factory=list)
    """The pages plugin (``src/pages``, with the classic preset)."""
    static: list[str] = field(default_factory=list)
    unread: list[str] = field(default_factory=list)
    """The settings written as expressions, as ``key (expression)``."""
    file: str = ""


def config_file(folder: Path) -> Path | None:
    """The Docusaurus configuration of the site whose root is ``folder``: in it, or in its
    ``website/`` folder when ``folder`` holds a ``docs/`` folder."""
    for name in CONFIG_NAMES:
        if (folder / name).is_file():
            return folder / name
    if (folder / "docs").is_dir():
        for name in CONFIG_NAMES:
            if (folder / WEBSITE / name).is_file():
                return folder / WEBSITE / name
    return None


def read(root: Path) -> DocusaurusConfig:
    """The configuration of the Docusaurus site at ``root`` (the defaults when it has none,
    or when it cannot be read)."""
    path = config_file(root)
    if path is None:
        return _defaults("")
    site = "" if path.parent == root else f"{WEBSITE}/"
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return _defaults(site)
    found = parse(text, site)
    found.file = site + path.name
    return found


def _defaults(site: str) -> DocusaurusConfig:
    return DocusaurusConfig(
        site,
        docs=[ContentRoot(_folder(site, "docs"), "/docs")],
        blog=[ContentRoot(_folder(site, "blog"), "/blog")],
        static=[_folder(site, "static")],
    )


def parse(text: str, site: str = "") -> DocusaurusConfig:
    """The literal values of a configuration's text; ``site``: its folder, relative to the
    project root (``website/``), which its relative paths are written from."""
    config = _main_object(text)
    found = DocusaurusConfig(site)
    if config is None:
        found.unread.append("the configuration object")
        return found
    base = _string(config.get("baseUrl", "/"), "baseUrl", found)
    found.base_url = None if base is None else ("/" + base.strip("/") + "/").replace("//", "/")
    statics = config.get("staticDirectories", ["static"])
    if isinstance(statics, list):
        for item in statics:
            folder = _string(item, "staticDirectories", found)
            if folder is not None:
                found.static.append(_folder(site, folder))
    else:
        found.unread.append(f"staticDirectories ({_shown(statics)})")
    docs: Any = None  # without the classic preset, no docs, blog or pages plugin
    blog: Any = None
    pages: Any = None
    for preset in _entries(config.get("presets"), "presets", found):
        if preset[0] in PRESETS:
            options = preset[1] if len(preset) > 1 else {}
            if isinstance(options, Computed):
                found.unread.append(f"the classic preset's options ({_shown(options)})")
                docs = blog = pages = None
                continue
            docs, blog = options.get("docs", {}), options.get("blog", {})
            pages = options.get("pages", {})
    for kind, options, into, default in (
        ("docs", docs, found.docs, "docs"),
        ("blog", blog, found.blog, "blog"),
        ("pages", pages, found.pages, "src/pages"),
    ):
        if options is not False and options is not None:
            _content_root(options, kind, default, site, into, found)
    for plugin in _entries(config.get("plugins"), "plugins", found):
        if plugin[0] == DOCS_PLUGIN:
            options = plugin[1] if len(plugin) > 1 else {}
            _content_root(options, "docs", "docs", site, found.docs, found)
    return found


def _entries(value: Any, key: str, found: DocusaurusConfig) -> list[list[Any]]:
    """A ``presets``/``plugins`` array as [name, options] lists; a computed one is named."""
    if value is None:
        return []
    if not isinstance(value, list):
        found.unread.append(f"{key} ({_shown(value)})")
        return []
    entries = []
    for item in value:
        if isinstance(item, str):
            entries.append([item])
        elif isinstance(item, list) and item and isinstance(item[0], str):
            entries.append(item)
        elif isinstance(item, list) and item and isinstance(item[0], Computed):
            item = item[0]
            if any(n in item.text for n in (*PRESETS, DOCS_PLUGIN)):
                found.unread.append(f"{key} ({_shown(item)})")
        elif isinstance(item, Computed) and any(n in item.text for n in (*PRESETS, DOCS_PLUGIN)):
            found.unread.append(f"{key} ({_shown(item)})")
    return entries


def _content_root(
    options: Any,
    kind: str,
    default: str,
    site: str,
    into: list[ContentRoot],
    found: DocusaurusConfig,
) -> None:
    """Add a docs or blog instance from its options; a computed ``path`` leaves it out and a
    computed ``routeBasePath`` leaves its URLs unknown, each named."""
    if isinstance(options, Computed) or not isinstance(options, dict):
        found.unread.append(f"{kind} options ({_shown(options)})")
        return
    folder = _string(options.get("path", default), f"{kind} path", found)
    if folder is None:
        return
    route = _string(
        options.get("routeBasePath", "/" if kind == "pages" else default),
        f"{kind} routeBasePath",
        found,
    )
    url = None
    if route is not None and found.base_url is not None:
        url = (found.base_url.rstrip("/") + "/" + route.strip("/")).rstrip("/") or "/"
    into.append(ContentRoot(_folder(site, folder), url))


def _string(value: Any, key: str, found: DocusaurusConfig) -> str | None:
    if isinstance(value, str):
        return value
    found.unread.append(f"{key} ({_shown(value)})")
    return None


def _shown(value: Any) -> str:
    text = value.text if isinstance(value, Computed) else repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _folder(site: str, folder: str) -> str:
    """A folder of the configuration, relative to the project root."""
    joined = posixpath.normpath(posixpath.join(site or ".", folder))
    return "" if joined == "." else joined.removeprefix("./")


_OBJECT_START = re.compile(r"(?:=|\bdefault|\breturn|\()\s*\{")


def _main_object(text: str) -> dict[str, Any] | None:
    """The configuration object: the first object literal (after ``=``, ``export default``,
    ``return`` or ``(``) that has the keys of one (``presets``, ``plugins`` or ``title``)."""
    for match in _OBJECT_START.finditer(text):
        try:
            value, _ = _Scanner(text).value(match.end() - 1)
        except _Stop:
            continue
        if isinstance(value, dict) and {"presets", "plugins", "title"} & set(value):
            return value
    return None


class _Stop(Exception):
    """The text is not an object literal the scanner reads."""


_IDENTIFIER = re.compile(r"[A-Za-z_$][\w$]*")
_NUMBER = re.compile(r"-?\d[\d_.eExXa-fA-F]*")
_CLOSERS = {"(": ")", "[": "]", "{": "}"}


class _Scanner:
    """A reader of JavaScript literals: strings, numbers, booleans, arrays and objects; any
    other expression is skipped to the next ``,`` or closing bracket and kept as
    :class:`Computed`."""

    def __init__(self, text: str) -> None:
        self.text = text

    def space(self, pos: int) -> int:
        text = self.text
        while pos < len(text):
            if text[pos].isspace():
                pos += 1
            elif text.startswith("//", pos):
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end
            elif text.startswith("/*", pos):
                end = text.find("*/", pos + 2)
                pos = len(text) if end < 0 else end + 2
            else:
                break
        return pos

    def value(self, pos: int) -> tuple[Any, int]:
        pos = self.space(pos)
        if pos >= len(self.text):
            raise _Stop
        char = self.text[pos]
        found: Any
        if char == "{":
            found, end = self.object(pos)
        elif char == "[":
            found, end = self.array(pos)
        elif char == "(":  # `/** @type {…} */ ({…})`, as Docusaurus's JavaScript template writes
            found, end = self.parenthesised(pos)
        elif char in "\"'`":
            end = self.string_end(pos)
            raw = self.text[pos + 1 : end - 1]
            found = Computed(self.text[pos:end]) if char == "`" and "${" in raw else _unescape(raw)
        else:
            found, end = self.other(pos)
        return self.tail(found, pos, end)

    def parenthesised(self, pos: int) -> tuple[Any, int]:
        """A value in parentheses; anything else that starts with one (an arrow function's
        parameters) is an expression."""
        try:
            found, end = self.value(pos + 1)
            end = self.space(end)
            if end < len(self.text) and self.text[end] == ")":
                return found, end + 1
        except _Stop:
            pass
        return self.other(pos)

    def tail(self, found: Any, start: int, end: int) -> tuple[Any, int]:
        """After a value: TypeScript's ``satisfies T``/``as T`` keep it; anything else (an
        operator, a call on it) makes the whole a computed expression."""
        pos = self.space(end)
        rest = self.text[pos : pos + 10]
        if re.match(r"(?:satisfies|as)\b", rest):
            _, after = self.other(pos)
            return found, after
        if pos < len(self.text) and self.text[pos] not in ",]});":
            _, after = self.other(pos)
            return Computed(self.text[start:after]), after
        return found, end

    def other(self, pos: int) -> tuple[Any, int]:
        """Anything up to the next ``,`` or closing bracket at this depth."""
        text, start, depth = self.text, pos, 0
        while pos < len(text):
            char = text[pos]
            if char in "\"'`":
                pos = self.string_end(pos)
                continue
            if text.startswith(("//", "/*"), pos):
                pos = self.space(pos)
                continue
            if char in _CLOSERS:
                depth += 1
            elif char in ")]}":
                if depth == 0:
                    break
                depth -= 1
            elif char == "," and depth == 0:
                break
            pos += 1
        written = text[start:pos].strip()
        literal = {"true": True, "false": False, "null": None, "undefined": None}
        if written in literal:
            return literal[written], pos
        if _NUMBER.fullmatch(written):
            return Computed(written), pos  # numbers are never a path or a URL
        if not written:
            raise _Stop
        return Computed(written), pos

    def string_end(self, pos: int) -> int:
        text, quote = self.text, self.text[pos]
        pos += 1
        while pos < len(text):
            char = text[pos]
            if char == "\\":
                pos += 2
                continue
            if quote == "`" and text.startswith("${", pos):
                pos = self.balanced(pos + 1)
                continue
            if char == quote:
                return pos + 1
            pos += 1
        raise _Stop

    def balanced(self, pos: int) -> int:
        """From an opening bracket at ``pos``, the index after its closing one."""
        _, end = self.other(pos + 1)
        return end + 1

    def array(self, pos: int) -> tuple[list[Any], int]:
        items: list[Any] = []
        pos = self.space(pos + 1)
        while True:
            if pos >= len(self.text):
                raise _Stop
            if self.text[pos] == "]":
                return items, pos + 1
            if self.text.startswith("...", pos):
                item, pos = self.other(pos)
            else:
                item, pos = self.value(pos)
            items.append(item)
            pos = self.separator(pos, "]")

    def object(self, pos: int) -> tuple[dict[str, Any], int]:
        found: dict[str, Any] = {}
        pos = self.space(pos + 1)
        while True:
            if pos >= len(self.text):
                raise _Stop
            char = self.text[pos]
            if char == "}":
                return found, pos + 1
            if self.text.startswith("...", pos):
                _, pos = self.other(pos)  # a spread: its keys are not known
                pos = self.separator(pos, "}")
                continue
            if char in "\"'":
                end = self.string_end(pos)
                key = _unescape(self.text[pos + 1 : end - 1])
            elif char == "[":
                end = self.balanced(pos)
                key = Computed(self.text[pos:end]).text
            else:
                match = _IDENTIFIER.match(self.text, pos)
                if match is None:
                    raise _Stop
                key, end = match.group(), match.end()
            pos = self.space(end)
            if pos < len(self.text) and self.text[pos] == ":":
                found[key], pos = self.value(pos + 1)
            elif pos < len(self.text) and self.text[pos] in ",}":  # shorthand `{ docs }`
                found[key] = Computed(key)
            else:  # a method `editUrl() {…}`
                found[key], pos = self.other(pos)
            pos = self.separator(pos, "}")

    def separator(self, pos: int, closer: str) -> int:
        pos = self.space(pos)
        if pos < len(self.text) and self.text[pos] == ",":
            return self.space(pos + 1)
        if pos < len(self.text) and self.text[pos] == closer:
            return pos
        raise _Stop


def _unescape(raw: str) -> str:
    return re.sub(r"\\(.)", r"\1", raw)


def notice(config: DocusaurusConfig) -> str | None:
    """What the run cannot read of the configuration, and what that leaves unjudged; ``None``
    when every value it needs is a literal."""
    if not config.unread:
        return None
    from yeplint.locale.messages import msg

    return msg(
        "{file} computes {values}: yeplint reads literal values only, so the pages and links"
        " that depend on them are not checked against it",
        file=config.file or "docusaurus.config",
        values=", ".join(dict.fromkeys(config.unread)),
    )


def settings(root: Path) -> dict[str, Any]:
    """The :class:`~yeplint.config.settings.Settings` values the configuration of the site at
    ``root`` gives: its docs roots, the folders served at ``/``, ``@site/``, and the notice of
    what it computes."""
    config = read(root)
    return {
        "docs_roots": (
            *((r.folder, r.route, "docs") for r in config.docs),
            *((r.folder, r.route, "blog") for r in config.blog),
            *((r.folder, r.route, "pages") for r in config.pages),
        ),
        "static_roots": tuple(config.static),
        "path_aliases": (("@site/", config.site or "."),),
        "generator_notices": tuple(filter(None, (notice(config),))),
    }
