"""The settings records every part of yeplint reads: :class:`Settings`, :class:`Collection`,
:class:`ConfigError`, and the constants a configuration is checked against. Plain data: this
module imports nothing of yeplint but :mod:`yeplint.diagnostics` and :mod:`yeplint.locale`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yeplint import record
from yeplint.diagnostics import Severity


class ConfigError(Exception):
    """A configuration problem; the CLI reports it and exits with 2."""


@record
class Collection:
    """Files matching ``patterns`` (first matching collection wins) are checked by ``schema``."""

    name: str
    patterns: tuple[str, ...]
    schema: str | None
    """A built-in schema name (``blog``) or a path to a JSON Schema file; ``None``: body only."""
    base: Path | None = None
    """The folder a relative schema path is resolved against (the config file's)."""
    url: str | None = None
    """The URL pattern of its pages (``{lang}/blog/{slug}``); ``None``: not served as pages."""


def schema_path(ref: str, base: Path | None) -> Path | None:
    """A collection's ``schema`` as a file path relative to ``base`` (the configuration's
    folder), or ``None`` when it names a built-in schema (no ``/`` and no ``.json``)."""
    if "/" not in ref and "\\" not in ref and not ref.endswith(".json"):
        return None
    return (base or Path()) / ref


@record
class Settings:
    root: Path | None = None
    """The project root (the config file's folder); ``None``: each checked path is its own root."""
    config_file: Path | None = None
    preset: str | None = None
    """The built-in preset these settings start from (:data:`yeplint.config.presets.PRESETS`)."""
    detected: str | None = None
    """Why the preset was applied without a configuration file (announced on stderr)."""
    site_below: bool = False
    """The site (``root``) was found below the folder checked, with no configuration there:
    only its pages are checked (:func:`yeplint.config.load.site_below`)."""
    generator: str | None = None
    """The static-site generator whose conventions apply (:mod:`yeplint.config.generators`)."""
    front_matter: tuple[str, ...] = ("yaml",)
    """Front matter formats the site reads: ``yaml``, ``toml`` (``+++``), ``json`` (``{…}``)."""
    title_is_h1: bool = True
    """The front matter title is rendered as the page's H1 (YEP208 then flags a body H1)."""
    directory_urls: bool = False
    """Pages are served at a folder URL (``a/b.md`` at ``a/b/``): relative paths in raw HTML
    may be written from there."""
    path_aliases: tuple[tuple[str, str], ...] = ()
    """Path prefixes the generator maps to a folder of the project (``@site/`` → ``.``, Astro's
    ``~/`` → ``src/``), as (prefix, folder relative to the project root)."""
    slugs: str = "github"
    """How the site's generator makes a heading's anchor (:data:`yeplint.document.slugs.NAMES`;
    ``unknown``: anchors are not checked)."""
    slug_separator: str = "-"
    """The separator of Python-Markdown's slugs (MkDocs' ``toc: separator``)."""
    slug_prefix: str = ""
    """What every generated heading id starts with (kramdown's ``auto_id_prefix``)."""
    slug_notice: str | None = None
    """Why the site's slug algorithm could not be read (told once per run)."""
    rooted_page_links_as_written: bool = False
    """As ``rewrites_page_links`` false, for a `/`-rooted link only (MkDocs:
    ``/guide/setup.md`` stays as written unless ``absolute_links: relative_to_docs``)."""
    markdown_in_html: bool = True
    """Markdown after a blank line inside an HTML element (``<details>``) is Markdown, as in
    CommonMark; ``False`` where the parser keeps the element raw (Python-Markdown, kramdown
    without ``parse_block_html``): its ``## heading`` is no heading and no anchor."""
    raw_html: bool = True
    """The generator renders the HTML a page writes (``<a id="x"></a>``), so its ids are
    anchors; ``False`` for Hugo, whose Goldmark omits it unless
    ``markup.goldmark.renderer.unsafe``."""
    generator_notices: tuple[str, ...] = ()
    """What the generator's configuration sets that yeplint cannot read, and which checks that
    leaves out (each told once per run)."""
    docs_roots: tuple[tuple[str, str | None, str], ...] = ()
    """Docusaurus: (folder relative to the project root, URL base or ``None`` when computed,
    ``docs``/``blog``/``pages``) of each content plugin instance: a doc is served at its path
    below the base, and a ``.md`` link may be written from a docs folder
    (:mod:`yeplint.config.docusaurus`)."""
    body_h1_is_title: bool = False
    """An H1 that opens the body is the page's title (Docusaurus): the front matter title then
    only names the HTML page, and the layout renders that H1 without an id."""
    rewrites_page_links: bool = True
    """A Markdown link to a page's source file (``./x.md``) names that page; ``False`` (Astro,
    SvelteKit, the Yep site's mdsvex): the link stays as written, and no such file is served."""
    languages: tuple[tuple[str, str], ...] = ()
    """(code, URL prefix) per language, the default language first: a page ``x.<code>.md`` is
    in that language and its URL starts with the prefix (``("nl", ""), ("en", "/en")``)."""
    routes: tuple[str, ...] = ()
    """URLs the site serves that are not content pages (``/contact``, ``/blog``)."""
    site_url: str | None = None
    """The site's own address (``https://www.example.org``): links to it are written as paths."""
    translation_fields: tuple[str, ...] = ()
    """Front matter keys a translation (``x.en.md``) must have as its primary page
    (``x.nl.md``, the first of ``languages``) has them (YEP502)."""
    primary_required: bool = False
    """Every translation ``x.<code>.md`` has its primary page ``x.<primary>.md`` (Yep: an English
    page translates a Dutch one), YEP505; ``False`` where a page may exist in one language only
    (Hugo)."""
    translation_title: str | None = None
    """The primary page's key that holds its translation's title (YEP503)."""
    page_bundles: bool = False
    """A folder with an ``index``/``_index`` page is a bundle whose images the layouts may use
    by name (Hugo, Zola): never orphans."""
    orphan_ignore: tuple[str, ...] = ()
    """Images no page references that are still used (by templates): never orphans."""
    dated_folders: tuple[str, ...] = ()
    """Folder names whose files are named ``YYYY-MM-DD-title`` (Jekyll's ``_posts``)."""
    url_rules: tuple[Collection, ...] = ()
    """The URLs the generator's own configuration gives pages (Jekyll's ``_config.yml``): a page
    whose collection names no ``url`` is served by the first rule whose globs match it."""
    base_path: str = ""
    """The path the whole site is served under (Jekyll's ``baseurl``: ``/blog``); a link that
    writes it names the page without it."""
    collections: tuple[Collection, ...] = ()
    generator_urls: tuple[Collection, ...] = ()
    """URL patterns the generator's own file layout gives (Astro's ``src/pages``, Starlight's
    docs, SvelteKit's routes), for a page whose collection names no ``url``: the first whose
    glob matches it (relative to ``root``) serves it. No schema: collections decide those."""
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    include: tuple[str, ...] = ("*.md", "*.markdown")
    exclude: tuple[str, ...] = ()
    image_fields: tuple[str, ...] = ()
    static_roots: tuple[str, ...] = ("static",)
    max_image_width: int = 1600
    max_image_bytes: int = 1_000_000
    max_file_size: int = 1_000_000
    title_field: str = "title"
    lang: str | None = None
    """The language of messages and hints (``en``, ``nl``); ``None``: the reader's locale."""
    respect_gitignore: bool = False
    """Skip files that .gitignore files (in the walked folders) ignore."""
    rule_options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()
    """Per-rule options as written: (rule code or name, ((option, value), ...)); checked
    against the rule by :mod:`yeplint.engine.selection`."""


INT_LIMITS = {
    "max-image-width": 100_000,
    "max-image-bytes": 1_000_000_000,
    "max-file-size": 100_000_000,
}
"""The largest value of each integer key: a page of 100 MB is no page, and a number past what
a file read takes (``99999999999999999999``) is an error here, not an OverflowError per file."""


RULE_OPTION_MAX = 1_000_000
"""The largest value of an integer rule option (a length in characters); the smallest is 0."""


MARKDOWN_EXTENSIONS = ("md", "markdown", "mdx", "mdown", "mkd", "mkdn")
"""Every extension a Markdown page is written with: the one list yeplint has of them."""
PAGE_SUFFIXES = tuple(f".{extension}" for extension in MARKDOWN_EXTENSIONS)
"""The same as file name endings (``.md``)."""


FRONT_MATTER_FORMATS = ("yaml", "toml", "json")
