"""YEP207 duplicate-heading: Two sibling headings (same level, same parent) with the same text
(markdownlint MD024 with `siblings_only`).
"""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Severity, Violation
from yeplint.document.markdown import exclusive
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
    Make the texts distinct, or merge the sections. The same heading in two branches of a
    template conditional (`{% if %}`/`{% else %}`, `{% ifversion %}`, `{% unless %}`,
    `{% case %}`) is no duplicate: only one branch renders. A heading's `{#id}` is not part of
    its text: two headings that differ only in it read the same (markdownlint's MD024 counts it
    in).

    ## Options
    None.
    """
    branches = post.body.branches
    stack: list[dict[str, list[int]]] = [{} for _ in range(8)]
    for heading in post.body.headings:
        for deeper in range(heading.level + 1, 8):
            stack[deeper] = {}
        key = " ".join(heading.text.split()).casefold()
        if not key:
            continue
        seen = stack[heading.level].setdefault(key, [])
        here = branches.get(heading.span.line, ())
        # the same heading in another branch of an `{% if %}` never renders beside this one
        earlier = [line for line in seen if not exclusive(branches.get(line, ()), here)]
        if earlier:
            yield Violation(
                heading.span,
                msg(
                    "duplicate heading `{text}` (also on line {line})",
                    text=heading.text.strip(),
                    line=earlier[0],
                ),
                msg("give the sections distinct headings"),
            )
        else:
            seen.append(heading.span.line)
