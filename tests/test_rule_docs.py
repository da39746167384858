"""Every rule documents itself; docs/rules.md is generated from that and kept fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import UPDATE
from yeplint.docs import SECTIONS, render
from yeplint.registry import all_rules

DOCS = Path(__file__).resolve().parents[1] / "docs" / "rules.md"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_doc_has_every_section(rule) -> None:  # type: ignore[no-untyped-def]
    for section in SECTIONS:
        assert section in rule.doc, f"{rule.code} lacks {section}"
    assert rule.summary and not rule.summary.endswith(".")


def test_codes_and_names_are_well_formed() -> None:
    for rule in all_rules():
        assert rule.code[:3] == "YEP" and len(rule.code) == 6 and rule.code[3:].isdigit()
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_rules_md_is_fresh() -> None:
    if UPDATE:
        DOCS.write_text(render(), encoding="utf-8")
    assert DOCS.read_text(encoding="utf-8") == render(), (
        "run: python -m yeplint.docs > docs/rules.md"
    )
