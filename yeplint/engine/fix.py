"""``--fix``: apply the fixes rules attached to their diagnostics, and nothing else.

Per real file (a symlinked post is fixed once, through its target): the file is locked and
read, linted from exactly those bytes, its fixes applied in rounds until none is left (edits
that overlap wait for the next round), each round verified by parsing the result again
(:mod:`yeplint.engine.fix_verify`), and the file rewritten atomically
(:mod:`yeplint.engine.safe_write`) only
when every round verified. Line endings, the byte order mark and every byte no edit touches are
kept; files that are not UTF-8 are never rewritten. A file whose fixes cannot be applied or
written keeps every byte and gets one ``fix-not-applied`` diagnostic saying why.
"""

from __future__ import annotations

import codecs
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from yeplint.config.files import read_upto
from yeplint.diagnostics import Diagnostic, Edit, Severity
from yeplint.document.post import load_text
from yeplint.document.source import decode
from yeplint.engine.fix_verify import verify
from yeplint.locale.messages import msg
from yeplint.rules import file as file_rules
from yeplint.rules.rule import code_name
from yeplint.site.discovery import Target

FIX_NOT_APPLIED = code_name(file_rules.fix_not_applied)
MAX_ROUNDS = 10
"""Rounds of fixing per file (a fix may reveal another, as ruff's loop does)."""

_LINE = re.compile(r"(.*?)(\r\n|\r|\n|$)", re.S)

LintBytes = Callable[[Target, bytes], list[Diagnostic]]


@dataclass
class FileChange:
    display: str
    before: bytes
    after: bytes


@dataclass
class FixReport:
    fixed_files: int = 0
    fixed_problems: int = 0
    changes: list[FileChange] = field(default_factory=list)
    """Every file whose content changed (or, without writing, would change)."""
    diagnostics: dict[str, list[Diagnostic]] = field(default_factory=dict)
    """The diagnostics of each file the fixer read, after its fixes (replacing the run's)."""
    refused: list[Diagnostic] = field(default_factory=list)
    """One ``fix-not-applied`` diagnostic per file whose fixes were not applied."""


def applicable(d: Diagnostic, unsafe: bool) -> bool:
    return d.fix is not None and (unsafe or d.fix.applicability == "safe")


def fix_files(
    diagnostics: list[Diagnostic],
    targets: dict[str, Target],
    lint: LintBytes,
    *,
    unsafe: bool = False,
    write: bool = True,
    limit: int = 1_000_000,
    formats: tuple[str, ...] = ("yaml",),
) -> FixReport:
    """Fix every file that has an applicable fix among ``diagnostics``. With ``write`` false
    nothing is written; ``changes`` says what would change (``--diff``)."""
    report = FixReport()
    wanted = sorted({d.path for d in diagnostics if applicable(d, unsafe) and d.path in targets})
    done: dict[str, str] = {}
    for display in wanted:
        target = targets[display]
        real = os.path.realpath(target.path)
        if real in done:
            continue  # the same file under another name (a symlink): fixed once
        done[real] = display
        _fix_one(target, lint, report, unsafe=unsafe, write=write, limit=limit, formats=formats)
    for display, target in targets.items():
        real = os.path.realpath(target.path)
        first = done.get(real)
        if first is not None and first != display and first in report.diagnostics:
            try:
                report.diagnostics[display] = lint(target, read_upto(Path(real), limit))
            except OSError:
                continue
    return report


def _fix_one(
    target: Target,
    lint: LintBytes,
    report: FixReport,
    *,
    unsafe: bool,
    write: bool,
    limit: int,
    formats: tuple[str, ...],
) -> None:
    from yeplint.engine.safe_write import WriteRefused, locked

    def refuse(message: str, hint: str) -> None:
        report.refused.append(_refusal(target.display, message, hint))

    if not _inside(target.path, target.root):
        refuse(
            msg("fix not applied: the file is a symlink to a file outside the content root"),
            msg("fix it where it lives"),
        )
        return
    try:
        with locked(target.path, limit) as handle:
            original = handle.data
            if len(original) > limit:
                return
            current, diagnostics, count, problem = fix_bytes(
                target, original, lint, unsafe, formats
            )
            report.diagnostics[target.display] = diagnostics
            if problem is not None:
                report.diagnostics[target.display] = lint(target, original)
                refuse(
                    msg("fix skipped: {problem}", problem=problem),
                    msg("fix it by hand, and please report this with the file"),
                )
                return
            if current == original:
                return
            if write:
                handle.replace(current)
            report.changes.append(FileChange(target.display, original, current))
            report.fixed_files += 1
            report.fixed_problems += count
    except WriteRefused as exc:
        report.diagnostics.pop(target.display, None)
        refuse(
            msg("fix not applied: {problem}", problem=exc.args[0] if exc.args else str(exc)),
            msg("fix it by hand, or fix the cause and run `--fix` again"),
        )


