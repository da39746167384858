"""A rule's record (:class:`Rule`) and ``@rule(code, name)``, which attaches that record to the
check function and registers nothing: the table of rules is :mod:`yeplint.rules.catalogue`'s,
selectors are :mod:`yeplint.rules.select`'s. Importing this module costs no rule; a rule of the
catalogue (:meth:`Rule.listed`) imports its module when its check, documentation or options are
first read."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any

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
    options: type | None
    """A frozen dataclass of the rule's options with their defaults, or ``None``."""
    fixable: bool
    """Whether its violations may carry a fix that ``--fix`` applies."""
    unsafe_fix: bool
    """Whether its fixes change content, so that only ``--unsafe-fixes`` applies them."""
    source: str = ""
    """``module:function`` of its check: where a rule of the catalogue is read from."""

    @classmethod
    def listed(
        cls,
        code: str,
        name: str,
        severity: Severity,
        source: str,
        *,
        fixable: bool = False,
        unsafe_fix: bool = False,
        generators: frozenset[str] | None = None,
    ) -> Rule:
        """A rule as the catalogue lists it: its module is imported when its check,
        documentation or options are first read. With ``generators``, a rule that finds
        nothing on a site whose generator is none of them (any generator when empty): its
        check answers nothing there without importing the module."""
        new = object.__new__(cls)
        for key, value in (
            ("code", code),
            ("name", name),
            ("severity", severity),
            ("fixable", fixable or unsafe_fix),
            ("unsafe_fix", unsafe_fix),
            ("source", source),
        ):
            object.__setattr__(new, key, value)
        if generators is not None:
            object.__setattr__(new, "check", _only_with(new, generators))
        return new

    def defined(self) -> Rule:
        """The record its module's ``@rule`` made (the module imported now if not yet), checked
        against what the catalogue says of it."""
        module, _, function = self.source.partition(":")
        found = rule_of(getattr(import_module(module), function, None))
        if found is None or (found.code, found.name, found.severity, found.fixable) != (
            self.code,
            self.name,
            self.severity,
            self.fixable,
        ):
            raise ValueError(f"the catalogue's {self.code} {self.name} is not {self.source}")
        return found

    if not TYPE_CHECKING:  # mypy sees the fields; only a listed rule lacks these until read

        def __getattr__(self, key: str) -> Any:
            if key not in ("check", "doc", "options") or not self.source:
                raise AttributeError(key)
            check = vars(self).get("check")
            if key == "doc" and getattr(check, RULE_ATTRIBUTE, None) is self:
                doc = inspect.cleandoc(check.__doc__ or "")  # @rule's own: cleaned when read
                object.__setattr__(self, "doc", doc)
                return doc
            value = getattr(self.defined(), key)  # each read once, from @rule's record
            object.__setattr__(self, key, value)
            return value

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


def _only_with(listed: Rule, generators: frozenset[str]) -> CheckFn:
    """``listed``'s check on a site whose generator is one of ``generators`` (any when
    empty); elsewhere nothing, without importing its module."""
    run: list[CheckFn] = []

    def check(post: Post, ctx: Context) -> Iterable[Violation]:
        generator = ctx.settings.generator
        if generator is None or (generators and generator not in generators):
            return ()
        if not run:
            run.append(listed.defined().check)
        return run[0](post, ctx)

    return check


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
        source = f"{check.__module__}:{check.__qualname__}"
        found = Rule.listed(code, name, severity, source, fixable=fixable, unsafe_fix=unsafe_fix)
        object.__setattr__(found, "check", check)
        object.__setattr__(found, "options", options)
        setattr(check, RULE_ATTRIBUTE, found)  # its doc, the docstring cleaned, when first read
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
