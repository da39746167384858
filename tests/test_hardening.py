"""Bad input never crashes, hangs or reads outside the root: a diagnostic with a line instead."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import LintFn, lint_paths
from yeplint.config.settings import Settings
from yeplint.diagnostics import Violation
from yeplint.document.post import Post
from yeplint.rules.context import Context


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param("---\ntitle: x\n---\n".encode("utf-16"), [("YEP002", 1)], id="utf16-bom"),
        pytest.param("---\ntitle: x\n---\n".encode("utf-16-le"), [("YEP002", 1)], id="utf16-le"),
        pytest.param(b"ok\n\xe9t\xe9\n", [("YEP002", 2)], id="latin1"),
        pytest.param(b"# a\n\x00\x01\x02", [("YEP003", 1)], id="nul-bytes"),
        pytest.param(b"", [], id="empty"),
        pytest.param(b" \n\t\n", [], id="whitespace"),
        pytest.param(b"---\ntitle: x\r\n---\r\n", [("YEP014", 2)], id="mixed-endings"),
        pytest.param(b"---\ntitle: x\n", [("YEP004", 1)], id="unterminated"),
        pytest.param(b"---\n- a\n---\n", [("YEP007", 2)], id="list"),
        pytest.param(b'---\n{"a": [1]}\n---\n', [], id="json-is-yaml"),
        pytest.param(b"+++\na = 1\n+++\n", [("YEP006", 1)], id="toml"),
        pytest.param(
            b"---\na: !!python/object/apply:os.system [ls]\n---\n", [("YEP009", 2)], id="python-tag"
        ),
        pytest.param(b"---\n? [a]\n: b\n---\n", [("YEP009", 2)], id="complex-key"),
        pytest.param(b"---\nn: " + b"9" * 5000 + b"\n---\n", [("YEP009", 2)], id="huge-int"),
        pytest.param(
            b"---\na: " + b"[" * 3000 + b"]" * 3000 + b"\n---\n", [("YEP001", 2)], id="deep-yaml"
        ),
        pytest.param(b"---\na: &a [1, *a]\n---\n", [("YEP010", 2)], id="recursive-alias"),
    ],
)
def test_hostile_content(lint: LintFn, data: bytes, expected: list[tuple[str, int]]) -> None:
    diagnostics = lint(data, name="x.md")
    assert [(d.code, d.line) for d in diagnostics] == expected


def test_alias_bomb_is_bounded(lint: LintFn) -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        prev, name = chr(ord("a") + i - 1), chr(ord("a") + i)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    diagnostics = lint("---\n" + "\n".join(levels) + "\n---\n", name="blog/x.md")
    assert ("YEP010", 2) in [(d.code, d.line) for d in diagnostics]


def test_deep_markdown_and_long_runs(lint: LintFn) -> None:
    text = ">" * 3000 + " x\n" + "- " * 2000 + "y\n" + "*" * 50_000 + "\n" + "[" * 50_000 + "\n"
    assert [d.code for d in lint(text, name="x.md") if d.code == "YEP000"] == []


@pytest.mark.parametrize(
    ("shape", "code"),
    [
        # a duplicate two-line heading is quoted in a message; cleaning it backtracked (28 s)
        (("a" + " " * 40_000 + "b\nc\n===\n\n") * 2, "YEP207"),
        ("<!--" * 60_000, None),  # html.parser: minutes at this size
        ("<div " + "<a " * 60_000 + "\n", None),
        ("<?" + "<?" * 60_000, None),
        ("<div>\n" + "<img src='x " * 20_000 + "\n", None),
        ("<div>\n" + '<img src="a.png">' * 20_000 + "\n", "YEP301"),
        # a `#` line continuing the innermost of nested items: each item's content column was
        # found again for every item inside it, twice the time per level (found by
        # bench/hostile_probe.py; 7 s at 20 levels)
        ("".join("  " * i + "- x\n" for i in range(60)) + "##Kop\n" * 50, "YEP201"),
    ],
    ids=[
        "setext-spaces",
        "comments",
        "open-tags",
        "processing",
        "open-quotes",
        "many-img",
        "nested-items",
    ],
)
def test_hostile_shapes_finish(lint: LintFn, shape: str, code: str | None) -> None:
    """Shapes that were quadratic: at these sizes the old code ran for minutes; bench/
    hostile_shapes.py prints every shape at doubling sizes."""
    found = {d.code for d in lint(shape, name="notes/page.md")}
    assert "YEP000" not in found
    if code:
        assert code in found


def test_special_files_are_never_opened(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo.md")
    (tmp_path / "loop.md").symlink_to("loop.md")
    (tmp_path / "escape.md").symlink_to("/etc/hostname")
    (tmp_path / "dir.md").mkdir()
    walked = lint_paths([tmp_path], tmp_path)
    assert walked == []
    named = lint_paths(
        [tmp_path / "fifo.md", tmp_path / "loop.md", tmp_path / "escape.md"], tmp_path
    )
    assert [(d.path, d.message) for d in named] == [
        ("escape.md", "skipped: a symlink that leaves the content root"),
        ("fifo.md", "skipped: not a regular file"),
        ("loop.md", "skipped: a broken or looping symlink"),
    ]


def test_file_over_the_size_cap_is_skipped(lint: LintFn) -> None:
    (d,) = lint("x" * 2000, name="big.md", settings=Settings(max_file_size=1000))
    assert (d.code, d.message) == ("YEP013", "file is larger than 1,000 bytes; skipped")


def test_crashing_rule_becomes_internal_error(
    lint: LintFn, monkeypatch: pytest.MonkeyPatch
) -> None:
    from yeplint.rules.catalogue import RULES

    def boom(post: Post, ctx: Context) -> list[Violation]:
        raise RuntimeError("kapot")

    monkeypatch.setitem(RULES, "YEP210", dataclasses.replace(RULES["YEP210"], check=boom))
    diagnostics = lint("## Tot slot:\n##Kop\n", name="x.md")
    assert [(d.code, d.message) for d in diagnostics] == [
        ("YEP000", "rule `YEP210` (heading-trailing-punctuation) crashed: RuntimeError: kapot"),
        ("YEP201", "no space after `##`: this line is a paragraph, not a heading"),
    ]


def test_very_long_line_and_many_runs(lint: LintFn) -> None:
    text = "a" * 600_000 + "\n" + "`" * 100_000 + "\n" + "<" * 100_000 + "\n"
    assert lint(text, name="x.md") == []


def test_file_names_with_spaces_nfd_and_bad_bytes(tmp_path: Path) -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "café")
    (tmp_path / f"{nfd} met spatie.md").write_text("## Kop:\n")
    (tmp_path / os.fsdecode(b"na\xffme.md")).write_text("## Kop:\n")
    diagnostics = lint_paths([tmp_path], tmp_path)
    assert sorted(d.path for d in diagnostics) == sorted([f"{nfd} met spatie.md", "na\ufffdme.md"])


def test_reporters_survive_undecodable_file_names(tmp_path: Path) -> None:
    import io

    from yeplint.report import FORMATS, ReportOptions, reporter

    (tmp_path / os.fsdecode(b"na\xffme.md")).write_text("## [/draft] kop:\n")
    settings = Settings()
    from yeplint.engine.linter import Linter
    from yeplint.site.discovery import discover

    result = Linter(settings).run(discover([tmp_path], settings, cwd=tmp_path))
    for name in FORMATS:
        out = io.StringIO()
        reporter(name)(result, out, ReportOptions(color=False))
        out.getvalue().encode("utf-8")  # printable


@pytest.mark.skipif(os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path) -> None:
    page = tmp_path / "x.md"
    page.write_text("x")
    page.chmod(0)
    (d,) = lint_paths([page], tmp_path)
    assert (d.code, d.message) == ("YEP012", "cannot read the file: Permission denied")


def test_debug_prints_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from click.testing import CliRunner

    from yeplint.cli import main
    from yeplint.rules.catalogue import RULES

    def boom(post: Post, ctx: Context) -> list[Violation]:
        raise RuntimeError("kapot")

    monkeypatch.setitem(RULES, "YEP210", dataclasses.replace(RULES["YEP210"], check=boom))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.md").write_text("## Kop\n")
    plain = CliRunner().invoke(main, ["check", ".", "--format", "concise"])
    assert plain.exit_code == 2
    assert "Traceback" not in plain.output
    debug = CliRunner().invoke(main, ["check", ".", "--format", "concise", "--debug"])
    assert debug.exit_code == 2
    assert "Traceback (most recent call last)" in debug.output
    assert "RuntimeError: kapot" in debug.output


def test_loader_crash_is_contained_to_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import yeplint.engine.linter

    real = yeplint.engine.linter.load_text  # type: ignore[attr-defined]

    def flaky(
        path: Path, display: str, data: bytes, formats: tuple[str, ...], **options: bool
    ) -> Post:
        if path.name == "a.md":
            raise ValueError("kapot")
        return real(path, display, data, formats, **options)

    monkeypatch.setattr(yeplint.engine.linter, "load_text", flaky)
    (tmp_path / "a.md").write_text("## Kop\n")
    (tmp_path / "b.md").write_text("##Kop\n")
    diagnostics = lint_paths([tmp_path], tmp_path)
    assert [(d.path, d.code, d.message) for d in diagnostics] == [
        ("a.md", "YEP000", "yeplint failed on this file: ValueError: kapot"),
        ("b.md", "YEP201", "no space after `##`: this line is a paragraph, not a heading"),
    ]


def test_messages_are_one_line(lint: LintFn) -> None:
    text = "---\ntitle: x\n---\n\nFoo *bar\nbaz*\n====\n"
    (d,) = lint(text, name="x.md", select=["YEP208"])
    assert d.message == (
        "H1 `Foo *bar baz*` in the body: the front matter `title` is already the page's H1"
    )
    assert d.hint == "make it `## Foo *bar baz*` or remove it"


def test_enum_value_that_is_a_mapping(lint: LintFn) -> None:
    """Found by tests/fuzz/fuzz.py: a mapping where a category should be crashed the
    translation lookup (unhashable)."""
    diagnostics = lint("---\ncategories:\n  - {a: 1}\n  - [x]\n---\n", select=["YEP104"])
    assert [(d.code, d.line, d.message) for d in diagnostics] == [
        ("YEP104", 3, '`{"a": 1}` is not an allowed value for `categories[0]`'),
        ("YEP104", 4, '`["x"]` is not an allowed value for `categories[1]`'),
    ]


def test_malformed_html_declaration(lint: LintFn) -> None:
    """Found by tests/fuzz/fuzz.py: html.parser asserts on `<![!--`."""
    text = "<![!--<!--<!--\n\n![](x.png) <img src='y.png'>\n"
    diagnostics = lint(text, name="x.md", select=["YEP000", "YEP302"])
    assert [(d.code, d.line) for d in diagnostics] == [("YEP302", 3), ("YEP302", 3)]


@pytest.fixture
def broken_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Markdown parser raises on every body."""
    import yeplint.document.post

    def broken(lines: list[str], line_offset: int, **options: object) -> None:
        raise ValueError("kapot")

    monkeypatch.setattr(yeplint.document.post, "parse_body", broken)


