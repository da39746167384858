"""YEP208 multiple-top-level-headings: More than one H1: a second `#` heading, or any `#` heading
when the front matter has a title (markdownlint MD025 with `front_matter_title`).
"""

from __future__ import annotations

from collections.abc import Iterator

from yeplint.diagnostics import Severity, Violation
from yeplint.document.markdown import Heading
from yeplint.document.mdx import title_heading_index
from yeplint.document.post import Post
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.headings._common import _has_title
from yeplint.rules.rule import rule


@rule("YEP208", "multiple-top-level-headings", Severity.WARNING)
def multiple_top_level_headings(post: Post, ctx: Context) -> Iterator[Violation]:
    """More than one H1: a second `#` heading, or any `#` heading when the front matter has a
    title (markdownlint MD025 with `front_matter_title`).

    ## Why is this bad?
    The site renders the front matter `title` as the page's H1, so an `#` heading in the body is
    a second H1: search engines and screen readers see two page titles.

    ## Example
    ```markdown
    ---
    title: Netwerken
    ---
    # Netwerken
    ```

    ## How to fix
    Remove the body H1 or make it an `##`. Unlike markdownlint's MD025, which only looks for a
    second H1 when the document starts with one, a second top-level heading is reported
    wherever the first one is: a page has one title. Front matter that is not read (TOML or
    JSON, see YEP006) gives no title, so markdownlint, which reads it, may report more here.

    ## Options
    `title-field`: the front matter key rendered as the H1 (default `title`); with
    `title-is-h1 = false` (MkDocs) the title is not an H1, and only a second body H1 is reported.
    On a Docusaurus site an H1 that opens the body (before any other heading or thematic
    break) is the page's title, and the front matter `title` only names the HTML page: only a
    further H1 is reported.
    """
    first: int | None = None
    has_title = ctx.settings.title_is_h1 and _has_title(post, ctx)
    title = _body_title(post) if ctx.settings.body_h1_is_title else None
    for heading in post.body.headings:
        if heading.level != 1:
            continue
        if heading is title:
            first = heading.span.line  # the page's title: the front matter's only names it
            continue
        if has_title and title is None:
            yield Violation(
                heading.span,
                msg(
                    "H1 `{text}` in the body: the front matter `{key}` is already the page's H1",
                    text=heading.text.strip(),
                    key=ctx.settings.title_field,
                ),
                msg("make it `{new}` or remove it", new=f"## {heading.text.strip()}"),
            )
        elif first is None:
            first = heading.span.line
        else:
            yield Violation(
                heading.span,
                msg(
                    "second H1 `{text}` (the first is on line {line})",
                    text=heading.text.strip(),
                    line=first,
                ),
                msg("make it `{new}`", new=f"## {heading.text.strip()}"),
            )


def _body_title(post: Post) -> Heading | None:
    """The H1 that opens the body and so is the page's title (Docusaurus), if any."""
    start = post.body_start_line
    headings = post.body.headings
    index = title_heading_index(
        post.lines[start - 1 :], [(h.level, h.span.line - start) for h in headings]
    )
    return headings[index] if index is not None else None
