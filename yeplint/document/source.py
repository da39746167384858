"""Bytes → text: decoding with diagnostics, and line splitting that keeps every line number true.

Only ``\\r\\n``, ``\\r`` and ``\\n`` end a line (as in CommonMark and YAML); ``str.splitlines``
would also split on form feeds and Unicode separators and shift every line after them.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import field
from typing import NamedTuple

from yeplint import LazyPattern, record
from yeplint.diagnostics import Fix, Span
from yeplint.locale.messages import Message, msg

_LINE_BREAK = LazyPattern(r"\r\n|\r|\n")


class Problem(NamedTuple):
    """A content problem found while loading a file; a rule named ``kind`` reports it."""

    kind: str
    span: Span
    message: str
    hint: str | None = None
    fix: Fix | None = None


@record(frozen=False)
class Decoded:
    text: str
    """The text with any BOM removed; a binary file decodes to the empty string."""
    binary: bool = False
    problems: list[Problem] = field(default_factory=list)

    def __init__(
        self, text: str, binary: bool = False, problems: list[Problem] | None = None
    ) -> None:
        self.text = text
        self.binary = binary
        self.problems = [] if problems is None else problems


class LineStarts:
    """Where each line of ``\\n``-separated text starts: character offsets to lines."""

    __slots__ = ("starts",)

    def __init__(self, text: str) -> None:
        self.starts = [0, *(m.end() for m in re.finditer("\n", text))]

    def line(self, offset: int) -> int:
        """The 0-based line of ``offset``."""
        from bisect import bisect_right

        return bisect_right(self.starts, offset) - 1

    def position(self, offset: int) -> tuple[int, int]:
        """The 0-based line and column of ``offset``."""
        line = self.line(offset)
        return line, offset - self.starts[line]


def _position(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset in not-yet-normalised text."""
    prefix = text[:offset]
    breaks = list(_LINE_BREAK.finditer(prefix))
    line = len(breaks) + 1
    start = breaks[-1].end() if breaks else 0
    return line, offset - start + 1


def _looks_utf16(data: bytes) -> str | None:
    """Guess UTF-16 without a BOM from the NUL pattern of mostly-ASCII text."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.8 * half and even_nuls == 0:
        return "utf-16-le"
    if even_nuls > 0.8 * half and odd_nuls == 0:
        return "utf-16-be"
    return None


def decode(data: bytes) -> Decoded:
    """Decode a file's bytes as UTF-8, reporting (never raising on) anything else."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _decode_utf16(data, "utf-16", msg("UTF-16 with a byte order mark"))
    if b"\x00" in data:
        guess = _looks_utf16(data)
        if guess:
            what = msg("{codec} without a byte order mark", codec=guess.upper())
            return _decode_utf16(data, guess, what)
        decoded = Decoded("", binary=True)
        decoded.problems.append(
            Problem(
                "binary-file",
                Span.point(1),
                msg("file contains NUL bytes and is not text"),
                msg("a binary file with a Markdown extension; rename or remove it"),
            )
        )
        return decoded
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        text = data.decode("utf-8", errors="replace")
        good = data[: exc.start].decode("utf-8")
        line, column = _position(text, len(good))
        bad = data[exc.start]
        guess = _guess_legacy(data)
        decoded = Decoded(text)
        decoded.problems.append(
            Problem(
                "invalid-encoding",
                Span.on_line(line, column, 1),
                msg(
                    "file is not valid UTF-8: byte `{byte}` at this position{guess}",
                    byte=f"0x{bad:02x}",
                    guess=guess,
                ),
                msg("save the file as UTF-8"),
            )
        )
        return decoded


def _guess_legacy(data: bytes) -> str:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return msg(" (the file looks like Latin-1/Windows-1252)")


def _decode_utf16(data: bytes, codec: str, what: Message) -> Decoded:
    text = data.decode(codec, errors="replace").lstrip("\ufeff")
    decoded = Decoded(text)
    decoded.problems.append(
        Problem(
            "invalid-encoding",
            Span.point(1),
            msg("file is encoded as {encoding}", encoding=what),
            msg("save it as UTF-8"),
        )
    )
    return decoded


def split_lines(text: str) -> list[str]:
    """Split on CommonMark/YAML line endings only; a final newline yields a last empty line."""
    if "\r" not in text:
        return text.split("\n")  # the usual case, without the regular expression
    return _LINE_BREAK.split(text)


def line_starts(text: str) -> list[int]:
    """The character offset where each line of :func:`split_lines` starts (a final newline
    starts a last, empty line): positions a client sends are counted in these lines."""
    return [0, *(m.end() for m in _LINE_BREAK.finditer(text))]


def line_endings(text: str) -> set[str]:
    if "\r" not in text:
        return {"\n"} if "\n" in text else set()
    return {m.group() for m in _LINE_BREAK.finditer(text)}
