"""Every output format on the same small site, compared with a golden file."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from tests.conftest import SHARED_SITE, UPDATE, YEP
from yeplint.engine.linter import Linter
from yeplint.engine.result import Result
from yeplint.report import FORMATS, ReportOptions, reporter
from yeplint.site.discovery import discover

SITE = Path(__file__).parent / "report_site"
GOLDEN = Path(__file__).parent / "golden"
SARIF_SCHEMA = SHARED_SITE.parent.parent / "specs" / "sarif-schema-2.1.0.json"


def result() -> Result:
    settings = YEP
    return Linter(settings).run(discover([Path("report_site")], settings, cwd=SITE.parent))


def render(name: str) -> str:
    out = io.StringIO()
    reporter(name)(result(), out, ReportOptions(color=False))
    return out.getvalue()


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_format_golden(name: str) -> None:
    actual = render(name)
    golden = GOLDEN / f"report.{name}"
    if UPDATE or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    assert actual == golden.read_text(encoding="utf-8")


def test_github_escaping() -> None:
    lines = render("github").splitlines()
    assert lines[0].startswith("::error file=report_site/blog/kosten%2C baten.nl.md,line=3,col=6,")
    assert all(line.startswith(("::error ", "::warning ", "report_site/")) for line in lines)
    assert sum(line.startswith("report_site/") for line in lines) == len(result().diagnostics)


def test_sarif_is_valid_and_has_what_code_scanning_needs() -> None:
    document = json.loads(render("sarif"))
    run = document["runs"][0]
    assert all(rule["shortDescription"]["text"] for rule in run["tool"]["driver"]["rules"])
    for item in run["results"]:
        assert item["partialFingerprints"]["yeplintIdentity/v2"]
        uri = item["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert " " not in uri and "," not in uri and not uri.startswith("/")
    if not SARIF_SCHEMA.is_file():
        pytest.skip("../shared/specs is not present")
    from jsonschema import Draft7Validator

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    errors = list(Draft7Validator(schema).iter_errors(document))
    assert errors == []


def test_fingerprints_ignore_line_numbers() -> None:
    from yeplint.diagnostics import Diagnostic, Severity

    def at(line: int) -> Diagnostic:
        message = f"duplicate key `a` (first defined on line {line - 2})"
        return Diagnostic(
            "a.md", line, 1, line, 2, "YEP008", "duplicate-key", Severity.ERROR, message
        )

    assert at(5).fingerprint() == at(9).fingerprint() != at(9).fingerprint(1)


def test_junit_counts_every_file() -> None:
    xml = render("junit")
    assert '<testsuite name="yeplint" tests="2" failures="1" errors="0">' in xml
    assert '<testcase name="report_site/schoon.md" classname="yeplint" />' in xml


def test_junit_warnings_pass_with_a_note() -> None:
    import io
    import xml.etree.ElementTree as ET

    from yeplint.diagnostics import Diagnostic, Severity
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions, reporter

    warning = Diagnostic("a.md", 1, 12, 1, 13, "YEP210", "x", Severity.WARNING, "ends with `:`")
    result = Result(diagnostics=[warning], files_checked=1, paths=["a.md"])
    out = io.StringIO()
    reporter("junit")(result, out, ReportOptions())
    suite = ET.fromstring(out.getvalue()).find("testsuite")
    assert suite is not None and suite.get("failures") == "0"
    case = suite.find("testcase")
    assert case is not None and case.find("failure") is None
    assert case.findtext("system-out") == "a.md:1:12: YEP210 warning: ends with `:`"


def test_control_characters_never_reach_a_terminal_or_a_log(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file name with an escape sequence and a new line that would start a workflow
    command, and content with escape sequences and a bidirectional override: human and GitHub
    output show them as visible characters; the machine formats keep them as data."""
    import json as json_module
    import xml.etree.ElementTree as ET

    from click.testing import CliRunner

    from yeplint.cli import main

    monkeypatch.chdir(tmp_path)
    name = "bad\x1b[31mname\n::error file=x::pwned.md"
    (tmp_path / name).write_text(
        "##Kop \x1b]8;;http://x\x07link\x1b[2J\x9b\n\n## Dup\u202e\n\n## Dup\u202e\n"
    )
    outputs = {
        f: CliRunner().invoke(main, ["check", ".", "--isolated", "--format", f]).stdout
        for f in ("text", "concise", "github", "json", "sarif", "junit", "gitlab")
    }
    for f in ("text", "concise", "github"):
        out = outputs[f]
        assert not any(c in out for c in "\x1b\x07\x9b\u202e"), f
        assert not [line for line in out.splitlines() if line.startswith("::error file=x")], f
    assert outputs["concise"].splitlines()[0] == (
        "bad␛[31mname␊::error file=x::pwned.md:1:1: YEP201 [*] no space after `##`: this line is a"
        " paragraph, not a heading"
    )
    assert "\x1b" not in outputs["json"] and "\x1b" not in outputs["sarif"]
    document = json_module.loads(outputs["json"])
    assert {d["path"] for d in document["diagnostics"]} == {name}
    sarif = json_module.loads(outputs["sarif"])
    assert sarif["runs"][0]["results"][0]["message"]["text"].startswith("no space")
    assert json_module.loads(outputs["gitlab"])[0]["location"]["path"] == name
    assert ET.fromstring(outputs["junit"]).tag == "testsuites"


def test_statistics_mark_safe_and_unsafe_fixes() -> None:
    from yeplint.diagnostics import Diagnostic, Edit, Fix, Severity, Span
    from yeplint.report.text import _statistics

    def problem(code: str, applicability: str | None) -> Diagnostic:
        edit = (Edit(Span(1, 1, 1, 2), "x"),)
        fix = Fix("f", edit, applicability) if applicability else None  # type: ignore[arg-type]
        return Diagnostic("a.md", 1, 1, 1, 2, code, code.lower(), Severity.ERROR, "m", fix=fix)

    rows = _statistics(
        [problem("YEP201", "safe"), problem("YEP103", "unsafe"), problem("YEP102", None)]
    )
    assert [row[0][0] for row in rows] == [
        "    1  YEP102  yep102",
        "    1  YEP103  yep103  [-]",
        "    1  YEP201  yep201  [*]",
    ]
