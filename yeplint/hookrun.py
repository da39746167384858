"""One pre-commit run, two hooks: what one of them checked, the other leaves alone.

With both hooks of .pre-commit-hooks.yaml in a run (a configuration with both, or
``pre-commit try-repo`` with every hook), the ``yeplint`` hook checks the staged pages
pre-commit passes it and ``yeplint-content`` checks the staged pages and what they break
elsewhere: each staged page's problems would be printed twice. pre-commit runs the hooks one
after the other (``require_serial``), each as a child of the one pre-commit process and with
``PRE_COMMIT=1`` set; so the first hook writes the pages it checked in full to
``.git/yeplint/pre-commit-<pre-commit's pid>``, and the second leaves them out, whichever order
the hooks run in. Outside pre-commit nothing is read or written.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping
from pathlib import Path

STALE_SECONDS = 3600
"""A record older than this belongs to an earlier run (its process id may be reused)."""


def record_file(cwd: Path, environ: Mapping[str, str] | None = None) -> Path | None:
    """Where this pre-commit run's record is, or ``None`` outside pre-commit or a git work
    tree."""
    env = os.environ if environ is None else environ
    if env.get("PRE_COMMIT") != "1":
        return None
    git_dir = _git_dir(cwd)
    if git_dir is None:
        return None
    return git_dir / "yeplint" / f"pre-commit-{os.getppid()}"


def _git_dir(cwd: Path) -> Path | None:
    """The repository's git folder: ``.git``, or where a ``.git`` file (a worktree, a
    submodule) points; pre-commit runs hooks from the work tree's top."""
    for folder in (cwd.resolve(), *cwd.resolve().parents):
        dot = folder / ".git"
        if dot.is_dir():
            return dot
        if dot.is_file():
            try:
                first = dot.read_text(encoding="utf-8").splitlines()[0]
            except (OSError, UnicodeDecodeError, IndexError):
                return None
            if first.startswith("gitdir:"):
                return (folder / first.removeprefix("gitdir:").strip()).resolve()
            return None
    return None


def already_checked(record: Path) -> set[Path]:
    """The pages another hook of this run checked in full."""
    try:
        if time.time() - record.stat().st_mtime > STALE_SECONDS:
            return set()
        text = record.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return set()
    return {Path(line) for line in text.splitlines() if line}


def remember(record: Path, pages: Iterable[Path]) -> None:
    """Add ``pages`` (checked in full) to the record, and drop records of earlier runs. A
    record that cannot be written costs only the duplicate output it would have saved."""
    try:
        record.parent.mkdir(exist_ok=True)
        for old in record.parent.glob("pre-commit-*"):
            if old != record and time.time() - old.stat().st_mtime > STALE_SECONDS:
                old.unlink(missing_ok=True)
        with record.open("a", encoding="utf-8", errors="surrogateescape") as handle:
            handle.writelines(f"{page}\n" for page in pages)
    except OSError:
        return
