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

import os
import posixpath
import re
from bisect import bisect_left
from collections.abc import Callable, Iterable, Mapping
from dataclasses import field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from yeplint import LazyPattern, record
from yeplint.config.files import inside
from yeplint.config.settings import PAGE_SUFFIXES, Collection, Settings
from yeplint.site.files import ImageResolver, Mount

if TYPE_CHECKING:
    from yeplint.config.hugo import HugoConfig

_SCHEME = LazyPattern(r"^[A-Za-z][A-Za-z0-9+.-]*:")
CLOSEST_POOL = 10
"""At most this many URLs are compared in full for a "did you mean": those next to the link's
last segment in alphabetical order, which share the longest start with it."""


def normalize(url: str) -> str:
    """``url`` without query, fragment and trailing slash, its dot segments removed."""
    path = url.split("#", 1)[0].split("?", 1)[0]
    path = remove_dots(path) if path.startswith("/") else path
    return path.rstrip("/") or "/"


def remove_dots(path: str) -> str:
    """RFC 3986 5.2.4, for an absolute path."""
    if "/." not in path:
        return path  # no dot segment: the usual case
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


_PLACEHOLDER = LazyPattern(r"\{(:?[\w-]+)\}")
"""``{key}``: a front matter key or one of yeplint's own; ``{:name}``: one of Jekyll's
(:func:`jekyll_value`)."""
_OWN_PLACEHOLDERS = frozenset(("lang", "collection"))
HEAD_BYTES = 65_536
"""How much of a page is read for the front matter keys its URL pattern names."""


def front_matter_keys(pattern: str | None, settings: Settings) -> frozenset[str]:
    """The front matter keys a URL pattern reads: every placeholder but ``{lang}`` and
    ``{collection}``, and ``{slug}`` only for a generator that lets a page's own ``slug`` win
    over its file name (Hugo, Zola, Jekyll, Docusaurus)."""
    found = frozenset(_PLACEHOLDER.findall(pattern or ""))
    keys = frozenset(k for k in found if not k.startswith(":")) - _OWN_PLACEHOLDERS
    if settings.generator == "jekyll":  # a page's own permalink wins; Jekyll's placeholders
        keys |= {"permalink", "redirect_from"}
        keys |= {k for j in found & _JEKYLL_KEYS.keys() for k in _JEKYLL_KEYS[j]}
    return keys if slug_from_front_matter(settings) else keys - {"slug"}


def slug_from_front_matter(settings: Settings) -> bool:
    from yeplint.config.generators import by_name

    generator = by_name(settings.generator) if settings.generator else None
    return generator is not None and generator.front_matter_slug


def url_of(
    path: Path,
    collection: Collection,
    settings: Settings,
    values: Mapping[str, object] | None = None,
) -> str | None:
    """The page's URL from its collection's pattern; ``values`` are its front matter (for
    ``{slug}`` and the other keys the pattern names). ``None`` when the pattern names a key
    the page does not set."""
    if collection.url is None:
        return None
    own = values or {}
    pattern = jekyll_permalink(own, settings) or collection.url
    try:
        url = _PLACEHOLDER.sub(
            lambda m: _filled(m.group(1), path, collection, settings, own), pattern
        )
    except KeyError:
        return None
    url = re.sub(r"/{2,}", "/", url)
    return url if url.startswith("/") else "/" + url


def _filled(
    key: str, path: Path, collection: Collection, settings: Settings, own: Mapping[str, object]
) -> str:
    """The value of the placeholder ``{key}`` for this page; ``KeyError`` when the page does
    not give one (the key is not set, or holds a list or a mapping)."""
    if key == "lang":
        language = language_of(path, settings.languages)
        return language[1] if language else ""
    if key == "collection":
        return collection.name
    if key.startswith(":"):
        return jekyll_value(key[1:], path, collection, settings, own)
    value = own.get(key) if key != "slug" or slug_from_front_matter(settings) else None
    if _scalar(value):
        return str(value).strip("/") if key == "slug" else str(value)
    if key == "slug":
        return undated_slug(path, settings)
    raise KeyError(key)


def undated_slug(path: Path, settings: Settings) -> str:
    """:func:`slug_of`, less the date a post in a dated folder (Jekyll's ``_posts``) carries in
    its file name: ``2024-01-05-hello.md`` is served as ``hello``."""
    slug = slug_of(path, settings.languages)
    if settings.dated_folders and any(p in settings.dated_folders for p in path.parent.parts):
        match = _DATED.match(slug)
        if match:
            return match.group(4)
    return slug


_DATED = LazyPattern(r"^(\d{4})-(\d{1,2})-(\d{1,2})-(.+)$")
_JEKYLL_KEYS = {
    ":title": ("slug",),
    ":slug": ("slug",),
    ":categories": ("categories", "category"),
    **{f":{k}": ("date",) for k in ("year", "month", "day", "i_month", "i_day", "short_year")},
    ":y_day": ("date",),
}
"""The front matter keys each of Jekyll's placeholders reads (besides the file's name)."""


def redirects(values: Mapping[str, object] | None, settings: Settings) -> list[str]:
    """On a Jekyll site, the URLs a page's ``redirect_from`` (jekyll-redirect-from) serves too
    (``/help/index.html`` is ``/help/``)."""
    value = (values or {}).get("redirect_from") if settings.generator == "jekyll" else None
    items = [value] if isinstance(value, str) else value if isinstance(value, list) else []
    written = [v.strip() for v in items if isinstance(v, str) and v.strip()]
    return [("/" + v.lstrip("/")).removesuffix("index.html") for v in written]


def jekyll_permalink(own: Mapping[str, object], settings: Settings) -> str | None:
    """On a Jekyll site, the pattern of a page's own ``permalink`` (it wins over any rule)."""
    if settings.generator != "jekyll":
        return None
    value = own.get("permalink")
    if not isinstance(value, str) or not value.strip():
        return None
    from yeplint.config.jekyll import pattern

    return pattern(value.strip())


