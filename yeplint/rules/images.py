"""YEP3xx: images. Every image a page references — front matter image fields, Markdown
(inline and reference) and HTML ``<img>`` — must exist inside the content root with the exact
case, carry a real alt text, and be a sound image file.
"""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from yeplint import LazyPattern, record
from yeplint.diagnostics import Edit, Fix, Intent, Severity, Span, Violation
from yeplint.document.markdown import ImageRef
from yeplint.document.post import Post
from yeplint.document.templates import expand_path
from yeplint.locale.messages import Message, msg
from yeplint.rules.context import Context
from yeplint.rules.front_matter import schema_findings
from yeplint.rules.rule import rule
from yeplint.rules.suggest import did_you_mean
from yeplint.site.files import UNSHOWN, Resolution, Status, expected_format

PLACEHOLDER_ALTS = frozenset(
    {
        "afbeelding",
        "alt",
        "alt text",
        "bijschrift",
        "caption",
        "foto",
        "image",
        "img",
        "photo",
        "picture",
        "plaatje",
        "tbd",
        "todo",
        "untitled",
    }
)
FRONT_MATTER_ALT = "alt"


@record
class PlaceholderOptions:
    placeholders: tuple[str, ...] = ()
    """Extra placeholder words, on top of the built-in ones."""


def image_refs(post: Post, ctx: Context) -> list[ImageRef]:
    """The front matter image fields (on every page, with or without a schema), then the
    body's images."""
    refs: list[ImageRef] = []
    data, fm = post.data, post.front_matter
    if data is not None and fm is not None:
        for index, name in enumerate(ctx.settings.image_fields):
            value = data.get(name)
            if isinstance(value, str) and value.strip():
                alt = data.get(FRONT_MATTER_ALT) if index == 0 else None
                refs.append(
                    ImageRef(
                        value,
                        alt if isinstance(alt, str) else None,
                        fm.locate((name,)),
                        "front-matter",
                        name,
                    )
                )
    refs.extend(post.body.images)
    return refs


_NOT_FOUND = (Status.MISSING, Status.OUTSIDE, Status.UNKNOWN)
"""Resolutions after which a Hugo shortcode's `src` is looked for in `assets/` too."""

_INDEX_PAGES = frozenset(("index", "_index", "README", "readme"))
"""Pages served at their folder's own URL."""


def unalias(path: str, post: Post, ctx: Context) -> str:
    """A path with a generator's alias prefix (``@site/img/a.png``) as one relative to the
    page."""
    for prefix, folder in ctx.settings.path_aliases:
        if path.startswith(prefix):
            target = (ctx.settings.root or ctx.root) / folder / path[len(prefix) :]
            return Path(os.path.relpath(target, post.path.parent)).as_posix()
    return path


def resolved(post: Post, ctx: Context) -> list[tuple[ImageRef, Resolution]]:
    """Each local reference with its resolution; computed once per file, shared by the rules."""
    memo = ctx._memo
    if "images" not in memo:
        folder = post.path.parent
        found = []
        for ref in image_refs(post, ctx):
            path = expand_path(ref.path)
            if path is None:
                found.append((ref, Resolution(Status.TEMPLATE)))
                continue
            path = unalias(path, post, ctx)
            resolution = ctx.images.resolve(path, folder, ctx.root)
            if ref.kind == "shortcode" and resolution.status in _NOT_FOUND:
                # Hugo: a page resource first, then a global one (assets/, also for a
                # `/`-rooted path) or a static file
                served = ctx.images.resolve_resource(path, ctx.root)
                if served is None and not path.startswith("/"):
                    served = ctx.images.resolve("/" + path, folder, ctx.root)
                if served is not None and served.status is Status.OK:
                    resolution = served
            if from_url_only(ref.kind, path, ctx):
                resolution = _from_url(path, post, ctx)
            elif (
                ref.kind in ("markdown", "reference", "html")
                and resolution.status in (Status.MISSING, Status.OUTSIDE)
                and not path.startswith("/")
                and _from_url_applies(ref.kind, post, ctx)
            ):
                # the generator writes the path as it is (Hugo, Eleventy; any generator for raw
                # HTML): `a/b.md` is served at `a/b/`, and a path written from there
                # (`../img/x.png`) is what the browser asks for
                served = _from_url(path, post, ctx)
                if served.status is Status.OK:
                    resolution = served
            found.append((ref, resolution))
        memo["images"] = found
    result: list[tuple[ImageRef, Resolution]] = memo["images"]
    return result


