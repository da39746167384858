"""Human output: grouped by file, a code frame under each problem, a hint, a summary.

Lines are built as styled segments. With colour they are printed through rich ``Text`` objects
(never markup strings, so a title such as ``[/draft]`` is printed as written); without colour
they are written as plain text and rich is not imported at all, which keeps a pre-commit hook
(never a terminal) ~35 ms faster. Colour: ``--color``, else never with NO_COLOR, else
FORCE_COLOR or a terminal.
"""

from __future__ import annotations

import os
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from yeplint.diagnostics import Diagnostic, Severity
from yeplint.locale.messages import msg, msgn, render
from yeplint.report.escape import printable
from yeplint.rules.rule import RULE_URL

if TYPE_CHECKING:
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions

FRAME_WIDTH = 100

Segment = tuple[str, str | None]
Line = list[Segment]


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    lang = options.lang
    lines: list[Line] = []
    listed = [] if options.statistics else result.diagnostics  # the table replaces the list
    hint = render(msg("hint"), lang)
    for group in triage(listed):
        if not options.quiet:
            lines.append(_file_header(group, lang))
        for diagnostic in group:
            lines.append(_header(diagnostic, lang))
            if options.show_source and not options.quiet:
                source = result.sources.get(diagnostic.path, {}).get(diagnostic.line)
                if source is not None:
                    lines.extend(_frame(diagnostic, source))
            if diagnostic.hint and not options.quiet:
                lines.append([(f"  {hint}: ", "bold cyan"), (diagnostic.hint, None)])
        if options.show_source and not options.quiet:
            lines.append([])
    if options.statistics:
        lines.extend(_statistics(result.diagnostics))
    if not options.quiet or result.diagnostics:
        lines.append(_summary(result, lang))
    lines = [[(printable(text), style) for text, style in line] for line in lines]
    if _colour(out, options.color):
        _print_rich(out, lines)
    else:
        out.write("".join("".join(text for text, _ in line) + "\n" for line in lines))


def _colour(out: TextIO, setting: bool | None) -> bool:
    if setting is not None:
        return setting
    if os.environ.get("NO_COLOR"):  # no-color.org: beats FORCE_COLOR
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def _print_rich(out: TextIO, lines: list[Line]) -> None:
    from rich.console import Console
    from rich.text import Text

    console = Console(
        file=out, highlight=False, emoji=False, soft_wrap=True, force_terminal=True, no_color=False
    )
    for line in lines:
        text = Text()
        for part, style in line:
            text.append(part, style or "")
        console.print(text)


def triage(diagnostics: list[Diagnostic]) -> list[list[Diagnostic]]:
    """The problems grouped by file, errors first: the files with an error (in path order),
    then those with only warnings; in a file its errors, then its warnings, each by line."""
    groups = [list(g) for _, g in groupby(diagnostics, key=lambda d: d.path)]
    for group in groups:
        group.sort(key=lambda d: d.severity is not Severity.ERROR)  # stable: keeps line order
    return sorted(groups, key=lambda g: g[0].severity is not Severity.ERROR)


def _file_header(group: list[Diagnostic], lang: str) -> Line:
    errors = sum(1 for d in group if d.severity is Severity.ERROR)
    warnings = len(group) - errors
    parts: list[Segment] = []
    if errors:
        text = msgn("{count} error", "{count} errors", errors)
        parts.append((render(text, lang), "bold red"))
    if warnings:
        text = msgn("{count} warning", "{count} warnings", warnings)
        parts.append((render(text, lang), "bold yellow"))
    line: Line = [(group[0].path, "bold underline"), (" (", None)]
    for i, part in enumerate(parts):
        if i:
            line.append((", ", None))
        line.append(part)
    line.append((")", None))
    return line


def _header(d: Diagnostic, lang: str) -> Line:
    error = d.severity is Severity.ERROR
    line: Line = [
        (d.path, "bold"),
        (f":{d.line}:{d.column}", "dim"),
        (" ", None),
        (d.code, f"bold {'red' if error else 'yellow'} link {RULE_URL.format(code=d.code)}"),
        (" ", None),
    ]
    if d.fix is not None and d.fix.applicability == "safe":
        line.append(("[*] ", "bold cyan"))  # `--fix` fixes it (ruff's marker)
    if not error:
        line.append((render(msg("warning"), lang) + ": ", "yellow"))
    line.append((d.message, None))
    return line


