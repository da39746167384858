"""Astro and Starlight: the conventions a site's ``astro.config.*`` chooses, read for literal
values only.

An Astro configuration is JavaScript or TypeScript, which yeplint does not run. The few keys
that decide where pages and files are served are found in its text when they are written as
literals (``srcDir: './www'``, ``srcDir: new URL('./www', import.meta.url)``, ``base: '/docs'``,
``trailingSlash: 'always'``, ``build: { format: 'file' }``); a key set any other way (a
variable, an environment value, a function call) is named in one notice per run and its
default is not assumed: the pages whose URL it decides get none, so links to them are not
judged. What Astro serves (docs.astro.build, "Project structure", "Routing", "Configuration
reference"; starlight.astro.build, "Pages", "Authoring content"):

- ``public/`` (``publicDir``) at ``/`` under ``base``;
- a Markdown page ``src/pages/a/b.md`` at ``/a/b/`` (``index.md`` at its folder);
- with Starlight, ``src/content/docs/a/b.md`` at ``/a/b/`` (its slug is its path), ``index.md``
  at its folder, files starting with ``_`` no page;
- other content collections (``src/content/blog/``) only through a dynamic route of the site's
  own code: no URL is assumed for them.

Markdown links are not rewritten by Astro: ``[x](./y.md)`` stays a link to ``y.md``, which the
build does not serve.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yeplint.config.files import inside
from yeplint.config.settings import Collection

CONFIG_NAMES = (
    "astro.config.mjs",
    "astro.config.js",
    "astro.config.ts",
    "astro.config.mts",
    "astro.config.cjs",
)
PAGE_EXTENSIONS = ("md", "mdx", "markdown")
"""The Markdown page extensions Astro renders (MDX through its integration)."""

_KEYS = ("srcDir", "publicDir", "base", "trailingSlash")
_STRING = r"""(?:'([^'\\\n]*)'|"([^"\\\n]*)"|`([^`$\\\n]*)`)"""
_LITERAL = re.compile(rf"\s*(?:{_STRING}|new\s+URL\s*\(\s*{_STRING}\s*,\s*import\.meta\.url\s*\))")
_KEY = re.compile(rf"(?<![\w$.])({'|'.join(_KEYS)})\s*:")
_FORMAT = re.compile(rf"(?<![\w$.])build\s*:\s*\{{[^{{}}]*?(?<![\w$.])format\s*:\s*{_STRING}", re.S)
_FORMAT_KEY = re.compile(r"(?<![\w$.])build\s*:\s*\{[^{}]*?(?<![\w$.])format\s*:", re.S)
_COMMENT = re.compile(r"/\*.*?\*/|(?<![:'\"\w])//[^\n]*", re.S)
_STARLIGHT = re.compile(r"""from\s+['"]@astrojs/starlight['"]|require\(\s*['"]@astrojs/starlight""")
_GLOB_SPECIAL = re.compile(r"[*?\[\]{}]")


@dataclass(frozen=True)
class AstroConfig:
    """What a site's Astro configuration says, as far as its text says it."""

    file: Path | None = None
    src: str = "src"
    public: str = "public"
    base: str = ""
    """The path the site is served under, without a trailing ``/`` (``""``: the root)."""
    trailing_slash: str = "ignore"
    directory_format: bool = True
    """``build.format`` ``directory`` (the default) or ``preserve``: ``a/b.md`` at ``a/b/``."""
    starlight: bool = False
    locales: tuple[str, ...] = ()
    """Starlight's ``locales`` keys (``root`` for the language served at ``/``)."""
    default_locale: str = "root"
    unread: tuple[str, ...] = field(default=())
    """Keys set in a way that is not a literal: their value is not known."""


def read_config(site: Path) -> AstroConfig:
    """The site's ``astro.config.*`` read for literal values (the defaults where a key is
    absent)."""
    for name in CONFIG_NAMES:
        path = site / name
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        return parse_config(text, path)
    return AstroConfig()


