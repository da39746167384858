"""Hugo's own configuration, read where Hugo reads it: the folders it takes content and static
files from, and the URLs it gives pages.

Hugo looks for ``hugo.toml|yaml|yml|json`` (or the older ``config.*``) in the site's folder and
merges the files of ``config/_default/`` over it: ``hugo.toml`` and ``config.toml`` there hold
root keys, any other file the key it is named after (``params.toml`` is ``params``,
``languages.toml`` is ``languages``). Keys are case-insensitive (``contentDir`` =
``contentdir``), so every key is read in lower case.

What yeplint follows: ``contentDir`` (also per language), ``staticDir`` (a folder or a list),
``module.mounts`` for content and static (they replace the defaults, as in Hugo), a theme found
in ``themes/`` (its static folder), ``permalinks`` (per section, the plain form or the
``page:``/``section:`` kinds) and ``uglyURLs``. What it cannot read (a theme or module that is
not in the checkout, so fetched at build time) is named in :attr:`HugoConfig.unread`, for one
notice per run; it is never guessed at.
"""

from __future__ import annotations

import contextlib
import os
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from yeplint import record
from yeplint.config.files import inside

CONFIG_NAMES = ("hugo", "config")
CONFIG_SUFFIXES = ("toml", "yaml", "yml", "json")
ROOT_FILES = frozenset(CONFIG_NAMES)
"""Files of ``config/_default/`` that hold root keys rather than the key they are named after."""


@record
class ContentDir:
    """A folder Hugo reads pages from, and the URL prefix of its language (``""`` for the
    default language unless ``defaultContentLanguageInSubdir``)."""

    folder: str
    """Relative to the site's folder, ``/``-separated (``content/en``)."""
    prefix: str = ""
    target: str = ""
    """A mount's target below ``content`` (``module.mounts: target: content/blog``): the path
    its files take in the site, ``""`` for the content root."""


@record
class HugoConfig:
    content: tuple[ContentDir, ...] = (ContentDir("content"),)
    static: tuple[str, ...] = ("static",)
    """Folders served at ``/`` (relative to the site's folder)."""
    static_under: tuple[tuple[str, str], ...] = ()
    """(URL prefix, folder) of static mounts whose target lies below ``static``."""
    assets: tuple[str, ...] = ("assets",)
    """Folders of Hugo Pipes resources: a template fetches them, nothing serves them at ``/``."""
    permalinks: tuple[tuple[str, str], ...] = ()
    """(section, pattern) for regular pages: ``("posts", "/:year/:slug/")``."""
    section_permalinks: tuple[tuple[str, str], ...] = ()
    """(section, pattern) for section pages (``permalinks.section``)."""
    ugly_urls: bool | tuple[str, ...] = False
    """``uglyURLs``: every page (``True``) or the sections named, served at ``x.html``."""
    lower_paths: bool = True
    """Hugo lowers the case of paths unless ``disablePathToLower``."""
    unread: tuple[str, ...] = ()
    """Themes and modules that serve files but are not in the checkout (by name or path)."""
    languages: tuple[tuple[str, str], ...] = ()
    """(code, URL prefix) of each configured language: a page ``x.<code>.md`` is in it."""
    taxonomies: tuple[str, ...] = ("tags", "categories")
    """The plural names of the site's taxonomies (``taxonomies``): each has a list page at
    ``/<plural>/`` and a page per term at ``/<plural>/<term>/``, the term read from the pages'
    front matter key ``<plural>``."""
    disabled_kinds: tuple[str, ...] = ()
    """``disableKinds``, in lower case: the kinds of page Hugo does not make."""
    output_names: tuple[str, ...] = ()
    """The base names of the site's own output formats (``outputFormats``): files a template
    writes beside pages (``_redirects``)."""
    link_hooks: tuple[str, ...] = ()
    """The site's (or a theme's in the checkout) link render hooks, and Hugo's own when the
    configuration turns it on: a template renders each link, and may rewrite its target."""

    def ugly(self, section: str) -> bool:
        return self.ugly_urls is True or (
            isinstance(self.ugly_urls, tuple) and section in self.ugly_urls
        )

    def permalink(self, section: str, *, kind: str = "page") -> str | None:
        """The permalink pattern for a page of ``kind`` (``page`` or ``section``) in the
        top-level ``section``, if one is configured."""
        table = self.permalinks if kind == "page" else self.section_permalinks
        return next((p for s, p in table if s == section), None)


