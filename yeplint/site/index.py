"""What a run knows of the whole site: one object, built on demand and once per run.

Per root: the image resolver (the folders served at ``/``), the pages discovery finds, the URL
map. Per page: its target, its collection, its heading anchors and whether it has template
syntax (filled in by the engine as it reads pages), and the pages parsed before their turn (a
link to a later page, a translation's primary) so that each file is parsed once. A parallel
run's parent builds the URL maps and walks once; its forked workers adopt them
(:meth:`SiteIndex.share`, :meth:`SiteIndex.adopt`). A long-lived linter (the language server)
forgets what changed on disk.

Nothing here is built before a checked page needs it: a three-file run whose pages link to no
other page never walks the site. When it must, a :class:`IndexStore` (the engine's cache) may
hold the page list and URL map of an earlier run, stored with the stamp of every folder the
walk listed (and of every ``.gitignore`` it could have read): while each stamp is the same,
the stored index is used instead of walking the site and building the URL map again (on
7,000 pages: ~15 ms to read it back and check its stamps instead of ~190 ms). A page added,
removed or renamed changes its folder's stamp; the whole index is built again then (not only
the changed folder's part). A warm run also takes the pages of the folder named on the
command line from it (:meth:`SiteIndex.stored_targets`) and lists no folder at all. Not
stored: a walk that followed a symlinked file or met a folder it could not list (neither shows
in a folder's stamp), one with a stamp younger than two seconds (a change within the clock's
granularity may keep it), and the URL map of a site whose URL patterns read front matter
(editing a page's ``slug`` moves it without touching a folder).
"""

from __future__ import annotations

import os
import time
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol

from yeplint.config.globs import matches_any
from yeplint.config.settings import Collection, Settings
from yeplint.site.discovery import SKIPPED_FOLDERS, Target, display_path
from yeplint.site.files import ImageResolver

if TYPE_CHECKING:
    from yeplint.document.post import Post
    from yeplint.site.urls import SiteMap

RACY_NS = 2_000_000_000
"""Folder stamps younger than this (nanoseconds) are not trusted: the walk is not stored."""
STORED_FORMAT = 2
"""Bumped whenever a stored index's layout changes."""


class IndexStore(Protocol):
    """Where a site's walk and URL map outlive the run (the engine's cache)."""

    def load_index(self, root: Path | str) -> object: ...

    def save_index(self, root: Path | str, payload: dict[str, Any]) -> None: ...


class SiteShare(NamedTuple):
    """The part of the index a parent hands its forked workers: per root, the URL map and
    the pages discovery found."""

    sites: dict[Path, SiteMap]
    walks: dict[Path, list[Target]]
    targets: dict[Path, Target]


