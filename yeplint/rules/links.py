"""Links (YEP4xx): to pages, files and headings of this page."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

from yeplint import LazyPattern
from yeplint.config.settings import PAGE_SUFFIXES, Settings
from yeplint.diagnostics import Severity, Span, Violation
from yeplint.document import slugs
from yeplint.document.inline import reference_labels, rendered_text
from yeplint.document.markdown import Heading, LinkRef, Paragraph
from yeplint.document.mdx import rendered_imports
from yeplint.document.post import Post
from yeplint.document.rawhtml import raw_html_lines
from yeplint.document.templates import expand_link, may_add_headings
from yeplint.locale.messages import Message, msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule
from yeplint.rules.suggest import did_you_mean
from yeplint.site.files import (
    IMAGE_SUFFIXES,
    Resolution,
    Status,
    mkdocs_theme_file,
    resolve_docusaurus_link,
)
from yeplint.site.urls import LinkTarget, SiteMap, classify, generator_url, join, normalize

_IMAGE_NAME = LazyPattern(r"[\w./%-]+\.(?:png|jpe?g|gif|webp|avif|svg)\b", re.I)

_FILE_TYPES = (
    "pdf doc docx odt rtf txt xls xlsx ods csv tsv ppt pptx odp key pages numbers epub mobi",
    "json xml yaml yml toml ini cfg conf ics vcf gpx kml kmz ipynb",  # data
    "zip gz tgz tar bz2 xz 7z rar dmg exe msi deb rpm apk whl jar iso",  # archives, installers
    "mp3 m4a wav ogg oga opus flac aac mp4 m4v ogv webm mov avi mkv",  # audio and video
    "html htm css js mjs cjs map wasm rss atom ico woff woff2 ttf otf eot",  # web and fonts
    "bmp tif tiff heic jxl eps ai psd svgz",  # images pages link to rather than show
    "py sh bash ps1 bat rb go rs java kt c h cpp hpp cs ts tsx jsx php sql lua r",  # source
)
FILE_SUFFIXES = frozenset(
    (
        *IMAGE_SUFFIXES,
        *PAGE_SUFFIXES,
        *(f".{extension}" for group in _FILE_TYPES for extension in group.split()),
    )
)
"""The endings that make a link a file link (`./Brochure.pdf`): a route whose last segment
holds a dot (`/blog/releases/10.26`, `/nl/v1.2`) is a page like any other, unless a file of
that name exists."""


github_slug = slugs.github
"""GitHub's slug of a heading (kept under its old name for the rules that name it)."""


def slug_style(settings: Settings) -> slugs.Style | None:
    """The site's heading-id style (``None``: not known, anchors are not checked)."""
    return _style(settings.slugs, settings.slug_separator, settings.slug_prefix)


@lru_cache(maxsize=8)  # one style a run: not rebuilt per page
def _style(name: str, separator: str, prefix: str = "") -> slugs.Style | None:
    found = slugs.style(name, separator)
    if found is None or not prefix:
        return found
    slugify = found.slugify

    def prefixed(text: str) -> str | None:
        slug = slugify(text)
        return None if slug is None else prefix + slug

    return replace(found, slugify=prefixed)


_INCLUDES = LazyPattern(r"^(?:--8<--|::: |\{!)", re.M)
"""Lines a Markdown extension replaces with other content: pymdownx snippets, mkdocstrings and
mkdocs-click (`::: name`), markdown-include (`{!file!}`)."""


def brings_content(post: Post) -> bool:
    """Whether the page has syntax that brings headings this file does not show: template
    syntax that may (includes, shortcodes; see :func:`may_add_headings`), an include
    directive, or an imported Vue component."""
    text = post.text
    brace = "{" in text  # one character is found by memchr: far faster than two
    if brace and ("{{" in text or "{%" in text):
        start = post.body_start_line - 1
        if may_add_headings(post.lines[start:], post.body, start):
            return True
    if ".vue" in text and _imports_component(post):
        return True
    # the substrings first: a multi-line `^` search tries every position of the text; and a
    # rare character before the substring that holds it (`<`: ~50x faster than `--8<--`)
    maybe = ("<" in text and "--8<--" in text) or "::: " in text or (brace and "{!" in text)
    return maybe and bool(_INCLUDES.search(text))


_VUE_IMPORT = re.compile(r"""^\s*import\s+\w+\s+from\s+['"][^'"\n]+\.vue['"]""", re.M)
"""A Vue component a VitePress page imports in its `<script>` to render: it may bring
headings (an index of the API, a gallery) that the Markdown does not show."""


def _imports_component(post: Post) -> bool:
    """Whether the page imports a Vue component outside its code blocks (VitePress)."""
    text, code = post.text, post.body.code_lines
    return any(text.count("\n", 0, m.start()) + 1 not in code for m in _VUE_IMPORT.finditer(text))


def known_anchors(
    post: Post, memo: dict[str, object] | None = None, settings: Settings | None = None
) -> frozenset[str] | None:
    """Every anchor of the page (headings, attribute ids, definition terms, and the ids of its
    HTML where the generator renders it: ``settings.raw_html``) as the site's generator makes
    them (``settings.slugs``; GitHub's without settings); ``None`` when an
    include may bring more, or the generator's ids are not known. With ``memo`` (a file's
    ``Context._memo``), computed once a file."""
    if memo is not None and "anchors" in memo:
        found = memo["anchors"]
        return found if isinstance(found, frozenset) else None
    result = None
    how = slug_style(settings) if settings is not None else _GITHUB
    if how is not None and not post.binary and not brings_content(post):
        untitled = settings is not None and settings.body_h1_is_title
        kramdown = settings is not None and settings.slugs.startswith("kramdown")
        in_html = settings is None or settings.markdown_in_html
        ids = anchors(post, how, without_h1=untitled, kramdown=kramdown, markdown_in_html=in_html)
        if ids is not None and _guessed(settings) and _image_in_heading(post):
            # generators part on an image's alt text in an id: with none known, both are right
            alt = replace(how, image_alt=not how.image_alt)
            more = anchors(
                post, alt, without_h1=untitled, kramdown=kramdown, markdown_in_html=in_html
            )
            ids = None if more is None else ids | more
        if ids is not None:
            ids |= terms(post, how, kramdown=kramdown)
            if settings is None or settings.raw_html:
                ids |= html_ids(post, memo if memo is not None else {})
            result = frozenset(ids)
    if memo is not None:
        memo["anchors"] = result
    return result


