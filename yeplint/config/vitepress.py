"""VitePress: where a site's pages and its ``public/`` folder are, and the URL of each page.

VitePress reads its configuration from ``.vitepress/config.{js,ts,mjs,mts}`` in the folder it
builds (the site's root or its ``docs/``). Its pages are the Markdown files under ``srcDir``
(the root by default): ``guide/setup.md`` is served at ``/guide/setup.html`` (``/guide/setup``
with ``cleanUrls``), ``guide/index.md`` at ``/guide/``, and a link may name the page by any of
those or by its file (``./setup.md``): VitePress rewrites them all. ``<srcDir>/public`` is
served at ``/``, and the files ``srcExclude``'s globs name are no pages. The configuration is a
program: only literal values are read (:mod:`yeplint.config.jsconfig`); a ``srcDir`` it
computes is said once, and page links and ``/``-rooted files are then not checked; a
``srcExclude`` that is not a list of literal strings excludes nothing.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from yeplint import LazyPattern
from yeplint.config.globs import GlobError, compile_glob
from yeplint.config.jsconfig import property_values, read_source, string_at
from yeplint.config.markers import VITEPRESS_CONFIGS

CONFIG_NAMES = VITEPRESS_CONFIGS
"""The configuration files VitePress looks for in the folder it builds."""
PAGE_ENDINGS = (".md", ".html")
"""A link to ``x.md`` or ``x.html`` is the page ``x.md``: VitePress serves and rewrites both."""


@dataclass(frozen=True, slots=True)
class VitePressSite:
    root: Path
    """The folder that holds ``.vitepress/``."""
    source: Path | None
    """``srcDir``: the folder of the pages; ``None`` when the configuration computes it."""
    clean_urls: bool = False
    rewrites: bool = False
    """The configuration maps pages to other URLs (``rewrites``): their URLs are not known."""
    notice: str | None = None
    """What the configuration sets that yeplint cannot read, and which checks that leaves out."""
    excluded: tuple[re.Pattern[str], ...] = ()
    """``srcExclude``: the globs (relative to ``srcDir``) of Markdown files that are no pages."""

    @property
    def public(self) -> Path | None:
        """The folder served at ``/``."""
        return self.source / "public" if self.source is not None else None


def project(site: Path) -> Path:
    """The folder VitePress builds: ``site``, or its ``docs/`` when the configuration is there."""
    if any((site / name).is_file() for name in CONFIG_NAMES):
        return site
    return site / "docs"


@lru_cache(maxsize=16)  # read once per run and site: the URL map and the settings both ask
def read(site: Path) -> VitePressSite:
    """The VitePress site whose root folder (or its ``docs/``) is ``site``."""
    site = site.resolve()
    root = project(site)
    config = next((root / n for n in CONFIG_NAMES if (root / n).is_file()), None)
    text = read_source(config) if config is not None else None
    if config is None or text is None:
        return VitePressSite(root, root)
    clean = property_values(text, "cleanUrls")
    clean_urls = bool(clean) and clean[0] is True
    name = config.relative_to(site).as_posix()
    rewrites = bool(property_values(text, "rewrites"))
    notice = _rewritten(name) if rewrites else None
    excluded = _excluded(text)
    written = property_values(text, "srcDir")
    if not written:
        return VitePressSite(root, root, clean_urls, rewrites, notice, excluded)
    first = written[0]
    if isinstance(first, str):
        folder = posixpath.normpath(first.replace("\\", "/"))
        source = (root / folder).resolve()
        return VitePressSite(root, source, clean_urls, rewrites, notice, excluded)
    return VitePressSite(root, None, clean_urls, rewrites, _unread(name, "srcDir"))


_SRC_EXCLUDE = LazyPattern(r"""(?<![\w$.])["']?srcExclude["']?\s*:\s*\[""")


def _excluded(text: str) -> tuple[re.Pattern[str], ...]:
    """``srcExclude``'s globs when it is an array of literal strings (``['**/README.md']``);
    none when it is computed. Its globs are tinyglobby's, relative to ``srcDir``: one without
    ``/`` names a file at the top only, so it is anchored there."""
    start = _SRC_EXCLUDE.search(text)
    if start is None:
        return ()
    globs: list[str] = []
    at = start.end()
    while True:
        rest = text[at:].lstrip()
        if rest.startswith("]"):
            break
        found = string_at(text, at)
        if found is None:
            return ()
        globs.append(found[0])
        at = found[1]
        rest = text[at:].lstrip()
        if rest.startswith(","):
            at = len(text) - len(rest) + 1
    try:
        return tuple(compile_glob("/" + g.removeprefix("./").lstrip("/")) for g in globs)
    except GlobError:
        return ()


def _unread(config: str, key: str) -> str:
    from yeplint.locale.messages import msg

    return msg(
        "{file} computes `{key}`, which yeplint does not run: links to pages and to files"
        " served at `/` are not checked",
        file=config,
        key=key,
    )


def _rewritten(config: str) -> str:
    from yeplint.locale.messages import msg

    return msg(
        "{file} maps pages to other URLs (`rewrites`), which yeplint does not follow: links to"
        " pages are not checked",
        file=config,
    )


def url(page: Path, site: VitePressSite) -> str | None:
    """The URL VitePress serves ``page`` at; ``None`` for a file outside ``srcDir`` (or in its
    ``public/``, which is copied as it is) or one ``srcExclude`` names."""
    if site.source is None or site.rewrites or not page.name.lower().endswith(".md"):
        return None
    try:
        relative = page.relative_to(site.source)
    except ValueError:
        return None
    if relative.parts[0] in ("public", ".vitepress", "node_modules"):
        return None
    if any(glob.fullmatch(relative.as_posix()) for glob in site.excluded):
        return None
    stem = relative.as_posix()[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        return "/" + stem[: -len("index")]
    return f"/{stem}" if site.clean_urls else f"/{stem}.html"


def page_key(path: str) -> str:
    """A normalized URL path as the page it names: ``/a/b.md``, ``/a/b.html`` and ``/a/b`` are
    ``/a/b``; ``/a/index.md`` and ``/a/`` are ``/a``."""
    lowered = path.lower()
    for ending in PAGE_ENDINGS:
        if lowered.endswith(ending):
            path = path[: -len(ending)]
            break
    if path == "/index" or path.endswith("/index"):
        path = path[: -len("index")]
    return path.rstrip("/") or "/"
