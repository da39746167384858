"""Find ``<img>`` and ``<a href>`` tags and comments in an HTML fragment, with their offsets.

CPython's ``html.parser`` is quadratic on unclosed constructs: it searches the rest of the
input for the end of every ``<a ``, ``<!--``, ``<?`` or quoted attribute that never ends
(64 KB of ``<a `` took 69 s). So one left-to-right pass here finds only the constructs yeplint
reads (comments, ``<img>`` tags, and the raw-text elements ``<script>``/``<style>`` whose
content is not HTML), each end searched once from where the pass stands: when an end is
missing, nothing after it can be complete either, and the pass stops. Each ``<img>`` tag
found is then handed alone to ``html.parser`` for its attributes (quotes, entities), so the
whole costs time linear in the fragment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True, slots=True)
class Found:
    offset: int
    length: int
    src: str | None = None
    alt: str | None = None
    text: str = ""
    decorative: bool = False
    """Marked as decorative: ``aria-hidden="true"`` or ``role="presentation"``/``"none"``."""


_NEXT = re.compile(r"<!--|<(img|a|script|style)(?=[\s/>])", re.IGNORECASE)
_TAG_END = re.compile(r"""[^"'>]*(?:(?:"[^"]*"|'[^']*')[^"'>]*)*>""")


class _Attributes(HTMLParser):
    """The attributes of one start tag."""

    def __init__(self, tag: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attrs: dict[str, str | None] = {}
        try:
            self.feed(tag)
            self.close()
        except AssertionError:  # CPython 3.11's _markupbase asserts on some declarations
            pass

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self.attrs:
            self.attrs = dict(attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def _comment_end(html: str, start: int) -> int:
    """Where the comment opened at ``start`` ends (exclusive), -1 if never: ``<!-->`` and
    ``<!--->`` are complete (empty) comments, as in HTML and CommonMark 0.31."""
    if html.startswith(">", start + 4):
        return start + 5
    if html.startswith("->", start + 4):
        return start + 6
    end = html.find("-->", start + 4)
    return end + 3 if end >= 0 else -1


class HtmlScanner:
    """Finds ``<img>`` tags and comments in an HTML fragment, with their offsets."""

    def __init__(self, html: str) -> None:
        self.images: list[Found] = []
        self.links: list[Found] = []
        """``<a href>`` start tags (``src`` holds the ``href``)."""
        self.comments: list[Found] = []
        position = 0
        while True:
            match = _NEXT.search(html, position)
            if match is None:
                return
            start = match.start()
            if match.group() == "<!--":
                stop = _comment_end(html, start)
                if stop < 0:
                    return  # the rest is comment text (CommonMark's HTML block type 2)
                text = html[start + 4 : max(stop - 3, start + 4)]
                self.comments.append(Found(start, stop - start, text=text))
                position = stop
                continue
            tag_end = _TAG_END.match(html, match.end())
            if tag_end is None:
                return  # an unclosed tag or quote runs to the end
            name = match.group(1).lower()
            if name == "a":
                tag = html[start : tag_end.end()]
                href = _Attributes(tag).attrs.get("href")
                if href is not None:
                    self.links.append(Found(start, len(tag), src=href))
                position = tag_end.end()
                continue
            if name == "img":
                tag = html[start : tag_end.end()]
                attrs = _Attributes(tag).attrs
                hidden = (attrs.get("aria-hidden") or "").strip().lower() == "true"
                role = (attrs.get("role") or "").strip().lower()
                self.images.append(
                    Found(
                        start,
                        len(tag),
                        src=attrs.get("src"),
                        alt=attrs.get("alt"),
                        decorative=hidden or role in ("presentation", "none"),
                    )
                )
                position = tag_end.end()
                continue
            close = re.compile(rf"</{name}\s*>", re.IGNORECASE).search(html, tag_end.end())
            if close is None:
                return  # raw text to the end
            position = close.end()
