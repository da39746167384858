"""Text that reaches a terminal or a CI log as text, never as control sequences.

File names and the content yeplint quotes can hold escape sequences (``\\x1b[2J`` clears a
terminal, ``\\x1b]8;;…`` makes a link), line breaks (a new line in a file name would start a
free-standing GitHub ``::error`` command) and bidirectional overrides that reorder what a
reader sees. :func:`printable` shows each such character as one visible character, so code
frame columns stay aligned; tabs are kept.
"""

from __future__ import annotations

import re

from yeplint import LazyPattern

_CONTROL = LazyPattern("[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _picture(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)  # the Unicode "control pictures": ␛ for ESC, ␊ for LF
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def printable(text: str) -> str:
    return _CONTROL.sub(_picture, text) if _CONTROL.search(text) else text
