"""Files no page uses (YEP5xx): found once every page of the site is checked, from what the
pages referenced (:func:`find_orphans`, which the engine calls when the run ends)."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

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
    (`"/img/features/fast.png"` in a React page `src/pages/index.js`).

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
    folders: dict[Path, Target] = {}
    for target in pages:
        folders.setdefault(target.path.parent, target)
    used = {os.fspath(p) for p in referenced}
    code: list[str] | None = None
    for folder, page in sorted(folders.items()):
        base = os.fspath(folder)
        try:
            with os.scandir(base) as entries:
                names = sorted(e.name for e in entries if e.is_file())
        except OSError:
            continue
        images, paired = [], set()
        for name in names:
            if "." + name.rpartition(".")[2].lower() in IMAGE_SUFFIXES:
                if f"{base}{os.sep}{name}" not in used:  # strings: pathlib costs ~40%
                    images.append(name)
            else:
                paired.add(name.split(".")[0])
        # `anna.jpg` beside `anna.nl.md` or `acme.json`: the page's picture
        images = [n for n in images if n.split(".")[0] not in paired]
        if not images or not _knowable(site, folder, names):
            continue
        if code is None:
            code = _site_code(site.settings)
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
)
"""The site's own scripts, components and templates: a page of its own (a React page
``src/pages/index.js``) or a layout may show an image by its path, which no Markdown page does."""
_SKIPPED = frozenset({"node_modules", "vendor", "__pycache__"})


def _site_code(settings: Settings) -> list[str]:
    """The text of every script, component and template file under the site's root (each up
    to ``max-file-size`` bytes; dot folders, installed packages and the folders ``exclude``
    leaves out, such as the generator's output, not read), read once per run and only when a
    folder has an image no page references."""
    root = settings.root
    if root is None:
        return []
    texts = []
    for folder, names, files in os.walk(root):
        here = Path(folder)
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
        for name in files:
            if name.lower().endswith(CODE_SUFFIXES):
                try:
                    data = read_upto(here / name, settings.max_file_size)
                    texts.append(data.decode("utf-8", "replace"))
                except OSError:
                    continue
    return texts


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