def _from_url_applies(kind: str, post: Post, ctx: Context) -> bool:
    """Whether a relative image path may be written from the page's URL: in raw HTML on a site
    of directory URLs, and in Markdown where the generator leaves paths as written (Hugo,
    Jekyll, Eleventy), for a page whose URL is known or is its folder's ``a/b/``."""
    from yeplint.config.generators import by_name

    generator = by_name(ctx.settings.generator) if ctx.settings.generator else None
    if kind != "html" and (generator is None or not generator.paths_as_written):
        return False
    return ctx.url is not None or (
        ctx.settings.directory_urls and post.path.stem not in _INDEX_PAGES
    )


def from_url_only(kind: str, path: str, ctx: Context) -> bool:
    """Whether a relative path is resolved from the page's URL alone: on a generator that
    serves no file beside a page (SvelteKit), for a page whose URL is known."""
    from yeplint.config.generators import by_name

    generator = by_name(ctx.settings.generator) if ctx.settings.generator else None
    return (
        generator is not None
        and not generator.serves_page_folders
        and kind in ("markdown", "reference", "html")
        and not path.startswith("/")
        and ctx.url is not None
    )


def _from_url(path: str, post: Post, ctx: Context) -> Resolution:
    """``path`` resolved from the page's URL: its known URL, from its collection or its
    generator (a `/`-rooted path, looked up where the site serves files), else the folder
    ``a/b/`` that ``a/b.md`` is served at."""
    from yeplint.site.urls import generator_url, join

    url = ctx.url or generator_url(post.path, ctx.settings, post.data or {})
    if url is not None:
        return ctx.images.resolve(join(url, path), post.path.parent, ctx.root)
    return ctx.images.resolve(path, post.path.parent / post.path.stem, ctx.root)


def _with_status(
    post: Post, ctx: Context, *statuses: Status
) -> Iterator[tuple[ImageRef, Resolution]]:
    for ref, resolution in resolved(post, ctx):
        if resolution.status in statuses:
            yield ref, resolution


@rule("YEP301", "missing-image")
def missing_image(post: Post, ctx: Context) -> Iterator[Violation]:
    """A referenced image does not exist (or the reference is empty, or names a folder).

    ## Why is this bad?
    The live page shows a broken image. This happens when a file is renamed or misspelt
    (`belgeleiden` for `begeleiden`), when `.jpg` is written for a `.jpeg` file, or when a dot
    goes missing (`foto-2jpg`).

    ## Example
    ```markdown
    ![Groep in gesprek](./coachend-begeleiden-1.jpg)
    ```
    while the folder holds `coachend-begeleiden-1.jpeg`.

    ## How to fix
    Correct the reference; the hint names the closest existing file. References are resolved
    relative to the page's folder, `/`-rooted ones against the `static-roots`; `%20` and other
    escapes are decoded, `?query` and `#fragment` are ignored, `http(s):`, `data:` and `mailto:`
    targets are not checked.

    ## Options
    `image-fields` (front matter keys holding an image), `static-roots`.
    """
    for ref, resolution in _with_status(post, ctx, Status.MISSING, Status.EMPTY, Status.DIRECTORY):
        where = _where(ref)
        if resolution.status is Status.EMPTY:
            message = msg("empty image reference{where}", where=where)
            yield Violation(ref.span, message, msg("name the image file"))
        elif resolution.status is Status.DIRECTORY:
            message = msg(
                "`{target}`{where} is a folder, not an image", target=ref.target, where=where
            )
            yield Violation(ref.span, message, msg("name a file in it"))
        else:
            message = msg("image `{target}`{where} does not exist", target=ref.target, where=where)
            yield did_you_mean(
                post, ref.span, message, ref.target, resolution.suggestion, _beside(ref, post, ctx)
            )