def jekyll_value(
    name: str, path: Path, collection: Collection, settings: Settings, own: Mapping[str, object]
) -> str:
    """The value of Jekyll's placeholder ``:name`` for this page, as Jekyll's ``UrlDrop`` makes
    it: ``:title`` is the page's ``slug`` or its file name (a post's without the date), ``:year``
    … its ``date`` or the date in its file name, ``:categories`` its ``categories`` and the
    folders above ``_posts``, ``:path`` its path inside its collection (a page's folder).
    ``KeyError`` when the page has no such value (a page without a date in a dated pattern)."""
    stem = _stem(path)
    parts = _relative_parts(path, collection, settings)
    post = "_posts" in parts or "_drafts" in parts
    dated = _DATED.match(stem) if post else None
    name_slug = dated.group(4) if dated else stem
    slug = own.get("slug")
    own_slug = str(slug) if _scalar(slug) else None
    if name == "title":
        return _jekyll_slugify(own_slug or name_slug, pretty=True)
    if name == "slug":
        return _jekyll_slugify(own_slug or name_slug)
    if name == "name":
        return _jekyll_slugify(stem)
    if name in ("basename", "output_ext"):
        if stem == "index" and not post and not _in_collection(parts):
            return ""  # Jekyll serves an index page at its folder
        return stem if name == "basename" else ".html"
    if name == "collection":
        return "posts" if post else collection.name
    if name == "categories":
        return _categories(parts, own) if post else _categories((), own)
    if name == "path":
        return _collection_path(parts)
    return _date_part(name, own, dated)


def _stem(path: Path) -> str:
    name = path.name
    for suffix in PAGE_SUFFIXES:
        if name.lower().endswith(suffix):
            return name[: -len(suffix)]
    return path.stem


def _relative_parts(path: Path, collection: Collection, settings: Settings) -> tuple[str, ...]:
    """The page's path below the Jekyll site (the rule's folder, else the project root)."""
    for base in (collection.base, settings.root):
        if base is not None:
            try:
                return path.relative_to(base).parts
            except ValueError:
                continue
    return path.parts


def _in_collection(parts: tuple[str, ...]) -> bool:
    return any(part.startswith("_") for part in parts[:-1])


def _collection_path(parts: tuple[str, ...]) -> str:
    """``:path``: a page's folder; a collection document's path below its ``_label`` folder,
    without its extension."""
    for index, part in enumerate(parts[:-1]):
        if part.startswith("_"):
            return "/".join([*parts[index + 1 : -1], _stem(Path(parts[-1]))])
    return "/".join(parts[:-1])


def _categories(parts: tuple[str, ...], own: Mapping[str, object]) -> str:
    """``:categories``: the folders above ``_posts`` and the front matter's, lower case, each
    once, ``/``-joined."""
    found: list[str] = []
    if "_posts" in parts:
        found += parts[: parts.index("_posts")]
    for key in ("category", "categories"):
        value = own.get(key)
        if isinstance(value, str):
            found += value.split()
        elif isinstance(value, list):
            found += [str(v) for v in value if _scalar(v)]
    return "/".join(dict.fromkeys(c.lower() for c in found))


def _date_part(name: str, own: Mapping[str, object], dated: re.Match[str] | None) -> str:
    """A date placeholder from the front matter's ``date`` (as written: ``2024-01-05 10:00``)
    or the file name's; ``KeyError`` for a placeholder not known here (``:hour``, ``:week``).
    A date not in the calendar (YEP601 reports it) is used as written."""
    written = own.get("date")
    match = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", str(written)) if written else None
    found = match or dated
    if found is None:
        raise KeyError(name)
    year, month, day = found.group(1), found.group(2), found.group(3)
    values = {
        "year": year,
        "month": month.zfill(2),
        "day": day.zfill(2),
        "short_year": year[2:],
        "i_month": str(int(month)),
        "i_day": str(int(day)),
    }
    if name in values:
        return values[name]
    if name == "y_day":
        import datetime

        try:
            return datetime.date(int(year), int(month), int(day)).strftime("%j")
        except ValueError:
            raise KeyError(name) from None
    raise KeyError(name)


def _jekyll_slugify(text: str, *, pretty: bool = False) -> str:
    """Jekyll's ``Utils.slugify``: ``default`` mode (lower case, each run of anything but
    letters and digits a hyphen) or ``pretty`` with ``cased`` (case kept, ``._~!$&'()+,;=@``
    kept too)."""
    other = _NOT_PRETTY if pretty else _NOT_ALNUM
    slug = other.sub("-", text).strip("-")
    return slug if pretty else slug.lower()


_ALNUM = r"0-9A-Za-z\u00aa-\uffff"
_NOT_ALNUM = LazyPattern(f"[^{_ALNUM}]+")
_NOT_PRETTY = LazyPattern(f"[^{_ALNUM}._~!$&'()+,;=@]+")


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def possible_urls(
    path: Path, collection: Collection, settings: Settings, values: Mapping[str, object] | None
) -> tuple[str, str]:
    """For a page whose URL is not known: a regular expression of every URL it could have,
    and the first key its URL pattern names that the page does not fill. A key holding a list
    (`category: [nieuws, blog]`) stands for one of its items; a key not set, for anything."""
    pattern, own = collection.url or "", values or {}
    parts: list[str] = []
    unknown: list[str] = []
    at = 0
    for match in _PLACEHOLDER.finditer(pattern):
        parts.append(re.escape(pattern[at : match.start()]))
        at, key = match.end(), match.group(1)
        try:
            parts.append(re.escape(_filled(key, path, collection, settings, own)))
        except KeyError:
            unknown.append(key)
            value = own.get(key)
            items = [str(v) for v in value if _scalar(v)] if isinstance(value, list) else []
            parts.append("(?:" + "|".join(map(re.escape, items)) + ")" if items else ".*")
    parts.append(re.escape(pattern[at:]))
    body = re.sub(r"/{2,}", "/", "".join(parts)).rstrip("/")
    return ("" if body.startswith("/") else "/") + body + "/?", unknown[0] if unknown else ""


