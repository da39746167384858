"""What a run knows of the whole site: one object, built on demand and once per run.

Per root: the image resolver (the folders served at ``/``), the pages discovery finds, the URL
map. Per page: its target, its collection, its heading anchors and whether it has template
syntax (filled in by the engine as it reads pages), and the pages parsed before their turn (a
link to a later page, a translation's primary) so that each file is parsed once. A parallel
run's parent builds the URL maps and walks once; its forked workers adopt them
(:meth:`SiteIndex.share`, :meth:`SiteIndex.adopt`). A long-lived linter (the language server)
forgets what changed on disk.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from yeplint.config.globs import matches_any
from yeplint.config.settings import Collection, Settings
from yeplint.site.discovery import Target
from yeplint.site.files import ImageResolver

if TYPE_CHECKING:
    from yeplint.document.post import Post
    from yeplint.site.urls import SiteMap


@dataclass(frozen=True)
class SiteShare:
    """The part of the index a parent hands its forked workers: per root, the URL map and
    the pages discovery found."""

    sites: dict[Path, SiteMap]
    walks: dict[Path, list[Target]]
    targets: dict[Path, Target]


@dataclass
class SiteIndex:
    settings: Settings
    resolvers: dict[Path, ImageResolver] = field(default_factory=dict)
    sites: dict[Path, SiteMap] = field(default_factory=dict)
    walks: dict[Path, list[Target]] = field(default_factory=dict)
    pages: dict[Path, frozenset[Path]] = field(default_factory=dict)
    targets: dict[Path, Target] = field(default_factory=dict)
    collections: dict[str, Collection | None] = field(default_factory=dict)
    anchors: dict[Path, frozenset[str] | None] = field(default_factory=dict)
    """Each page's heading anchors, ``None`` where they cannot be known."""
    templated: dict[Path, bool] = field(default_factory=dict)
    """Whether each linted page has template syntax (for the orphan check, which would
    otherwise read every page beside an unused image again)."""
    preread: dict[Path, tuple[bytes, Post]] = field(default_factory=dict)
    """Pages parsed before their turn came: linted from this parse when it comes."""

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

            found = discover([root], self.settings, cwd=root)
            self.walks[root] = found
        return found

    def all_pages(self, root: Path) -> frozenset[Path]:
        """Every page discovery finds under ``root``."""
        pages = self.pages.get(root)
        if pages is None:
            pages = frozenset(t.path for t in self.discovered(root))
            self.pages[root] = pages
        return pages

    def site_map(self, root: Path) -> SiteMap:
        """The URLs of every page under ``root`` (built once, from file names and, where a URL
        pattern asks for one, front matter)."""
        site = self.sites.get(root)
        if site is None:
            from yeplint.site.urls import build

            by_path = {t.path: t for t in self.discovered(root)}
            self.targets.update(by_path)
            site = build(by_path, self.settings, lambda p: self.url_collection(by_path[p]))
            site.static_roots = self.resolver_for(root).static_roots
            self.sites[root] = site
        return site

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
            self.targets,
            self.anchors,
            self.preread,
            self.pages,
            self.templated,
            self.collections,
        ):
            memo.clear()
