"""The record one pre-commit run's two hooks share (yeplint/hookrun.py); the hooks themselves
run under real pre-commit in tests/test_pre_commit.py."""

from __future__ import annotations

import os
from pathlib import Path

from yeplint.hookrun import STALE_SECONDS, already_checked, record_file, remember


def test_outside_pre_commit_or_git_there_is_no_record(tmp_path: Path) -> None:
    assert record_file(tmp_path, {"PRE_COMMIT": "1"}) is None  # no git folder above it
    (tmp_path / ".git").mkdir()
    assert record_file(tmp_path, {}) is None
    assert record_file(tmp_path, {"PRE_COMMIT": "0"}) is None


def test_the_record_lives_in_the_git_folder_of_this_run(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "content").mkdir()
    record = record_file(tmp_path / "content", {"PRE_COMMIT": "1"})
    assert record == tmp_path.resolve() / ".git" / "yeplint" / f"pre-commit-{os.getppid()}"
    assert already_checked(record) == set()
    remember(record, [tmp_path / "a.md"])
    remember(record, [tmp_path / "b.md"])
    assert already_checked(record) == {tmp_path / "a.md", tmp_path / "b.md"}


def test_a_worktree_points_at_its_git_folder(tmp_path: Path) -> None:
    real = tmp_path / "repo.git" / "worktrees" / "w"
    real.mkdir(parents=True)
    (tmp_path / "w").mkdir()
    (tmp_path / "w" / ".git").write_text(f"gitdir: {real}\n")
    record = record_file(tmp_path / "w", {"PRE_COMMIT": "1"})
    assert record is not None and record.parent == real.resolve() / "yeplint"


def test_an_old_record_is_ignored_and_removed(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    record = record_file(tmp_path, {"PRE_COMMIT": "1"})
    assert record is not None
    old = record.with_name("pre-commit-1")
    remember(old, [tmp_path / "a.md"])
    past = old.stat().st_mtime - STALE_SECONDS - 10
    os.utime(old, (past, past))
    assert already_checked(old) == set()  # a reused process id must not hide a page
    remember(record, [tmp_path / "b.md"])
    assert not old.exists()


def test_a_record_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    (tmp_path / ".git").write_text("gitdir: /proc/no-such-folder\n")
    record = record_file(tmp_path, {"PRE_COMMIT": "1"})
    assert record is not None
    remember(record, [tmp_path / "a.md"])  # no exception
    assert already_checked(record) == set()
