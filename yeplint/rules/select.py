"""Selectors: what ``select``, ``ignore`` and an inline ``disable`` name (``ALL``, a code, a code
prefix such as ``YEP2``, a rule name), resolved against the catalogue."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yeplint.rules.catalogue import RULES, all_rules, code_of_name


class UnknownSelector(ValueError):
    pass


def expand(selector: str) -> Iterator[str]:
    """The rule codes a selector stands for: ``ALL``, a code, a code prefix, or a rule name."""
    rules = all_rules()
    key = selector.strip()
    if key.upper() == "ALL":
        yield from (r.code for r in rules)
        return
    by_name = code_of_name(key)
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
    if code_of_name(key) or key.upper() in RULES:
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
