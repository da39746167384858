"""The test oracle for :mod:`yeplint.document.markdown`: the same
:class:`~yeplint.document.markdown.Body` built
from a markdown-it-py parse (yeplint's parser before it moved to pulldown-cmark).

markdown-it-py follows CommonMark 0.31.2 and gives every block token a line map. Inline tokens
have no positions, so the inline rules are wrapped to record where each token starts in its
block's text, and block text is mapped back to the original lines. Only tests import this.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.autolink import autolink
from markdown_it.rules_inline.backticks import backtick
from markdown_it.rules_inline.html_inline import html_inline
from markdown_it.rules_inline.image import image
from markdown_it.rules_inline.link import link
from markdown_it.token import Token

from yeplint.diagnostics import Span
from yeplint.document.markdown import (
    Body,
    Comment,
    Heading,
    ImageKind,
    ImageRef,
    LinkKind,
    LinkRef,
    Paragraph,
    template_code_lines,
)


def _recording(rule: Callable[[StateInline, bool], bool]) -> Callable[[StateInline, bool], bool]:
    """Wrap an inline rule so the token it pushes remembers its offsets in the block's text."""

    def wrapped(state: StateInline, silent: bool) -> bool:
        start = state.pos
        count = len(state.tokens)
        ok = rule(state, silent)
        if ok and not silent and len(state.tokens) > count:
            token = state.tokens[-1]  # pending text is flushed before it
            token.meta["yeplint_start"] = start
            token.meta["yeplint_end"] = state.pos
            token.meta["yeplint_src"] = state.src
        return ok

    return wrapped


class _Title:
    """markdown-it-py's link title state, with the title kept as a list of parts: its own
    ``parseLinkTitle`` copies the whole title for every line a reference definition's
    unclosed title continues on (quadratic: 1 MB took 40 s)."""

    __slots__ = ("_parts", "can_continue", "marker", "ok", "pos")

    def __init__(self) -> None:
        self.ok = False
        self.can_continue = False
        self.pos = 0
        self.marker = 0
        self._parts: list[str] = []

    @property
    def str(self) -> str:
        return "".join(self._parts)


def parse_link_title(
    string: str, start: int, maximum: int, prev_state: _Title | None = None
) -> _Title:
    """``markdown_it.helpers.parseLinkTitle`` in linear time, same results (tested)."""
    from markdown_it.common.utils import unescapeAll

    pos = start
    state = _Title()
    if prev_state is not None:
        state._parts = prev_state._parts  # the previous state is dropped: share, not copy
        state.marker = prev_state.marker
    else:
        if pos >= maximum:
            return state
        marker = ord(string[pos])
        if marker not in (0x22, 0x27, 0x28):
            return state
        start += 1
        pos += 1
        state.marker = 0x29 if marker == 0x28 else marker
    closing = chr(state.marker)
    while pos < maximum:
        char = string[pos]
        if char == closing:
            state.pos = pos + 1
            state._parts.append(unescapeAll(string[start:pos]))
            state.ok = True
            return state
        if char == "(" and closing == ")":
            return state
        if char == "\\" and pos + 1 < maximum:
            pos += 1
        pos += 1
    state.can_continue = True
    state._parts.append(unescapeAll(string[start:pos]))
    return state


def _linear_helpers(md: MarkdownIt) -> MarkdownIt:
    """``md`` with the link title helper replaced on this instance only."""
    from types import SimpleNamespace

    from markdown_it import helpers

    md.helpers = SimpleNamespace(  # type: ignore[assignment]
        parseLinkLabel=helpers.parseLinkLabel,
        parseLinkDestination=helpers.parseLinkDestination,
        parseLinkTitle=parse_link_title,
    )
    return md


def _make_parser() -> MarkdownIt:
    md = _linear_helpers(MarkdownIt("commonmark").enable("table"))
    md.inline.ruler.at("image", _recording(image))
    md.inline.ruler.at("html_inline", _recording(html_inline))
    md.inline.ruler.at("backticks", _recording(backtick))
    md.inline.ruler.at("link", _recording(link))
    md.inline.ruler.at("autolink", _recording(autolink))
    md.core.ruler.disable(["inline", "text_join"])  # run per block, only where needed
    return md


def needs_inline(content: str) -> bool:
    """Whether a block's inline parse can matter to any rule.

    Exact, not a guess: an image needs ``![`` in the text, inline HTML and comments need ``<``,
    a paragraph that is one bold or italic run starts with ``*`` or ``_``, and whether a line
    starting with ``#`` is plain text depends on the code spans and links around it. Most prose
    paragraphs have none, and skipping their inline parse saves ~40% of the Markdown time.
    """
    return "[" in content or "<" in content or content[:1] in ("*", "_", "#") or "\n#" in content


