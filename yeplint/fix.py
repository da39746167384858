"""``--fix``: apply the fixes rules attached to their diagnostics, keeping every byte else.

Edits address lines and columns of the text yeplint read; a file is rewritten with its own
line endings and byte order mark. Files that are not UTF-8 are never rewritten, and edits
that overlap another edit of the same file are left for the next run.
"""

from __future__ import annotations

import codecs
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from yeplint.diagnostics import Diagnostic, Edit

_LINE = re.compile(r"(.*?)(\r\n|\r|\n|$)", re.S)


@dataclass(frozen=True, slots=True)
class Fixed:
    files: int
    problems: int


def _split_keep(text: str) -> list[tuple[str, str]]:
    """Lines with their own endings: ``[(content, ending), ...]``."""
    parts: list[tuple[str, str]] = []
    position = 0
    while position <= len(text):
        match = _LINE.match(text, position)
        assert match is not None
        parts.append((match.group(1), match.group(2)))
        if not match.group(2):
            break
        position = match.end()
    return parts


def apply_fixes(diagnostics: list[Diagnostic], paths: dict[str, Path]) -> Fixed:
    """Apply the fixes of ``diagnostics`` (grouped by display path, ``paths`` maps each to the
    file). Returns how many files and problems were fixed."""
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in diagnostics:
        if d.fix is not None and d.path in paths:
            by_file[d.path].append(d)
    files = problems = 0
    for display, fixable in by_file.items():
        done = _fix_file(paths[display], fixable)
        if done:
            files += 1
            problems += done
    return Fixed(files, problems)


def _fix_file(path: Path, diagnostics: list[Diagnostic]) -> int:
    try:
        data = path.read_bytes()
    except OSError:
        return 0
    bom = data.startswith(codecs.BOM_UTF8)
    try:
        text = data[len(codecs.BOM_UTF8) if bom else 0 :].decode("utf-8")
    except UnicodeDecodeError:
        return 0
    lines = _split_keep(text)
    taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
    chosen: list[Edit] = []
    fixed = 0
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        assert d.fix is not None
        edits = d.fix.edits
        if not all(_fits(e, lines) and not _overlaps(e, taken) for e in edits):
            continue
        for e in edits:
            taken[e.span.line].append((e.span.column, e.span.end_column))
        chosen.extend(edits)
        fixed += 1
    if not chosen:
        return 0
    for edit in sorted(chosen, key=lambda e: (e.span.line, e.span.column), reverse=True):
        index = edit.span.line - 1
        content, ending = lines[index]
        start, end = edit.span.column - 1, edit.span.end_column - 1
        lines[index] = (content[:start] + edit.replacement + content[end:], ending)
    result = "".join(c + e for c, e in lines).encode("utf-8")
    _write(path, (codecs.BOM_UTF8 if bom else b"") + result)
    return fixed


def _fits(edit: Edit, lines: list[tuple[str, str]]) -> bool:
    span = edit.span
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return False
    return 1 <= span.column <= span.end_column <= len(lines[span.line - 1][0]) + 1


def _overlaps(edit: Edit, taken: dict[int, list[tuple[int, int]]]) -> bool:
    start, end = edit.span.column, edit.span.end_column
    return any((start < b and a < end) or start == a for a, b in taken[edit.span.line])


def _write(path: Path, data: bytes) -> None:
    """Write through a temporary file beside the real one (through symlinks), keeping its mode."""
    real = path.resolve()
    temporary = real.with_name(f".{real.name}.yeplint-fix")
    temporary.write_bytes(data)
    temporary.chmod(real.stat().st_mode)
    temporary.replace(real)
