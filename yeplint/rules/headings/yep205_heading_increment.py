"""YEP205 heading-increment: A heading skips a level: an `###` right after an `#` or the page title
(markdownlint MD001).
"""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Violation
from yeplint.document.markdown import Heading, exclusive
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.headings._common import _has_title
from yeplint.rules.rule import rule


@rule("YEP205", "heading-increment")
def heading_increment(post: Post, ctx: Context) -> Iterator[Violation]:
    """A heading skips a level: an `###` right after an `#` or the page title (markdownlint
    MD001).

    ## Why is this bad?
    Screen readers and the table of contents use the levels as an outline; a skipped level
    makes a hole in it. On sites that render the `title` as the H1, the first heading of the
    body should be an `##`.

    ## Example
    ```markdown
    ## Werkwijze
    #### Dag 1
    ```

    ## How to fix
    Use the next level down (`###`). Unlike MD001, the front matter title counts as the H1 that
    comes before the body.

    ## Options
    `title-field`: the front matter key rendered as the H1 (default `title`).
    """
    title = 1 if ctx.settings.title_is_h1 and _has_title(post, ctx) else 0
    branches = post.body.branches
    earlier: list[Heading] = []
    for heading in post.body.headings:
        here = branches.get(heading.span.line, ())
        # a heading in another branch of an `{% if %}` never renders before this one
        shown = (h for h in reversed(earlier) if not exclusive(branches.get(h.span.line, ()), here))
        previous = next((h.level for h in shown), title)
        earlier.append(heading)
        if previous and heading.level > previous + 1:
            yield Violation(
                heading.span,
                msg(
                    "heading level {level} follows level {previous}: level {skipped} is skipped",
                    level=heading.level,
                    previous=previous,
                    skipped=previous + 1,
                ),
                msg("make it `{new}`", new=f"{'#' * (previous + 1)} {heading.text}"),
            )
