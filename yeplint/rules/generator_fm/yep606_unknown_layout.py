"""YEP606 unknown-layout: a Jekyll page's `layout` names no file in the site's `_layouts/`."""

from __future__ import annotations

import os
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from yeplint.config.files import inside
from yeplint.locale.messages import msg
from yeplint.rules.generator_fm._common import schema_keys
from yeplint.rules.rule import rule
from yeplint.rules.suggest import did_you_mean

if TYPE_CHECKING:
    from collections.abc import Iterator

    from yeplint.diagnostics import Violation
    from yeplint.document.post import Post
    from yeplint.rules.context import Context

CONFIGS = ("_config.yml", "_config.yaml")


@rule("YEP606", "unknown-layout")
def unknown_layout(post: Post, ctx: Context) -> Iterator[Violation]:
    """A Jekyll page's `layout` names no file in the site's `_layouts/` folder.

    ## Why is this bad?
    Jekyll renders the page without any layout (no header, no menu, no styles: just the page's
    own HTML) and only prints a "Build Warning" among its output, which a deploy log hides. A
    layout is named without its extension (`post` for `_layouts/post.html`), so
    `layout: post.html` or `layout: Post` is such a page too.

    ## Example
    On a Jekyll site whose `_layouts/` holds `default.html` and `post.html`:
    `layout: posts`.

    ## Use instead
    ```yaml
    layout: post
    ```

    ## How to fix
    Name one of the files of `_layouts/` without its extension (the hint names the closest), or
    `layout: null` for a page that should have none.

    ## Options
    Only on a Jekyll site without a `theme` or `remote_theme` in `_config.yml`: a theme's
    layouts are in its gem, not in the tree, so a site with a theme is not checked (the run says
    so once). Keys the site's own schema describes are left to it.
    """
    if ctx.settings.generator != "jekyll" or post.data is None or post.front_matter is None:
        return
    value = post.data.get("layout")
    if not isinstance(value, str) or not value or value.lower() in ("null", "none"):
        return
    if "layout" in schema_keys(ctx):
        return
    layouts = site_layouts(_site(ctx))
    if layouts is None or layouts.theme or layouts.outside or value in layouts.names:
        return
    span = post.front_matter.locate(("layout",))
    message = msg("no layout `{name}` in `_layouts/`: the page is shown without one", name=value)
    close = _closest(value, layouts.names)
    yield did_you_mean(post, span, message, value, close)


class Layouts(NamedTuple):
    names: frozenset[str]
    """The layouts of ``_layouts/``, by name (the file name without its extension)."""
    theme: str | None
    """The theme ``_config.yml`` names: its layouts are not in the tree."""
    config: Path
    outside: str | None = None
    """``layouts_dir`` as written, when it leads out of the project: never looked at."""


def _site(ctx: Context) -> Path:
    if ctx.settings.root is not None:
        return ctx.settings.root
    return _site_above(ctx.root.resolve())


@cache
def _site_above(root: Path) -> Path:
    for folder in (root, *list(root.parents)[:3]):
        if any((folder / name).is_file() for name in CONFIGS):
            return folder
    return root


def site_layouts(site: Path) -> Layouts | None:
    """The site's layouts; ``None`` when ``site`` has no ``_config.yml``. Read again only when
    the configuration or the ``_layouts/`` folder changed (the language server runs for
    hours)."""
    for name in CONFIGS:
        config = site / name
        try:
            changed = config.stat().st_mtime_ns
        except OSError:
            continue
        try:
            folder_changed = (site / "_layouts").stat().st_mtime_ns
        except OSError:
            folder_changed = 0
        return _read_layouts(config, changed, folder_changed)
    return None


# Keyed by mtimes: bounded, or a language server grows an entry per save.
@lru_cache(maxsize=8)
def _read_layouts(config: Path, changed: int, folder_changed: int) -> Layouts:
    data = _read_yaml(config)
    theme = data.get("theme") or data.get("remote_theme")
    written = str(data.get("layouts_dir") or "_layouts")
    folder = config.parent / written
    if inside(folder, Path(os.path.realpath(config.parent))) is None:
        return Layouts(frozenset(), str(theme) if theme else None, config, written)
    try:
        names = frozenset(p.stem for p in folder.iterdir() if p.is_file())
    except OSError:
        names = frozenset()
    return Layouts(names, str(theme) if theme else None, config)


def _read_yaml(path: Path) -> dict[str, Any]:
    """A ``_config.yml`` as data; empty when it cannot be read (Jekyll would not build)."""
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def _closest(name: str, names: frozenset[str]) -> str | None:
    """The layout ``name`` is likely meant as: the same without its extension or case, or a
    name two edits away."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    for candidate in sorted(names):
        if candidate.lower() == stem.lower():
            return candidate
    from rapidfuzz.distance import OSA

    scored = sorted((OSA.distance(stem, n), n) for n in names)
    return scored[0][1] if scored and scored[0][0] <= 2 else None


def notice(roots: set[Path], root: Path | None) -> str | None:
    """The run's one word on a site whose layouts are a theme's (told once)."""
    sites = {root} if root is not None else {_site_above(r.resolve()) for r in roots}
    for site in sorted(sites):
        layouts = site_layouts(site)
        if layouts is not None and layouts.outside:
            return msg(
                "{file} puts the layouts in `{folder}`, outside the project: `layout` is not"
                " checked",
                file=layouts.config.name,
                folder=layouts.outside,
            )
        if layouts is not None and layouts.theme:
            return msg(
                "{file} uses the theme `{theme}`, whose layouts are not in the tree: `layout`"
                " is not checked",
                file=layouts.config.name,
                theme=layouts.theme,
            )
    return None