def _parse_inline(md: MarkdownIt, token: Token, env: dict[str, Any]) -> None:
    children: list[Token] = []
    md.inline.parse(token.content, md, env, children)
    joined: list[Token] = []
    for child in children:  # what the core text_join rule does
        if child.type == "text_special":
            child.type = "text"
        if child.type == "text" and joined and joined[-1].type == "text":
            joined[-1].content += child.content
        else:
            joined.append(child)
    token.children = joined


_MD: MarkdownIt | None = None


def parser() -> MarkdownIt:
    global _MD
    if _MD is None:
        _MD = _make_parser()
    return _MD


class _LineMapper:
    """Maps offsets in a block's content back to original (line, column)."""

    def __init__(self, content: str, source: list[str], first_line: int, line_offset: int):
        self.starts: list[int] = []
        self.lines: list[int] = []
        self.columns: list[int] = []
        self.unescaped_pipes: list[list[int]] = []
        offset = 0
        for k, text in enumerate(content.split("\n")):
            index = first_line + k
            original = source[index] if 0 <= index < len(source) else ""
            self.starts.append(offset)
            self.lines.append(index + line_offset + 1)
            pipes = _unescaped_pipes(text, original)
            self.unescaped_pipes.append(pipes)
            escaped = text.replace("|", "\\|") if pipes else text
            self.columns.append(column_of(escaped, original))
            offset += len(text) + 1

    def position(self, offset: int) -> tuple[int, int]:
        k = 0
        lo, hi = 0, len(self.starts) - 1
        while lo <= hi:
            mid = (lo + hi) // 2
            if self.starts[mid] <= offset:
                k = mid
                lo = mid + 1
            else:
                hi = mid - 1
        inside = offset - self.starts[k]
        shift = bisect_left(self.unescaped_pipes[k], inside)
        return self.lines[k], self.columns[k] + inside + shift + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Span(line, column, end_line, end_column)


def _unescaped_pipes(text: str, original: str) -> list[int]:
    """Where ``text`` has a ``|`` that the source wrote ``\\|``: a table cell's content, which
    markdown-it hands over unescaped, so every offset after one is a column short."""
    if "|" not in text or "\\|" not in original or text.strip() in original:
        return []
    return [i for i, char in enumerate(text) if char == "|"]


def column_of(text: str, original: str) -> int:
    """0-based column at which a line of block content starts inside its source line."""
    if not text:
        return len(original) - len(original.lstrip())
    for candidate in (original, original.rstrip()):
        if candidate.endswith(text):
            return len(candidate) - len(text)
    found = original.find(text.strip())
    return max(found, 0)


def parse_body(lines: list[str], line_offset: int) -> Body:
    """Parse the body lines (``line_offset`` lines into the file) into a :class:`Body`."""
    body = Body()
    opaque = template_code_lines(lines, line_offset)
    if opaque:  # blanked before the parse, as yeplint's parser does
        body.template_lines = opaque
        lines = ["" if i + line_offset + 1 in opaque else line for i, line in enumerate(lines)]
    env: dict[str, Any] = {}
    md = parser()
    tokens = md.parse("\n".join(lines), env)
    for token in tokens:
        if token.type == "inline" and needs_inline(token.content):
            _parse_inline(md, token, env)
    _Walker(body, lines, line_offset).walk(tokens)
    return body


