"""Static-site generators: how each is recognised from its own files, and the folders it reads.

Plain data and one small function; ``yeplint init`` uses it to name the generator, to leave its
output folder out and to point ``static-roots`` at the folders it serves at ``/``.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any, NamedTuple

from yeplint import LazyPattern
from yeplint.config.markers import ELEVENTY_CONFIGS, VITEPRESS_MARKERS


class Generator(NamedTuple):
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
    marker_text: LazyPattern | None = None
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
    paths_as_written: bool = False
    """The generator writes a Markdown image's path into the page as it is (no render hook or
    bundler rewrites it): the browser resolves it from the page's URL."""
    serves_page_folders: bool = True
    """A file beside a page is served with it (a page bundle's images) or bundled; ``False``
    (SvelteKit): ``src/routes/`` serves its routes only, so a relative path in a page is what
    the browser makes of it from the page's URL, and the file beside the page is never asked
    for."""
    rewrites_page_links: bool = True
    """A Markdown link to a page's source file (``./usage.md``) is written as the page's URL,
    or names a page; ``False`` (Astro, SvelteKit): the link stays as written, and the build
    serves no such file."""
    slugs: str = "github"
    """How the generator makes a heading's anchor by default (a name of
    :data:`yeplint.document.slugs.NAMES`); :func:`site_slugs` reads the site's own choice."""
    file_urls: bool = False
    """Every page has a URL from its file's path without a collection's ``url`` pattern
    (VitePress, Eleventy; Hugo where yeplint knows them all): links to pages are checked on a
    site with no configuration."""
    body_h1_is_title: bool = False
    """An H1 that opens the body is the page's title (Docusaurus): the front matter title then
    only names the HTML page, and that H1 gets no id."""

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
            "slugs": self.slugs,
            "body_h1_is_title": self.body_h1_is_title,
            "rewrites_page_links": self.rewrites_page_links,
        }

    def site_settings(self, site: Path | None) -> dict[str, Any]:
        """:attr:`settings` with the slug algorithm the site's own configuration (in ``site``)
        chooses, and the notice when it cannot be read; for Jekyll, the URLs and base path of
        its ``_config.yml`` (:mod:`yeplint.config.jekyll`)."""
        found = self.settings
        if site is not None:
            slugs, separator, notice = site_slugs(self, site)
            found |= {"slugs": slugs, "slug_separator": separator, "slug_notice": notice}
            reader = _SITE_READERS.get(self.name)
            if reader is not None:
                found |= reader(site)
        return found

    @property
    def shown(self) -> str:
        """The generator's name as its makers write it (``Eleventy``, ``MkDocs``)."""
        return _SHOWN.get(self.name, self.name.capitalize())

    @property
    def vowel_sound(self) -> bool:
        """Whether the name is said starting with a vowel: "an Eleventy site", "an MkDocs site"."""
        return self.shown[0] in "AEIOU" or self.shown.startswith("Mk")


_SHOWN = {"mkdocs": "MkDocs", "sveltekit": "SvelteKit", "vitepress": "VitePress"}

_ZOLA_CONFIG = LazyPattern(r"^\s*base_url\s*=", re.M)
_HUGO_CONFIG = LazyPattern(r"^\s*(baseURL|baseurl|languageCode|\[params\])\b", re.M)

_HUGO = Generator(
    "hugo",
    (
        *(f"hugo.{suffix}" for suffix in ("toml", "yaml", "yml", "json")),
        # a site whose configuration is split over Hugo's configuration folder
        *(f"config/_default/{name}.{e}" for name in ("hugo", "config") for e in ("toml", "yaml")),
    ),
    ("public", "resources"),
    ("static",),  # `assets/` is Hugo Pipes' input: templates fetch it, nothing serves it at `/`
    case_insensitive_keys=True,
    front_matter=("yaml", "toml", "json"),
    directory_urls=True,
    page_bundles=True,
    front_matter_slug=True,
    paths_as_written=True,
    slugs="goldmark",
    file_urls=True,
)