@pytest.mark.usefixtures("broken_parser")
def test_body_parser_crash_is_one_diagnostic(lint: LintFn) -> None:
    diagnostics = lint("## Kop:\n", name="x.md")
    assert [(d.code, d.message) for d in diagnostics] == [
        ("YEP000", "the Markdown body could not be parsed: ValueError: kapot")
    ]


@pytest.mark.usefixtures("broken_parser")
def test_front_matter_rules_alone_never_parse_the_body(lint: LintFn) -> None:
    text = "---\ntitle: Kop\nVolgnummer: 1\n---\n## Kop:\n"
    diagnostics = lint(text, name="x.md", select=["YEP0", "YEP1"])
    assert "YEP000" not in [d.code for d in diagnostics]
    diagnostics = lint(text, name="x.md", select=["YEP0", "YEP1", "YEP2"])
    assert "YEP000" in [d.code for d in diagnostics]


def test_a_symlinked_content_folder_is_followed_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from click.testing import CliRunner

    from yeplint.cli import main

    real = tmp_path / "elders" / "content"
    (real / "posts").mkdir(parents=True)
    (real / "posts" / "post.md").write_text("##Kop\n\n![Een zaal](./zaal.jpg)\n")
    (real / "posts" / "loop").symlink_to("..")  # a loop: never walked twice
    project = tmp_path / "site"
    project.mkdir()
    (project / "yeplint.toml").write_text("")
    (project / "content").symlink_to(real)
    (project / "inside").mkdir()
    (project / "inside" / "page.md").write_text("##Binnen\n")
    (project / "alias").symlink_to("inside")
    monkeypatch.chdir(project)
    named = CliRunner().invoke(main, ["check", "content", "--format", "concise"])
    assert named.stdout.splitlines() == [
        "content/posts/post.md:1:1: YEP201 [*] no space after `##`: this line is a paragraph, not "
        "a heading",
        "content/posts/post.md:3:1: YEP301 image `./zaal.jpg` does not exist",
    ]
    whole = CliRunner().invoke(main, ["check", ".", "--format", "concise"])
    # `alias` leads to `inside`: its page is reported once, under its own path
    assert [line.split(":")[0] for line in whole.stdout.splitlines()] == ["inside/page.md"]
    assert whole.stderr == (
        "yeplint: skipped content: a symlink that leads outside the project (name it on the"
        " command line to check it)\n"
    )
    from PIL import Image

    Image.new("RGB", (4, 4)).save(real / "posts" / "zaal.jpg", "JPEG")
    again = CliRunner().invoke(main, ["check", "content", "--format", "concise"])
    assert [line.split(" ")[1] for line in again.stdout.splitlines()] == ["YEP201"]


