"""SARIF 2.1.0, as GitHub code scanning reads it.

Valid against the OASIS schema, plus what code scanning needs: every rule with a
``shortDescription`` and help, ``partialFingerprints`` on each result, and artifact URIs that
are percent-encoded paths relative to ``%SRCROOT%`` (``file:`` URIs for files outside it).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import quote

from yeplint import __version__

if TYPE_CHECKING:
    from yeplint.diagnostics import Diagnostic
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://pypi.org/project/yeplint/"


def _level(severity: str) -> str:
    return "error" if severity == "error" else "warning"


def _artifact(path: str) -> dict[str, str]:
    """The ``artifactLocation`` of a file: a percent-encoded URI relative to ``%SRCROOT%``, or
    for a file outside the folder checked from (reported by its absolute path), a ``file:``
    URI of its own, since a ``uriBaseId`` needs a relative reference (SARIF 2.1.0, 3.4.4)."""
    posix = path.replace("\\", "/")
    text = posix.encode("utf-8", "surrogateescape")
    if posix.startswith("/") or (len(posix) > 2 and posix[1:3] == ":/" and posix[0].isalpha()):
        return {"uri": "file:///" + quote(text.lstrip(b"/"), safe="/:")}
    return {"uri": quote(text, safe="/"), "uriBaseId": "%SRCROOT%"}


def document(result: Result, lang: str = "en") -> dict[str, Any]:
    from yeplint.rules.catalogue import all_rules

    rules = all_rules()
    index = {rule.code: i for i, rule in enumerate(rules)}
    descriptors = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.summary},
            "helpUri": rule.url,
            "help": {"text": rule.doc, "markdown": rule.doc},
            "defaultConfiguration": {"level": _level(rule.severity.value)},
            "properties": {"tags": [rule.name]},
        }
        for rule in rules
    ]
    seen: Counter[str] = Counter()
    results = []
    for d in result.diagnostics:
        occurrence = seen[d.identity]
        seen[d.identity] += 1
        text = d.message + (f" (hint: {d.hint})" if d.hint else "")
        region = {
            "startLine": d.line,
            "startColumn": d.column,
            "endLine": max(d.end_line, d.line),
            "endColumn": max(d.end_column, d.column),
        }
        results.append(
            {
                "ruleId": d.code,
                "ruleIndex": index.get(d.code, 0),
                "level": _level(d.severity.value),
                "message": {"text": text},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": _artifact(d.path),
                            "region": region,
                        }
                    }
                ],
                "partialFingerprints": {"yeplintIdentity/v2": d.fingerprint(occurrence)},
                **_fixes(d),
            }
        )
    return {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "yeplint",
                        "version": __version__,
                        "informationUri": INFORMATION_URI,
                        "rules": descriptors,
                    }
                },
                "results": results,
                "language": lang,  # of the results' messages (the rules' help is English)
                "columnKind": "unicodeCodePoints",
            }
        ],
    }


def _fixes(d: Diagnostic) -> dict[str, object]:
    """A SARIF ``fix`` with its edits; whether it is safe goes in the property bag, as SARIF
    has no field for it."""
    if d.fix is None:
        return {}
    replacements = [
        {
            "deletedRegion": {
                "startLine": e.span.line,
                "startColumn": e.span.column,
                "endLine": e.span.end_line,
                "endColumn": e.span.end_column,
            },
            "insertedContent": {"text": e.replacement},
        }
        for e in d.fix.edits
    ]
    change = {
        "artifactLocation": _artifact(d.path),
        "replacements": replacements,
    }
    fix = {
        "description": {"text": d.fix.description},
        "artifactChanges": [change],
        "properties": {"applicability": d.fix.applicability},
    }
    return {"fixes": [fix]}


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    json.dump(document(result, options.lang), out, ensure_ascii=False, indent=2)
    out.write("\n")
