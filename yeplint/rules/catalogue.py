"""The catalogue: the explicit table of rules, by code and by name, with what a run needs to
know of a rule before it runs (code, name, default severity, fixability, the module of its
check); nothing registers itself on import, and a code or a name used twice raises at once.

A rule's module is imported when its check, documentation or options are first read
(:meth:`~yeplint.rules.rule.Rule.listed`), so a run imports the rules it runs and ``yeplint
rules`` or the docs import them all. The generator front matter rules (YEP602-YEP606) find
nothing on a site without their generator: there they answer nothing without their module.
A rule module joins by being listed here (tests/test_architecture.py fails on a module that
defines a rule and is not), and tests/test_startup.py fails when a listing disagrees with the
module's ``@rule``.

Only what runs rules imports this module: reading or validating a configuration never does."""

from __future__ import annotations

from yeplint.diagnostics import Severity
from yeplint.rules.rule import Rule

E, W = Severity.ERROR, Severity.WARNING
ANY: frozenset[str] = frozenset()
"""A rule for a site with any generator."""
ASTRO = frozenset(("astro",))
JEKYLL = frozenset(("jekyll",))


def _rule(
    code: str,
    name: str,
    severity: Severity,
    module: str,
    *,
    fixable: bool = False,
    unsafe_fix: bool = False,
    generators: frozenset[str] | None = None,
) -> Rule:
    """The rule ``code`` whose check is the function named after ``name`` in
    ``yeplint.rules.<module>``."""
    source = f"yeplint.rules.{module}:{name.replace('-', '_')}"
    return Rule.listed(
        code,
        name,
        severity,
        source,
        fixable=fixable,
        unsafe_fix=unsafe_fix,
        generators=generators,
    )


