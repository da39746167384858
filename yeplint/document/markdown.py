"""The Markdown body: one pulldown-cmark parse (pyromark) giving headings, paragraphs, images,
links and comments, all with positions.

pyromark's ``events_with_range`` gives every event a UTF-8 byte range in the source; they are
converted to character offsets once per file (ASCII files need no conversion). Everything
yeplint knows about a body comes from this module's :class:`Body`, so a change of parser
touches this module only. The extensions on (:data:`OPTIONS`) are the ones Markdown sites use:
tables, strikethrough, footnotes, task lists and heading attributes (``## Kop {#anker}``).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import cache
from itertools import accumulate
from operator import add
from typing import Any, Literal, NamedTuple
from urllib.parse import unquote

import pyromark

from yeplint import LazyPattern, record
from yeplint.diagnostics import Span

Branch = tuple[tuple[int, int], ...]
"""The conditional blocks a line sits in, outermost first: (block number, branch number)."""
ImageKind = Literal["markdown", "reference", "html", "front-matter", "shortcode"]
# The model's classes are values, never changed once made; they are not ``frozen`` because a
# frozen dataclass is made 3.5x slower (see :class:`yeplint.diagnostics.Span`).
LinkKind = Literal["markdown", "reference", "autolink", "html"]

OPTIONS = (
    pyromark.Options.ENABLE_TABLES
    | pyromark.Options.ENABLE_STRIKETHROUGH
    | pyromark.Options.ENABLE_FOOTNOTES
    | pyromark.Options.ENABLE_TASKLISTS
    | pyromark.Options.ENABLE_HEADING_ATTRIBUTES
)
"""The CommonMark extensions yeplint parses with."""


@record(frozen=False)
class Heading:
    __slots__ = ("anchor", "indent", "level", "raw", "setext", "span", "text")
    level: int
    text: str
    """The heading's inline content as written (ATX hashes, closing sequence and a trailing
    attribute block such as ``{#anker}`` removed)."""
    span: Span
    """The whole heading line (for setext, the text lines without the underline)."""
    setext: bool
    raw: str
    """The first source line of the heading, container prefixes included."""
    indent: int
    """Columns of white space before the heading inside its container (after the `>` of a
    block quote and a list item's content column), as markdownlint's MD023 counts them."""
    anchor: str | None
    """The id given in a heading attribute block (``{#anker}``), if any."""

    def __init__(
        self,
        level: int,
        text: str,
        span: Span,
        setext: bool,
        raw: str,
        indent: int = 0,
        anchor: str | None = None,
    ) -> None:
        self.level = level
        self.text = text
        self.span = span
        self.setext = setext
        self.raw = raw
        self.indent = indent
        self.anchor = anchor

    def __hash__(self) -> int:
        return hash(
            (self.level, self.text, self.span, self.setext, self.raw, self.indent, self.anchor)
        )


Frames = tuple[tuple[str, tuple[int, int]], ...]
"""The containers around a block, outermost first: ``blockquote`` or ``list_item``, with its
first line and the width of its list marker and the spaces after it (0 for a block quote, -1
for a list item whose width is found when a line inside it is taken apart)."""


class Paragraph:
    """A paragraph, or the text of a tight list item. Its :attr:`lines` and :attr:`text` (and
    :attr:`plain_starts`, :attr:`first_line_alone`) are built from the page when a rule first
    reads them (most paragraphs are only looked at by their span and flags); equal, hashed and
    shown as the record of all eight fields."""

    __slots__ = (
        "_alone",
        "_lines",
        "_plain",
        "_state",
        "_text",
        "containers",
        "emphasis_only",
        "span",
        "tight",
    )

    span: Span
    emphasis_only: bool
    """The whole paragraph is one bold or italic run (a heading in disguise)."""
    tight: bool
    """The paragraph of a tight list item (rendered without ``<p>``)."""
    containers: tuple[str, ...]
    """The blocks it sits in, outermost first: ``blockquote``, ``list_item``."""

    def __init__(
        self,
        span: Span,
        lines: tuple[str, ...],
        emphasis_only: bool,
        text: str,
        plain_starts: tuple[bool, ...] = (),
        tight: bool = False,
        first_line_alone: bool = True,
        containers: tuple[str, ...] = (),
    ) -> None:
        self.span = span
        self._lines: tuple[str, ...] | None = lines
        self.emphasis_only = emphasis_only
        self._text: str | None = text
        self._plain = plain_starts
        self.tight = tight
        self._alone = first_line_alone
        self.containers = containers
        self._state: _Lazy | None = None

    @property
    def lines(self) -> tuple[str, ...]:
        """The paragraph's source lines without container prefixes (a continuation line keeps
        white space beyond its container's indentation, which the renderer drops)."""
        if self._lines is None:
            self._build()
        assert self._lines is not None
        return self._lines

    @property
    def text(self) -> str:
        if self._text is None:
            self._build()
        assert self._text is not None
        return self._text

    @property
    def plain_starts(self) -> tuple[bool, ...]:
        """Per line: whether the line starts in plain text, not inside a code span, link,
        autolink, image or inline HTML that began on an earlier line (known for lines that
        start with `#`; empty when no line does)."""
        if self._lines is None:
            self._build()
        return self._plain

    @property
    def first_line_alone(self) -> bool:
        """Whether no inline construct (code span, link, emphasis, HTML) runs from the first
        line into the next, so the first line could become a block of its own."""
        if self._lines is None:
            self._build()
        return self._alone

    @property
    def has_hash_line(self) -> bool:
        """Whether one of :attr:`lines` starts with ``#``: known from the page without building
        the lines, unless the paragraph has a ``#`` and sits in a block quote or a list."""
        state = self._state
        if self._lines is None and state is not None:
            source, _, start, end, _, _, frames = state
            if source.ascii:
                text = source.text
                if text.find("#", start, end) < 0:
                    return False
                if not frames:
                    return text.startswith("#", start) or text.find("\n#", start, end) >= 0
            else:
                data = source.data
                if data.find(b"#", start, end) < 0:
                    return False
                if not frames:
                    return data.startswith(b"#", start) or data.find(b"\n#", start, end) >= 0
        return any(line.startswith("#") for line in self.lines)

    def _build(self) -> None:
        assert self._state is not None
        source, run, start, end, first, last, frames = self._state
        if not source.ascii:
            start, end = source.char(start), source.char(end)
        lines, starts = _run_lines(source, frames, start, end, first, last)
        plain: tuple[bool, ...] = ()
        alone = True
        if source.text.find("#", start, end) >= 0 and any(line.startswith("#") for line in lines):
            plain, alone = _line_facts(_events(run, source), starts)
        self._lines, self._plain, self._alone = tuple(lines), plain, alone
        if self._text is None:
            self._text = "\n".join(lines)
        self._state = None

    def _moved(self, span: Span) -> Paragraph:
        """The same paragraph at ``span``."""
        moved = Paragraph.__new__(Paragraph)
        moved.span, moved.emphasis_only, moved.tight = span, self.emphasis_only, self.tight
        moved.containers, moved._state = self.containers, self._state
        moved._lines, moved._text = self._lines, self._text
        if self._lines is not None:
            moved._plain, moved._alone = self._plain, self._alone
        return moved

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.span,
            self.lines,
            self.emphasis_only,
            self.text,
            self.plain_starts,
            self.tight,
            self.first_line_alone,
            self.containers,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not Paragraph:
            return NotImplemented
        assert isinstance(other, Paragraph)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __repr__(self) -> str:
        return (
            f"Paragraph(span={self.span!r}, lines={self.lines!r}, "
            f"emphasis_only={self.emphasis_only!r}, text={self.text!r}, "
            f"plain_starts={self.plain_starts!r}, tight={self.tight!r}, "
            f"first_line_alone={self.first_line_alone!r}, containers={self.containers!r})"
        )


_Lazy = tuple["_Source", "_Run", int, int, int, int, Frames]
"""What a paragraph's lines are built from: the page, its run (the events), where its
content starts and ends (pulldown-cmark's offsets: bytes on a page not all ASCII), its first
and last lines (0-based) and the containers around it."""


@record(frozen=False)
class ImageRef:
    __slots__ = ("alt", "decorative", "key", "kind", "span", "target")
    target: str
    """The target as written (for a reference image, the definition's destination)."""
    alt: str | None
    """The alt text; ``None`` when an HTML image has no ``alt`` attribute."""
    span: Span
    kind: ImageKind
    key: str
    """For a front matter image: the key that holds it (``""`` for an image in the body)."""
    decorative: bool
    """An HTML image marked decorative (``aria-hidden="true"``, ``role="presentation"``)."""

    def __init__(
        self,
        target: str,
        alt: str | None,
        span: Span,
        kind: ImageKind,
        key: str = "",
        decorative: bool = False,
    ) -> None:
        self.target = target
        self.alt = alt
        self.span = span
        self.kind = kind
        self.key = key
        self.decorative = decorative

    def __hash__(self) -> int:
        return hash((self.target, self.alt, self.span, self.kind, self.key, self.decorative))

    @property
    def path(self) -> str:
        """The target as a file path: URL-decoded, without query and fragment."""
        target = self.target.strip()
        if target.startswith("<") and target.endswith(">"):
            target = target[1:-1]
        for sep in ("?", "#"):
            target = target.split(sep, 1)[0]
        return unquote(target)


@record(frozen=False)
class LinkRef:
    __slots__ = ("kind", "span", "target")
    target: str
    """The destination as written (for a reference link, the definition's destination)."""
    span: Span
    kind: LinkKind

    def __init__(self, target: str, span: Span, kind: LinkKind) -> None:
        self.target = target
        self.span = span
        self.kind = kind

    def __hash__(self) -> int:
        return hash((self.target, self.span, self.kind))


@record(frozen=False)
class Comment:
    __slots__ = ("span", "text")
    text: str
    span: Span

    def __init__(self, text: str, span: Span) -> None:
        self.text = text
        self.span = span

    def __hash__(self) -> int:
        return hash((self.text, self.span))


@record(frozen=False)
class Body:
    """What the rules read of a page's Markdown: its headings, paragraphs, images, links and
    comments, and the lines in code and template blocks."""

    __slots__ = (
        "branches",
        "code_lines",
        "comments",
        "headings",
        "images",
        "links",
        "paragraphs",
        "template_lines",
    )
    headings: list[Heading]
    paragraphs: list[Paragraph]
    images: list[ImageRef]
    links: list[LinkRef]
    comments: list[Comment]
    template_lines: frozenset[int]
    """1-based lines inside template code blocks (see :func:`template_code_lines`)."""
    code_lines: set[int]
    """1-based lines of fenced and indented code blocks."""
    branches: dict[int, Branch]
    """For each 1-based line inside a conditional template block (``{% if %}``), the branches
    it sits in (see :func:`template_branches`)."""

    def __init__(
        self,
        headings: list[Heading] | None = None,
        paragraphs: list[Paragraph] | None = None,
        images: list[ImageRef] | None = None,
        links: list[LinkRef] | None = None,
        comments: list[Comment] | None = None,
        template_lines: frozenset[int] = frozenset(),
        code_lines: set[int] | None = None,
        branches: dict[int, Branch] | None = None,
    ) -> None:
        self.headings = [] if headings is None else headings
        self.paragraphs = [] if paragraphs is None else paragraphs
        self.images = [] if images is None else images
        self.links = [] if links is None else links
        self.comments = [] if comments is None else comments
        self.template_lines = template_lines
        self.code_lines = set() if code_lines is None else code_lines
        self.branches = {} if branches is None else branches


_MD: dict[int, pyromark.Markdown] = {}


def _markdown(options: pyromark.Options) -> pyromark.Markdown:
    md = _MD.get(int(options))
    if md is None:
        md = _MD[int(options)] = pyromark.Markdown(options=options)
    return md


class _Source:
    """The body text with its line starts, and pulldown-cmark's byte offsets as characters."""

    __slots__ = ("_byte_lines", "ascii", "data", "lines", "starts", "text")

    def __init__(self, text: str, lines: list[str]) -> None:
        self.text = text
        self.lines = lines
        self.ascii = text.isascii()
        self.data = b"" if self.ascii else text.encode()
        # each line's length plus the newlines before it, summed in C (no Python per line)
        head = lines[:-1]
        self.starts: list[int] = [0, *map(add, accumulate(map(len, head)), range(1, len(lines)))]
        self._byte_lines: list[int] = []
        if not self.ascii:
            encoded = map(len, map(str.encode, head))
            self._byte_lines = [0, *map(add, accumulate(encoded), range(1, len(lines)))]

    def char(self, byte: int) -> int:
        """The character offset of a byte offset (on a line that is all ASCII, the line's
        start moved by the bytes before it: ``str.isascii`` is a flag, not a scan)."""
        if self.ascii:
            return byte
        k = bisect_right(self._byte_lines, byte) - 1
        if k < 0:
            k = 0
        start = self._byte_lines[k]
        if self.lines[k].isascii():
            return self.starts[k] + byte - start
        return self.starts[k] + len(self.data[start:byte].decode("utf-8", "replace"))

    def byte_line(self, byte: int) -> int:
        """0-based line of a byte offset."""
        found = bisect_right(self._byte_lines if not self.ascii else self.starts, byte) - 1
        return found if found > 0 else 0

    def line(self, offset: int) -> int:
        """0-based line of a character offset."""
        found = bisect_right(self.starts, offset) - 1
        return found if found > 0 else 0

    def position(self, offset: int) -> tuple[int, int]:
        """0-based line and 0-based column of a character offset."""
        k = self.line(offset)
        return k, offset - self.starts[k]


def _kind(event: Any) -> tuple[str, Any, Any]:
    """``(name, kind, payload)``: ``("Start", "Heading", {...})``, ``("Text", "", "hi")``."""
    if type(event) is str:
        return event, "", None
    ((name, data),) = event.items()
    if name in ("Start", "End"):
        if type(data) is str:
            return name, data, None
        ((kind, payload),) = data.items()
        return name, kind, payload
    return name, "", data


_INLINE_STARTS = frozenset(
    ("Emphasis", "Strong", "Strikethrough", "Superscript", "Subscript", "Link", "Image")
)
_RUN_BLOCKS = frozenset(("Paragraph", "Heading", "TableCell"))
"""Blocks whose content is one run of inline events."""
_LEVELS = {"H1": 1, "H2": 2, "H3": 3, "H4": 4, "H5": 5, "H6": 6}
_COVERING = frozenset(("Code", "InlineHtml", "InlineMath", "DisplayMath"))
"""Inline leaves that may run over a line break (so a line can start inside them)."""


class _Run:
    """The inline events of one paragraph, heading, table cell or tight list item.

    The walk fills it with UTF-8 byte offsets, as pulldown-cmark gives them; when the run ends
    (:meth:`_Walker._finish`) only the offsets a record needs become characters (a paragraph's
    when a rule reads its lines: :class:`Paragraph`). Text events, a third of a
    page's events, are kept only where a check reads them: inside an image (its alt text) and
    in a paragraph that starts with ``*``, ``_`` or ``<`` (whether it is one emphasis run);
    elsewhere the run only notes where its inline content starts and ends."""

    __slots__ = (
        "block",
        "bytes",
        "end",
        "events",
        "first",
        "images",
        "keep_text",
        "last",
        "payload",
        "references",
        "start",
        "tight",
    )

    def __init__(
        self,
        block: str,
        start: int,
        end: int,
        payload: Any = None,
        tight: bool = False,
        keep_text: bool = True,
        in_bytes: bool = False,
    ) -> None:
        self.block = block
        self.start = start
        """Offset of the block's range."""
        self.end = end
        self.payload = payload
        self.tight = tight
        self.events: list[tuple[str, str, Any, int, int]] = []
        """``(name, kind, payload, start, end)``."""
        self.last = 0
        """Where its last inline content ends."""
        self.references = False
        """Whether it holds an image, a link or inline HTML."""
        self.first = -1
        """Where its first inline event starts (-1: none seen, or not tracked: then the first
        of :attr:`events`)."""
        self.keep_text = keep_text
        """Whether text events go into :attr:`events`."""
        self.images = 0
        """How many images the walk is inside."""
        self.bytes = in_bytes
        """Whether :attr:`events` still holds byte offsets (see :func:`_events`)."""


class _Walker:
    """One pass over pulldown-cmark's events that builds the :class:`Body`: each event is
    looked at once, and only a run's start, end and non-text events are kept until the run
    ends (see :class:`_Run`)."""

    def __init__(self, body: Body, source: _Source, line_offset: int) -> None:
        self.body = body
        self.source = source
        self.lines = source.lines
        self.offset = line_offset
        self.blocks: list[str] = []
        self.containers: list[str] = []
        """The blocks around the current one: ``blockquote`` and ``list_item``."""
        self.columns: list[tuple[int, int]] = []
        """Per container: (its first line, the width of its list marker and the spaces after
        it; 0 for a block quote)."""
        self.run: _Run | None = None
        self.html: list[str] = []
        self.html_start = 0
        self.raw: str | bytes = source.text if source.ascii else source.data
        """The body as pulldown-cmark's offsets count it."""
        self.emphasis: tuple[str, ...] | tuple[bytes, ...] = (
            ("*", "_", "<") if source.ascii else (b"*", b"_", b"<")
        )
        self.bytes = not source.ascii
        """Whether pulldown-cmark's offsets are bytes, not characters."""
        self.line_table = source.starts if source.ascii else source._byte_lines
        """Where each line starts, in pulldown-cmark's offsets."""
        self.line_base = line_offset + 1
        """The 1-based line number of the body's first line."""
        self.frames: Frames | None = ()
        """:meth:`_frames`, while the containers stay as they are (``None``: changed)."""
        self.container_names: tuple[str, ...] = ()
        """:attr:`containers` as a tuple, while they stay as they are."""

    def walk(self, events: Iterable[tuple[Any, Any]]) -> None:
        """Read the events in UTF-8 byte offsets (see :class:`_Run`)."""
        inline = self._inline
        raw, emphasis, in_bytes = self.raw, self.emphasis, self.bytes
        payload: Any
        for event, rng in events:
            if type(event) is str:  # SoftBreak, HardBreak, Rule
                if event == "Rule":
                    run = self.run
                    if run is not None and run.tight:
                        self._finish(run)
                elif not self.blocks or self.blocks[-1] != "CodeBlock":
                    inline(event, "", None, rng["start"], rng["end"])
                continue
            text = event.get("Text")
            if text is not None:  # most events: noted, kept only where a check reads them
                run = self.run
                if run is None:
                    if self.blocks and self.blocks[-1] == "Item":
                        inline("Text", "", text, rng["start"], rng["end"])
                    continue
                end = rng["end"]
                if run.first < 0:
                    run.first = rng["start"]
                if end > run.last:
                    run.last = end
                if run.keep_text or run.images:
                    run.events.append(("Text", "", text, rng["start"], end))
                continue
            ((name, data),) = event.items()
            if name == "Start" or name == "End":
                if type(data) is str:
                    kind, payload = data, None
                else:
                    ((kind, payload),) = data.items()
                if kind in _INLINE_STARTS:
                    inline(name, kind, payload, rng["start"], rng["end"])
                    continue
                run = self.run
                if name == "Start":
                    if run is not None and run.tight:
                        self._finish(run)
                    if kind == "Paragraph":  # the most common block: no call
                        self.blocks.append(kind)
                        start = rng["start"]
                        keep = raw.startswith(emphasis, start)  # type: ignore[arg-type]
                        self.run = _Run(kind, start, rng["end"], None, False, keep, in_bytes)
                    elif kind == "TableCell":  # no run until a reference (see _inline)
                        self.blocks.append(kind)
                    else:
                        self._start(kind, payload, rng["start"], rng["end"])
                else:
                    if run is not None and (run.tight or kind in _RUN_BLOCKS):
                        self._finish(run)
                    if (kind == "Paragraph" or kind == "TableCell") and self.blocks:
                        self.blocks.pop()
                    else:
                        self._end(kind)
            elif name == "Code" and self.run is not None:  # inline code: no call either
                run = self.run
                start, end = rng["start"], rng["end"]
                if run.first < 0:
                    run.first = start
                run.events.append(("Code", "", data, start, end))
                if end > run.last:
                    run.last = end
            elif name == "Html":
                if not self.html:
                    self.html_start = rng["start"]
                self.html.append(data)
            elif not self.blocks or self.blocks[-1] != "CodeBlock":
                # the other inline leaves: InlineHtml, FootnoteReference, TaskListMarker, math
                inline(name, "", data, rng["start"], rng["end"])

    def _new_run(
        self, block: str, start: int, end: int, payload: Any = None, tight: bool = False
    ) -> _Run:
        keep = block != "Heading" and self.raw.startswith(self.emphasis, start)  # type: ignore[arg-type]
        return _Run(block, start, end, payload, tight, keep, self.bytes)

    def _start(self, kind: str, payload: Any, start: int, end: int) -> None:
        self.blocks.append(kind)
        if kind == "CodeBlock":
            off = self.offset + 1
            line = self.source.byte_line
            first, last = line(start), line(max(start, end - 1))
            self.body.code_lines.update(range(first + off, last + off + 1))
        if kind == "Heading":
            self.run = self._new_run(kind, start, end, payload)
        elif kind == "BlockQuote":
            self._enter("blockquote", (self.source.byte_line(start), 0))
        elif kind == "Item":
            # its content column is found when a line inside it is first taken apart
            self._enter("list_item", (self.source.byte_line(start), -1))
        elif kind == "HtmlBlock":
            self.html = []

    def _end(self, kind: str) -> None:
        if self.blocks:
            self.blocks.pop()
        if kind in ("BlockQuote", "Item") and self.containers:
            self._leave()
        elif kind == "HtmlBlock" and self.html:
            content = "".join(self.html).rstrip("\n")
            first = self.source.byte_line(self.html_start)
            self._html(content, _LineMapper(content, self.lines, first, self.offset), 0)
            self.html = []

    def _inline(self, name: str, kind: str, payload: Any, start: int, end: int) -> None:
        run = self.run
        if run is None:
            block = self.blocks[-1] if self.blocks else ""
            if block == "Item":
                run = self.run = self._new_run("Item", start, end, tight=True)
            elif block == "TableCell" and (
                name == "InlineHtml" or (name == "Start" and kind in ("Image", "Link"))
            ):
                # a cell's run begins at its first reference: only those are read from it
                run = self.run = self._new_run("TableCell", start, end)
            else:
                return
        if kind == "Image":
            run.references = True
            if name == "Start":
                run.images += 1
                end = self._repair(end, payload["link_type"])
            else:
                run.images -= 1
        elif kind == "Link" or name == "InlineHtml":
            run.references = True
            if name == "Start":
                end = self._repair(end, payload["link_type"])
        if run.first < 0:
            run.first = start
        run.events.append((name, kind, payload, start, end))
        if end > run.last:
            run.last = end

    def _repair(self, end: int, link_type: str) -> int:
        """pulldown-cmark ends a collapsed reference (``![x][]``) before its ``[]``."""
        if link_type in ("Collapsed", "CollapsedUnknown") and self.raw[end : end + 2] in (
            "[]",
            b"[]",
        ):
            return end + 2
        return end

    def _finish(self, run: _Run) -> None:
        self.run = None
        if run.first < 0 and run.block != "Heading":
            return
        if run.block == "TableCell" and not run.references:
            return  # nothing in it that a rule reads
        if run.block == "Heading":
            self._heading(run)
        elif run.block in ("Paragraph", "Item"):
            self._paragraph(run)  # in pulldown-cmark's offsets: most are never converted
        if run.references:
            self._references(run)

    def _item_column(self, start: int) -> tuple[int, int]:
        """The item's first line and its content column inside the enclosing containers
        (``start``: the item's character offset)."""
        return self._item_column_at(self.source.line(start))

    def _item_column_at(self, line: int) -> tuple[int, int]:
        """The item's content column inside the enclosing containers (``line``: its first)."""
        return line, _item_width(self.lines, line, self._context())

    def _indent(self, raw: str, line: int) -> int:
        """Spaces before the heading once each container's prefix is taken off ``raw``."""
        rest = self._strip(raw, line)
        return len(rest) - len(rest.lstrip(" \t"))

    def _frames(self) -> Frames:
        """The containers around the current block (see :data:`Frames`)."""
        return tuple(zip(self.containers, self.columns, strict=True))

    def _enter(self, kind: str, column: tuple[int, int]) -> None:
        """A container opens: ``blockquote`` or ``list_item``, with its first line and its
        content column (see :data:`Frames`)."""
        self.containers.append(kind)
        self.columns.append(column)
        self.frames = None
        self.container_names = tuple(self.containers)

    def _leave(self) -> None:
        """The innermost container closes."""
        self.containers.pop()
        self.columns.pop()
        self.frames = None
        self.container_names = tuple(self.containers)

    def _context(self) -> Frames:
        """:meth:`_frames`, kept while the containers stay as they are."""
        frames = self.frames
        if frames is None:
            frames = self.frames = self._frames()
        return frames

    def _strip(self, raw: str, line: int) -> str:
        """``raw`` without the prefixes of the containers around the current block."""
        return _strip(raw, line, self._context(), self.lines)

    def _run_lines(
        self, start: int, end: int, first: int = -1, last: int = -1
    ) -> tuple[list[str], list[int]]:
        """:func:`_run_lines` inside the current containers."""
        return _run_lines(self.source, self._context(), start, end, first, last)

    def _line_span(self, first: int, last: int) -> Span:
        text = self.lines[last] if last < len(self.lines) else ""
        return Span(first + self.offset + 1, 1, last + self.offset + 1, len(text) + 1)

    def _span(self, start: int, end: int) -> Span:
        """The span of character offsets ``start`` to ``end`` (one search when both are on
        one line, as most links and images are)."""
        starts = self.source.starts
        line = bisect_right(starts, start) - 1
        if line < 0:
            line = 0
        if end < start:
            end = start
        if line + 1 < len(starts) and end < starts[line + 1]:
            end_line = line
        else:
            end_line = bisect_right(starts, end) - 1
            if end_line < 0:
                end_line = 0
        off = self.line_base
        return Span(
            line + off, start - starts[line] + 1, end_line + off, end - starts[end_line] + 1
        )

    def _heading(self, run: _Run) -> None:
        """A heading from its run in pulldown-cmark's offsets (its text's start and end
        become characters)."""
        table = self.line_table
        first = max(bisect_right(table, run.start) - 1, 0)
        last_line = max(bisect_right(table, max(run.start, run.end - 1)) - 1, 0)
        setext = last_line > first
        if run.first >= 0 or run.events:
            text_start, text_end = _content_start(run, self.raw), run.last
            if self.bytes:
                text_start, text_end = self.source.char(text_start), self.source.char(text_end)
            lines, _ = self._run_lines(text_start, text_end)
            text = "\n".join(lines)
        else:
            text = ""
        end_line = last_line - 1 if setext else first
        raw = self.lines[first] if first < len(self.lines) else ""
        level = _LEVELS[run.payload["level"]] if run.payload else 1
        anchor = run.payload.get("id") if run.payload else None
        self.body.headings.append(
            Heading(
                level,
                text,
                self._line_span(first, max(first, end_line)),
                setext,
                raw,
                self._indent(raw, first),
                anchor,
            )
        )

    def _paragraph(self, run: _Run) -> None:
        """A paragraph's span and flags now, in pulldown-cmark's offsets; its lines when a
        rule reads them (:class:`Paragraph`)."""
        raw = self.raw
        start = run.start if run.block == "Paragraph" else _content_start(run, raw)
        end = run.last
        table = self.line_table
        first = bisect_right(table, start) - 1
        if first < 0:
            first = 0
        last = bisect_right(table, end - 1) - 1 if end - 1 > start else first
        emphasis_only = False
        text: str | None = None
        events = run.events
        if raw.startswith(self.emphasis, start) and _may_be_one_run(events):  # type: ignore[arg-type]
            core = [e for e in _merged(events) if not _beside(e)]
            emphasis_only = (
                len(core) == 3
                and core[0][0] == "Start"
                and core[0][1] in ("Strong", "Emphasis")
                and core[1][0] == "Text"
                and core[2][0] == "End"
            )
            if emphasis_only:
                text = core[1][2]
        frames = self.frames
        if frames is None:
            frames = self._context()
        lines = self.lines
        paragraph = Paragraph.__new__(Paragraph)
        paragraph.span = Span(
            first + self.line_base,
            1,
            last + self.line_base,
            (len(lines[last]) if last < len(lines) else 0) + 1,
        )
        paragraph.emphasis_only, paragraph.tight = emphasis_only, run.tight
        paragraph.containers = self.container_names
        paragraph._state = (self.source, run, start, end, first, last, frames)
        paragraph._lines, paragraph._text = None, text  # _plain, _alone: set by _build
        self.body.paragraphs.append(paragraph)

    def _references(self, run: _Run) -> None:
        """The images, links and inline HTML of a run (only their offsets become characters,
        not every event's)."""
        inside_image = 0
        image: tuple[int, Any, list[str]] | None = None
        convert = run.bytes
        char = self.source.char
        for name, kind, payload, start, end in run.events:
            if kind == "Image":
                if name == "Start":
                    inside_image += 1
                    if inside_image == 1:
                        image = (start, payload, [])
                    continue
                inside_image -= 1
                if inside_image == 0 and image is not None:
                    begin = image[0]
                    if convert:
                        begin, end = char(begin), char(end)
                    self._image(begin, end, image[1], "".join(image[2]))
                    image = None
                continue
            if inside_image:
                if image is not None and name in ("Text", "Code"):
                    image[2].append(payload)
                elif image is not None and name in ("SoftBreak", "HardBreak"):
                    image[2].append(" ")
                continue
            if kind == "Link" and name == "Start":
                if convert:
                    start, end = char(start), char(end)
                self._link(start, end, payload)
            elif name == "InlineHtml":
                if convert:
                    start, end = char(start), char(end)
                if "\n" in payload:  # as the run's lines: container prefixes removed
                    lines, starts = self._run_lines(start, end)
                    self._html("\n".join(lines), _Pieces(self, lines, starts), 0)
                else:
                    self._html(payload, _OneLine(self, start), 0)

    def _image(self, start: int, end: int, payload: Any, alt: str) -> None:
        link_type = payload["link_type"]
        end = _repair_end(self.source.text, end, link_type)
        if link_type == "Inline":
            written = _written_destination(self.source.text[start:end])
            target = written if written is not None else payload["dest_url"]
            kind: ImageKind = "markdown"
        else:
            target = payload["dest_url"]
            kind = "reference"
        self.body.images.append(ImageRef(target, alt, self._span(start, end), kind))

    def _link(self, start: int, end: int, payload: Any) -> None:
        link_type = payload["link_type"]
        end = _repair_end(self.source.text, end, link_type)
        kind: LinkKind
        if link_type == "Inline":
            written = _written_destination(self.source.text[start:end], image=False)
            target = written if written is not None else payload["dest_url"]
            kind = "markdown"
        elif link_type in ("Autolink", "Email"):
            target, kind = payload["dest_url"], "autolink"
        else:
            target, kind = payload["dest_url"], "reference"
        self.body.links.append(LinkRef(target, self._span(start, end), kind))

    def _html(self, html: str, mapper: _LineMapper | _OneLine | _Pieces, base: int) -> None:
        from yeplint.document.htmlscan import HtmlScanner  # html.parser only for pages with HTML

        scanner = HtmlScanner(html)
        for tag in scanner.images:
            begin = base + tag.offset
            span = mapper.span(begin, begin + tag.length)
            self.body.images.append(
                ImageRef(tag.src or "", tag.alt, span, "html", decorative=tag.decorative)
            )
        for link in scanner.links:
            begin = base + link.offset
            span = mapper.span(begin, begin + link.length)
            self.body.links.append(LinkRef(link.src or "", span, "html"))
        for comment in scanner.comments:
            begin = base + comment.offset
            self.body.comments.append(
                Comment(comment.text, mapper.span(begin, begin + comment.length))
            )


def _content_start(run: _Run, text: str | bytes) -> int:
    """Where a run's text starts: a paragraph's own range, else its first event (moved back
    over the backslash of an escape, which pulldown-cmark leaves out of the text's range);
    ``text``: the page as the run's offsets count it."""
    if run.block == "Paragraph" or (run.first < 0 and not run.events):
        return run.start
    start = run.first if run.first >= 0 else run.events[0][3]
    return start - 1 if start > 0 and text[start - 1 : start] in ("\\", b"\\") else start


def _strip(raw: str, line: int, frames: Frames, lines: list[str]) -> str:
    """``raw`` without the prefixes of the containers ``frames`` (``lines``: the body's, where
    a list item's content column not yet known is found)."""
    rest = raw
    done: list[tuple[str, tuple[int, int]]] = []
    for kind, (first, width) in frames:
        if kind == "blockquote":
            quoted = _QUOTE_PREFIX.match(rest)
            rest = rest[quoted.end() :] if quoted else rest
        elif first == line:
            item = _LIST_MARKER.match(rest)
            rest = rest[item.end() :] if item else rest
        else:
            if width < 0:  # from the outer items' widths found here, never found again
                width = _item_width(lines, first, tuple(done))
            spaces = len(rest) - len(rest.lstrip(" \t"))
            rest = rest[min(spaces, width) :]
        done.append((kind, (first, width)))
    return rest


def _resolve(frames: Frames, lines: list[str]) -> Frames:
    """``frames`` with the width of every list item found, each from the widths of the items
    around it (found once: finding each from scratch took twice as long per level of nesting)."""
    if all(width >= 0 or kind == "blockquote" for kind, (_, width) in frames):
        return frames
    done: list[tuple[str, tuple[int, int]]] = []
    for kind, (first, width) in frames:
        if width < 0 and kind != "blockquote":
            width = _item_width(lines, first, tuple(done))
        done.append((kind, (first, width)))
    return tuple(done)


def _item_width(lines: list[str], line: int, outer: Frames) -> int:
    """The content column of the list item starting on ``line`` inside the containers
    ``outer``: its marker and the spaces after it (one when there are more than four)."""
    source = lines[line] if line < len(lines) else ""
    marker = _ITEM_MARKER.match(_strip(source, line, outer, lines))
    if marker is None:
        return 2
    spaces = len(marker.group(3).expandtabs(4))
    width = len(marker.group(1).expandtabs(4)) + len(marker.group(2))
    return width + (spaces if 1 <= spaces <= 4 else 1)


def _run_lines(
    source: _Source, frames: Frames, start: int, end: int, first: int = -1, last: int = -1
) -> tuple[list[str], list[int]]:
    """The lines of a run from ``start`` to ``end`` (character offsets) inside the containers
    ``frames`` as the parser saw them, and the offset where each line's content starts
    (``first`` and ``last``: their 0-based lines, when known)."""
    if first < 0:
        first, last = source.line(start), source.line(max(start, end - 1))
    lines: list[str] = []
    starts: list[int] = []
    if not frames:  # the lines as written, from where the run starts
        lines = source.text[start:end].split("\n")
        lines[-1] = lines[-1].rstrip(" \t")
        starts = [start, *source.starts[first + 1 : last + 1]]
        return lines, starts
    frames = _resolve(frames, source.lines)
    for k in range(first, last + 1):
        raw = source.lines[k] if k < len(source.lines) else ""
        line_start = source.starts[k]
        stripped = raw if k == first else _strip(raw, k, frames, source.lines)
        begin = start - line_start if k == first else len(raw) - len(stripped)
        stop = end - line_start if k == last else len(raw)
        lines.append(raw[begin:stop])
        starts.append(line_start + begin)
    if lines:
        lines[-1] = lines[-1].rstrip(" \t")
    return lines, starts


def _events(run: _Run, source: _Source) -> list[tuple[str, str, Any, int, int]]:
    """A run's events with character offsets, converted on first use: most runs are finished
    without their events' positions."""
    if run.bytes:
        char = source.char
        run.events = [(n, k, p, char(s), char(e)) for n, k, p, s, e in run.events]
        run.bytes = False
    return run.events


def _repair_end(text: str, end: int, link_type: str) -> int:
    """pulldown-cmark ends a collapsed reference (``![x][]``) before its ``[]``."""
    if link_type in ("Collapsed", "CollapsedUnknown") and text.startswith("[]", end):
        return end + 2
    return end


class _Pieces:
    """Maps offsets in lines joined by newlines to the body, each line starting at its own
    character offset of the body."""

    __slots__ = ("joined", "starts", "walker")

    def __init__(self, walker: _Walker, lines: list[str], starts: list[int]) -> None:
        self.walker = walker
        self.starts = starts
        self.joined: list[int] = []
        offset = 0
        for line in lines:
            self.joined.append(offset)
            offset += len(line) + 1

    def _body(self, offset: int) -> int:
        k = max(bisect_right(self.joined, offset) - 1, 0)
        return self.starts[k] + offset - self.joined[k]

    def span(self, start: int, end: int) -> Span:
        return self.walker._span(self._body(start), self._body(max(start, end)))


class _OneLine:
    """Maps offsets in a one-line fragment that starts at a character offset of the body."""

    __slots__ = ("start", "walker")

    def __init__(self, walker: _Walker, start: int) -> None:
        self.walker = walker
        self.start = start

    def span(self, start: int, end: int) -> Span:
        return self.walker._span(self.start + start, self.start + end)


def _merged(
    events: list[tuple[str, str, Any, int, int]],
) -> Iterator[tuple[str, str, Any, int, int]]:
    """The events with adjacent text joined (pulldown-cmark splits text at escapes)."""
    pending: tuple[str, str, Any, int, int] | None = None
    for event in events:
        if event[0] == "Text":
            if pending is not None:
                pending = ("Text", "", pending[2] + event[2], pending[3], event[4])
            else:
                pending = event
            continue
        if pending is not None:
            yield pending
            pending = None
        yield event
    if pending is not None:
        yield pending


def _may_be_one_run(events: list[tuple[str, str, Any, int, int]]) -> bool:
    """Whether the events can be one bold or italic run, by the last: text that is not
    white space ends the run's merged text (``**Vet** en meer``), and any other event but an
    end or a comment is itself the last of what counts (see :func:`_beside`)."""
    if not events:
        return False
    name, _, payload, _, _ = events[-1]
    if name == "Text":
        return not payload.strip()
    return name in ("End", "InlineHtml")


def _beside(event: tuple[str, str, Any, int, int]) -> bool:
    """Inline content that does not change what a paragraph is: an HTML comment next to it,
    or the white space around that comment."""
    if event[0] == "InlineHtml":
        return bool(event[2].startswith("<!--"))
    return event[0] == "Text" and not event[2].strip()


_OPENS = frozenset(("Emphasis", "Strong", "Link", "Strikethrough"))


def _line_facts(
    events: list[tuple[str, str, Any, int, int]], starts: list[int]
) -> tuple[tuple[bool, ...], bool]:
    """Which lines start in plain text, and whether the first line stands alone (see
    :class:`Paragraph`)."""
    covered = [
        (start, end)
        for name, kind, _, start, end in events
        if name in _COVERING or (name == "Start" and kind in ("Link", "Image"))
    ]
    plain = tuple(not any(a <= s < b for a, b in covered) for s in starts)
    if len(starts) < 2:
        return plain, True
    first_break = starts[1] - 1
    depth = 0
    for name, kind, _, _, _ in events:
        if name in ("SoftBreak", "HardBreak"):
            break
        if name == "Start" and kind in _OPENS:
            depth += 1
        elif name == "End" and kind in _OPENS:
            depth -= 1
    if any(a <= first_break < b for a, b in covered):
        return plain, False
    return plain, depth == 0


class _LineMapper:
    """Maps offsets in a block's content back to original (line, column)."""

    def __init__(self, content: str, source: list[str], first_line: int, line_offset: int):
        self.starts: list[int] = []
        self.lines: list[int] = []
        self.columns: list[int] = []
        offset = 0
        for k, text in enumerate(content.split("\n")):
            index = first_line + k
            original = source[index] if 0 <= index < len(source) else ""
            self.starts.append(offset)
            self.lines.append(index + line_offset + 1)
            self.columns.append(column_of(text, original))
            offset += len(text) + 1

    def position(self, offset: int) -> tuple[int, int]:
        k = max(bisect_right(self.starts, offset) - 1, 0)
        return self.lines[k], self.columns[k] + offset - self.starts[k] + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self.position(start)
        end_line, end_column = self.position(max(start, end))
        return Span(line, column, end_line, end_column)


def column_of(text: str, original: str) -> int:
    """0-based column at which a line of block content starts inside its source line."""
    if not text:
        return len(original) - len(original.lstrip())
    for candidate in (original, original.rstrip()):
        if candidate.endswith(text):
            return len(candidate) - len(text)
    found = original.find(text.strip())
    return max(found, 0)


def parse_body(
    lines: list[str],
    line_offset: int,
    options: pyromark.Options = OPTIONS,
    *,
    mdx: bool = False,
    admonitions: bool = False,
) -> Body:
    """Parse the body lines (``line_offset`` lines into the file) into a :class:`Body`; with
    ``mdx``, the lines that are JavaScript or JSX (:mod:`yeplint.document.mdx`) are not Markdown;
    with ``admonitions`` (an MkDocs site), the indented blocks of admonitions and content tabs
    are (:func:`mkdocs_blocks`)."""
    if admonitions:
        blocks = mkdocs_blocks(lines)
        body = (
            _with_blocks(lines, line_offset, options, mdx, blocks)
            if blocks
            else parse_body(lines, line_offset, options, mdx=mdx)
        )
        hash_headings(body, lines, line_offset)
        return body
    jsx_images: list[ImageRef] = []
    jsx_comments: list[Comment] = []
    if mdx:
        from yeplint.document.mdx import scan

        found = scan(lines)
        for comment in found.comments:
            span = Span(
                comment.line + line_offset + 1,
                comment.column + 1,
                comment.end_line + line_offset + 1,
                comment.end_column + 1,
            )
            jsx_comments.append(Comment(comment.text, span))
        lines = ["" if i in found.opaque else line for i, line in enumerate(lines)]
        for image in found.images:
            span = Span(
                image.line + line_offset + 1,
                image.column + 1,
                image.end_line + line_offset + 1,
                image.end_column + 1,
            )
            jsx_images.append(ImageRef(image.src, image.alt, span, "html"))
    body = Body()
    text = "\n".join(lines)
    if "{" in text:  # one fast scan: most pages have no template syntax at all
        if "{%" in text:  # (a tag never spans lines: the lines joined as written agree)
            body.branches = template_branches(lines, line_offset, text)
        opaque = template_code_lines(lines, line_offset, text)
        if opaque:
            # blank, not filtered after the parse: a fence or an indented line in a code sample
            # would otherwise swallow the Markdown after the block (the generator leaves an
            # empty line where the block was)
            body.template_lines = opaque
            lines = ["" if i + line_offset + 1 in opaque else ln for i, ln in enumerate(lines)]
            text = "\n".join(lines)
    source = _Source(text, lines)
    walker = _Walker(body, source, line_offset)
    walker.walk(_markdown(options).events_with_range(text))
    if walker.run is not None:
        walker._finish(walker.run)
    body.images.extend(jsx_images)
    if jsx_comments:
        body.comments = sorted(
            [*body.comments, *jsx_comments], key=lambda c: (c.span.line, c.span.column)
        )
    return body


# The patterns of MkDocs pages and template tags are compiled on first use (``cache``): most
# runs meet neither, and a pattern compiled at import costs every run its start-up.


@cache
def _hash_line() -> re.Pattern[str]:
    return re.compile(r"(#{1,6})(?!#)(.*?)#*\s*$")


@cache
def _inline_link() -> re.Pattern[str]:
    """A link or image in a heading's text: its text is what the heading shows."""
    return re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")


_QUOTE_MARKERS = LazyPattern(r"^(?: {0,3}> ?)*")


def hash_headings(body: Body, lines: list[str], line_offset: int) -> None:
    """Add the headings Python-Markdown (MkDocs) reads where CommonMark reads text: a line of a
    paragraph that starts with 1-6 ``#`` is a heading even without a space after them
    (``#NoSpace`` is an H1), and wherever it stands in the paragraph. A line whose start
    continues a code span, link or HTML from the line before is not, nor a later line of the
    paragraph indented in the file (past a block quote's ``>``): a list item's second line
    ``  #1132.`` is the item's text. ``#. item`` is left alone: an item of pymdownx.fancylists'
    self-numbering list, no title written as ``. item``."""
    known = {h.span.line for h in body.headings}
    added = False
    for paragraph in body.paragraphs:
        if not paragraph.has_hash_line:
            continue
        for k, content in enumerate(paragraph.lines):
            line = paragraph.span.line + k
            plain = paragraph.plain_starts[k] if k < len(paragraph.plain_starts) else True
            match = _hash_line().fullmatch(content.strip()) if content.startswith("#") else None
            if match is None or not plain or line in known:
                continue
            raw = lines[line - line_offset - 1]
            if k and not _QUOTE_MARKERS.sub("", raw, count=1).startswith("#"):
                continue  # an indented line goes on its paragraph: Python-Markdown keeps it
            if content.startswith(("#. ", "#) ")):
                continue  # pymdownx.fancylists' item of a list that numbers itself
            column = column_of(content.rstrip(), raw) + 1
            span = Span(line, column, line, column + len(content.rstrip()))
            text = _inline_link().sub(r"\1", match[2].strip())
            body.headings.append(Heading(len(match[1]), text, span, False, raw))
            known.add(line)
            added = True
    if added:
        body.headings.sort(key=lambda h: (h.span.line, h.span.column))


@cache
def _block_marker() -> re.Pattern[str]:
    """The first line of an MkDocs admonition (`!!! note "Titel"`), a collapsible one
    (pymdownx.details: `??? note`, `???+ note`) or a content tab (pymdownx.tabbed: `=== "Tab"`)."""
    return re.compile(r"^( {0,3})(?:!!!|\?\?\?\+?|===[!+]?)[ \t]+\S")


@cache
def _fence() -> re.Pattern[str]:
    return re.compile(r"^ {0,3}(`{3,}|~{3,})")


class MkDocsBlock(NamedTuple):
    """An admonition's or a tab's Markdown content: 0-based ``first`` to ``stop`` (exclusive)
    lines of the body, indented by ``width`` columns; ``marker`` is its opening line."""

    marker: int
    first: int
    stop: int
    width: int


def mkdocs_blocks(lines: list[str]) -> list[MkDocsBlock]:
    """The outermost admonitions and content tabs of an MkDocs page: Python-Markdown renders
    their indented block as Markdown, where CommonMark sees an indented code block. A marker
    inside a fenced code block (a page showing the syntax) opens none; a block whose content
    is not indented is empty."""
    joined = "\n".join(lines)
    if "!!!" not in joined and "???" not in joined and "===" not in joined:
        return []
    found: list[MkDocsBlock] = []
    fence_at, marker_at = _fence().match, _block_marker().match
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        opened = fence_at(line)
        if fence:
            if opened and opened[1][0] == fence[0] and len(opened[1]) >= len(fence):
                fence = "" if not line.strip().strip(fence[0]) else fence
        elif opened:
            fence = opened[1]
        else:
            marker = marker_at(line)
            if marker:
                block = _block(lines, index, len(marker[1]) + 4)
                if block is not None:
                    found.append(block)
                    index = block.stop
                    continue
        index += 1
    return found


def _block(lines: list[str], marker: int, width: int) -> MkDocsBlock | None:
    """The indented lines after ``marker`` (blank lines inside, not after)."""
    stop = marker + 1
    end = stop
    while stop < len(lines):
        line = lines[stop]
        if line.strip():
            if not line.startswith(" " * width):
                break
            end = stop + 1
        stop += 1
    return MkDocsBlock(marker, marker + 1, end, width) if end > marker + 1 else None


def _with_blocks(
    lines: list[str],
    line_offset: int,
    options: pyromark.Options,
    mdx: bool,
    blocks: list[MkDocsBlock],
) -> Body:
    """Parse a page with MkDocs blocks: the page with each block (and its marker line) left
    blank, then each block's content, dedented, as Markdown of its own (its own blocks too),
    whose positions move back by the block's indentation."""
    outer = list(lines)
    for block in blocks:
        outer[block.marker : block.stop] = [""] * (block.stop - block.marker)
    body = parse_body(outer, line_offset, options, mdx=mdx)
    for block in blocks:
        content = [line[block.width :] for line in lines[block.first : block.stop]]
        inner = parse_body(content, line_offset + block.first, options, admonitions=True)
        _shift(inner, block.width, lines, line_offset)
        body.headings.extend(inner.headings)
        body.paragraphs.extend(inner.paragraphs)
        body.images.extend(inner.images)
        body.links.extend(inner.links)
        body.comments.extend(inner.comments)
        body.code_lines |= inner.code_lines
        body.template_lines |= inner.template_lines
    for items in (body.headings, body.paragraphs, body.images, body.links, body.comments):
        items.sort(key=lambda item: (item.span.line, item.span.column))
    return body


def _shift(body: Body, width: int, lines: list[str], line_offset: int) -> None:
    """Move the spans of a block's content ``width`` columns right, to where the file has them
    (new values: the model's are never changed); a heading's ``raw`` is its line in the file,
    indentation included."""

    def moved(span: Span) -> Span:
        return Span(span.line, span.column + width, span.end_line, span.end_column + width)

    body.headings = [
        replace(h, span=moved(h.span), raw=lines[h.span.line - line_offset - 1])
        for h in body.headings
    ]
    body.paragraphs = [p._moved(moved(p.span)) for p in body.paragraphs]
    body.images = [replace(i, span=moved(i.span)) for i in body.images]
    body.links = [replace(link, span=moved(link.span)) for link in body.links]
    body.comments = [replace(c, span=moved(c.span)) for c in body.comments]


class TemplateTag(NamedTuple):
    """One Liquid/Nunjucks tag (``{%- endset %}``) or Hugo shortcode (``{{< /highlight >}}``)."""

    name: str
    """Lower case, without ``end`` or ``/``: ``set`` for ``{% endset %}``."""
    end: bool
    arguments: str
    line: int
    """0-based index into the lines scanned."""
    column: int
    shortcode: bool = False


@cache
def _tag() -> re.Pattern[str]:
    """A tag on one line (no part of it matches a newline: the lines are searched joined)."""
    return re.compile(
        r"\{%-?[^\S\n]*(end)?(\w+)((?:[^%\n]|%(?!\}))*)%\}"
        r"|\{\{[<%][^\S\n]*(/)?[^\S\n]*([\w-]+)\b(.*?)[>%]\}\}"
    )


_LITERAL = frozenset(("raw", "verbatim"))
"""Blocks whose tags are text: the content is Markdown, but no tag in it is one."""


def template_tags(lines: list[str], joined: str | None = None) -> Iterator[TemplateTag]:
    """The template tags of ``lines`` in order (one line each), leaving out those inside
    ``{% raw %}`` / ``{% verbatim %}``, which the template engine passes on as text
    (``joined``: the lines joined by newlines, if known; searched in one pass)."""
    if joined is None:
        joined = "\n".join(lines)
    if "{%" not in joined and "{{<" not in joined and "{{%" not in joined:
        return
    literal: str | None = None
    index = counted = 0  # the line of ``counted``, the offset newlines are counted up to
    for match in _tag().finditer(joined):
        begin = match.start()
        index += joined.count("\n", counted, begin)
        counted = begin
        column = begin - joined.rfind("\n", 0, begin) - 1
        if match.group(2) is not None:
            name, end = match.group(2).lower(), match.group(1) is not None
            tag = TemplateTag(name, end, match.group(3), index, column)
        else:
            name, end = match.group(5).lower(), match.group(4) is not None
            tag = TemplateTag(name, end, match.group(6), index, column, True)
        if literal is not None:
            if tag.end and tag.name == literal and not tag.shortcode:
                literal = None
            continue
        if not tag.end and tag.name in _LITERAL and not tag.shortcode:
            literal = tag.name
            continue
        yield tag


_OPAQUE = frozenset(("highlight", "comment", "set", "capture", "macro", "call", "filter"))
"""Blocks whose content is not rendered as Markdown where it stands: code (``highlight``),
removed (``comment``), kept in a variable (``set``, ``capture``), a macro's definition, or
handed to a macro or filter that yeplint cannot run (``call``, ``filter``)."""


def _opens_block(tag: TemplateTag) -> bool:
    if tag.end or tag.name not in _OPAQUE:
        return False
    if tag.shortcode:
        return tag.name == "highlight"
    # `{% set x = 1 %}` assigns; only `{% set x %}…{% endset %}` is a block
    return tag.name != "set" or "=" not in tag.arguments


def template_code_lines(
    lines: list[str], line_offset: int, joined: str | None = None
) -> frozenset[int]:
    """The 1-based lines of template blocks whose content is not Markdown (:data:`_OPAQUE`):
    Liquid ``{% highlight %}``, ``{% comment %}`` and ``{% capture %}``, Nunjucks
    ``{%- set x %}…{% endset %}``, ``{% macro %}``, ``{% call %}`` and ``{% filter %}``, Hugo
    ``{{< highlight >}}``, from the opening tag's line to the closing one's. The generator
    replaces them before the Markdown is rendered, so no heading, paragraph or image in them is
    one. A block never closed covers its own line only: the build fails on it anyway, and a
    page that shows the tag as an example must not go silent after it. Pages without ``{%`` or
    ``{{`` cost one scan of the text (``joined``: the lines joined by newlines, if known)."""
    if joined is None:
        joined = "\n".join(lines)
    if "{%" not in joined and "{{" not in joined:
        return frozenset()
    inside: set[int] = set()
    open_blocks: list[TemplateTag] = []
    for tag in template_tags(lines, joined):
        in_comment = bool(open_blocks) and open_blocks[-1].name == "comment"
        if in_comment and not (tag.end and tag.name == "comment"):
            continue  # a comment's content is not read
        if _opens_block(tag):
            open_blocks.append(tag)
        elif tag.end and any(o.name == tag.name for o in open_blocks):
            while open_blocks[-1].name != tag.name:
                open_blocks.pop()  # an inner block left open closes with the outer one
            first = open_blocks.pop()
            start, stop = first.line + line_offset + 1, tag.line + line_offset + 1
            inside.update(range(start, stop + 1))
    inside.update(o.line + line_offset + 1 for o in open_blocks)
    return frozenset(inside)


_CONDITIONALS = {
    "if": "if",
    "ifversion": "if",
    "unless": "unless",
    "case": "case",
    "for": "for",
}
"""Blocks of which one branch renders (a loop's ``{% else %}`` renders when it has nothing to
loop over), with the name of the block their closing tag may also name (``endif``)."""
_BRANCH_SEPARATORS = frozenset(("elif", "elsif", "elseif", "else", "when"))


def template_branches(
    lines: list[str], line_offset: int, joined: str | None = None
) -> dict[int, Branch]:
    """For each 1-based line inside a conditional block (``{% if %}``/``{% elif %}``/``{% else
    %}``/``{% endif %}``, GitHub Docs' ``{% ifversion %}``, ``{% unless %}``, ``{% case %}``/
    ``{% when %}``, a loop's ``{% else %}``): the blocks it is in and which branch of each. The
    generator renders one branch of a block, so two lines in different branches of one block
    never both show (see :func:`exclusive`). A block never closed ends with the page
    (``joined``: the lines joined by newlines, if known)."""
    found: dict[int, Branch] = {}
    open_blocks: list[tuple[str, int, int]] = []  # opening name, block number, branch
    numbered = 0
    last = 0  # the first line whose branches are not yet recorded
    for tag in template_tags(lines, joined):
        if tag.shortcode:
            continue
        path = tuple((number, branch) for _, number, branch in open_blocks)
        if path:
            found.update(dict.fromkeys(range(last, tag.line + 1), path))
        last = tag.line + 1
        if not tag.end and tag.name in _CONDITIONALS:
            numbered += 1
            open_blocks.append((tag.name, numbered, 0))
        elif not tag.end and tag.name in _BRANCH_SEPARATORS and open_blocks:
            opening, number, branch = open_blocks[-1]
            open_blocks[-1] = (opening, number, branch + 1)
        elif tag.end and any(_closes(tag, o[0]) for o in open_blocks):
            while not _closes(tag, open_blocks.pop()[0]):
                pass
    if open_blocks:
        path = tuple((number, branch) for _, number, branch in open_blocks)
        found.update(dict.fromkeys(range(last, len(lines)), path))
    return {index + line_offset + 1: path for index, path in found.items()}


def _closes(tag: TemplateTag, opening: str) -> bool:
    """``{% endif %}`` closes an ``{% if %}`` and an ``{% ifversion %}``; ``{% endifversion %}``
    closes its own."""
    return tag.name in (opening, _CONDITIONALS[opening])


def exclusive(first: Branch, second: Branch) -> bool:
    """Whether two lines are in different branches of one conditional block: never rendered
    together."""
    if not first or not second:
        return False
    branches = dict(first)
    return any(branches.get(number, branch) != branch for number, branch in second)


_LIST_MARKER = LazyPattern(r"^[ \t]*([-+*]|\d{1,9}[.)])([ \t]{1,4}(?![ \t])|[ \t]*$)")
_ITEM_MARKER = re.compile(r"^([ \t]*)([-+*]|\d{1,9}[.)])([ \t]*)")
_QUOTE_PREFIX = LazyPattern(r"^ {0,3}> ?")


def _written_destination(text: str, *, image: bool = True) -> str | None:
    """The destination of an inline image ``![alt](dest)`` or link ``[text](dest)`` as
    written; ``None`` for references."""
    if not text.endswith(")"):
        return None
    if "\\" not in text and text.count("[") == 1 and text.count("]") == 1:
        opening, close = text.index("["), text.index("]")  # the loop below in one step
        if (1 if image else 0) <= opening < close and text.startswith("(", close + 1):
            return _destination(text[close + 2 : -1])
        return None
    depth = 0
    for i in range(1 if image else 0, len(text)):
        char = text[i]
        if char == "\\":
            continue
        if char == "[" and (i == 0 or text[i - 1] != "\\"):
            depth += 1
        elif char == "]" and text[i - 1] != "\\":
            depth -= 1
            if depth == 0:
                if i + 1 < len(text) and text[i + 1] == "(":
                    return _destination(text[i + 2 : -1])
                return None
    return None


_DESTINATION_STOP = re.compile(r"[\s()<]")
"""What ends or nests a destination: without any, it is the whole text."""


def _destination(inner: str) -> str:
    inner = inner.strip()
    if not _DESTINATION_STOP.search(inner):
        return inner
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
