"""YEP203 closed-heading-mismatch: A closed ATX heading (`## Kop ##`) whose closing hashes are
glued to the text or do not match the opening ones (markdownlint MD020/MD021).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yeplint.diagnostics import Severity, Span, Violation
from yeplint.document.post import Post
from yeplint.locale.messages import Message, msg
from yeplint.rules.context import Context
from yeplint.rules.headings._common import _atx, _character
from yeplint.rules.rule import rule

_CLOSED = re.compile(r"(?<=[^ \t])(#+)[ \t]*$")


@rule("YEP203", "closed-heading-mismatch", Severity.WARNING)
def closed_heading_mismatch(post: Post, ctx: Context) -> Iterator[Violation]:
    """A closed ATX heading (`## Kop ##`) whose closing hashes are glued to the text or do not
    match the opening ones (markdownlint MD020/MD021).

    ## Why is this bad?
    `## Kop##` publishes the closing hashes as part of the heading text; `## Kop ###` renders
    fine but suggests a mistake in the level.

    ## Example
    ```markdown
    ## Werkwijze##
    ```

    ## How to fix
    Drop the closing hashes (`## Werkwijze`), or separate them by one space and use as many as
    at the start. A no-break space before them does not count as a space (the message names
    it). For a word that ends in `#` (`## Werken met C#`) the hint offers `C\\#` first, which
    every Markdown tool shows as `C#`. Unlike MD020, the diagnostic points at the closing
    hashes, not at the last letter; the count mismatch has no markdownlint counterpart. In
    `##  Kop  ##` the extra spaces after the opening hashes are YEP202's; those before the
    closing hashes (MD021) are not reported, as they change nothing a reader sees.

    ## Options
    None.
    """
    for heading in filter(_atx, post.body.headings):
        text = heading.text
        glued = _CLOSED.search(text)
        if glued and not text[: glued.start()].endswith("\\"):
            source = post.lines[heading.span.line - 1]
            column = source.rstrip().rfind(glued.group(1)) + 1
            yield Violation(
                Span.on_line(heading.span.line, column, len(glued.group(1))),
                *_glued_closing(text, glued, heading.level),
            )
            continue
        raw = heading.raw.rstrip()
        closing = re.search(r"[ \t](#+)$", raw)
        if closing and len(closing.group(1)) != heading.level and raw.lstrip(" >").startswith("#"):
            yield Violation(
                Span.on_line(heading.span.line, closing.start(1) + 1, len(closing.group(1))),
                msg(
                    "heading opens with {opening} and closes with {closing} hashes",
                    opening=heading.level,
                    closing=len(closing.group(1)),
                ),
                msg("write `{new}`", new=f"{'#' * heading.level} {text}"),
            )


def _glued_closing(text: str, glued: re.Match[str], level: int) -> tuple[Message, Message]:
    """Message and hint for hashes at the end of a heading's text. A hint never drops text
    the writer may have meant: `C#` is offered escaped first."""
    before = text[glued.start() - 1]
    hashes = glued.group(1)
    opening = "#" * level
    kept = text[: glued.start()].rstrip()
    if before.isspace():  # a no-break space or another that CommonMark does not count
        return (
            msg(
                "the closing hashes follow {character}, not a space: they are part of the"
                " heading text",
                character=_character(before),
            ),
            msg("replace it with a normal space: `{new}`", new=f"{opening} {kept} {hashes}"),
        )
    if before.isalnum() and len(hashes) != level:
        word = text[: glued.start()].split()[-1] + hashes
        return (
            msg(
                "`{word}` ends in `{hashes}`: closing hashes need a space before them, so they"
                " are part of the heading text",
                word=word,
                hashes=hashes,
            ),
            msg(
                "write `{escaped}` to show the `{hashes}` safely, or `{new}` if they close the"
                " heading",
                escaped=f"{opening} {text[: glued.start()]}\\{hashes}",
                hashes=hashes,
                new=f"{opening} {kept}",
            ),
        )
    return (
        msg("closing hashes are part of the heading text: they need a space before them"),
        msg("write `{new}`", new=f"{opening} {kept}"),
    )