def parse_config(text: str, path: Path | None = None) -> AstroConfig:
    """The literal values of ``text``, an Astro configuration's source."""
    text = _COMMENT.sub("", text)
    values: dict[str, str] = {}
    unread: list[str] = []
    for match in _KEY.finditer(text):
        key = match.group(1)
        literal = _LITERAL.match(text, match.end())
        if key in values or key in unread:
            continue
        if literal is None:
            unread.append(key)
        else:
            values[key] = next(g for g in literal.groups() if g is not None)
    fmt = _FORMAT.search(text)
    if fmt is None and _FORMAT_KEY.search(text):
        unread.append("build.format")
    form = next((g for g in fmt.groups() if g is not None), "directory") if fmt else "directory"
    default = _DEFAULT_LOCALE.search(text)
    return AstroConfig(
        file=path,
        src=_folder(values.get("srcDir", "src")),
        public=_folder(values.get("publicDir", "public")),
        base="/" + values.get("base", "").strip("/") if values.get("base", "").strip("/") else "",
        trailing_slash=values.get("trailingSlash", "ignore"),
        directory_format=form != "file",
        starlight=bool(_STARLIGHT.search(text)),
        locales=_locales(text),
        default_locale=default.group(1) if default else "root",
        unread=tuple(unread),
    )


_LOCALES = re.compile(r"(?<![\w$.])locales\s*[:=]\s*\{")
_LOCALE_KEY = re.compile(r"""(?:^|[{,\s])(['"]?)([A-Za-z][\w-]*)\1\s*:\s*\{""")
_DEFAULT_LOCALE = re.compile(r"""(?<![\w$.])defaultLocale\s*:\s*['"]([\w-]+)['"]""")


def _locales(text: str) -> tuple[str, ...]:
    """The keys of the first ``locales`` object literal (``locales: {`` or ``const locales =
    {``): each key whose value is an object, at the object's own level."""
    found = _LOCALES.search(text)
    if found is None:
        return ()
    start = found.end() - 1
    depth, end = 0, len(text)
    for index in range(start, len(text)):
        depth += {"{": 1, "}": -1}.get(text[index], 0)
        if depth == 0:
            end = index
            break
    block = text[start:end]
    return tuple(
        match.group(2)
        for match in _LOCALE_KEY.finditer(block)
        if block[: match.start(2)].count("{") - block[: match.start(2)].count("}") == 1
    )


def _folder(value: str) -> str:
    """A folder as the configuration writes it (``./www/``), relative to the site: ``www``."""
    return os.path.normpath(value).replace(os.sep, "/").removeprefix("./") or "."


def astro_settings(site: Path) -> dict[str, Any]:
    """The :class:`~yeplint.config.settings.Settings` values the site's configuration gives:
    its ``public`` folder, the URL of every page Astro serves from a file (``src/pages`` and,
    with Starlight, ``src/content/docs``), and a notice naming the keys that could not be
    read."""
    config = read_config(site)
    found: dict[str, Any] = {
        "static_roots": (config.public,),
        "directory_urls": config.directory_format,
    }
    if "srcDir" in config.unread or "base" in config.unread:
        found["generator_notices"] = (_notice(config),)
        return found  # where the pages are, or where they are served: not known
    folders = [f"{config.src}/pages"]
    if config.starlight:
        folders.append(f"{config.src}/content/docs")
    collections: list[Collection] = []
    for folder in folders:
        collections += page_collections(site, folder, config)
    found["generator_urls"] = tuple(collections)
    if config.starlight and len(config.locales) > 1:
        found["routes"] = tuple(fallback_routes(site / config.src / "content" / "docs", config))
    if config.unread:
        found["generator_notices"] = (_notice(config),)
    return found


