"""A versioned JSON document on stdout.

``{"version": 1, "files_checked": N, "summary": {"errors": E, "warnings": W},
"diagnostics": [{"path", "line", "column", "end_line", "end_column", "code", "rule",
"severity", "message", "hint", "fix"}, ...]}``; ``fix`` is ``null`` or
``{"description", "edits": [{"line", "column", "end_line", "end_column", "replacement"}]}``
(what ``--fix`` would apply). Lines and columns are 1-based, columns count
characters, ``end_column`` is exclusive. New keys may be added within a version; none is
removed or changes meaning without a new ``version``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions

VERSION = 1


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    document = {
        "version": VERSION,
        "files_checked": result.files_checked,
        "summary": {"errors": result.errors, "warnings": result.warnings},
        "diagnostics": [d.to_dict() for d in result.diagnostics],
    }
    json.dump(document, out, ensure_ascii=False, indent=2)
    out.write("\n")
