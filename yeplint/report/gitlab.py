"""GitLab Code Quality JSON: a list of issues with stable fingerprints."""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    seen: Counter[str] = Counter()
    issues = []
    for d in result.diagnostics:
        occurrence = seen[d.identity]
        seen[d.identity] += 1
        issues.append(
            {
                "description": f"{d.code} {d.message}",
                "check_name": d.rule,
                "fingerprint": d.fingerprint(occurrence),
                "severity": "major" if d.severity.value == "error" else "minor",
                "location": {"path": d.path, "lines": {"begin": d.line, "end": d.end_line}},
            }
        )
    json.dump(issues, out, ensure_ascii=False, indent=2)
    out.write("\n")