def page_collections(site: Path, folder: str, config: AstroConfig) -> list[Collection]:
    """One collection per folder below ``site/folder`` that holds pages, served at the
    folder's path under ``base``: its ``index`` page at the folder, the others at their
    file name; ``_``-files are no pages (no URL)."""
    top = site / folder
    collections: list[Collection] = []
    if inside(top, Path(os.path.realpath(site))) is None:
        return collections  # a `srcDir` outside the project: never looked at
    ext = "{" + ",".join(PAGE_EXTENSIONS) + "}"
    for here, dirs, _files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        relative = Path(here).relative_to(top).as_posix()
        relative = "" if relative == "." else relative
        if _GLOB_SPECIAL.search(relative):
            continue  # a dynamic route (`[slug]`) or a name a glob cannot spell
        glob = "/".join(p for p in (folder, relative) if p)
        url = "/".join(p for p in (config.base.strip("/"), _url_path(relative)) if p)
        tail = _tail(config)
        index = f"/{url}{tail}" if url else "/"
        collections += [
            Collection(f"astro:{glob}/_", (f"{glob}/_*.{ext}",), None),
            Collection(f"astro:{glob}/index", (f"{glob}/index.{ext}",), None, url=index),
            Collection(
                f"astro:{glob}",
                (f"{glob}/*.{ext}",),
                None,
                url=f"/{url}/{{slug}}{tail}" if url else f"/{{slug}}{tail}",
            ),
        ]
    return collections


def fallback_routes(docs: Path, config: AstroConfig) -> list[str]:
    """Starlight serves every page of the default locale in each other locale that has no
    translation of it ("fallback content"): ``/de/guides/x/`` shows ``guides/x.md`` until
    ``de/guides/x.md`` exists. Those URLs, one per page and other locale."""
    default = "" if config.default_locale == "root" else config.default_locale
    others = [k for k in config.locales if k not in ("root", config.default_locale)]
    locales = set(config.locales)
    routes = []
    tail = _tail(config)
    for here, dirs, files in os.walk(docs):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "_")))
        relative = Path(here).relative_to(docs).as_posix()
        parts = [] if relative == "." else relative.split("/")
        if default:
            if not parts or parts[0] != default:
                continue
            parts = parts[1:]
        elif parts and parts[0] in locales:
            continue
        for name in sorted(files):
            stem, _, ext = name.rpartition(".")
            if ext not in PAGE_EXTENSIONS or stem.startswith("_"):
                continue
            path = _url_path("/".join(parts + ([] if stem == "index" else [stem])))
            for locale in others:
                url = "/".join(p for p in (config.base.strip("/"), locale, path) if p)
                routes.append(f"/{url}{tail}")
    return routes


def _tail(config: AstroConfig) -> str:
    """How a page URL ends: ``/`` for a folder (``build.format: 'directory'``) unless
    ``trailingSlash: 'never'`` serves it without one, which moves what a relative link on it
    resolves to (``../x/`` from ``/a/b`` is ``/x/``, from ``/a/b/`` it is ``/a/x/``)."""
    return "/" if config.directory_format and config.trailing_slash != "never" else ""


def _url_path(relative: str) -> str:
    """A folder path as Astro puts it in a URL: each segment lower case, spaces as ``-``."""
    return "/".join(re.sub(r"\s+", "-", part.strip()).lower() for part in relative.split("/"))


def _notice(config: AstroConfig) -> str:
    """Said once per run: the keys not read, and what yeplint does without them (where the
    pages are or where they are served: no page URL, so links to pages are not checked;
    anything else: Astro's default, which the site may not use)."""
    from yeplint.locale.messages import msg

    name = config.file.name if config.file is not None else "astro.config"
    keys = ", ".join(f"`{k}`" for k in config.unread)
    if "srcDir" in config.unread or "base" in config.unread:
        return msg(
            "{file} sets {keys} in a way yeplint does not read (not a literal value): links to"
            " its pages are not checked",
            file=name,
            keys=keys,
        )
    return msg(
        "{file} sets {keys} in a way yeplint does not read (not a literal value): Astro's"
        " default is taken, which may not be the site's",
        file=name,
        keys=keys,
    )
