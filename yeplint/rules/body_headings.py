"""YEP2xx: headings. CommonMark (pulldown-cmark) decides what is a heading; these rules follow
markdownlint's MD001, MD018-MD021, MD023-MD026 and MD036, with the differences noted per rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from yeplint.context import Context
from yeplint.diagnostics import Edit, Fix, Intent, Severity, Span, Violation
from yeplint.document import Post
from yeplint.i18n import Message, msg, msgn
from yeplint.markdown import Heading, Paragraph, column_of, structure
from yeplint.registry import rule

_NO_SPACE = re.compile(r"#{1,6}(?=[^# \t])")
"""Hashes followed by anything but a space or a tab: CommonMark accepts nothing else (a
no-break space or an em space after `##` leaves the hashes visible)."""
_CLOSED = re.compile(r"(?<=[^ \t])(#+)[ \t]*$")
_MULTI_SPACE = re.compile(r"#{1,6}([ \t]{2,})(?=\S)")


@dataclass(frozen=True)
class EmphasisOptions:
    max_length: int = 100
    """Bold or italic paragraphs longer than this are emphasised intros, not headings."""


@dataclass(frozen=True)
class PunctuationOptions:
    punctuation: str = ".,;:。，；："
    """Characters a heading may not end with (full-width ones included)."""


_QUOTES = ('"', "'", "“", "”", "„", "‘", "’", "«", "»")
"""A bold or italic quotation is a quote, not a heading."""


def _has_title(post: Post, ctx: Context) -> bool:
    data = post.data or {}
    title = data.get(ctx.settings.title_field)
    return isinstance(title, str) and bool(title.strip())


def _source_column(post: Post, line: int, needle: str) -> int:
    text = post.lines[line - 1] if 0 < line <= len(post.lines) else ""
    return max(text.find(needle), 0) + 1


def _atx(heading: Heading) -> bool:
    return not heading.setext


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
    the space it would cut the paragraph in two.

    `##Kop##` over a `---` or `===` line is a setext heading whose text shows the hashes: it
    is reported here too, and `--fix` writes `## Kop` and removes the underline.

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
    for paragraph in post.body.paragraphs:
        for k, content in enumerate(paragraph.lines):
            match = _NO_SPACE.match(content)
            if not match:
                continue
            line = paragraph.span.line + k
            hashes = match.group()
            after = content[len(hashes) :]
            invisible = after[:1] if after[:1].isspace() else ""
            words = after.lstrip() if invisible else after
            plain = paragraph.plain_starts[k] if k < len(paragraph.plain_starts) else True
            if line in template or not plain or not _starts_word(words, opening=k == 0):
                continue
            if k > 0 and len(hashes) == 1:
                continue  # a hashtag at the start of a wrapped line
            fixed_text = _heading_words(after.strip(), len(hashes))
            column = _source_column(post, line, content)
            span = Span.on_line(line, column, len(content))
            fixed = f"{hashes} {fixed_text}"
            fix = None
            certain = k == 0 and len(hashes) > 1 and words[:1].isalpha()
            if (
                certain
                and _reads_as(fixed, len(hashes), fixed_text)
                and _separable(post, paragraph)
            ):
                intent = Intent("heading", line, level=len(hashes), new=fixed_text)
                fix = Fix(msg("write `{new}`", new=fixed), (Edit(span, fixed),), intents=(intent,))
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


_SPACES = {
    "\t": msg("a tab"),
    "\u00a0": msg("a no-break space"),
    "\u202f": msg("a narrow no-break space"),
    "\u2002": msg("an en space"),
    "\u2003": msg("an em space"),
    "\u2009": msg("a thin space"),
    "\u200a": msg("a hair space"),
    "\u3000": msg("an ideographic space"),
}
"""The spaces writers paste from word processors, named in each language."""


def _character(char: str) -> Message:
    """An invisible character by name: ``a no-break space (U+00A0)``."""
    import unicodedata

    code = f"{ord(char):04X}"
    if char in _SPACES:
        return msg("{space} (U+{code})", space=_SPACES[char], code=code)
    name = unicodedata.name(char, "").lower()
    if not name:
        return msg("an invisible character (U+{code})", code=code)
    if name[:1] in "aeiou":
        return msg("an {name} (U+{code})", name=name, code=code)
    return msg("a {name} (U+{code})", name=name, code=code)


_SPACED_CLOSING = re.compile(r"(?:^|(?<=[ \t]))#+[ \t]*$")
_GLUED_CLOSING = re.compile(r"(?<=[^#\s])#+$")


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


_CONTAINER_PREFIX = re.compile(r"[ \t>+*0-9.)-]*")
"""What may stand before a paragraph's first line: indentation and container markers."""


def _separable(post: Post, paragraph: Paragraph) -> bool:
    """Whether the paragraph's first line can become a heading while its other lines stay one
    paragraph in the same container: no inline construct crosses the first line break, every
    other line carries the first line's container prefix (no lazy continuation, no four more
    spaces that would make it code), and on their own those lines parse as one paragraph."""
    first = paragraph.span.line
    prefix = _prefix(post, first, paragraph.lines[0])
    if not _CONTAINER_PREFIX.fullmatch(prefix):
        return False  # something the parser trimmed (a vertical tab) stands before the hashes
    if _lazy(prefix, paragraph.containers):
        return False  # a heading cannot continue the quote or list item the line sits in
    if len(paragraph.lines) == 1:
        return True
    if not paragraph.first_line_alone:
        return False
    for k, content in enumerate(paragraph.lines[1:], start=1):
        other = _prefix(post, first + k, content)
        if other.count(">") != prefix.count(">"):
            return False
        if (
            not len(prefix.expandtabs(4))
            <= len(other.expandtabs(4))
            < len(prefix.expandtabs(4)) + 4
        ):
            return False
    rest = list(paragraph.lines[1:])
    shapes = [shape for _, shape in structure(rest)]
    kinds = [shape.type for shape in shapes]
    # the same text: a reference definition (no token) must not have been taken out of it
    return kinds == ["paragraph_open", "inline", "paragraph_close"] and shapes[1].content == (
        "\n".join(rest).strip()
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


@rule("YEP205", "heading-increment")
def heading_increment(post: Post, ctx: Context) -> Iterator[Violation]:
    """A heading skips a level: an `###` right after an `#` or the page title (markdownlint
    MD001).

    ## Why is this bad?
    Screen readers and the table of contents use the levels as an outline; a skipped level
    makes a hole in it. On sites that render the `title` as the H1, the first heading of the
    body should be an `##`.

    ## Example
    ```markdown
    ## Werkwijze
    #### Dag 1
    ```

    ## How to fix
    Use the next level down (`###`). Unlike MD001, the front matter title counts as the H1 that
    comes before the body.

    ## Options
    `title-field`: the front matter key rendered as the H1 (default `title`).
    """
    previous = 1 if ctx.settings.title_is_h1 and _has_title(post, ctx) else 0
    for heading in post.body.headings:
        if previous and heading.level > previous + 1:
            yield Violation(
                heading.span,
                msg(
                    "heading level {level} follows level {previous}: level {skipped} is skipped",
                    level=heading.level,
                    previous=previous,
                    skipped=previous + 1,
                ),
                msg("make it `{new}`", new=f"{'#' * (previous + 1)} {heading.text}"),
            )
        previous = heading.level


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
    """
    first: int | None = None
    has_title = ctx.settings.title_is_h1 and _has_title(post, ctx)
    for heading in post.body.headings:
        if heading.level != 1:
            continue
        if has_title:
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