def read_keys(path: Path, keys: frozenset[str], settings: Settings) -> dict[str, object]:
    """The page's front matter, when its start names one of ``keys`` (else, or when it cannot
    be read, nothing: the pattern's defaults apply)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD_BYTES)
    except OSError:
        return {}
    if not any(key.encode() in head for key in keys):
        return {}
    from yeplint.document.post import load_text

    return dict(load_text(path, path.name, head, settings.front_matter).data or {})


@record(frozen=False)
class SiteMap:
    pages: dict[str, Path] = field(default_factory=dict)
    """Normalized URL → the page served there."""
    routes: frozenset[str] = frozenset()
    urls: dict[Path, str] = field(default_factory=dict)
    """The page → its URL."""
    unknown: int = 0
    """Pages whose URL is not known (their pattern names a key they do not set, or one that
    holds a list)."""
    unresolved: list[tuple[Path, str]] = field(default_factory=list)
    """Those pages, with the key that makes each unknown (for the notice that names them)."""
    possible: list[str] = field(default_factory=list)
    """Regular expressions of the URLs those pages could have: an address that matches one
    may be one of them, so it is not reported; any other still is."""
    _possible: re.Pattern[str] | None = field(default=None, repr=False)
    static_roots: tuple[Path, ...] = ()
    """Folders served at `/`: a URL naming a file or folder under one exists."""
    log: list[list[Any]] | None = None
    """While a page is linted with the cache on: each question asked and its answer, so that
    its cached result holds exactly while those answers are the same (see ``still_answers``)."""
    _index: tuple[list[tuple[str, str]], list[tuple[str, str]]] | None = field(
        default=None, repr=False
    )
    """Every known URL as (folder, last segment) and as (last segment, folder), sorted."""
    page_key: Callable[[str], str] | None = None
    """How a normalized URL names its page where the generator serves a page at several
    (VitePress: ``/a/b``, ``/a/b.html`` and ``/a/b.md``); ``None``: as it is."""
    page_endings: tuple[str, ...] = ()
    """File endings that make a link name a page rather than a file (VitePress: ``.md``,
    ``.html``)."""
    input_folders: tuple[Path, ...] = ()
    """Folders a link to a page's file may also be written from (Eleventy's
    InputPathToUrlTransformPlugin: the input folder and the project's root)."""

    def key(self, url: str) -> str:
        """``url`` as the map's keys have it."""
        key = normalize(url)
        return self.page_key(key) if self.page_key is not None else key

    def as_page(self, target: LinkTarget) -> LinkTarget:
        """``target`` as the page it names when its ending names a page (:attr:`page_endings`)."""
        if target.kind == "file" and target.path.lower().endswith(self.page_endings or ("\0",)):
            return LinkTarget("page", target.path, target.fragment)
        return target

    def has(self, url: str) -> bool:
        """Whether a page, a route or a file under a static root is served at ``url``."""
        key = self.key(url)
        found = (
            key in self.pages
            or key in self.routes
            or self._static(normalize(url))
            or self._may_be(key)
        )
        if self.log is not None:
            self.log.append(["has", url, found])
        return found

    def page(self, url: str) -> Path | None:
        """The page served at ``url`` (``None`` for a route)."""
        found = self.pages.get(self.key(url))
        if self.log is not None:
            self.log.append(["page", url, str(found) if found is not None else None])
        return found

    def closest(self, url: str) -> str | None:
        """The known URL most like ``url``: among the same folder's first (at most
        ``CLOSEST_POOL``, those next to its last segment in alphabetical order, so that a large
        folder stays cheap), then a page of the same name in another folder (one that moved)."""
        found = self._closest(url)
        if self.log is not None:
            self.log.append(["closest", url, found])
        return found

    def still_answers(self, log: object) -> bool:
        """Whether every question in ``log`` (from an earlier run) has the same answer now."""
        if not isinstance(log, list):
            return False
        saved, self.log = self.log, None
        try:
            for entry in log:
                if not isinstance(entry, list) or len(entry) != 3:
                    return False
                kind, url, answer = entry
                if not isinstance(url, str):
                    return False
                if kind == "has":
                    now: object = self.has(url)
                elif kind == "page":
                    page = self.page(url)
                    now = str(page) if page is not None else None
                elif kind == "closest":
                    now = self.closest(url)
                else:
                    return False
                if now != answer:
                    return False
            return True
        finally:
            self.log = saved

    def _may_be(self, key: str) -> bool:
        """Whether a page whose URL is not known could be served at ``key``."""
        if not self.possible:
            return False
        if self._possible is None:
            self._possible = re.compile("|".join(f"(?:{p})" for p in dict.fromkeys(self.possible)))
        return self._possible.fullmatch(key) is not None

    def _static(self, key: str) -> bool:
        relative = key.strip("/")
        return bool(relative) and any((root / relative).exists() for root in self.static_roots)

    def _closest(self, url: str) -> str | None:
        import difflib

        key = normalize(url)
        parent, _, name = key.rpartition("/")
        if self._index is None:
            known = [k.rpartition("/")[::2] for k in (*self.pages, *self.routes)]
            self._index = sorted(known), sorted((n, p) for p, n in known)
        by_folder, by_name = self._index
        pool = [(n, f"{p}/{n}") for p, n in _near(by_folder, parent, name)]
        pool = pool or [(n, f"{p}/{n}") for n, p in _near(by_name, name, "", whole=True)]
        found = difflib.get_close_matches(name, [n for n, _ in pool], n=1, cutoff=0.6)
        if found:  # by the last segment: a shared folder says nothing of likeness
            return next(url for n, url in pool if n == found[0])
        at = bisect_left(by_name, (name, ""))  # the same page name in another folder: it moved
        if at < len(by_name) and by_name[at][0] == name:
            return f"{by_name[at][1]}/{name}"
        return None