class SiteIndex:
    """What one run knows of its sites, filled as pages ask. A plain class: as a dataclass it
    cost ~1.7 ms at import for an ``__init__``, ``__repr__`` and ``__eq__`` nothing needs."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.resolvers: dict[Path, ImageResolver] = {}
        self.sites: dict[Path, SiteMap] = {}
        self.walks: dict[Path, list[Target]] = {}
        self.pages: dict[Path, frozenset[Path]] = {}
        self.targets: dict[Path, Target] = {}
        self.collections: dict[str, Collection | None] = {}
        self.anchors: dict[Path, frozenset[str] | None] = {}
        """Each page's heading anchors, ``None`` where they cannot be known."""
        self.templated: dict[Path, bool] = {}
        """Whether each linted page has template syntax (for the orphan check, which would
        otherwise read every page beside an unused image again)."""
        self.preread: dict[Path, tuple[bytes, Post]] = {}
        """Pages parsed before their turn came: linted from this parse when it comes."""
        self.digests: dict[Path, str] = {}
        """With the cache on: the hash of each page's bytes as read this run (a cached result's
        record of another page's anchors holds while that page's bytes hash the same)."""
        self.store: IndexStore | None = None
        """Where the walk and URL map of each root are kept between runs (``None``: nowhere)."""
        self.stamps: dict[Path, list[list[Any]] | None] = {}
        """Per root walked in this run: the stamps its walk depends on (``None``: not
        storable)."""
        self.stored: dict[Path, dict[str, Any] | None] = {}
        """Per root: the stored index, once found still valid (``None``: none, or stale)."""
        self.walks_done = 0
        """How many times this run walked a site (for the tests: a run that should not walk)."""

    def collection_for(self, target: Target) -> Collection | None:
        """The first collection whose globs match the page; none for a Docusaurus partial
        (``_x.mdx``), which is no page."""
        relative = target.relative
        if relative in self.collections:
            return self.collections[relative]
        found = next(
            (c for c in self.settings.collections if matches_any(c.patterns, relative)), None
        )
        if found is not None and self.settings.docs_roots:
            from yeplint.site.urls import docusaurus_partial

            found = None if docusaurus_partial(relative) else found  # imported, no page
        self.collections[relative] = found
        return found

    def url_collection(self, target: Target) -> Collection | None:
        """The collection whose ``url`` serves the page: its own, else the first of the
        generator's URL rules (Jekyll's ``_config.yml``) that matches it."""
        found = self.collection_for(target)
        if (found is not None and found.url is not None) or not self.settings.url_rules:
            return found
        rules = self.settings.url_rules
        return next((r for r in rules if matches_any(r.patterns, target.relative)), found)

    def resolver_for(self, root: Path) -> ImageResolver:
        """The image resolver of the site at ``root`` (its static folders looked up once)."""
        if root not in self.resolvers:
            from yeplint.site.urls import served

            def pages() -> list[Path]:
                return [t.path for t in self.discovered(root)]

            self.resolvers[root] = served(self.settings, self.settings.root or root, pages)
        return self.resolvers[root]

    def discovered(self, root: Path) -> list[Target]:
        """Every page under ``root`` (one walk per run, shared by the URL map and the orphan
        check)."""
        found = self.walks.get(root)
        if found is None:
            from yeplint.site.discovery import discover

            walked: list[str] = []
            self.walks_done += 1
            found = discover([root], self.settings, cwd=root, walked=walked)
            self.walks[root] = found
            self.stamps[root] = _stamps(root, walked, self.settings)
        return found

    def all_pages(self, root: Path) -> frozenset[Path]:
        """Every page discovery finds under ``root`` (the stored walk while it holds)."""
        pages = self.pages.get(root)
        if pages is None:
            stored = self._stored(root)
            if stored is not None:
                pages = frozenset(map(Path, stored["texts"]))
            else:
                pages = frozenset(t.path for t in self.discovered(root))
                self._store(root)
            self.pages[root] = pages
        return pages

    def covers(self, root: Path, checked: set[Path]) -> bool:
        """Whether ``checked`` holds every page under ``root`` (a run that checked the whole
        site). Answered from the stored walk without making a path of each page, at once when
        fewer files were checked than the site has pages; without a stored walk, by a page
        beside a checked one that was not checked, else by walking the site."""
        stored = self._stored(root) if root not in self.pages else None
        if stored is None:
            if root not in self.pages and self._unchecked_neighbour(root, checked):
                return False
            return self.all_pages(root) <= checked
        if len(checked) < len(stored["texts"]):
            return False
        return set(stored["texts"]) <= {os.fspath(p) for p in checked}

    def stored_targets(self, folder: Path, cwd: Path) -> list[Target] | None:
        """The pages discovery would find under ``folder`` (named on the command line, the
        site's root or a folder in it), from the stored walk while its stamps hold, so that a
        warm run lists no folder; ``None`` when that cannot be said without walking: no stored
        walk, or a folder the walk of the root does not reach the same way (hidden, skipped,
        excluded, behind a symlink, the site below it)."""
        root = self.settings.root
        if root is None or self.settings.site_below or self.store is None:
            return None
        folder = Path(os.path.normpath(cwd / folder))
        if os.path.realpath(folder) != os.fspath(folder) or not self._reached(root, folder):
            return None
        stored = self._stored(root)
        if stored is None:
            return None
        inner = os.fspath(folder).rstrip(os.sep) + os.sep
        here = os.fspath(cwd).rstrip(os.sep) + os.sep
        found = []
        folders: dict[str, Path] = {}
        for text in stored["texts"]:
            if text.startswith(inner):
                above, _, name = text.rpartition(os.sep)
                parent = folders.get(above)
                if parent is None:
                    parent = folders[above] = Path(above or os.sep)
                path = parent / name  # a name joined to its folder: ~half a `Path(text)`
                found.append(Target(path, _shown(text, here) or display_path(path, cwd), root))
        found.sort(key=_DISPLAY)
        return found

    def _reached(self, root: Path, folder: Path) -> bool:
        """Whether ``folder`` is a real folder that the walk of ``root`` lists as it is."""
        if folder != root and root not in folder.parents:
            return False
        if not folder.is_dir():
            return False
        parts = folder.relative_to(root).parts
        if any(p.startswith(".") or p in SKIPPED_FOLDERS for p in parts):
            return False
        return not any(self._excluded("/".join(parts[: n + 1])) for n in range(len(parts)))

    def _unchecked_neighbour(self, root: Path, checked: set[Path]) -> bool:
        """Whether a folder of a checked page holds a page the walk of ``root`` would certainly
        find and that was not checked: a regular file the include globs take and the exclude
        globs leave, in a folder the walk reaches (no hidden or skipped folder, no symlink on
        the way, not excluded). With git's ignore files counting, nothing is certain here."""
        if self.settings.respect_gitignore:
            return False
        base = os.fspath(root).rstrip(os.sep) + os.sep
        for folder in {os.fspath(p.parent) for p in checked}:
            inner = folder + os.sep
            if not inner.startswith(base) or os.path.realpath(folder) != folder:
                continue
            parts = Path(folder).relative_to(root).parts
            if any(p.startswith(".") or p in SKIPPED_FOLDERS for p in parts):
                continue
            if any(self._excluded("/".join(parts[: n + 1])) for n in range(len(parts))):
                continue
            try:
                with os.scandir(folder) as entries:
                    names = [e.name for e in entries if e.is_file(follow_symlinks=False)]
            except OSError:
                continue
            prefix = "/".join(parts)
            for name in names:
                relative = f"{prefix}/{name}" if prefix else name
                if (
                    matches_any(self.settings.include, relative)
                    and not self._excluded(relative)
                    and Path(inner + name) not in checked
                ):
                    return True
        return False

    def _excluded(self, relative: str) -> bool:
        return bool(self.settings.exclude) and matches_any(self.settings.exclude, relative)

    def site_map(self, root: Path) -> SiteMap:
        """The URLs of every page under ``root`` (built once, from file names and, where a URL
        pattern asks for one, front matter; the stored map while it holds)."""
        site = self.sites.get(root)
        if site is None:
            stored = self._stored(root)
            if stored is not None and stored.get("site") is not None:
                site = _stored_site(stored, self.settings)
            else:
                from yeplint.site.urls import build

                by_path = {t.path: t for t in self.discovered(root)}
                self.targets.update(by_path)
                site = build(by_path, self.settings, lambda p: self.url_collection(by_path[p]))
            site.static_roots = self.resolver_for(root).static_roots
            self.sites[root] = site
            if stored is None or stored.get("site") is None:
                self._store(root)
        return site

    def target_of(self, path: Path) -> Target | None:
        """The page at ``path`` as the walk of its site found it (``None``: not a page of a
        site this run knows)."""
        found = self.targets.get(path)
        if found is None:
            root = next((r for r, pages in self.pages.items() if path in pages), None)
            root = root or next((r for r, s in self.stored.items() if s and _holds(s, path)), None)
            if root is not None:
                found = Target(path, display_path(path, root), root)
                self.targets[path] = found
        return found

    def _stored(self, root: Path) -> dict[str, Any] | None:
        """The stored index of ``root`` when every stamp it was built from still holds."""
        if root in self.stored:
            return self.stored[root]
        found = None
        saved = self.store.load_index(root) if self.store is not None else None
        if isinstance(saved, dict) and saved.get("format") == STORED_FORMAT:
            try:
                if _stamps_hold(saved["stamps"]):
                    base = os.fspath(root).rstrip(os.sep) + os.sep
                    texts = [base + relative.replace("/", os.sep) for relative in saved["pages"]]
                    found = {**saved, "texts": texts}
            except (KeyError, TypeError, ValueError):
                found = None
        self.stored[root] = found
        return found

    def _store(self, root: Path) -> None:
        """Hand what this run built of ``root`` to the store (when its walk may be stored)."""
        stamps = self.stamps.get(root)
        if self.store is None or stamps is None or root not in self.walks:
            return
        payload: dict[str, Any] = {
            "format": STORED_FORMAT,
            "stamps": stamps,
            "pages": [t.relative for t in self.walks[root]],
            "site": None,
        }
        site = self.sites.get(root)
        if site is not None and not _reads_front_matter(self.settings):
            relative = {t.path: t.relative for t in self.walks[root]}
            payload["site"] = {
                "urls": [[relative[p], u] for p, u in site.urls.items() if p in relative],
                "unresolved": [[relative[p], k] for p, k in site.unresolved if p in relative],
                "possible": site.possible,
                "unknown": site.unknown,
                "keys": [[key, os.fspath(path)] for key, path in site.pages.items()],
                "routes": sorted(site.routes),
                "inputs": [os.fspath(f) for f in site.input_folders],
            }
        self.store.save_index(root, payload)

    def unresolved(self) -> list[tuple[Path, str]]:
        """The pages whose URL is not known, with the key that leaves it open."""
        return [u for site in self.sites.values() for u in site.unresolved]

    def share(self) -> SiteShare:
        return SiteShare(dict(self.sites), dict(self.walks), dict(self.targets))

    def adopt(self, share: SiteShare) -> None:
        """Use the URL maps and walks another linter built (a worker, from its parent)."""
        self.sites.update(share.sites)
        self.walks.update(share.walks)
        self.targets.update(share.targets)

    def forget_images(self) -> None:
        """Look at the image folders again."""
        self.resolvers.clear()

    def forget_site(self) -> None:
        """Walk the site again: pages or images appeared, moved or went."""
        for memo in (
            self.sites,
            self.walks,
            self.digests,
            self.stamps,
            self.stored,
            self.targets,
            self.anchors,
            self.preread,
            self.pages,
            self.templated,
            self.collections,
        ):
            memo.clear()

    def forget_page(self, target: Target) -> None:
        """What a page's own lint left here (the language server: a buffer closed unsaved
        leaves its anchors as the disk has them, and a server that opens many files in turn
        keeps nothing of those it closed)."""
        for memo in (self.anchors, self.templated, self.digests, self.preread):
            memo.pop(target.path, None)
        self.collections.pop(target.relative, None)


