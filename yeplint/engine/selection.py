"""The run's rules: which are enabled, at which severity and with which options, resolved
against the catalogue.

The configuration loader (:mod:`yeplint.config.load`) knows no rule: it leaves selectors
(``select``, ``ignore``, ``extend-select``, ``per-file-ignores``, ``severity``) and
``rule-options`` as they are written. They are checked here, before anything is linted, and a
wrong one is a :class:`~yeplint.config.settings.ConfigError` at its key's line in the configuration
file. Selectors given on the command line raise :class:`~yeplint.rules.select.UnknownSelector`,
which the CLI reports as a usage error.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import fields
from typing import Any, NamedTuple

from yeplint.config.settings import RULE_OPTION_MAX, ConfigError, Settings
from yeplint.diagnostics import Severity
from yeplint.rules.catalogue import all_rules, find
from yeplint.rules.rule import Rule
from yeplint.rules.select import UnknownSelector, expand, resolve_layers, specificity

UNSKIPPABLE = ("YEP012",)
"""Rules a ``select`` that leaves them out does not turn off, only an ``ignore`` that names
them: ``unreadable-file`` says a file was not checked at all, and a run with ``--select YEP201``
that said nothing of an unreadable page would pass a CI gate on a file it never saw."""


class RuleSelection(NamedTuple):
    """What a run checks: the enabled rules and how each reports."""

    rules: tuple[Rule, ...]
    """The enabled rules, by code."""
    enabled: frozenset[str]
    severity: Mapping[str, Severity]
    """Every rule's severity (its default, or the configuration's ``severity``)."""
    options: Mapping[str, Any]
    """The options of the rules the configuration sets options for, by code."""
    per_file_ignores: tuple[tuple[str, frozenset[str]], ...]
    """(glob, the codes its selectors stand for)."""


def resolve_selection(
    settings: Settings,
    *,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> RuleSelection:
    """The rules ``settings`` enable, and then the command line's ``select``, ``extend_select``
    and ``ignore`` (a layer above the configuration's, as in ruff:
    :func:`~yeplint.rules.select.resolve_layers`)."""
    _check_selectors(settings)
    rules = all_rules()
    chosen = resolve_layers(
        [
            (settings.select, settings.extend_select, settings.ignore),
            (select, extend_select, ignore),
        ]
    )
    named = {code for selector in (*settings.ignore, *ignore) for code in expand(selector)}
    chosen |= {code for code in UNSKIPPABLE if code not in named}
    severity: dict[str, Severity] = {r.code: r.severity for r in rules}
    # the most specific selector decides, wherever the table writes it
    for selector, level in sorted(settings.severity, key=lambda item: specificity(item[0])):
        for code in expand(selector):
            severity[code] = level
    return RuleSelection(
        rules=tuple(r for r in rules if r.code in chosen),
        enabled=frozenset(chosen),
        severity=severity,
        options=rule_options(settings),
        per_file_ignores=tuple(
            (glob, frozenset(c for s in codes for c in expand(s)))
            for glob, codes in settings.per_file_ignores
        ),
    )


def _where(settings: Settings, key: tuple[str | int, ...]) -> str:
    """``file:line:col`` of ``key`` in the configuration file (a preset's or a generator's
    values are yeplint's own and always valid)."""
    if settings.config_file is None:
        return "configuration"
    from yeplint.config.schema import position

    return position(settings.config_file, key)


def _check_selectors(settings: Settings) -> None:
    """Every selector the configuration writes names a rule, a code prefix or ``ALL``."""
    written: list[tuple[tuple[str | int, ...], str]] = [
        ((key,), selector)
        for key, selectors in (
            ("select", settings.select),
            ("ignore", settings.ignore),
            ("extend-select", settings.extend_select),
        )
        for selector in selectors
    ]
    written += [
        (("per-file-ignores", glob), s) for glob, codes in settings.per_file_ignores for s in codes
    ]
    written += [(("severity", selector), selector) for selector, _ in settings.severity]
    for key, selector in written:
        try:
            list(expand(selector))
        except UnknownSelector as exc:
            raise ConfigError(f"{_where(settings, key)}: {exc}") from None


def rule_options(settings: Settings) -> dict[str, Any]:
    """Each rule's options as the configuration sets them (by rule code or name, option names
    as written: ``max-length``), checked against the rule: an instance of its options class
    by code. A later table for the same rule changes only the options it sets."""
    result: dict[str, Any] = {}
    for key, items in settings.rule_options:
        found = find(key)
        if found is None:
            every = [name for r in all_rules() for name in (r.code, r.name)]
            raise ConfigError(
                f"{_where(settings, ('rule-options', key))}: `rule-options.{key}`: no such rule"
                + _did_you_mean(key, every)
            )
        if found.options is None:
            raise ConfigError(
                f"{_where(settings, ('rule-options', key))}: `rule-options.{key}`: "
                f"{found.code} has no options"
            )
        known = {f.name.replace("_", "-"): f for f in fields(found.options)}
        earlier = result.get(found.code)  # a preset's options, which the file's refine
        values: dict[str, Any] = {}
        if earlier is not None:
            values = {f.name: getattr(earlier, f.name) for f in fields(earlier)}
        for option, setting in items:
            spec = known.get(option)
            try:
                if spec is None:
                    names = ", ".join(sorted(known))
                    raise ConfigError(
                        f"unknown option `rule-options.{key}.{option}` (options: {names})"
                        + _did_you_mean(option, list(known))
                    )
                factory = spec.default_factory
                default = factory() if callable(factory) else spec.default
                values[spec.name] = _option(setting, default, f"rule-options.{key}.{option}")
            except ConfigError as exc:  # where it is written, looked up only now
                at = _where(settings, ("rule-options", key, option))
                raise ConfigError(f"{at}: {exc}") from None
        result[found.code] = found.options(**values)
    return result


def _option(setting: Any, default: Any, name: str) -> Any:
    """An option's value, of its default's type (a :class:`ConfigError` without the place)."""
    if isinstance(default, tuple):
        if isinstance(setting, str):
            setting = [setting]
        if not isinstance(setting, list) or not all(isinstance(v, str) for v in setting):
            raise ConfigError(f"`{name}` must be a list of strings, not {setting!r}")
        return tuple(setting)
    wrong_type = type(setting) is not type(default)
    if wrong_type or (isinstance(setting, int) and not 0 <= setting <= RULE_OPTION_MAX):
        raise ConfigError(f"`{name}` must be {_expected(default)}, not {setting!r}")
    return setting


def _expected(default: Any) -> str:
    """What an option of ``default``'s type must be, in the words of the configuration's
    schema (its ``x-expect``)."""
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, int):
        return f"an integer from 0 to {RULE_OPTION_MAX:,}"
    return "a string" if isinstance(default, str) else type(default).__name__


def _did_you_mean(written: str, known: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(written, known, n=1)
    return f"; did you mean `{close[0]}`?" if close else ""
