"""Files no page uses (YEP5xx): found once every page of the site is checked, from what the
pages referenced (:func:`find_orphans`, which the engine calls when the run ends)."""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from yeplint.config.files import read_upto
from yeplint.config.globs import matches_any
from yeplint.config.settings import Settings
from yeplint.diagnostics import Severity, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import Message, msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule
from yeplint.site.discovery import Target
from yeplint.site.files import IMAGE_SUFFIXES
from yeplint.site.index import SiteIndex


@rule("YEP501", "orphan-image", Severity.WARNING)
def orphan_image(post: Post, ctx: Context) -> Iterator[Violation]:
    """An image beside the pages that no page references (front matter, Markdown, HTML,
    shortcode or link).

    ## Why is this bad?
    It is published (or copied into the build) for nothing, makes the repository heavier, and is
    often the old version of a photo that a page now uses under another name.

    ## Example
    `blog/netwerken-3.jpg`, while `netwerken.nl.md` uses only `netwerken-1.jpg` and
    `netwerken-2.jpg`.

    ## How to fix
    Remove the file, or reference it from the page it belongs to. An image the site's templates
    use (client logos) goes into `orphan-ignore`.

    An image named like a file beside it (`anna.jpg` next to `anna.nl.md`, `acme.png` next to
    `acme.json`) is taken to be that page's picture, which a template shows: not reported. Nor
    is an image whose file name a script, component or template of the site names
    (`"/img/features/fast.png"` in a React page `src/pages/index.js`), or its configuration or
    a data file (`logo: logo.svg` in `mkdocs.yml`, `_data/authors.yml`).

    ## Options
    `orphan-ignore`: globs of images that are never orphans. Reported at the image, only in a
    run that checks every page of the site (a partial run cannot know who uses an image), for
    the images in the folders of the checked pages.
    """
    return iter(())


def find_orphans(
    pages: Iterable[Target], referenced: set[Path | str], site: SiteIndex
) -> Iterator[tuple[Target, Message, Message]]:
    """The images in the folders of ``pages`` that none of them references, with the message
    and hint for each: the whole site's pages were checked, ``referenced`` is every file they
    referenced."""
    by_text: dict[str, Target] = {}
    for target in pages:  # by text: a `Path.parent` per page was a tenth of the check
        by_text.setdefault(os.fspath(target.path).rpartition(os.sep)[0] or os.sep, target)
    folders = sorted((Path(text), page) for text, page in by_text.items())
    used = {os.fspath(p) for p in referenced}
    code: list[str] | None = None
    listings = _Listings(site)
    for folder, page in folders:
        base = os.fspath(folder)
        names = listings.files(base)
        if names is None:
            continue
        images, paired = [], set()
        prefix = base + os.sep
        for name in names:
            if "." + name.rpartition(".")[2].lower() in IMAGE_SUFFIXES:
                if prefix + name not in used:  # strings: pathlib costs ~40%
                    images.append(name)
            else:
                paired.add(name.split(".")[0])
        images.sort()  # the unused ones only: a folder of thousands is not sorted
        # `anna.jpg` beside `anna.nl.md` or `acme.json`: the page's picture
        images = [n for n in images if n.split(".")[0] not in paired]
        if not images or not _knowable(site, folder, names):
            continue
        if code is None:
            code = _site_code(site)
        images = [n for n in images if not any(n in text for text in code)]
        shown = page.display[: len(page.display) - len(page.path.name)]
        ignore = site.settings.orphan_ignore
        for name in images:
            image = Target(folder / name, shown + name, page.root)
            if ignore and matches_any(ignore, image.relative):
                continue
            yield (
                image,
                msg("image `{name}` is not used by any page", name=name),
                msg("remove it, or reference it from the page it belongs to"),
            )
    listings.save()


LISTINGS_KEY = "\npage folders"
"""Where the store keeps the files of the pages' folders: under the root's text and this."""


class _Listings:
    """The files of each page folder (:meth:`files`), kept in the site's store with the
    folder's stamp: while it holds (no file added, removed or renamed there), a warm run lists
    no folder. A folder with a symlink in it is listed every time (what the link names may
    turn from a file into a folder without the folder's stamp moving), as is one whose stamp
    is too young to be trusted."""

    def __init__(self, site: SiteIndex) -> None:
        self.store = site.store
        root = site.settings.root
        self.key = os.fspath(root) + LISTINGS_KEY if root is not None else None
        saved = self.store.load_index(self.key) if self.store and self.key else None
        folders = saved.get("folders") if isinstance(saved, dict) else None
        self.saved: dict[str, Any] = folders if isinstance(folders, dict) else {}
        self.kept: dict[str, Any] = {}

    def files(self, folder: str) -> list[str] | None:
        """The names of the files in ``folder`` (``None``: it cannot be listed)."""
        try:
            info = Path(folder).stat()
        except OSError:
            return None
        stamp = [info.st_mtime_ns, info.st_ino]
        row = self.saved.get(folder)
        if isinstance(row, list) and len(row) == 2 and row[0] == stamp:
            names = row[1]
            if isinstance(names, list) and all(type(n) is str for n in names):
                self.kept[folder] = row
                return names
        listed = _list(folder)
        if listed is None:
            return None
        names = [name for name, is_file, _ in listed if is_file]
        from yeplint.site.index import RACY_NS  # as the stored walk's (a test may change it)

        linked = any(link for _, _, link in listed)
        if not linked and info.st_mtime_ns <= time.time_ns() - RACY_NS:
            self.kept[folder] = [stamp, names]
        return names

    def save(self) -> None:
        """Keep the listings for the next run, when one changed or a folder went."""
        if self.store is None or self.key is None or self.kept == self.saved:
            return
        self.store.save_index(self.key, {"folders": self.kept})


