"""The shape of a body, as the page renders it: every block and inline element without its
position (:func:`structure`), which ``--fix`` compares before and after an edit
(:mod:`yeplint.engine.fix_verify`) so that a fix never changes what the page shows. Built on
the same pulldown-cmark events as :mod:`.markdown`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, NamedTuple

import pyromark

from yeplint.document.markdown import (
    _INLINE_STARTS,
    _RUN_BLOCKS,
    OPTIONS,
    Body,
    _content_start,
    _kind,
    _markdown,
    _merged,
    _Run,
    _Source,
    _Walker,
    template_code_lines,
)


class Shape(NamedTuple):
    """A block or inline element of :func:`structure` without its position: what the page
    renders from it."""

    type: str
    tag: str
    nesting: int
    hidden: bool
    markup: str
    info: str
    attrs: tuple[tuple[str, str], ...]
    content: str
    children: tuple[Shape, ...]


def _shape(
    kind: str,
    tag: str = "",
    nesting: int = 0,
    *,
    hidden: bool = False,
    info: str = "",
    attrs: tuple[tuple[str, str], ...] = (),
    content: str = "",
    children: tuple[Shape, ...] = (),
) -> Shape:
    return Shape(kind, tag, nesting, hidden, "", info, attrs, content, children)


_BLOCK_NAMES = {
    "Paragraph": ("paragraph", "p"),
    "BlockQuote": ("blockquote", "blockquote"),
    "Item": ("list_item", "li"),
    "Table": ("table", "table"),
    "TableHead": ("thead", "thead"),
    "TableRow": ("tr", "tr"),
    "FootnoteDefinition": ("footnote", "div"),
}
_INLINE_NAMES = {
    "Emphasis": ("em", "em"),
    "Strong": ("strong", "strong"),
    "Strikethrough": ("s", "s"),
    "Superscript": ("sup", "sup"),
    "Subscript": ("sub", "sub"),
    "Link": ("link", "a"),
}


class _Shaper:
    """Builds :func:`structure`'s shapes from the event stream."""

    def __init__(self, source: _Source) -> None:
        self.source = source
        self.walker = _Walker(Body(), source, 0)
        self.out: list[tuple[int, Shape]] = []
        self.blocks: list[tuple[str, Any]] = []
        self.run: _Run | None = None
        self.text: list[str] = []
        self.code_start = 0
        self.head = False

    def shapes(self, events: Iterable[tuple[Any, Any]]) -> list[tuple[int, Shape]]:
        char = self.source.char
        for event, rng in events:
            name, kind, payload = _kind(event)
            start, end = char(rng["start"]), char(rng["end"])
            if name == "Start" and kind not in _INLINE_STARTS:
                self._flush_tight()
                self._open(kind, payload, start, end)
            elif name == "End" and kind not in _INLINE_STARTS:
                self._flush_tight()
                self._close(kind)
            elif (
                name in ("Text", "Html")
                and self.blocks
                and self.blocks[-1][0]
                in (
                    "CodeBlock",
                    "HtmlBlock",
                )
            ):
                self.text.append(payload)
            elif name == "Rule":
                self._flush_tight()
                self.out.append((self.source.line(start), _shape("hr", "hr")))
            else:
                if self.run is None:
                    self.run = _Run("Item", start, end, tight=True)
                    self._emit_open("paragraph", "p", start, hidden=True)
                self.run.events.append((name, kind, payload, start, end))
        self._flush_tight()
        return self.out

    def _emit_open(
        self,
        kind: str,
        tag: str,
        start: int,
        *,
        hidden: bool = False,
        attrs: tuple[tuple[str, str], ...] = (),
    ) -> None:
        self.out.append(
            (self.source.line(start), _shape(f"{kind}_open", tag, 1, hidden=hidden, attrs=attrs))
        )

    def _flush_tight(self) -> None:
        run = self.run
        if run is not None and run.tight:
            self._inline_shape(run)
            self.out.append((-1, _shape("paragraph_close", "p", -1, hidden=True)))
            self.run = None

    def _open(self, kind: str, payload: Any, start: int, end: int) -> None:
        self.blocks.append((kind, payload))
        line = self.source.line(start)
        if kind == "BlockQuote":
            self.walker._enter("blockquote", (line, 0))
        elif kind == "Item":
            self.walker._enter("list_item", self.walker._item_column(start))
        if kind in ("CodeBlock", "HtmlBlock"):
            self.text = []
            self.code_start = start
            return
        if kind == "TableHead":
            self.head = True
        if kind in _RUN_BLOCKS:
            self.run = _Run(kind, start, end, payload)
        if kind == "Heading":
            self._emit_open(
                "heading", f"h{str(payload['level'])[1:]}", start, attrs=_heading_attrs(payload)
            )
        elif kind == "TableCell":
            self._emit_open("th" if self.head else "td", "th" if self.head else "td", start)
        elif kind == "List":
            ordered = payload is not None
            attrs = (("start", str(payload)),) if ordered else ()
            self._emit_open(
                "ordered_list" if ordered else "bullet_list",
                "ol" if ordered else "ul",
                start,
                attrs=attrs,
            )
        elif kind == "BlockQuote" and payload:
            self._emit_open("blockquote", "blockquote", start, attrs=(("kind", str(payload)),))
        elif kind == "Table":
            self._emit_open("table", "table", start, attrs=(("align", ",".join(payload)),))
        elif kind == "FootnoteDefinition":
            self._emit_open("footnote", "div", start, attrs=(("label", str(payload)),))
        else:
            name, tag = _BLOCK_NAMES.get(kind, (kind.lower(), kind.lower()))
            self._emit_open(name, tag, start)

    def _close(self, kind: str) -> None:
        opened, payload = self.blocks.pop() if self.blocks else (kind, None)
        if opened in ("BlockQuote", "Item") and self.walker.containers:
            self.walker._leave()
        if opened in ("CodeBlock", "HtmlBlock"):
            line = self.source.line(self.code_start)
            content = "".join(self.text)
            if opened == "HtmlBlock":
                self.out.append((line, _shape("html_block", content=content)))
            elif isinstance(payload, dict):
                info = str(payload.get("Fenced", ""))
                self.out.append((line, _shape("fence", "code", info=info, content=content)))
            else:
                self.out.append((line, _shape("code_block", "code", content=content)))
            self.text = []
            return
        run = self.run
        if run is not None and opened in _RUN_BLOCKS:
            self._inline_shape(run)
            self.run = None
        if opened == "TableHead":
            self.head = False
        if opened == "Heading":
            tag = f"h{str(payload['level'])[1:]}" if payload else "h1"
            self.out.append((-1, _shape("heading_close", tag, -1)))
        elif opened == "TableCell":
            tag = "th" if self.head else "td"
            self.out.append((-1, _shape(f"{tag}_close", tag, -1)))
        elif opened == "List":
            ordered = payload is not None
            self.out.append(
                (
                    -1,
                    _shape(
                        "ordered_list_close" if ordered else "bullet_list_close",
                        "ol" if ordered else "ul",
                        -1,
                    ),
                )
            )
        else:
            name, tag = _BLOCK_NAMES.get(opened, (opened.lower(), opened.lower()))
            self.out.append((-1, _shape(f"{name}_close", tag, -1)))

    def _inline_shape(self, run: _Run) -> None:
        line = self.source.line(run.start)
        if run.events:
            start = _content_start(run, self.source.text)
            end = max(e[4] for e in run.events)
            lines, _ = self.walker._run_lines(start, end)
            content = "\n".join(lines)
            line = self.source.line(start)
        else:
            content = ""
        children = _inline_children(_merged(run.events))
        self.out.append((line, _shape("inline", content=content, children=children)))