_GITHUB = slugs.Style(slugs.github)


def _guessed(settings: Settings | None) -> bool:
    """Whether the heading ids are GitHub's by default, no generator being known."""
    return settings is None or settings.generator is None


def _image_in_heading(post: Post) -> bool:
    return any("![" in h.text for h in post.body.headings)


def with_imported(
    post: Post,
    known: frozenset[str] | None,
    settings: Settings,
    page_anchors: Callable[[Path], frozenset[str] | None],
) -> frozenset[str] | None:
    """``known`` and the anchors of the Markdown files an MDX page imports and renders
    (``import X from './_x.mdx'`` then ``<X />``: Docusaurus's partials), each compiled on its
    own (a heading in both keeps one id); ``None`` when one of them cannot be read or is a
    package's file. An import and its tag say MDX whatever the page's extension (Docusaurus
    reads `.md` as MDX), also where no generator is known (a run from a monorepo's root)."""
    if known is None:
        return known
    imports = rendered_imports(post.text)
    found = set(known)
    for written in imports:
        path = _imported_file(written, post, settings)
        theirs = page_anchors(path) if path is not None else None
        if theirs is None:
            return None
        found |= theirs
    return frozenset(found)


def _imported_file(written: str, post: Post, settings: Settings) -> Path | None:
    """The file an import names: from the page's folder, or through a path alias
    (``@site/``); ``None`` for a package's file."""
    if written.startswith(("./", "../")):
        return post.path.parent / written
    for prefix, folder in settings.path_aliases:
        if written.startswith(prefix) and settings.root is not None:
            return settings.root / folder / written[len(prefix) :]
    return None


def _unescape(text: str) -> str:
    """Entities decoded; ``html`` (and its 2,000-entry entity table) imported only for a heading
    that has one."""
    import html

    return html.unescape(text)


def anchors(
    post: Post,
    how: slugs.Style = _GITHUB,
    *,
    without_h1: bool = False,
    kramdown: bool = False,
    markdown_in_html: bool = True,
) -> set[str] | None:
    """The anchors of this page's headings as ``how`` makes them (an explicit `{#id}` wins;
    repeats get the generator's suffix); ``None`` when one cannot be worked out. With
    ``without_h1`` (Docusaurus, whose theme renders every H1 without its id), an H1 still
    counts for the repeats' suffixes but has no anchor. With ``kramdown`` (Jekyll), each
    heading as kramdown reads it (:func:`_kramdown_heading`). Without ``markdown_in_html``, a
    heading inside a raw HTML element (:mod:`yeplint.document.rawhtml`) is none."""
    headings = post.body.headings
    if not markdown_in_html and "<" in post.text:
        raw = raw_html_lines(post.lines, post.body.code_lines)
        headings = [h for h in headings if h.span.line not in raw]
    pairs = [(h.text, h.anchor) for h in headings]
    if kramdown:
        pairs = [_kramdown_heading(post, h) for h in headings]
    if how.as_written:
        texts = pairs  # kramdown's own parser: `Tom &amp; Jerry` is `tom-amp-jerry`
    else:
        labels = reference_labels(post.text) if any("]" in t for t, _ in pairs) else frozenset()
        texts = [
            (
                rendered_text(
                    t,
                    labels,
                    image_alt=how.image_alt,
                    typographer=how.typographer,
                    entities=how.entities,
                ),
                g,
            )
            for t, g in pairs
        ]
    ids = slugs.heading_ids(texts, how)
    if ids is None:
        return None
    return {i for i, h in zip(ids, headings, strict=True) if not (without_h1 and h.level == 1)}


_KRAMDOWN_IAL = LazyPattern(r"^ {0,3}\{:([^}]*)\}\s*$")
"""A block attribute list on a line of its own (``{: #v4-4-1}``): it sets the attributes of the
block before it."""
_KRAMDOWN_HEADER_ID = LazyPattern(r"[ \t]\{#[A-Za-z][\w:-]*\}\s*#*\s*$")
"""kramdown's header id (``HEADER_ID``): the only ``{…}`` at the end of an ATX heading that is
not its text (``{: #id}``, ``{.class #id}`` and ``{#1x}`` are text, as the build shows)."""
_TRAILING_BRACES = LazyPattern(r"[ \t](\{[^{}]*\})\s*#*\s*$")


def _kramdown_heading(post: Post, heading: Heading) -> tuple[str, str | None]:
    """A heading's text and explicit id as kramdown reads them: an attribute list on the next
    line that names an ``#id`` gives the heading that id instead of its generated one, and a
    trailing ``{…}`` that is neither kramdown's header id (``{#id}``) nor an attribute list
    (``{: …}``) is text (``## getset(key) {block}`` has the id ``getsetkey-block``), where the
    CommonMark parser took it for an attribute block (``## Setup {: #setup}`` is the heading
    ``Setup {: #setup}``, id ``setup--setup``)."""
    text, given = heading.text, heading.anchor
    if not heading.setext:
        trailing = _TRAILING_BRACES.search(heading.raw)
        if trailing is not None and not _KRAMDOWN_HEADER_ID.search(heading.raw):
            given = None  # the CommonMark parser's attribute block is text to kramdown
            if not text.endswith(trailing.group(1)):
                text = f"{text} {trailing.group(1)}"
    after = heading.span.end_line + (1 if heading.setext else 0)
    if after < len(post.lines):
        ial = _KRAMDOWN_IAL.match(post.lines[after])
        named = _KRAMDOWN_IAL_ID.search(ial.group(1)) if ial is not None else None
        if named is not None:
            given = named.group(1)
    return text, given


