"""`yeplint check --watch`: checks, then again on every change, with real file events.

The in-process sessions wrap the check command to keep each report and to end the session
(Ctrl-C, as a writer would) after the checks a test expects; a watchdog interrupts a session
that waits longer than it should, so a missed change fails the test instead of hanging it.
"""

from __future__ import annotations

import _thread
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

watchfiles = pytest.importorskip("watchfiles")

from yeplint import cli  # noqa: E402
from yeplint.engine.watch import make_plan  # noqa: E402

REPORT = "report.txt"


def _start(site: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "yeplint", "check", "--watch", "--lang", "en", *args],
        cwd=site,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )


def _read_until(process: subprocess.Popen[str], wanted: str, timeout: float = 30) -> str:
    assert process.stdout is not None
    seen = ""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        seen += line
        if wanted in line:
            return seen
        if not line and process.poll() is not None:
            break
    raise AssertionError(f"no {wanted!r} in {seen!r} (exit code {process.poll()})")


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


def test_ctrl_c_ends_a_watch_with_130(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text("# Kop\n")
    process = _start(tmp_path, "content")
    try:
        _read_until(process, "watching for changes")
        process.send_signal(signal.SIGINT)
        said, _ = process.communicate(timeout=30)
    finally:
        process.kill()
    assert process.returncode == 130, said
    assert said.strip().endswith("yeplint: interrupted"), said
    assert "Traceback" not in said


def test_a_vanished_folder_is_waited_for(tmp_path: Path) -> None:
    """A branch switch removes the checked folder and brings it back."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "post.md").write_text("##Kop\n")
    process = _start(tmp_path, "content", "--format", "concise")
    try:
        seen = _read_until(process, "watching for changes")
        shutil.rmtree(content)
        seen += _read_until(process, "waiting for content")
        assert process.poll() is None
        content.mkdir()
        (content / "post.md").write_text("## Kop\n\n![Weg](weg.png)\n")
        seen += _read_until(process, "YEP301")
    finally:
        process.kill()
        process.communicate(timeout=10)
    assert seen.count("waiting for content") == 1, seen
    assert "content/post.md:3:1: YEP301 image `weg.png` does not exist" in seen


@dataclass
class Session:
    reports: list[str]
    """The report of each check, in order."""
    exit_code: int
    stderr: str
    watchers: int
    """How many times ``watchfiles.watch`` was called."""


def _session(
    site: Path,
    monkeypatch: pytest.MonkeyPatch,
    after_check: Callable[[int], None],
    checks: int,
    *args: str,
    timeout: float = 20,
) -> Session:
    """Watch ``site`` (``args``: what to check) until ``checks`` checks have run;
    ``after_check(n)`` runs when check ``n`` has written its report, before it returns."""
    monkeypatch.chdir(site)
    reports: list[str] = []
    watchers = 0
    real_watch = watchfiles.watch

    def counted(*paths: Any, **options: Any) -> Any:
        nonlocal watchers
        watchers += 1
        return real_watch(*paths, **options)

    real_check = cli.check.callback
    assert real_check is not None

    def check(**params: Any) -> None:
        if params["watch"]:  # the session itself, not one of its checks
            real_check(**params)
            return
        try:
            real_check(**params)
        finally:
            reports.append((site / REPORT).read_text(encoding="utf-8"))
            if len(reports) == checks:
                raise KeyboardInterrupt  # the writer's Ctrl-C ends the session
            after_check(len(reports))

    monkeypatch.setattr(watchfiles, "watch", counted)
    monkeypatch.setattr(cli.check, "callback", check)
    watchdog = threading.Timer(timeout, _thread.interrupt_main)
    watchdog.start()
    try:
        args = ("check", "--watch", "--lang", "en", "--format", "concise", "-o", REPORT, *args)
        result = CliRunner().invoke(cli.main, list(args))
    finally:
        watchdog.cancel()
    return Session(reports, result.exit_code, result.stderr, watchers)


def _soon(action: Callable[[], object]) -> None:
    """A writer saving a moment after the report appeared, from another thread."""
    threading.Timer(0.2, action).start()


def _save(path: Path, text: str) -> None:
    """Save as many editors do: a new file renamed over the old one (a new inode)."""
    new = path.with_name(path.name + ".new")
    new.write_text(text, encoding="utf-8")
    new.replace(path)


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "post.md").write_text("##Kop\n", encoding="utf-8")
    return tmp_path


def test_a_page_saved_during_a_check_is_checked(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = site / "content" / "post.md"

    def during(n: int) -> None:
        page.write_text("## Kop\n\n![Weg](weg.png)\n", encoding="utf-8")

    session = _session(site, monkeypatch, during, 2, "content")
    assert len(session.reports) == 2, session.stderr
    assert "YEP201" in session.reports[0]
    assert "content/post.md:3:1: YEP301" in session.reports[1]
    assert "YEP201" not in session.reports[1]
    assert session.exit_code == 130


def test_one_watcher_serves_the_session(site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = site / "content" / "post.md"
    texts = {1: "## Kop\n\n![Weg](weg.png)\n", 2: "# Kop\n\n## Kop\n\n#### Diep\n"}

    def edit(n: int) -> None:
        _soon(lambda: page.write_text(texts[n], encoding="utf-8"))

    session = _session(site, monkeypatch, edit, 3, "content")
    assert len(session.reports) == 3, session.stderr
    assert "YEP301" in session.reports[1]
    assert "YEP301" not in session.reports[2]
    assert session.watchers == 1


def test_the_configuration_is_watched_and_read_again(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """yeplint.toml is outside the checked folder; each save replaces the file."""
    config = site / "yeplint.toml"
    config.write_text('lang = "en"\n', encoding="utf-8")
    saved = {1: 'lang = "en"\nignore = ["YEP201"]\n', 2: 'lang = "en"\n'}

    def edit(n: int) -> None:
        _soon(lambda: _save(config, saved[n]))

    session = _session(site, monkeypatch, edit, 3, "content")
    assert len(session.reports) == 3, session.stderr
    assert ["YEP201" in report for report in session.reports] == [True, False, True]


@pytest.mark.parametrize(
    ("edited", "half_written"),
    [("post.json", False), ("common.json", False), ("common.json", True)],
)
def test_schemas_are_watched_wherever_they_are(
    site: Path, monkeypatch: pytest.MonkeyPatch, edited: str, half_written: bool
) -> None:
    """The schema a collection names and the file its `$ref` pulls in, both outside the
    checked folder; a file saved half-written (not JSON) stays watched until it is whole."""
    (site / "content" / "post.md").write_text("---\ntitle: Kop\n---\n", encoding="utf-8")
    (site / "yeplint.toml").write_text(
        '[[collections]]\nname = "posts"\nglob = "content/**"\nschema = "schemas/post.json"\n',
        encoding="utf-8",
    )
    schemas = site / "schemas"
    schemas.mkdir()
    post = {"type": "object", "properties": {"title": {"$ref": "common.json#/$defs/title"}}}
    common: dict[str, Any] = {"$defs": {"title": {"type": "string"}}}
    (schemas / "post.json").write_text(json.dumps(post), encoding="utf-8")
    (schemas / "common.json").write_text(json.dumps(common), encoding="utf-8")
    if edited == "post.json":
        post["required"] = ["date"]
        changed = post
    else:
        common["$defs"]["title"]["maxLength"] = 2
        changed = common
    saves = ["{", json.dumps(changed)] if half_written else [json.dumps(changed)]

    def edit(n: int) -> None:
        text = saves[n - 1]
        _soon(lambda: (schemas / edited).write_text(text, encoding="utf-8"))

    session = _session(site, monkeypatch, edit, len(saves) + 1, "content")
    assert len(session.reports) == len(saves) + 1, session.stderr
    assert session.reports[0] == ""
    assert "content/post.md" in session.reports[-1]
    assert ("yeplint: error: " in session.stderr) == half_written


def test_a_gone_folder_is_watched_through_its_parent_inside_the_project(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    plan = make_plan([Path("content/blog")], config=None, isolated=False, lang="en", output=None)
    assert plan.roots == (tmp_path.resolve(),)
    assert plan.missing == (Path("content/blog"),)
    gone = tmp_path.resolve() / "content"
    assert plan.relevant(watchfiles.Change.added, str(gone))
    assert not plan.relevant(watchfiles.Change.added, str(tmp_path.resolve() / "other.md"))
    outside = make_plan(
        [tmp_path.parent / "elsewhere" / "content"],
        config=None,
        isolated=False,
        lang="en",
        output=None,
    )
    assert outside.roots == ()


def test_the_report_file_is_no_reason_to_check(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The watcher outlives the check that writes the report: the write must not start the
    next check, and the next, forever."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "post.md").write_text("# Kop\n", encoding="utf-8")
    plan = make_plan([], config=None, isolated=False, lang="en", output=Path("report.json"))
    here = tmp_path.resolve()
    assert plan.relevant(watchfiles.Change.modified, str(here / "post.md"))
    assert not plan.relevant(watchfiles.Change.modified, str(here / "report.json"))
    assert not plan.relevant(watchfiles.Change.added, str(here / ".yeplint_cache" / "x.json"))