def fix_bytes(
    target: Target,
    original: bytes,
    lint: LintBytes,
    unsafe: bool,
    formats: tuple[str, ...] = ("yaml",),
) -> tuple[bytes, list[Diagnostic], int, str | None]:
    """Fix ``original`` until nothing fixable is left: (result, its diagnostics, problems fixed,
    why the fixes were not applied or ``None``)."""
    current = original
    diagnostics = lint(target, current)
    count = 0
    before = None
    for _ in range(MAX_ROUNDS):
        fixable = [d for d in diagnostics if applicable(d, unsafe)]
        if not fixable:
            break
        applied = apply_edits(current, fixable)
        if applied is None:
            break
        new, used = applied
        before = before or load_text(target.path, target.display, current, formats)
        after = load_text(target.path, target.display, new, formats)
        problem = verify(before, after, [i for d in used for i in d.fix.intents])  # type: ignore[union-attr]
        if problem is not None:
            return original, diagnostics, 0, problem
        current, count, before = new, count + len(used), after  # the next round starts there
        diagnostics = lint(target, current)
    return current, diagnostics, count, None


def apply_edits(
    data: bytes, diagnostics: list[Diagnostic]
) -> tuple[bytes, list[Diagnostic]] | None:
    """``data`` with the edits of as many fixes as do not overlap (in source order), and the
    diagnostics whose fixes were used; ``None`` when none applies or the file is not UTF-8
    text: the edits count in the text the loader decoded, which for UTF-16 without a byte
    order mark is not these bytes read as UTF-8 (they decode, NUL bytes and all)."""
    bom = data.startswith(codecs.BOM_UTF8)
    decoded = decode(data)
    if decoded.binary or decoded.problems:
        return None
    text = decoded.text
    lines = _split_keep(text)
    taken: dict[int, list[tuple[int, int]]] = {}
    chosen: list[Edit] = []
    used: list[Diagnostic] = []
    for d in sorted(diagnostics, key=lambda d: d.sort_key):
        assert d.fix is not None
        edits = d.fix.edits
        if not edits or not all(_fits(e, lines) and not _overlaps(e, taken) for e in edits):
            continue
        for e in edits:
            taken.setdefault(e.span.line, []).append((e.span.column, e.span.end_column))
        chosen.extend(edits)
        used.append(d)
    if not chosen:
        return None
    for edit in sorted(chosen, key=lambda e: (e.span.line, e.span.column), reverse=True):
        index = edit.span.line - 1
        content, ending = lines[index]
        start, end = edit.span.column - 1, edit.span.end_column - 1
        lines[index] = (content[:start] + edit.replacement + content[end:], ending)
    result = "".join(c + e for c, e in lines).encode("utf-8", "surrogatepass")
    return (codecs.BOM_UTF8 if bom else b"") + result, used


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


def _fits(edit: Edit, lines: list[tuple[str, str]]) -> bool:
    span = edit.span
    if span.line != span.end_line or not 0 < span.line <= len(lines):
        return False
    if any(c in edit.replacement for c in "\r\n"):
        return False
    return 1 <= span.column <= span.end_column <= len(lines[span.line - 1][0]) + 1


def _overlaps(edit: Edit, taken: dict[int, list[tuple[int, int]]]) -> bool:
    start, end = edit.span.column, edit.span.end_column
    return any((start < b and a < end) or start == a for a, b in taken.get(edit.span.line, ()))


def _inside(path: Path, root: Path) -> bool:
    real, base = os.path.realpath(path), os.path.realpath(root)
    return real == base or real.startswith(base.rstrip(os.sep) + os.sep)


def _refusal(display: str, message: str, hint: str) -> Diagnostic:
    code, name = FIX_NOT_APPLIED
    return Diagnostic(display, 1, 1, 1, 1, code, name, Severity.ERROR, message, hint)


def unified_diff(change: FileChange) -> str:
    """The change as a unified diff (``--diff``), with the file's own text."""
    import difflib

    def text(data: bytes) -> list[str]:
        return data.decode("utf-8", "replace").splitlines(keepends=True)

    lines = difflib.unified_diff(
        text(change.before), text(change.after), f"a/{change.display}", f"b/{change.display}"
    )
    return "".join(
        line if line.endswith(("\n", "\r")) else line + "\n\\ No newline at end of file\n"
        for line in lines
    )
