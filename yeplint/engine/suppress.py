"""Inline suppression comments.

In the Markdown body (HTML comments, as markdownlint does; in MDX, ``{/* … */}``)::

    <!-- yeplint-disable YEP201 YEP3 -->       from here until a matching enable
    <!-- yeplint-enable YEP201 -->
    <!-- yeplint-disable-next-line missing-image -->
    <!-- yeplint-disable-line -->              (no codes: every rule)
    <!-- yeplint-disable-file YEP107 -->

In the front matter (YAML comments, at the end of a line or on a line of their own)::

    Volgnummer: 3  # yeplint: disable-line unknown-key
    # yeplint: disable-next-line YEP105
    # yeplint: disable-file YEP107

Codes may be rule codes, code prefixes or rule names, separated by spaces or commas; a reason
may follow `` -- `` (``<!-- yeplint-disable-next-line YEP201 -- a quote -->``), as in eslint. As
ruff's RUF100 does for ``noqa``, YEP015 reports a comment that hides no problem, a code in it
that hides none (``YEP201 YEP301`` where only YEP201 had one), and a code that names no rule
(``YEP2O1``, with the closest rule). Only codes of rules that ran on the page are judged.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import field
from typing import TYPE_CHECKING, NamedTuple

from yeplint import LazyPattern, record
from yeplint.diagnostics import Diagnostic, Span, Violation
from yeplint.locale.messages import msg
from yeplint.rules.select import UnknownSelector, close_selector, expand

if TYPE_CHECKING:
    from yeplint.document.post import Post

_HTML = LazyPattern(
    r"\s*yeplint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*)", re.S
)
_YAML = LazyPattern(r"#\s*yeplint:\s*(disable-next-line|disable-line|disable-file)\b(.*)$")

ALL: frozenset[str] = frozenset({"*"})


def _codes(text: str) -> tuple[frozenset[str], tuple[tuple[str, frozenset[str]], ...]]:
    """The codes a comment's text names (:data:`ALL` for none), and each word with its codes
    (none: a word that names no rule)."""
    codes_part = re.split(r"(?:^|\s)--(?:\s|$)", text, maxsplit=1)[0]  # `-- why`, as eslint
    words = [w for w in re.split(r"[\s,]+", codes_part.strip().removeprefix(":")) if w]
    if not words:
        return ALL, ()
    codes: set[str] = set()
    named: list[tuple[str, frozenset[str]]] = []
    for word in words:
        try:
            expanded = frozenset(expand(word))
        except UnknownSelector:
            expanded = frozenset()
        codes.update(expanded)
        named.append((word, expanded))
    return frozenset(codes), tuple(named)


def _covers(codes: frozenset[str], code: str) -> bool:
    return codes is ALL or "*" in codes or code in codes


class _State(NamedTuple):
    """What is disabled from a line on: everything (but ``exceptions``), or ``codes``."""

    everything: bool = False
    exceptions: frozenset[str] = frozenset()
    codes: frozenset[str] = frozenset()

    def disable(self, codes: frozenset[str]) -> _State:
        if codes is ALL:
            return _State(everything=True)
        if self.everything:
            return _State(True, self.exceptions - codes, self.codes)
        return _State(False, self.exceptions, self.codes | codes)

    def enable(self, codes: frozenset[str]) -> _State:
        if codes is ALL:
            return _State()
        return _State(self.everything, self.exceptions | codes, self.codes - codes)

    def covers(self, code: str) -> bool:
        return (self.everything and code not in self.exceptions) or code in self.codes


@record(frozen=False)
class Directive:
    """One suppression comment: where it is, what it names, and whether it hid anything."""

    kind: str
    codes: frozenset[str]
    line: int
    column: int
    text: str
    used: bool = False
    words: tuple[tuple[str, frozenset[str]], ...] = ()
    """Each word of the comment with the codes it names (none for a word naming no rule)."""
    hid: set[str] = field(default_factory=set)
    """The codes of the problems it hid."""

    def __init__(
        self,
        kind: str,
        codes: frozenset[str],
        line: int,
        column: int,
        text: str,
        used: bool = False,
        words: tuple[tuple[str, frozenset[str]], ...] = (),
    ) -> None:
        self.kind = kind
        self.codes = codes
        self.line = line
        self.column = column
        self.text = text
        self.used = used
        self.words = words
        self.hid = set()

    def covers(self, code: str) -> bool:
        return _covers(self.codes, code)

    def hide(self, code: str) -> None:
        self.used = True
        self.hid.add(code)


@record(frozen=False)
class Suppressions:
    file: list[Directive] = field(default_factory=list)
    lines: dict[int, list[Directive]] = field(default_factory=dict)
    disables: list[Directive] = field(default_factory=list)
    """Range-opening comments, in file order."""
    enables: list[Directive] = field(default_factory=list)
    """Range-closing comments (judged only for the codes they name)."""
    starts: list[int] = field(default_factory=list)
    """Lines where a disable/enable comment changes the state, ascending."""
    states: list[_State] = field(default_factory=list)

    def __init__(self) -> None:
        """No directive yet: :meth:`from_post` adds a page's."""
        self.file = []
        self.lines = {}
        self.disables = []
        self.enables = []
        self.starts = []
        self.states = []

    @classmethod
    def from_post(cls, post: Post) -> Suppressions:
        found = cls()
        if "yeplint" not in post.text:
            return found
        fm = post.front_matter
        if fm is not None and fm.close_line is not None:
            for number in range(fm.fence.line + 1, fm.close_line):
                line = post.lines[number - 1]
                match = _YAML.search(line)
                if match:
                    codes, words = _codes(match.group(2))
                    text = " ".join(match.group().split())
                    kind, at = match.group(1), match.start() + 1
                    found._directive(Directive(kind, codes, number, at, text, words=words))
        state = _State()
        for comment in post.body.comments:
            match = _HTML.match(comment.text)
            if not match:
                continue
            kind, (codes, words) = match.group(1), _codes(match.group(2))
            span = comment.span
            said = " ".join(comment.text.split())
            line = post.lines[span.line - 1] if 0 < span.line <= len(post.lines) else ""
            mdx = line[span.column - 1 : span.column] == "{"  # MDX's `{/* … */}`
            text = f"{{/* {said} */}}" if mdx else f"<!-- {said} -->"
            if kind in ("disable", "enable"):
                directive = Directive(kind, codes, span.line, span.column, text, words=words)
                if kind == "disable":
                    found.disables.append(directive)
                else:
                    found.enables.append(directive)
                state = state.disable(codes) if kind == "disable" else state.enable(codes)
                found.starts.append(span.line)
                found.states.append(state)
            else:
                found._directive(
                    Directive(kind, codes, span.end_line, span.column, text, words=words)
                )
        return found

    def _directive(self, directive: Directive) -> None:
        if directive.kind == "disable-file":
            self.file.append(directive)
            return
        target = directive.line + (1 if directive.kind == "disable-next-line" else 0)
        self.lines.setdefault(target, []).append(directive)

    def suppressed(self, diagnostic: Diagnostic, *, named: bool = False) -> bool:
        """Whether a comment hides ``diagnostic`` (and that comment is then used); ``named``:
        only a comment that names its rule does, not one naming every rule."""
        code, line = diagnostic.code, diagnostic.line

        def hides(directive: Directive) -> bool:
            return code in directive.codes if named else directive.covers(code)

        for directive in (*self.file, *self.lines.get(line, ())):
            if hides(directive):
                directive.hide(code)
                return True
        index = bisect_right(self.starts, line) - 1
        if index < 0 or not self.states[index].covers(code):
            return False
        for directive in reversed(self.disables):
            if directive.line <= line and hides(directive):
                directive.hide(code)
                return True
        return not named

    def apply_to_unused(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        """YEP015's problems less those a comment naming YEP015 hides; one naming every rule
        does not, or it would hide what is said of itself (as ruff's blanket ``noqa`` does not
        hide RUF100)."""
        return [d for d in diagnostics if not self.suppressed(d, named=True)]

    def apply(self, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
        if not (self.file or self.lines or self.starts):
            return diagnostics
        return [d for d in diagnostics if not self.suppressed(d)]

    def findings(self, post: Post, enabled: frozenset[str]) -> list[Violation]:
        """YEP015's problems: each comment that hid nothing, each code in a comment that hid
        something that hid nothing itself, and each code that names no rule (with the closest
        one); ``enabled``: the rules that ran on the page, the only ones judged."""
        from yeplint.rules.suggest import did_you_mean

        found: list[tuple[int, int, Violation]] = []
        every = [*self.file, *(d for ds in self.lines.values() for d in ds), *self.disables]
        for d in sorted([*every, *self.enables], key=lambda d: (d.line, d.column)):
            span = Span.on_line(d.line, d.column, len(d.text))
            for word, codes in d.words:
                if codes:
                    continue
                message = msg(
                    "suppression `{text}` names `{word}`, which is no rule code, code prefix or"
                    " rule name",
                    text=d.text,
                    word=word,
                )
                otherwise = msg("`yeplint rules` lists the rules")
                violation = did_you_mean(post, span, message, word, close_selector(word), otherwise)
                found.append((d.line, d.column, violation))
            if d.kind == "enable":
                continue
            if not d.used and ("*" in d.codes or d.codes & enabled):
                message = msg("unused suppression `{text}`: it hides no problem", text=d.text)
                found.append(
                    (d.line, d.column, Violation(span, message, msg("remove the comment")))
                )
                continue
            for word, codes in d.words if d.used else ():
                if codes & enabled and not codes & d.hid:
                    message = msg(
                        "suppression `{text}`: `{word}` hides no problem here",
                        text=d.text,
                        word=word,
                    )
                    hint = msg("remove `{word}` from the comment", word=word)
                    found.append((d.line, d.column, Violation(span, message, hint)))
        return [v for _, _, v in sorted(found, key=lambda item: item[:2])]


def front_matter_comment_keeps_data(text: str, line: int, comment: str) -> bool:
    """Whether ``comment`` (``# yeplint: disable-line …``) at the end of front matter line
    ``line`` (1-based) of ``text`` leaves the front matter's data as it was. Not where the line
    ends inside a string over several lines (YAML quoted or plain, TOML ``\"\"\"``), which would
    take the comment into the value or end it, nor in JSON, which has no comments."""
    from pathlib import Path

    from yeplint.document.post import load_text
    from yeplint.document.source import line_starts, split_lines

    lines = split_lines(text)
    if not 0 < line <= len(lines):
        return False
    end = line_starts(text)[line - 1] + len(lines[line - 1])
    formats = ("yaml", "toml", "json")
    path = Path("page.md")
    before = load_text(path, "page.md", text.encode("utf-8", "surrogatepass"), formats)
    edited = (text[:end] + comment + text[end:]).encode("utf-8", "surrogatepass")
    after = load_text(path, "page.md", edited, formats)
    return after.data == before.data and after.front_matter_broken == before.front_matter_broken
