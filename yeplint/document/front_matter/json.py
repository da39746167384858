"""JSON front matter (a page that opens with ``{``): the object is parsed by the standard
library, and its keys and values located by the TOML scanner, whose inline values are written
the way JSON writes them."""

from __future__ import annotations

from yeplint.diagnostics import Span
from yeplint.document.front_matter.located import FrontMatter
from yeplint.document.front_matter.toml import _Scanner
from yeplint.document.source import Problem


def parse_json(
    text: str, start: int, end: int, fence: Span, line_offset: int
) -> tuple[FrontMatter, list[Problem]]:
    """Locate the keys and values of the JSON object ``text[start:end]`` (already parsed)."""
    import json

    fm = FrontMatter(fence=fence, close_line=None, editable=False)
    fm.data = json.loads(text[start:end])
    fm.ok = True
    scanner = _Scanner(text[:end], 0, fm)
    scanner.pos = start
    scanner.value(())
    del fm.value_spans[()]
    fm.close_line = scanner.span(end - 1, end).line
    return fm, []