def config_files(site: Path) -> list[Path]:
    """Hugo's configuration files of the site in ``site``, in the order they are merged: the
    first root file found, then the files of ``config/_default/`` in name order. Only files
    inside the site count: one that a symlink leads out of it is never looked at."""
    root = Path(os.path.realpath(site))

    def own(path: Path) -> bool:
        return inside(path, root) is not None and path.is_file()

    found = [
        site / f"{name}.{suffix}"
        for name in CONFIG_NAMES
        for suffix in CONFIG_SUFFIXES
        if own(site / f"{name}.{suffix}")
    ][:1]
    folder = site / "config" / "_default"
    if inside(folder, root) is not None:
        with contextlib.suppress(OSError):
            found += sorted(
                p for p in folder.iterdir() if p.suffix[1:] in CONFIG_SUFFIXES and own(p)
            )
    return found


def merged(site: Path) -> dict[str, Any]:
    """The site's configuration as one mapping with lower-case keys (see the module's text)."""
    data: dict[str, Any] = {}
    for path in config_files(site):
        value = _read(path)
        if not isinstance(value, dict):
            continue
        value = _lower(value)
        in_folder = path.parent.name == "_default"
        key = path.stem.split(".")[0].lower()
        if in_folder and key not in ROOT_FILES:
            value = {key: value}
        _merge(data, value)
    return data


def read(site: Path) -> HugoConfig:
    """The configuration of the Hugo site in ``site``: parsed again only when one of its files
    changed (the language server lives through edits of it)."""
    stamps = []
    for path in config_files(site):
        try:
            info = path.stat()
        except OSError:
            continue
        stamps.append((str(path), info.st_mtime_ns, info.st_size))
    return _parsed(site, tuple(stamps))


@lru_cache(maxsize=16)
def _parsed(site: Path, stamps: tuple[tuple[str, int, int], ...]) -> HugoConfig:
    """:func:`read`, once per site and version of its files (``stamps``)."""
    data = merged(site)
    pages, sections = _permalinks(data.get("permalinks"))
    config = HugoConfig(
        content=_content_dirs(data),
        static=_folders(data.get("staticdir"), ("static",)),
        assets=_folders(data.get("assetdir"), ("assets",)),
        permalinks=pages,
        section_permalinks=sections,
        ugly_urls=_ugly(data.get("uglyurls")),
        lower_paths=data.get("disablepathtolower") is not True,
        languages=_languages(data),
        taxonomies=_taxonomies(data.get("taxonomies")),
        disabled_kinds=tuple(str(k).lower() for k in _listed(data.get("disablekinds"))),
        output_names=_output_names(data.get("outputformats")),
    )
    module = data.get("module")
    module = module if isinstance(module, dict) else {}
    mounts = module.get("mounts")
    if isinstance(mounts, list):
        config = _mounted(mounts, config)
    imports = module.get("imports")
    imported = [i.get("path") if isinstance(i, dict) else i for i in _listed(imports)]
    themes = site / str(data.get("themesdir", "themes"))
    root = Path(os.path.realpath(site))

    def own(folder: Path) -> bool:
        """A folder of the project (one outside it, as ``../x``, is never looked at)."""
        return inside(folder, root) is not None and folder.is_dir()

    static, unread = list(config.static), []
    for name in [*_names(data.get("theme")), *imported]:
        if not isinstance(name, str):
            continue
        if own(themes / name):  # a theme or module in the checkout: its own static files
            static.append(f"{(themes / name).relative_to(site).as_posix()}/static")
        else:
            unread.append(name)
    layouts = [site / str(data.get("layoutdir", "layouts"))]
    layouts += [themes / n for n in _names(data.get("theme")) if own(themes / n)]
    layouts = [folder for folder in layouts if own(folder)]
    hooks = [*_link_hooks(site, layouts), *_embedded_link_hook(data, config)]
    return replace(config, static=tuple(static), unread=tuple(unread), link_hooks=tuple(hooks))


