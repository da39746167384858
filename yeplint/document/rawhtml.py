"""The lines of a page that Python-Markdown (MkDocs) and kramdown (Jekyll) pass through as raw
HTML: a block-level element opened at the start of a line, up to the line that closes it.

CommonMark ends an HTML block at the first blank line, so the ``## Heading`` after
``<details>`` and a blank line is a heading to GitHub, Hugo or VitePress; Python-Markdown and
kramdown (unless ``parse_block_html``) keep the whole element as it is, blank lines and all,
and the heading stays text (MkDocs' and Jekyll's builds of tests/oracle_sites). An element with
a ``markdown`` attribute (``md_in_html``, kramdown's ``markdown="1"``) holds Markdown.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from yeplint import LazyPattern

BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "center", "details", "dialog", "div", "dl"}
    | {"fieldset", "figure", "footer", "form", "header", "hgroup", "main", "nav", "noscript"}
    | {"ol", "section", "table", "ul"}
)
"""Elements both parsers take for blocks and keep raw (the ones a page wraps content in)."""
_START = LazyPattern(r" {0,3}<([A-Za-z][\w-]*)(\s[^<>]*)?>")
_MARKDOWN = LazyPattern(r"\smarkdown\s*=", re.IGNORECASE)


def raw_html_lines(lines: Sequence[str], code: Collection[int] = ()) -> frozenset[int]:
    """The 1-based lines inside such elements (``code``: the lines of code blocks, which open
    none). An element that is never closed is left out: where it ends is not certain."""
    found: set[int] = set()
    index = 0
    while index < len(lines):
        start = _START.match(lines[index]) if index + 1 not in code else None
        tag = start.group(1).lower() if start else ""
        if start is None or tag not in BLOCK_TAGS or _MARKDOWN.search(start.group(2) or ""):
            index += 1
            continue
        opening = re.compile(rf"<{tag}(?=[\s>])", re.IGNORECASE)
        closing = re.compile(rf"</{tag}\s*>", re.IGNORECASE)
        depth, end = 0, index
        while end < len(lines):
            depth += len(opening.findall(lines[end])) - len(closing.findall(lines[end]))
            if depth <= 0:
                break
            end += 1
        if end == len(lines):
            index += 1
            continue
        found.update(range(index + 1, end + 2))
        index = end + 1
    return frozenset(found)