def _beside(ref: ImageRef, post: Post, ctx: Context) -> Message | None:
    path = expand_path(ref.path)
    if path is None:
        return None
    return beside_hint(path, post, ctx) or _elsewhere(path, post, ctx)


def _elsewhere(path: str, post: Post, ctx: Context) -> Message | None:
    """Where a missing image's file is after all: beside the page (written `/x.jpg` or
    `../x.jpg`), or in a folder next to the page's (another collection's)."""
    from yeplint.site.files import DIR

    name = posixpath.basename(path)
    folder = post.path.parent
    if not name or "." not in name:
        return None
    here = ctx.images.listing(folder) or {}
    if name in here and not here[name] & DIR:
        return msg("`{name}` is beside the page: write `{name}`", name=name)
    root = ctx.settings.root or ctx.root
    parent = folder.parent
    if folder == root or not parent.is_relative_to(root):
        return None
    for sibling, flags in sorted((ctx.images.listing(parent) or {}).items()):
        if flags & DIR and sibling != folder.name:
            there = ctx.images.listing(parent / sibling) or {}
            if name in there and not there[name] & DIR:
                return msg(
                    "`{name}` is in `{folder}/`, not beside this page: put a copy here, or name"
                    " an image that is",
                    name=name,
                    folder=sibling,
                )
    return None


def beside_hint(path: str, post: Post, ctx: Context, kind: str = "markdown") -> Message | None:
    """The hint for a file beside the page that the site does not serve there (SvelteKit)."""
    if not from_url_only(kind, path, ctx):
        return None
    if not (post.path.parent / path).is_file() or ctx.url is None:
        return None
    from yeplint.site.urls import join

    return msg(
        "the file is beside the page, but the browser asks for `{url}`: put it in a folder"
        " served at `/` (`static/`)",
        url=join(ctx.url, path),
    )


def _rewritable(
    post: Post, ctx: Context, status: Status, message: Callable[[str, str], Message]
) -> Iterator[Violation]:
    """References whose resolution says how to write them (case, slashes), with that fix."""
    for ref, resolution in _with_status(post, ctx, status):
        yield Violation(
            ref.span,
            message(ref.target, _where(ref)),
            msg("write `{new}`", new=resolution.suggestion or ""),
            _retarget(post, ref, _as_written(ref, status, resolution.suggestion)),
        )


def _as_written(ref: ImageRef, status: Status, suggestion: str | None) -> str | None:
    """The suggestion in the form the reference is written in. The resolver works on the
    decoded path (``%20`` is a space there): backslashes are replaced in the written text
    itself; a case fix is offered only where decoding changes nothing."""
    if suggestion is None or "{{" in ref.target or "{%" in ref.target:
        return None  # a template's path: the writer edits inside the expression
    if status is Status.BACKSLASH:
        if re.search(r"\\[!-/:-@\[\]^-`{-~]", ref.target.replace("\\\\", "")):
            return None  # `\)` is a Markdown escape, not a path separator
        return re.sub(r"\\+", "/", ref.target)
    return suggestion if ref.path == ref.target.strip() else None


def _retarget(post: Post, ref: ImageRef, target: str | None) -> Fix | None:
    """Replace the reference as written by ``target``, when it stands once, on one line, inside
    the span (escaped or URL-encoded references are left to the writer)."""
    span = ref.span
    if target is None or span.line != span.end_line or not 0 < span.line <= len(post.lines):
        return None
    line = post.lines[span.line - 1]
    window = line[span.column - 1 : span.end_column - 1]
    if window.count(ref.target) != 1:
        return None
    column = span.column + window.index(ref.target)
    edit = Edit(Span.on_line(span.line, column, len(ref.target)), target)
    if ref.kind == "front-matter":
        if post.front_matter is None or not post.front_matter.fixable:
            return None  # an alias may share the value: one edit could change several
        intent = Intent("value", span.line, (ref.key,), ref.target, target)
    else:
        intent = Intent("image", span.line, (), ref.target, target)
    return Fix(msg("write `{new}`", new=target), (edit,), intents=(intent,))


