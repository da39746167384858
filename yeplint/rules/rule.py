"""A rule's record (:class:`Rule`) and ``@rule(code, name)``, which attaches that record to the
check function and registers nothing: the table of rules is :mod:`yeplint.rules.catalogue`'s,
selectors are :mod:`yeplint.rules.select`'s. Importing this module costs no rule."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from yeplint import record
from yeplint.diagnostics import Severity, Violation

if TYPE_CHECKING:
    from yeplint.document.post import Post
    from yeplint.rules.context import Context

CheckFn = Callable[["Post", "Context"], Iterable[Violation]]


@record
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

RULE_ATTRIBUTE = "__yeplint_rule__"
"""The attribute on a check function that holds its :class:`Rule`."""


def rule(
    code: str,
    name: str,
    severity: Severity = Severity.ERROR,
    *,
    options: type | None = None,
    fixable: bool = False,
    unsafe_fix: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    """Describe a rule: the check function gets its :class:`Rule` record (its docstring is the
    user documentation); the catalogue lists the module and so finds it."""

    def attach(check: CheckFn) -> CheckFn:
        doc = inspect.cleandoc(check.__doc__ or "")
        found = Rule(code, name, severity, check, doc, options, fixable or unsafe_fix, unsafe_fix)
        setattr(check, RULE_ATTRIBUTE, found)
        return check

    return attach


def rule_of(value: object) -> Rule | None:
    """The rule ``value`` is the check of, or ``None``."""
    found = getattr(value, RULE_ATTRIBUTE, None)
    return found if isinstance(found, Rule) and found.check is value else None


def code_name(check: CheckFn) -> tuple[str, str]:
    """The code and name of the rule ``check`` is the check of: what the engine stamps on the
    problems it finds itself (a file it cannot read, an orphan image), so that no code is
    written twice."""
    found = rule_of(check)
    if found is None:
        raise ValueError(f"{check!r} is no rule")
    return found.code, found.name
