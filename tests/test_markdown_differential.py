"""yeplint's Markdown model (pulldown-cmark through pyromark) against markdown-it-py.

markdown-it-py, yeplint's parser before, stays as a test-only oracle (tests/markdown_oracle.py
builds the same :class:`~yeplint.document.markdown.Body` from its tokens). Both follow CommonMark
0.31.2;
on the CommonMark spec's 652 examples, every fixture, the shared corpus and a generated corpus
the two must find the same headings, paragraphs, images, links and comments at the same
positions. The oracle runs with tables, the extension yeplint had; the extensions added since
(footnotes, strikethrough, task lists, heading attributes) are compared separately below.
Every known difference is listed in ``KNOWN`` with its reason.
"""

from __future__ import annotations

import json
import os
import random
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pyromark
import pytest

from tests import markdown_oracle
from tests.conftest import FIXTURES, SHARED_SITE
from yeplint.document import markdown
from yeplint.document.post import load_text

SPEC = Path(__file__).parent / "data" / "commonmark-spec-0.31.2.json"
CORPUS = SHARED_SITE.parent if SHARED_SITE is not None else None
ORACLE_OPTIONS = pyromark.Options.ENABLE_TABLES

KNOWN: dict[int, str] = {}
"""Spec examples where the two models differ, by number, with the reason."""


def _facts(body: markdown.Body) -> dict[str, list[Any]]:
    return {
        "headings": [(h.level, h.text, h.span, h.setext, h.indent) for h in body.headings],
        "paragraphs": [
            (
                p.span,
                p.lines,
                p.emphasis_only,
                p.text,
                p.plain_starts,
                p.tight,
                p.first_line_alone,
                p.containers,
            )
            for p in body.paragraphs
        ],
        "images": [(i.target, i.alt, i.span, i.kind, i.decorative) for i in body.images],
        "links": [  # markdown-it percent-encodes a definition's destination, then decoded
            (
                unquote(link.target) if link.kind == "reference" else link.target,
                link.span,
                link.kind,
            )
            for link in body.links
        ],
        "comments": [(c.text, c.span) for c in body.comments],
    }


def _compare(text: str, options: pyromark.Options = ORACLE_OPTIONS) -> list[str]:
    """What differs between the two parses of ``text`` as a post body (empty: nothing)."""
    post = load_text(Path("x.md"), "x.md", text.encode("utf-8"))
    start = post.body_start_line - 1
    lines = post.lines[start:]
    ours = _facts(markdown.parse_body(lines, start, options))
    theirs = _facts(markdown_oracle.parse_body(lines, start))
    return [
        f"{kind}: ours {ours[kind]!r} oracle {theirs[kind]!r}"
        for kind in ours
        if ours[kind] != theirs[kind]
    ]


def _spec() -> list[dict[str, Any]]:
    return list(json.loads(SPEC.read_text(encoding="utf-8"))["examples"])


def test_the_spec_has_all_its_examples() -> None:
    assert len(_spec()) == 652


@pytest.mark.parametrize("example", _spec(), ids=lambda e: f"{e['example']}")
def test_commonmark_spec_examples(example: dict[str, Any]) -> None:
    differences = _compare(example["markdown"])
    if example["example"] in KNOWN:
        assert differences, f"example {example['example']} agrees now: drop it from KNOWN"
        return
    assert not differences, f"example {example['example']} ({example['section']}): {differences}"


def _posts(folder: Path | None) -> list[Path]:
    if folder is None or not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".markdown", ".mdx"))


def test_every_fixture_agrees() -> None:
    failures = {}
    for path in _posts(FIXTURES):
        differences = _compare(path.read_bytes().decode("utf-8", "replace"))
        if differences:
            failures[str(path.relative_to(FIXTURES))] = differences
    assert not failures, failures


def test_the_shared_corpus_agrees() -> None:
    posts = _posts(CORPUS)
    if not posts:
        pytest.skip("../shared/corpus is not here")
    failures = {}
    for path in posts:
        differences = _compare(path.read_bytes().decode("utf-8", "replace"))
        if differences:
            failures[str(path.relative_to(CORPUS))] = differences[:2]
    assert not failures, failures