def _near(
    pairs: list[tuple[str, str]], first: str, second: str, *, whole: bool = False
) -> list[tuple[str, str]]:
    """At most ``CLOSEST_POOL`` of the sorted ``pairs`` next to (``first``, ``second``): among
    those whose first part is ``first``, or (``whole``) among all of them."""
    if whole:
        low, high = 0, len(pairs)
    else:
        low = bisect_left(pairs, (first, ""))
        high = bisect_left(pairs, (first + "\x00", ""))
    at = bisect_left(pairs, (first, second), low, high)
    start = max(low, min(at - CLOSEST_POOL // 2, high - CLOSEST_POOL))
    return pairs[start : min(high, start + CLOSEST_POOL)]


def build(
    paths: Iterable[Path],
    settings: Settings,
    collection_for: Callable[[Path], Collection | None],
) -> SiteMap:
    site = SiteMap(routes=frozenset(normalize(r) for r in settings.routes))
    hugo = hugo_config(settings)
    cascades: dict[Path, list[object]] = {}
    generated = _generator_urls(site, settings)
    permalink = _eleventy_permalinks(settings)
    hugo_keys = _hugo_keys(hugo) if hugo is not None else frozenset()
    hugo_pages: list[tuple[Path, str, Mapping[str, object]]] = []
    for path in paths:
        collection = collection_for(path)
        own = permalink(path) if permalink is not None else None
        if own is not None:  # the page's own URL, whatever its collection's pattern says
            _add_generated(site, path, own or None)
            continue
        if hugo is not None and (collection is None or collection.url is None or _is_section(path)):
            front = read_keys(path, hugo_keys, settings)
            url = hugo_url(path, settings, hugo, front, cascades=cascades)
            if url is not None:
                site.urls[path] = url
                site.pages.setdefault(site.key(url), path)
                hugo_pages.append((path, url, front))
                continue
        if collection is None or collection.url is None:
            collection = _generator_url(path, settings)
        if collection is None or collection.url is None:
            if generated is not None:
                _add_generated(site, path, generated(path))
            if settings.docs_roots and settings.root is not None:
                _add_docusaurus_doc(site, path, settings, settings.root)
            continue
        keys = front_matter_keys(collection.url, settings)
        values = read_keys(path, keys, settings) if keys else None
        url = url_of(path, collection, settings, values)
        if url is None:
            site.unknown += 1
            could, key = possible_urls(path, collection, settings, values)
            site.possible.append(could)
            site.unresolved.append((path, key))
            continue
        site.urls[path] = url
        site.pages.setdefault(site.key(url), path)
        if settings.generator == "jekyll" and (written := jekyll_file(url)) != url:
            site.pages.setdefault(site.key(written), path)
        if hugo is not None:  # its aliases and taxonomy terms
            hugo_pages.append((path, url, read_keys(path, hugo_keys, settings)))
        for redirect in redirects(values, settings):
            site.pages.setdefault(site.key(redirect), path)
    if hugo is not None and settings.root is not None:
        _add_hugo_made(site, settings.root, hugo, hugo_pages)
    if settings.generator == "eleventy" and settings.root is not None:
        _eleventy_templates(site, settings)
    if settings.docs_roots and settings.root is not None:
        _add_docusaurus_routes(site, settings, settings.root)
    if settings.generator == "jekyll" and settings.root is not None:
        _add_jekyll_html_posts(site, settings)
    if settings.root is not None:
        site.routes = site.routes | frozenset(map(normalize, host_redirects(settings.root)))
    return site


def jekyll_file(url: str) -> str:
    """The file Jekyll writes a page served at ``url`` to: ``.html`` added to a URL that ends
    neither in ``/`` nor in ``.html`` (``permalink: /about`` writes ``about.html``, which a
    link may name)."""
    return url if url.endswith(("/", ".html")) else url + ".html"


_JEKYLL_SKIP = frozenset(("node_modules", "vendor", "_site"))


def _add_jekyll_html_posts(site: SiteMap, settings: Settings) -> None:
    """Jekyll: the URLs of the posts written in HTML (``_posts/2030-10-10-launch.html``, with
    front matter or without: Jekyll publishes both), which yeplint does not lint but pages link
    to, as routes: each at the pattern of the first URL rule of ``_config.yml`` that matches
    it, as a Markdown post's."""
    import os

    from yeplint.config.globs import matches_any

    root = settings.root
    assert root is not None
    found: list[str] = []
    rules = settings.url_rules
    for folder, folders, files in os.walk(root):
        folders[:] = [f for f in folders if not f.startswith(".") and f not in _JEKYLL_SKIP]
        if Path(folder).name != "_posts":
            continue
        for name in files:
            path = Path(folder) / name
            if not name.endswith((".html", ".htm")):
                continue
            relative = path.relative_to(root).as_posix()
            collection = next((r for r in rules if matches_any(r.patterns, relative)), None)
            if collection is None or collection.url is None:
                continue
            keys = front_matter_keys(collection.url, settings)
            url = url_of(path, collection, settings, read_keys(path, keys, settings))
            if url is not None:
                found += {normalize(url), normalize(jekyll_file(url))}
    site.routes = site.routes | frozenset(found)


_PATTERN = LazyPattern(r"[:*()\[\]{}?]")
"""What makes a redirect's source a pattern (``/news/:path*``, ``/leaderboard/(.*)``) rather than
one URL: a pattern is not read, so no URL is taken to exist because of it."""


def host_redirects(root: Path) -> list[str]:
    """The URLs the site's host redirects, each a literal source in ``vercel.json``
    (``"redirects": [{"source": "/docs/memoize/", ...}]``) or ``netlify.toml``
    (``[[redirects]] from = "/old/"``) beside the site: a link to one reaches a page, the way
    a moved page's old address does, whatever the generator builds. Sources with a pattern are
    left out; a file that does not parse gives none."""
    import json
    import tomllib

    sources: list[object] = []
    try:
        vercel = json.loads((root / "vercel.json").read_text(encoding="utf-8"))
        if isinstance(vercel, dict) and isinstance(vercel.get("redirects"), list):
            sources += [r.get("source") for r in vercel["redirects"] if isinstance(r, dict)]
    except (OSError, ValueError):
        pass
    try:
        netlify = tomllib.loads((root / "netlify.toml").read_text(encoding="utf-8"))
        if isinstance(netlify.get("redirects"), list):
            sources += [r.get("from") for r in netlify["redirects"] if isinstance(r, dict)]
    except (OSError, ValueError):
        pass
    return [
        s for s in sources if isinstance(s, str) and s.startswith("/") and not _PATTERN.search(s)
    ]


def _generator_urls(site: SiteMap, settings: Settings) -> Callable[[Path], str | None] | None:
    """The URL of a page that no collection's pattern names, as the site's generator serves
    it from its file's path (VitePress); ``None`` for a generator whose URLs come from
    collections only. Sets how ``site`` names pages after that generator."""
    if settings.root is None:
        return None
    if settings.generator == "vitepress":
        return _vitepress_urls(site, settings.root)
    if settings.generator == "eleventy":
        from yeplint.config import eleventy

        found = eleventy.read(settings.root)
        return lambda page: eleventy.url(page, found)
    return None


def _eleventy_permalinks(settings: Settings) -> Callable[[Path], str | None] | None:
    """Eleventy: a page's ``permalink``, from its front matter or its folder's data file
    (``posts/posts.json``), as the URL it names (``""``: the page is not written); ``None``
    when the page sets none. ``None`` on another generator's site."""
    if settings.generator != "eleventy" or settings.root is None:
        return None
    from yeplint.config import eleventy

    site = eleventy.read(settings.root)
    keys = frozenset(("permalink",))

    def permalink(page: Path) -> str | None:
        value = read_keys(page, keys, settings).get("permalink")
        if value is None:
            value = eleventy.folder_permalink(page, site)
        if value is None or not isinstance(value, str | bool):
            return None
        return eleventy.url(page, site, value) or ""

    return permalink


def _vitepress_urls(site: SiteMap, root: Path) -> Callable[[Path], str | None]:
    """VitePress: a page at its path under ``srcDir``; a link to ``x``, ``x.html`` or ``x.md``
    names the page ``x.md``."""
    from yeplint.config import vitepress

    found = vitepress.read(root)
    site.page_key, site.page_endings = vitepress.page_key, vitepress.PAGE_ENDINGS
    return lambda page: vitepress.url(page, found)


ELEVENTY_TEMPLATES = (".html", ".njk", ".liquid", ".webc", ".11ty.js", ".11ty.cjs", ".11ty.mjs")
"""The other template files Eleventy makes pages of (the Markdown ones are the linted pages)."""


def _eleventy_templates(site: SiteMap, settings: Settings) -> None:
    """Eleventy: the URLs of its pages written in another template language (``index.njk``,
    ``feed.11ty.js``) are routes: a link to one is no broken link. Each at its ``permalink``
    when it writes a literal one (in its front matter, or as a JavaScript template's
    ``permalink:``), else at its path."""
    import os

    from yeplint.config import eleventy

    found = eleventy.read(settings.root) if settings.root is not None else None
    if found is None or found.input is None:
        return
    if inside(found.input, Path(os.path.realpath(found.root))) is None:
        site.possible.append(".*")  # an input folder outside the project: never looked at
        return
    skipped = {*found.templates, found.output, *(found.root / s for s in found.static if s != ".")}
    routes: list[str] = []
    for folder, names, files in os.walk(found.input):
        here = Path(folder)
        names[:] = [
            n for n in names if not n.startswith((".", "node_modules")) and here / n not in skipped
        ]
        for name in files:
            if not name.lower().endswith(ELEVENTY_TEMPLATES):
                continue
            path = here / name
            url = eleventy.url(path, found, _template_permalink(path, settings))
            if url is not None and ("{{" in url or "{%" in url):
                _add_generated(site, path, url)
                site.urls.pop(path, None)
            elif url is not None:
                routes.append(normalize(url))
    site.routes = site.routes | frozenset(routes) | frozenset(map(normalize, found.virtual))
    if found.input_paths:
        site.input_folders = (found.input, found.root)


def _template_permalink(path: Path, settings: Settings) -> object:
    """The ``permalink`` a template file writes: in its front matter, or as a JavaScript
    template's literal ``permalink:`` (one it computes gives its path's URL)."""
    if path.name.endswith((".js", ".cjs", ".mjs")):
        from yeplint.config.jsconfig import property_values, read_source

        text = read_source(path) or ""
        written = property_values(text, "permalink") if "permalink" in text else []
        return written[0] if written and isinstance(written[0], str | bool) else None
    return read_keys(path, frozenset(("permalink",)), settings).get("permalink")


_ROUTE_PARAMETER = LazyPattern(r"\\\[[^/]*?\\\]")
"""A dynamic route's parameter (``[pkg]``) as :func:`re.escape` writes it."""


_TEMPLATED = LazyPattern(r"\\\{\\\{.*?\\\}\\\}|\\\{%.*?%\\\}")
"""Template syntax in a ``permalink`` (``{{ title | slugify }}``) as :func:`re.escape` writes it."""


def _add_generated(site: SiteMap, path: Path, url: str | None) -> None:
    """A page whose URL the generator gives it; a dynamic route (``packages/[pkg].md``) or a
    templated ``permalink`` stands for every URL its parameters may take."""
    if url is None:
        return
    if "[" in url or "{{" in url or "{%" in url:
        pattern = _TEMPLATED.sub(".*", re.escape(site.key(url)))
        site.possible.append(_ROUTE_PARAMETER.sub("[^/]+", pattern) + "/?")
        site.unknown += 1
        return
    site.urls[path] = url
    site.pages.setdefault(site.key(url), path)


def _generator_url(path: Path, settings: Settings) -> Collection | None:
    """The first of the generator's URL patterns whose glob matches ``path`` (see
    :attr:`~yeplint.config.settings.Settings.generator_urls`)."""
    if not settings.generator_urls or settings.root is None:
        return None
    from yeplint.config.globs import matches_any

    try:
        relative = path.resolve().relative_to(settings.root.resolve()).as_posix()
    except ValueError:
        return None
    return next((c for c in settings.generator_urls if matches_any(c.patterns, relative)), None)


_NUMBER_PREFIX = LazyPattern(r"^\d+\s*[-_.]+\s*(?=[^-_.\s])")
_NOT_A_PREFIX = LazyPattern(r"^\d+[-_.]\d")
"""A date or a version (`2024-01-05-x`, `1.2-notes`) keeps its digits."""


def docusaurus_unprefixed(name: str) -> str:
    """A Docusaurus file or folder name without its number prefix (``01-intro`` → ``intro``),
    which orders the sidebar and is no part of the URL."""
    if _NOT_A_PREFIX.match(name):
        return name
    return _NUMBER_PREFIX.sub("", name, count=1)


def docusaurus_partial(relative: str) -> bool:
    """Whether a file of a Docusaurus site (``/``-separated, relative to the site) is a
    partial: a file or folder whose name starts with ``_`` is no page (it is imported into
    one) and has no URL."""
    return any(part.startswith("_") for part in relative.split("/"))


def docusaurus_doc_url(relative: str, route: str, values: Mapping[str, object]) -> str:
    """The URL of a doc at ``relative`` (below its docs root, ``/``-separated) served under
    ``route``, as Docusaurus's ``getSlug`` makes it: its folders (number prefixes removed) and
    its name, or its front matter ``id``; ``index``, ``README`` and a file named as its folder
    stand for the folder; a ``slug`` starting with ``/`` is the path below ``route``, another
    one is resolved from the folder."""
    folder, _, name = relative.rpartition("/")
    stem = name.rsplit(".", 1)[0]
    folders = "/".join(docusaurus_unprefixed(part) for part in folder.split("/") if part)
    base = "/" + folders + "/" if folders else "/"
    slug, own_id = values.get("slug"), values.get("id")
    if _scalar(slug) and str(slug).startswith("/"):
        path = str(slug)
    elif not _scalar(slug) and stem.lower() in ("index", "readme", folder.rpartition("/")[2]):
        path = base
    else:
        written = str(slug) if _scalar(slug) else str(own_id) if _scalar(own_id) else None
        path = join(base, written if written is not None else docusaurus_unprefixed(stem))
    return normalize(route.rstrip("/") + "/" + path.lstrip("/"))


def _docusaurus_root(
    path: Path, settings: Settings, root: Path
) -> tuple[str, str | None, str] | None:
    """The content root ``path`` is under (the innermost one), as (path relative to it, URL
    base, kind)."""
    for folder, route, kind in sorted(settings.docs_roots, key=lambda r: -len(r[0])):
        base = root / folder if folder else root
        if path.is_relative_to(base):
            return path.relative_to(base).as_posix(), route, kind
    return None


_BLOG_DATE = LazyPattern(
    r"^(?P<folder>.*?)(?P<date>\d{4}[-/]\d{1,2}[-/]\d{1,2})[-/]?(?P<text>.*?)(?:/index)?\.mdx?$"
)


def docusaurus_post_url(relative: str, route: str, values: Mapping[str, object]) -> str:
    """The URL of a blog post at ``relative`` (below the blog folder) served under ``route``,
    as Docusaurus's ``parseBlogFileName`` makes it: a date in its path becomes
    ``/YYYY/MM/DD/`` before the rest of the name (``2024-01-05-welcome.md``:
    ``/2024/01/05/welcome``); without one, the path without extension (``/index`` dropped);
    its front matter ``slug`` wins."""
    slug = values.get("slug")
    if _scalar(slug):
        path = str(slug)
    else:
        dated = _BLOG_DATE.match(relative)
        if dated:
            day = dated["date"].replace("-", "/")
            path = f"{day}/{dated['folder']}{dated['text']}"
        else:
            path = re.sub(r"(?:/index)?\.mdx?$", "", relative)
    return normalize(route.rstrip("/") + "/" + path.lstrip("/"))


def _add_docusaurus_doc(site: SiteMap, path: Path, settings: Settings, root: Path) -> None:
    """Put a page of a Docusaurus docs, blog or pages folder on the map (a partial has no
    URL)."""
    found = _docusaurus_root(path, settings, root)
    if found is None:
        return
    relative, route, kind = found
    if docusaurus_partial(relative):
        return
    if route is None:
        return  # computed: told once (the settings' notice); nothing is judged against it
    if kind == "pages":
        url = docusaurus_page_url(relative, route)
    elif kind == "blog":
        url = docusaurus_post_url(relative, route, read_keys(path, _DOC_KEYS, settings))
    else:
        url = docusaurus_doc_url(relative, route, read_keys(path, _DOC_KEYS, settings))
    site.urls[path] = url
    site.pages.setdefault(url, path)


_DOC_KEYS = frozenset(("\nslug:", "\nid:"))
"""What a doc's front matter must hold for it to be parsed (``read_keys`` looks for each as
written): a key at the start of a line, so that "id" in "side" does not parse every page."""
DOCUSAURUS_PAGE_SUFFIXES = (".js", ".jsx", ".ts", ".tsx", ".md", ".mdx")
"""The files the pages plugin serves (``src/pages``)."""


def docusaurus_page_url(relative: str, route: str) -> str:
    """The URL of a file of the pages plugin: its path without extension, ``index`` standing
    for its folder."""
    stem = relative.rsplit(".", 1)[0]
    stem = stem.removesuffix("/index") if stem != "index" else ""
    return normalize(route.rstrip("/") + "/" + stem)


def _add_docusaurus_routes(site: SiteMap, settings: Settings, root: Path) -> None:
    """What a Docusaurus site serves besides its Markdown pages: the pages plugin's JavaScript
    pages (``src/pages/index.js``: ``/``), a blog's list, tag, archive and author pages, the
    docs' tag pages and the category indexes a sidebar generates (``/docs/category/guides``,
    named in sidebars.js: not read), and anything under a docs or blog base whose folder this
    checkout lacks; a content root whose base is computed may be anywhere."""
    routes = set(site.routes)
    real = Path(os.path.realpath(root))
    for folder, route, kind in settings.docs_roots:
        base = root / folder if folder else root
        if route is None:
            site.possible.append(".*")
        elif inside(base, real) is None:  # outside the project: never looked at
            site.possible.append(re.escape(route.rstrip("/")) + "(?:/.*)?")
        elif not base.is_dir() and kind in ("docs", "blog"):
            # a folder absent from this checkout: its pages are not known
            site.possible.append(re.escape(route.rstrip("/")) + "(?:/.*)?")
        elif kind == "blog":  # the list, its pages, tags, archive and authors
            routes.add(normalize(route))
            site.possible.append(
                re.escape(route.rstrip("/")) + "/(?:page|tags|archive|authors)(?:/.*)?"
            )
        elif kind == "docs":  # tag pages, and a sidebar's generated category indexes
            site.possible.append(re.escape(route.rstrip("/")) + "/(?:tags|category)(?:/.*)?")
        elif kind == "pages":
            for path in base.rglob("*") if base.is_dir() else ():
                relative = path.relative_to(base).as_posix()
                if path.suffix in DOCUSAURUS_PAGE_SUFFIXES and not docusaurus_partial(relative):
                    routes.add(docusaurus_page_url(relative, route))
    site.routes = frozenset(routes)


@record
class LinkTarget:
    """What a link points at, once decoded: a page URL, a file, or nothing to check."""

    kind: str
    """``skip`` (external, anchor-only, template), ``page`` (a URL), ``file`` (a path with an
    extension: a page file, a PDF, an image)."""
    path: str = ""
    fragment: str = ""

    def __init__(self, kind: str, path: str = "", fragment: str = "") -> None:
        setter = object.__setattr__  # frozen: one made per link, as fast as a dataclass's
        setter(self, "kind", kind)
        setter(self, "path", path)
        setter(self, "fragment", fragment)


@lru_cache(maxsize=4096)  # each link is classified by several rules; the same links recur
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
    twin = primary_of(path, languages)
    return twin if twin is not None and twin.is_file() else None


def missing_primary(path: Path, languages: tuple[tuple[str, str], ...]) -> Path | None:
    """Where the primary-language page of a translation ``x.<code>.md`` should be, when it
    does not exist."""
    primary = primary_of(path, languages)
    return primary if primary is not None and not primary.is_file() else None


def primary_of(path: Path, languages: tuple[tuple[str, str], ...]) -> Path | None:
    """Where the primary-language page of a translation ``x.<code>.md`` would be, whether or
    not it exists; ``None`` for a page that is no translation."""
    if len(languages) < 2:
        return None
    parts = path.name.split(".")
    codes = {code for code, _ in languages[1:]}
    if len(parts) < 3 or parts[-2] not in codes:
        return None
    return path.with_name(".".join([*parts[:-2], languages[0][0], parts[-1]]))


def translations_of(page: Path, languages: tuple[tuple[str, str], ...]) -> set[Path]:
    """The other language versions of a page ``x.<code>.md`` (its translations, or its
    primary page), whether or not they exist."""
    parts = page.name.split(".")
    codes = [code for code, _ in languages]
    if len(parts) < 3 or parts[-2] not in codes:
        return set()
    return {
        page.with_name(".".join([*parts[:-2], code, parts[-1]]))
        for code in codes
        if code != parts[-2]
    }


def hugo_config(settings: Settings, root: Path | None = None) -> HugoConfig | None:
    """The Hugo configuration of the site, on a Hugo site."""
    base = settings.root or root
    if settings.generator != "hugo" or base is None:
        return None
    from yeplint.config.hugo import read

    return read(base)


def _is_section(path: Path) -> bool:
    """A Hugo section's (or the home page's) ``_index`` page."""
    return path.name.startswith("_index.")


def hugo_url(
    path: Path,
    settings: Settings,
    config: HugoConfig,
    values: Mapping[str, object] | None = None,
    cascades: dict[Path, list[object]] | None = None,
) -> str | None:
    """The URL Hugo serves a page at (:func:`yeplint.config.hugo.page_url`): a section's
    ``_index.md`` at its folder, a regular page by the site's ``permalinks`` or its path, with
    its own ``url`` or ``slug``. ``None`` outside the content folders, and for a page Hugo
    does not render (``build: {render: never}``, its own or cascaded from a section above).
    ``values``: the page's front matter when it is parsed already (else its start is read);
    ``cascades``: each folder's cascades, kept across the pages of one site map."""
    from yeplint.config.hugo import BUILD_KEYS, PAGE_KEYS, logical_path, page_url, rendered

    base = settings.root
    if base is None:
        return None
    try:
        relative = path.relative_to(base).as_posix()
    except ValueError:
        return None
    own = dict(values) if values is not None else read_keys(path, PAGE_KEYS | BUILD_KEYS, settings)
    tree = logical_path(relative, config)
    if tree is not None and not rendered(own, _cascades(path, own, settings, cascades), *tree):
        return None
    return page_url(relative, config, own, base)


def _hugo_keys(config: HugoConfig) -> frozenset[str]:
    """The front matter keys a Hugo page's URLs come from: its own URL's, ``aliases`` and each
    taxonomy's (capitalised too: Hugo's keys are case-insensitive)."""
    from yeplint.config.hugo import BUILD_KEYS, PAGE_KEYS

    named = ("aliases", *config.taxonomies)
    return PAGE_KEYS | BUILD_KEYS | frozenset((*named, *(n.capitalize() for n in named)))


_PLAIN_TERM = LazyPattern(r"[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*")
"""A taxonomy term whose URL yeplint is sure of: ``urlize`` makes its spaces ``-`` and keeps
the rest, lower-cased."""


def _add_hugo_made(
    site: SiteMap,
    root: Path,
    config: HugoConfig,
    pages: list[tuple[Path, str, Mapping[str, object]]],
) -> None:
    """The URLs a Hugo site serves besides its pages' own: the home page, a list page per
    section (each top-level content folder, and each deeper one with an ``_index`` page, which
    has its URL already), the taxonomies' list and term pages, each page's ``aliases``, the RSS
    feeds and the sitemap. Where yeplint cannot know them
    (:func:`yeplint.config.hugo.unknown_urls`), any URL may be served: no link to a page is
    judged."""
    from yeplint.config.hugo import cased, content_path, unknown_urls

    if unknown_urls(root, config):
        site.possible.append(".*")
        return
    prefixes = {c.prefix for c in config.content} | {p for _, p in config.languages}
    made = {"/", "/sitemap.xml", "/robots.txt"}  # `/` redirects to a language's home
    taxonomies = [t for t in config.taxonomies if config.permalink(t) is None]
    if len(taxonomies) < len(config.taxonomies):  # a taxonomy's own permalinks
        site.possible.append(".*")
    site.possible.append(".*/page/[0-9]+")  # a list's further pages, if its template pages
    site.possible += [f"(?:.*/)?{re.escape(name)}(?:\\.[^/]*)?" for name in config.output_names]
    for prefix in prefixes:
        made |= {prefix or "/", f"{prefix}/index.xml", f"{prefix}/sitemap.xml"}
        made |= {cased(f"{prefix}/{t}/", config) for t in taxonomies}
        made |= {cased(f"{prefix}/{t}/index.xml", config) for t in taxonomies}
    for path, url, values in pages:
        found = content_path(path.relative_to(root).as_posix(), config)
        top = found[1].split("/")[0] if found is not None and "/" in found[1] else None
        if top is not None and config.permalink(top, kind="section") is None:
            made |= {cased(f"{p}/{top}/", config) for p in prefixes}
            made |= {cased(f"{p}/{top}/index.xml", config) for p in prefixes}
        elif top is not None:  # a section moved by its permalinks, not followed here
            site.possible.append(".*")
        own = {str(k).lower(): v for k, v in values.items()}
        for alias in _strings(own.get("aliases")):
            made |= {join(url, alias), "/" + alias.lstrip("/")}
            made |= {f"{p}/{alias.lstrip('/')}" for p in prefixes}
        for taxonomy in taxonomies:
            for term in _strings(own.get(taxonomy.lower())):
                if _PLAIN_TERM.fullmatch(term.strip()):
                    name = re.sub(r" ", "-", term.strip()).lower()
                    made |= {cased(f"{p}/{taxonomy}/{name}/", config) for p in prefixes}
                    made |= {cased(f"{p}/{taxonomy}/{name}/index.xml", config) for p in prefixes}
                else:  # urlize drops or escapes its other characters: not followed here
                    site.possible += [
                        re.escape(cased(f"{p}/{taxonomy}", config)) + "/[^/]+" for p in prefixes
                    ]
    site.routes = site.routes | frozenset(map(normalize, made))


def _strings(value: object) -> list[str]:
    """A front matter value Hugo takes as one item or a list of them, as text."""
    items = value if isinstance(value, list) else [value] if value is not None else []
    return [str(i) for i in items if _scalar(i)]


def _cascades(
    path: Path,
    own: Mapping[str, object],
    settings: Settings,
    memo: dict[Path, list[object]] | None = None,
) -> list[object]:
    """The ``cascade`` values that reach a Hugo page, nearest first: a section's own (Hugo
    applies it to the section page too), then that of each ``_index`` page in the folders
    above it, up to the site's folder."""
    found = [own["cascade"]] if _is_section(path) and "cascade" in own else []
    folder = path.parent.parent if _is_section(path) else path.parent
    if path.name.split(".")[0] == "index":  # a leaf bundle's page is its folder's
        folder = folder.parent
    depth = len(settings.root.parts) if settings.root is not None else len(folder.parts)
    return found + _folder_cascades(folder, depth, settings, {} if memo is None else memo)


def _folder_cascades(
    folder: Path, depth: int, settings: Settings, memo: dict[Path, list[object]]
) -> list[object]:
    """The cascades of the ``_index`` pages of ``folder`` and the folders above it down to
    ``depth`` parts (the site's folder), nearest first; ``memo`` keeps each folder's, so
    a site's pages ask each section once."""
    if len(folder.parts) <= depth:
        return []
    if folder not in memo:
        here = [
            cascade
            for index in _section_pages(folder)
            if (cascade := _section_cascade(index, settings)) is not None
        ]
        memo[folder] = here[:1] + _folder_cascades(folder.parent, depth, settings, memo)
    return memo[folder]


def _section_pages(folder: Path) -> tuple[Path, ...]:
    """The folder's ``_index`` pages, listed once per change of the folder (a page added or
    removed changes its time): every page below it asks."""
    try:
        stamp = folder.stat().st_mtime_ns
    except OSError:
        return ()
    return _listed_section_pages(folder, stamp)


@lru_cache(maxsize=4096)
def _listed_section_pages(folder: Path, _stamp: int) -> tuple[Path, ...]:
    return tuple(sorted(folder.glob("_index.*")))


def _section_cascade(index: Path, settings: Settings) -> object:
    """A section page's ``cascade`` (``None`` when it sets none), read once per change of
    its file."""
    try:
        stat = index.stat()
    except OSError:
        return None
    return _read_cascade(index, stat.st_mtime_ns, stat.st_size, settings.front_matter)


@lru_cache(maxsize=4096)
def _read_cascade(index: Path, _mtime: int, _size: int, formats: tuple[str, ...]) -> object:
    try:
        head = index.read_bytes()[:HEAD_BYTES]
    except OSError:
        return None
    if b"cascade" not in head:
        return None
    from yeplint.document.post import load_text

    return (load_text(index, index.name, head, formats).data or {}).get("cascade")


def generator_url(path: Path, settings: Settings, values: Mapping[str, object]) -> str | None:
    """The URL the site's generator serves a page at when no collection's pattern says it:
    Hugo's (its configuration and the page's front matter ``values``); ``None`` elsewhere."""
    config = hugo_config(settings)
    return hugo_url(path, settings, config, values) if config is not None else None


def served(settings: Settings, base: Path, pages: Callable[[], Iterable[Path]]) -> ImageResolver:
    """The resolver of the site at ``base``: the folders it serves at ``/`` (``static-roots``),
    the ones it serves under a URL prefix, and those only templates read. On a Hugo
    site: its ``staticDir`` folders and theme, its content folders under their language's
    prefix, each page bundle under its page's URL when ``permalinks`` move pages, and its
    ``assets/`` folders as resources; a theme or module not in the checkout leaves what it may
    serve open. ``pages`` lists the site's pages, asked only when bundles move."""
    statics = [base / s for s in settings.static_roots]
    mounts: list[Mount] = []
    resources: list[Path] = []
    config = hugo_config(settings, base)
    if config is not None:
        statics += [base / s for s in config.static if base / s not in statics]
        resources = [base / a for a in config.assets]
        if config.permalinks or config.section_permalinks:
            mounts += _bundle_mounts(pages(), settings, config)
        mounts += [
            (c.prefix + (f"/{c.target}" if c.target else ""), base / c.folder)
            for c in config.content
        ]
        mounts += [(prefix, base / folder) for prefix, folder in config.static_under]
    root = Path(os.path.realpath(base))
    named = [*statics, *(m[1] for m in mounts), *resources]
    outside = tuple(dict.fromkeys(f for f in named if inside(f, root) is None))
    return ImageResolver(
        tuple(s for s in statics if s not in outside and s.is_dir()),
        tuple(m for m in mounts if m[1] not in outside and m[1].is_dir()),
        tuple(r for r in resources if r not in outside and r.is_dir()),
        open_ended=config is not None and bool(config.unread),
        outside=outside,
    )


def _bundle_mounts(pages: Iterable[Path], settings: Settings, config: HugoConfig) -> list[Mount]:
    """Each page bundle (a folder with an ``index``/``_index`` page) under its page's URL: Hugo
    serves a bundle's files beside its page, wherever ``permalinks`` put it."""
    found = []
    for page in pages:
        if page.name.split(".")[0] not in ("index", "_index"):
            continue
        url = hugo_url(page, settings, config)
        if url is not None and not url.endswith(".html"):
            found.append((normalize(url).rstrip("/"), page.parent))
    return found


def hugo_notice(settings: Settings) -> str | None:
    """On a Hugo site whose theme or modules are not in the checkout: the notice that says
    which, and that the `/`-rooted references they may serve are not checked (told once)."""
    config = hugo_config(settings)
    if config is None or not config.unread:
        return None
    from yeplint.locale.messages import msg

    return msg(
        "{names} (a theme or module) is not in this checkout: `/`-rooted images and links that"
        " the site's own folders do not have are not checked (it may serve them)",
        names=", ".join(f"`{name}`" for name in config.unread),
    )