def _taxonomies(value: Any) -> tuple[str, ...]:
    """The plural names of ``taxonomies`` (``{tag = "tags"}``); Hugo's two when it is unset."""
    if not isinstance(value, dict):
        return ("tags", "categories")
    return tuple(str(v) for v in value.values() if isinstance(v, str) and v)


def _output_names(value: Any) -> tuple[str, ...]:
    """The base names of the output formats ``outputFormats`` defines (its name when none)."""
    if not isinstance(value, dict):
        return ()
    return tuple(
        str(f.get("basename") or name) if isinstance(f, dict) else str(name)
        for name, f in value.items()
    )


def _link_hooks(site: Path, layouts: list[Path]) -> list[str]:
    """The link render hooks in ``layouts``, relative to ``site``: ``render-link.html`` and its
    variants in any ``_markup`` folder (``_markup/``, ``_default/_markup/``, a section's or a
    type's ``books/_markup/``: Hugo's lookup order takes each)."""
    found = []
    for folder in layouts:
        with contextlib.suppress(OSError):
            found += sorted(
                p.relative_to(site).as_posix() if p.is_relative_to(site) else str(p)
                for p in folder.glob("**/_markup/render-link*")
            )
    return found


def _embedded_link_hook(data: dict[str, Any], config: HugoConfig) -> list[str]:
    """Hugo's embedded link render hook, when ``markup.goldmark.renderHooks.link.useEmbedded``
    turns it on: ``always``, or ``auto`` (its default) on a site of several languages."""
    hook: Any = data
    for key in ("markup", "goldmark", "renderhooks", "link"):
        hook = hook.get(key) if isinstance(hook, dict) else None
    hook = hook if isinstance(hook, dict) else {}
    use = str(hook.get("useembedded", "auto")).lower()
    if hook.get("enabledefault") is True or use == "always":
        return ["useEmbedded"]
    if use == "auto" and len(config.languages) > 1:
        return ["useEmbedded"]
    return []


def _read(path: Path) -> Any:
    """A TOML, YAML or JSON file as data; ``None`` when unreadable. Hugo's YAML has no custom
    tags, so the safe loader reads it (MkDocs' reader in :mod:`.generators` keeps them)."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".toml":
            import tomllib

            return tomllib.loads(text)
        if path.suffix == ".json":
            import json

            return json.loads(text)
        import yaml

        return yaml.safe_load(text)
    except (OSError, ValueError):
        return None
    except Exception as error:  # yaml.YAMLError: its module is imported lazily
        if type(error).__module__.startswith("yaml"):
            return None
        raise


def _content_dirs(data: dict[str, Any]) -> tuple[ContentDir, ...]:
    """``contentDir``, and each language's own (``languages.en.contentDir: content/en``) with
    its URL prefix."""
    default = str(data.get("contentdir", "content")).strip("/") or "content"
    languages = data.get("languages")
    if not isinstance(languages, dict) or not languages:
        return (ContentDir(default),)
    prefixes = dict(_languages(data))
    found: dict[str, ContentDir] = {}
    for code, options in languages.items():
        options = options if isinstance(options, dict) else {}
        folder = str(options.get("contentdir", default)).strip("/") or default
        found.setdefault(folder, ContentDir(folder, prefixes[code] if folder != default else ""))
    return tuple(found.values())


def _languages(data: dict[str, Any]) -> tuple[tuple[str, str], ...]:
    languages = data.get("languages")
    if not isinstance(languages, dict):
        return ()
    first = str(data.get("defaultcontentlanguage", "en")).lower()
    in_subdir = data.get("defaultcontentlanguageinsubdir") is True
    return tuple(
        (code, "" if code == first and not in_subdir else f"/{code}") for code in languages
    )


def _mounted(
    mounts: list[Any],
    config: HugoConfig,
) -> HugoConfig:
    """``module.mounts``: a component that has mounts takes them instead of its default
    folder, as Hugo does; a mount's language (``lang``) gives its content its URL prefix, and a
    static mount's target below ``static`` (``static/fonts``) the URL it is served under."""
    mounted: dict[str, list[tuple[str, str, str]]] = {}
    for mount in mounts:
        if not isinstance(mount, dict):
            continue
        source, target = mount.get("source"), mount.get("target")
        if not isinstance(source, str) or not isinstance(target, str):
            continue
        component, _, below = target.strip("/").partition("/")
        language = mount.get("lang")
        mounted.setdefault(component, []).append(
            (source.strip("/"), below, language.lower() if isinstance(language, str) else "")
        )
    prefixes = dict(config.languages)
    if "content" in mounted:
        content = tuple(
            ContentDir(source, prefixes.get(lang, ""), below)
            for source, below, lang in mounted["content"]
        )
        config = replace(config, content=content)
    if "static" in mounted:
        config = replace(
            config,
            static=tuple(s for s, below, _ in mounted["static"] if not below),
            static_under=tuple((f"/{b}", s) for s, b, _ in mounted["static"] if b),
        )
    if "assets" in mounted:
        config = replace(config, assets=tuple(s for s, _, _ in mounted["assets"]))
    return config