_DISPLAY = itemgetter(1)
"""A target's display path (its second field), to sort by."""


def _stamp(path: str) -> list[int] | None:
    """A folder's or file's stamp (modification time and inode); ``None`` when it is not
    there."""
    try:
        info = Path(path).stat()
    except OSError:
        return None
    return [info.st_mtime_ns, info.st_ino]


def _shown(text: str, here: str) -> str | None:
    """:func:`display_path` of the page at ``text`` inside the working folder ``here`` (with
    its separator), as text: ``Path.relative_to`` per page was most of a stored walk's cost;
    ``None`` outside it."""
    if not text.startswith(here):
        return None
    rest = text[len(here) :] if os.sep == "/" else text[len(here) :].replace(os.sep, "/")
    return rest.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _ignore_files(root: Path, folders: list[str]) -> list[str]:
    """The files git reads for what to ignore, that a walk of ``folders`` may have read."""
    above = [os.fspath(p) for p in (root, *root.parents)]
    files = [f"{f.rstrip(os.sep)}{os.sep}.gitignore" for f in dict.fromkeys([*folders, *above])]
    return files + [os.fspath(Path(f, ".git", "info", "exclude")) for f in above]


def _stamps(root: Path, walked: list[str], settings: Settings) -> list[list[Any]] | None:
    """The stamps a walk of ``root`` depends on: each folder it listed and, when git's ignore
    files count, each of those; ``None`` when the walk must not be stored (it followed a
    symlinked file or met a folder it could not list, or a stamp is too young to be
    trusted)."""
    if any(w.startswith(("link:", "unreadable:")) for w in walked):
        return None
    paths = walked + (_ignore_files(root, walked) if settings.respect_gitignore else [])
    stamps: list[list[Any]] = []
    young = time.time_ns() - RACY_NS
    for path in paths:
        stamp = _stamp(path)
        if stamp is not None and stamp[0] > young:
            return None
        stamps.append([path, stamp])
    return stamps


