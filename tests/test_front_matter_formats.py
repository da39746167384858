"""TOML (``+++``) and JSON (``{ … }``) front matter: read when the site does, validated against
the collection's schema, every key and value located like YAML's."""

from __future__ import annotations

import tomllib
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import SHARED_SITE, lint_paths
from yeplint.config.settings import Collection, Settings
from yeplint.document.front_matter.toml import json_ready
from yeplint.document.post import load_text

SCHEMA = (
    '{"type": "object", "required": ["title", "weight"], "additionalProperties": false,'
    ' "properties": {"title": {"type": "string"}, "weight": {"type": "integer"},'
    ' "date": {"type": "string", "format": "date"},'
    ' "tags": {"type": "array", "items": {"enum": ["go", "web"]}},'
    ' "extra": {"type": "object", "properties": {"image": {"type": "string"}}}}}'
)


def site(tmp_path: Path, formats: tuple[str, ...]) -> Settings:
    (tmp_path / "page.schema.json").write_text(SCHEMA, encoding="utf-8")
    collection = Collection("docs", ("docs/**",), "page.schema.json", tmp_path)
    return replace(Settings(), root=tmp_path, collections=(collection,), front_matter=formats)


def findings(
    tmp_path: Path, text: str, formats: tuple[str, ...]
) -> list[tuple[int, int, str, str]]:
    page = tmp_path / "docs" / "a.md"
    page.parent.mkdir(exist_ok=True)
    page.write_text(text, encoding="utf-8")
    found = lint_paths([page], tmp_path, settings=site(tmp_path, formats))
    return [(d.line, d.column, d.code, d.message) for d in found if d.code.startswith("YEP")]


TOML_PAGE = (
    "+++\n"
    'title = "Netwerken"\n'
    'weight = "3"\n'
    'tags = ["go", "rust"]\n'
    'Titel = "x"\n'
    "[extra]\n"
    "image = 5\n"
    "+++\n"
    "\n"
    "Text.\n"
)


def test_toml_front_matter_is_validated_at_exact_positions(tmp_path: Path) -> None:
    got = findings(tmp_path, TOML_PAGE, ("yaml", "toml"))
    assert got == [
        (3, 10, "YEP101", "`weight` must be an integer, not a string"),
        (4, 15, "YEP104", "`rust` is not an allowed value for `tags[1]`"),
        (5, 1, "YEP103", "unknown key `Titel`"),
        (7, 9, "YEP101", "`extra.image` must be a string, not an integer"),
    ]


def test_a_missing_key_in_toml_points_at_the_closing_fence(tmp_path: Path) -> None:
    got = findings(tmp_path, '+++\ntitle = "x"\n+++\n', ("toml",))
    assert got == [(3, 1, "YEP102", "missing required key `weight`")]


def test_json_front_matter_is_validated_at_exact_positions(tmp_path: Path) -> None:
    text = '{\n  "title": "Netwerken",\n  "weight": 1,\n  "tags": ["web", "css"]\n}\n\nText.\n'
    got = findings(tmp_path, text, ("yaml", "json"))
    assert got == [(4, 19, "YEP104", "`css` is not an allowed value for `tags[1]`")]


def test_a_format_the_site_does_not_read_is_reported(tmp_path: Path) -> None:
    got = findings(tmp_path, TOML_PAGE, ("yaml",))
    assert [(line, code) for line, _, code, _ in got] == [(1, "YEP006")]
    got = findings(tmp_path, "---\ntitle: x\nweight: 1\n---\n", ("toml",))
    assert [(line, code) for line, _, code, _ in got] == [(1, "YEP006")]


def test_no_fix_edits_toml_values(tmp_path: Path) -> None:
    page = tmp_path / "docs" / "a.md"
    page.parent.mkdir()
    page.write_text('+++\ntitle = "x"\nweight = 1\ndate = "2018-3-26"\n+++\n', encoding="utf-8")
    found = lint_paths([page], tmp_path, settings=site(tmp_path, ("toml",)))
    assert [(d.code, d.fix) for d in found] == [("YEP105", None)]


