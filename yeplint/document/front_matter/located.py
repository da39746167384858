"""What every front matter format builds: the data with the exact position of each key and value
(:class:`FrontMatter`), addressed by JSON path."""

from __future__ import annotations

from dataclasses import field
from typing import Any, NamedTuple

from yeplint import record
from yeplint.diagnostics import Span

JsonPath = tuple[str | int, ...]
"""Where a value sits in the data: keys and list indexes from the top (``("images", 2, "alt")``)."""


class Ambiguity(NamedTuple):
    """A plain scalar whose value differs between YAML 1.2 and YAML 1.1 readers."""

    path: JsonPath
    text: str
    value12: Any
    value11: Any


@record(frozen=False)
class FrontMatter:
    """The parsed front matter block with a position for every key and value."""

    fence: Span
    """The opening fence line (``---``)."""
    close_line: int | None
    """1-based line of the closing fence, ``None`` when unterminated."""
    data: Any = None
    """The constructed data; a dict when the front matter is a mapping."""
    value_spans: dict[JsonPath, Span] = field(default_factory=dict)
    key_spans: dict[JsonPath, Span] = field(default_factory=dict)
    ambiguities: list[Ambiguity] = field(default_factory=list)
    ok: bool = False
    """True when the YAML parsed into usable data."""
    aliases: bool = False
    """The YAML may use aliases (``*name``): one edit can then change several values."""
    editable: bool = True
    """Fixes may edit keys and values (false for TOML and JSON: the fixes are YAML edits)."""

    def __init__(
        self,
        fence: Span,
        close_line: int | None,
        data: Any = None,
        value_spans: dict[JsonPath, Span] | None = None,
        key_spans: dict[JsonPath, Span] | None = None,
        ambiguities: list[Ambiguity] | None = None,
        ok: bool = False,
        aliases: bool = False,
        editable: bool = True,
    ) -> None:
        self.fence = fence
        self.close_line = close_line
        self.data = data
        self.value_spans = {} if value_spans is None else value_spans
        self.key_spans = {} if key_spans is None else key_spans
        self.ambiguities = [] if ambiguities is None else ambiguities
        self.ok = ok
        self.aliases = aliases
        self.editable = editable

    @property
    def fixable(self) -> bool:
        """Whether a fix may edit a key or value: YAML without aliases."""
        return self.editable and not self.aliases

    def locate(self, path: JsonPath, *, key: bool = False) -> Span:
        """The span of the value (or key) at ``path``, else of its nearest located ancestor."""
        spans = self.key_spans if key else self.value_spans
        probe = tuple(path)
        while probe:
            if probe in spans:
                return spans[probe]
            if key and probe in self.value_spans:
                return self.value_spans[probe]
            probe = probe[:-1]
        return self.fence

    def insertion_point(self, path: JsonPath = ()) -> Span:
        """Where a missing key of the mapping at ``path`` would go."""
        if path and path in self.value_spans:
            return self.value_spans[path]
        return Span.point(self.close_line or self.fence.line)
