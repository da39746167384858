"""The Markdown walk (issue 29): each of pulldown-cmark's events is looked at once, and only
what the rules read is kept. Counted, never timed: the events a run keeps until it ends and
the byte-to-character conversions a page that is not all ASCII costs."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest

from yeplint.document import markdown
from yeplint.document.markdown import Body, parse_body


def _parse(text: str) -> Body:
    return parse_body(text.split("\n"), 0)


@pytest.fixture
def kept(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """``(name, kind)`` of every event the finished runs held."""
    found: list[tuple[str, str]] = []
    finish = markdown._Walker._finish

    def spy(self: Any, run: Any) -> None:
        found.extend((event[0], event[1]) for event in run.events)
        finish(self, run)

    monkeypatch.setattr(markdown._Walker, "_finish", spy)
    return found


def test_a_plain_paragraph_and_heading_keep_no_text_events(
    kept: list[tuple[str, str]],
) -> None:
    body = _parse("Een alinea met `code` en een [link](/a/).\nNog een regel.\n\n## De kop\n")
    assert ("Text", "") not in kept
    assert ("Code", "") in kept and ("Start", "Link") in kept
    assert [h.text for h in body.headings] == ["De kop"]
    first = "Een alinea met `code` en een [link](/a/)."
    assert body.paragraphs[0].lines == (first, "Nog een regel.")
    assert [link.target for link in body.links] == ["/a/"]


def test_text_is_kept_where_a_check_reads_it(kept: list[tuple[str, str]]) -> None:
    body = _parse("**Kop in vet**\n\nTekst met ![het *alt*](foto.jpg) erin.\n")
    assert body.paragraphs[0].emphasis_only and body.paragraphs[0].text == "Kop in vet"
    assert [image.alt for image in body.images] == ["het alt"]
    assert kept.count(("Text", "")) == 3  # the bold run's, the alt text's two


def test_a_table_without_references_is_not_converted(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _count_conversions(monkeypatch)
    _parse("| één | twee |\n| --- | --- |\n" + "| café `x` | *thé* |\n" * 50)
    assert calls == []


def test_a_page_not_all_ascii_converts_per_run_not_per_event(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls = _count_conversions(monkeypatch)
    paragraph = "\n".join("één regel met *nadruk* en `code` erin" for _ in range(50))
    body = _parse(f"# Kop één\n\n{paragraph}\n")
    assert body.paragraphs[0].span.end_line == 52
    assert body.headings[0].text == "Kop één"
    # ~400 events: before, two conversions each; now the bounds of the two runs
    assert len(calls) <= 8


def _count_conversions(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    char = markdown._Source.char

    def counted(self: Any, byte: int) -> int:
        if not self.ascii:
            calls.append(byte)
        return char(self, byte)

    monkeypatch.setattr(markdown._Source, "char", counted)
    return calls


_COUNT_IMPORT_WORK = """
import collections, dataclasses, re, sys

made = collections.Counter()
compile_, process = re.compile, dataclasses._process_class


def counted_compile(pattern, flags=0):
    made["re " + sys._getframe(1).f_globals.get("__name__", "")] += 1
    return compile_(pattern, flags)


def counted_class(cls, *args, **kwargs):
    made["dataclass " + cls.__module__] += 1
    return process(cls, *args, **kwargs)


re.compile, dataclasses._process_class = counted_compile, counted_class
from yeplint.document import markdown, mdx, templates

markdown.parse_body(["# Kop", "", "Een [link](/a/) en ![foto](b.jpg).", "", "- item"], 0)
templates.may_add_headings(["Tekst."], markdown.Body(), 0)
for key, count in sorted(made.items()):
    print(key, count)
