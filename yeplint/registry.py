"""The rule registry: ``@rule(code, name)`` and selector resolution (codes, prefixes, names)."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from yeplint.diagnostics import Severity, Violation

if TYPE_CHECKING:
    from yeplint.context import Context
    from yeplint.document import Post

CheckFn = Callable[["Post", "Context"], Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str
    severity: Severity
    check: CheckFn
    doc: str
    options: type | None = None
    """A frozen dataclass of the rule's options with their defaults, or ``None``."""
    fixable: bool = False
    """Whether its violations may carry a fix that ``--fix`` applies."""
    unsafe_fix: bool = False
    """Whether its fixes change content, so that only ``--unsafe-fixes`` applies them."""

    @property
    def fix_kind(self) -> str:
        """``safe``, ``unsafe`` or ``-``: what ``yeplint rules`` shows."""
        return ("unsafe" if self.unsafe_fix else "safe") if self.fixable else "-"

    @property
    def url(self) -> str:
        return RULE_URL.format(code=self.code)

    @property
    def summary(self) -> str:
        first = self.doc.strip().split("\n\n", 1)[0]
        return " ".join(first.split()).rstrip(".") or self.name


RULE_URL = "https://yeplint.readthedocs.io/en/latest/rules/{code}/"
"""A rule's page on the documentation site (mkdocs.yml, docs/rules/<CODE>.md)."""

RULES: dict[str, Rule] = {}
_BY_NAME: dict[str, str] = {}


def rule(
    code: str,
    name: str,
    severity: Severity = Severity.ERROR,
    *,
    options: type | None = None,
    fixable: bool = False,
    unsafe_fix: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    """Register a rule. Its docstring is its user documentation."""

    def register(check: CheckFn) -> CheckFn:
        if code in RULES or name in _BY_NAME:
            raise ValueError(f"rule {code} {name} registered twice")
        doc = inspect.cleandoc(check.__doc__ or "")
        RULES[code] = Rule(
            code, name, severity, check, doc, options, fixable or unsafe_fix, unsafe_fix
        )
        _BY_NAME[name] = code
        return check

    return register


def all_rules() -> list[Rule]:
    """Every registered rule, sorted by code (importing the rule modules on first call)."""
    importlib.import_module("yeplint.rules")
    return [RULES[code] for code in sorted(RULES)]


def find(key: str) -> Rule | None:
    all_rules()
    upper = key.upper()
    if upper in RULES:
        return RULES[upper]
    code = _BY_NAME.get(key.lower())
    return RULES[code] if code else None


class UnknownSelector(ValueError):
    pass


def expand(selector: str) -> Iterator[str]:
    """The rule codes a selector stands for: ``ALL``, a code, a code prefix, or a rule name."""
    rules = all_rules()
    key = selector.strip()
    if key.upper() == "ALL":
        yield from (r.code for r in rules)
        return
    by_name = _BY_NAME.get(key.lower())
    if by_name:
        yield by_name
        return
    matched = [r.code for r in rules if r.code.startswith(key.upper())]
    if not matched or not key.upper().startswith("YEP"):
        raise UnknownSelector(f"`{selector}` is not a rule code, code prefix or rule name")
    yield from matched


def _specificity(selector: str) -> int:
    """``ALL`` < ``YEP`` < ``YEP2`` < ``YEP20`` < a full code or a rule name."""
    key = selector.strip()
    if key.upper() == "ALL":
        return 0
    if key.lower() in _BY_NAME or key.upper() in RULES:
        return 10
    return len(key)


def resolve(select: Iterable[str], ignore: Iterable[str]) -> frozenset[str]:
    """The enabled codes: for each rule, the most specific selector naming it decides, as in
    ruff (``select = ["YEP201"]`` with ``ignore = ["YEP2"]`` keeps YEP201); on a tie, ignore."""
    best: dict[str, tuple[int, bool]] = {}
    for selectors, enabled in ((select, True), (ignore, False)):
        for selector in selectors:
            rank = _specificity(selector)
            for code in expand(selector):
                current = best.get(code)
                if current is None or rank > current[0] or (rank == current[0] and not enabled):
                    best[code] = (rank, enabled)
    return frozenset(code for code, (_, enabled) in best.items() if enabled)
