"""YEP309-YEP311: images as the published site serves them. The file a page references is
sent to every reader as it is: its weight, what its EXIF says about where it was taken, and
whether a browser can show its format at all. Each image's header is read once per run (the
resolver's :meth:`~yeplint.site.files.ImageResolver.info`, which the cache ties to the file's
stamp), so these rules add no read to the image rules'."""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Severity, Violation
from yeplint.document.markdown import ImageRef
from yeplint.document.post import Post
from yeplint.locale.messages import Number, msg
from yeplint.rules.context import Context
from yeplint.rules.images import resolved
from yeplint.rules.rule import rule
from yeplint.site.files import UNSHOWN, ImageInfo, Status


def _served(post: Post, ctx: Context) -> Iterator[tuple[ImageRef, ImageInfo]]:
    """Each image the page references that exists, with its header."""
    for ref, resolution in resolved(post, ctx):
        if resolution.status is Status.OK and resolution.path is not None:
            yield ref, ctx.images.info(resolution.path)


def _kilobytes(size: int, *, up: bool = False) -> Number:
    """``size`` in kilobytes of 1,000 bytes: a file's weight rounded up, a limit down, so a file
    just over its limit never reads as equal to it."""
    return Number(max(1, -(-size // 1000) if up else size // 1000))


@rule("YEP309", "image-too-heavy", Severity.WARNING)
def image_too_heavy(post: Post, ctx: Context) -> Iterator[Violation]:
    """An image file heavier than `max-image-bytes` (default 1,000,000 bytes).

    ## Why is this bad?
    Every reader downloads the file as it is: a 4 MB photo costs a phone seconds and its data
    plan, however small the page shows it. Width alone does not tell (YEP308): a 1600 px
    photo saved as PNG, or exported at maximum quality, weighs several times a JPEG at
    quality 80.

    ## Example
    `team.png`, a 1600 px photo saved as PNG: 2.4 MB.

    ## How to fix
    Save a photo as JPEG (or WebP) at quality 75-85 and resize it to the width the site shows;
    keep PNG for drawings and screenshots. The Yep preset allows 500,000 bytes: a 1600 px
    photo at JPEG quality 80-85 weighs 250-450 KB.

    ## Options
    `max-image-bytes` (bytes). Only the file's size is read (its stamp), once per image.
    """
    limit = ctx.settings.max_image_bytes
    for ref, info in _served(post, ctx):
        if info.size is not None and info.size > limit:
            yield Violation(
                ref.span,
                msg(
                    "image `{target}` weighs {size} KB (at most {limit} KB)",
                    target=ref.target,
                    size=_kilobytes(info.size, up=True),
                    limit=_kilobytes(limit),
                ),
                msg("save it smaller: JPEG or WebP at quality 80 for a photo, resized"),
            )


@rule("YEP310", "image-location-in-exif", Severity.WARNING)
def image_location_in_exif(post: Post, ctx: Context) -> Iterator[Violation]:
    """A photo whose EXIF holds the GPS coordinates of where it was taken.

    ## Why is this bad?
    Phones write where a photo was taken into the file, and the site publishes the file as
    it is: anyone can read the spot from it, to a few metres (a home, a client's office, a
    child's school). The build does not remove it.

    ## Example
    `thuiswerken.jpg`, taken with a phone whose camera saves its location.

    ## How to fix
    Remove the location from the file, for instance `exiftool -gps:all= thuiswerken.jpg` (or
    re-export it without metadata), and turn location off in the phone's camera settings.
    `--fix` never changes an image. The message says only that coordinates are there, never
    what they are.

    JPEG (the `APP1` EXIF segment in the first 64 KB), PNG (`eXIf`) and WebP (`EXIF`) are
    read; coordinates that are all zero (a camera without a fix) are no location.

    ## Options
    None.
    """
    for ref, info in _served(post, ctx):
        if info.location:
            yield Violation(
                ref.span,
                msg(
                    "image `{target}` holds GPS coordinates of where it was taken",
                    target=ref.target,
                ),
                msg(
                    "remove them, e.g. with `exiftool -gps:all= {name}`",
                    name=ref.target.rsplit("/", 1)[-1],
                ),
            )


@rule("YEP311", "unshown-image-format")
def unshown_image_format(post: Post, ctx: Context) -> Iterator[Violation]:
    """An image in a format browsers do not show: HEIC/HEIF, TIFF or Photoshop (PSD), told by
    the file's first bytes, whatever its extension.

    ## Why is this bad?
    Chrome, Firefox and Edge show no HEIC, TIFF or PSD image (Safari alone shows the first
    two): most readers see a broken image. HEIC is what an iPhone saves photos as, so one
    copied straight from a phone is the usual case.

    ## Example
    `workshop.heic`, copied from an iPhone.

    ## How to fix
    Convert the image to JPEG (a photo) or PNG (a drawing or screenshot) and reference the new
    file.

    ## Options
    None.
    """
    for ref, info in _served(post, ctx):
        if info.format in UNSHOWN:
            yield Violation(
                ref.span,
                msg(
                    "image `{target}` is a {format} file, which browsers do not show",
                    target=ref.target,
                    format=info.format,
                ),
                msg("convert it to JPEG (a photo) or PNG (a drawing)"),
            )
