"""Selectors: what ``select``, ``ignore`` and an inline ``disable`` name (``ALL``, a code, a code
prefix such as ``YEP2``, a rule name), resolved against the catalogue.

The selection is ruff's: the configuration is one layer (``select``, ``extend-select``,
``ignore``) and the command line another above it. In a layer the most specific selector
naming a rule decides (on a tie, ignore); a layer with a ``select`` of its own starts again
from it, one without changes only the rules its selectors name. So ``--select YEP201`` runs
YEP201 whatever the configuration ignores, and ``--extend-select YEP209`` adds YEP209 even
where the configuration's ``ignore`` names it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from yeplint.rules.catalogue import RULES, all_rules, code_of_name


class UnknownSelector(ValueError):
    pass


Layer = tuple[Iterable[str] | None, Iterable[str], Iterable[str]]
"""One level of selection: its ``select`` (``None``: it sets none), ``extend-select`` and
``ignore``."""


def close_selector(written: str) -> str | None:
    """The rule code or name closest to a selector that names none (``YEP2O1``, ``YEP3011``,
    ``missing-imag``): one typing error away (a name: two, or one per four letters), the
    closest first and, between codes as close, the one agreeing longest from the start
    (``YEP3011`` is YEP301, not YEP311)."""
    from rapidfuzz.distance import OSA

    key = written.strip()
    rules = all_rules()
    if key.upper().startswith("YEP"):
        key, known, limit = key.upper(), [r.code for r in rules], 1
    else:
        key, known, limit = key.lower(), [r.name for r in rules], max(2, len(key) // 4)
    ranked = sorted((OSA.distance(key, other), -_agreeing(key, other), other) for other in known)
    return ranked[0][2] if ranked and ranked[0][0] <= limit else None


def _agreeing(one: str, other: str) -> int:
    """How many characters two strings share from the start."""
    return next(
        (k for k, (a, b) in enumerate(zip(one, other, strict=False)) if a != b),
        min(len(one), len(other)),
    )


def _unknown(selector: str) -> UnknownSelector:
    close = close_selector(selector)
    said = f"`{selector}` is not a rule code, code prefix or rule name"
    return UnknownSelector(said + (f"; did you mean `{close}`?" if close else ""))


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
        raise _unknown(selector)
    yield from matched


def specificity(selector: str) -> int:
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
    return frozenset(code for code, enabled in _decided(select, ignore).items() if enabled)


def resolve_layers(layers: Iterable[Layer]) -> frozenset[str]:
    """The enabled codes of layers of selection, the configuration's first (see above)."""
    enabled: set[str] = set()
    for select, extend, ignore in layers:
        decided = _decided([*(select or ()), *extend], ignore)
        if select is not None:
            enabled = {code for code, on in decided.items() if on}
            continue
        for code, on in decided.items():
            if on:
                enabled.add(code)
            else:
                enabled.discard(code)
    return frozenset(enabled)


def _decided(select: Iterable[str], ignore: Iterable[str]) -> dict[str, bool]:
    """Whether each rule a selector names is on: the most specific selector decides, and on a
    tie, ignore."""
    best: dict[str, tuple[int, bool]] = {}
    for selectors, enabled in ((select, True), (ignore, False)):
        for selector in selectors:
            rank = specificity(selector)
            for code in expand(selector):
                current = best.get(code)
                if current is None or rank > current[0] or (rank == current[0] and not enabled):
                    best[code] = (rank, enabled)
    return {code: enabled for code, (_, enabled) in best.items()}
