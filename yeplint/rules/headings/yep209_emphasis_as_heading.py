"""YEP209 emphasis-as-heading: A short paragraph that is entirely bold or italic, used instead of a
heading (markdownlint MD036).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from yeplint.diagnostics import Severity, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.headings._common import _source_column
from yeplint.rules.rule import rule


@dataclass(frozen=True)
class EmphasisOptions:
    max_length: int = 100
    """Bold or italic paragraphs longer than this are emphasised intros, not headings."""


_QUOTES = ('"', "'", "“", "”", "„", "‘", "’", "«", "»")
"""A bold or italic quotation is a quote, not a heading."""


@rule("YEP209", "emphasis-as-heading", Severity.WARNING, options=EmphasisOptions)
def emphasis_as_heading(post: Post, ctx: Context) -> Iterator[Violation]:
    """A short paragraph that is entirely bold or italic, used instead of a heading
    (markdownlint MD036).

    ## Why is this bad?
    It looks like a heading but is not one: it is missing from the outline, the table of
    contents and the page's structure for screen readers.

    ## Example
    ```markdown
    **Drie stappen**

    We beschrijven drie stappen …
    ```

    ## How to fix
    Make it a heading: `## Drie stappen`. Like MD036, a paragraph that ends in punctuation
    (`.`, `:`, `!`, and unlike MD036 also an ellipsis `…`) is taken to be emphasised text, not
    a heading; unlike MD036, a question
    (`?`) is reported too, because Dutch headings are often questions, while a quotation
    (starting with a quote mark) and paragraphs over `max-length` characters or spanning
    several lines are not. An HTML comment beside the emphasis (`**Drie stappen** <!-- … -->`)
    does not hide it. Emphasis in a block quote or a list item is not reported: a heading there
    would break the quote or the list.

    ## Options
    `max-length` (default 100), in `[rule-options.emphasis-as-heading]`.
    """
    max_length = ctx.options("YEP209", EmphasisOptions).max_length
    for paragraph in post.body.paragraphs:
        text = paragraph.text.strip()
        if (
            paragraph.emphasis_only
            and not paragraph.tight
            and not paragraph.containers
            and len(paragraph.lines) == 1
            and text
            and len(text) <= max_length
            and not text.startswith(_QUOTES)
            and text.rstrip("".join(_QUOTES))[-1:] not in tuple(".,;:!。，；：！…")
        ):
            yield Violation(
                Span(
                    paragraph.span.line,
                    _source_column(post, paragraph.span.line, paragraph.lines[0].strip()),
                    paragraph.span.end_line,
                    paragraph.span.end_column,
                ),
                msg("bold or italic text `{text}` used as a heading", text=text),
                msg("make it a heading: `{new}`", new=f"## {text}"),
            )