_KRAMDOWN_IAL_ID = LazyPattern(r"(?:^|\s)#(\w[\w-]*)")


def link_target(link: LinkRef, site: SiteMap | None = None, base: str = "") -> LinkTarget:
    """What ``link`` points at (:func:`classify`), less two misreadings of a bare target: an
    email autolink (`<security@example.org>`, which Markdown renders as a `mailto:` link; a URI
    autolink always has a scheme) is not a file `example.org`, and a path whose ending is not a
    known file type (:data:`FILE_SUFFIXES`) is a page's route. A target written with a
    well-known template form is what it names (:func:`expand_link`: kind ``post`` for Jekyll's
    `{% post_url %}`); on a site served under ``base`` (Jekyll's ``baseurl``, the path of
    Hugo's ``baseURL``), a `/`-rooted
    path names the page below it, and one outside it is of kind ``outside``. With the
    ``site``'s URL map, a file ending its generator serves pages under (VitePress's `.md`,
    `.html`) names a page."""
    if link.kind == "autolink" and ":" not in link.target and "@" in link.target:
        return LinkTarget("skip")
    written = link.target
    if "{{" in written or "{%" in written:
        return _templated(written)
    target = classify(written)
    if base and target.kind in ("file", "page") and target.path.startswith("/"):
        if target.path != base and not target.path.startswith(base + "/"):
            return LinkTarget("outside", target.path, target.fragment)
        target = LinkTarget(target.kind, target.path[len(base) :] or "/", target.fragment)
    if site is not None and site.page_endings:
        target = site.as_page(target)
    return _as_route(target)


def _templated(written: str) -> LinkTarget:
    """A target with template syntax: what a well-known form names, else nothing to check."""
    found = expand_link(written)
    if found is None:
        return LinkTarget("skip")
    kind, path = found
    if kind == "post":
        name, _, fragment = path.partition("#")
        return LinkTarget("post", name, fragment)
    return _as_route(classify(path if kind == "url" else "/" + path.lstrip("/")))


def _as_route(target: LinkTarget) -> LinkTarget:
    """A file link whose ending is no known file type's is a page's route."""
    if target.kind == "file" and not _file_suffix(target.path):
        return LinkTarget("page", target.path, target.fragment)
    return target


def _file_suffix(path: str) -> bool:
    """Whether ``path`` ends in a known file type's extension (`.pdf`, not `.26`)."""
    dot = path.rfind(".")
    return path[dot:].lower() in FILE_SUFFIXES


def _dotted_file(target: LinkTarget, post: Post, ctx: Context) -> bool:
    """Whether a page link whose last segment holds a dot (`./notes.v2`) names a file that
    exists after all: an unusual ending is a route unless the file is there."""
    name = target.path.rstrip("/").rsplit("/", 1)[-1]
    if target.path.endswith("/") or "." not in name:
        return False
    resolution = _resolve_file(LinkTarget("file", target.path, target.fragment), post, ctx)
    return resolution is not None and resolution.status in (Status.OK, Status.REMOTE)


def _resolve_file(target: LinkTarget, post: Post, ctx: Context) -> Resolution | None:
    """A file link's resolution: from the page's folder, else (for a page with a URL, from its
    collection or its generator) from its URL under the folders the site serves; ``None`` when
    it cannot be checked here: not found, and the static roots it may be served from are
    absent. A page file (`./x.nl.md`) is its source next to it: only looked for from the page's
    folder."""
    from yeplint.rules.images import from_url_only, unalias

    folder = post.path.parent
    path = unalias(target.path, post, ctx)
    if ctx.settings.docs_roots and path.lower().endswith(PAGE_SUFFIXES):
        found = _docusaurus_file(path, post, ctx)
        if found is not None:
            return found
    if not path.lower().endswith(PAGE_SUFFIXES) and from_url_only("markdown", path, ctx):
        path = join(ctx.url or "/", path)  # SvelteKit serves no file beside a page
    if path.startswith("/"):
        found = ctx.images.resolve(path, folder, ctx.root)  # without static roots: the root
        if ctx.images.static_roots or found.status in (Status.OK, Status.REMOTE):
            return found
        return None  # the folders served at `/` are not in this checkout
    first = ctx.images.resolve(path, folder, ctx.root)
    if first.status is Status.OK or path.lower().endswith(PAGE_SUFFIXES):
        return first
    url = ctx.url or generator_url(post.path, ctx.settings, post.data or {})
    if url is None:
        return first
    if not ctx.images.static_roots and not ctx.images.mounts:
        return None  # written from the page's URL, for a folder served at `/` that is absent
    served = ctx.images.resolve(join(url, path), folder, ctx.root)
    if served.status is Status.OK:
        return served
    return first if first.status is not Status.OUTSIDE else served


def _docusaurus_file(path: str, post: Post, ctx: Context) -> Resolution | None:
    """A Markdown file link on a Docusaurus site, from its docs roots too
    (:func:`resolve_docusaurus_link`)."""
    root = ctx.settings.root or ctx.root
    folders = tuple(root / f for f, _, kind in ctx.settings.docs_roots if kind == "docs")
    return resolve_docusaurus_link(ctx.images, path, post.path.parent, root, folders)


def record_references(post: Post, ctx: Context) -> None:
    """Resolve every image and file link of the page, so that the resolver knows which files
    the page uses (memoized: free when the image and link rules already did it)."""
    from yeplint.rules.images import resolved

    resolved(post, ctx)
    if post.front_matter_broken:  # unreadable front matter: any image name in it counts
        head = "\n".join(post.lines[: post.body_start_line - 1])
        for name in _IMAGE_NAME.findall(head):
            ctx.images.resolve(name, post.path.parent, ctx.root)
    for link in post.body.links:
        target = link_target(link, ctx.site, ctx.settings.base_path)
        if target.kind == "file":
            _resolve_file(target, post, ctx)


