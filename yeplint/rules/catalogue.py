"""The catalogue: the explicit list of rule modules, and the table of their rules by code and by
name. Nothing registers itself on import; a rule module joins by being listed here
(tests/test_architecture.py fails on a module that defines a rule and is not), and a code or a
name used twice raises at once.

Only what runs rules imports this module (and so every rule, pyromark and the schema code):
reading or validating a configuration never does."""

from __future__ import annotations

from types import ModuleType

from yeplint.rules import (
    duplicate_url,
    file,
    front_matter,
    generators,
    images,
    links,
    orphans,
    served_images,
    translations,
)
from yeplint.rules.generator_fm import (
    yep602_misread_generator_value,
    yep603_wrong_generator_value_type,
    yep604_misspelt_generator_key,
    yep605_astro_schema_violation,
    yep606_unknown_layout,
)
from yeplint.rules.headings import (
    yep201_no_space_after_hash,
    yep202_multiple_spaces_after_hash,
    yep203_closed_heading_mismatch,
    yep204_indented_heading,
    yep205_heading_increment,
    yep206_empty_heading,
    yep207_duplicate_heading,
    yep208_multiple_top_level_headings,
    yep209_emphasis_as_heading,
    yep210_heading_trailing_punctuation,
)
from yeplint.rules.rule import Rule, rule_of

MODULES: tuple[ModuleType, ...] = (
    file,
    front_matter,
    yep201_no_space_after_hash,
    yep202_multiple_spaces_after_hash,
    yep203_closed_heading_mismatch,
    yep204_indented_heading,
    yep205_heading_increment,
    yep206_empty_heading,
    yep207_duplicate_heading,
    yep208_multiple_top_level_headings,
    yep209_emphasis_as_heading,
    yep210_heading_trailing_punctuation,
    images,
    served_images,
    links,
    orphans,
    duplicate_url,
    translations,
    generators,
    yep602_misread_generator_value,
    yep603_wrong_generator_value_type,
    yep604_misspelt_generator_key,
    yep605_astro_schema_violation,
    yep606_unknown_layout,
)
"""Every module that defines rules."""


def _table(modules: tuple[ModuleType, ...]) -> tuple[dict[str, Rule], dict[str, str]]:
    by_code: dict[str, Rule] = {}
    by_name: dict[str, str] = {}
    for module in modules:
        for value in vars(module).values():
            found = rule_of(value)
            if found is None or found.check.__module__ != module.__name__:
                continue  # not a rule, or one imported from the module that defines it
            if found.code in by_code or found.name in by_name:
                raise ValueError(f"rule {found.code} {found.name} is defined twice")
            by_code[found.code] = found
            by_name[found.name] = found.code
    return by_code, by_name


RULES, _BY_NAME = _table(MODULES)
"""Every rule by code (tests may replace one with ``monkeypatch.setitem``)."""


def all_rules() -> list[Rule]:
    """Every rule, sorted by code."""
    return [RULES[code] for code in sorted(RULES)]


def code_of_name(name: str) -> str | None:
    """The code of the rule called ``name`` (any case), or ``None``."""
    return _BY_NAME.get(name.strip().lower())


def find(key: str) -> Rule | None:
    """The rule with this code or name, or ``None``."""
    upper = key.upper()
    if upper in RULES:
        return RULES[upper]
    code = code_of_name(key)
    return RULES[code] if code else None
