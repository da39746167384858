"""Find ``<img>`` tags and comments in an HTML fragment, with their offsets (html.parser)."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser


@dataclass(frozen=True, slots=True)
class Found:
    offset: int
    length: int
    src: str | None = None
    alt: str | None = None
    text: str = ""


class HtmlScanner(HTMLParser):
    """Finds ``<img>`` tags and comments in an HTML fragment, with their offsets."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.html = html
        self.line_starts = [0]
        for i, char in enumerate(html):
            if char == "\n":
                self.line_starts.append(i + 1)
        self.images: list[Found] = []
        self.comments: list[Found] = []
        try:
            self.feed(html)
            self.close()
        except AssertionError:
            # CPython 3.11's _markupbase asserts on some malformed declarations (`<![!--`);
            # what was found before that point stands.
            pass

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        values = dict(attrs)
        raw = self.get_starttag_text() or ""
        self.images.append(
            Found(self._offset(), len(raw), src=values.get("src"), alt=values.get("alt"))
        )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        offset = self._offset()
        end = self.html.find("-->", offset)
        length = (end + 3 - offset) if end >= 0 else len(data) + 4
        self.comments.append(Found(offset, length, text=data))