def _permalinks(value: Any) -> tuple[tuple[tuple[str, str], ...], tuple[tuple[str, str], ...]]:
    """The page and section patterns of ``permalinks``: ``posts = "/:year/:slug/"`` is for
    the section's regular pages; ``[permalinks.page]`` and ``[permalinks.section]`` name the
    kind."""
    if not isinstance(value, dict):
        return (), ()
    pages = {**_patterns(value), **_patterns(value.get("page"))}
    return tuple(pages.items()), tuple(_patterns(value.get("section")).items())


def _patterns(table: Any) -> dict[str, str]:
    """The (section, pattern) entries of a permalinks table (its sub-tables left out)."""
    if not isinstance(table, dict):
        return {}
    return {str(k): v for k, v in table.items() if isinstance(v, str)}


def _ugly(value: Any) -> bool | tuple[str, ...]:
    if isinstance(value, dict):
        return tuple(str(k).lower() for k, v in value.items() if v is True)
    return value is True


def _folders(value: Any, default: tuple[str, ...]) -> tuple[str, ...]:
    if isinstance(value, str) and value.strip("/"):
        return (value.strip("/"),)
    if isinstance(value, list):
        found = tuple(v.strip("/") for v in value if isinstance(v, str) and v.strip("/"))
        return found or default
    return default


def _listed(value: Any) -> list[Any]:
    """A value Hugo takes as one item or a list of them."""
    return value if isinstance(value, list) else [value] if value else []


def _names(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str)]
    return []


def _lower(data: dict[str, Any]) -> dict[str, Any]:
    """``data`` with every mapping key in lower case, at every depth (Hugo's keys are
    case-insensitive)."""
    return {str(k).lower(): _lower_value(v) for k, v in data.items()}


def _lower_value(value: Any) -> Any:
    if isinstance(value, dict):
        return _lower(value)
    if isinstance(value, list):
        return [_lower_value(v) for v in value]
    return value


def _merge(into: dict[str, Any], other: dict[str, Any]) -> None:
    """``other`` merged into ``into``, mapping by mapping."""
    for key, value in other.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


PAGE_KEYS = frozenset(("url", "slug", "title", "date"))
"""The front matter keys a Hugo page's URL may read."""


BUILD_KEYS = frozenset(("build", "_build", "cascade"))
"""The front matter keys that say whether Hugo renders a page: its own build options
(``_build`` is their older name) and the ones an ancestor section cascades."""


def rendered(own: dict[str, Any], cascades: list[Any], path: str, kind: str) -> bool:
    """Whether Hugo writes the page out: not when its build options say ``render: never``
    (``false`` in older sites), its own or, when it sets none, those of the nearest cascade
    that targets it (``cascades``: the ``cascade`` values of its ``_index`` page and of each
    section above it, nearest first). ``list: never`` alone leaves the page served. ``path``
    is the page's logical path (``/section/page``, what a cascade's ``_target.path`` globs),
    ``kind`` its ``page``, ``section`` or ``home``."""
    options = _build_options(own)
    if options is None:
        options = next(
            (
                found
                for cascade in cascades
                for entry in _listed(cascade)
                if isinstance(entry, dict) and _targets(entry, path, kind)
                for found in [_build_options(entry)]
                if found is not None
            ),
            None,
        )
    render = options.get("render") if options is not None else None
    return render not in ("never", False)