def _frame(d: Diagnostic, source: str) -> list[Line]:
    source = source.replace("\t", " ")
    start = d.column - 1
    width = (d.end_column - d.column) if d.end_line == d.line and d.end_column > d.column else 1
    if len(source) > FRAME_WIDTH:
        offset = max(0, min(start - FRAME_WIDTH // 3, len(source) - FRAME_WIDTH))
        source = ("…" if offset else "") + source[offset : offset + FRAME_WIDTH] + "…"
        start = start - offset + (1 if offset else 0)
    width = max(1, min(width, max(1, len(source) - start)))
    gutter = str(d.line)
    pad = " " * len(gutter)
    colour = "red" if d.severity is Severity.ERROR else "yellow"
    return [
        [(f"  {gutter} │ ", "blue"), (source, None)],
        [(f"  {pad} │ ", "blue"), (" " * max(start, 0), None), ("^" * width, f"bold {colour}")],
    ]


def _statistics(diagnostics: list[Diagnostic]) -> list[Line]:
    """A line per rule: how many, the code, the name, and `[*]` when `--fix` fixes them
    (`[-]` when only `--fix --unsafe-fixes` does, as ruff marks them)."""
    counts = Counter((d.code, d.rule) for d in diagnostics)
    marks: dict[str, str] = {}
    for d in diagnostics:
        if d.fix is not None:
            safe = d.fix.applicability == "safe" or marks.get(d.code) == "[*]"
            marks[d.code] = "[*]" if safe else "[-]"
    width = max((len(rule) for _, rule in counts), default=0)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    return [
        [(f"{count:>5}  {code}  {rule:<{width}}  {marks.get(code, '')}".rstrip(), None)]
        for (code, rule), count in rows
    ]


def _summary(result: Result, lang: str) -> Line:
    files = result.files_checked
    known = (
        render(msg("; {count} known in the baseline", count=result.baselined), lang)
        if result.baselined
        else ""
    )
    if not result.diagnostics:
        checked = msgn("{count} file checked", "{count} files checked", files)
        return [
            (render(msg("All checks passed"), lang), "bold green"),
            (f" ({render(checked, lang)}{known}).", None),
        ]
    problem_files = len({d.path for d in result.diagnostics})
    parts: list[Segment] = []
    if result.errors:
        errors = msgn("{count} error", "{count} errors", result.errors)
        parts.append((render(errors, lang), "bold red"))
    if result.warnings:
        warnings = msgn("{count} warning", "{count} warnings", result.warnings)
        parts.append((render(warnings, lang), "bold yellow"))
    found = msgn(
        "Found {problems} in {count} of {files} file checked{known}.",
        "Found {problems} in {count} of {files} files checked{known}.",
        files,
        problems="\0",
        count=problem_files,
        files=files,
        known=known,
    )
    before, _, after = render(found, lang).partition("\0")
    line: Line = [(before, None)]
    for i, part in enumerate(parts):
        if i:
            line.append((render(msg(" and "), lang), None))
        line.append(part)
    line.append((after, None))
    fixes = [d.fix.applicability for d in result.diagnostics if d.fix is not None]
    safe, unsafe = fixes.count("safe"), fixes.count("unsafe")
    if safe and unsafe:
        line.append(
            (" " + render(msg("{count} fixable with `--fix`", count=safe), lang), "bold cyan")
        )
        more = msg(", {count} more with `--fix --unsafe-fixes`.", count=unsafe)
        line.append((render(more, lang), None))
    elif safe:
        text = render(msg("{count} fixable with `--fix`", count=safe), lang)
        line.append((f" {text}", "bold cyan"))
        line.append((".", None))
    elif unsafe:
        text = msg("{count} fixable with `--fix --unsafe-fixes`.", count=unsafe)
        line.append((" " + render(text, lang), None))
    return line
