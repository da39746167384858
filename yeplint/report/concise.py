"""``path:line:col: CODE message``, one per line: for editors, grep and problem matchers."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from yeplint.report.escape import printable

if TYPE_CHECKING:
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    for d in result.diagnostics:
        level = "" if d.severity.value == "error" else "warning: "
        line = f"{d.path}:{d.line}:{d.column}: {d.code} {level}{d.message}"
        out.write(printable(line) + "\n")