def test_toml_syntax_error_has_a_line_and_column(tmp_path: Path) -> None:
    got = findings(tmp_path, "+++\ntitle = Netwerken\n+++\n", ("toml",))
    assert got == [(2, 9, "YEP017", "invalid TOML: invalid value")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            '{\n  "title": "x",\n  "weight": 1,\n}\n\n##Kop\n',
            [(4, 1, "YEP017", "invalid JSON: expecting property name enclosed in double quotes")],
        ),
        # the body starts after the `}` that closes the object, strings skipped
        (
            '{\n  "title": "a } b"\n  "weight": 1\n}\n\n##Kop\n',
            [(3, 3, "YEP017", "invalid JSON: expecting ',' delimiter")],
        ),
        (
            "{Concept} tekst\n",
            [(1, 2, "YEP017", "invalid JSON: expecting property name enclosed in double quotes")],
        ),
        (
            '{\r  "title": "x"\r  "weight": 1\r}\r',
            [(3, 3, "YEP017", "invalid JSON: expecting ',' delimiter")],
        ),
    ],
    ids=["trailing-comma", "brace-in-string", "text", "cr-only"],
)
def test_broken_json_front_matter_is_reported(
    tmp_path: Path, text: str, expected: list[tuple[int, int, str, str]]
) -> None:
    """Found probing broken front matter: in a site reading JSON front matter (Hugo reads any page
    that starts with `{` as such, and stops on a bad one) it got no finding at all, and the JSON
    was linted as Markdown."""
    got = findings(tmp_path, text, ("yaml", "json"))
    assert [g for g in got if g[2] != "YEP201"] == expected
    assert [g[:3] for g in got if g[2] == "YEP201"] == (
        [(6, 1, "YEP201")] if "##Kop" in text else []
    )
    assert "YEP017" not in {g[2] for g in findings(tmp_path, text, ("yaml",))}  # not JSON here


def located_everywhere(text: bytes) -> None:
    post = load_text(Path("x.md"), "x.md", text, ("yaml", "toml", "json"))
    fm = post.front_matter
    assert fm is not None and fm.ok
    source = post.text.split("+++\n")[1]
    assert fm.data == json_ready(tomllib.loads(source))

    def walk(value: object, path: tuple[str | int, ...]) -> None:
        if path:
            assert path in fm.value_spans, path
            if not isinstance(path[-1], int) or isinstance(value, dict):
                assert path in fm.key_spans, path
            span = fm.value_spans[path]
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                line = post.lines[span.line - 1]
                written = (
                    line[span.column - 1 : span.end_column - 1]
                    if span.line == span.end_line
                    else ""
                )
                if isinstance(value, str) and written and written[0] in "\"'":
                    assert written.strip("\"'") == value or "\\" in written, (path, written)
        if isinstance(value, dict):
            for key, item in value.items():
                walk(item, (*path, key))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, (*path, index))

    walk(fm.data, ())


@pytest.mark.parametrize(
    "source",
    [
        'a = 1\nb = "two"\nc = [1, 2, [3, 4]]\nd = { e = "f", g = [5] }\n',
        "\"quoted key\" = 1\n'literal' = 'x'\na.b.c = true\n",
        '[t]\nx = 1\n[t.u]\ny = """\nmulti "quoted"\nline"""\n[[arr]]\nz = 1\n[[arr]]\nz = 2\n',
        "when = 2024-02-01T09:00:00Z\nday = 2024-02-01\nt = 07:30:00\nf = 3.5e2\n",
        "list = [\n  \"a\", # one\n  \"b\",\n]\nesc = \"a\\\"b\"\nlit = '''x'y'''\n",
    ],
)
def test_every_toml_key_and_value_is_located(source: str) -> None:
    located_everywhere(f"+++\n{source}+++\n".encode())


def test_every_key_of_the_zola_site_is_located() -> None:
    content = SHARED_SITE.parent / "zola-docs" / "docs" / "content"
    if not content.is_dir():
        pytest.skip("../shared/corpus/zola-docs is not present")
    pages = [p for p in content.rglob("*.md") if p.read_bytes().startswith(b"+++")]
    assert len(pages) > 40
    for page in pages:
        located_everywhere(page.read_bytes().replace(b"\r\n", b"\n"))