def _list(folder: str) -> list[tuple[str, bool, bool]] | None:
    """Each entry of ``folder``: its name, whether it is a file (a symlink followed) and
    whether it is a symlink; ``None`` when the folder cannot be listed."""
    try:
        with os.scandir(folder) as entries:
            return [(e.name, e.is_file(), e.is_symlink()) for e in entries]
    except OSError:
        return None


CODE_SUFFIXES = (
    ".js",
    ".jsx",
    ".mjs",
    ".cjs",
    ".ts",
    ".tsx",
    ".vue",
    ".svelte",
    ".astro",
    ".html",
    ".njk",
    ".liquid",
    ".hbs",
    ".yml",
    ".yaml",
    ".toml",
    ".json",
)
"""The site's own scripts, components and templates: a page of its own (a React page
``src/pages/index.js``) or a layout may show an image by its path, which no Markdown page does;
and its configuration and data files, which its theme or templates read one from
(``theme: {logo: logo.svg}`` in ``mkdocs.yml`` or ``zensical.toml``, Jekyll's
``_data/authors.yml``, ``hugo.toml``'s ``params``)."""
_SKIPPED = frozenset({"node_modules", "vendor", "__pycache__"})


CODE_KEY = "\ncode files"
"""Where the store keeps the code files of a root: under the root's text and this."""


def _site_code(site: SiteIndex) -> list[str]:
    """The text of every script, component and template file under the site's root (each up
    to ``max-file-size`` bytes; dot folders, installed packages and the folders ``exclude``
    leaves out, such as the generator's output, not read), read once per run and only when a
    folder has an image no page references. Which files those are is kept in the site's store
    with the stamp of every folder the walk listed: while each holds (no file added, removed
    or renamed in them), the files are read again without walking the root."""
    settings = site.settings
    root = settings.root
    if root is None:
        return []
    key = os.fspath(root) + CODE_KEY
    files = _stored_code(site.store.load_index(key)) if site.store is not None else None
    if files is None:
        files, listed = _code_files(root, settings)
        stamps = _folder_stamps(listed) if listed is not None else None
        if stamps is not None and site.store is not None:
            site.store.save_index(key, {"kind": "code", "stamps": stamps, "files": files})
    texts = []
    for file in files:
        try:
            data = read_upto(Path(file), settings.max_file_size)
        except OSError:
            continue
        texts.append(data.decode("utf-8", "replace"))
    return texts


def _code_files(root: Path, settings: Settings) -> tuple[list[str], list[str] | None]:
    """The code files under ``root`` (:data:`CODE_SUFFIXES`) and the folders listed to find
    them (``None`` when a folder could not be listed: the list cannot be kept)."""
    files: list[str] = []
    listed: list[str] | None = []
    failed: list[OSError] = []
    for folder, names, found in os.walk(root, onerror=failed.append):
        here = Path(folder)
        if listed is not None:
            listed.append(folder)
        names[:] = [
            n
            for n in names
            if not n.startswith(".")
            and n not in _SKIPPED
            and not (
                settings.exclude
                and matches_any(settings.exclude, (here / n).relative_to(root).as_posix() + "/")
            )
        ]
        files.extend(f"{folder}{os.sep}{n}" for n in found if n.lower().endswith(CODE_SUFFIXES))
    return files, None if failed else listed


def _folder_stamps(folders: list[str]) -> list[list[Any]] | None:
    """Each folder's modification time and inode; ``None`` when one is too young to be trusted
    (a change within the clock's granularity may keep it) or gone."""
    from yeplint.site.index import RACY_NS  # as the stored walk's (a test may change it)

    young = time.time_ns() - RACY_NS
    stamps: list[list[Any]] = []
    for folder in folders:
        try:
            info = Path(folder).stat()
        except OSError:
            return None
        if info.st_mtime_ns > young:
            return None
        stamps.append([folder, info.st_mtime_ns, info.st_ino])
    return stamps


def _stored_code(saved: object) -> list[str] | None:
    """The code files a stored walk found, when every folder it listed keeps its stamp."""
    if not isinstance(saved, dict) or saved.get("kind") != "code":
        return None
    try:
        for folder, mtime, inode in saved["stamps"]:
            info = Path(folder).stat()
            if info.st_mtime_ns != mtime or info.st_ino != inode:
                return None
        files = saved["files"]
    except (OSError, KeyError, TypeError, ValueError):
        return None
    if not isinstance(files, list) or not all(isinstance(f, str) for f in files):
        return None
    return files


def _knowable(site: SiteIndex, folder: Path, names: list[str]) -> bool:
    """Whether the pages of ``folder`` show every image they use: not in a bundle (its
    layouts may use any image by name) nor beside a page with template syntax (a shortcode
    or include may name an image in its own way)."""
    from yeplint.config.settings import PAGE_SUFFIXES

    pages = [n for n in names if n.lower().endswith(PAGE_SUFFIXES)]
    stems = {n.split(".")[0] for n in pages}
    if site.settings.page_bundles and stems & {"index", "_index"}:
        return False
    for name in pages:
        known = site.templated.get(folder / name)
        if known is not None:
            if known:
                return False
            continue
        try:
            text = read_upto(folder / name, site.settings.max_file_size)
        except OSError:
            return False
        if b"{{" in text or b"{%" in text:
            return False
    return True