def _stamps_hold(stamps: list[list[Any]]) -> bool:
    """Whether every stamp is as it was (an ignore file that was absent is stamped ``None``:
    one that appears changes it)."""
    return all(_stamp(path) == stamp for path, stamp in stamps)


def _reads_front_matter(settings: Settings) -> bool:
    """Whether a URL pattern reads a page's front matter (its URL may then change while no
    folder does)."""
    from yeplint.site.urls import front_matter_keys

    return any(c.url and front_matter_keys(c.url, settings) for c in settings.collections)


def _holds(stored: dict[str, Any], path: Path) -> bool:
    """Whether the stored walk found the page at ``path``."""
    if "set" not in stored:
        stored["set"] = frozenset(stored["texts"])
    return os.fspath(path) in stored["set"]


def _stored_site(stored: dict[str, Any], settings: Settings) -> SiteMap:
    """The URL map as stored: the same map :func:`yeplint.site.urls.build` makes, its pages'
    paths made when asked for (7,000 of them cost ~20 ms, and a run asks for a few)."""
    from yeplint.site.urls import SiteMap

    texts = dict(zip(stored["pages"], stored["texts"], strict=True))
    saved = stored["site"]
    site = SiteMap(routes=frozenset(saved["routes"]))
    urls: dict[str, str] = {}
    for relative, url in saved["urls"]:
        urls[texts[relative]] = url
    # every address the build gave a page (a redirect's, another generator's), as it made it
    site.pages = _PathValues({str(key): str(text) for key, text in saved["keys"]})
    site.input_folders = tuple(Path(text) for text in saved["inputs"])
    if settings.generator == "vitepress":
        from yeplint.config import vitepress

        site.page_key, site.page_endings = vitepress.page_key, vitepress.PAGE_ENDINGS
    site.urls = _PathKeys(urls)
    site.unresolved = [(Path(texts[r]), k) for r, k in saved["unresolved"]]
    site.possible = list(saved["possible"])
    site.unknown = int(saved["unknown"])
    return site


