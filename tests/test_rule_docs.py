"""Every rule documents itself; docs/rules.md and docs/rules/<CODE>.md are generated from that
and kept fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import UPDATE
from yeplint.rules.catalogue import all_rules
from yeplint.rules.docs import (
    GENERATED,
    NAV_START,
    SECTIONS,
    navigation,
    pages,
    write,
    write_navigation,
)

DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_rule_doc_has_every_section(rule) -> None:  # type: ignore[no-untyped-def]
    for section in SECTIONS:
        assert section in rule.doc, f"{rule.code} lacks {section}"
    assert rule.summary and not rule.summary.endswith(".")


def test_codes_and_names_are_well_formed() -> None:
    for rule in all_rules():
        assert rule.code[:3] == "YEP" and len(rule.code) == 6 and rule.code[3:].isdigit()
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_the_rule_pages_are_fresh() -> None:
    if UPDATE:
        write(DOCS)
    wanted = pages()
    for name, text in wanted.items():
        assert (DOCS / name).read_text(encoding="utf-8") == text, f"run: {GENERATED}"
    present = {f"rules/{p.name}" for p in (DOCS / "rules").glob("*.md")}
    assert present == {n for n in wanted if n.startswith("rules/")}, f"run: {GENERATED}"


def test_the_navigation_is_written_from_the_catalogue(tmp_path: Path) -> None:
    """`python -m yeplint.rules.docs docs` lists every rule page in mkdocs.yml, so a new rule
    cannot be left out of the site's navigation; what comes before the list is kept."""
    mkdocs_yml = tmp_path / "mkdocs.yml"
    mkdocs_yml.write_text("site_name: x\nnav:\n  - Rules:\n" + NAV_START + "      - stale\n")
    assert write_navigation(mkdocs_yml)
    text = mkdocs_yml.read_text()
    assert text.startswith("site_name: x\nnav:\n") and "stale" not in text
    for rule in all_rules():
        assert f"          - {rule.code} {rule.name}: rules/{rule.code}.md\n" in text
    assert not write_navigation(mkdocs_yml)
    assert (DOCS.parent / "mkdocs.yml").read_text().endswith(navigation(all_rules()))


def test_every_rule_has_a_page_linked_from_the_index() -> None:
    index = pages()["rules.md"]
    for rule in all_rules():
        assert f"[{rule.code}](rules/{rule.code}.md)" in index
        assert rule.url.endswith(f"/rules/{rule.code}/")
