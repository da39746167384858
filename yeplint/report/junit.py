"""JUnit XML: one test case per file checked, one failure per error; warnings do not fail it
(CI dashboards count failures as broken builds) and are listed in its ``system-out``.

yeplint failing on a file (an internal error) is an ``error``, not a ``failure``: JUnit's
word for a test that could not run, which dashboards show apart from the content's problems.
The output validates against the Jenkins xUnit plugin's ``junit-10.xsd`` (tested), and
``testsuite`` carries ``errors`` beside ``failures``, which Jenkins and GitLab read."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, TextIO
from xml.etree import ElementTree as ET

from yeplint.locale.messages import msg, render

if TYPE_CHECKING:
    from yeplint.diagnostics import Diagnostic
    from yeplint.engine.result import Result
    from yeplint.report import ReportOptions


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml(text: str) -> str:
    """Drop characters XML 1.0 cannot hold (control characters, lone surrogates)."""
    return _NOT_XML.sub("\ufffd", text)


def report(result: Result, out: TextIO, options: ReportOptions) -> None:
    from yeplint.engine.linter import INTERNAL_ERROR

    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in result.diagnostics:
        by_path[d.path].append(d)
    paths = list(dict.fromkeys([*result.paths, *by_path]))
    internal = INTERNAL_ERROR[0]
    crashed = {d.path for d in result.diagnostics if d.code == internal}
    failing = {
        d.path for d in result.diagnostics if d.severity.value == "error" and d.code != internal
    }
    counts = {
        "name": "yeplint",
        "tests": str(len(paths)),
        "failures": str(len(failing)),
        "errors": str(len(crashed)),
    }
    suites = ET.Element("testsuites", counts)
    suite = ET.SubElement(suites, "testsuite", counts)
    hint, warning = render(msg("hint"), options.lang), render(msg("warning"), options.lang)
    for path in paths:
        case = ET.SubElement(suite, "testcase", name=_xml(path), classname="yeplint")
        found = by_path.get(path, [])
        warnings = [d for d in found if d.severity.value != "error"]
        for d in (d for d in found if d.severity.value == "error"):
            failure = ET.SubElement(
                case,
                "error" if d.code == internal else "failure",
                message=_xml(f"{d.code} {d.message}"),
                type=f"{d.code} {d.severity.value}",
            )
            failure.text = _xml(
                f"{d.path}:{d.line}:{d.column}: {d.code} {d.message}"
                + (f"\n{hint}: {d.hint}" if d.hint else "")
            )
        if warnings:
            out_text = ET.SubElement(case, "system-out")
            out_text.text = _xml(
                "\n".join(
                    f"{d.path}:{d.line}:{d.column}: {d.code} {warning}: {d.message}"
                    for d in warnings
                )
            )
    ET.indent(suites)
    out.write('<?xml version="1.0" encoding="utf-8"?>\n')
    out.write(ET.tostring(suites, encoding="unicode"))
    out.write("\n")
