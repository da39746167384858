"""Each generator's own front matter: the keys it reads, the kind of value each takes and the
values it accepts, as the generator itself parses them (written from its documentation; the
oracle confirms the ones that change the output). One module per generator; the YEP6xx front
matter rules read these tables and hold no generator knowledge of their own.

Python data rather than a JSON file: mypy checks every entry against :class:`Key`, and a table
costs no read or parse: :func:`table` imports only the site's generator's module, and only when a
front matter rule runs."""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from dataclasses import field
from functools import cache

from yeplint import record

KINDS = ("bool", "date", "int", "number", "string", "strings", "map", "list", "any")
"""What a key may hold: ``strings`` is a list of texts (a single text is one item unless the
table says the generator splits it), ``any`` is read but never checked."""


@record
class Key:
    """One front matter key the generator reads."""

    kind: str
    """One of :data:`KINDS`."""
    also: tuple[str, ...] = ()
    """Other kinds the key accepts (Eleventy's ``permalink``: a text or ``false``)."""
    values: tuple[str, ...] = ()
    """The only values (or list items) the generator accepts; empty: any value of the kind."""
    keys: Mapping[str, Key] = field(default_factory=dict)
    """For a ``map``: the keys inside it that the generator reads (Hugo's ``build``)."""

    def __init__(
        self,
        kind: str,
        also: tuple[str, ...] = (),
        values: tuple[str, ...] = (),
        keys: Mapping[str, Key] | None = None,
    ) -> None:
        setter = object.__setattr__  # frozen; one per key of every table: written, not shared
        setter(self, "kind", kind)
        setter(self, "also", also)
        setter(self, "values", values)
        setter(self, "keys", {} if keys is None else keys)


@record(eq=False)
class Table:
    """A generator's front matter, and how it reads a value of the wrong kind (one object per
    generator: equal only to itself, so it can key a cache)."""

    generator: str
    """The generator's display name in messages (``Hugo``)."""
    keys: Mapping[str, Key]
    true_texts: frozenset[str] = frozenset()
    """Texts its boolean reader takes as true (Hugo's ``strconv.ParseBool``: ``true``, ``1``…);
    with :attr:`false_texts`, any other text is read as false. Both empty: a text is no
    boolean at all (the build stops, see :attr:`strict`)."""
    false_texts: frozenset[str] = frozenset()
    converts_texts: bool = False
    """A number written as text (``weight: "3"``) is read as the number, and the texts of
    :attr:`true_texts` and :attr:`false_texts` as booleans (Go's ``cast``, Joi)."""
    truthy_texts: bool = False
    """A text is read as true whatever it says (Ruby and JavaScript: ``"false"`` is true)."""
    yaml11: bool = False
    """Its YAML reader is YAML 1.1 (Ruby's Psych, PyYAML): ``yes``/``no`` are booleans."""
    case_insensitive: bool = False
    """Keys are read without regard to case (Hugo)."""
    strict: bool = False
    """A value of the wrong kind stops the build (Zola's serde, Docusaurus' Joi schema); else the
    generator silently reads something else."""
    dates: str = ""
    """How its date keys parse text: ``go`` (Hugo's ``cast.ToTime`` formats), ``iso`` (Zola:
    RFC 3339 or ``YYYY-MM-DD``), empty: not checked."""
    splits_text: Mapping[str, str] = field(default_factory=dict)
    """``strings`` keys for which one text is split into items, by what (``space``): Hugo's
    ``aliases``, Jekyll's ``tags`` and ``categories``."""
    truncates_numbers: frozenset[str] = frozenset()
    """``int`` keys whose fraction is silently dropped (Hugo's ``weight: 1.5`` is 1)."""


MODULES = {
    "hugo": "hugo",
    "jekyll": "jekyll",
    "zola": "zola",
    "docusaurus": "docusaurus",
    "mkdocs": "mkdocs",
    "eleventy": "eleventy",
}
"""The generators with a table, by the name :mod:`yeplint.config.generators` gives them."""


@cache
def table(generator: str | None) -> Table | None:
    """The front matter table of ``generator``; ``None`` when it has none."""
    module = MODULES.get(generator or "")
    if module is None:
        return None
    found: Table = importlib.import_module(f"{__name__}.{module}").TABLE
    return found