_WHERE: dict[str, str] = {
    "front-matter": msg(" (front matter)"),
    "markdown": "",
    "reference": msg(" (reference)"),
    "html": msg(" (<img>)"),
    "shortcode": msg(" (shortcode)"),
}


def _where(ref: ImageRef) -> str:
    return _WHERE[ref.kind]


@rule("YEP302", "missing-alt-text")
def missing_alt_text(post: Post, ctx: Context) -> Iterator[Violation]:
    """An image without alt text: `![](foto.jpg)`, `<img>` without `alt`, or an empty `alt` in
    the front matter when `img` is set (markdownlint MD045).

    ## Why is this bad?
    People using a screen reader, and everybody when the image fails to load, get nothing.
    Search engines use alt text too.

    ## Example
    ```markdown
    ![](./teamspel-2.jpg)
    ```

    ## How to fix
    Describe what the image shows: `![Vier deelnemers bij een whiteboard](./teamspel-2.jpg)`.

    What counts as decorative, and so is not reported: an HTML image with an empty `alt=""`
    (screen readers skip it), or one marked `aria-hidden="true"` or `role="presentation"`
    (or `"none"`). An HTML image without any `alt` attribute is reported, with `alt=""` offered
    in the hint for an image that is only decoration. A Markdown image cannot be marked
    decorative: `![](foto.jpg)` is always reported. Unlike markdownlint's MD045, alt text of
    only spaces counts as missing, and the front matter image is checked too.

    ## Options
    In the front matter, a schema marks the alt key with `"x-yeplint-rule": "missing-alt-text"`.
    """
    yield from schema_findings(post, ctx, "missing-alt-text")
    for image in post.body.images:
        if image.kind == "shortcode":
            if image.alt is None:
                yield Violation(image.span, msg("image shortcode has no `alt`"), _ALT_HINT)
        elif image.kind == "html":
            if image.alt is None and not image.decorative:
                yield Violation(
                    image.span,
                    msg("<img> has no `alt` attribute"),
                    msg(
                        "describe the image for people who cannot see it; for an image that is"
                        ' only decoration, write `alt=""`'
                    ),
                )
        elif not (image.alt or "").strip():
            message = msg("image `{target}` has no alt text", target=image.target)
            yield Violation(image.span, message, _ALT_HINT)


_ALT_HINT = msg("describe the image for people who cannot see it")


@rule("YEP303", "image-wrong-case", fixable=True)
def image_wrong_case(post: Post, ctx: Context) -> Iterator[Violation]:
    """The image exists, but with another case than the reference (`Foto.JPG` vs `foto.jpg`).

    ## Why is this bad?
    macOS and Windows find the file anyway, so it looks fine on the writer's machine; the site
    is built on Linux, where the image is missing.

    ## Example
    ```yaml
    img: Netwerken-1.JPG
    ```
    while the file is `netwerken-1.jpg`.

    ## How to fix
    Write the name exactly as the file is named; the hint gives it.

    ## Fix
    `--fix` turns the example into:
    ```yaml
    img: netwerken-1.jpg
    ```

    ## Options
    None.
    """
    return _rewritable(
        post,
        ctx,
        Status.WRONG_CASE,
        lambda target, where: msg(
            "image `{target}`{where} differs in case from the file on disk",
            target=target,
            where=where,
        ),
    )


