"""TOML (``+++``) and JSON (``{ … }``) front matter: data from the standard library, positions
from a scan of the source.

``tomllib`` and ``json`` give the data (and the syntax errors) but no positions, and no well-kept
Python TOML parser reports them either (tomlkit keeps formatting, not line numbers). Once the
standard parser has accepted the text, a small scanner walks the same text and records where each
key and value is: keys (bare, quoted, dotted), table and array-of-table headers, strings of the
four kinds, inline arrays and tables (each item located), and other scalars up to the next `,`,
`]`, `}`, comment or line end. The result is the same :class:`FrontMatter` as YAML's, so
schemas, rules and messages do not know which format a page used. No fix edits these values
(``editable`` is false): the fixes are written for YAML.
"""

from __future__ import annotations

import datetime
import re
from typing import Any

from yeplint.diagnostics import Span
from yeplint.document.front_matter.located import FrontMatter, JsonPath
from yeplint.document.source import LineStarts, Problem
from yeplint.locale.messages import msg

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_TOML_ERROR = re.compile(r"\s*\(at line (\d+), column (\d+)\)$")
_SCALAR_END = frozenset(",]}#\n")


def json_ready(value: Any) -> Any:
    """TOML's dates and times as the ISO text a page would write (schemas see strings)."""
    if isinstance(value, dict):
        return {k: json_ready(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_ready(v) for v in value]
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    return value


class _Scanner:
    """Walks TOML or JSON text that its parser accepted, recording spans by path."""

    def __init__(self, text: str, line_offset: int, fm: FrontMatter) -> None:
        self.text = text
        self.pos = 0
        self.fm = fm
        self.line_offset = line_offset
        self.lines = LineStarts(text)

    def _where(self, pos: int) -> tuple[int, int]:
        line, column = self.lines.position(pos)
        return line + 1 + self.line_offset, column + 1

    def span(self, start: int, end: int) -> Span:
        line, column = self._where(start)
        end_line, end_column = self._where(end)
        return Span(line, column, end_line, end_column)

    def skip(self, newlines: bool = True) -> None:
        text = self.text
        while self.pos < len(text):
            char = text[self.pos]
            if char in " \t\r" or (newlines and char == "\n"):
                self.pos += 1
            elif char == "#":
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end
            else:
                return

    def string(self) -> None:
        text, pos = self.text, self.pos
        for quote in ('"""', "'''"):
            if text.startswith(quote, pos):
                end = pos + 3
                while True:
                    end = text.find(quote, end)
                    if end < 0:
                        self.pos = len(text)
                        return
                    if quote == '"""' and _escaped(text, end):
                        end += 1
                        continue
                    while text.startswith(quote[0], end + 3):  # `""""` ends with a quote
                        end += 1
                    self.pos = end + 3
                    return
        quote = text[pos]
        end = pos + 1
        while end < len(text) and text[end] != quote:
            end += 2 if quote == '"' and text[end] == "\\" else 1
        self.pos = end + 1

    def key(self) -> tuple[list[str], int, int]:
        """A dotted key: its parts, and the span of the last part."""
        parts: list[str] = []
        start = end = self.pos
        while True:
            self.skip(newlines=False)
            start = self.pos
            if self.pos < len(self.text) and self.text[self.pos] in "\"'":
                self.string()
                raw = self.text[start : self.pos]
                parts.append(_unquote(raw))
            else:
                match = _BARE.match(self.text, self.pos)
                if match is None:
                    return parts, start, start
                self.pos = match.end()
                parts.append(match.group())
            end = self.pos
            self.skip(newlines=False)
            if self.pos < len(self.text) and self.text[self.pos] == ".":
                self.pos += 1
                continue
            return parts, start, end

    def value(self, path: JsonPath, closers: str = "") -> None:
        self.skip(newlines=False)
        start = self.pos
        text = self.text
        if start >= len(text):
            return
        char = text[start]
        if char in "\"'":
            self.string()
        elif char == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip()
                if self.pos >= len(text) or text[self.pos] == "]":
                    self.pos += 1
                    break
                self.value((*path, index), ",]")
                index += 1
                self.skip()
                if self.pos < len(text) and text[self.pos] == ",":
                    self.pos += 1
        elif char == "{":
            self.pos += 1
            while True:
                self.skip()
                if self.pos >= len(text) or text[self.pos] == "}":
                    self.pos += 1
                    break
                self.pair(path, inline=True)
                self.skip()
                if self.pos < len(text) and text[self.pos] == ",":
                    self.pos += 1
        else:
            end = start
            stop = _SCALAR_END | set(closers)
            while end < len(text) and text[end] not in stop:
                end += 1
            while end > start and text[end - 1] in " \t\r":
                end -= 1
            self.pos = end
        self.fm.value_spans[path] = self.span(start, self.pos)

    def pair(self, table: JsonPath, *, inline: bool = False) -> None:
        first = self.pos
        parts, start, end = self.key()
        path = (*table, *parts)
        self.fm.key_spans[path] = self.span(start, end)
        for depth in range(len(table) + 1, len(path)):  # `a.b = 1` also locates `a`
            self.fm.key_spans.setdefault(path[:depth], self.span(first, end))
            self.fm.value_spans.setdefault(path[:depth], self.span(first, end))
        self.skip(newlines=False)
        if self.pos < len(self.text) and self.text[self.pos] in "=:":  # `:` in JSON
            self.pos += 1
        self.value(path, ",}" if inline else "")

    def toml(self) -> None:
        table: JsonPath = ()
        arrays: dict[JsonPath, int] = {}
        text = self.text
        while True:
            self.skip()
            if self.pos >= len(text):
                return
            if text[self.pos] == "[":
                start = self.pos
                double = text.startswith("[[", self.pos)
                self.pos += 2 if double else 1
                parts, _, _ = self.key()
                self.pos = text.find("]", self.pos) + (2 if double else 1)
                table = tuple(parts)
                if double:
                    arrays[table] = arrays.get(table, -1) + 1
                    table = (*table, arrays[table])
                for depth in range(1, len(table) + 1):  # `[a.b]` also locates `a`
                    self.fm.value_spans.setdefault(table[:depth], self.span(start, self.pos))
                    self.fm.key_spans.setdefault(table[:depth], self.span(start, self.pos))
                continue
            before = self.pos
            self.pair(table)
            if self.pos == before:  # never loop on text the scanner does not understand
                end = text.find("\n", self.pos)
                self.pos = len(text) if end < 0 else end + 1


def _escaped(text: str, index: int) -> bool:
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


def _unquote(raw: str) -> str:
    import json

    if raw.startswith("'"):
        return raw[1:-1]
    try:
        value = json.loads(raw)
    except ValueError:
        return raw[1:-1]
    return value if isinstance(value, str) else raw[1:-1]


def parse_toml(
    source: str, fence: Span, close_line: int | None, line_offset: int
) -> tuple[FrontMatter, list[Problem]]:
    """Read ``source`` (the lines between the ``+++`` fences) into a :class:`FrontMatter`."""
    import tomllib

    fm = FrontMatter(fence=fence, close_line=close_line, editable=False)
    try:
        data = tomllib.loads(source)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_ERROR.search(message)
        span = fence
        if found:
            line, column = int(found[1]), int(found[2])
            span = Span.point(line + line_offset, column)
            message = message[: found.start()]
        text = message[:1].lower() + message[1:]
        hint = msg(
            'TOML quotes text (`title = "…"`), puts `=` after each key and has each key once'
        )
        message = msg("invalid TOML: {problem}", problem=text)
        return fm, [Problem("front-matter-syntax-error", span, message, hint)]
    fm.data = json_ready(data)
    fm.ok = True
    _Scanner(source, line_offset, fm).toml()
    return fm, []
