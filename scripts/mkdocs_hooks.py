"""MkDocs hooks for yeplint's documentation site (``hooks:`` in mkdocs.yml).

Material breaks inline code anywhere a line is full (``word-break: break-word``) and after
every hyphen, so on a phone ``--exit-zero`` becomes ``--exit-`` / ``zero`` and a rule name
``untermina`` / ``ted-front-matter``. Each run of inline code without spaces, up to
:data:`NOBR_MAX` characters, is wrapped in ``<span class="nobr">`` (``white-space: nowrap``
in docs/stylesheets/extra.css): it breaks at its spaces only. A longer run (a long path)
may still break, rather than push the page wider than the phone.
"""

from __future__ import annotations

import re
from typing import Any

NOBR_MAX = 32
"""Longer runs without spaces may break: kept whole they would overflow a 390 px column."""

_INLINE_CODE = re.compile(r"(?<!<pre>)(?<!</span>)<code>(?P<text>[^<]*)</code>")
_RUN = re.compile(r"[^\s]+")


def _nobr(match: re.Match[str]) -> str:
    run = match.group(0)
    return f'<span class="nobr">{run}</span>' if len(run) <= NOBR_MAX else run


def keep_words_whole(html: str) -> str:
    """``html`` with each short space-free run of inline code (``<code>`` holding only text:
    never a highlighted block) kept on one line."""
    return _INLINE_CODE.sub(lambda m: "<code>" + _RUN.sub(_nobr, m.group("text")) + "</code>", html)


def on_page_content(html: str, **kwargs: Any) -> str:
    """MkDocs' hook for a page's HTML, after Markdown."""
    return keep_words_whole(html)