_MKDOCS = Generator(
    "mkdocs",
    ("mkdocs.yml", "mkdocs.yaml"),
    ("site",),
    ("docs",),
    title_is_h1=False,
    directory_urls=True,
    slugs="python-markdown",
)
ZENSICAL_CONFIG = "zensical.toml"

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
        slugs="zola",
    ),
    # an older Hugo site's `config.toml`, once it is not Zola's
    _HUGO._replace(markers=("config.toml", "config.yaml"), marker_text=_HUGO_CONFIG),
    Generator(
        "jekyll",
        ("_config.yml", "_config.yaml"),
        ("_site", ".jekyll-cache"),
        (".",),
        directory_urls=True,
        dated_folders=("_posts",),
        front_matter_slug=True,
        paths_as_written=True,  # kramdown writes `![x](../img/a.png)` as it is
        slugs="kramdown-gfm",
    ),
    _MKDOCS,
    # Zensical, by Material for MkDocs' makers, builds MkDocs projects the same way; its own
    # configuration holds mkdocs.yml's settings in the table `[project]`
    _MKDOCS._replace(markers=(ZENSICAL_CONFIG,), marker_text=LazyPattern(r"^\s*\[project\]", re.M)),
    Generator(
        "astro",
        ("astro.config.mjs", "astro.config.js", "astro.config.ts", "astro.config.cjs"),
        ("dist", ".astro"),
        ("public",),
        rewrites_page_links=False,
    ),
    Generator(
        "docusaurus",
        ("docusaurus.config.js", "docusaurus.config.ts", "docusaurus.config.mjs"),
        ("build", ".docusaurus"),
        ("static",),
        path_aliases=(("@site/", "."),),
        front_matter_slug=True,
        body_h1_is_title=True,
    ),
    Generator(
        "eleventy",
        ELEVENTY_CONFIGS,
        ("_site",),
        (),  # its passthrough copies: see _eleventy_settings
        paths_as_written=True,
        file_urls=True,
    ),
    Generator(
        "vitepress",
        VITEPRESS_MARKERS,
        (".vitepress/dist", ".vitepress/cache"),
        ("public",),  # under `srcDir`: see _vitepress_settings
        title_is_h1=False,  # the default theme shows no title of its own: the body's H1 is it
        slugs="vitepress",
        file_urls=True,
    ),
    Generator(
        "sveltekit",
        ("svelte.config.js", "svelte.config.ts"),
        ("build", ".svelte-kit"),
        ("static",),
        title_is_h1=False,  # no layout of its own: the site's `+layout.svelte` decides
        directory_urls=False,
        paths_as_written=True,  # mdsvex writes `./shot.png` and `./notes.md` as they are
        serves_page_folders=False,
        rewrites_page_links=False,
    ),
)

TEMPLATE_FOLDERS = ("archetypes", "_layouts", "_includes", "node_modules")
"""Folders that hold templates or dependencies, never pages, whatever the generator."""


def by_name(name: str) -> Generator | None:
    return next((g for g in GENERATORS if g.name == name), None)


def file_urls(name: str | None, root: Path | None = None) -> bool:
    """Whether the generator ``name`` gives every page a URL from its file's path; on a Hugo
    site (in ``root``), only where yeplint knows every URL its build serves
    (:func:`yeplint.config.hugo.unknown_urls`)."""
    generator = by_name(name) if name is not None else None
    if generator is None or not generator.file_urls:
        return False
    if name != "hugo":
        return True
    from yeplint.config import hugo

    return root is not None and not hugo.unknown_urls(root, hugo.read(root))


NAMES = tuple(sorted({g.name for g in GENERATORS}))


def detect(content: Path, top: Path) -> tuple[Generator, Path] | None:
    """The generator whose marker file is in ``content`` or a folder above it, up to ``top``
    (or three levels when ``top`` is not above it), with the site's root folder."""
    folders = [content, *content.parents]
    folders = folders[: folders.index(top) + 1] if top in folders else folders[:4]
    for folder in folders:
        generator = site_in(folder)
        if generator is not None:
            return generator, folder
    return None


def site_in(folder: Path) -> Generator | None:
    """The generator whose marker file is in ``folder`` (first found wins)."""
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
            return generator
        if generator.name == "docusaurus" and _docusaurus_website(folder):
            return generator
    return None


