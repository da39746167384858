"""The site's URLs: which page is served where, and what a link from a page points at.

A collection with a ``url`` pattern serves each of its pages at that pattern filled in:
``{slug}`` is the file name without its language and extension (``over-grenzen.en.md`` →
``over-grenzen``; ``index.md`` and ``_index.md`` take their folder's name), ``{lang}`` the URL
prefix of the page's language (``languages``: the default language's is usually ``""``), and
``{collection}`` the collection's name. ``routes`` are URLs that are not content pages.

The map is built once per run from the file names alone (a walk of the project, no page is
read), so it costs little and does not depend on what the pages say. URLs are compared without
their trailing slash.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from yeplint.config import Collection, Settings

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
PAGE_SUFFIXES = (".md", ".markdown", ".mdx", ".mdown", ".mkd", ".mkdn")
CLOSEST_POOL = 20
"""At most this many URLs are compared in full for a "did you mean"."""


def normalize(url: str) -> str:
    """``url`` without query, fragment and trailing slash, its dot segments removed."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    path = remove_dots(path) if path.startswith("/") else path
    return path.rstrip("/") or "/"


def remove_dots(path: str) -> str:
    """RFC 3986 5.2.4, for an absolute path."""
    output: list[str] = []
    segments = path.split("/")[1:]
    for index, segment in enumerate(segments):
        last = index == len(segments) - 1
        if segment == ".":
            if last:
                output.append("")
        elif segment == "..":
            if output:
                output.pop()
            if last:
                output.append("")
        else:
            output.append(segment)
    return "/" + "/".join(output)


def join(base: str, reference: str) -> str:
    """``reference`` resolved against the page URL ``base`` as a browser does (RFC 3986 5.2)."""
    if reference.startswith("/"):
        return remove_dots(reference)
    folder = base[: base.rfind("/") + 1] if "/" in base else "/"
    return remove_dots(folder + reference)


def language_of(path: Path, languages: tuple[tuple[str, str], ...]) -> tuple[str, str] | None:
    """The (code, prefix) of the page's language: from ``x.<code>.md``, else the default."""
    if not languages:
        return None
    parts = path.name.split(".")
    if len(parts) >= 3:
        for code, prefix in languages:
            if parts[-2] == code:
                return code, prefix
    return languages[0]


def slug_of(path: Path, languages: tuple[tuple[str, str], ...]) -> str:
    name = path.name
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
            break
    codes = {code for code, _ in languages}
    stem, dot, code = name.rpartition(".")
    if dot and code in codes:
        name = stem
    if name in ("index", "_index"):
        return path.parent.name
    return name


def url_of(path: Path, collection: Collection, settings: Settings) -> str | None:
    if collection.url is None:
        return None
    language = language_of(path, settings.languages)
    url = (
        collection.url.replace("{slug}", slug_of(path, settings.languages))
        .replace("{lang}", language[1] if language else "")
        .replace("{collection}", collection.name)
    )
    return url if url.startswith("/") else "/" + url


@dataclass
class SiteMap:
    pages: dict[str, Path] = field(default_factory=dict)
    """Normalized URL → the page served there."""
    routes: frozenset[str] = frozenset()

    def has(self, url: str) -> bool:
        key = normalize(url)
        return key in self.pages or key in self.routes

    def page(self, url: str) -> Path | None:
        """The page served at ``url`` (``None`` for a route)."""
        return self.pages.get(normalize(url))

    def closest(self, url: str) -> str | None:
        """The known URL most like ``url``: among the same folder's first (the 20 sharing the
        longest start with its last segment, so that a large folder stays cheap), then a page
        of the same name in another folder (one that moved)."""
        import difflib
        import heapq

        key = normalize(url)
        parent, _, name = key.rpartition("/")
        known = [*self.pages, *self.routes]
        pool = [k for k in known if k.rpartition("/")[0] == parent] or known
        if len(pool) > CLOSEST_POOL:

            def likeness(candidate: str) -> tuple[int, int]:
                other = candidate.rpartition("/")[2]
                shared = next(
                    (i for i, (a, b) in enumerate(zip(name, other, strict=False)) if a != b),
                    min(len(name), len(other)),
                )
                return shared, -abs(len(other) - len(name))

            pool = heapq.nlargest(CLOSEST_POOL, pool, key=likeness)
        found = difflib.get_close_matches(key, pool, n=1, cutoff=0.6)
        if not found:  # the same page name in another folder: a page that moved
            found = [k for k in known if k.rpartition("/")[2] == name][:1]
        return found[0] if found else None

    def signature(self) -> str:
        return "\n".join(sorted(self.pages)) + "\n--\n" + "\n".join(sorted(self.routes))


def build(
    paths: Iterable[Path],
    settings: Settings,
    collection_for: Callable[[Path], Collection | None],
) -> SiteMap:
    site = SiteMap(routes=frozenset(normalize(r) for r in settings.routes))
    for path in paths:
        collection = collection_for(path)
        if collection is None:
            continue
        url = url_of(path, collection, settings)
        if url is not None:
            site.pages.setdefault(normalize(url), path)
    return site


@dataclass(frozen=True, slots=True)
class LinkTarget:
    """What a link points at, once decoded: a page URL, a file, or nothing to check."""

    kind: str
    """``skip`` (external, anchor-only, template), ``page`` (a URL), ``file`` (a path with an
    extension: a page file, a PDF, an image)."""
    path: str = ""
    fragment: str = ""


def classify(target: str) -> LinkTarget:
    written = target.strip()
    if written.startswith("<") and written.endswith(">"):
        written = written[1:-1]
    if not written or written.startswith(("#", "//")) or _SCHEME.match(written):
        return LinkTarget("skip")
    if "{{" in written or "{%" in written:
        return LinkTarget("skip")
    path, _, fragment = written.partition("#")
    path = unquote(path.split("?", 1)[0])
    if not path:
        return LinkTarget("skip")
    name = path.rstrip("/").rsplit("/", 1)[-1]
    extension = posixpath.splitext(name)[1]
    if extension and not path.endswith("/") and re.fullmatch(r"\.[A-Za-z0-9]{1,8}", extension):
        return LinkTarget("file", path, fragment)
    return LinkTarget("page", path, fragment)


def twin_of(path: Path, languages: tuple[tuple[str, str], ...]) -> Path | None:
    """The primary-language page a translation ``x.<code>.md`` translates (``x.<primary>.md``
    beside it), when it exists; ``None`` for a primary page or one without a twin."""
    if len(languages) < 2:
        return None
    parts = path.name.split(".")
    codes = {code for code, _ in languages[1:]}
    if len(parts) < 3 or parts[-2] not in codes:
        return None
    twin = path.with_name(".".join([*parts[:-2], languages[0][0], parts[-1]]))
    return twin if twin.is_file() else None
