"""Eleventy: its folders, the files it copies as they are, whether its headings get ids, and the
URL of each page.

Eleventy reads ``eleventy.config.{js,mjs,cjs}`` (or ``.eleventy.js``) in the project's root. The
folders are the ``dir`` object it exports (``return { dir: { input: "src" } }``, ``export
const config = { dir: … }``) or set by ``eleventyConfig.setInputDirectory("src")`` and its
siblings; ``includes``, ``layouts`` and ``data`` are relative to the input folder. A page
``posts/hello.md`` of the input folder is served at ``/posts/hello/``; ``index.md``, and a file
named as its folder (``posts/posts.md``), at the folder's URL; a ``permalink`` in the page's
front matter, or in its folder's data file (``posts/posts.json``), wins. Each
``addPassthroughCopy`` is a folder served at ``/``. Its markdown-it renders headings without
ids unless the configuration adds ``markdown-it-anchor`` or Eleventy's ``IdAttributePlugin``.
Only literal values are read (:mod:`yeplint.config.jsconfig`); what is computed is said once.
"""

from __future__ import annotations

import json
import posixpath
import re
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from yeplint import LazyPattern
from yeplint.config.jsconfig import (
    Computed,
    Value,
    call_arguments,
    object_at,
    property_values,
    read_source,
)
from yeplint.config.markers import ELEVENTY_CONFIGS
from yeplint.locale.messages import msg

CONFIG_NAMES = ELEVENTY_CONFIGS
"""The configuration files Eleventy looks for, in its order."""
_FOLDERS = {
    "input": ("setInputDirectory", "."),
    "includes": ("setIncludesDirectory", "_includes"),
    "layouts": ("setLayoutsDirectory", None),
    "data": ("setDataDirectory", "_data"),
    "output": ("setOutputDirectory", "_site"),
}
"""Each folder of ``dir``: the method that sets it, and its default (``layouts``: the
includes folder)."""


class EleventySite(NamedTuple):
    root: Path
    input: Path | None
    """The folder of the pages; ``None`` when the configuration computes it."""
    templates: tuple[Path, ...] = ()
    """The includes, layouts and data folders: never pages."""
    static: tuple[str, ...] = ()
    """Folders served at ``/``, relative to ``root``."""
    ids: bool | None = False
    """Whether headings get ids: ``False`` with markdown-it as Eleventy sets it up, ``None``
    when a plugin gives them by a slug algorithm yeplint does not know."""
    notices: tuple[str, ...] = ()
    virtual: tuple[str, ...] = ()
    """URLs plugins write without a template file (a feed's literal ``outputPath``)."""
    output: Path | None = None
    """The folder the build writes (``_site``)."""
    input_paths: bool = False
    """``InputPathToUrlTransformPlugin`` rewrites a link to a template's file, written from the
    page, the input folder or the project's root, to that page's URL."""


def config_file(site: Path) -> Path | None:
    return next((site / n for n in CONFIG_NAMES if (site / n).is_file()), None)


@lru_cache(maxsize=16)  # read once per run and site: the URL map and the settings both ask
def read(site: Path) -> EleventySite:
    """The Eleventy site whose project root is ``site``."""
    site = site.resolve()
    config = config_file(site)
    text = read_source(config) if config is not None else None
    if config is None or text is None:
        return EleventySite(site, site, (site / "_includes", site / "_data"))
    name = config.name
    notices: list[str] = []
    folders = _folders(text)
    computed = sorted(k for k, v in folders.items() if isinstance(v, Computed))
    if computed:
        notices.append(_unread(name, f"dir.{computed[0]}", msg("links to pages")))
    written = {k: v for k, v in folders.items() if isinstance(v, str)}
    source = written.get("input", ".")
    input_folder = None if "input" in computed else (site / _clean(source)).resolve()
    templates: list[Path] = []
    if input_folder is not None:
        for key in ("includes", "layouts", "data"):
            value = written.get(key) or _FOLDERS[key][1] or written.get("includes", "_includes")
            templates.append((input_folder / _clean(value)).resolve())
    static, unmapped = _passthrough(text, source)
    if unmapped:
        notices.append(_unread(name, "addPassthroughCopy", msg("links to the files it copies")))
    modules = [text, *_local_modules(text, config)]
    ids = None if any(_ANCHOR_PLUGIN.search(m) for m in modules) else False
    virtual = tuple(
        v for m in modules for v in property_values(m, "outputPath") if isinstance(v, str)
    )
    return EleventySite(
        site,
        input_folder,
        tuple(templates),
        static,
        ids,
        tuple(notices),
        virtual=virtual,
        output=(site / _clean(written.get("output", "_site"))).resolve(),
        input_paths=any("InputPathToUrlTransformPlugin" in m for m in modules),
    )


def _clean(folder: str) -> str:
    return posixpath.normpath(folder.replace("\\", "/").strip("/") or ".")


def _folders(text: str) -> dict[str, Value]:
    """The folders the configuration sets: its ``dir`` object, then each ``set…Directory``."""
    found: dict[str, Value] = {}
    for match in re.finditer(r"(?<![\w$.])dir\s*:", text):
        entries = object_at(text, match.end())
        if isinstance(entries, Computed):
            continue  # another object's `dir` (`dir: "ltr"`)
        found.update((k, v) for k, v in entries if isinstance(k, str) and k in _FOLDERS)
    for key, (method, _) in _FOLDERS.items():
        for value in call_arguments(text, method):
            found[key] = value
    return found