def _build_options(values: dict[str, Any]) -> dict[str, Any] | None:
    found = values.get("build", values.get("_build"))
    return found if isinstance(found, dict) else None


def _targets(entry: dict[str, Any], path: str, kind: str) -> bool:
    """Whether a cascade entry applies to the page: no ``_target`` (or ``target``), or one
    whose ``path`` glob and ``kind`` match it. A target keyed on what yeplint does not know
    (``environment``, ``lang``) is taken not to, so the page stays served as before."""
    from yeplint.config.globs import GlobError, compile_glob

    target = entry.get("_target", entry.get("target"))
    if not isinstance(target, dict):
        return True
    if set(target) - {"path", "kind"}:
        return False
    if "kind" in target and str(target["kind"]).lower() != kind:
        return False
    glob = target.get("path")
    if not isinstance(glob, str) or not glob.strip():
        return True
    try:
        return compile_glob(glob.strip()).fullmatch(path.strip("/")) is not None
    except GlobError:
        return False


def logical_path(relative: str, config: HugoConfig) -> tuple[str, str] | None:
    """A page's path in Hugo's page tree (``/section/page``: no language, no ``_index`` or
    ``index`` name, no extension, lower case) and its kind (``home``, ``section``, ``page``);
    ``None`` outside the content folders."""
    found = content_path(relative, config)
    if found is None:
        return None
    folders, _, name = found[1].rpartition("/")
    stem = _stem_and_language(name, config)[0]
    dirs = [d for d in folders.split("/") if d]
    if stem == "_index":
        return "/" + "/".join(dirs).lower(), "section" if dirs else "home"
    if stem != "index":
        dirs.append(stem)
    return "/" + "/".join(dirs).lower(), "page"


def content_path(relative: str, config: HugoConfig) -> tuple[ContentDir, str] | None:
    """The content folder a file (relative to the site, ``/``-separated) is in, and its path
    in the site's content tree (a mount's target before it)."""
    for content in sorted(config.content, key=lambda c: -len(c.folder)):
        if relative.startswith(content.folder + "/"):
            rest = relative[len(content.folder) + 1 :]
            return content, f"{content.target}/{rest}".lstrip("/")
    return None


def page_url(
    relative: str, config: HugoConfig, values: dict[str, Any], site: Path | None = None
) -> str | None:
    """The URL Hugo serves the page at, from its path (relative to the site in ``site``) and
    its front matter ``values`` (``url``, ``slug``, ``title``, ``date``); ``None`` when it is no
    page of a content folder, or its permalink uses a token yeplint does not follow or a value
    the page does not give. ``uglyURLs`` serve a page at ``x.html``, a section still at its
    folder."""
    found = content_path(relative, config)
    if found is None:
        return None
    content, path = found
    own = values.get("url")
    if isinstance(own, str) and own.strip():
        return "/" + own.strip().lstrip("/")
    folders, _, name = path.rpartition("/")
    stem, language = _stem_and_language(name, config)
    prefix = dict(config.languages).get(language, content.prefix) if language else content.prefix
    dirs = [d for d in folders.split("/") if d]
    section = dirs[0] if dirs else ""
    if stem == "_index":
        pattern = config.permalink(section, kind="section")
        if pattern is None:
            return cased(prefix + "/" + "/".join(dirs) + ("/" if dirs else ""), config)
        url = _filled(pattern, dirs[-1] if dirs else "", _sections(dirs, content, site), values)
    else:
        bundle = stem == "index"
        base = dirs[-1] if bundle and dirs else stem
        pattern = config.permalink(section) if dirs else None
        if pattern is None:
            slug = values.get("slug")
            last = str(slug).strip("/") if _scalar(slug) else base
            above = dirs[:-1] if bundle else dirs
            path = "/".join([*above, last])
            if config.ugly(section):
                return cased(f"{prefix}/{path}.html", config)
            return cased(f"{prefix}/{path}/", config)
        above = dirs[:-1] if bundle else dirs
        url = _filled(pattern, base, _sections(above, content, site), values)
        if url is not None and config.ugly(section) and url.endswith("/"):
            url = url[:-1] + ".html"
    return None if url is None else cased(prefix + "/" + url.lstrip("/"), config)


