"""GitHub Actions workflow commands, then the full list as concise lines.

``::error file=…,line=…,col=…,endLine=…,endColumn=…,title=CODE::message`` (a problem over
several lines: no columns, which the runner refuses there, dropping the annotation, as it does
an ``endColumn`` before ``col``) with the documented
escaping (``%``, CR and LF everywhere; ``:`` and ``,`` in properties too), other control
characters shown as visible ones (:mod:`yeplint.report.escape`). GitHub shows at most
10 annotations of each level per step, so every problem is also printed as a plain line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from yeplint.report import concise
from yeplint.report.escape import printable

if TYPE_CHECKING:
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions


def escape_data(text: str) -> str:
    """The workflow-command escaping, after the control characters that the log would
    interpret (colour, links) are made visible."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return printable(escaped)


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    for d in result.diagnostics:
        level = "error" if d.severity.value == "error" else "warning"
        place: list[tuple[str, object]] = [("file", d.path), ("line", d.line)]
        if d.end_line <= d.line:  # the runner drops an annotation with columns over lines
            end = d.end_column if d.end_line == d.line else d.column
            place += [("col", d.column), ("endLine", d.line), ("endColumn", max(end, d.column))]
        else:
            place.append(("endLine", d.end_line))
        properties = ",".join(
            f"{key}={escape_property(str(value))}"
            for key, value in (*place, ("title", f"{d.code} {d.rule}"))
        )
        message = d.message + (f"\n{d.hint}" if d.hint else "")
        out.write(f"::{level} {properties}::{escape_data(message)}\n")
    concise.report(result, out, options)
