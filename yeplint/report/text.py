"""Human output: grouped by file, a code frame under each problem, a hint, a summary.

Built from rich ``Text`` objects only, never from markup strings, so a title such as
``[/draft]`` is printed as written. Colour follows the terminal, NO_COLOR and FORCE_COLOR.
"""

from __future__ import annotations

from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING, TextIO

from rich.console import Console
from rich.text import Text

from yeplint.diagnostics import Diagnostic, Severity

if TYPE_CHECKING:
    from yeplint.engine import Result
    from yeplint.report import ReportOptions

FRAME_WIDTH = 100


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    console = Console(
        file=out,
        highlight=False,
        emoji=False,
        soft_wrap=True,
        force_terminal=options.color,
        no_color=options.color is False or None,
    )
    for _, group in groupby(result.diagnostics, key=lambda d: d.path):
        for diagnostic in group:
            console.print(_header(diagnostic))
            if options.show_source and not options.quiet:
                lines = result.sources.get(diagnostic.path)
                if lines and 0 < diagnostic.line <= len(lines):
                    console.print(_frame(diagnostic, lines[diagnostic.line - 1]))
            if diagnostic.hint and not options.quiet:
                console.print(Text.assemble(("  hint: ", "bold cyan"), diagnostic.hint))
        if options.show_source and not options.quiet:
            console.print()
    if options.statistics:
        _statistics(console, result.diagnostics)
    if not options.quiet or result.diagnostics:
        console.print(_summary(result))


def _header(d: Diagnostic) -> Text:
    error = d.severity is Severity.ERROR
    text = Text.assemble(
        (d.path, "bold"),
        (f":{d.line}:{d.column}", "dim"),
        " ",
        (d.code, "bold red" if error else "bold yellow"),
        " ",
    )
    if not error:
        text.append("warning: ", "yellow")
    text.append(d.message)
    return text


def _frame(d: Diagnostic, line: str) -> Text:
    line = line.replace("\t", " ")
    start = d.column - 1
    width = (d.end_column - d.column) if d.end_line == d.line and d.end_column > d.column else 1
    offset = 0
    if len(line) > FRAME_WIDTH:
        offset = max(0, min(start - FRAME_WIDTH // 3, len(line) - FRAME_WIDTH))
        line = ("…" if offset else "") + line[offset : offset + FRAME_WIDTH] + "…"
        start = start - offset + (1 if offset else 0)
    width = max(1, min(width, max(1, len(line) - start)))
    gutter = str(d.line)
    pad = " " * len(gutter)
    color = "red" if d.severity is Severity.ERROR else "yellow"
    return Text.assemble(
        (f"  {gutter} │ ", "blue"),
        line,
        "\n",
        (f"  {pad} │ ", "blue"),
        " " * max(start, 0),
        ("^" * width, f"bold {color}"),
    )


def _statistics(console: Console, diagnostics: list[Diagnostic]) -> None:
    counts = Counter((d.code, d.rule) for d in diagnostics)
    for (code, rule), count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        console.print(Text(f"{count:>5}  {code}  {rule}"))


def _summary(result: Result) -> Text:
    files = result.files_checked
    noun = "file" if files == 1 else "files"
    known = f"; {result.baselined} known in the baseline" if result.baselined else ""
    if not result.diagnostics:
        return Text.assemble(
            ("All checks passed", "bold green"), f" ({files} {noun} checked{known})."
        )
    problem_files = len({d.path for d in result.diagnostics})
    parts = []
    if result.errors:
        parts.append((f"{result.errors} error{'s' if result.errors != 1 else ''}", "bold red"))
    if result.warnings:
        w = result.warnings
        parts.append((f"{w} warning{'s' if w != 1 else ''}", "bold yellow"))
    text = Text("Found ")
    for i, part in enumerate(parts):
        if i:
            text.append(" and ")
        text.append(*part)
    text.append(f" in {problem_files} of {files} {noun} checked{known}.")
    return text