class _PathValues(dict[str, Path]):
    """URL → page, kept as text: each page becomes a path when read (``get``, ``[]``,
    ``values``, ``items``: all :class:`~yeplint.site.urls.SiteMap` reads)."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts)  # type: ignore[arg-type]  # made paths when read

    def __getitem__(self, key: str) -> Path:
        return Path(super().__getitem__(key))

    def get(self, key: str, default: Any = None) -> Any:
        found = super().get(key)
        return default if found is None else Path(found)

    def values(self) -> Any:
        return [Path(v) for v in dict.values(self)]

    def items(self) -> Any:
        return [(k, Path(v)) for k, v in dict.items(self)]


class _PathKeys(dict[Path, str]):
    """Page → URL, kept by the page's path as text and looked up by path (``get``, ``[]``,
    ``in``, ``items``: all :class:`~yeplint.site.urls.SiteMap`'s users read)."""

    def __init__(self, texts: dict[str, str]) -> None:
        super().__init__(texts)  # type: ignore[arg-type]  # looked up by text

    def __getitem__(self, key: Path) -> str:
        return super().__getitem__(os.fspath(key))  # type: ignore[index]

    def __contains__(self, key: object) -> bool:
        return super().__contains__(os.fspath(key) if isinstance(key, Path) else key)

    def get(self, key: Path, default: Any = None) -> Any:
        return super().get(os.fspath(key), default)  # type: ignore[call-overload]

    def items(self) -> Any:
        return [(Path(k), v) for k, v in dict.items(self)]