def _passthrough(text: str, source: str) -> tuple[tuple[str, ...], bool]:
    """The folders ``addPassthroughCopy`` serves at ``/`` (relative to the project root), and
    whether one of its copies cannot be mapped to such a folder (a computed path, a file
    copied under another name)."""
    input_folder = _clean(source)
    roots: list[str] = []
    unmapped = False
    for match in re.finditer(r"\.addPassthroughCopy\s*\(", text):
        entries = object_at(text, match.end())
        pairs: list[tuple[str | Computed, Value]]
        if isinstance(entries, Computed):
            argument = call_arguments(text[match.start() :], "addPassthroughCopy")[0]
            if not isinstance(argument, str):
                unmapped = True
                continue
            path = _clean(_unglobbed(argument))
            inside = input_folder != "." and (path + "/").startswith(input_folder + "/")
            pairs = [(path, path[len(input_folder) + 1 :] if inside else path)]
        else:
            pairs = entries
        for key, target in pairs:
            root = _root(key, target)
            if root is None:
                unmapped = True
            elif root not in roots:
                roots.append(root)
    return tuple(roots), unmapped


def _unglobbed(path: str) -> str:
    """A copied path up to its first glob character's folder (``src/blog/*.png`` →
    ``src/blog``)."""
    at = min((path.find(c) for c in "*?{[" if c in path), default=-1)
    return path if at < 0 else path[:at].rsplit("/", 1)[0] if "/" in path[:at] else "."


def _root(source: str | Computed, target: Value) -> str | None:
    """The folder that, served at ``/``, serves ``source`` at ``target``: ``src/img`` at
    ``img`` is ``src``; ``None`` when ``target`` is not the end of ``source``."""
    if isinstance(source, Computed) or not isinstance(target, str):
        return None
    path, served = _clean(_unglobbed(source)), _clean(target)
    if served == ".":
        return path
    if path == served:
        return "."
    if path.endswith("/" + served):
        return path[: -len(served) - 1]
    return None


_ANCHOR_PLUGIN = LazyPattern(r"markdown-?it-?anchor|IdAttributePlugin", re.I)
"""What gives headings ids on an Eleventy site; their slugs are their own, or the site's
function."""


def _local_modules(text: str, config: Path) -> list[str]:
    """The text of the site's own modules the configuration imports
    (``./config/markdownPlugin.js``): plugins set up there count as the configuration's."""
    found = []
    for module in re.findall(r"""from\s+["'](\.{1,2}/[^"']+)["']""", text):
        imported = read_source((config.parent / module).resolve())
        if imported is not None:
            found.append(imported)
    return found


def _unread(config: str, what: str, left: str) -> str:
    return msg(
        "{file} computes `{what}`, which yeplint does not run: {left} are not all checked",
        file=config,
        what=what,
        left=left,
    )


def ids_notice(site: EleventySite) -> str | None:
    """Why links to headings are not checked on this site, when they are not."""
    if site.ids is False:
        return msg(
            "Eleventy's markdown-it gives headings no ids unless a plugin does, and this site"
            " adds none yeplint sees: links to headings are not checked"
        )
    if site.ids is None:
        return msg(
            "this Eleventy site gives headings ids with a plugin (markdown-it-anchor,"
            " IdAttributePlugin) whose slugs yeplint does not follow: links to headings are not"
            " checked"
        )
    return None


def url(page: Path, site: EleventySite, permalink: object = None) -> str | None:
    """The URL Eleventy serves ``page`` at: its ``permalink`` when a literal one is given
    (``False``: not written at all), else its path under the input folder; ``None`` for a
    file outside the input folder or in its includes, layouts or data folder."""
    if site.input is None or permalink is False:
        return None
    try:
        relative = page.relative_to(site.input)
    except ValueError:
        return None
    if any(page.is_relative_to(folder) for folder in site.templates):
        return None
    if isinstance(permalink, str) and permalink.strip():
        return _permalink(permalink.strip(), page, relative)
    stem = _stem(relative)
    folder, _, name = stem.rpartition("/")
    if name == "index" or (folder and name == folder.rsplit("/", 1)[-1]):
        return f"/{folder}/" if folder else "/"
    return f"/{stem}/"


def _stem(relative: Path) -> str:
    """The path without its template extension (``feed.11ty.js`` → ``feed``)."""
    text = relative.as_posix()
    return re.sub(r"(?:\.11ty)?\.[^./]+$", "", text)


_VARIABLE = LazyPattern(r"\{\{-?\s*page\.(fileSlug|filePathStem)\s*-?\}\}")
_DATE = LazyPattern(r"^\d{4}-\d{2}-\d{2}-")


def _permalink(written: str, page: Path, relative: Path) -> str:
    """A ``permalink`` with ``page.fileSlug`` and ``page.filePathStem`` filled in (other
    template syntax stays, for the caller to treat as unknown)."""

    def filled(match: re.Match[str]) -> str:
        stem = _stem(relative)
        if match.group(1) == "filePathStem":
            return "/" + stem
        name = stem.rsplit("/", 1)[-1]
        if name == "index":
            return relative.parent.name
        return _DATE.sub("", name)

    path = _VARIABLE.sub(filled, written)
    path = path.removesuffix("index.html") if path.endswith("/index.html") else path
    return path if path.startswith("/") else "/" + path


def folder_permalink(page: Path, site: EleventySite) -> object:
    """The ``permalink`` a data file of the page's folder or one above it sets
    (``posts/posts.json``, ``posts/posts.11tydata.json``); ``None`` when none does."""
    if site.input is None:
        return None
    return _folder_permalink(page.parent, site.input)


@lru_cache(maxsize=256)
def _folder_permalink(folder: Path, top: Path) -> object:
    for name in (f"{folder.name}.11tydata.json", f"{folder.name}.json"):
        try:
            data = json.loads((folder / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if isinstance(data, dict) and "permalink" in data:
            return data["permalink"]
    if folder == top or top not in folder.parents:
        return None
    return _folder_permalink(folder.parent, top)