@rule("YEP401", "broken-link")
def broken_link(post: Post, ctx: Context) -> Iterator[Violation]:
    """A link to a page, file or route of this site that does not exist (or differs in case).

    ## Why is this bad?
    The reader gets a "page not found"; on a site that prerenders with link crawling the build
    fails. Links break when a page is renamed or moves to another folder, or when a PDF is
    replaced by one with another name.

    ## Example
    ```markdown
    Lees ook [onze training](../../trainingen/droom-naar-doel-2).
    ```

    ## How to fix
    Link to the page as it is served; the hint names the closest existing URL or file. A link is
    resolved as a browser resolves it against the page's URL (from its collection's `url`), and
    a file link (`./x.md`, `../Brochure.pdf`) also from the page's folder; `/`-rooted files are
    looked up in the `static-roots`. Only a known file type's ending (`.pdf`, `.zip`, `.png` …)
    makes a link a file link: `/blog/releases/10.26` is a page's route. External (`https:`),
    `mailto:` and email (`<info@example.org>`), anchor-only and templated links are not checked
    here. On an MkDocs site a file its built-in theme writes (`img/favicon.ico`) exists. Where
    the site leaves links as written (Astro, SvelteKit, the Yep preset's mdsvex), a link to a
    page's source file (`./weekplanning.nl.md`) is broken: the hint names the page's URL.

    ## Options
    `url` per collection, `languages`, `routes`, `static-roots`.
    """
    from yeplint.rules.images import beside_hint

    for link in post.body.links:
        target = link_target(link, ctx.site, ctx.settings.base_path)
        if target.kind == "file":
            resolution = _resolve_file(target, post, ctx)
            if resolution is None:  # the engine names it, once, in a notice
                span = link.span
                ctx.images.unchecked.add((post.display_path, span.line, span.column, target.path))
                continue
            if resolution.status is Status.OK and _source_link(target, resolution, ctx):
                yield _source_violation(link.span, target, resolution, ctx)
                continue
            if resolution.status in (Status.OK, Status.REMOTE):
                continue
            if _route(target, ctx) or _served_page(target, ctx):
                continue
            if resolution.status is Status.MISSING and _mkdocs_theme_file(resolution, ctx):
                continue
            if resolution.status is Status.WRONG_CASE:
                yield Violation(
                    link.span,
                    msg(
                        "link target `{target}` differs in case from the file on disk",
                        target=target.path,
                    ),
                    msg("write `{new}`", new=resolution.suggestion)
                    if resolution.suggestion
                    else None,
                )
            elif resolution.status is Status.OUTSIDE:
                yield Violation(
                    link.span,
                    msg(
                        "link target `{target}` is outside the content root: the site does not"
                        " serve it",
                        target=target.path,
                    ),
                    msg("link to a page or file of the site"),
                )
            elif resolution.status in (Status.MISSING, Status.DIRECTORY):
                message = msg("link target `{target}` does not exist", target=target.path)
                yield did_you_mean(
                    post,
                    link.span,
                    message,
                    target.path,
                    resolution.suggestion,
                    beside_hint(target.path, post, ctx) or msg("check the file name and folder"),
                )
        elif target.kind == "outside" and ctx.site is not None:
            base = ctx.settings.base_path
            yield Violation(
                link.span,
                msg(
                    "link to `{target}` leaves the site, which is served under `{base}`",
                    target=target.path,
                    base=ctx.settings.base_path,
                ),
                msg(
                    "write `{new}`",
                    new=("{{ site.baseurl }}" if ctx.settings.generator == "jekyll" else base)
                    + target.path,
                ),
            )
        elif target.kind == "post" and ctx.site is not None:
            if _post(target.path, ctx) is None:
                message = msg("link target `{target}` does not exist", target=target.path)
                yield Violation(link.span, message, msg("check the file name and folder"))
        elif target.kind == "page" and ctx.site is not None and ctx.site.pages:
            if not target.path.startswith("/") and ctx.url is None:
                continue  # a relative link from a page whose URL is not known
            url = join(ctx.url or "/", target.path)
            if ctx.site.has(url) or _dotted_file(target, post, ctx):
                continue
            message = msg("link to `{target}`: no page at `{url}`", target=target.path, url=url)
            close = ctx.site.closest(url)
            yield did_you_mean(
                post, link.span, message, target.path, close, msg("check the address")
            )


def _source_link(target: LinkTarget, resolution: Resolution, ctx: Context) -> bool:
    """Whether a link names a page's source file that the build does not serve: on a site that
    leaves such links as written (``rewrites_page_links`` false: Astro, SvelteKit, Hugo
    without a link render hook; MkDocs, a `/`-rooted one), a page file outside the folders
    served at ``/``."""
    rooted = target.path.startswith("/") and ctx.settings.rooted_page_links_as_written
    if (ctx.settings.rewrites_page_links and not rooted) or resolution.path is None:
        return False
    if not target.path.lower().endswith(PAGE_SUFFIXES):
        return False
    if rooted:
        return True  # MkDocs renders every page file of `docs_dir` and copies none
    return not any(resolution.path.is_relative_to(f) for f in ctx.images.static_roots)


def _source_violation(
    span: Span, target: LinkTarget, resolution: Resolution, ctx: Context
) -> Violation:
    """A link to a page's source file, with the page's URL as the hint when it is known."""
    from yeplint.config.generators import by_name

    generator = by_name(ctx.settings.generator or "")
    url = ctx.site.urls.get(resolution.path) if ctx.site and resolution.path else None
    if generator is not None:
        message = msg(
            "link to the page file `{target}`: {generator} leaves it as written and serves no"
            " such file",
            target=target.path,
            generator=generator.shown,
        )
    else:
        message = msg(
            "link to the page file `{target}`: the site leaves it as written and serves no"
            " such file",
            target=target.path,
        )
    hint = msg("link the page's URL: `{url}`", url=url) if url else msg("link the page's URL")
    return Violation(span, message, hint)


