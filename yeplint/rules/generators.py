"""Rules about a generator's own conventions (YEP6xx)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from yeplint import LazyPattern
from yeplint.diagnostics import Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule

_DATED = LazyPattern(r"(\d{4})-(\d{1,2})-(\d{1,2})-(.+)")


@rule("YEP601", "invalid-post-file-name")
def invalid_post_file_name(post: Post, ctx: Context) -> Iterator[Violation]:
    """A post in a dated folder (Jekyll's `_posts/`) whose file name is not
    `YYYY-MM-DD-title.md` with a real date.

    ## Why is this bad?
    Jekyll takes a post's date from its file name and skips a file whose name does not start
    with a valid date: the post is silently not published. `2024-02-30-title.md` names a day
    that does not exist.

    ## Example
    `_posts/2024-02-30-nieuw-seizoen.md`, or `_posts/nieuw-seizoen.md`.

    ## How to fix
    Rename the file to the post's real date: `_posts/2024-02-29-nieuw-seizoen.md`.

    ## Options
    `dated-folders`: the folder names whose files carry a date (Jekyll: `_posts`).
    """
    folders = ctx.settings.dated_folders
    if not folders or not any(part in folders for part in post.path.parent.parts):
        return
    name = post.path.name
    match = _DATED.fullmatch(name)
    where = Span.point(1)
    if match is None:
        yield Violation(
            where,
            msg(
                "post file name `{name}` does not start with a date: it is not published", name=name
            ),
            msg("name it `{new}`", new="YYYY-MM-DD-title" + post.path.suffix),
        )
        return
    year, month, day, _ = match.groups()
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        yield Violation(
            where,
            msg(
                "`{date}` in the file name `{name}` is not a date in the calendar",
                date=f"{year}-{month}-{day}",
                name=name,
            ),
            msg("rename the file to the post's real date"),
        )
        return
    if len(month) < 2 or len(day) < 2:
        yield Violation(
            where,
            msg(
                "`{date}` in the file name `{name}` is not a YYYY-MM-DD date",
                date=f"{year}-{month}-{day}",
                name=name,
            ),
            msg("name it `{new}`", new=f"{year}-{int(month):02d}-{int(day):02d}-…"),
        )
