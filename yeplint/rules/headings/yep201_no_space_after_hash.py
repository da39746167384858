"""YEP201 no-space-after-hash: A line starts with `#` characters directly followed by a word, so it
is not a heading.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from yeplint import LazyPattern
from yeplint.diagnostics import Edit, Fix, Intent, Span, Violation
from yeplint.document.markdown import Paragraph, column_of
from yeplint.document.post import Post
from yeplint.document.shape import inline_shape, structure
from yeplint.locale.messages import msg
from yeplint.rules.context import Context
from yeplint.rules.headings._common import _character, _source_column
from yeplint.rules.rule import rule

_NO_SPACE = LazyPattern(r"#{1,6}(?=[^# \t])")
"""Hashes followed by anything but a space or a tab: CommonMark accepts nothing else (a
no-break space or an em space after `##` leaves the hashes visible)."""


@rule("YEP201", "no-space-after-hash", fixable=True)
def no_space_after_hash(post: Post, ctx: Context) -> Iterator[Violation]:
    """A line starts with `#` characters directly followed by a word, so it is not a heading.

    ## Why is this bad?
    CommonMark needs a space or a tab after the `#`s. `##Kop` and `##Kop##` are published as a
    plain paragraph with the hashes visible, not as a heading. So is `##` followed by a
    no-break space or another Unicode space (pasted from a word processor): it looks right in
    the editor, and the message names the invisible character.

    ## Example
    ```markdown
    ##Waarom coaching?
    ```

    ## How to fix
    Put a space after the hashes: `## Waarom coaching?`. `--fix` does this when it is certain
    the writer meant a heading: two or more hashes start a paragraph, are followed by a letter
    and sit in plain text, nothing on that line (a code span, a link, emphasis) continues on
    the next one, and the paragraph's other lines stay one paragraph. A single `#` is reported
    but not fixed: `#Inleiding` may be a heading, `#teamwork` is a hashtag.

    Only what the inline parse says is plain text counts. Not reported, because no heading was
    meant: lines in code blocks and in template code blocks (Liquid `{% highlight %}`, Hugo
    `{{</* highlight */>}}`), `#` followed by a digit or a sign (`#16197`, `#!/usr/bin/env`,
    `#=>`, `#{name}`, the keycap emoji `#️⃣`), a line that continues a code span, link or inline
    HTML from the line before, and a single `#` on a paragraph's continuation line (a hashtag
    in a wrapped sentence). `##Kop` on a continuation line is reported without a fix: with
    the space it would cut the paragraph in two. Under lines that all become headings
    (`##Kop` lines one under the other) it starts what is left of the paragraph, and is fixed
    with them in one run.

    `##Kop##` over a `---` or `===` line is a setext heading whose text shows the hashes: it
    is reported here too, and `--fix` writes `## Kop` and removes the underline.

    On an MkDocs site a `#` line is not reported: Python-Markdown renders `#Kop` as a heading
    (it is in the page's headings, with its anchor).

    Unlike markdownlint's MD018, `##Kop` inside a blockquote or list item is reported too,
    `###Kop###` is reported here rather than as MD020, and the cases above are not reported.

    ## Fix
    `--fix` turns the example into:
    ```markdown
    ## Waarom coaching?
    ```

    ## Options
    None.
    """
    template = post.body.template_lines
    headings = {h.span.line for h in post.body.headings}  # MkDocs: `#x` renders as a heading
    for paragraph in post.body.paragraphs:
        if not paragraph.has_hash_line:
            continue  # most paragraphs: their lines are never built
        chain = True  # every line above this one in the paragraph becomes a heading
        for k, content in enumerate(paragraph.lines):
            fix = None
            match = _NO_SPACE.match(content)
            line = paragraph.span.line + k
            if not match or line in headings:
                chain = False
                continue
            hashes = match.group()
            after = content[len(hashes) :]
            invisible = after[:1] if after[:1].isspace() else ""
            words = after.lstrip() if invisible else after
            plain = paragraph.plain_starts[k] if k < len(paragraph.plain_starts) else True
            if line in template or not plain or not _starts_word(words, opening=k == 0):
                chain = False
                continue
            if k > 0 and len(hashes) == 1:
                chain = False
                continue  # a hashtag at the start of a wrapped line
            fixed_text = _heading_words(after.strip(), len(hashes))
            column = _source_column(post, line, content)
            span = Span.on_line(line, column, len(content))
            fixed = f"{hashes} {fixed_text}"
            # a line under lines that all become headings starts the paragraph that is left
            certain = chain and len(hashes) > 1 and words[:1].isalpha()
            if (
                certain
                and _reads_as(fixed, len(hashes), fixed_text)
                and _separable(post, paragraph, k)
            ):
                intent = Intent("heading", line, level=len(hashes), new=fixed_text)
                fix = Fix(msg("write `{new}`", new=fixed), (Edit(span, fixed),), intents=(intent,))
            chain = fix is not None
            message = msg(
                "no space after `{hashes}`: this line is a paragraph, not a heading",
                hashes=hashes,
            )
            hint = msg("write `{new}`", new=fixed)
            if invisible:
                message = msg(
                    "`{hashes}` is followed by {character}, not a space: this line is a"
                    " paragraph, not a heading",
                    hashes=hashes,
                    character=_character(invisible),
                )
                hint = msg("replace it with a normal space: `{new}`", new=fixed)
            yield Violation(span, message, hint, fix)
    yield from _underlined_hashes(post)


def _underlined_hashes(post: Post) -> Iterator[Violation]:
    """`##Kop##` over a `---` or `===` line: a setext heading whose text shows the hashes.
    The writer meant the hashes: the fix writes the ATX heading and removes the underline."""
    for heading in post.body.headings:
        match = _NO_SPACE.match(heading.text) if heading.setext else None
        if match is None or "\n" in heading.text or heading.span.line in post.body.template_lines:
            continue
        hashes = match.group()
        words = heading.text[len(hashes) :].lstrip()
        if not _starts_word(words, opening=True):
            continue
        fixed_text = _heading_words(words.strip(), len(hashes))
        fixed = f"{hashes} {fixed_text}"
        line = heading.span.line
        source = post.lines[line - 1]
        column = column_of(heading.text, source) + 1
        span = Span.on_line(line, column, len(source) - column + 1)
        underline = heading.span.end_line + 1
        below = post.lines[underline - 1] if underline <= len(post.lines) else ""
        marks = re.search(r"[ \t]*[-=]+[ \t]*$", below)
        fix = None
        if marks and words[:1].isalpha() and _reads_as(fixed, len(hashes), fixed_text):
            edits = (
                Edit(span, fixed),
                Edit(Span.on_line(underline, marks.start() + 1, len(marks.group())), ""),
            )
            intent = Intent("retitle", line, level=len(hashes), new=fixed_text)
            description = msg("write `{new}` and remove the underline", new=fixed)
            fix = Fix(description, edits, intents=(intent,))
        yield Violation(
            span,
            msg(
                "`{text}` is underlined, so it is a heading whose text shows `{hashes}`",
                text=heading.text,
                hashes=hashes,
            ),
            msg(
                "write `{new}` and remove the `{underline}` line under it",
                new=fixed,
                underline=marks.group().strip() if marks else "---",
            ),
            fix,
        )


_SPACED_CLOSING = LazyPattern(r"(?:^|(?<=[ \t]))#+[ \t]*$")


_GLUED_CLOSING = LazyPattern(r"(?<=[^#\s])#+$")


def _heading_words(text: str, level: int) -> str:
    """The heading text the writer meant: without a closing sequence (`##Kop ##`), and without
    hashes glued to the last word when they mirror the opening ones (`##Kop##`; `C#` stays)."""
    spaced = _SPACED_CLOSING.search(text)
    if spaced:
        return text[: spaced.start()].rstrip()
    glued = _GLUED_CLOSING.search(text)
    if glued and len(glued.group()) == level:
        return text[: glued.start()].rstrip()
    return text


def _reads_as(line: str, level: int, text: str) -> bool:
    """Whether ``line`` alone is a heading of ``level`` whose text is ``text``."""
    shapes = [shape for _, shape in structure([line])]
    return (
        len(shapes) == 3
        and shapes[0].tag == f"h{level}"
        and shapes[0].type == "heading_open"
        and shapes[1].content == text
    )


_CONTAINER_PREFIX = LazyPattern(r"[ \t>+*0-9.)-]*")
"""What may stand before a paragraph's first line: indentation and container markers."""


def _separable(post: Post, paragraph: Paragraph, start: int = 0) -> bool:
    """Whether the paragraph's line ``start`` (its first, or one under lines that all become
    headings) can become a heading while the lines under it stay one paragraph in the same
    container: no inline construct crosses its line break, every line under it carries its
    container prefix (no lazy continuation, no four more spaces that would make it code), and
    on their own those lines parse as one paragraph."""
    lines = paragraph.lines[start:]
    first = paragraph.span.line + start
    prefix = _prefix(post, first, lines[0])
    if not _CONTAINER_PREFIX.fullmatch(prefix):
        return False  # something the parser trimmed (a vertical tab) stands before the hashes
    if _lazy(prefix, paragraph.containers):
        return False  # a heading cannot continue the quote or list item the line sits in
    if len(lines) == 1:
        return True
    if not (paragraph.first_line_alone if start == 0 else _alone(lines)):
        return False
    for k, content in enumerate(lines[1:], start=1):
        other = _prefix(post, first + k, content)
        if other.count(">") != prefix.count(">"):
            return False
        if (
            not len(prefix.expandtabs(4))
            <= len(other.expandtabs(4))
            < len(prefix.expandtabs(4)) + 4
        ):
            return False
    rest = list(lines[1:])
    shapes = [shape for _, shape in structure(rest)]
    kinds = [shape.type for shape in shapes]
    # the same text: a reference definition (no token) must not have been taken out of it
    return kinds == ["paragraph_open", "inline", "paragraph_close"] and shapes[1].content == (
        "\n".join(rest).strip()
    )


def _alone(lines: tuple[str, ...]) -> bool:
    """Whether no inline construct runs from the first of ``lines`` into the next: the first
    line and the others, each parsed on its own, are the whole parsed with a line break."""
    joined = inline_shape("\n".join(lines))
    head, rest = inline_shape(lines[0]), inline_shape("\n".join(lines[1:]))
    cut = len(head)
    return (
        len(joined) == cut + 1 + len(rest)
        and joined[cut].type == "softbreak"
        and joined[:cut] == head
        and joined[cut + 1 :] == rest
    )


def _lazy(prefix: str, containers: tuple[str, ...]) -> bool:
    """Whether a paragraph line with this prefix is a lazy continuation: it lacks a `>` of a
    quote it sits in, or the indentation of the list item it sits in (after a reference
    definition, the paragraph can start on such a line)."""
    if prefix.count(">") != containers.count("blockquote"):
        return True
    if containers and containers[-1] == "list_item":
        inside = prefix.rpartition(">")[2]
        return not inside.removeprefix(" ").strip(" \t") and len(inside.expandtabs(4)) < 2
    return False


def _prefix(post: Post, line: int, content: str) -> str:
    """What stands before a paragraph line's content in the source: container markers and
    indentation."""
    source = post.lines[line - 1] if 0 < line <= len(post.lines) else ""
    return source[: column_of(content, source)]


def _starts_word(text: str, *, opening: bool) -> bool:
    """What follows the hashes starts a word: a letter, or on a paragraph's first line also
    emphasis or a link around one (`##**Kop**`, `##[Kop](url)`)."""
    if text[:1].isalpha():
        return True
    return opening and text[:1] in ("*", "_", "[") and text.lstrip("*_[")[:1].isalpha()