_BLOCKS = [
    "# Kop {n}",
    "##Kop {n}",
    "## Kop ## ",
    "Titel {n}\n=====",
    "Titel\nover twee regels\n---",
    "Een alinea met *nadruk*, `code` en een [link](/pagina-{n}/ 'titel').",
    "Regel een\nregel twee met ![foto {n}](/img/foto-{n}.jpg)\n  ##Kop op regel drie",
    "**Vet als kop**",
    '> Citaat met ![alt](a{n}.png)\n> en <img src="b{n}.png" alt="">\nluie regel',
    "> > ##Dubbel\n> > citaat",
    "- punt een\n- punt ![x][ref{n}]\n  - genest [ref{n}][]\n- punt [drie]",
    "1. een\n2. twee\n\n   alinea in item\n3) ander",
    "* ## kop in item\n*  ##Kop in item",
    "| a | b |\n|---|---|\n| ![c](c{n}.png) | <https://example.org/{n}> |",
    "<!-- yeplint-disable YEP201 -->",
    '<div>\n<img src="html{n}.png">\n\n</div>',
    "```\n# geen kop\n![geen](beeld.png)\n```",
    "    ingesprongen code\n    ##geen",
    "Tekst met <span>inline</span> en <!-- een\nopmerking --> erna",
    "Harde  \nregelbreuk\\\nen meer",
    "Tab\tin\ttekst met ![tab\tbeeld](t.png)",
    "Ünïcödé tekst — “aanhalingen” ![Beeld ✓](/img/ë{n}.png) 日本語",
    '[ref{n}]: /img/ref-{n}.png "Titel"',
    "[drie]: <https://example.org/met spatie>",
    "`code over\ntwee regels` ##Kop",
    "[link over\ntwee regels](/x)\n##Kop",
    "![alt *met* **nadruk** en `code`](/img/a.png)",
    "***",
    "Tekst\n***\nmeer",
    "&copy; &#35;Kop \\##Kop",
    "<https://example.org> en <mail@example.org>",
    "#\n\n# #\n\n###### Zes\n\n####### Zeven",
]


def _generated(seed: int) -> str:
    rng = random.Random(seed)
    blocks = [rng.choice(_BLOCKS).format(n=rng.randrange(100)) for _ in range(rng.randrange(1, 8))]
    separators = ["\n\n", "\n", "\n\n\n"]
    text = blocks[0]
    for before, block in pairwise(blocks):
        # a definition then an indented line: see test_a_definition_then_an_indented_line
        text += ("\n\n" if before.startswith("[") else rng.choice(separators)) + block
    if rng.random() < 0.3:
        text = "---\ntitle: Gegenereerd\n---\n" + text
    if rng.random() < 0.2:
        text = text.replace("\n", "\r\n")
    if rng.random() < 0.2:
        prefix = rng.choice(["> ", "- ", "  ", "1. "])
        text = "\n".join(prefix + line if line else line for line in text.split("\n"))
    return text + rng.choice(["", "\n"])


def test_a_generated_corpus_agrees() -> None:
    count = int(os.environ.get("YEPLINT_MARKDOWN_CORPUS", "5000"))
    failures = {}
    for seed in range(count):
        text = _generated(seed)
        differences = _compare(text)
        if differences:
            failures[seed] = (text, differences[:1])
        if len(failures) >= 3:
            break
    assert not failures, failures


def test_extensions_differ_only_where_their_syntax_is() -> None:
    """With yeplint's extensions on, a body differs from the oracle's only in blocks that use
    an extension's syntax: a footnote, a heading attribute block, ``~~``, a task box."""
    samples = [_generated(seed) for seed in range(300)]
    samples += [p.read_bytes().decode("utf-8", "replace") for p in _posts(FIXTURES)]
    signs = ("[^", "{", "~~", "[ ]", "[x]", "[X]")
    for text in samples:
        for difference in _compare(text, markdown.OPTIONS):
            assert any(sign in difference for sign in signs), (text, difference)


def test_extension_examples() -> None:
    body = markdown.parse_body(
        [
            "## Kop {#anker}",
            "",
            "Tekst[^1] met ~~doorgehaald~~.",
            "",
            "- [ ] taak ![t](t.png)",
            "",
            "[^1]: Voetnoot ![v](v.png)",
        ],
        0,
    )
    assert [(h.text, h.anchor) for h in body.headings] == [("Kop", "anker")]
    assert [i.target for i in body.images] == ["t.png", "v.png"]
    assert [p.text for p in body.paragraphs] == [
        "Tekst[^1] met ~~doorgehaald~~.",
        "[ ] taak ![t](t.png)",
        "Voetnoot ![v](v.png)",
    ]


def test_byte_ranges_become_character_columns() -> None:
    """pulldown-cmark's ranges are UTF-8 bytes; columns count characters."""
    body = markdown.parse_body(["ëëë ![a](b.png) 日本 ![c](d.png)"], 4)
    assert [(i.span.line, i.span.column, i.span.end_column) for i in body.images] == [
        (5, 5, 16),
        (5, 20, 31),
    ]


def test_a_collapsed_reference_ends_after_its_brackets() -> None:
    body = markdown.parse_body(["x ![ref][] y", "", "[ref]: /r.png"], 0)
    assert [(i.target, i.span.column, i.span.end_column) for i in body.images] == [
        ("/r.png", 3, 11)
    ]


def test_a_definition_then_an_indented_line() -> None:
    """The one known difference: after a link reference definition, a line indented four
    spaces continues the paragraph the definition opened (cmark and pulldown-cmark), where
    markdown-it-py starts an indented code block."""
    lines = ["[ref]: /r.png", "    vervolg", "    ##Kop"]
    ours = markdown.parse_body(lines, 0, ORACLE_OPTIONS)
    assert [p.lines for p in ours.paragraphs] == [("vervolg", "    ##Kop")]
    assert markdown_oracle.parse_body(lines, 0).paragraphs == []