def _route(target: LinkTarget, ctx: Context) -> bool:
    """Whether a file link names a route of the site (a feed an Eleventy plugin writes), or a
    page by its file from a folder the generator also resolves it from (Eleventy's
    InputPathToUrlTransformPlugin: the input folder)."""
    if ctx.site is None:
        return False
    relative = target.path.lstrip("/")
    folders = ctx.site.input_folders if relative.lower().endswith(PAGE_SUFFIXES) else ()
    if any((folder / relative).is_file() for folder in folders):
        return True
    if not ctx.site.routes:
        return False
    if not target.path.startswith("/") and ctx.url is None:
        return False
    return normalize(join(ctx.url or "/", target.path)) in ctx.site.routes


def _post(name: str, ctx: Context) -> Path | None:
    """The post Jekyll's `{% post_url name %}` names: the page in a `_posts` folder whose path
    ends in ``name`` and a page extension (``2024-01-05-hello``, ``news/2024-01-05-hello``)."""
    if ctx.site is None:
        return None
    ending = "/" + name.strip("/")
    for path in ctx.site.urls:
        posix = path.as_posix()
        if "/_posts/" in posix and posix[: -len(path.suffix) or None].endswith(ending):
            return path
    return None


def _mkdocs_theme_file(resolution: Resolution, ctx: Context) -> bool:
    """Whether a missing file is one the site's built-in MkDocs theme writes to the site's root
    (`img/favicon.ico`), which a page of ``docs_dir`` may link as if it were there."""
    root, path = ctx.settings.root, resolution.path
    if ctx.settings.generator != "mkdocs" or root is None or path is None:
        return False
    return any(mkdocs_theme_file(path, root, root / d) for d in ctx.settings.static_roots)


def _served_page(target: LinkTarget, ctx: Context) -> bool:
    """Whether a link to ``x.html`` that is no file on disk names a page the site serves there
    (Jekyll's pages and posts end in `.html` unless a permalink says otherwise)."""
    if not target.path.lower().endswith((".html", ".htm")) or ctx.site is None:
        return False
    if not target.path.startswith("/") and ctx.url is None:
        return False
    url = join(ctx.url or "/", target.path)
    if ctx.site.page(url) is not None:
        return True
    folder = _folder_of_index(url, ctx)
    return folder is not None and ctx.site.has(folder)


def _folder_of_index(url: str, ctx: Context) -> str | None:
    """The folder URL whose page the file ``url`` (``/about/index.html``) is, where the site
    writes that folder's page as its ``index.html``: a page served at a URL ending in ``/``
    (``/about/``), or a page the generator makes at a folder URL (a Hugo section's list) on a
    site of folder URLs; ``None`` for any other URL."""
    if ctx.site is None or not url.lower().endswith("/index.html"):
        return None
    folder = url[: -len("index.html")]
    page = ctx.site.page(folder)
    if page is None:
        return folder if ctx.settings.directory_urls else None
    return folder if ctx.site.urls.get(page, "").endswith("/") else None


def _linked_page(target: LinkTarget, post: Post, ctx: Context) -> Path | None:
    """The page a link points at, when it exists: a page file, or the page at a URL (also
    one ending in `.html`)."""
    if target.kind == "post":
        return _post(target.path, ctx)
    if target.kind == "file" and target.path.lower().endswith((".html", ".htm")):
        if ctx.site is not None and (target.path.startswith("/") or ctx.url is not None):
            url = join(ctx.url or "/", target.path)
            folder = _folder_of_index(url, ctx)
            return ctx.site.page(url) or (ctx.site.page(folder) if folder else None)
        return None
    if target.kind == "file" and target.path.lower().endswith(PAGE_SUFFIXES):
        resolution = _resolve_file(target, post, ctx)
        ok = resolution is not None and resolution.status is Status.OK
        return resolution.path if ok and resolution is not None else None
    if target.kind == "page" and ctx.site is not None and ctx.site.pages:
        if not target.path.startswith("/") and ctx.url is None:
            return None
        return ctx.site.page(join(ctx.url or "/", target.path))
    return None


def _other_anchor(
    post: Post, link: LinkRef, target: LinkTarget, page: Path | None, ctx: Context
) -> Iterator[Violation]:
    """`page#anchor`: the anchor must be one of that page's headings."""
    if not target.fragment or page is None or ctx.page_anchors is None:
        return
    if not page.name.lower().endswith(PAGE_SUFFIXES):
        return
    known = ctx.page_anchors(page)
    from urllib.parse import unquote

    anchor = unquote(destination_text(target.fragment))
    if known is None or anchor in known or anchor.lower() == "top":
        return
    message = msg(
        "`{target}` has no heading with the anchor `#{anchor}`", target=target.path, anchor=anchor
    )
    yield _anchor_violation(post, link.span, f"#{target.fragment}", message, anchor, known)


ANCHOR_POOL = 10
"""On a page with more anchors than this, a "did you mean" compares a missing anchor with at
most this many anchors from each of four places (see :class:`AnchorIndex`), so that a link
costs the same on a page of ten headings or ten thousand."""


class AnchorIndex:
    """A page's anchors, sorted once, for the hints of the links that miss them.

    The candidates for a missing anchor are its neighbours in alphabetical order (a changed
    ending: `#waarom-coaching` for `#waarom-coachen`) and those of it without its last
    character (one added: `#kop-4x` for `#kop-4`), and the same from the other end, in the
    order of the reversed anchors (a changed start: `#2-aanpak` for `#1-aanpak`); on a small
    page, every anchor. Each missing anchor's hint is worked out once, however many links
    repeat it.
    """

    def __init__(self, known: frozenset[str]) -> None:
        self.forward = sorted(known)
        self.backward = sorted(a[::-1] for a in known) if len(known) > ANCHOR_POOL else []
        self._hints: dict[str, str | None] = {}

    def pool(self, anchor: str) -> list[str]:
        """The anchors compared with ``anchor`` in full: at most ``4 * ANCHOR_POOL``."""
        if len(self.forward) <= ANCHOR_POOL:
            return self.forward
        backward = anchor[::-1]
        ending = (*_around(self.forward, anchor), *_around(self.forward, anchor[:-1]))
        start = (*_around(self.backward, backward), *_around(self.backward, backward[:-1]))
        return sorted({*ending, *(a[::-1] for a in start)})

    def closest(self, anchor: str) -> str | None:
        """The anchor most like ``anchor`` (difflib's ratio at least 0.6), if any."""
        if anchor not in self._hints:
            import difflib

            close = difflib.get_close_matches(anchor, self.pool(anchor), n=1, cutoff=0.6)
            self._hints[anchor] = close[0] if close else None
        return self._hints[anchor]


