"""YEP207 duplicate-heading: Two sibling headings (same level, same parent) with the same text
(markdownlint MD024 with `siblings_only`).
"""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Severity, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.rule import rule


@rule("YEP207", "duplicate-heading", Severity.WARNING)
def duplicate_heading(post: Post, ctx: Context) -> Iterator[Violation]:
    """Two sibling headings (same level, same parent) with the same text (markdownlint MD024
    with `siblings_only`).

    ## Why is this bad?
    Both get the same anchor, so links to the second one land on the first; readers cannot tell
    the sections apart.

    ## Example
    ```markdown
    ## Je leert
    ## Je leert
    ```

    ## How to fix
    Make the texts distinct, or merge the sections.

    ## Options
    None.
    """
    stack: list[dict[str, int]] = [{} for _ in range(8)]
    for heading in post.body.headings:
        for deeper in range(heading.level + 1, 8):
            stack[deeper] = {}
        key = " ".join(heading.text.split()).casefold()
        if not key:
            continue
        seen = stack[heading.level]
        if key in seen:
            yield Violation(
                heading.span,
                msg(
                    "duplicate heading `{text}` (also on line {line})",
                    text=heading.text.strip(),
                    line=seen[key],
                ),
                msg("give the sections distinct headings"),
            )
        else:
            seen[key] = heading.span.line
