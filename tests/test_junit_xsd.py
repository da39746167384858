"""The JUnit report validated as Jenkins validates it: against the xUnit plugin's
``junit-10.xsd`` (tests/data), for a clean run, a run with errors and warnings, and a run in
which yeplint fails on a file (an internal error, JUnit's ``error``)."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main
from yeplint.engine.linter import Linter

xmlschema = pytest.importorskip("xmlschema")

XSD = Path(__file__).parent / "data" / "junit-10.xsd"


@pytest.fixture(scope="module")
def schema() -> object:
    return xmlschema.XMLSchema10(XSD)


def junit(site: Path, *pages: tuple[str, str]) -> str:
    for name, text in pages:
        (site / name).write_text(text, encoding="utf-8")
    done = CliRunner().invoke(main, ["check", "--isolated", "--no-cache", "--format", "junit"])
    assert done.exit_code in (0, 1, 2), done.output
    return done.stdout


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    return tmp_path


def suite(xml: str) -> dict[str, str]:
    found = ET.fromstring(xml).find("testsuite")
    assert found is not None
    return dict(found.attrib)


def test_a_clean_run_validates(site: Path, schema: object) -> None:
    xml = junit(site, ("schoon.md", "# Schoon\n\nTekst.\n"))
    xmlschema.validate(xml, schema)
    assert suite(xml) == {"name": "yeplint", "tests": "1", "failures": "0", "errors": "0"}


def test_errors_and_warnings_validate(site: Path, schema: object) -> None:
    xml = junit(site, ("a.md", "##Kop\n\n![Foto](weg.jpg)\n"), ("b.md", "# Kop:\n\nTekst.\n"))
    xmlschema.validate(xml, schema)
    assert suite(xml) == {"name": "yeplint", "tests": "2", "failures": "1", "errors": "0"}
    root = ET.fromstring(xml)
    assert len(root.findall(".//failure")) == 2 and root.find(".//system-out") is not None


def test_an_internal_error_is_a_junit_error(
    site: Path, schema: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = Linter.lint_target

    def crash_on_b(self: Linter, target: object, *args: object, **kwargs: object) -> object:
        if Path(str(getattr(target, "display", ""))).name == "b.md":
            raise RuntimeError("stand-in bug")
        return real(self, target, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Linter, "lint_target", crash_on_b)
    xml = junit(site, ("a.md", "##Kop\n"), ("b.md", "# Kop\n"))
    xmlschema.validate(xml, schema)
    assert suite(xml) == {"name": "yeplint", "tests": "2", "failures": "1", "errors": "1"}
    root = ET.fromstring(xml)
    (error,) = root.findall(".//error")
    assert error.get("type") == "YEP000 error" and "stand-in bug" in (error.text or "")
    assert ET.fromstring(xml).get("errors") == "1"
