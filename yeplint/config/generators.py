"""Static-site generators: how each is recognised from its own files, and the folders it reads.

Plain data and one small function; ``yeplint init`` uses it to name the generator, to leave its
output folder out and to point ``static-roots`` at the folders it serves at ``/``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any


@dataclass(frozen=True, slots=True)
class Generator:
    """How a generator is recognised, and the conventions it reads pages with; ``settings``
    are its values for :class:`~yeplint.config.settings.Settings` (a config overrides them key by
    key)."""

    name: str
    markers: tuple[str, ...]
    """Files in the site's root folder that name this generator (first found wins)."""
    output: tuple[str, ...]
    """Folders the build writes (never content)."""
    static: tuple[str, ...]
    """Folders served at ``/``, relative to the site's root (``.``: the root itself)."""
    case_insensitive_keys: bool = False
    """Front matter keys are read without regard to case (``linkTitle`` = ``linktitle``)."""
    marker_text: re.Pattern[str] | None = None
    """When set, a marker counts only if its text matches (Hugo's and Zola's ``config.toml``)."""
    front_matter: tuple[str, ...] = ("yaml",)
    """The front matter formats the generator reads."""
    title_is_h1: bool = True
    """The layout renders the front matter title as the page's H1 (a body H1 is a second one)."""
    directory_urls: bool = False
    """A page ``a/b.md`` is served at ``a/b/``: a relative path in raw HTML is resolved from
    there (the generator rewrites Markdown links and images, not HTML)."""
    dated_folders: tuple[str, ...] = ()
    """Folders whose files are named ``YYYY-MM-DD-title`` (Jekyll's ``_posts``)."""
    page_bundles: bool = False
    """Folders with an ``index``/``_index`` page are bundles: layouts may use their images."""
    front_matter_slug: bool = False
    """A page's own ``slug`` front matter names its URL instead of its file name."""
    path_aliases: tuple[tuple[str, str], ...] = ()
    """Path prefixes for a folder of the site (Docusaurus ``@site/``); ``yeplint init`` adds
    the ones a ``tsconfig.json`` declares (Astro's ``~/``, ``@/``)."""

    @property
    def settings(self) -> dict[str, Any]:
        return {
            "generator": self.name,
            "front_matter": self.front_matter,
            "title_is_h1": self.title_is_h1,
            "directory_urls": self.directory_urls,
            "dated_folders": self.dated_folders,
            "path_aliases": self.path_aliases,
            "page_bundles": self.page_bundles,
        }


_ZOLA_CONFIG = re.compile(r"^\s*base_url\s*=", re.M)
_HUGO_CONFIG = re.compile(r"^\s*(baseURL|baseurl|languageCode|\[params\])\b", re.M)

_HUGO = Generator(
    "hugo",
    ("hugo.toml", "hugo.yaml", "hugo.yml", "hugo.json"),
    ("public", "resources"),
    ("static", "assets"),
    case_insensitive_keys=True,
    front_matter=("yaml", "toml", "json"),
    directory_urls=True,
    page_bundles=True,
    front_matter_slug=True,
)

GENERATORS: tuple[Generator, ...] = (
    _HUGO,
    Generator(
        "zola",
        ("config.toml",),
        ("public",),
        ("static",),
        marker_text=_ZOLA_CONFIG,
        front_matter=("toml", "yaml"),
        directory_urls=True,
        path_aliases=(("@/", "content/"),),
        page_bundles=True,
        front_matter_slug=True,
    ),
    # an older Hugo site's `config.toml`, once it is not Zola's
    replace(_HUGO, markers=("config.toml", "config.yaml"), marker_text=_HUGO_CONFIG),
    Generator(
        "jekyll",
        ("_config.yml", "_config.yaml"),
        ("_site", ".jekyll-cache"),
        (".",),
        directory_urls=True,
        dated_folders=("_posts",),
        front_matter_slug=True,
    ),
    Generator(
        "mkdocs",
        ("mkdocs.yml", "mkdocs.yaml"),
        ("site",),
        ("docs",),
        title_is_h1=False,
        directory_urls=True,
    ),
    Generator(
        "astro",
        ("astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.cjs"),
        ("dist", ".astro"),
        ("public",),
    ),
    Generator(
        "docusaurus",
        ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"),
        ("build", ".docusaurus"),
        ("static",),
        path_aliases=(("@site/", "."),),
        front_matter_slug=True,
    ),
    Generator(
        "eleventy",
        (".eleventy.js", "eleventy.config.js", "eleventy.config.mjs", "eleventy.config.cjs"),
        ("_site",),
        (),
    ),
    Generator(
        "sveltekit", ("svelte.config.js", "svelte.config.ts"), ("build", ".svelte-kit"), ("static",)
    ),
)

TEMPLATE_FOLDERS = ("archetypes", "_layouts", "_includes", "node_modules")
"""Folders that hold templates or dependencies, never pages, whatever the generator."""


def by_name(name: str) -> Generator | None:
    return next((g for g in GENERATORS if g.name == name), None)


NAMES = tuple(sorted({g.name for g in GENERATORS}))


def detect(content: Path, top: Path) -> tuple[Generator, Path] | None:
    """The generator whose marker file is in ``content`` or a folder above it, up to ``top``
    (or three levels when ``top`` is not above it), with the site's root folder."""
    folders = [content, *content.parents]
    folders = folders[: folders.index(top) + 1] if top in folders else folders[:4]
    for folder in folders:
        for generator in GENERATORS:
            for marker in generator.markers:
                path = folder / marker
                if not path.is_file():
                    continue
                if generator.marker_text is not None:
                    try:
                        text = path.read_text(encoding="utf-8", errors="replace")
                    except OSError:
                        continue
                    if not generator.marker_text.search(text):
                        continue
                return generator, folder
    return None


def tsconfig_aliases(site: Path) -> list[tuple[str, str]]:
    """``compilerOptions.paths`` of the site's ``tsconfig.json`` as (prefix, folder relative to
    the site): ``"~/*": ["src/*"]`` is ``("~/", "src/")``. Only ``prefix/*`` → ``folder/*``
    patterns; a file with comments or trailing commas that JSON cannot read gives none."""
    import json

    try:
        config = json.loads((site / "tsconfig.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    options = config.get("compilerOptions") if isinstance(config, dict) else None
    if not isinstance(options, dict) or not isinstance(options.get("paths"), dict):
        return []
    base = str(options.get("baseUrl", "."))
    found = []
    for pattern, targets in options["paths"].items():
        if not (isinstance(pattern, str) and pattern.endswith("/*") and isinstance(targets, list)):
            continue
        target = targets[0] if targets and isinstance(targets[0], str) else ""
        if not target.endswith("/*"):
            continue
        folder = (Path(base) / target[:-1]).as_posix().removeprefix("./")
        found.append((pattern[:-1], folder + "/" if not folder.endswith("/") else folder))
    return found
