"""YEP204 indented-heading: A heading that does not start at the beginning of its line
(markdownlint MD023).
"""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Severity, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg, msgn
from yeplint.rules.context import Context
from yeplint.rules.rule import rule


@rule("YEP204", "indented-heading", Severity.WARNING)
def indented_heading(post: Post, ctx: Context) -> Iterator[Violation]:
    """A heading that does not start at the beginning of its line (markdownlint MD023).

    ## Why is this bad?
    One to three spaces are allowed by CommonMark but other Markdown tools read the line as
    text or code; four spaces make it a code block.

    ## Example
    ```markdown
      ## Werkwijze
    ```

    ## How to fix
    Remove the spaces before the hashes. Indentation is measured inside the heading's
    container, as markdownlint's MD023 does: `- item` / blank line / `  ## Kop` is a heading
    at the list item's content column (not indented), while `>  ## Kop` is indented by one
    space after the quote marker. An indented setext heading (` Kop` over ` ===`) is reported
    too.

    ## Options
    None.
    """
    for heading in post.body.headings:
        indent = heading.indent
        if indent:
            raw = heading.raw  # the spaces end where the heading starts, after any `>`
            start = max(len(raw) - len(raw.lstrip(" \t>")) - indent, 0)
            yield Violation(
                Span.on_line(heading.span.line, start + 1, indent),
                msgn(
                    "heading is indented by {count} space",
                    "heading is indented by {count} spaces",
                    indent,
                ),
                msg(
                    "start the heading at the beginning of the line (or of its list item or quote)"
                ),
            )
