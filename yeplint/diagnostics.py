"""The records that flow from rules to reporters: spans, violations and diagnostics."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any, Literal, NamedTuple

from yeplint import LazyPattern

_LINE_NUMBER = LazyPattern(r"\blines? \d+")
_QUOTED = LazyPattern(r"`([^`]*)`")


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(slots=True, order=True, unsafe_hash=True)
class Span:
    """A range in the original file; lines and columns are 1-based, columns count characters.

    ``end_column`` is exclusive; a zero-width span has ``end == start``. A value: never
    changed once made (not ``frozen``: a frozen dataclass is made 3.5x slower, 1.3 against
    0.4 µs, and a page makes a span for every heading, paragraph and image).
    """

    line: int
    column: int
    end_line: int
    end_column: int

    @classmethod
    def point(cls, line: int, column: int = 1) -> Span:
        return cls(line, column, line, column)

    @classmethod
    def on_line(cls, line: int, column: int, length: int) -> Span:
        return cls(line, column, line, column + max(length, 0))


class Edit(NamedTuple):
    """Replace the text of a span (within one line) by ``replacement``."""

    span: Span
    replacement: str


IntentKind = Literal["form", "heading", "retitle", "value", "key", "image", "yaml"]


class Intent(NamedTuple):
    """What a fix means to change, so that ``--fix`` can check it by parsing the result again.

    - ``form``: nothing a reader sees changes (spacing inside a heading's markup);
    - ``heading``: the paragraph starting on ``line`` becomes a heading of ``level`` whose text
      is ``new`` (the paragraph's other lines stay a paragraph);
    - ``retitle``: the heading starting on ``line`` gets ``level`` and the text ``new``;
    - ``value``: the front matter value at ``path`` changes from ``old`` to ``new``;
    - ``key``: the front matter key ``old`` in the mapping at ``path`` is renamed ``new``;
    - ``image``: the body image on ``line`` written ``old`` now points at ``new``;
    - ``yaml``: front matter that did not parse parses, with ``new`` as the value of ``path``.
    """

    kind: IntentKind
    line: int = 0
    path: tuple[str | int, ...] = ()
    old: str = ""
    new: str = ""
    level: int = 0

    def to_list(self) -> list[object]:
        return [self.kind, self.line, list(self.path), self.old, self.new, self.level]

    @classmethod
    def from_list(cls, row: list[Any]) -> Intent:
        kind, line, path, old, new, level = row
        return cls(kind, int(line), tuple(path), str(old), str(new), int(level))


Applicability = Literal["safe", "unsafe", "display"]


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that solve a problem. A ``safe`` fix only changes form, never what the author
    meant (``--fix`` applies it); an ``unsafe`` one changes content (renames a key, replaces a
    value) and is applied only with ``--unsafe-fixes``; a ``display`` one is a suggestion (a
    "did you mean"), offered in the editor and never applied. ``intents`` say what the edits
    change, so the fixer can verify the result by parsing it again; none means nothing
    visible."""

    description: str
    edits: tuple[Edit, ...]
    applicability: Applicability = "safe"
    intents: tuple[Intent, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "description": self.description,
            "applicability": self.applicability,
            "edits": [
                {
                    "line": e.span.line,
                    "column": e.span.column,
                    "end_line": e.span.end_line,
                    "end_column": e.span.end_column,
                    "replacement": e.replacement,
                }
                for e in self.edits
            ],
        }


class Violation(NamedTuple):
    """What a rule yields: where, what is wrong, and how to fix it."""

    span: Span
    message: str
    hint: str | None = None
    fix: Fix | None = None
    suggestion: Fix | None = None
    """What the hint suggests, as a display-only fix (:mod:`yeplint.rules.suggest`)."""


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """What reporters get: a violation stamped by the engine with its file, rule and severity."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    hint: str | None = None
    fix: Fix | None = None
    snippet: str = field(default="", compare=False)
    """The source text the problem points at (stripped), for :attr:`identity`."""
    english: str = field(default="", compare=False)
    """The English message of a :meth:`localized` diagnostic (``message`` is then the reader's
    language): identities, order and baselines never depend on the language."""
    suggestion: Fix | None = field(default=None, compare=False)
    """A "did you mean" as a display-only fix, for editors; never applied by ``--fix`` and not
    in the machine reports."""

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.english or self.message)

    def localized(self, lang: str) -> Diagnostic:
        """The diagnostic as a reader of ``lang`` sees it: message, hint and fix description
        rendered from their templates (:mod:`yeplint.locale.messages`)."""
        from dataclasses import replace

        from yeplint.locale.messages import render

        fix, suggestion = self.fix, self.suggestion
        if fix is not None:
            fix = replace(fix, description=render(fix.description, lang))
        if suggestion is not None:
            suggestion = replace(suggestion, description=render(suggestion.description, lang))
        return replace(
            self,
            message=render(self.message, lang),
            hint=render(self.hint, lang) if self.hint is not None else None,
            fix=fix,
            suggestion=suggestion,
            english=self.english or str(self.message),
        )

    @property
    def identity(self) -> str:
        """What the problem is, without where and without wording: file, rule, the source
        text it points at and the quoted values (keys, names) its message names. Editing a
        post above a problem, or rewording or translating a message, does not change it."""
        quoted = "\0".join(sorted(set(_QUOTED.findall(self.english or self.message))))
        return f"{self.path}\0{self.code}\0{self.snippet}\0{quoted}"

    @property
    def legacy_identity(self) -> str:
        """The identity of yeplint 0.x baselines (version 1): file, rule and message with line
        numbers masked; read, never written."""
        message = _LINE_NUMBER.sub("line N", self.english or self.message)
        return f"{self.path}\0{self.code}\0{message}"

    def fingerprint(self, occurrence: int = 0, *, legacy: bool = False) -> str:
        """A stable hash of :attr:`identity`; ``occurrence`` tells identical problems apart."""
        import hashlib  # only the machine formats fingerprint: keep it off the start-up path

        identity = self.legacy_identity if legacy else self.identity
        text = f"{identity}\0{occurrence}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "hint": self.hint,
            "fix": self.fix.to_dict() if self.fix else None,
        }
