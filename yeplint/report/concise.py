"""``path:line:col: CODE message``, one per line: for editors, grep and problem matchers; a
problem ``--fix`` fixes has ruff's ``[*]`` after its code, as in the text report."""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from yeplint.report.escape import printable

if TYPE_CHECKING:
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    for d in result.diagnostics:
        level = "" if d.severity.value == "error" else "warning: "
        fixable = "[*] " if d.fix is not None and d.fix.applicability == "safe" else ""
        line = f"{d.path}:{d.line}:{d.column}: {d.code} {fixable}{level}{d.message}"
        out.write(printable(line) + "\n")
