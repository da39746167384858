"""YEP202 multiple-spaces-after-hash: An ATX heading has more than one space after its hashes
(markdownlint MD019).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yeplint.diagnostics import Edit, Fix, Severity, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.headings._common import _atx
from yeplint.rules.rule import rule

_MULTI_SPACE = re.compile(r"#{1,6}([ \t]{2,})(?=\S)")


@rule("YEP202", "multiple-spaces-after-hash", Severity.WARNING, fixable=True)
def multiple_spaces_after_hash(post: Post, ctx: Context) -> Iterator[Violation]:
    """An ATX heading has more than one space after its hashes (markdownlint MD019).

    ## Why is this bad?
    It renders the same, but it is usually a sign of a pasted or half-edited heading and makes
    headings hard to search for.

    ## Example
    ```markdown
    ##   Werkwijze
    ```

    ## How to fix
    Leave exactly one space: `## Werkwijze`. The diagnostic spans the whole run of spaces
    (markdownlint's MD019 points at the second space).

    ## Fix
    `--fix` turns the example into:
    ```markdown
    ## Werkwijze
    ```

    ## Options
    None.
    """
    for heading in filter(_atx, post.body.headings):
        match = _MULTI_SPACE.match(heading.raw, max(heading.raw.find("#"), 0))
        if match:
            span = Span.on_line(heading.span.line, match.start(1) + 1, len(match.group(1)))
            yield Violation(
                span,
                msg("{count} spaces after the hashes of a heading", count=len(match.group(1))),
                msg("leave one space"),
                Fix(msg("leave one space"), (Edit(span, " "),)),
            )
