"""Path globs: ``*`` within a folder name, ``**`` across folders, ``?``, ``[...]`` and
``{a,b}`` (each alternative a glob of its own, as in wcmatch and most shells).

A pattern without ``/`` matches a file name anywhere (``*.md``); one with ``/`` matches the whole
path relative to the root (``**/blog/*.md``, ``content/blog/*.md``). Written here rather than
taken from pathspec because importing pathspec costs ~38 ms of start-up (measured with
``python -X importtime``), a third of a pre-commit run, for semantics this small.

A backslash is what it is in ruff's globs (globset's default on each system): on Windows a
folder separator (``content\\drafts\\**`` is ``content/drafts/**``), elsewhere an escape
(``\\*`` a literal ``*``, ``\\\\`` a backslash). Escaping a character that needs none
(``content\\drafts``) is an error on POSIX: globset reads it as ``contentdrafts`` and the
glob would silently match nothing there while it matches the folder on Windows.

A leading ``./`` (``./content/drafts/**``, and ``.\\content\\drafts\\**`` on Windows) is the
root, as ruff reads it: the glob is anchored there. A leading ``../`` would leave the root,
where nothing is checked: an error.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache

BACKSLASH_SEPARATES = os.sep == "\\"
"""Windows: ``\\`` in a glob separates folders; elsewhere it escapes the next character."""

_ESCAPABLE = "*?[]{}!\\"
_LITERAL = {chr(0xE000 + k): char for k, char in enumerate(_ESCAPABLE)}
"""An escaped character stands in for itself as a private-use character while the glob is
parsed (so that ``\\{`` opens no alternatives), and is matched literally."""
_STAND_IN = {char: stand_in for stand_in, char in _LITERAL.items()}


class GlobError(ValueError):
    pass


def expand_braces(pattern: str) -> list[str]:
    """``{blog,team}/**`` as ``["blog/**", "team/**"]``; nested braces expand too."""
    start = pattern.find("{")
    if start < 0:
        if "}" in pattern:
            raise GlobError("`}` without `{`")
        return [pattern]
    depth = 0
    for end in range(start, len(pattern)):
        if pattern[end] == "{":
            depth += 1
        elif pattern[end] == "}":
            depth -= 1
            if depth == 0:
                break
    else:
        raise GlobError("unclosed `{`")
    inner, options, level, begin = pattern[start + 1 : end], [], 0, 0
    for k, char in enumerate(inner):
        level += char == "{"
        level -= char == "}"
        if char == "," and level == 0:
            options.append(inner[begin:k])
            begin = k + 1
    options.append(inner[begin:])
    head, tail = pattern[:start], pattern[end + 1 :]
    return [e for option in options for e in expand_braces(head + option + tail)]


@lru_cache(maxsize=256)
def compile_glob(pattern: str) -> re.Pattern[str]:
    if not pattern or pattern.strip() != pattern:
        raise GlobError("a glob may not be empty or start or end with spaces")
    if "\\" in pattern:
        pattern = _backslashes(pattern)
    rest = pattern
    while rest.startswith("./"):
        rest = rest[2:].lstrip("/")
    if rest != pattern and rest:
        pattern = "/" + rest  # `./drafts/**` as ruff reads it: from the root (anchored)
    elif pattern.startswith("../"):
        raise GlobError("a glob is relative to the project root, and `../` leads out of it")
    if "{" in pattern or "}" in pattern:
        expanded = expand_braces(pattern)
        if len(expanded) > 1 or expanded != [pattern]:
            return re.compile("|".join(f"(?:{compile_glob(e).pattern})" for e in expanded))
    anchored = "/" in pattern.rstrip("/")
    body = pattern.strip("/") if anchored else pattern.rstrip("/")
    if pattern.endswith("/"):  # a folder, and everything in it
        body += "/**"
    parts: list[str] = []
    i = 0
    while i < len(body):
        char = body[i]
        if body.startswith("**/", i):
            parts.append("(?:[^/]+/)*")
            i += 3
        elif body.startswith("**", i):
            if body[i + 2 : i + 3] not in ("", "/") or (i and body[i - 1] != "/"):
                raise GlobError("`**` must be a whole path segment")
            parts.append(".*")
            i += 2
        elif char == "*":
            parts.append("[^/]*")
            i += 1
        elif char == "?":
            parts.append("[^/]")
            i += 1
        elif char == "[":
            end = body.find("]", i + 2 if body[i + 1 : i + 2] in ("!", "^", "]") else i + 1)
            if end < 0:
                raise GlobError("unclosed `[`")
            inner = body[i + 1 : end]
            if inner[:1] in ("!", "^"):
                inner = "^" + inner[1:]
            parts.append("[" + inner.replace("\\", "\\\\") + "]")
            i = end + 1
        else:
            parts.append(re.escape(_LITERAL.get(char, char)))
            i += 1
    prefix = "" if anchored else "(?:.*/)?"
    try:
        return re.compile(prefix + "".join(parts))
    except re.error as exc:
        raise GlobError(str(exc)) from None


def _backslashes(pattern: str) -> str:
    """The backslashes of ``pattern`` read as this system's globs read them: separators on
    Windows, escapes (each escaped character a stand-in matched literally) elsewhere."""
    if BACKSLASH_SEPARATES:
        return pattern.replace("\\", "/")
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] != "\\":
            out.append(pattern[i])
            i += 1
            continue
        escaped = pattern[i + 1 : i + 2]
        if escaped not in _STAND_IN:
            fixed = pattern.replace("\\", "/")
            raise GlobError(
                f"a backslash escapes a glob character here (`\\*` is a literal `*`), not"
                f" `{escaped or 'the end'}`: folders are separated by `/` (`{fixed}`)"
            )
        out.append(_STAND_IN[escaped])
        i += 2
    return "".join(out)


def matches(pattern: str, relative_posix: str) -> bool:
    return compile_glob(pattern).fullmatch(relative_posix) is not None


def matches_any(patterns: tuple[str, ...], relative_posix: str) -> bool:
    return any(matches(p, relative_posix) for p in patterns)


def unmatched(patterns: tuple[str, ...], relative_posixes: list[str]) -> list[str]:
    """The patterns that match none of the paths (each stops at its first match)."""
    return [p for p in patterns if not any(map(compile_glob(p).fullmatch, relative_posixes))]
