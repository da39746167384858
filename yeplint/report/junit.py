"""JUnit XML: one test case per file checked, one failure per error; warnings do not fail it
(CI dashboards count failures as broken builds) and are listed in its ``system-out``."""

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
    by_path: dict[str, list[Diagnostic]] = defaultdict(list)
    for d in result.diagnostics:
        by_path[d.path].append(d)
    paths = list(dict.fromkeys([*result.paths, *by_path]))
    failing = sum(1 for p in paths if any(d.severity.value == "error" for d in by_path.get(p, [])))
    suites = ET.Element("testsuites", name="yeplint", tests=str(len(paths)), failures=str(failing))
    suite = ET.SubElement(
        suites, "testsuite", name="yeplint", tests=str(len(paths)), failures=str(failing)
    )
    hint, warning = render(msg("hint"), options.lang), render(msg("warning"), options.lang)
    for path in paths:
        case = ET.SubElement(suite, "testcase", name=_xml(path), classname="yeplint")
        found = by_path.get(path, [])
        warnings = [d for d in found if d.severity.value != "error"]
        for d in (d for d in found if d.severity.value == "error"):
            failure = ET.SubElement(
                case,
                "failure",
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
