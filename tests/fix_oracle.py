"""An oracle for ``--fix`` independent of yeplint's own structure comparison: markdown-it-py's
rendered HTML of a page before and after its fixes, and a generator of pages full of traps.

:func:`unexplained` renders both bodies to HTML, maps every heading that exists only after the
fix back to the paragraph text it came from (hashes, a space, the text), removes ``src``
values of changed images, and requires the two to be equal; it also requires every new
heading's text to be one the page meant as a heading.
"""

from __future__ import annotations

import random
import re

from markdown_it import MarkdownIt

_MD = MarkdownIt("commonmark").enable("table")
_HEADING = re.compile(r"<h([1-6])>(.*?)</h\1>\n", re.S)
_SRC = re.compile(r'src="[^"]*"')

MEANT = "Doel"
"""Every heading the generated pages mean to write (``##Doel…``) starts with this word."""


def body(text: str) -> str:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end >= 0:
            return text[end + 5 :]
    return text


def render(text: str) -> str:
    return str(_MD.render(body(text)))


def _flatten(html: str) -> str:
    """Block boundaries that a heading fix legitimately moves, made invisible: paragraph and
    tight-list wrappers and line breaks."""
    html = _SRC.sub('src=""', html)
    html = re.sub(r"[ \t]*#+(?=\n|</p>)", "", html)  # closing hashes the fix dropped
    return re.sub(r"</?p>|\n", "", html)


def _as_written(match: re.Match[str]) -> str:
    """A heading as the hashes and text a writer would type; a setext heading whose text
    already shows hashes (`##Kop` over `---`) is that text."""
    level, text = match.groups()
    return text if text.startswith("#") else "#" * int(level) + text


def unexplained(before: str, after: str, meant: str = MEANT) -> str | None:
    """``None`` when ``after`` renders like ``before`` except for new headings that start with
    ``meant`` and changed image ``src``; else what differs."""
    old, new = render(before), render(after)
    if old == new:
        return None
    old_headings = _HEADING.findall(old)
    added = list(_HEADING.finditer(new))
    for match in added:
        level, text = match.groups()
        if (level, text) in old_headings:
            old_headings.remove((level, text))
            continue
        if not text.startswith(meant):
            return f"a new heading `{text}` that no page meant"
    mapped, unmapped = _HEADING.sub(_as_written, new), _HEADING.sub(_as_written, old)
    a, b = _flatten(unmapped), _flatten(mapped)
    if a == b:
        return None
    at = next(
        (k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )
    start = max(at - 40, 0)
    return f"rendered HTML differs: {a[start : at + 40]!r} vs {b[start : at + 40]!r}"


TRAPS = [
    "{% highlight ruby %}\n#=> 42\n#   attr_accessor :name\n#!/usr/bin/env ruby\n#comment\n"
    "{% endhighlight %}\n",
    "{{< highlight go >}}\n#include <stdio.h>\n#define X 1\n{{< /highlight >}}\n",
    "{% comment %}\n#Draft notes\n{% endcomment %}\n",
    "```ruby\n#=> 42\n#!/usr/bin/env ruby\n```\n",
    "~~~\n#Kop in code\n~~~\n",
    "    #indented code\n    #=> 1\n",
    "Zie issue\n#16197]](https://example.com/issues) voor meer.\n",
    "Gebruik `puts\n#{name}` in Ruby.\n",
    "Een code span `a\n#=> b` loopt door.\n",
    "#!/usr/bin/env ruby\n",
    "#=> 42\n",
    "#{name} is een interpolatie\n",
    "#16197 is het nummer\n",
    "#\ufe0f\u20e3 keycap\n",
    "Volg ons\n#yeptrainingen voor nieuws\n",
    "[een link die\n#doorloopt](https://example.com)\n",
    "<span>html\n#binnen</span>\n",
    "> Citaat\n##Lazy voortzetting\n",
    "- item\n##Lazy in lijst\n",
    "Tekst\n##Midden in alinea\nmeer tekst\n",
    "##Doelkop *met nadruk\nover twee regels*\n",
    "##Doelkop `code\nover twee` regels\n",
    "##Doellijst\n2) geen lijst\n",
    "##Doelcode\n    vier spaties\n",
    "##Doelref\n[ref]: /x.png\nrest\n",
    "<!-- ##Commentaar -->\n",
    "<div>\n##In HTML-blok\n</div>\n",
    "| a | b |\n|---|---|\n| #x | ##y |\n",
    "Emoji 🎉\n#️⃣ en ❤️\n",
    "\\##Ontsnapt\n",
    "&#35;#Entiteit\n",
    "# Echte kop\n",
    "Setext\n===\n",
    "##Doel setext\n---\n",
]
"""Lines that start with ``#`` but are no heading attempt, and constructs around them."""

MEANT_PIECES = [
    "##Doel van de training\n",
    "###Doelgroep\n",
    "##Doelen##\n",
    "##Doel van alles\nEn de tekst eronder.\n",
    "- ##Doel in lijst\n- tweede\n",
    "> ##Doel in citaat\n",
    "##   Doel met spaties\n",
    "## Doel met sluiting ###\n",
    "1. ##Doel genummerd\n",
]
"""Headings written without the space (or with extra spaces): what ``--fix`` should repair."""

FILLER = [
    "Gewone tekst met *nadruk* en **vet**.\n",
    "![Foto](./foto.jpg)\n",
    "Een [link](https://example.com) en `code`.\n",
    "- een\n- twee\n",
    "> Een citaat.\n",
    "<!-- een commentaar -->\n",
    "Regel met twee spaties  \nhard break.\n",
    "\t#tab ervoor\n",
]


def generate(seed: int) -> str:
    rng = random.Random(seed)
    blocks = ["---\ntitle: Pagina\n---\n"]
    for _ in range(rng.randint(3, 12)):
        kind = rng.random()
        source = TRAPS if kind < 0.55 else MEANT_PIECES if kind < 0.75 else FILLER
        piece = rng.choice(source)
        if rng.random() < 0.1:
            piece = piece.replace("\n", "\r\n")
        blocks.append(piece)
    separator = "\n" if rng.random() < 0.85 else ""
    return separator.join(blocks)
