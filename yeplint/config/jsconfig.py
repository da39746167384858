"""Literal values out of a generator's JavaScript or TypeScript configuration file.

VitePress's ``.vitepress/config.ts`` and Eleventy's ``eleventy.config.js`` are programs: yeplint
does not run them. It reads the values written as literals (``srcDir: 'src'``,
``setInputDirectory("content")``) and says where a value is computed instead, so that the
caller tells the writer once which checks it leaves out rather than guessing. Text searches
over the file with its comments removed; no JavaScript parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from yeplint import LazyPattern


@dataclass(frozen=True, slots=True)
class Computed:
    """A value the file computes (a variable, a call, a template with ``${}``): not read."""

    written: str
    """The start of the expression as written, for the notice."""


Value = str | bool | Computed
"""A literal string, a literal ``true``/``false``, or a value that cannot be read."""

_TOKENS = LazyPattern(
    r"""'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`|/\*.*?\*/|//[^\n]*""",
    re.S,
)
"""Strings and comments, in the order they start: a ``/*`` or ``//`` inside a string
(``"src/js/*.js"``, ``'https://…'``) is no comment."""
_STRING = LazyPattern(r"""'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`([^`$\\]*)`""")


def read_source(path: Path) -> str | None:
    """The file's text without its comments (``// …`` and ``/* … */``); ``None`` when absent
    or unreadable."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return _TOKENS.sub(lambda m: "" if m.group(0)[0] == "/" else m.group(0), text)


def string_at(text: str, at: int) -> tuple[str, int] | None:
    """The string literal that starts at ``at`` (after white space) and where it ends;
    ``None`` when none starts there (a template literal with ``${}`` is no literal)."""
    start = len(text) - len(text[at:].lstrip())
    match = _STRING.match(text, start)
    if match is None:
        return None
    found = next(g for g in match.groups() if g is not None)
    return found.replace("\\'", "'").replace('\\"', '"'), match.end()


def value_at(text: str, at: int) -> Value:
    """The value written at ``at``: a string or boolean literal, else :class:`Computed`."""
    found = string_at(text, at)
    if found is not None:
        return found[0]
    rest = text[at:].lstrip()
    word = re.match(r"(true|false)\b", rest)
    if word:
        return word.group(1) == "true"
    return Computed(_expression(text, at))


def _expression(text: str, at: int) -> str:
    """The expression at ``at`` as written (its first line, at most 60 characters)."""
    return text[at : _skip_expression(text, at)].strip().split("\n", 1)[0][:60]


def property_values(text: str, key: str) -> list[Value]:
    """Every value of the property ``key`` (``key: value``, also quoted) in the text."""
    pattern = re.compile(rf"""(?<![\w$.])["']?{re.escape(key)}["']?\s*:(?!:)""")
    return [value_at(text, m.end()) for m in pattern.finditer(text)]


def call_arguments(text: str, method: str) -> list[Value]:
    """The first argument of every ``.method(…)`` call in the text."""
    pattern = re.compile(rf"\.{re.escape(method)}\s*\(")
    return [value_at(text, m.end()) for m in pattern.finditer(text)]


def object_at(text: str, at: int) -> list[tuple[str | Computed, Value]] | Computed:
    """The entries of the object literal that starts at ``at`` (``{"src/img": "img"}``), each
    key and its value in order; a computed key (``[resolve(…)]: "img/logo.png"``) is a
    :class:`Computed` key. :class:`Computed` when no object literal starts there."""
    rest = text[at:].lstrip()
    if not rest.startswith("{"):
        return Computed(_expression(text, at))
    at = len(text) - len(rest) + 1
    found: list[tuple[str | Computed, Value]] = []
    while True:
        at = len(text) - len(text[at:].lstrip())
        if at >= len(text) or text[at] == "}":
            return found
        key: str | Computed
        literal = string_at(text, at)
        word = _NAME.match(text, at)
        if literal is not None:
            key, at = literal
        elif word is not None:
            key, at = word.group(0), word.end()
        elif text[at] == "[":
            end = _skip_expression(text, at + 1) + 1
            key, at = Computed(text[at:end]), end
        else:  # a spread (`...base`) or something else: the rest is not read
            return [*found, (Computed(_expression(text, at)), False)]
        colon = re.compile(r"\s*:").match(text, at)
        if colon is None:  # a shorthand property (`{ dir }`)
            found.append((key, Computed(str(key))))
            at = _skip_expression(text, at)
        else:
            found.append((key, value_at(text, colon.end())))
            literal = string_at(text, colon.end())
            at = literal[1] if literal is not None else _skip_expression(text, colon.end())
        at = len(text) - len(text[at:].lstrip().removeprefix(","))


_NAME = LazyPattern(r"[\w$]+")


def _skip_expression(text: str, at: int) -> int:
    """Where the expression at ``at`` ends: at the ``,`` or ``}`` that closes it at its own
    depth of brackets."""
    depth = 0
    for index in range(at, len(text)):
        char = text[index]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                return index
            depth -= 1
        elif char == "," and depth == 0:
            return index
    return len(text)
