"""The CI formats against their specifications, on problems chosen to stress them: a file name
with the characters each format must escape, a file outside the folder checked from (reported
by its absolute path, POSIX and Windows), a fix, a warning.

- SARIF 2.1.0: the OASIS JSON Schema (``../shared/specs``, skipped when absent), validated
  with the draft the schema declares, and the URI rules the schema cannot say: a
  ``uriBaseId`` goes with a relative reference only (SARIF 2.1.0, 3.4.4).
- GitLab Code Quality: the fields and values GitLab's documentation requires ("Code Quality
  report format"), written out as a JSON Schema here since GitLab publishes none.
- GitHub workflow commands: the escaping of ``%``, CR and LF in messages, and of ``:`` and
  ``,`` too in properties, as ``@actions/core`` does it (``escapeData``, ``escapeProperty``).
"""

from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest

from tests.conftest import SHARED_SITE
from yeplint.diagnostics import Diagnostic, Edit, Fix, Severity, Span
from yeplint.engine.result import Result
from yeplint.report import ReportOptions, reporter

SARIF_SCHEMA = SHARED_SITE.parent.parent / "specs" / "sarif-schema-2.1.0.json"

PATHS = ["content/a b,c%d.md", "/srv/site/outside.md", "C:/Users/an/site/post.md"]

GITLAB_SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "type": "array",
    "items": {
        "type": "object",
        "required": ["description", "check_name", "fingerprint", "severity", "location"],
        "properties": {
            "description": {"type": "string", "minLength": 1},
            "check_name": {"type": "string", "minLength": 1},
            "fingerprint": {"type": "string", "minLength": 1},
            "severity": {"enum": ["info", "minor", "major", "critical", "blocker"]},
            "location": {
                "type": "object",
                "required": ["path", "lines"],
                "properties": {
                    "path": {"type": "string", "minLength": 1},
                    "lines": {
                        "type": "object",
                        "required": ["begin"],
                        "properties": {
                            "begin": {"type": "integer", "minimum": 1},
                            "end": {"type": "integer", "minimum": 1},
                        },
                    },
                },
            },
        },
    },
}


def _result() -> Result:
    fix = Fix("write `## Kop`", (Edit(Span(3, 1, 3, 6), "## Kop"),))
    diagnostics = []
    for path in PATHS:
        diagnostics += [
            Diagnostic(
                path, 3, 1, 3, 6, "YEP201", "no-space-after-hash", Severity.ERROR,
                "no space after `##`: 50% of it\r\nis a paragraph, a, b", "write `## Kop`", fix,
            ),
            Diagnostic(
                path, 5, 1, 5, 9, "YEP209", "emphasis-as-heading", Severity.WARNING,
                "bold text `Kop` used as a heading",
            ),
        ]  # fmt: skip
    return Result(diagnostics=diagnostics, files_checked=len(PATHS), paths=list(PATHS))


def _render(name: str) -> str:
    out = io.StringIO()
    reporter(name)(_result(), out, ReportOptions(color=False))
    return out.getvalue()


def test_sarif_names_files_outside_the_root_by_a_uri_of_their_own() -> None:
    document = json.loads(_render("sarif"))
    results = document["runs"][0]["results"]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in results]
    locations += [
        change["artifactLocation"]
        for r in results
        for fix in r.get("fixes", [])
        for change in fix["artifactChanges"]
    ]
    for location in locations:
        parts = urlsplit(location["uri"])
        assert " " not in location["uri"] and "," not in location["uri"]
        if "uriBaseId" in location:
            assert not parts.scheme and not parts.path.startswith("/"), location
        else:
            assert parts.scheme == "file" and parts.path.startswith("/"), location
    files = [loc["uri"] for loc in locations[: len(results) : 2]]  # one per path
    assert [unquote(urlsplit(uri).path) for uri in files] == [
        "content/a b,c%d.md",
        "/srv/site/outside.md",
        "/C:/Users/an/site/post.md",
    ]


def test_sarif_is_valid_against_the_oasis_schema() -> None:
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/specs is not present")
    from jsonschema import FormatChecker, validators

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = validators.validator_for(schema)(schema, format_checker=FormatChecker())
    errors = [e.message for e in validator.iter_errors(json.loads(_render("sarif")))]
    assert errors == []


def test_gitlab_code_quality_has_what_gitlab_requires() -> None:
    from jsonschema import Draft7Validator

    issues = json.loads(_render("gitlab"))
    assert [e.message for e in Draft7Validator(GITLAB_SCHEMA).iter_errors(issues)] == []
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    assert {issue["severity"] for issue in issues} == {"major", "minor"}


def test_github_workflow_commands_escape_as_the_actions_toolkit_does() -> None:
    first = _render("github").splitlines()[0]
    assert first == (
        "::error file=content/a b%2Cc%25d.md,line=3,col=1,endLine=3,endColumn=6,"
        "title=YEP201 no-space-after-hash::no space after `##`: 50%25 of it%0D%0Ais a paragraph,"
        " a, b%0Awrite `## Kop`"
    )


def test_github_annotations_over_several_lines_have_no_columns() -> None:
    """The runner refuses `col`/`endColumn` when `line` and `endLine` differ, or an
    `endColumn` before `col`, and drops the annotation (a debug line in the log says so): a
    problem over several lines (a YAML error, a heading with its underline) was never shown."""
    spans = [(3, 5, 5, 2), (4, 9, 4, 3)]  # line, column, end line, end column
    diagnostics = [
        Diagnostic(
            "a.md", line, col, end, end_col, "YEP001", "yaml-syntax-error", Severity.ERROR, "x"
        )
        for line, col, end, end_col in spans
    ]
    out = io.StringIO()
    reporter("github")(Result(diagnostics=diagnostics, files_checked=1), out, ReportOptions())
    commands = [line.split("::")[1] for line in out.getvalue().splitlines()[:2]]
    assert commands == [
        "error file=a.md,line=3,endLine=5,title=YEP001 yaml-syntax-error",
        "error file=a.md,line=4,col=9,endLine=4,endColumn=9,title=YEP001 yaml-syntax-error",
    ]
