"""Property tests: any bytes → no exception, every position inside the file, same output twice."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tests.conftest import fix_paths, lint_paths
from yeplint.diagnostics import Diagnostic
from yeplint.document.post import load_text

PIECES = [
    "---\n",
    "+++\n",
    "\r\n",
    "\r",
    "\n",
    "# ",
    "##",
    "Kop",
    "![alt](foto.jpg)",
    "![](x)",
    "[ref]: y.png\n",
    "![a][ref]",
    '<img src="a.png" alt="">',
    "<!-- yeplint-disable -->",
    "`code`",
    "```\n",
    "**vet**",
    "_schuin_",
    "> ",
    "- ",
    "    ",
    "\t",
    "title: x\n",
    "date: 2024-02-30\n",
    "img: Foto.JPG\n",
    "categories:\n  -\n",
    "a: &a [*a]\n",
    "!!python/x ",
    ": ",
    "'",
    '"',
    "{",
    "[",
    "]",
    "|\n",
    "\x00",
    "\ufeff",
    "é",
    "%20",
    "../",
    "\\",
    "=====\n",
    "| a |\n|---|\n",
]

texts = st.lists(st.sampled_from(PIECES), max_size=40).map("".join)
blobs = st.binary(max_size=400)


def check(root: Path, data: bytes) -> list[Diagnostic]:
    page = root / "blog" / "post.nl.md"
    page.parent.mkdir(exist_ok=True)
    page.write_bytes(data)
    return lint_paths([page], root)


def assert_sound(diagnostics: list[Diagnostic], data: bytes) -> None:
    post = load_text(Path("x.md"), "x.md", data)
    lines = max(len(post.lines), 1)
    for d in diagnostics:
        assert d.code != "YEP000", d.message
        assert 1 <= d.line <= lines + 1, d
        assert d.column >= 1 and d.end_line >= d.line, d


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=blobs)
def test_any_bytes(tmp_path: Path, data: bytes) -> None:
    first = check(tmp_path, data)
    assert_sound(first, data)
    assert check(tmp_path, data) == first


@settings(
    max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
def test_markdown_and_yaml_shaped_text(tmp_path: Path, text: str) -> None:
    data = text.encode("utf-8", "surrogatepass")
    first = check(tmp_path, data)
    assert_sound(first, data)
    assert check(tmp_path, data) == first


@settings(max_examples=200, deadline=None)
@given(text=texts)
def test_loader_never_raises(text: str) -> None:
    post = load_text(Path("x.md"), "x.md", text.encode("utf-8"))
    assert post.body is not None
    for problem in post.problems:
        assert 1 <= problem.span.line <= max(len(post.lines), 1) + 1


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=texts)
@example(text="> [ref]: y.png\n##title: x\n")  # a lazy line of a quote: no heading fix
@example(text="- [ref]: y.png\n##title: x\n")  # likewise of a list item
def test_fixes_verify_and_converge_in_one_run(tmp_path: Path, text: str) -> None:
    """Every fix a rule offers passes the re-parse check, and one ``--fix`` run leaves nothing
    for a second one (idempotence)."""
    page = tmp_path / "blog" / "post.nl.md"
    page.parent.mkdir(exist_ok=True)
    page.write_bytes(text.encode("utf-8"))
    first = fix_paths([page], tmp_path, unsafe=True)
    assert not first.refused, [d.message for d in first.refused]
    page.read_bytes().decode("utf-8")  # still UTF-8
    assert_sound([d for ds in first.diagnostics.values() for d in ds], page.read_bytes())
    second = fix_paths([page], tmp_path, unsafe=True)
    assert (second.fixed_problems, second.refused) == (0, []), text


title_texts = st.text(alphabet="\"'()\\ax\n&;#", max_size=30)


@settings(max_examples=500, deadline=None)
@given(first=title_texts, more=st.lists(title_texts, max_size=4), start=st.integers(0, 3))
def test_linear_link_title_agrees_with_markdown_it(first: str, more: list[str], start: int) -> None:
    """The oracle's linear ``parseLinkTitle`` returns what markdown-it-py's does, line by line."""
    from markdown_it.helpers import parseLinkTitle

    from tests.markdown_oracle import parse_link_title

    string = first
    ours = parse_link_title(string, start, len(string))
    theirs = parseLinkTitle(string, start, len(string))
    for line in [None, *more]:
        if line is not None:
            if not theirs.can_continue:
                break
            pos = len(string)
            string += line
            ours = parse_link_title(string, pos, len(string), ours)
            theirs = parseLinkTitle(string, pos, len(string), theirs)
        assert (ours.ok, ours.can_continue, ours.pos, ours.str, ours.marker) == (
            theirs.ok,
            theirs.can_continue,
            theirs.pos,
            theirs.str,
            theirs.marker,
        )
