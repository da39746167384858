"""Positions are the product: every front matter key and value, and the body, at its true
line and column, whatever the line endings, BOM or blank lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import LintFn
from yeplint.diagnostics import Span
from yeplint.document.post import Post, load_text

POST = (
    "---\ntitle: Netwerken\ndate: 2024-11-27\ncategories:\n  - Effectiviteit\n  - Carreer\n"
    "---\n\n## Kop\n"
)


def load(text: str | bytes) -> Post:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return load_text(Path("post.md"), "post.md", data)


@pytest.mark.parametrize(
    "variant",
    [
        pytest.param(POST, id="lf"),
        pytest.param(POST.replace("\n", "\r\n"), id="crlf"),
        pytest.param(POST.replace("\n", "\r"), id="cr"),
        pytest.param("\ufeff" + POST, id="bom"),
    ],
)
def test_positions_survive_line_endings_and_bom(variant: str) -> None:
    post = load(variant)
    fm = post.front_matter
    assert fm is not None and post.data is not None
    assert post.data["date"] == "2024-11-27"  # dates stay the text the author typed
    assert fm.locate(("date",)) == Span(3, 7, 3, 17)
    assert fm.locate(("title",), key=True) == Span(2, 1, 2, 6)
    assert fm.locate(("categories", 1)) == Span(6, 5, 6, 12)
    assert post.body_start_line == 8
    assert [(h.level, h.text, h.span.line) for h in post.body.headings] == [(2, "Kop", 9)]


def test_blank_lines_inside_front_matter_keep_positions() -> None:
    post = load("---\ntitle: a\n\n\n# comment\nimg: b.jpg\n---\n")
    assert post.front_matter is not None
    assert post.front_matter.locate(("img",)) == Span(6, 6, 6, 11)


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85"])
def test_yaml_11_line_breaks_are_text_and_move_no_position(lint: LintFn, char: str) -> None:
    """PyYAML reads U+2028, U+2029 and NEL as line breaks (YAML 1.1); the file's lines and
    YAML 1.2 readers do not: the values keep them, and what follows keeps its line."""
    post = load(f'---\ntitle: "Eerste{char}regel"\nnote: a{char}b\nimg: b.jpg\n---\n')
    assert post.front_matter is not None
    assert post.data == {"title": f"Eerste{char}regel", "note": f"a{char}b", "img": "b.jpg"}
    assert post.front_matter.locate(("img",)) == Span(4, 6, 4, 11)
    (d,) = lint(f"---\nnote: a{char}b\nintro: x: y\n---\n", select=["YEP001"])
    assert (d.line, d.column) == (3, 9)


def test_yaml_error_after_blank_lines(lint: LintFn) -> None:
    text = "---\ntitle: a\n\n\n\nintro: Coachend leiderschap: de sleutel\n---\n"
    (d,) = lint(text, select=["YEP001"])
    assert (d.line, d.column) == (6, 28)
    assert d.hint == "quote the value: `intro: 'Coachend leiderschap: de sleutel'`"


def test_yaml_error_on_crlf_file_with_bom(lint: LintFn) -> None:
    text = "\ufeff---\r\ntitle: a\r\nintro: x: y\r\n---\r\n"
    (d,) = lint(text, select=["YEP001"])
    assert (d.line, d.column) == (3, 9)


def test_leading_blank_line_is_misplaced_front_matter_but_still_read(lint: LintFn) -> None:
    text = "\n\n---\ntitle: Netwerken\ndate: 2018-3-26\n---\n"
    diagnostics = lint(text, select=["YEP005", "YEP105"])
    assert [(d.code, d.line, d.column) for d in diagnostics] == [
        ("YEP005", 3, 1),
        ("YEP105", 5, 7),
    ]


def test_schema_error_on_nested_list_item(lint: LintFn) -> None:
    text = "---\ncategories:\n  - Effectiviteit\n  - Carreer\n---\n"
    (d,) = lint(text, select=["YEP104"])
    assert (d.line, d.column, d.end_column) == (4, 5, 12)
    assert d.message == "`Carreer` is not an allowed value for `categories[1]`"


def test_missing_key_points_at_closing_fence(lint: LintFn) -> None:
    text = "---\nname: Anna\n\n---\n\nTekst.\n"
    (d,) = lint(text, name="team/anna.nl.md", select=["YEP102"])
    assert (d.line, d.column) == (4, 1)
    assert d.message == "missing required key `volgnummer`"


def test_image_positions_in_containers_and_crlf() -> None:
    body = (
        "---\ntitle: x\n---\n"
        "- item ![a](one.jpg)\n"
        "> quote\n> ![b](two.jpg)\n"
        "\n| k |\n| - |\n| x ![c](three.jpg) |\n"
        "\nText <img alt='d' src='four.jpg'> end\n"
    )
    for text in (body, body.replace("\n", "\r\n")):
        post = load(text)
        found = [(i.target, i.span.line, i.span.column, i.kind) for i in post.body.images]
        assert found == [
            ("one.jpg", 4, 8, "markdown"),
            ("two.jpg", 6, 3, "markdown"),
            ("three.jpg", 10, 5, "markdown"),
            ("four.jpg", 12, 6, "html"),
        ]


def test_body_headings_atx_and_setext() -> None:
    post = load("Titel\n=====\n\n## Kop ##\n\n    # code\n\n```\n# fenced\n```\n")
    heads = [(h.level, h.text, h.span.line, h.setext) for h in post.body.headings]
    assert heads == [(1, "Titel", 1, True), (2, "Kop", 4, False)]


def test_no_front_matter_body_starts_at_line_one() -> None:
    post = load("# Kop\n")
    assert post.front_matter is None
    assert post.body_start_line == 1


def test_empty_and_whitespace_files() -> None:
    for text in ("", "\n\n  \n"):
        post = load(text)
        assert post.front_matter is None
        assert post.body.headings == []


def test_block_value_span_ends_on_its_last_line() -> None:
    post = load("---\nintro: |\n  regel een\n  regel twee\ntitle: x\n---\n")
    assert post.front_matter is not None
    assert post.front_matter.locate(("intro",)) == Span(2, 8, 4, 13)
