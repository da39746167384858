"""MDX (``.mdx``, Astro and Docusaurus): the lines that are JavaScript or JSX, not Markdown.

No well-kept Python MDX parser exists; this is a line scanner for the block-level constructs
of MDX 2+ (mdxjs.com, "MDX syntax"), which the Markdown parser then sees as blank lines (so
every position stays where it is):

- **ESM**: a line starting at column 0 with ``import`` or ``export`` and a space, up to the next
  blank line;
- **expressions**: a line starting (after indentation) with ``{``, up to the line where its braces
  balance, with JavaScript strings, template literals and comments skipped (``{/* … */}`` is
  MDX's comment);
- **JSX tags**: a line starting (after indentation) with ``<`` and a letter, ``/`` or ``>``, up
  to the ``>`` that closes the tag (attributes may span lines and hold ``{…}``), when only
  tags and white space follow on the line where the last tag ends (as in MDX, JSX is a block
  only then: ``<a href="x">text</a>`` is a paragraph). The Markdown between an opening and a
  closing tag stays Markdown.

An expression that is only a comment, ``{/* … */}`` (MDX has no HTML comments), is a comment
of the page: on a line of its own, or at the end of a Markdown line when it starts with
``yeplint-`` (an inline suppression, ``{/* yeplint-disable-line YEP201 */}``).

Fenced code blocks are skipped whole. An ``<img>`` or ``<Image>`` tag with a literal ``src``
(``src="…"``, ``src={"…"}``) is an image reference, with its ``alt``; ``src={expression}`` is
not checked. Not understood (left to the Markdown parser): inline expressions and JSX in the
middle of a paragraph, and MDX's removal of indented code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from yeplint.document.source import LineStarts

# Compiled on first use, and the records below are no dataclasses: every run imports this
# module (the engine asks any page for its rendered imports), few have an MDX page.


@cache
def _patterns() -> tuple[re.Pattern[str], ...]:
    """ESM line, fence, tag start, image tag, attribute."""
    return (
        re.compile(r"(import|export)[ \t]"),
        re.compile(r"^[ \t]*(`{3,}|~{3,})"),
        re.compile(r"[ \t]*<([A-Za-z/>])"),
        re.compile(r"<(img|Image)\b", re.I),
        re.compile(
            r"([\w:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)'|\{\s*(?:\"([^\"]*)\"|'([^']*)'"
            r"|`([^`$]*)`)\s*\}|(\{))"
        ),
    )


class MdxImage(NamedTuple):
    src: str
    alt: str | None
    line: int
    """0-based line index in the body."""
    column: int
    end_line: int
    end_column: int


class MdxComment(NamedTuple):
    text: str
    """What is between ``/*`` and ``*/``."""
    line: int
    """0-based line index in the body."""
    column: int
    end_line: int
    end_column: int


class MdxScan:
    __slots__ = ("comments", "images", "opaque")

    def __init__(self) -> None:
        self.opaque: set[int] = set()
        """0-based indexes of the body lines that are not Markdown."""
        self.images: list[MdxImage] = []
        self.comments: list[MdxComment] = []


class _Reader:
    """JavaScript-aware scanning from a position in the joined text."""

    def __init__(self, text: str) -> None:
        self.text = text

    def skip_string(self, pos: int) -> int:
        """From an opening quote at ``pos``, the index after the closing one."""
        text, quote = self.text, self.text[pos]
        pos += 1
        while pos < len(text):
            char = text[pos]
            if char == "\\":
                pos += 2
                continue
            if quote == "`" and text.startswith("${", pos):
                pos = self.balanced(pos + 1)
                continue
            if char == quote:
                return pos + 1
            if char == "\n" and quote != "`":
                return pos
            pos += 1
        return pos

    def balanced(self, pos: int) -> int:
        """From a ``{`` at ``pos``, the index after its matching ``}``."""
        text, depth = self.text, 0
        while pos < len(text):
            char = text[pos]
            if char in "\"'`":
                pos = self.skip_string(pos)
                continue
            if text.startswith("/*", pos):
                end = text.find("*/", pos + 2)
                pos = len(text) if end < 0 else end + 2
                continue
            if text.startswith("//", pos):
                end = text.find("\n", pos)
                pos = len(text) if end < 0 else end
                continue
            if char == "{":
                depth += 1
            elif char == "}":
                depth -= 1
                if depth == 0:
                    return pos + 1
            pos += 1
        return pos

    def tag_end(self, pos: int) -> int:
        """From a ``<`` at ``pos``, the index after the ``>`` that closes the tag."""
        text = self.text
        pos += 1
        while pos < len(text):
            char = text[pos]
            if char == "{":
                pos = self.balanced(pos)
                continue
            if char in "\"'":
                pos = self.skip_string(pos)
                continue
            if char == ">":
                return pos + 1
            pos += 1
        return pos


def scan(lines: list[str]) -> MdxScan:
    """The non-Markdown lines of an MDX body, and its JSX images."""
    result = MdxScan()
    esm, fence_at, tag_start, _, _ = _patterns()
    text = "\n".join(lines)
    index_of = LineStarts(text)
    starts, line_of = index_of.starts, index_of.line
    reader = _Reader(text)

    index = 0
    fence: str | None = None
    while index < len(lines):
        line = lines[index]
        opened = fence_at.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0] and len(opened.group(1)) >= len(fence):
                fence = None
            index += 1
            continue
        if opened:
            fence = opened.group(1)
            index += 1
            continue
        stripped = line.lstrip(" \t")
        if esm.match(line):
            while index < len(lines) and lines[index].strip():
                result.opaque.add(index)
                index += 1
            continue
        if stripped.startswith("{"):
            begin = starts[index] + len(line) - len(stripped)
            end = reader.balanced(begin)
            last = line_of(max(end - 1, starts[index]))
            comment = _comment().fullmatch(text, begin, end)
            if comment is not None:
                _add_comment(comment, result, line_of, starts)
            result.opaque.update(range(index, last + 1))
            index = last + 1
            continue
        if tag_start.match(line):
            begin = starts[index] + len(line) - len(stripped)
            last = index
            pos = begin
            tags = []
            while True:  # every tag on the line (`<Card><Image src=… /></Card>`)
                end = reader.tag_end(pos)
                tags.append((pos, end))
                last = line_of(max(end - 1, pos))
                rest = text[end : starts[last] + len(lines[last])]
                following = rest.lstrip(" \t")
                if not following.startswith("<"):
                    break
                pos = end + len(rest) - len(following)
            if following:  # text after the tags: a paragraph, the tags inline JSX in it
                index += 1
                continue
            for pos, end in tags:
                _image(text[pos:end], pos, end, line_of, lines, starts, result)
            result.opaque.update(range(index, last + 1))
            index = last + 1
            continue
        if "{/*" in line or "{ /*" in line:
            for found in _comment().finditer(text, starts[index], starts[index] + len(line)):
                before = line[: found.start() - starts[index]]
                if found.group(1).lstrip().startswith("yeplint-") and before.count("`") % 2 == 0:
                    _add_comment(found, result, line_of, starts)
        index += 1
    return result


@cache
def _comment() -> re.Pattern[str]:
    """An expression that is only a comment: ``{/* … */}``."""
    return re.compile(r"\{[ \t]*/\*(.*?)\*/[ \t]*\}", re.S)


def _add_comment(
    found: re.Match[str], result: MdxScan, line_of: Callable[[int], int], starts: list[int]
) -> None:
    first, last = line_of(found.start()), line_of(max(found.end() - 1, found.start()))
    result.comments.append(
        MdxComment(
            found.group(1),
            first,
            found.start() - starts[first],
            last,
            found.end() - starts[last],
        )
    )


def _image(
    tag: str,
    start: int,
    end: int,
    line_of: Callable[[int], int],
    lines: list[str],
    starts: list[int],
    result: MdxScan,
) -> None:
    _, _, _, image_tag, attribute = _patterns()
    if not image_tag.match(tag):
        return
    attributes: dict[str, str | None] = {}
    for match in attribute.finditer(tag):
        name, *values = match.groups()
        literal = next((v for v in values[:-1] if v is not None), None)
        attributes[name.lower()] = literal  # `src={expr}`: None
    if attributes.get("src") is None:
        return
    first, last = line_of(start), line_of(max(end - 1, start))
    alt = attributes.get("alt")
    if "alt" in attributes and alt is None:
        alt = "{…}"  # an expression: some text, not known here
    result.images.append(
        MdxImage(
            str(attributes["src"]),
            alt,
            first,
            start - starts[first],
            last,
            min(end - starts[last], len(lines[last])),  # an unclosed tag ends with its line
        )
    )


@cache
def _markdown_import() -> re.Pattern[str]:
    return re.compile(
        r"""^import[ \t]+([A-Za-z_$][\w$]*)[ \t]+from[ \t]+(["'])([^"'\n]+\.mdx?)\2""", re.M
    )


def rendered_imports(text: str) -> list[str]:
    """The Markdown files (``.md``, ``.mdx``) the page imports as a component and renders
    (``import Intro from './_intro.mdx'`` then ``<Intro />``), as written: their headings are
    the page's. An import the page never renders adds nothing."""
    if "import" not in text:
        return []
    found = []
    for match in _markdown_import().finditer(text):
        name, path = match.group(1), match.group(3)
        if re.search(rf"<{re.escape(name)}[\s/>]", text[match.end() :]):
            found.append(path)
    return found


@cache
def _thematic_break() -> re.Pattern[str]:
    return re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")


def title_heading_index(lines: list[str], levels: list[tuple[int, int]]) -> int | None:
    """Which heading is the page's title for Docusaurus (its ``contentTitle``): the first
    heading of the body, when it is an H1 and no thematic break comes before it. ``lines``
    are the body's, ``levels`` each heading's (level, 0-based line in the body) in order; the
    index into ``levels``, or ``None``."""
    if not levels or levels[0][0] != 1:
        return None
    fence: str | None = None
    fence_at, thematic_break = _patterns()[1], _thematic_break()
    for line in lines[: levels[0][1]]:
        opened = fence_at.match(line)
        if fence is not None:
            if opened and opened.group(1)[0] == fence[0]:
                fence = None
        elif opened:
            fence = opened.group(1)
        elif thematic_break.match(line):
            return None
    return 0
