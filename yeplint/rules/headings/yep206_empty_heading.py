"""YEP206 empty-heading: A heading without text."""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule


@rule("YEP206", "empty-heading")
def empty_heading(post: Post, ctx: Context) -> Iterator[Violation]:
    """A heading without text.

    ## Why is this bad?
    It renders as an empty, invisible heading that still takes space and shows up in the
    outline.

    ## Example
    ```markdown
    ##
    ```

    ## How to fix
    Write the heading's text, or remove the line. markdownlint has no counterpart.

    ## Options
    None.
    """
    for heading in post.body.headings:
        if not heading.text.strip():
            yield Violation(
                heading.span, msg("heading has no text"), msg("add text or remove the line")
            )
