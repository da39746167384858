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
    needs_body: bool

    @property
    def summary(self) -> str:
        first = self.doc.strip().split("\n\n", 1)[0]
        return " ".join(first.split()).rstrip(".") or self.name


RULES: dict[str, Rule] = {}
_BY_NAME: dict[str, str] = {}


def rule(
    code: str, name: str, severity: Severity = Severity.ERROR, *, needs_body: bool = False
) -> Callable[[CheckFn], CheckFn]:
    """Register a rule. Its docstring is its user documentation."""

    def register(check: CheckFn) -> CheckFn:
        if code in RULES or name in _BY_NAME:
            raise ValueError(f"rule {code} {name} registered twice")
        doc = inspect.cleandoc(check.__doc__ or "")
        RULES[code] = Rule(code, name, severity, check, doc, needs_body)
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


def resolve(select: Iterable[str], ignore: Iterable[str]) -> frozenset[str]:
    chosen: set[str] = set()
    for selector in select:
        chosen.update(expand(selector))
    for selector in ignore:
        chosen.difference_update(expand(selector))
    return frozenset(chosen)