def _heading_attrs(payload: Any) -> tuple[tuple[str, str], ...]:
    attrs: list[tuple[str, str]] = []
    if payload.get("id"):
        attrs.append(("id", str(payload["id"])))
    if payload.get("classes"):
        attrs.append(("class", " ".join(payload["classes"])))
    attrs.extend((str(k), str(v) if v is not None else "") for k, v in payload.get("attrs", ()))
    return tuple(sorted(attrs))


def _inline_children(events: Iterable[tuple[str, str, Any, int, int]]) -> tuple[Shape, ...]:
    stack: list[list[Shape]] = [[]]
    images: list[Any] = []
    for name, kind, payload, _, _ in events:
        if name == "Start" and kind == "Image":
            stack.append([])
            images.append(payload)
        elif name == "End" and kind == "Image":
            children = tuple(stack.pop())
            image = images.pop() if images else {}
            attrs = (
                ("src", str(image.get("dest_url", ""))),
                ("title", str(image.get("title", ""))),
            )
            stack[-1].append(_shape("image", "img", attrs=attrs, children=children))
        elif name == "Start":
            kind_name, tag = _INLINE_NAMES.get(kind, (kind.lower(), kind.lower()))
            link: tuple[tuple[str, str], ...] = ()
            if kind == "Link":
                link = (("href", str(payload["dest_url"])), ("title", str(payload["title"])))
            stack[-1].append(_shape(f"{kind_name}_open", tag, 1, attrs=link))
        elif name == "End":
            kind_name, tag = _INLINE_NAMES.get(kind, (kind.lower(), kind.lower()))
            stack[-1].append(_shape(f"{kind_name}_close", tag, -1))
        elif name == "Text":
            stack[-1].append(_shape("text", content=payload))
        elif name == "Code":
            stack[-1].append(_shape("code_inline", "code", content=payload))
        elif name == "InlineHtml":
            stack[-1].append(_shape("html_inline", content=payload))
        elif name in ("SoftBreak", "HardBreak"):
            stack[-1].append(_shape(name.lower()))
        else:
            stack[-1].append(_shape(name.lower(), content=str(payload)))
    while len(stack) > 1:  # an image left open: keep what it held
        inner = stack.pop()
        stack[-1].extend(inner)
    return tuple(stack[0])