def _around(ordered: list[str], key: str) -> list[str]:
    """The ``ANCHOR_POOL`` items of ``ordered`` next to where ``key`` would stand."""
    at = bisect_left(ordered, key)
    start = max(0, min(at - ANCHOR_POOL // 2, len(ordered) - ANCHOR_POOL))
    return ordered[start : start + ANCHOR_POOL]


@lru_cache(maxsize=64)  # a page's anchors are one frozenset for the whole run: one index each
def anchor_index(known: frozenset[str]) -> AnchorIndex:
    return AnchorIndex(known)


_ESCAPED = LazyPattern(r"\\([!-/:-@\[-`{-~])")
"""A backslash escape: a backslash before ASCII punctuation stands for that character."""


def destination_text(written: str) -> str:
    """A link destination as written, as the page's link points to it: backslash escapes
    (``#a\\_b`` is ``#a_b``) and entities resolved (CommonMark, "Links")."""
    if "\\" in written:
        written = _ESCAPED.sub(r"\1", written)
    return _unescape(written) if "&" in written else written


def _anchor_violation(
    post: Post, span: Span, written: str, message: Message, anchor: str, known: frozenset[str]
) -> Violation:
    """A missing anchor, with the closest of the page's anchors as the hint and, where the
    link writes the anchor once (``written``: ``#kop``), as a suggestion."""
    close = anchor_index(known).closest(anchor)
    return did_you_mean(post, span, message, written, f"#{close}" if close else None)


@rule("YEP402", "link-to-image", Severity.WARNING)
def link_to_image(post: Post, ctx: Context) -> Iterator[Violation]:
    """A paragraph or list item that is only a link to an image file: probably an image whose
    `!` was forgotten.

    ## Why is this bad?
    The page shows the link text where a picture was meant; clicking it opens the bare image.

    ## Example
    ```markdown
    [Het schema van de week](./weekplanning-8.png)
    ```

    ## How to fix
    Add the `!` to show the image: `![Het schema van de week](./weekplanning-8.png)`, or write
    the link inside a sentence if a link was meant. A linked thumbnail
    (`[![Kaart](klein.webp)](kaart.webp)`) shows its image and is not reported.

    A link to an image inside a sentence (`zie [het schema](./weekplanning-8.png) hieronder`)
    is reported too when no page of the site shows that image anywhere: an image that is only
    ever linked, never embedded, was most likely meant to be shown. That needs every page, so
    it is found only in a run that checks the whole site (as YEP501), and an image in
    `orphan-ignore` (the templates show it) is not reported.

    ## Options
    None.
    """
    ends = {(p.span.end_line, p.span.end_column): p for p in post.body.paragraphs}
    for link in post.body.links:
        target = link_target(link, ctx.site, ctx.settings.base_path)
        if target.kind != "file" or not target.path.lower().endswith(tuple(IMAGE_SUFFIXES)):
            continue
        if _wraps_image(post, link.span):
            continue  # a linked thumbnail: `[![Kaart](klein.webp)](kaart.webp)`
        if not _only_link(post, link.span, ends):
            continue  # part of a sentence: reported by the run's last pass if no page shows it
        yield Violation(
            link.span,
            msg(
                "this paragraph is only a link to the image `{target}`: `!` forgotten?",
                target=target.path,
            ),
            _SHOW_IT,
        )


def _only_link(post: Post, span: Span, ends: dict[tuple[int, int], Paragraph]) -> bool:
    """Whether the link at ``span`` is all its one-line paragraph holds."""
    paragraph = ends.get((span.end_line, span.end_column))
    if paragraph is None or span.line != span.end_line or len(paragraph.lines) != 1:
        return False
    written = post.lines[span.line - 1][span.column - 1 : span.end_column - 1]
    return paragraph.lines[0].strip() == written


def image_uses(post: Post, ctx: Context) -> tuple[set[Path], list[tuple[Path, Violation]]]:
    """What the page does with the site's images, for the run's last pass
    (:func:`linked_only`): the image files it shows (Markdown, HTML, shortcodes, front matter),
    and its text links to an image file of the site that :func:`link_to_image` does not
    already report, each with the finding it makes when no page of the site shows that image.
    A linked thumbnail (`[![Kaart](klein.webp)](kaart.webp)`) is no text link."""
    from yeplint.rules.images import resolved

    shown = {r.path for _, r in resolved(post, ctx) if r.status is Status.OK and r.path}
    linked: list[tuple[Path, Violation]] = []
    ends = {(p.span.end_line, p.span.end_column): p for p in post.body.paragraphs}
    for link in post.body.links:
        target = link_target(link, ctx.site, ctx.settings.base_path)
        if target.kind != "file" or not target.path.lower().endswith(tuple(IMAGE_SUFFIXES)):
            continue
        if _wraps_image(post, link.span) or _only_link(post, link.span, ends):
            continue
        resolution = _resolve_file(target, post, ctx)
        if resolution is None or resolution.status is not Status.OK or resolution.path is None:
            continue
        message = msg(
            "link to the image `{target}`, which no page shows: `!` forgotten?",
            target=target.path,
        )
        linked.append((resolution.path, Violation(link.span, message, _SHOW_IT)))
    return shown, linked


_SHOW_IT = msg("write `![…](…)` to show the image")


def _wraps_image(post: Post, span: Span) -> bool:
    """Whether an image stands inside the link's span: its text is a picture, not words."""
    start, end = (span.line, span.column), (span.end_line, span.end_column)
    return any(
        start <= (i.span.line, i.span.column) and (i.span.end_line, i.span.end_column) <= end
        for i in post.body.images
    )


@rule("YEP403", "empty-link")
def empty_link(post: Post, ctx: Context) -> Iterator[Violation]:
    """A link without a target: `[tekst]()` or `[tekst](#)` (in HTML, `href=""`; `href="#"` is
    the usual stand-in of an HTML example and is not reported).

    `[](){#id}`, no text and an attribute list with an id right after it, places an anchor
    (mkdocs-autorefs) and is not reported either.

    ## Why is this bad?
    Clicking it goes nowhere (or to the top of the page): a link that was meant to be filled in.

    ## Example
    ```markdown
    Schrijf je in via [het formulier]().
    ```

    ## How to fix
    Write the address between the parentheses, or remove the brackets.

    ## Options
    None.
    """
    for link in post.body.links:
        if link.kind == "autolink":
            continue
        empty = ("", "<>") if link.kind == "html" else ("", "#", "<>")  # `<a href="#">`: a dummy
        if link.target.strip() in empty and not _anchor_link(post, link):
            yield Violation(
                link.span, msg("link has no target"), msg("write the address, or remove the link")
            )


_EMPTY_LINK = LazyPattern(r"\[\]\(\s*\)")
_ATTRIBUTE_ID_AFTER = LazyPattern(r"\{\s*:?\s*#[^\s}]+[^}\n]*\}")


def _anchor_link(post: Post, link: LinkRef) -> bool:
    """Whether ``link`` is `[](){#id}`: no text, no target and an attribute list with an id
    right after it, which places an anchor (mkdocs-autorefs' Markdown anchors, through
    Python-Markdown's attr_list) rather than a link left to be filled in."""
    span = link.span
    if link.kind != "markdown" or span.line != span.end_line or span.line > len(post.lines):
        return False
    line = post.lines[span.line - 1]
    return bool(
        _EMPTY_LINK.fullmatch(line, span.column - 1, span.end_column - 1)
        and _ATTRIBUTE_ID_AFTER.match(line, span.end_column - 1)
    )


@rule("YEP404", "missing-anchor")
def missing_anchor(post: Post, ctx: Context) -> Iterator[Violation]:
    """A link to a heading (`#waarom-coaching`, `./over-grenzen#waarom`) that the page does not
    have.

    ## Why is this bad?
    The link jumps nowhere; it usually means the heading was reworded.

    ## Example
    ```markdown
    Zie [hieronder](#waarom-coaching).

    ## Waarom coachen?
    ```

    ## How to fix
    Use the heading's anchor: lower case, punctuation removed, spaces as hyphens (GitHub's
    rule, which mdsvex, Jekyll and MkDocs follow closely), or an explicit `{#id}`. The hint names
    the closest anchor. HTML `id`s and definition-list terms count; a page with template syntax
    (`{{ … }}`, `{% … %}`) or an include directive (`--8<--`, `::: `, `{!…!}`) is not checked,
    since what it includes may bring headings.
    A link to another page's anchor (`../x.md#kop`, `./over-grenzen#waarom`) is checked against
    that page's headings, the same way.

    A heading's anchor is made of its text as rendered (`## [Prijzen](prijzen.md)` is
    `#prijzen`); a destination's backslash escapes count as their characters (`#stap\\_1` is
    `#stap_1`); `#top`, in any case, is the top of every page. Unlike markdownlint's MD051,
    which follows GitHub: a heading's `{#id}` replaces its slug, as the generators make it;
    GitHub's line anchors (`#L12`) are reported; any `id`, any `name` and any `{#id}` in the
    page counts, where MD051 takes only `id`s, an `<a>`'s `name` and a heading's `{#id}`; a
    reference link is reported where it is used, not at its definition; the anchor of a
    heading that holds an image, whose alt text some generators put in it, is made of its text
    as written; and a heading's text ends at its last character, also before an HTML comment
    (GitHub keeps the space before one in the anchor: `## Kop <!-- x -->` is `#kop-` there).

    ## Options
    None.
    """
    for link in post.body.links:  # `page#anchor`: that page's headings
        target = link_target(link, ctx.site, ctx.settings.base_path)
        if target.fragment and target.kind in ("file", "page", "post"):
            yield from _other_anchor(post, link, target, _linked_page(target, post, ctx), ctx)
    links = [link for link in post.body.links if link.target.startswith("#") and link.target != "#"]
    known = known_anchors(post, ctx._memo, ctx.settings) if links else None
    if ctx.page_anchors is not None:
        known = with_imported(post, known, ctx.settings, ctx.page_anchors)
    if known is None:
        return  # an include or shortcode may bring headings this file does not show
    from urllib.parse import unquote

    for link in links:
        anchor = unquote(destination_text(link.target[1:]))
        if anchor in known or anchor.lower() == "top":
            continue
        message = msg("no heading on this page has the anchor `#{anchor}`", anchor=anchor)
        if not ctx.settings.raw_html and anchor in html_ids(post, ctx._memo):
            message = msg(
                "the anchor `#{anchor}` is written in HTML, which Hugo leaves out of the page"
                " unless `markup.goldmark.renderer.unsafe` is on",
                anchor=anchor,
            )
        yield _anchor_violation(post, link.span, link.target, message, anchor, known)


_ATTRIBUTE_ID = re.compile(r"\{\s*:?\s*#([^\s}]+)[^}\n]*\}")
"""An id in an attribute list: up to white space or the list's end, as markdown-it-attrs
(VitePress: `{#vue.js-privacy-policy}`), Python-Markdown's attr_list and pulldown-cmark read it."""
_KRAMDOWN_ID = LazyPattern(r"\w[\w-]*")
"""kramdown's id name (``ALD_ID_NAME``): a `.` starts a class (`{: #a.b}` is id `a`, class `b`)."""


def terms(post: Post, how: slugs.Style = _GITHUB, *, kramdown: bool = False) -> set[str]:
    """Anchors that are not headings: ids in attribute lists (`**locale**{ #mkdocs-locale }`,
    Python-Markdown's attr_list and kramdown's IALs, ``kramdown``: read as kramdown does) and
    definition-list terms (a line followed by `: definition`), which Goldmark (Hugo's
    ``autoDefinitionTermID``) gives the id its headings' algorithm makes of the term's text
    (``how``: `Content adapters` is `content-adapters`, `[Hugo Lyra](https://…)` is
    `hugo-lyra`)."""
    text = post.text
    found = set(_ATTRIBUTE_ID.findall(text)) if "{" in text and "#" in text else set()
    if kramdown and found:
        # an ATX heading's trailing `{: #id}` is its text to kramdown, no attribute list
        atx = {h.raw for h in post.body.headings if not h.setext}
        rest = "\n".join(line for line in post.lines if line not in atx)
        found = {
            m.group(0)
            for i in _ATTRIBUTE_ID.findall(rest)
            if (m := _KRAMDOWN_ID.match(i)) is not None
        }
    elif any("\\" in i for i in found):  # `{#\_fn_1}`: Markdown's escapes, undone in the id
        found = {_ESCAPED.sub(r"\1", i) for i in found}
    if "\n: " in text:
        for term in defined_terms(text):
            if _AUTOLINK.fullmatch(term.strip()):
                continue  # Goldmark gives a term that is only an autolink no id
            slug = how.slugify(_term_text(term))
            if slug:
                found.add(slug)
    return found


def defined_terms(text: str) -> list[str]:
    """Each line that is not blank and is followed by a line starting with `: ` (a definition
    list's term), in order: what the multi-line pattern of a non-blank line before `: ` found,
    line by line. The pattern backtracked over every line that no definition follows,
    quadratically in its length (1.8 ms a page with a definition on Hugo's docs, 85x this)."""
    lines = text.split("\n")
    return [
        line
        for line, after in pairwise(lines)
        if after.startswith(": ") and line and not line.isspace()
    ]


_TERM_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_TERM_MARKUP = re.compile(r"\*|(?<!\w)_+|_+(?!\w)")
_CODE_SPAN = re.compile(r"(`+)(.*?)\1")


def _term_text(term: str) -> str:
    """A term's text as rendered: a link's target, emphasis markers and code spans' backticks
    dropped (a code span keeps its `_`), entities decoded."""
    parts = _CODE_SPAN.split(_TERM_LINK.sub(r"\1", term))
    # split() gives text, then (backticks, code) pairs: code is every third part from 2
    shown = (
        p if i % 3 == 2 else "" if i % 3 == 1 else _TERM_MARKUP.sub("", p)
        for i, p in enumerate(parts)
    )
    return _unescape("".join(shown))


_AUTOLINK = LazyPattern(r"<[a-z][a-z0-9+.-]*:[^<>\s]*>", re.IGNORECASE)


_HTML_TAG = LazyPattern(r"<([A-Za-z][\w-]*)(\s[^<>]*)?/?>")
_HTML_ID = LazyPattern(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/]+))""", re.I)
_INLINE_CODE = LazyPattern(r"(`+)[^`].*?\1")


def html_ids(post: Post, memo: dict[str, object]) -> frozenset[str]:
    """The ids of the elements the page writes in HTML (``<a id="x">``, ``<h2 id="y">``, and
    the ``name`` of an ``<a>``, which a browser scrolls to as well), outside code blocks and
    code spans (an example's ``<p id="intro">`` is text); found in one pass over the page.
    Kept in ``memo`` (a file's ``Context._memo``)."""
    found = memo.get("html_ids")
    if not isinstance(found, frozenset):
        found = frozenset()
        text = post.text
        if "<" in text and ("id" in text or "name" in text):
            code = post.body.code_lines
            prose = "\n".join(
                _INLINE_CODE.sub("", line) if "`" in line else line
                for number, line in enumerate(post.lines, start=1)
                if number not in code
            )
            ids = set()
            for tag in _HTML_TAG.finditer(prose):
                for attribute in _HTML_ID.finditer(tag.group(2) or ""):
                    if attribute.group(1).lower() == "name" and tag.group(1).lower() != "a":
                        continue  # `<input name>`, `<meta name>`: no anchor
                    value = next(v for v in attribute.groups()[1:] if v is not None)
                    ids.add(value)
                    if value.strip():
                        ids.add(value.split()[0])  # up to a space too: a value with one is odd
            found = frozenset(ids)
        memo["html_ids"] = found
    return found


def _own(url: str) -> str:
    """An address without scheme and ``www.``, lower case: how two forms of it compare."""
    rest = url.split("://", 1)[-1].lower()
    return rest.removeprefix("www.").rstrip("/")


@rule("YEP405", "absolute-own-link", Severity.WARNING)
def absolute_own_link(post: Post, ctx: Context) -> Iterator[Violation]:
    """A link to this site written as a full address (`https://www.example.org/contact`).

    ## Why is this bad?
    It is not checked like a path, it leaves the preview or staging site for the live one, and
    an `http://` one goes through a redirect. It is usually copied from the browser.

    ## Example
    ```markdown
    Neem [contact](https://www.yeptrainingen.nl/contact) op.
    ```

    ## How to fix
    Write the path: `[contact](/contact)`.

    ## Options
    `site-url`: the site's address (no check without it).
    """
    site = ctx.settings.site_url
    if not site:
        return
    own = _own(site)
    for link in post.body.links:
        target = link.target.strip()
        if not target.lower().startswith(("http://", "https://")):
            continue
        rest = _own(target)
        if rest == own or rest.startswith(own + "/") or rest.startswith(own + "?"):
            written = target.split("://", 1)[1]
            path = "/" + written[written.find("/") + 1 :] if "/" in written else "/"
            yield Violation(
                link.span,
                msg("link to this site written in full: `{target}`", target=target),
                msg("write `{new}`", new=path),
            )
