"""Backslashes in paths and globs (issue 28, item 9), as ruff reads them: in a glob, a folder
separator on Windows and an escape elsewhere; in a path on the command line, a separator on
Windows and a character of the file's name elsewhere. Reports name files with `/` always."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath

import pytest
from click.testing import CliRunner, Result

from yeplint.cli import main
from yeplint.config import globs
from yeplint.config.globs import GlobError, compile_glob, matches
from yeplint.site.discovery import display_path

BROKEN = "##Kop\n"


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "content" / "drafts").mkdir(parents=True)
    (tmp_path / "content" / "p.md").write_text(BROKEN)
    (tmp_path / "content" / "drafts" / "d.md").write_text(BROKEN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("YEPLINT_OUTPUT_FORMAT", raising=False)
    return tmp_path


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Globs read as on Windows (the matching itself is on `/` paths on every system)."""
    monkeypatch.setattr(globs, "BACKSLASH_SEPARATES", True)
    compile_glob.cache_clear()
    yield
    compile_glob.cache_clear()


@pytest.fixture
def posix(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(globs, "BACKSLASH_SEPARATES", False)
    compile_glob.cache_clear()
    yield
    compile_glob.cache_clear()


def check(*args: str) -> Result:
    return CliRunner().invoke(main, ["check", "--no-cache", "--format", "concise", *args])


def found(result: Result) -> list[str]:
    return [line.split(": ")[0] for line in result.stdout.splitlines() if line]


def test_on_posix_a_backslash_escapes_the_next_character(posix: None) -> None:
    assert matches(r"a\*b.md", "a*b.md") and not matches(r"a\*b.md", "axb.md")
    assert matches(r"\{x,y\}.md", "{x,y}.md") and not matches(r"\{x,y\}.md", "x.md")
    assert matches(r"x\\y.md", "x\\y.md")
    assert matches(r"\!keep.md", "!keep.md")


def test_on_posix_a_windows_folder_path_in_a_glob_is_an_error(posix: None) -> None:
    """globset would read `content\\drafts\\**` as `contentdrafts**`: matching nothing here and
    the folder on Windows. yeplint says so, with the glob written with `/`."""
    with pytest.raises(GlobError, match=r"folders are separated by `/` \(`content/drafts/\*\*`\)"):
        compile_glob(r"content\drafts\**")
    with pytest.raises(GlobError, match="not `the end`"):
        compile_glob("drafts\\")


def test_on_posix_backslash_globs_in_the_configuration_are_usage_errors(
    site: Path, posix: None
) -> None:
    (site / "yeplint.toml").write_text('exclude = ["content\\\\drafts\\\\"]\n')
    done = check()
    assert done.exit_code == 2
    assert "yeplint.toml: bad glob `content\\drafts\\`" in done.stderr
    assert "(`content/drafts/`)" in done.stderr
    (site / "yeplint.toml").write_text('[per-file-ignores]\n"content\\\\drafts\\\\**" = ["YEP2"]\n')
    done = check()
    assert done.exit_code == 2 and "bad glob `content\\drafts\\**`" in done.stderr
    done = check("--isolated", "--per-file-ignores", "content\\drafts\\**:YEP2")
    assert done.exit_code == 2 and "--per-file-ignores: bad glob" in done.stderr


def test_on_windows_a_backslash_separates_folders(site: Path, windows: None) -> None:
    assert matches(r"content\drafts\**", "content/drafts/d.md")
    assert matches(r"content\*.md", "content/p.md") and not matches(
        r"content\*.md", "content/x/p.md"
    )
    (site / "yeplint.toml").write_text('exclude = ["content\\\\drafts\\\\"]\n')
    assert found(check()) == ["content/p.md:1:1"]
    (site / "yeplint.toml").write_text('[per-file-ignores]\n"content\\\\drafts\\\\**" = ["YEP2"]\n')
    assert found(check()) == ["content/p.md:1:1"]
    assert found(check("--isolated", "--per-file-ignores", "content\\p.md:YEP2")) == [
        "content/drafts/d.md:1:1"
    ]


def test_reports_name_a_windows_path_with_slashes() -> None:
    """`yeplint check content\\post.md` on Windows: the report, the baseline and the cache key
    say `content/post.md`, as on every other system."""
    page = PureWindowsPath(r"C:\site\content\post.md")
    assert display_path(page, PureWindowsPath(r"C:\site")) == "content/post.md"  # type: ignore[arg-type]


def test_on_posix_a_backslash_in_a_named_path_is_part_of_the_name(site: Path) -> None:
    """POSIX file names may hold `\\`: `content\\p.md` names that file, not content/p.md."""
    done = check("content\\p.md")
    assert done.exit_code == 2 and "content\\p.md: No such file or directory" in done.stderr
    (site / "content\\p.md").write_text(BROKEN)
    done = CliRunner().invoke(main, ["check", "--no-cache", "--format", "json", "content\\p.md"])
    assert [d["path"] for d in json.loads(done.stdout)["diagnostics"]] == ["content\\p.md"]


@pytest.mark.parametrize(
    ("pattern", "path", "matched"),
    [
        ("./content/drafts/**", "content/drafts/a.md", True),
        ("./content/drafts/", "content/drafts/a.md", True),
        ("././content/*.md", "content/a.md", True),
        ("./*.md", "a.md", True),
        ("./*.md", "content/a.md", False),  # anchored at the root, as `/*.md` is
        ("./.hidden/*.md", ".hidden/a.md", True),
    ],
)
def test_a_glob_starting_with_dot_slash_is_anchored_at_the_root(
    pattern: str, path: str, matched: bool
) -> None:
    """ruff reads `./drafts/**` from the project root; the glob used to match nothing at all."""
    assert matches(pattern, path) is matched


def test_a_glob_leading_out_of_the_root_is_an_error() -> None:
    with pytest.raises(GlobError, match=r"`\.\./` leads out of it"):
        compile_glob("../other/*.md")


def test_per_file_ignores_with_dot_slash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "content" / "drafts").mkdir(parents=True)
    (tmp_path / "content" / "drafts" / "a.md").write_text("##Kop\n")
    (tmp_path / "yeplint.toml").write_text(
        'per-file-ignores = { "./content/drafts/**" = ["YEP201"] }\n'
    )
    monkeypatch.chdir(tmp_path)
    done = CliRunner().invoke(main, ["check", "--no-cache", "--format", "concise"])
    assert (done.exit_code, done.stdout) == (0, "")