@rule("YEP304", "image-outside-root")
def image_outside_root(post: Post, ctx: Context) -> Iterator[Violation]:
    """An image reference points outside the content root (`../../x.jpg`, or a symlink that
    leaves it).

    ## Why is this bad?
    Only the content tree is published; the image will not be there. yeplint does not look
    outside the root either.

    ## Example
    ```markdown
    ![Logo](../../../Afbeeldingen/logo.png)
    ```

    ## How to fix
    Copy the image next to the page and reference it by its name.

    ## Options
    None.
    """
    for ref, _ in _with_status(post, ctx, Status.OUTSIDE):
        yield Violation(
            ref.span,
            msg(
                "image `{target}`{where} is outside the content root",
                target=ref.target,
                where=_where(ref),
            ),
            msg("put the image next to the page"),
        )


@rule("YEP305", "backslash-in-image-path", fixable=True)
def backslash_in_image_path(post: Post, ctx: Context) -> Iterator[Violation]:
    """An image path with backslashes (`img\\\\foto.jpg`).

    ## Why is this bad?
    Backslashes separate folders only on Windows; on the web and on the build server they are
    part of the file name, so the image is not found.

    ## Example
    ```markdown
    ![Team](images\\\\team.jpg)
    ```

    ## How to fix
    Use forward slashes; the hint gives the fixed path.

    ## Fix
    `--fix` turns the example into:
    ```markdown
    ![Team](images/team.jpg)
    ```

    ## Options
    None.
    """
    return _rewritable(
        post,
        ctx,
        Status.BACKSLASH,
        lambda target, where: msg(
            "image path `{target}`{where} uses backslashes", target=target, where=where
        ),
    )


@rule("YEP306", "placeholder-alt-text", Severity.WARNING, options=PlaceholderOptions)
def placeholder_alt_text(post: Post, ctx: Context) -> Iterator[Violation]:
    """Alt text that is a placeholder (`image`, `foto`, `afbeelding`, `bijschrift`, …) or a
    copied file name.

    ## Why is this bad?
    It tells a screen reader user nothing about the image: "bijschrift" ("caption") is a
    template value that was never filled in.

    ## Example
    ```yaml
    img: weekplanning-1.jpg
    alt: bijschrift
    ```

    ## How to fix
    Describe the image.

    A file name counts when it is copied as it is (`heroku.png`, `team_foto`), or when it is a
    camera's or a numbered name (`IMG_1234`, `DSC01234`, `foto 1`, `beeld-03`). Words that
    happen to be the file name are a description (`Heroku` on `heroku.png`, `Team dag` on
    `team-dag.jpg`): not reported.

    ## Options
    `placeholders`: more words to treat as placeholders, in
    `[rule-options.placeholder-alt-text]`.
    """
    extra = ctx.options("YEP306", PlaceholderOptions).placeholders
    placeholders = PLACEHOLDER_ALTS | {p.casefold() for p in extra}
    for ref in image_refs(post, ctx):
        alt = (ref.alt or "").strip()
        if not alt:
            continue
        folded = alt.casefold()
        if folded in placeholders or _copied_file_name(alt, posixpath.basename(ref.path)):
            span = ref.span
            if ref.kind == "front-matter" and post.front_matter is not None:
                span = post.front_matter.locate((FRONT_MATTER_ALT,))
            message = msg(
                "alt text `{alt}` of `{target}` is a placeholder", alt=alt, target=ref.target
            )
            yield Violation(span, message, _ALT_HINT)


_SEPARATED = LazyPattern(r"[-_.]")
_SEPARATORS = LazyPattern(r"[-_]+")


def _copied_file_name(alt: str, name: str) -> bool:
    """Whether ``alt`` is the image's file name rather than words about the image: the name
    with its extension, the stem with its separators (`team_foto`), or a stem that holds a
    number (`IMG_1234`, `foto-1`, also read with spaces: `foto 1`)."""
    folded = alt.casefold()
    stem = name.rsplit(".", 1)[0] if "." in name else name
    if folded == name.casefold():
        return True
    if folded == stem.casefold() and _SEPARATED.search(stem):
        return True
    readable = " ".join(_SEPARATORS.split(stem)).casefold()
    return folded in (stem.casefold(), readable) and any(c.isdigit() for c in stem)