class _Walker:
    def __init__(self, body: Body, lines: list[str], line_offset: int) -> None:
        self.body = body
        self.lines = lines
        self.offset = line_offset
        self.containers: list[str] = []
        """The blocks around the current token: ``blockquote`` and ``list_item``."""
        self.columns: list[tuple[int, int]] = []
        """Per container: (its first line, the width of its list marker and the spaces after
        it; 0 for a block quote)."""

    def line_span(self, begin: int, end: int) -> Span:
        last = max(begin, end - 1)
        text = self.lines[last] if last < len(self.lines) else ""
        return Span(begin + self.offset + 1, 1, last + self.offset + 1, len(text) + 1)

    def walk(self, tokens: list[Token]) -> None:
        for i, token in enumerate(tokens):
            if token.type in ("blockquote_open", "list_item_open"):
                self.containers.append(token.type.removesuffix("_open"))
                self.columns.append(self._content_column(token))
            elif token.type in ("blockquote_close", "list_item_close"):
                self.containers.pop()
                self.columns.pop()
            if token.type == "heading_open" and token.map:
                self.heading(token, tokens[i + 1])
            elif token.type == "paragraph_open" and token.map:
                self.paragraph(token, tokens[i + 1])  # hidden: in a tight list item
            elif token.type == "inline" and tokens[i - 1].type not in (
                "heading_open",
                "paragraph_open",
            ):
                self.inline(token)  # table cells
            elif token.type == "html_block" and token.map:
                mapper = _LineMapper(
                    token.content.rstrip("\n"), self.lines, token.map[0], self.offset
                )
                self.html(token.content, mapper, 0)

    def heading(self, token: Token, inline: Token) -> None:
        assert token.map is not None
        begin, end = token.map
        setext = token.markup in ("=", "-")
        if setext:
            end -= 1
        raw = self.lines[begin] if begin < len(self.lines) else ""
        span = self.line_span(begin, end)
        indent = self._indent(raw, begin)
        self.body.headings.append(
            Heading(int(token.tag[1]), inline.content, span, setext, raw, indent)
        )
        self.inline(inline)

    def _content_column(self, token: Token) -> tuple[int, int]:
        line = token.map[0] if token.map else 0
        if token.type == "blockquote_open":
            return line, 0
        source = self.lines[line] if line < len(self.lines) else ""
        marker = _ITEM_MARKER.match(source)
        if marker is None:
            return line, 2
        spaces = len(marker.group(2).expandtabs(4))
        return line, len(marker.group(1)) + (spaces if 1 <= spaces <= 4 else 1)

    def _indent(self, raw: str, line: int) -> int:
        """Spaces before the heading once each container's prefix is taken off ``raw``."""
        rest = raw
        for kind, (first, width) in zip(self.containers, self.columns, strict=True):
            if kind == "blockquote":
                quoted = _QUOTE_PREFIX.match(rest)
                rest = rest[quoted.end() :] if quoted else rest
            elif first == line:  # on the item's own line: the marker and 1-4 spaces go
                item = _LIST_MARKER.match(rest)
                rest = rest[item.end() :] if item else rest
            else:
                spaces = len(rest) - len(rest.lstrip(" \t"))
                rest = rest[min(spaces, width) :]
        return len(rest) - len(rest.lstrip(" \t"))

    def paragraph(self, token: Token, inline: Token) -> None:
        assert token.map is not None
        begin, end = token.map
        children = [c for c in inline.children or [] if not (c.type == "text" and not c.content)]
        core = [c for c in children if not _beside(c)]
        emphasis_only = (
            len(core) == 3
            and core[0].type in ("strong_open", "em_open")
            and core[2].type in ("strong_close", "em_close")
            and core[1].type == "text"
        )
        lines = tuple(inline.content.split("\n"))
        plain: tuple[bool, ...] = ()
        alone = True
        if any(line.startswith("#") for line in lines):
            plain, alone = _line_facts(inline, lines)
        self.body.paragraphs.append(
            Paragraph(
                self.line_span(begin, end),
                lines,
                emphasis_only,
                core[1].content if emphasis_only else inline.content,
                plain,
                token.hidden,
                alone,
                tuple(self.containers),
            )
        )
        self.inline(inline)

    def inline(self, inline: Token) -> None:
        if not inline.map or not inline.children:
            return
        mapper: _LineMapper | None = None
        for child in inline.children:
            if child.type == "link_close" and child.meta.get("yeplint_src") == inline.content:
                if mapper is None:
                    mapper = _LineMapper(inline.content, self.lines, inline.map[0], self.offset)
                self.link(child, inline, mapper)
                continue
            if child.type not in ("image", "html_inline"):
                continue
            if child.meta.get("yeplint_src") != inline.content:
                continue  # not recorded by this block's own inline pass
            if mapper is None:
                mapper = _LineMapper(inline.content, self.lines, inline.map[0], self.offset)
            start, end = child.meta["yeplint_start"], child.meta["yeplint_end"]
            if child.type == "image":
                self.image(child, inline.content, start, end, mapper)
            else:
                self.html(child.content, mapper, start)

    def image(self, token: Token, src: str, start: int, end: int, mapper: _LineMapper) -> None:
        written = _written_destination(src, start, end)
        kind: ImageKind = "markdown" if written is not None else "reference"
        target = written if written is not None else unquote(str(token.attrs.get("src", "")))
        alt = "".join(_plain_text(token.children or []))
        self.body.images.append(ImageRef(target, alt, mapper.span(start, end), kind))

    def link(self, close: Token, inline: Token, mapper: _LineMapper) -> None:
        """A link, from the offsets recorded on its closing token (the rule's last push)."""
        src = inline.content
        start, end = close.meta["yeplint_start"], close.meta["yeplint_end"]
        children = inline.children or []
        opening = next(
            c for c in reversed(children[: children.index(close)]) if c.type == "link_open"
        )
        kind: LinkKind
        if opening.markup in ("autolink", "linkify"):
            target, kind = src[start + 1 : end - 1], "autolink"
        else:
            written = _written_destination("!" + src[start:end], 0, end - start + 1)
            if written is not None:
                target, kind = written, "markdown"
            else:
                target, kind = unquote(str(opening.attrs.get("href", ""))), "reference"
        self.body.links.append(LinkRef(target, mapper.span(start, end), kind))

    def html(self, html: str, mapper: _LineMapper, base: int) -> None:
        from yeplint.document.htmlscan import HtmlScanner  # html.parser only for pages with HTML

        scanner = HtmlScanner(html)
        for tag in scanner.images:
            start = base + tag.offset
            span = mapper.span(start, start + tag.length)
            self.body.images.append(
                ImageRef(tag.src or "", tag.alt, span, "html", decorative=tag.decorative)
            )
        for anchor in scanner.links:
            start = base + anchor.offset
            self.body.links.append(
                LinkRef(anchor.src or "", mapper.span(start, start + anchor.length), "html")
            )
        for comment in scanner.comments:
            start = base + comment.offset
            self.body.comments.append(
                Comment(comment.text, mapper.span(start, start + comment.length))
            )


