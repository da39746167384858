"""`yeplint check --watch`: checks, then again on every change, with real file events."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("watchfiles")


def _read_until(process: subprocess.Popen[str], wanted: str, timeout: float = 30) -> str:
    assert process.stdout is not None
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen += line
        if wanted in line:
            return seen
    raise AssertionError(f"no {wanted!r} in {seen!r}")


def test_watch_checks_again_after_an_edit(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    page = tmp_path / "content" / "post.md"
    page.write_text("##Kop\n")
    process = subprocess.Popen(
        [sys.executable, "-m", "yeplint", "check", "--watch", "content", "--format", "concise"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        first = _read_until(process, "YEP201")
        assert "content/post.md:1:1: YEP201" in first
        time.sleep(0.5)  # the watcher is set up after the first report
        page.write_text("## Kop\n\n![Weg](weg.png)\n")
        second = _read_until(process, "YEP301")
        assert "YEP201" not in second  # the new report, not the old one again
        assert "content/post.md:3:1: YEP301 image `weg.png` does not exist" in second
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_watch_needs_no_stdin(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "yeplint", "check", "--watch", "--stdin-filename", "a.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        input="",
        check=False,
    )
    assert done.returncode == 2
    assert "--watch and --stdin-filename cannot be used together" in done.stderr
