"""What two or more heading rules share: the patterns, the options and the helpers."""

from __future__ import annotations

from yeplint.document.markdown import Heading
from yeplint.document.post import Post
from yeplint.locale.messages import Message, msg
from yeplint.rules.context import Context


def _has_title(post: Post, ctx: Context) -> bool:
    data = post.data or {}
    title = data.get(ctx.settings.title_field)
    return isinstance(title, str) and bool(title.strip())


def _source_column(post: Post, line: int, needle: str) -> int:
    text = post.lines[line - 1] if 0 < line <= len(post.lines) else ""
    return max(text.find(needle), 0) + 1


def _atx(heading: Heading) -> bool:
    return not heading.setext


_SPACES = {
    "\t": msg("a tab"),
    "\u00a0": msg("a no-break space"),
    "\u202f": msg("a narrow no-break space"),
    "\u2002": msg("an en space"),
    "\u2003": msg("an em space"),
    "\u2009": msg("a thin space"),
    "\u200a": msg("a hair space"),
    "\u3000": msg("an ideographic space"),
}
"""The spaces writers paste from word processors, named in each language."""


def _character(char: str) -> Message:
    """An invisible character by name: ``a no-break space (U+00A0)``."""
    import unicodedata

    code = f"{ord(char):04X}"
    if char in _SPACES:
        return msg("{space} (U+{code})", space=_SPACES[char], code=code)
    name = unicodedata.name(char, "").lower()
    if not name:
        return msg("an invisible character (U+{code})", code=code)
    if name[:1] in "aeiou":
        return msg("an {name} (U+{code})", name=name, code=code)
    return msg("a {name} (U+{code})", name=name, code=code)
