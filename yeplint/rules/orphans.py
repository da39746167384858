"""Files no page uses (YEP5xx); the engine finds them once every page is checked."""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Severity, Violation
from yeplint.document.post import Post
from yeplint.rules.context import Context
from yeplint.rules.rule import rule


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
    `acme.json`) is taken to be that page's picture, which a template shows: not reported.

    ## Options
    `orphan-ignore`: globs of images that are never orphans. Reported at the image, only in a
    run that checks every page of the site (a partial run cannot know who uses an image), for
    the images in the folders of the checked pages.
    """
    return iter(())