BELOW_DEPTH = 3
"""How deep :func:`detect_below` looks: ``docs/``, ``website/``, ``apps/site/`` and one more."""
BELOW_FOLDERS = 2000
"""The most folders :func:`detect_below` lists: a large monorepo costs no more than that."""
_NOT_SITES = frozenset(
    {
        *TEMPLATE_FOLDERS,
        "themes",  # a Hugo theme's `exampleSite/` is the theme's demo, not this repository's site
        "vendor",
        "__pycache__",
        *(o for g in GENERATORS for o in g.output if "/" not in o and o != "site"),
    }
)
"""Folders :func:`detect_below` does not enter: templates, dependencies and build output
(MkDocs' output ``site/`` is also a common name for a site's own folder: entered)."""


def detect_below(folder: Path, depth: int = BELOW_DEPTH) -> list[tuple[Generator, Path]]:
    """The sites in the folders below ``folder`` (not ``folder`` itself), up to ``depth``
    levels down, each with its generator, nearest first: a repository whose site lives in
    ``docs/`` (``docs/config.toml``), ``website/`` or ``apps/site/``. Hidden folders,
    dependencies, templates and build output are not entered, nor a site's own folders (a site
    inside a site is its own business). Each folder is listed once; only one that holds a
    marker's name is looked at more closely."""
    found: list[tuple[Generator, Path]] = []
    level = [folder]
    listed = 0
    for down in range(depth + 1):
        below: list[Path] = []
        for current in level:
            listed += 1
            if listed > BELOW_FOLDERS:
                return found
            try:
                with os.scandir(current) as entries:
                    names = {e.name: e.is_dir(follow_symlinks=False) for e in entries}
            except OSError:
                continue
            if down and not names.keys().isdisjoint(_MARKER_NAMES):
                generator = site_in(current)
                if generator is not None:
                    found.append((generator, current))
                    continue
            below += sorted(
                current / name
                for name, is_dir in names.items()
                if is_dir and not name.startswith(".") and name not in _NOT_SITES
            )
        level = below if down < depth else []
    return found


_MARKER_NAMES = frozenset({*(m.split("/")[0] for g in GENERATORS for m in g.markers), "website"})
"""The names in a folder that may make it a site's (``config/`` for Hugo's configuration
folder, ``website/`` for an older Docusaurus layout)."""


def _docusaurus_website(folder: Path) -> bool:
    """Whether ``folder`` holds a top-level ``docs/`` beside a ``website/`` folder with the
    Docusaurus configuration (an older layout: the site's root is then ``folder``)."""
    from yeplint.config.docusaurus import WEBSITE, config_file

    found = config_file(folder)
    return found is not None and found.parent.name == WEBSITE


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


SiteSlugs = tuple[str, str, str | None]
"""A site's slug algorithm, its separator, and the notice when its choice cannot be read."""


def site_slugs(generator: Generator, site: Path) -> SiteSlugs:
    """The slug algorithm the site's configuration file chooses for heading anchors: Hugo's
    ``markup.goldmark.parser.autoHeadingIDType``, Zola's ``slugify.anchors``, Jekyll's
    ``kramdown`` options, MkDocs' ``toc`` extension. A choice that cannot be read (a Python
    function other than the known slugifiers) gives ``unknown`` and a notice, told once."""
    reader = _SLUG_READERS.get(generator.name)
    return reader(site) if reader is not None else (generator.slugs, "-", None)


