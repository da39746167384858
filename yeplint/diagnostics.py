"""The records that flow from rules to reporters: spans, violations and diagnostics."""

from __future__ import annotations

import enum
from dataclasses import dataclass


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
class Violation:
    """What a rule yields: where, what is wrong, and how to fix it."""

    span: Span
    message: str
    hint: str | None = None


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

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.message)

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
        }