def test_each_real_page_is_found_once_whichever_way_it_is_reached(tmp_path: Path) -> None:
    from yeplint.config.settings import Settings
    from yeplint.site.discovery import discover

    content = tmp_path / "content"
    (content / "blog" / "2024").mkdir(parents=True)
    (content / "blog" / "2024" / "post.md").write_text("# Post\n")
    (content / "blog" / "intro.md").write_text("# Intro\n")
    (content / "a-shortcut").symlink_to("blog")  # walked before `blog` by name
    (content / "blog" / "2024" / "up").symlink_to("../..")  # a loop back to the content root
    (content / "blog" / "latest.md").symlink_to("2024/post.md")
    (content / "nieuws").mkdir()
    (content / "nieuws" / "oud").symlink_to("../blog/2024")  # into a folder walked already
    found = discover([content, content / "a-shortcut" / "intro.md"], Settings(), cwd=tmp_path)
    assert [t.display for t in found] == ["content/blog/2024/post.md", "content/blog/intro.md"]


def test_a_folder_that_cannot_be_listed_is_named_and_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its pages were never checked: a CI gate must not pass them (YEP012 on the folder)."""
    from click.testing import CliRunner

    from yeplint.cli import main

    (tmp_path / "blog" / "geheim").mkdir(parents=True)
    (tmp_path / "blog" / "geheim" / "post.md").write_text("# Post\n")
    (tmp_path / "blog" / "open.md").write_text("# Open\n")
    (tmp_path / "yeplint.toml").write_text("")
    locked = tmp_path / "blog" / "geheim"
    listing = os.scandir

    def scandir(path: Any) -> Any:  # as for a folder without read permission (as root, too)
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(os, "scandir", scandir)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "blog", "--format", "concise", "--no-cache"])
    assert result.exit_code == 1
    assert result.stdout == (
        "blog/geheim:1:1: YEP012 skipped: the folder cannot be read (Permission denied)\n"
    )
    dutch = CliRunner().invoke(
        main, ["check", "blog", "--lang", "nl", "--no-cache", "--format", "concise"]
    )
    assert dutch.stdout == (
        "blog/geheim:1:1: YEP012 overgeslagen: de map kan niet gelezen worden (Permission denied)\n"
    )


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("---\na: *\n---\n", (2, 5, 2, 5)),  # the error is at the end of its line
        ("---\r\na: *\r\n---\r\n", (2, 5, 2, 5)),
        ("---\na: *b c\n---\n", (2, 4, 2, 8)),
    ],
)
def test_a_yaml_error_ends_within_its_line(
    lint: LintFn, text: str, span: tuple[int, int, int, int]
) -> None:
    """Found by bench/hostile_probe.py: an error at the end of a line ended a column after it."""
    (d,) = lint(text, name="x.md", select=["YEP001"])
    assert (d.line, d.column, d.end_line, d.end_column) == span
