"""The record one pre-commit run's two hooks share (yeplint/engine/hookrun.py); the hooks themselves
run under real pre-commit in tests/test_pre_commit.py."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from yeplint.diagnostics import Diagnostic, Severity
from yeplint.engine.hookrun import (
    STALE_SECONDS,
    Checked,
    Share,
    already_checked,
    record_file,
    remember,
)
from yeplint.site.discovery import Target

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

UNDER_PRE_COMMIT = {"PRE_COMMIT": "1"}


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q")
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "a.md").write_text("##Kop\n")
    git(tmp_path, "add", ".")
    return tmp_path


def error(path: str, code: str = "YEP201") -> Diagnostic:
    return Diagnostic(path, 1, 1, 1, 6, code, "x", Severity.ERROR, "x")


def test_outside_pre_commit_or_git_there_is_no_record(tmp_path: Path) -> None:
    assert record_file(tmp_path, "config", UNDER_PRE_COMMIT) is None  # no git folder above it
    git(tmp_path, "init", "-q")
    assert record_file(tmp_path, "config", {}) is None
    assert record_file(tmp_path, "config", {"PRE_COMMIT": "0"}) is None


def test_the_record_lives_in_the_git_folder_of_this_run(repo: Path) -> None:
    record = record_file(repo / "content", "config", UNDER_PRE_COMMIT)
    assert record is not None and record.parent == repo.resolve() / ".git" / "yeplint"
    assert already_checked(record) == {}
    remember(record, {repo / "a.md": Checked("d1", 0)})
    remember(record, {repo / "b c.md": Checked("d2", 3)})
    assert already_checked(record) == {
        repo / "a.md": Checked("d1", 0),
        repo / "b c.md": Checked("d2", 3),
    }


def test_the_record_is_kept_apart_per_staged_tree_and_configuration(repo: Path) -> None:
    """Not a process id: a run in another PID namespace, with the same parent id, that stages
    other content or resolves another configuration has another record."""
    first = record_file(repo, "config", UNDER_PRE_COMMIT)
    assert record_file(repo, "config", UNDER_PRE_COMMIT) == first
    assert record_file(repo, "other config", UNDER_PRE_COMMIT) != first
    (repo / "content" / "a.md").write_text("## Kop\n")
    assert record_file(repo, "config", UNDER_PRE_COMMIT) == first  # the index is the same
    git(repo, "add", ".")
    assert record_file(repo, "config", UNDER_PRE_COMMIT) != first


def test_a_worktree_points_at_its_git_folder(
    repo: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    git(repo, "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "start")
    other = tmp_path_factory.mktemp("other") / "w"
    git(repo, "worktree", "add", "-q", str(other))
    record = record_file(other, "config", UNDER_PRE_COMMIT)
    assert record is not None
    assert record.parent == repo.resolve() / ".git" / "worktrees" / "w" / "yeplint"


def test_an_old_record_is_ignored_and_removed(repo: Path) -> None:
    record = record_file(repo, "config", UNDER_PRE_COMMIT)
    assert record is not None
    old = record.with_name("pre-commit-1")
    remember(old, {repo / "a.md": Checked("d", 0)})
    past = old.stat().st_mtime - STALE_SECONDS - 10
    os.utime(old, (past, past))
    assert already_checked(old) == {}
    remember(record, {repo / "b.md": Checked("d", 0)})
    assert not old.exists()


def test_a_record_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    record = tmp_path / "no-such-folder" / "yeplint" / "pre-commit-x"
    remember(record, {tmp_path / "a.md": Checked("d", 0)})  # no exception
    assert already_checked(record) == {}


def _target(repo: Path, name: str) -> Target:
    return Target(repo / "content" / name, f"content/{name}", repo)


def test_a_page_is_left_out_only_at_the_bytes_that_were_checked(repo: Path) -> None:
    record = record_file(repo, "config", UNDER_PRE_COMMIT)
    assert record is not None
    (repo / "content" / "b.md").write_text("Tekst.\n")
    a, b = _target(repo, "a.md"), _target(repo, "b.md")
    first = Share(record)
    assert first.leave_out([a, b]) == [a, b]
    first.remember([error("content/a.md"), error("content/a.md", "YEP210")])

    second = Share(record)
    assert second.leave_out([a, b]) == []
    assert second.errors_elsewhere == {"content/a.md": 2}  # this hook fails on them too

    (repo / "content" / "a.md").write_text("##Kop, anders\n")  # a hook in between changed it
    assert Share(record).leave_out([a, b]) == [a]


def test_what_is_not_checked_in_full_is_not_recorded(repo: Path) -> None:
    """A dependent (checked only for what a change breaks in it), a page yeplint failed on,
    and a page whose bytes changed during the check."""
    record = record_file(repo, "config", UNDER_PRE_COMMIT)
    assert record is not None
    for name in ("b.md", "c.md"):
        (repo / "content" / name).write_text("Tekst.\n")
    a, b, c = (_target(repo, n) for n in ("a.md", "b.md", "c.md"))
    first = Share(record)
    first.leave_out([a, b, c], partial=[b.path])
    (repo / "content" / "a.md").write_text("## Kop\n")  # changed while it was checked
    first.remember([error("content/c.md", "YEP000")])
    assert already_checked(record) == {}
    assert Share(record).leave_out([a, b, c]) == [a, b, c]
