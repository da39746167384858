"""Positions as LSP counts them: 0-based lines, UTF-16 columns (what the server announces
whatever the client prefers), on the file's own lines."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from lsprotocol import types as lsp

if TYPE_CHECKING:
    pass


def utf16(line: str, column: int) -> int:
    """A 1-based character column as a 0-based UTF-16 offset (LSP's default encoding)."""
    prefix = line[: max(column - 1, 0)]
    if prefix.isascii():
        return len(prefix)
    return len(prefix.encode("utf-16-le", "surrogatepass")) // 2


def from_utf16(line: str, offset: int) -> int:
    """A 0-based UTF-16 offset as a 1-based character column."""
    if line.isascii():
        return min(offset, len(line)) + 1
    units = 0
    for index, char in enumerate(line):
        if units >= offset:
            return index + 1
        units += 2 if ord(char) > 0xFFFF else 1
    return len(line) + 1


def line_at(lines: Sequence[str], number: int) -> str:
    return lines[number - 1] if 0 < number <= len(lines) else ""


def to_range(
    lines: Sequence[str], line: int, column: int, end_line: int, end_column: int
) -> lsp.Range:
    return lsp.Range(
        start=lsp.Position(line - 1, utf16(line_at(lines, line), column)),
        end=lsp.Position(end_line - 1, utf16(line_at(lines, end_line), end_column)),
    )