_LIST_MARKER = re.compile(r"^[ \t]*([-+*]|\d{1,9}[.)])([ \t]{1,4}(?![ \t])|[ \t]*$)")
_ITEM_MARKER = re.compile(r"^(?:[ \t]*>[ \t]?)*[ \t]*([-+*]|\d{1,9}[.)])([ \t]*)")
_QUOTE_PREFIX = re.compile(r"^ {0,3}> ?")


def _beside(token: Token) -> bool:
    """Inline content that does not change what a paragraph is: an HTML comment next to it,
    or the white space around that comment."""
    if token.type == "html_inline":
        return token.content.startswith("<!--")
    return token.type == "text" and not token.content.strip()


_OPENS = ("em_open", "strong_open", "link_open", "s_open")
_CLOSES = ("em_close", "strong_close", "link_close", "s_close")


def _line_facts(inline: Token, lines: tuple[str, ...]) -> tuple[tuple[bool, ...], bool]:
    """Which lines start in plain text, and whether the first line stands alone (see
    :class:`Paragraph`), from the offsets the recorded inline rules left on their tokens."""
    starts = []
    offset = 0
    for line in lines:
        starts.append(offset)
        offset += len(line) + 1
    covered = [
        (c.meta["yeplint_start"], c.meta["yeplint_end"])
        for c in inline.children or ()
        if c.meta.get("yeplint_src") == inline.content
    ]
    plain = tuple(not any(a <= start < b for a, b in covered) for start in starts)
    if len(lines) < 2:
        return plain, True
    first_break = starts[1] - 1
    if any(a <= first_break < b for a, b in covered):
        return plain, False
    depth = 0
    for child in inline.children or ():
        if child.type in ("softbreak", "hardbreak"):
            break
        if child.type in _OPENS:
            depth += 1
        elif child.type in _CLOSES:
            depth -= 1
    return plain, depth == 0


def _written_destination(src: str, start: int, end: int) -> str | None:
    """The destination of an inline image ``![alt](dest)`` as written; ``None`` for references."""
    text = src[start:end]
    if not text.endswith(")"):
        return None
    depth = 0
    for i in range(1, len(text)):
        char = text[i]
        if char == "\\":
            continue
        if char == "[" and text[i - 1] != "\\":
            depth += 1
        elif char == "]" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                if i + 1 < len(text) and text[i + 1] == "(":
                    return _destination(text[i + 2 : -1])
                return None
    return None


def _destination(inner: str) -> str:
    inner = inner.strip()
    if inner.startswith("<"):
        close = inner.find(">")
        return inner[: close + 1] if close > 0 else inner
    depth = 0
    for i, char in enumerate(inner):
        if char in " \t\n" and depth == 0:
            return inner[:i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
    return inner


def _plain_text(tokens: Iterable[Token]) -> Iterable[str]:
    for token in tokens:
        if token.type in ("text", "code_inline"):
            yield token.content
        elif token.type in ("softbreak", "hardbreak"):
            yield " "
        elif token.children:
            yield from _plain_text(token.children)