References = dict[str, tuple[str, str]]
"""Reference definitions by normalised label: destination and title."""


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def structure(lines: list[str], *, mdx: bool = False) -> list[tuple[int, Shape]]:
    """Every block of the body with its first line (0-based, -1 for closing elements) and
    its shape: type, tag, attributes, text and inline children. Two bodies with the same
    shapes render the same; an ATX heading and a setext heading of the same level and text
    count as equal (``--fix`` compares these before and after it edits a file)."""
    return parse_structure(lines, mdx=mdx)[0]


def parse_structure(
    lines: list[str], *, mdx: bool = False
) -> tuple[list[tuple[int, Shape]], References]:
    """:func:`structure` and the body's reference definitions. Template blocks whose content is
    not Markdown (:func:`~yeplint.document.markdown.template_code_lines`) are blank, and with
    ``mdx`` the JavaScript and JSX lines (:mod:`yeplint.document.mdx`), as the model the rules
    read has them: the rules and the check of their fixes see one page."""
    if mdx:
        from yeplint.document.mdx import scan

        found = scan(lines)
        lines = ["" if i in found.opaque else line for i, line in enumerate(lines)]
    opaque = template_code_lines(lines, 0)
    if opaque:
        lines = ["" if i + 1 in opaque else line for i, line in enumerate(lines)]
    text = "\n".join(lines)
    source = _Source(text, lines)
    shapes = _Shaper(source).shapes(_markdown(OPTIONS).events_with_range(text))
    references: References = {}
    if "]:" in text:
        for label, definition in pyromark.reference_definitions(text, options=OPTIONS).items():
            references.setdefault(_label(label), (definition["dest"], definition["title"] or ""))
    return shapes, references


def inline_shape(
    text: str, references: References | None = None, *, heading: bool = False
) -> tuple[Shape, ...]:
    """The inline children of a paragraph (or with ``heading``, an ATX heading) whose text is
    ``text``, as :func:`structure` shows them, with the given reference definitions. A text
    that is no paragraph on its own (``2. foo`` is a list) has children nothing else has."""
    known = references or {}

    def resolve(link: Any) -> tuple[str, str] | None:
        return known.get(_label(str(link["reference"])))

    source = f"# {text}" if heading else text
    lines = source.split("\n")
    events = pyromark.events_with_range(source, options=OPTIONS, broken_link_callback=resolve)
    shapes = _Shaper(_Source(source, lines)).shapes(events)
    kinds = [shape.type for _, shape in shapes]
    wanted = "heading" if heading else "paragraph"
    if kinds != [f"{wanted}_open", "inline", f"{wanted}_close"]:
        return (_shape("unparsable", content=text),)
    return shapes[1][1].children


def normalize_link(url: str) -> str:
    """A link destination as written, as the parser stores it: backslash escapes and entities
    resolved."""
    for written in (f"![]({url})", f"![](<{url}>)"):
        for event in pyromark.events(written):
            name, kind, payload = _kind(event)
            if name == "Start" and kind == "Image":
                return str(payload["dest_url"])
    return url
