"""The records that flow from rules to reporters: spans, violations and diagnostics."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass

_LINE_NUMBER = re.compile(r"\blines? \d+")


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A range in the original file; lines and columns are 1-based, columns count characters.

    ``end_column`` is exclusive; a zero-width span has ``end == start``.
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


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of a span (within one line) by ``replacement``."""

    span: Span
    replacement: str


@dataclass(frozen=True, slots=True)
class Fix:
    """Edits that solve a problem without changing what the author meant (``--fix`` applies
    them); every fix yeplint offers is of that safe kind."""

    description: str
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "description": self.description,
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


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule yields: where, what is wrong, and how to fix it."""

    span: Span
    message: str
    hint: str | None = None
    fix: Fix | None = None


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

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

    @property
    def identity(self) -> str:
        """What the problem is, without where: file, rule and message with line numbers
        masked, so that editing a post above a problem does not change it."""
        message = _LINE_NUMBER.sub("line N", self.message)
        return f"{self.path}\0{self.code}\0{message}"

    def fingerprint(self, occurrence: int = 0) -> str:
        """A stable hash of :attr:`identity`; ``occurrence`` tells identical problems apart."""
        import hashlib  # only the machine formats fingerprint: keep it off the start-up path

        text = f"{self.identity}\0{occurrence}"
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