def read_config(path: Path) -> Any:
    """A TOML, YAML or JSON configuration file as data; ``None`` when absent or unreadable."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        return None
    try:
        if path.suffix == ".toml":
            import tomllib

            return tomllib.loads(text)
        if path.suffix == ".json":
            import json

            return json.loads(text)
        import yaml

        return yaml.load(text, Loader=_yaml_loader())  # a SafeLoader that keeps unknown tags
    except ValueError:
        return None
    except Exception as error:  # yaml.YAMLError: its module is imported lazily
        if type(error).__module__.startswith("yaml"):
            return None
        raise


def _dig(data: Any, *keys: str) -> Any:
    """``data[k1][k2]…`` through dictionaries; ``None`` where a level is missing."""
    for key in keys:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    return data


def _hugo_slugs(site: Path) -> SiteSlugs:
    """Hugo: ``autoHeadingIDType`` = ``github`` (the default), ``github-ascii``, ``blackfriday``,
    from the configuration Hugo reads (its root file and ``config/_default/``)."""
    from yeplint.config.hugo import config_files, merged

    kind = _dig(merged(site), "markup", "goldmark", "parser", "autoheadingidtype")
    if isinstance(kind, str):
        found = {"github": "goldmark", "github-ascii": "goldmark-ascii"}.get(kind, kind)
        if found in ("goldmark", "goldmark-ascii", "blackfriday"):
            return found, "-", None
        files = config_files(site)
        return "unknown", "-", _unreadable(files[0] if files else site, "autoHeadingIDType")
    return "goldmark", "-", None


def _zola_slugs(site: Path) -> SiteSlugs:
    """Zola: ``[slugify] anchors`` = ``on`` (the default), ``safe`` or ``off``."""
    mode = _dig(read_config(site / "config.toml"), "slugify", "anchors")
    if mode in ("safe", "off"):
        return "zola-safe", "-", None
    return "zola", "-", None


JEKYLL_FOLDERS = ("", "docs")
"""Where a Jekyll site's ``_config.yml`` is looked for below the configuration's folder: there,
or in ``docs/`` (GitHub Pages publishes a repository's ``docs/`` folder)."""


def jekyll_config(site: Path) -> tuple[Path | None, Any]:
    """The Jekyll site's ``_config.yml`` (in ``site`` or its ``docs/``) and its data (``None``
    when it cannot be read); ``(None, None)`` when there is none."""
    for folder in (site / f for f in JEKYLL_FOLDERS):
        for name in ("_config.yml", "_config.yaml"):
            if (folder / name).is_file():
                return folder / name, read_config(folder / name)
    return None, None


def _jekyll_slugs(site: Path) -> SiteSlugs:
    """Jekyll: kramdown with ``input: GFM`` (the default) or ``kramdown``, whose ids may be
    ``transliterated_header_ids``; another Markdown converter's ids are not known here."""
    path, data = jekyll_config(site)
    if path is None or data is None:
        return "kramdown-gfm", "-", None
    converter = _dig(data, "markdown")
    if isinstance(converter, str) and converter.lower() != "kramdown":
        return "unknown", "-", _unreadable(path, "markdown")
    options = _dig(data, "kramdown")
    options = options if isinstance(options, dict) else {}
    if options.get("auto_ids") is False:
        return "unknown", "-", None  # only explicit ids: not followed, so not checked
    if str(options.get("input", "GFM")).lower() == "gfm":
        return "kramdown-gfm", "-", None
    translit = options.get("transliterated_header_ids") is True
    return ("kramdown-transliterated" if translit else "kramdown"), "-", None


def served(generator: Generator, site: Path) -> tuple[str, ...]:
    """The folders the generator serves at ``/``, relative to ``site``: MkDocs' ``docs_dir``
    as ``mkdocs.yml`` sets it, else the generator's own (:attr:`Generator.static`)."""
    if generator.name == "mkdocs":
        folder = mkdocs_value(site, "docs_dir")
        if isinstance(folder, str) and folder.strip():
            return (folder.strip().rstrip("/"),)
    return generator.static


def mkdocs_config(site: Path) -> tuple[Path, dict[str, Any]] | None:
    """The site's MkDocs settings and their file: its ``mkdocs.yml``, else the ``[project]``
    table of a ``zensical.toml``, which Zensical reads with the same names (its
    ``markdown_extensions`` as a table: ``[project.markdown_extensions.toc]``); ``None`` when
    there is none, or it cannot be read."""
    for name in ("mkdocs.yml", "mkdocs.yaml", ZENSICAL_CONFIG):
        path = site / name
        data = read_config(path)
        if name == ZENSICAL_CONFIG:
            data = _dig(data, "project")
        if isinstance(data, dict):
            return path, data
        if data is not None or path.is_file():
            return None  # there, but not a mapping: the file MkDocs reads, unreadable
    return None


def mkdocs_value(site: Path, key: str) -> Any:
    """A top-level value of the site's MkDocs settings (:func:`mkdocs_config`; ``None`` when
    absent or unreadable)."""
    found = mkdocs_config(site)
    return found[1].get(key) if found is not None else None


_MKDOCS_SLUGIFIERS = {
    "markdown.extensions.toc.slugify": "python-markdown",
    "markdown.extensions.toc.slugify_unicode": "python-markdown-unicode",
    "pymdownx.slugs.uslugify": "pymdownx",
    "pymdownx.slugs.uslugify_cased": "pymdownx",
    "pymdownx.slugs.gfm": "pymdownx-lower",
}


def _mkdocs_slugs(site: Path) -> SiteSlugs:
    """MkDocs: the ``toc`` extension's ``slugify`` and ``separator`` where they are written as
    literals (``!!python/name:markdown.extensions.toc.slugify_unicode``,
    ``!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}``)."""
    found = mkdocs_config(site)
    if found is not None:
        path, config = found
        extensions = config.get("markdown_extensions")
        if isinstance(extensions, dict):  # zensical.toml: a table of extensions
            extensions = [{name: options} for name, options in extensions.items()]
        items = extensions if isinstance(extensions, list) else [extensions]
        for item in items:
            toc = _toc(item) if isinstance(item, dict) else None
            if not isinstance(toc, dict):
                continue
            separator = toc.get("separator", "-")
            if not isinstance(separator, str):
                return "unknown", "-", _unreadable(path, "toc: separator")
            style = _mkdocs_slugify(toc.get("slugify"))
            if style is None:
                return "unknown", "-", _unreadable(path, "toc: slugify")
            return style, separator, None
        return "python-markdown", "-", None
    return "python-markdown", "-", None


def _toc(item: dict[str, Any]) -> Any:
    """The options of the ``toc`` extension in an entry of ``markdown_extensions``, under its
    short name or its module's (``markdown.extensions.toc``; in ``zensical.toml`` a table in
    tables)."""
    for name in ("toc", "markdown.extensions.toc"):
        if name in item:
            return item[name] if item[name] is not None else {}
    return _dig(item, "markdown", "extensions", "toc")


def _mkdocs_slugify(value: Any) -> str | None:
    """The slug style a ``toc: slugify:`` value names; ``None`` when it is none we know."""
    if value is None:
        return "python-markdown"
    if isinstance(value, dict) and isinstance(value.get("object"), str):
        # zensical.toml: `slugify = {object = "pymdownx.slugs.slugify", kwds = {case = "lower"}}`
        name, kwds = value["object"], value.get("kwds")
        tag = "python/object/apply:" if kwds is not None else "python/name:"
        value = _Tagged(f"tag:yaml.org,2002:{tag}{name}", {"kwds": kwds} if kwds else None)
    if not isinstance(value, _Tagged):
        return None
    if value.tag.startswith("tag:yaml.org,2002:python/name:"):
        return _MKDOCS_SLUGIFIERS.get(value.tag.rsplit(":", 1)[1])
    if value.tag == "tag:yaml.org,2002:python/object/apply:pymdownx.slugs.slugify":
        options = _dig(value.value, "kwds") if isinstance(value.value, dict) else {}
        options = options if isinstance(options, dict) else {}
        if set(options) - {"case"}:
            return None  # normalize, percent_encode: not followed
        case = options.get("case", "none")
        return f"pymdownx-{case}" if case in ("lower", "lower-ascii", "fold") else "pymdownx"
    return None


def _unreadable(path: Path, key: str) -> str:
    from yeplint.locale.messages import msg

    return msg(
        "{file} sets how headings get their anchors (`{key}`) in a way yeplint does not"
        " follow: links to headings are not checked",
        file=path.name,
        key=key,
    )


class _Tagged:
    """A YAML node with a tag the safe loader does not know (``!!python/name:…``), kept as
    data: its tag and its plain value."""

    def __init__(self, tag: str, value: Any) -> None:
        self.tag, self.value = tag, value


def _tagged_loader() -> type:
    import yaml

    class Loader(yaml.SafeLoader):
        pass

    def construct(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
        value: Any
        if isinstance(node, yaml.MappingNode):
            value = loader.construct_mapping(node, deep=True)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_scalar(node)  # type: ignore[arg-type]
        return _Tagged(node.tag, value)

    Loader.add_multi_constructor("", construct)
    return Loader


class _LazyLoader:
    """The tag-keeping loader, built on first use (PyYAML is imported only for YAML files)."""

    loader: type | None = None


def _yaml_loader() -> type:
    if _LazyLoader.loader is None:
        _LazyLoader.loader = _tagged_loader()
    return _LazyLoader.loader


_SLUG_READERS = {
    "hugo": _hugo_slugs,
    "zola": _zola_slugs,
    "jekyll": _jekyll_slugs,
    "mkdocs": _mkdocs_slugs,
}


def _vitepress_settings(site: Path) -> dict[str, Any]:
    """VitePress: ``<srcDir>/public`` is served at ``/``; a ``srcDir`` the configuration
    computes leaves no folder known, and is said once."""
    from yeplint.config import vitepress

    found = vitepress.read(site)
    notices = {"generator_notices": (found.notice,) if found.notice else ()}
    public = found.public
    if public is None:
        return {"static_roots": (), **notices}
    try:
        return {"static_roots": (public.relative_to(site.resolve()).as_posix(),), **notices}
    except ValueError:  # a `srcDir` outside the site: its public folder is not the site's
        return {"static_roots": (), **notices}


def _eleventy_settings(site: Path) -> dict[str, Any]:
    """Eleventy: its passthrough copies are served at ``/``; its headings have no ids that
    yeplint knows (none at all without a plugin), so links to them are not judged."""
    from yeplint.config import eleventy

    found = eleventy.read(site)
    return {
        "static_roots": found.static,
        "slugs": "unknown",
        "slug_notice": eleventy.ids_notice(found),
        "generator_notices": found.notices,
    }


def _astro_settings(site: Path) -> dict[str, Any]:
    from yeplint.config.astro import astro_settings

    return astro_settings(site)


def _sveltekit_settings(site: Path) -> dict[str, Any]:
    """SvelteKit: its file routes, and the anchors of its mdsvex pages (:func:`mdsvex_slugs`)."""
    slugs, notice = mdsvex_slugs(site)
    return {
        "generator_urls": tuple(sveltekit_routes(site)),
        "slugs": slugs,
        "slug_notice": notice,
    }


_SVELTE_CONFIGS = ("svelte.config.js", "svelte.config.ts", "mdsvex.config.js", "mdsvex.config.ts")
"""Where a SvelteKit site sets mdsvex up (``mdsvex.config.js``: its own file, imported)."""
_REHYPE_SLUG = LazyPattern(
    r"""import\s+(\w+)\s+from\s*["']rehype-slug["']"""
    r"""|(\w+)\s*=\s*require\(\s*["']rehype-slug["']\s*\)"""
)
_REHYPE_PLUGINS = LazyPattern(r"\brehypePlugins\s*:\s*\[([^\]]*)\]")


def mdsvex_slugs(site: Path) -> tuple[str, str | None]:
    """How mdsvex gives the site's headings ids, read literally from ``svelte.config.js`` (or
    ``mdsvex.config.js``): none of its own, GitHub's slugs with ``rehype-slug`` listed in
    ``rehypePlugins``. Without it links to headings are not judged, and that is said; a
    ``rehype-slug`` set up otherwise (a computed list) is said unread."""
    from yeplint.config.jsconfig import read_source

    texts = [t for t in (read_source(site / n) for n in _SVELTE_CONFIGS) if t is not None]
    imported = {n for t in texts for m in _REHYPE_SLUG.finditer(t) for n in m.groups() if n}
    listed = {
        word
        for t in texts
        for plugins in _REHYPE_PLUGINS.findall(t)
        for word in re.findall(r"[\w$]+", plugins)
    }
    if imported & listed:
        return "github", None
    if imported:
        name = next((n for n in _SVELTE_CONFIGS if (site / n).is_file()), _SVELTE_CONFIGS[0])
        return "unknown", _unreadable(Path(name), "rehypePlugins")
    from yeplint.locale.messages import msg

    return "unknown", msg(
        "mdsvex renders headings without ids unless the site adds rehype-slug, and"
        " svelte.config.js adds none yeplint sees: links to headings are not checked"
    )


def _jekyll_settings(site: Path) -> dict[str, Any]:
    """Jekyll: what its ``_config.yml`` decides: URL rules, base path, routes, id prefix."""
    found: dict[str, Any] = {}
    from yeplint.config.jekyll import read

    path, data = jekyll_config(site)
    folder = site if path is None else path.parent
    under = "" if folder == site else folder.relative_to(site).as_posix() + "/"
    jekyll = read(data, folder, under)
    prefix = _dig(data, "kramdown", "auto_id_prefix")
    found["slug_prefix"] = prefix if isinstance(prefix, str) else ""
    found |= {
        "url_rules": jekyll.rules,
        "base_path": jekyll.baseurl,
        "routes": jekyll.routes,
        # kramdown keeps an HTML block's content raw unless told to parse it
        "markdown_in_html": _dig(data, "kramdown", "parse_block_html") is True,
    }
    return found


def _mkdocs_settings(site: Path) -> dict[str, Any]:
    """MkDocs: ``docs_dir`` is the folder served at ``/``; ``use_directory_urls: false`` serves
    ``a/b.md`` at ``a/b.html``."""
    mkdocs = by_name("mkdocs")
    assert mkdocs is not None
    return {
        "directory_urls": mkdocs_value(site, "use_directory_urls") is not False,
        "static_roots": served(mkdocs, site),
        "rooted_page_links_as_written": _mkdocs_rooted_links_as_written(site),
        "markdown_in_html": False,  # Python-Markdown: only in an element with `markdown="1"`
    }


_MKDOCS_PLAIN_PLUGINS = frozenset(
    {"search", "tags", "offline", "social", "privacy", "minify", "redirects"}
)
"""Plugins known to leave a page's links as MkDocs writes them."""


def _mkdocs_rooted_links_as_written(site: Path) -> bool:
    """Whether MkDocs writes a `/`-rooted link to a page file (``/guide/setup.md``) as it is:
    its default (``validation: links: absolute_links`` other than ``relative_to_docs``, which
    resolves it from ``docs_dir``), unless a plugin that is not known to leave links alone, or
    an ``INHERIT``ed file, may say otherwise."""
    if mkdocs_value(site, "INHERIT") is not None:
        return False
    plugins = mkdocs_value(site, "plugins") or []
    if isinstance(plugins, dict):  # `plugins: {search: {}}`
        plugins = list(plugins)
    if not isinstance(plugins, list):
        return False
    names = [next(iter(p), "") if isinstance(p, dict) else p for p in plugins]
    if not all(n in _MKDOCS_PLAIN_PLUGINS for n in names):
        return False
    absolute = _dig(mkdocs_value(site, "validation"), "links", "absolute_links")
    return bool(absolute != "relative_to_docs")


def _docusaurus_settings(site: Path) -> dict[str, Any]:
    from yeplint.config import docusaurus

    return docusaurus.settings(site)


def _hugo_settings(site: Path) -> dict[str, Any]:
    """Hugo: links to pages are checked against the URLs its build serves, unless something
    in the site makes or rewrites them (a link render hook, a content adapter), said once.
    A theme or module not in the checkout has a notice of its own (``hugo_notice``)."""
    from yeplint.config import hugo

    if not hugo.config_files(site):
        return {}
    config = hugo.read(site)
    from yeplint.locale.messages import msg

    merged = hugo.merged(site)
    raw_html = _hugo_raw_html(merged)
    base = {"base_path": _hugo_base_path(merged)}
    unknown = hugo.unknown_urls(site, config)
    if unknown:
        told = [u for u in unknown if u not in config.unread]
        notice = msg(
            "links to pages are not checked: {names} may make pages or rewrite links that"
            " yeplint cannot follow",
            names=", ".join(f"`{name}`" for name in told),
        )
        return {"generator_notices": (notice,) if told else (), "raw_html": raw_html, **base}
    notices = []
    if kinds := [k for k in config.disabled_kinds if k != "page"]:
        notices.append(
            msg(
                "Hugo's `disableKinds` is not followed: links to pages of the kinds {kinds}"
                " are not checked",
                kinds=", ".join(f"`{kind}`" for kind in kinds),
            )
        )
    if config.output_names:
        notices.append(
            msg(
                "Hugo's own output formats are not followed: links to {names} are not checked",
                names=", ".join(f"`{name}`" for name in config.output_names),
            )
        )
    # no link render hook, and no theme out of sight that may bring one: Goldmark writes
    # `../about.md` into the page as it is
    return {
        "generator_notices": tuple(notices),
        "raw_html": raw_html,
        "rewrites_page_links": False,
        **base,
    }


def _hugo_base_path(config: dict[str, Any]) -> str:
    """The path of Hugo's ``baseURL`` (``https://user.github.io/repo/`` → ``/repo``): the site
    is served under it, and Goldmark writes a `/`-rooted link as it is, so ``/about/`` leaves
    the site. ``""`` when the path is the root, or the URLs are rewritten: ``relativeURLs``
    makes ``/about/`` relative (it then works, and ``/docs/about/`` does not: each is judged
    as a path of the site, as before); ``canonifyURLs`` prefixes the base URL to a path that
    does not start with its path already, so both work."""
    from urllib.parse import urlsplit

    url = config.get("baseurl")
    if not isinstance(url, str) or config.get("canonifyurls") or config.get("relativeurls"):
        return ""
    path = urlsplit(url).path if "://" in url else url
    return path.rstrip("/") if path.startswith("/") else ""


def _hugo_raw_html(config: dict[str, Any]) -> bool:
    """Whether Hugo renders the HTML written in Markdown: Goldmark's ``renderer.unsafe``
    (``false`` by default: it writes ``<!-- raw HTML omitted -->`` instead). Taken as rendered
    where the site lets a theme's or module's configuration merge into its own (``_merge``) or
    sets ``markup`` per language: the value is then not the site's to read."""
    languages = _dig(config, "languages")
    if "_merge" in config or (
        isinstance(languages, dict)
        and any(
            isinstance(language, dict) and "markup" in language for language in languages.values()
        )
    ):
        return True
    return _dig(config, "markup", "goldmark", "renderer", "unsafe") is True


_SITE_READERS: dict[str, Callable[[Path], dict[str, Any]]] = {
    "hugo": _hugo_settings,
    "docusaurus": _docusaurus_settings,
    "jekyll": _jekyll_settings,
    "mkdocs": _mkdocs_settings,
    "vitepress": _vitepress_settings,
    "eleventy": _eleventy_settings,
    "astro": _astro_settings,
    "sveltekit": _sveltekit_settings,
}
"""Per generator, the settings its own configuration file in the site's root decides."""


_BLOCK_EXTENSIONS = LazyPattern(
    r"^\s*(?:-\s*)?[\"']?(?:admonition|pymdownx\.(?:details|tabbed))[\"']?\s*(?::.*)?$", re.M
)
"""An entry of ``markdown_extensions`` in ``mkdocs.yml`` whose blocks hold Markdown."""


def mkdocs_markdown(generator: str | None, root: Path | None) -> bool:
    """Whether admonitions (`!!! note`) and content tabs (`=== "Tab"`) hold Markdown: on an
    MkDocs site (Material turns them on), or where the ``mkdocs.yml`` in ``root`` lists
    ``admonition``, ``pymdownx.details`` or ``pymdownx.tabbed``. The file is searched, not
    parsed: its ``!!python/name:`` tags stop a safe YAML loader."""
    if generator == "mkdocs":
        return True
    if root is None:
        return False
    for name in ("mkdocs.yml", "mkdocs.yaml"):
        try:
            text = (root / name).read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        return bool(_BLOCK_EXTENSIONS.search(text))
    return False


_SVELTEKIT_PAGES = ("md", "markdown")
"""The extensions of the pages mdsvex renders that yeplint checks (mdsvex's own default,
``.svx``, is no Markdown extension yeplint knows)."""


def sveltekit_routes(site: Path) -> list[Any]:
    """SvelteKit's file routes: ``src/routes/a/b/+page.md`` is served at ``/a/b``, a route
    group's ``(name)`` folder adds nothing to the URL, and a dynamic route (``[slug]``) has no
    URL known from its files."""
    import os

    from yeplint.config.settings import Collection

    top = site / "src" / "routes"
    routes: list[Any] = []
    ext = "{" + ",".join(_SVELTEKIT_PAGES) + "}"
    for here, dirs, _files in os.walk(top):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        relative = Path(here).relative_to(top).as_posix()
        relative = "" if relative == "." else relative
        if any(c in relative for c in "[]{}*?"):
            continue
        url = "/".join(p for p in relative.split("/") if p and not p.startswith("("))
        glob = "/".join(p for p in ("src/routes", relative) if p)
        routes.append(
            Collection(f"sveltekit:{glob}", (f"{glob}/+page.{ext}",), None, url=f"/{url}")
        )
    return routes
