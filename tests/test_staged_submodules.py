"""``--staged`` with a submodule bump: the pages that changed inside it are checked, or the
submodule is named as not checked (yeplint/engine/changes.py)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from yeplint.cli import main

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "protocol.file.allow=always",
         *args],
        cwd=cwd,
        check=True,
        capture_output=True,
        text=True,
    )  # fmt: skip
    return done.stdout.strip()


def check(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["check", "--format", "concise", *args])
    return result.exit_code, result.output


@pytest.fixture
def superproject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site whose `docs/` is a submodule holding two pages."""
    upstream = tmp_path / "upstream"
    upstream.mkdir()
    (upstream / "a.md").write_text("# A\n")
    (upstream / "b.md").write_text("# B\n\n##Oud\n")  # an old problem
    git(upstream, "init", "-q")
    git(upstream, "add", ".")
    git(upstream, "commit", "-qm", "start")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.md").write_text("# Site\n")
    git(site, "init", "-q")
    git(site, "submodule", "add", "-q", str(upstream), "docs")
    git(site, "add", ".")
    git(site, "commit", "-qm", "start")
    monkeypatch.chdir(site)
    return site


def test_a_submodule_bump_checks_the_pages_it_changed(superproject: Path) -> None:
    docs = superproject / "docs"
    (docs / "a.md").write_text("# A\n\n##Kapot\n")
    git(docs, "commit", "-qam", "break a")
    git(superproject, "add", "docs")
    assert check("--staged") == (
        1,
        "docs/a.md:3:1: YEP201 [*] no space after `##`: this line is a paragraph, not a heading\n",
    )  # b.md's old problem is not the bump's
    git(superproject, "commit", "-qm", "bump")
    assert check("--changed-since", "HEAD~1") == (
        1,
        "docs/a.md:3:1: YEP201 [*] no space after `##`: this line is a paragraph, not a heading\n",
    )


def test_a_submodule_not_at_the_staged_commit_is_named_as_not_checked(
    superproject: Path,
) -> None:
    docs = superproject / "docs"
    (docs / "a.md").write_text("# A\n\n##Kapot\n")
    git(docs, "commit", "-qam", "break a")
    git(superproject, "add", "docs")
    git(docs, "checkout", "-q", "HEAD~1")  # the work tree is not what is staged
    code, out = check("--staged")
    assert code == 0
    assert out.splitlines()[0] == (
        "yeplint: submodule `docs` changed, but its pages were not checked: it is not checked "
        "out at the commit recorded for it (`git submodule update`)"
    )
