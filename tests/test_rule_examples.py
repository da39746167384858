"""Every rule's documented example triggers that rule (ARCHITECTURE.md's meta-test).

The first fenced block under "## Example" is linted: a ``yaml`` block as front matter, a
``markdown`` block as the whole file. Rules whose example is prose (a binary file, a 50 MB
export) are reported by the engine and have their own tests.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import YEP, lint_paths
from yeplint.rules.catalogue import all_rules
from yeplint.rules.rule import Rule

EXAMPLE = re.compile(r"## Example\n(.*?)\n## (?:Use instead|How to fix)", re.S)
BLOCK = re.compile(r"```(yaml|markdown)\n(.*?)```", re.S)
FOLDER = {"YEP101": "trainingen", "YEP103": "trainingen", "YEP603": "posts"}
"""Where an example page lives (default: blog/, whose schema most front matter rules use;
posts/ has no schema, which would own a generator key such as `date`)."""
FILES = {"YEP303": ["netwerken-1.jpg"]}
"""Files an example refers to."""
ALSO = {"YEP015": ["YEP201"]}
"""Rules that must run too (a suppression is only judged for a rule that runs)."""
FORMATS = {"YEP017": ("yaml", "toml", "json")}
"""Front matter formats the example's site reads (default: YAML only)."""
GENERATOR = {"YEP602": "hugo", "YEP603": "hugo", "YEP604": "hugo"}
"""The generator of the example's site, for the rules of a generator's own front matter."""


def example(rule: Rule) -> tuple[str, str] | None:
    section = EXAMPLE.search(rule.doc)
    block = BLOCK.search(section.group(1)) if section else None
    return (block.group(1), block.group(2)) if block else None


RULES = [r for r in all_rules() if example(r) is not None]


def write_example(rule: Rule, root: Path) -> tuple[Path, str, str]:
    """The rule's example as a page of a Yep-shaped site under ``root`` (with the files it
    refers to): the page, its text, and the example's language."""
    found = example(rule)
    assert found is not None
    language, text = found
    folder = root / "content" / FOLDER.get(rule.code, "blog")
    folder.mkdir(parents=True)
    for name in FILES.get(rule.code, []):
        Image.new("RGB", (4, 4)).save(folder / name, "JPEG")
    source = f"---\n{text}---\n" if language == "yaml" else text
    page = folder / "example.nl.md"
    page.write_text(source, encoding="utf-8")
    return page, source, language


def test_most_rules_have_a_code_example() -> None:
    prose = {r.code for r in all_rules()} - {r.code for r in RULES}
    assert prose == {
        "YEP000",
        "YEP002",
        "YEP003",
        "YEP012",
        "YEP013",
        "YEP014",
        "YEP016",
        "YEP307",
        "YEP308",
        "YEP309",  # an image's weight; tests/fixtures/YEP309
        "YEP310",  # a photo's EXIF; tests/test_served_images.py
        "YEP311",  # an image's first bytes; tests/fixtures/YEP311
        "YEP501",  # a file beside the pages; tests/test_links.py
        "YEP502",  # two pages; tests/fixtures/YEP502
        "YEP503",
        "YEP504",  # two pages; tests/test_duplicate_url.py
        "YEP505",  # a file name; tests/fixtures/YEP505
        "YEP601",  # a file name; tests/test_generators.py
        "YEP605",  # needs the site's src/content.config.ts; tests/test_generator_front_matter.py
        "YEP606",  # needs the site's _layouts/; tests/fixtures/YEP606
    }


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_example_triggers_its_rule(rule: Rule, tmp_path: Path) -> None:
    page, text, _ = write_example(rule, tmp_path)
    select = [rule.code, *ALSO.get(rule.code, [])]
    settings = replace(YEP, front_matter=FORMATS.get(rule.code, YEP.front_matter))
    settings = replace(settings, generator=GENERATOR.get(rule.code, settings.generator))
    found_codes = lint_paths([page], tmp_path / "content", select=select, settings=settings)
    codes = {d.code for d in found_codes}
    assert rule.code in codes, f"{rule.code}'s example:\n{text}"


FIX = re.compile(r"## Fix\n[^\n]*\n```(yaml|markdown)\n(.*?)```", re.S)


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_a_fixable_rules_docs_show_what_fix_makes_of_its_example(
    rule: Rule, tmp_path: Path
) -> None:
    """`yeplint rule CODE` shows the fix: the documented result is what the fixer writes."""
    from yeplint.engine.fix import fix_bytes
    from yeplint.engine.linter import Linter
    from yeplint.site.discovery import Target

    shown = FIX.search(rule.doc)
    if not rule.fixable:
        assert shown is None, f"{rule.code} has no fix to show"
        return
    assert shown is not None, f"{rule.code} is fixable: its docs need a `## Fix` section"
    page, source, language = write_example(rule, tmp_path)
    linter = Linter(replace(YEP, root=tmp_path), select=[rule.code])
    target = Target(page, "example.nl.md", tmp_path)
    fixed, _, count, refused = fix_bytes(
        target, source.encode(), linter.lint_bytes, rule.unsafe_fix
    )
    assert (count, refused) == (1, None)
    expected = f"---\n{shown.group(2)}---\n" if language == "yaml" else shown.group(2)
    assert (shown.group(1), fixed.decode()) == (language, expected)
    flag = "`--fix --unsafe-fixes`" if rule.unsafe_fix else "`--fix`"
    assert f"{flag} turns the example into:" in rule.doc
