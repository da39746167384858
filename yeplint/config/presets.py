"""Built-in presets: the settings of one known site, by name, and the signature that recognises
that site's tree when no configuration file says anything.

Without a configuration file yeplint is generic (front matter, body and image rules, no schema).
A preset is applied only when a configuration names it (``preset = "yep-trainingen"``) or, with no
configuration at all, when a checked path lies in a tree that carries the preset's signature;
the CLI then announces it once on stderr.

The ``yep-trainingen`` signature: a folder F with subfolders ``blog/``, ``trainingen/`` and
``coaching/``, where ``trainingen/`` and ``coaching/`` each hold at least one ``*.nl.md`` page.
F is a checked folder, a folder above it, or the ``content/`` folder of one of those.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from yeplint.config.settings import Collection

YEP_TRAININGEN = "yep-trainingen"


def _yep(name: str, *patterns: str, url: str | None = None) -> Collection:
    return Collection(name, patterns, name, url=url)


_YEP_COLLECTIONS: tuple[Collection, ...] = (
    Collection("drafts", ("**/Niet gepubliceerd/**",), None),
    _yep("fallback", "**/blog/_.*._.md", "**/trainingen/_.*._.md", "**/coaching/_.*._.md"),
    _yep("blog-en", "**/blog/**/*.en.md", url="{lang}/blog/{slug}"),
    _yep("blog", "**/blog/**/*.md", url="{lang}/blog/{slug}"),
    _yep("trainingen", "**/trainingen/**/*.md", url="{lang}/trainingen/{slug}"),
    _yep("coaching", "**/coaching/**/*.md", url="{lang}/coaching/{slug}"),
    _yep("team", "**/team/**/*.md"),
)
_YEP_ROUTES = ("/", "/blog", "/coaching", "/trainingen", "/team", "/contact", "/klachten")
_YEP_PAGES = (*_YEP_ROUTES, "/tarieven")
"""The site's SvelteKit routes (``src/routes/``); English ones under ``/en``."""

PRESETS: Mapping[str, Mapping[str, Any]] = {
    YEP_TRAININGEN: {
        "collections": _YEP_COLLECTIONS,
        "image_fields": ("img",),
        "max_image_width": 1600,
        # a 1600 px photo as JPEG at quality 80-85 weighs 250-450 KB: more is a PNG photo, a
        # maximum-quality export or one that was never resized
        "max_image_bytes": 500_000,
        "languages": (("nl", ""), ("en", "/en")),
        "orphan_ignore": ("**/opdrachtgevers/**",),
        "translation_fields": ("img", "date", "volgnummer", "categories"),
        "translation_title": "english_title",
        "primary_required": True,
        "site_url": "https://www.yeptrainingen.nl",
        # mdsvex writes a link as it is: `./x.nl.md` asks the route `/blog/[slug]` for a page
        # `x.nl.md`, which is not there (a broken link fails the prerender)
        "rewrites_page_links": False,
        # its headings are often questions: a bold `**Waarom plannen?**` is one
        "rule_options": (("YEP209", (("punctuation", ".,;:!。，；：！…"),)),),
        "routes": (
            *_YEP_PAGES,
            "/onze-aanpak",
            *(f"/en{r}".rstrip("/") for r in _YEP_PAGES),
            "/en/our-approach",
        ),
    },
}
"""Each preset's values for :class:`~yeplint.config.settings.Settings` fields; a configuration file
that
names the preset overrides them key by key."""

_SIGNATURE_FOLDERS = ("blog", "trainingen", "coaching")
_SIGNATURE_PAGES = ("trainingen", "coaching")


def _has_dutch_page(folder: Path) -> bool:
    try:
        with os.scandir(folder) as entries:
            return any(e.name.endswith(".nl.md") and e.is_file() for e in entries)
    except OSError:
        return False


def is_yep_site(folder: Path) -> bool:
    """Whether ``folder`` itself carries the ``yep-trainingen`` signature."""
    if not all((folder / name).is_dir() for name in _SIGNATURE_FOLDERS):
        return False
    return all(_has_dutch_page(folder / name) for name in _SIGNATURE_PAGES)


def detect(paths: Iterable[Path]) -> tuple[str, Path] | None:
    """The preset whose signature a checked path's tree carries, with the folder that matched."""
    seen: set[Path] = set()
    for path in paths:
        start = path.resolve()
        if not start.is_dir():
            start = start.parent
        for folder in (start, *start.parents):
            if folder in seen:
                break
            seen.add(folder)
            for candidate in (folder, folder / "content"):
                if is_yep_site(candidate):
                    return YEP_TRAININGEN, candidate
    return None
