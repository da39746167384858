"""A heading's text as a generator's heading-id code reads it: its inline Markdown rendered
to text, not the Markdown as written.

``## A [guide](https://example.org/) to *Go*`` is ``A guide to Go`` to Hugo, MkDocs, Jekyll's
GFM parser, VitePress and github-slugger alike: a link keeps its text, emphasis and code spans
their content, entities and backslash escapes are decoded, inline HTML tags are dropped. Where
they part: an image's alt text (Goldmark, Hugo's Markdown, keeps it, the others do not), and a
typographer that turns ``--`` into an en dash before the id is made (Goldmark, kramdown), which
the slug then drops where a hyphen would have stayed (``Step 1 -- install`` is
``step-1--install``). Checked against the real generators by the oracle (tests/oracle_sites).
"""

from __future__ import annotations

from collections.abc import Set
from typing import TYPE_CHECKING

import pyromark

if TYPE_CHECKING:
    from pyromark.event import BrokenLink

_MARKUP = frozenset("[*_`<!\\&~")
"""Characters without which the text as written is the text rendered (no parse needed)."""
_OPTIONS = pyromark.Options.ENABLE_STRIKETHROUGH
_AMPERSAND = "\ue000"
"""A private-use character that stands for ``&`` while entities are kept as written."""
_DASHES = (("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"))
"""The typographer's replacements that change an id (its quotes become other punctuation,
which every slug drops as it drops ``'``): em dash, en dash, ellipsis."""


def reference_labels(text: str) -> frozenset[str]:
    """The labels of a page's reference definitions (``[guide]: /guide/``), normalised."""
    return frozenset(_label(k) for k in pyromark.reference_definitions(text, options=_OPTIONS))


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def rendered_text(
    markdown: str,
    labels: Set[str] = frozenset(),
    *,
    image_alt: bool = False,
    typographer: bool = False,
    entities: bool = True,
) -> str:
    """The text of the heading whose inline content is ``markdown``, on a page whose reference
    definitions have ``labels`` (``[text][label]`` is a link there, and shows its text): with
    ``image_alt`` an image's alt text is part of it; with ``typographer`` ``---``, ``--`` and
    ``...`` outside code spans are the characters they are rendered as; without ``entities``
    an entity stays as written (VitePress: ``Tom &amp; Jerry`` is ``tom-amp-jerry``)."""
    if _MARKUP.isdisjoint(markdown):
        return _typeset(markdown) if typographer else markdown
    if not entities and "&" in markdown:
        # no entity for the parser: each `&` is a character it does not know, put back after
        shown = rendered_text(
            markdown.replace("&", _AMPERSAND), labels, image_alt=image_alt, typographer=typographer
        )
        return shown.replace(_AMPERSAND, "&")

    def defined(link: BrokenLink) -> tuple[str, str] | None:
        return ("", "") if _label(str(link["reference"])) in labels else None

    # parsed as an ATX heading, so that `1. Step` or `- x` stay text, not a list
    events = pyromark.events(
        "# " + markdown.replace("\n", " "), options=_OPTIONS, broken_link_callback=defined
    )
    parts: list[str] = []
    in_image = 0
    for event in events:
        if isinstance(event, dict):
            if "Text" in event:
                if not in_image or image_alt:
                    text = event["Text"]
                    parts.append(_typeset(text) if typographer else text)
            elif "Code" in event:
                if not in_image or image_alt:
                    parts.append(event["Code"])
            elif "Start" in event and isinstance(event["Start"], dict):
                in_image += "Image" in event["Start"]
            elif event.get("End") == "Image":
                in_image -= 1
    return "".join(parts)


def _typeset(text: str) -> str:
    for written, shown in _DASHES:
        text = text.replace(written, shown)
    return text
