"""The process as CI and pre-commit see it: workers die with their parent, Ctrl-C exits 130,
a closed pipe ends the run quietly, and too few file descriptors for the workers falls back
to one process instead of hanging."""

from __future__ import annotations

import resource
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not Path("/proc/self").exists(), reason="reads /proc")


def _make(root: Path, pages: int, headings: int) -> Path:
    (root / "yeplint.toml").write_text("")
    content = root / "content"
    content.mkdir()
    body = "".join(f"##Kop {n}\n\nTekst met ![foto](./foto-{n}.jpg).\n\n" for n in range(headings))
    for n in range(pages):
        (content / f"p{n:03d}.md").write_text(f"---\ntitle: Pagina {n}\n---\n\n{body}")
    return root


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Large enough that the workers are still busy when a test signals the run."""
    return _make(tmp_path_factory.mktemp("tree"), 900, 150)


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Just over the size that starts workers."""
    return _make(tmp_path_factory.mktemp("small"), 250, 2)


def _start(
    root: Path,
    *args: str,
    start_new_session: bool = False,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "yeplint", "check", "content", "--no-cache", *args],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=start_new_session,
        preexec_fn=preexec_fn,
    )


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(p) for p in text.split()]


def _workers(process: subprocess.Popen[bytes], count: int) -> list[int]:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        found = _children(process.pid)
        if len(found) >= count:
            return found
        time.sleep(0.02)
    raise AssertionError("the workers never started")


def _alive(pids: list[int], seconds: float = 15) -> list[str]:
    """The processes among ``pids`` still running after ``seconds`` (empty when all ended),
    each with its state line, so that a failure says what was left."""
    deadline = time.monotonic() + seconds
    while True:
        alive = [p for p in pids if Path(f"/proc/{p}").exists() and not _zombie(p)]
        if not alive or time.monotonic() > deadline:
            return [_describe(p) for p in alive]
        time.sleep(0.05)


def _describe(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().strip()
    except OSError:
        return str(pid)


def _zombie(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1].startswith("Z")
    except (OSError, IndexError):
        return True


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_workers_die_with_their_parent(tree: Path, sig: signal.Signals) -> None:
    process = _start(tree, "-j", "2")
    workers = _workers(process, 2)
    process.send_signal(sig)
    process.wait()
    assert _alive(workers) == [], "workers outlived the parent"
    process.stdout.close()  # type: ignore[union-attr]
    process.stderr.close()  # type: ignore[union-attr]


def test_ctrl_c_exits_130(tree: Path) -> None:
    process = _start(tree, "-j", "2", start_new_session=True)
    workers = _workers(process, 2)
    time.sleep(0.2)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130, err.decode()
    assert err.decode().strip().endswith("yeplint: interrupted"), err.decode()
    assert "Traceback" not in err.decode()
    assert _alive(workers) == []


def test_a_closed_pipe_ends_the_run_quietly(small: Path) -> None:
    reader = subprocess.Popen(["head", "-1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    process = subprocess.Popen(
        [sys.executable, "-m", "yeplint", "check", "content", "--no-cache", "--format", "concise"],
        cwd=small,
        stdout=reader.stdin,
        stderr=subprocess.PIPE,
    )
    reader.stdin.close()  # type: ignore[union-attr]
    _, err = process.communicate(timeout=120)
    first = reader.stdout.read().decode()  # type: ignore[union-attr]
    reader.wait()
    assert first.startswith("content/p000.md:")
    assert (process.returncode, err.decode()) == (1, "")


def test_too_few_file_descriptors_falls_back_to_one_process(small: Path) -> None:
    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (24, 24))

    process = _start(small, "-j", "8", "--format", "concise", preexec_fn=limit)
    out, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert "checked in one process" in err.decode()
    assert out.decode().count("YEP201") == 250 * 2