@rule("YEP307", "image-format-mismatch")
def image_format_mismatch(post: Post, ctx: Context) -> Iterator[Violation]:
    """The image file's bytes are not the format its extension says, or not an image at all.

    ## Why is this bad?
    A PNG saved as `.jpg` is served with the wrong type and some browsers, CDNs and image
    pipelines refuse it; a truncated or non-image file shows as broken.

    ## Example
    `logo.jpg` whose first bytes are `\\x89PNG`.

    ## How to fix
    Rename the file to its real extension (and the reference with it), or re-export it.
    Only the file header is read (its first bytes tell the format; imagesize reads the size),
    once per image per run.

    ## Options
    None.
    """
    for ref, resolution in _with_status(post, ctx, Status.OK):
        path = resolution.path
        assert path is not None
        expected = expected_format(path)
        if expected is None:
            continue
        info = ctx.images.info(path)
        if info.error:
            message = msg("image `{target}`: {problem}", target=ref.target, problem=info.error)
            yield Violation(ref.span, message, msg("re-export the image"))
        elif info.format != expected:
            actual = info.format or "unknown"
            yield Violation(
                ref.span,
                msg(
                    "image `{target}` is a {actual} file, not {expected} as its extension says",
                    target=ref.target,
                    actual=actual,
                    expected=expected,
                ),
                # a HEIC behind `.jpg` is not shown under any name (YEP311 tells it too)
                msg("convert it to JPEG (a photo) or PNG (a drawing)")
                if actual in UNSHOWN
                else msg("rename it to `{name}`", name=_renamed(path, actual)),
            )


def _renamed(path: Path, actual: str) -> str:
    suffix = {"JPEG": ".jpg", "PNG": ".png", "GIF": ".gif", "WEBP": ".webp"}.get(
        actual, f".{actual.lower()}"
    )
    return path.with_suffix(suffix).name


_ELEVENTY_WIDTHS = LazyPattern(r"""\beleventy:widths\s*=\s*(["'])(?P<widths>[^"']*)\1""")


def _resized_by_eleventy(post: Post, ref: ImageRef, ctx: Context) -> bool:
    """Whether Eleventy Image serves the ``<img>`` of ``ref`` only in the widths its
    ``eleventy:widths`` attribute names (``"350, 700"``; ``auto`` keeps the original width)."""
    if ref.kind != "html" or ctx.settings.generator != "eleventy":
        return False
    lines = post.lines[ref.span.line - 1 : ref.span.end_line]
    if not lines:
        return False
    tag = "\n".join(lines)[ref.span.column - 1 :].split(">", 1)[0]
    found = _ELEVENTY_WIDTHS.search(tag)
    return found is not None and "auto" not in found["widths"]


@rule("YEP308", "image-too-wide", Severity.WARNING)
def image_too_wide(post: Post, ctx: Context) -> Iterator[Violation]:
    """An image wider than `max-image-width` pixels (default 1600).

    ## Why is this bad?
    Large images make pages slow, especially on phones. The Yep site asks writers to resize
    images to at most 1600 px wide before committing.

    ## Example
    A 4032 px photo straight from a phone.

    ## How to fix
    Resize the image to at most the maximum width.

    On an Eleventy site, an `<img>` with `eleventy:widths` (and no `auto` among them) is
    served in those widths by Eleventy Image, never as the file itself: not reported.

    ## Options
    `max-image-width` (pixels).
    """
    limit = ctx.settings.max_image_width
    for ref, resolution in _with_status(post, ctx, Status.OK):
        assert resolution.path is not None
        if expected_format(resolution.path) is None or _resized_by_eleventy(post, ref, ctx):
            continue
        info = ctx.images.info(resolution.path)
        if info.width is not None and info.width > limit:
            yield Violation(
                ref.span,
                msg(
                    "image `{target}` is {width} px wide (at most {limit})",
                    target=ref.target,
                    width=info.width,
                    limit=limit,
                ),
                msg("resize it to {limit} px wide", limit=limit),
            )