def _sections(dirs: list[str], content: ContentDir, site: Path | None) -> list[str] | None:
    """The sections a page is in (``:sections``): its top-level folder, and each folder below
    it that has an ``_index`` page (a folder without one is no section); ``None`` when that
    cannot be told (no ``site`` to look in, or a mount's target above the folders)."""
    if len(dirs) <= 1:
        return dirs
    if site is None or content.target:
        return None
    found = dirs[:1]
    for depth in range(2, len(dirs) + 1):
        if not any((site / content.folder).joinpath(*dirs[:depth]).glob("_index.*")):
            break
        found.append(dirs[depth - 1])
    return found


def _stem_and_language(name: str, config: HugoConfig) -> tuple[str, str]:
    """``x.fr.md`` → (``x``, ``fr``) when ``fr`` is a configured language; else (``x``, ``""``)."""
    stem = name.rsplit(".", 1)[0] if "." in name else name
    head, dot, code = stem.rpartition(".")
    if dot and code.lower() in dict(config.languages):
        return head, code.lower()
    return stem, ""


_TOKEN = re.compile(r":(\w+)(?:\[[^\]]*\])?")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def _filled(
    pattern: str, base: str, sections: list[str] | None, values: dict[str, Any]
) -> str | None:
    """A permalink pattern with its tokens filled in; ``None`` at one yeplint does not know or
    a value the page does not give (``:year`` without a ``date``)."""
    date = _DATE.match(str(values.get("date", "")))
    slug = values.get("slug")
    title = values.get("title")
    known: dict[str, str | None] = {
        "year": date.group(1) if date else None,
        "month": date.group(2) if date else None,
        "day": date.group(3) if date else None,
        "slug": _urlize(str(slug)) if _scalar(slug) else _urlize(str(title)) if title else None,
        "title": _urlize(str(title)) if _scalar(title) else None,
        "filename": base,
        "contentbasename": base,
        "slugorfilename": str(slug) if _scalar(slug) else base,
        "slugorcontentbasename": str(slug) if _scalar(slug) else base,
        "section": sections[0] if sections else "" if sections is not None else None,
        "sections": "/".join(sections) if sections is not None else None,
    }
    missing = False

    def fill(match: re.Match[str]) -> str:
        nonlocal missing
        if "[" in match.group(0) or known.get(match.group(1)) is None:
            missing = True
            return ""
        return str(known[match.group(1)])

    url = _TOKEN.sub(fill, pattern)
    return None if missing else re.sub(r"/{2,}", "/", url)


def _urlize(text: str) -> str:
    """Hugo's ``urlize`` of a title: spaces to ``-``, characters a path does not keep dropped."""
    return re.sub(r"[^\w./-]", "", re.sub(r"\s+", "-", text.strip()))


def cased(url: str, config: HugoConfig) -> str:
    """A path as Hugo writes it: spaces made ``-``, lower case unless ``disablePathToLower``."""
    url = url.replace(" ", "-")
    return url.lower() if config.lower_paths else url


def _scalar(value: object) -> bool:
    return isinstance(value, str | int | float) and not isinstance(value, bool) and str(value) != ""


def unknown_urls(site: Path, config: HugoConfig) -> tuple[str, ...]:
    """What leaves the URLs of a Hugo site's pages unknown to yeplint: a link render hook (it
    may rewrite every link), a content adapter (``_content.gotmpl`` makes pages from a
    template), a theme or module not in the checkout (it may serve any URL), ``disableKinds``
    of ``page``. Empty when every URL the build serves is known."""
    found = [*config.link_hooks, *config.unread]
    if "page" in config.disabled_kinds:
        found.append("disableKinds")
    root = Path(os.path.realpath(site))
    for content in config.content:
        if inside(site / content.folder, root) is None:
            found.append(content.folder)  # outside the project: never looked at
            continue
        found += sorted(
            p.relative_to(site).as_posix() for p in (site / content.folder).rglob("_content.gotmpl")
        )
    return tuple(found)
