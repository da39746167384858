"""YEP210 heading-trailing-punctuation: A heading ends in `.`, `,`, `;` or `:` (markdownlint MD026,
but `?` and `!` are allowed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yeplint import record
from yeplint.diagnostics import Severity, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.headings._common import _source_column
from yeplint.rules.rule import rule


@record
class PunctuationOptions:
    punctuation: str = ".,;:。，；："
    """Characters a heading may not end with (full-width ones included)."""


_SHORTCODE = re.compile(r":[a-z0-9_+\-]+:$")


_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});$")


def _rendered_end(text: str) -> str:
    """The end of a heading's text as a reader sees it: a known entity decoded, an emoji
    shortcode dropped."""
    if _SHORTCODE.search(text):
        return ""
    entity = _ENTITY.search(text)
    if entity:
        import html

        decoded = html.unescape(entity.group())
        if decoded != entity.group():  # known: what shows is the character
            return text[: entity.start()] + decoded
    return text


@rule(
    "YEP210",
    "heading-trailing-punctuation",
    Severity.WARNING,
    options=PunctuationOptions,
)
def heading_trailing_punctuation(post: Post, ctx: Context) -> Iterator[Violation]:
    """A heading ends in `.`, `,`, `;` or `:` (markdownlint MD026, but `?` and `!` are allowed).

    ## Why is this bad?
    A heading is a title, not a sentence; the trailing punctuation shows up in the outline and
    in the anchor.

    ## Example
    ```markdown
    ## Tot slot:
    ```

    ## How to fix
    Remove the punctuation. Questions and exclamations (`?`, `!`) are fine: Dutch headings are
    often questions (markdownlint's MD026 reports `!` by default).

    The rendered text is judged: full-width punctuation (`：；，。`) counts, an entity is decoded
    first (`&copy;` ends in `©`, not `;`; an unknown one such as `&nosuch;` still ends in `;`,
    which markdownlint's MD026 skips), an emoji shortcode at the end (`:bug:`) is not a colon,
    and an ellipsis (`...`) is fine (MD026 reports it).

    ## Options
    `punctuation` (default `.,;:`), in `[rule-options.heading-trailing-punctuation]`.
    """
    punctuation = ctx.options("YEP210", PunctuationOptions).punctuation
    for heading in post.body.headings:
        text = heading.text.rstrip()
        shown = _rendered_end(text)
        if shown and shown[-1] in punctuation and not shown.endswith("..."):
            line = heading.span.end_line if heading.setext else heading.span.line
            column = _source_column(post, line, text[-1:]) if not heading.setext else 1
            source = post.lines[line - 1] if 0 < line <= len(post.lines) else ""
            column = source.rstrip().rfind(text[-1]) + 1 if text[-1] in source else column
            yield Violation(
                Span.on_line(line, column, 1),
                msg("heading ends with `{mark}`", mark=text[-1]),
                msg("remove it: `{new}`", new=text[:-1].rstrip()),
            )
