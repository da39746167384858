"""The records that flow from rules to reporters: spans, violations and diagnostics."""

from __future__ import annotations

import enum
from typing import Any, Literal, NamedTuple, NoReturn

from yeplint import LazyPattern

_LINE_NUMBER = LazyPattern(r"\blines? \d+")
_QUOTED = LazyPattern(r"`([^`]*)`")


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


class _Keyed:
    """A record equal to another of its class, and hashed, as the tuple of its ``_key()``
    (the comparison a dataclass generates, written once for the records below)."""

    __slots__ = ()

    def _key(self) -> tuple[Any, ...]:
        raise NotImplementedError

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())


class Span(_Keyed):
    """A range in the original file; lines and columns are 1-based, columns count characters.

    ``end_column`` is exclusive; a zero-width span has ``end == start``. A value: never
    changed once made (not frozen: a frozen record is made 3.5x slower, 1.3 against 0.4 µs,
    and a page makes a span for every heading, paragraph and image). Equal, hashed and
    ordered as the tuple of its four numbers.

    Written out rather than a dataclass (``order``, ``unsafe_hash``): creating that class at
    import cost ~0.5 ms, one ``exec`` per generated method, on every run.
    """

    __slots__ = ("column", "end_column", "end_line", "line")
    __match_args__ = ("line", "column", "end_line", "end_column")

    line: int
    column: int
    end_line: int
    end_column: int

    def __init__(self, line: int, column: int, end_line: int, end_column: int) -> None:
        self.line = line
        self.column = column
        self.end_line = end_line
        self.end_column = end_column

    def _key(self) -> tuple[int, int, int, int]:
        return (self.line, self.column, self.end_line, self.end_column)

    def __repr__(self) -> str:
        return (
            f"Span(line={self.line!r}, column={self.column!r}, "
            f"end_line={self.end_line!r}, end_column={self.end_column!r})"
        )

    def __lt__(self, other: Span) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() < other._key()

    def __le__(self, other: Span) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() <= other._key()

    def __gt__(self, other: Span) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() > other._key()

    def __ge__(self, other: Span) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return self._key() >= other._key()

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


class _Frozen(_Keyed):
    """A record never changed once made, as a frozen dataclass is: setting or deleting an
    attribute raises :class:`dataclasses.FrozenInstanceError`.

    :class:`Fix` and :class:`Diagnostic` are written out rather than frozen dataclasses:
    creating those classes cost ~1.5 ms at every start (one ``exec`` per generated method)."""

    __slots__ = ()

    def __setattr__(self, name: str, value: object) -> NoReturn:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> NoReturn:
        from dataclasses import FrozenInstanceError

        raise FrozenInstanceError(f"cannot delete field {name!r}")


class Fix(_Frozen):
    """Edits that solve a problem. A ``safe`` fix only changes form, never what the author
    meant (``--fix`` applies it); an ``unsafe`` one changes content (renames a key, replaces a
    value) and is applied only with ``--unsafe-fixes``; a ``display`` one is a suggestion (a
    "did you mean"), offered in the editor and never applied. ``intents`` say what the edits
    change, so the fixer can verify the result by parsing it again; none means nothing
    visible. Equal and hashed by its four fields."""

    __slots__ = ("applicability", "description", "edits", "intents")
    __match_args__ = ("description", "edits", "applicability", "intents")

    description: str
    edits: tuple[Edit, ...]
    applicability: Applicability
    intents: tuple[Intent, ...]

    def __init__(
        self,
        description: str,
        edits: tuple[Edit, ...],
        applicability: Applicability = "safe",
        intents: tuple[Intent, ...] = (),
    ) -> None:
        setter = object.__setattr__
        setter(self, "description", description)
        setter(self, "edits", edits)
        setter(self, "applicability", applicability)
        setter(self, "intents", intents)

    def _key(self) -> tuple[str, tuple[Edit, ...], str, tuple[Intent, ...]]:
        return (self.description, self.edits, self.applicability, self.intents)

    def __repr__(self) -> str:
        return (
            f"Fix(description={self.description!r}, edits={self.edits!r}, "
            f"applicability={self.applicability!r}, intents={self.intents!r})"
        )

    def __reduce__(self) -> tuple[type[Fix], tuple[Any, ...]]:
        return (Fix, self._key())

    def with_description(self, description: str) -> Fix:
        """The same fix described by ``description`` (its reader's language)."""
        return Fix(description, self.edits, self.applicability, self.intents)

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


class Diagnostic(_Frozen):
    """What reporters get: a violation stamped by the engine with its file, rule and severity.

    Equal and hashed by its fields but the last three (``snippet``, ``english``,
    ``suggestion``), as the frozen dataclass it was with ``compare=False`` on those."""

    __slots__ = (
        "code",
        "column",
        "end_column",
        "end_line",
        "english",
        "fix",
        "hint",
        "line",
        "message",
        "path",
        "rule",
        "severity",
        "snippet",
        "suggestion",
    )
    __match_args__ = (
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "rule",
        "severity",
        "message",
        "hint",
        "fix",
        "snippet",
        "english",
        "suggestion",
    )

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    rule: str
    severity: Severity
    message: str
    hint: str | None
    fix: Fix | None
    snippet: str
    """The source text the problem points at (stripped), for :attr:`identity`."""
    english: str
    """The English message of a :meth:`localized` diagnostic (``message`` is then the reader's
    language): identities, order and baselines never depend on the language."""
    suggestion: Fix | None
    """A "did you mean" as a display-only fix, for editors; never applied by ``--fix`` and not
    in the machine reports."""

    def __init__(
        self,
        path: str,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        code: str,
        rule: str,
        severity: Severity,
        message: str,
        hint: str | None = None,
        fix: Fix | None = None,
        snippet: str = "",
        english: str = "",
        suggestion: Fix | None = None,
    ) -> None:
        setter = object.__setattr__
        setter(self, "path", path)
        setter(self, "line", line)
        setter(self, "column", column)
        setter(self, "end_line", end_line)
        setter(self, "end_column", end_column)
        setter(self, "code", code)
        setter(self, "rule", rule)
        setter(self, "severity", severity)
        setter(self, "message", message)
        setter(self, "hint", hint)
        setter(self, "fix", fix)
        setter(self, "snippet", snippet)
        setter(self, "english", english)
        setter(self, "suggestion", suggestion)

    def _values(self) -> tuple[Any, ...]:
        """Every field, in order: what the constructor takes."""
        return tuple(getattr(self, name) for name in self.__match_args__)

    def _key(self) -> tuple[Any, ...]:
        return (
            self.path,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.code,
            self.rule,
            self.severity,
            self.message,
            self.hint,
            self.fix,
        )

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__match_args__)
        return f"Diagnostic({fields})"

    def __reduce__(self) -> tuple[type[Diagnostic], tuple[Any, ...]]:
        return (Diagnostic, self._values())

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.line, self.column, self.code, self.english or self.message)

    def localized(self, lang: str) -> Diagnostic:
        """The diagnostic as a reader of ``lang`` sees it: message, hint and fix description
        rendered from their templates (:mod:`yeplint.locale.messages`)."""
        from yeplint.locale.messages import render

        fix, suggestion = self.fix, self.suggestion
        if fix is not None:
            fix = fix.with_description(render(fix.description, lang))
        if suggestion is not None:
            suggestion = suggestion.with_description(render(suggestion.description, lang))
        return Diagnostic(
            self.path,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.code,
            self.rule,
            self.severity,
            render(self.message, lang),
            render(self.hint, lang) if self.hint is not None else None,
            fix,
            self.snippet,
            self.english or str(self.message),
            suggestion,
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