LISTED: tuple[Rule, ...] = (
    _rule("YEP000", "internal-error", E, "file"),
    _rule("YEP001", "yaml-syntax-error", E, "file", unsafe_fix=True),
    _rule("YEP002", "invalid-encoding", E, "file"),
    _rule("YEP003", "binary-file", E, "file"),
    _rule("YEP004", "unterminated-front-matter", E, "file"),
    _rule("YEP005", "misplaced-front-matter", E, "file"),
    _rule("YEP006", "unsupported-front-matter", E, "file"),
    _rule("YEP007", "front-matter-not-mapping", E, "file"),
    _rule("YEP008", "duplicate-key", E, "file"),
    _rule("YEP009", "invalid-yaml-value", E, "file"),
    _rule("YEP010", "yaml-too-complex", E, "file"),
    _rule("YEP011", "ambiguous-yaml-value", W, "file"),
    _rule("YEP012", "unreadable-file", E, "file"),
    _rule("YEP013", "file-too-large", E, "file"),
    _rule("YEP014", "mixed-line-endings", W, "file"),
    _rule("YEP015", "unused-suppression", W, "file"),
    _rule("YEP016", "fix-not-applied", E, "file"),
    _rule("YEP017", "front-matter-syntax-error", E, "file"),
    _rule("YEP100", "missing-front-matter", E, "front_matter"),
    _rule("YEP101", "schema-violation", E, "front_matter"),
    _rule("YEP102", "missing-required-key", E, "front_matter"),
    _rule("YEP103", "unknown-key", E, "front_matter", unsafe_fix=True),
    _rule("YEP104", "invalid-enum-value", E, "front_matter", unsafe_fix=True),
    _rule("YEP105", "invalid-date", E, "front_matter", fixable=True),
    _rule("YEP106", "empty-value", E, "front_matter"),
    _rule("YEP107", "empty-recommended-value", W, "front_matter"),
    _rule("YEP201", "no-space-after-hash", E, "headings.yep201_no_space_after_hash", fixable=True),
    _rule(
        "YEP202",
        "multiple-spaces-after-hash",
        W,
        "headings.yep202_multiple_spaces_after_hash",
        fixable=True,
    ),
    _rule("YEP203", "closed-heading-mismatch", W, "headings.yep203_closed_heading_mismatch"),
    _rule("YEP204", "indented-heading", W, "headings.yep204_indented_heading"),
    _rule("YEP205", "heading-increment", E, "headings.yep205_heading_increment"),
    _rule("YEP206", "empty-heading", E, "headings.yep206_empty_heading"),
    _rule("YEP207", "duplicate-heading", W, "headings.yep207_duplicate_heading"),
    _rule(
        "YEP208", "multiple-top-level-headings", W, "headings.yep208_multiple_top_level_headings"
    ),
    _rule("YEP209", "emphasis-as-heading", W, "headings.yep209_emphasis_as_heading"),
    _rule(
        "YEP210", "heading-trailing-punctuation", W, "headings.yep210_heading_trailing_punctuation"
    ),
    _rule("YEP301", "missing-image", E, "images"),
    _rule("YEP302", "missing-alt-text", E, "images"),
    _rule("YEP303", "image-wrong-case", E, "images", fixable=True),
    _rule("YEP304", "image-outside-root", E, "images"),
    _rule("YEP305", "backslash-in-image-path", E, "images", fixable=True),
    _rule("YEP306", "placeholder-alt-text", W, "images"),
    _rule("YEP307", "image-format-mismatch", E, "images"),
    _rule("YEP308", "image-too-wide", W, "images"),
    _rule("YEP309", "image-too-heavy", W, "served_images"),
    _rule("YEP310", "image-location-in-exif", W, "served_images"),
    _rule("YEP311", "unshown-image-format", E, "served_images"),
    _rule("YEP312", "space-in-image-path", E, "image_syntax"),
    _rule("YEP401", "broken-link", E, "links"),
    _rule("YEP402", "link-to-image", W, "links"),
    _rule("YEP403", "empty-link", E, "links"),
    _rule("YEP404", "missing-anchor", E, "links"),
    _rule("YEP405", "absolute-own-link", W, "links"),
    _rule("YEP501", "orphan-image", W, "orphans"),
    _rule("YEP502", "translation-mismatch", E, "translations"),
    _rule("YEP503", "translation-title-mismatch", W, "translations"),
    _rule("YEP504", "duplicate-page-url", E, "duplicate_url"),
    _rule("YEP505", "missing-primary-page", E, "translations"),
    _rule("YEP601", "invalid-post-file-name", E, "generators"),
    _rule(
        "YEP602",
        "misread-generator-value",
        E,
        "generator_fm.yep602_misread_generator_value",
        generators=ANY,
    ),
    _rule(
        "YEP603",
        "wrong-generator-value-type",
        E,
        "generator_fm.yep603_wrong_generator_value_type",
        generators=ANY,
    ),
    _rule(
        "YEP604",
        "misspelt-generator-key",
        W,
        "generator_fm.yep604_misspelt_generator_key",
        generators=ANY,
    ),
    _rule(
        "YEP605",
        "astro-schema-violation",
        E,
        "generator_fm.yep605_astro_schema_violation",
        generators=ASTRO,
    ),
    _rule("YEP606", "unknown-layout", E, "generator_fm.yep606_unknown_layout", generators=JEKYLL),
)
"""Every rule, sorted by code."""

MODULES: tuple[str, ...] = tuple(dict.fromkeys(r.source.partition(":")[0] for r in LISTED))
"""Every module that defines rules."""


def _table(rules: tuple[Rule, ...]) -> tuple[dict[str, Rule], dict[str, str]]:
    by_code: dict[str, Rule] = {}
    by_name: dict[str, str] = {}
    for found in rules:
        if found.code in by_code or found.name in by_name:
            raise ValueError(f"rule {found.code} {found.name} is defined twice")
        by_code[found.code] = found
        by_name[found.name] = found.code
    return by_code, by_name


RULES, _BY_NAME = _table(LISTED)
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