"""


def test_a_plain_page_builds_no_template_mdx_or_mkdocs_pattern_or_record() -> None:
    """Start-up (issue 29, item 2): every run imports these modules, few pages have template
    syntax, MDX or MkDocs blocks; what only those need is built when they are met."""
    done = subprocess.run(
        [sys.executable, "-c", _COUNT_IMPORT_WORK], capture_output=True, text=True, check=True
    )
    made = dict(line.rsplit(" ", 1) for line in done.stdout.splitlines())
    for module in ("mdx", "templates"):
        assert f"re yeplint.document.{module}" not in made
        assert f"dataclass yeplint.document.{module}" not in made
    # the list, item, quote and destination patterns any page with a list, quote or link uses
    assert int(made["re yeplint.document.markdown"]) <= 4
    # the model (Heading, Paragraph, ImageRef, LinkRef, Comment, Body), not MkDocs' or tags'
    assert int(made["dataclass yeplint.document.markdown"]) <= 6


def test_paragraph_lines_are_built_when_a_rule_reads_them() -> None:
    """Most paragraphs are only looked at by their span and flags: their lines, text and line
    facts are built on first use, and then equal the record made from them at once."""
    body = _parse("Eén alinea\nover twee regels.\n\n> citaat met `code`\n> #Kop\n\n- punt één\n")
    assert all(p._lines is None for p in body.paragraphs)
    spans = [(p.span.line, p.span.end_line, p.span.end_column) for p in body.paragraphs]
    assert spans == [(1, 2, 18), (4, 5, 7), (7, 7, 11)]
    assert all(p._lines is None for p in body.paragraphs)
    # what YEP201 asks of every paragraph: only one with a `#` in a container is built for it
    assert [p.has_hash_line for p in body.paragraphs] == [False, True, False]
    assert [p._lines is None for p in body.paragraphs] == [True, False, True]
    quote = body.paragraphs[1]
    assert quote.lines == ("citaat met `code`", "#Kop")
    assert quote.plain_starts == (True, True) and quote.containers == ("blockquote",)
    eager = markdown.Paragraph(
        quote.span,
        ("citaat met `code`", "#Kop"),
        False,
        "citaat met `code`\n#Kop",
        (True, True),
        False,
        True,
        ("blockquote",),
    )
    assert quote == eager and hash(quote) == hash(eager) and repr(quote) == repr(eager)
    assert body.paragraphs[0]._lines is None
    assert body.paragraphs[0].text == "Eén alinea\nover twee regels."


@pytest.mark.parametrize(
    "text",
    [
        "Tekst\n#Kop",
        "#Kop één\nen meer",
        "Tekst met [een link](#anker) en\n  #niet aan het begin",
        "café\n#Kop",
        "café #niet\nregel",
        "> citaat\n> #Kop",
        "- punt\n  #Kop",
        "- punt #niet",
        "Tekst `code\n#binnen` code",
    ],
)
def test_has_hash_line_says_what_the_lines_say(text: str) -> None:
    for paragraph in _parse(text).paragraphs:
        known = paragraph.has_hash_line
        assert known == any(line.startswith("#") for line in paragraph.lines)


@pytest.mark.parametrize(
    ("text", "emphasis"),
    [
        ("**Kop in vet**", "Kop in vet"),
        ("**Kop in vet** <!-- opmerking -->", "Kop in vet"),
        ("_Kop cursief_ <!-- opmerking --> ", "Kop cursief"),
        ("**Kop** \\", None),
        ("**Vet** en meer", None),
        ("**Vet** en **meer**", None),
        ("**Vet**<br>", None),
        ("*één*", "één"),
        ("_a_ ", "a"),
    ],
)
def test_emphasis_only_is_looked_for_by_the_last_event_first(
    text: str, emphasis: str | None
) -> None:
    (paragraph,) = _parse(text).paragraphs
    assert paragraph.emphasis_only == (emphasis is not None)
    if emphasis is not None:
        assert paragraph.text == emphasis


def test_template_tags_are_searched_in_the_joined_lines_but_never_across_two() -> None:
    lines = ["Tekst {% if x", "%} meer", "a {% endif %} en {{< hi >}}", "{%\traw %}{% if %}"]
    found = [(t.name, t.end, t.line, t.column, t.shortcode) for t in markdown.template_tags(lines)]
    assert found == [("if", True, 2, 2, False), ("hi", False, 2, 17, True)]
    assert list(markdown.template_tags(["geen tags {{ hier }}", "of %} daar"])) == []


def test_a_table_cell_is_read_from_its_first_reference(kept: list[tuple[str, str]]) -> None:
    body = _parse("| a | b |\n| --- | --- |\n| `x` *één* ![alt **b**](i.png) [l](u) | <br> |\n")
    assert [(i.target, i.alt, i.span.column) for i in body.images] == [("i.png", "alt b", 13)]
    assert [(link.target, link.span.column) for link in body.links] == [("u", 33)]
    assert ("Code", "") not in kept and ("Start", "Emphasis") not in kept
