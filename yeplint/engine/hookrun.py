"""One pre-commit run, two hooks: what one of them checked, the other leaves alone.

With both hooks of .pre-commit-hooks.yaml in a run (a configuration with both, or
``pre-commit try-repo`` with every hook), the ``yeplint`` hook checks the staged pages
pre-commit passes it and ``yeplint-content`` checks the staged pages and what they break
elsewhere: each staged page's problems would be printed twice. pre-commit runs the hooks one
after the other (``require_serial``), each with ``PRE_COMMIT=1`` set; so the first hook writes
the pages it checked in full to a record in ``.git/yeplint/``, and the second leaves them out,
whichever order the hooks run in. Outside pre-commit nothing is read or written.

A left-out page must get the verdict it would have got, so the record is strict about what it
vouches for:

- Its name is a hash of what both hooks of one run see alike and a later run rarely does: the
  staged tree (``git write-tree``), the configuration with the rules, severities and options
  it resolves to (:meth:`yeplint.engine.linter.Linter.cache_key`, which holds yeplint's own build
  too), and the pre-commit process (its id with its start time, where the system tells it).
  A process id alone was shared by runs in fresh PID namespaces (containers, CI runners that
  keep their checkout).
- Only a run that shows every problem writes or reads it: one narrowed by ``--select``,
  ``--ignore``, ``--severity error``, ``--exit-zero``, a baseline or the like shows less than
  the other hook would, and checks all it is given.
- Each page is recorded with a hash of its bytes, as read before and after it was checked: a
  page whose bytes differ (another hook in between fixed it) is checked again.
- Each page is recorded with its number of errors. A page left out with errors makes this
  hook fail too (saying the other hook reported them), so that even a record that outlived its
  run never turns a failure into a pass.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from yeplint.diagnostics import Diagnostic, Severity
from yeplint.engine.linter import INTERNAL_ERROR
from yeplint.site.discovery import Target

STALE_SECONDS = 3600
"""A record older than this belongs to an earlier run: it is neither read nor kept."""


@dataclass(frozen=True)
class Checked:
    """What the record says of one page."""

    digest: str
    """The hash of the page's bytes that were checked."""
    errors: int
    """How many errors the check found in it."""


def record_file(
    cwd: Path, config_key: str, environ: Mapping[str, str] | None = None
) -> Path | None:
    """Where this pre-commit run's record is, or ``None`` outside pre-commit, outside a git
    work tree, or when the staged tree cannot be written (an unmerged index)."""
    env = os.environ if environ is None else environ
    if env.get("PRE_COMMIT") != "1":
        return None
    git_dir = _git_dir(cwd)
    if git_dir is None:
        return None
    tree = _staged_tree(cwd)
    if tree is None:
        return None
    key = hashlib.sha256("\0".join((tree, config_key, _pre_commit_process())).encode())
    return git_dir / "yeplint" / f"pre-commit-{key.hexdigest()[:32]}"


def _staged_tree(cwd: Path) -> str | None:
    """The id of the tree the index holds: the same for both hooks of a run (pre-commit fails
    a run whose hooks change what is staged)."""
    from yeplint.engine.changes import ChangesError, git

    try:
        found = git(["write-tree"], cwd)
    except ChangesError:
        return None
    return found[0].strip() if found else None


def _pre_commit_process() -> str:
    """The parent process (pre-commit, for a hook): its id and, where ``/proc`` tells it, its
    start time, so that a reused id is another process."""
    parent = os.getppid()
    try:
        stat = Path(f"/proc/{parent}/stat").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return str(parent)
    fields = stat.rpartition(")")[2].split()
    return f"{parent}/{fields[19] if len(fields) > 19 else ''}"


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


def digest(path: Path) -> str | None:
    """The hash of the file's bytes, or ``None`` when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def already_checked(record: Path) -> dict[Path, Checked]:
    """The pages another hook of this run checked in full, with what it found."""
    try:
        if time.time() - record.stat().st_mtime > STALE_SECONDS:
            return {}
        text = record.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return {}
    found = {}
    for line in text.splitlines():
        hashed, _, rest = line.partition(" ")
        errors, _, page = rest.partition(" ")
        if hashed and errors.isdigit() and page:
            found[Path(page)] = Checked(hashed, int(errors))
    return found


def remember(record: Path, pages: Mapping[Path, Checked]) -> None:
    """Add ``pages`` (checked in full) to the record, and drop records of earlier runs. A
    record that cannot be written costs only the duplicate output it would have saved."""
    try:
        record.parent.mkdir(exist_ok=True)
        for old in record.parent.glob("pre-commit-*"):
            if old != record and time.time() - old.stat().st_mtime > STALE_SECONDS:
                old.unlink(missing_ok=True)
        with record.open("a", encoding="utf-8", errors="surrogateescape") as handle:
            handle.writelines(f"{c.digest} {c.errors} {page}\n" for page, c in pages.items())
    except OSError:
        return


@dataclass
class Share:
    """One hook's part in the record: the pages it leaves to the other hook, and those it
    checks in full and records after the check."""

    record: Path
    left_out: dict[Target, Checked] = field(default_factory=dict)
    checking: dict[Target, str] = field(default_factory=dict)
    """The pages checked in full, with the hash of their bytes before the check."""

    def leave_out(self, targets: list[Target], partial: Iterable[Path] = ()) -> list[Target]:
        """The targets this hook checks: those the record does not vouch for at their present
        bytes. ``partial`` pages are checked only for what a change breaks in them: they are
        not recorded."""
        done = already_checked(self.record)
        partly = frozenset(partial)
        kept = []
        for target in targets:
            path = target.path.resolve()
            now = digest(path)
            seen = done.get(path)
            if now is not None and seen is not None and seen.digest == now:
                self.left_out[target] = seen
                continue
            kept.append(target)
            if now is not None and target.path not in partly and not target.skip_reason:
                self.checking[target] = now
        return kept

    def remember(self, diagnostics: Iterable[Diagnostic]) -> None:
        """Record the pages checked in full, each with its errors; not a page whose bytes
        changed during the check, nor one yeplint failed on (that verdict is exit code 2)."""
        errors: dict[str, int] = {}
        failed: set[str] = set()
        for d in diagnostics:
            if d.severity is Severity.ERROR:
                errors[d.path] = errors.get(d.path, 0) + 1
            if d.code == INTERNAL_ERROR[0]:
                failed.add(d.path)
        pages = {
            target.path.resolve(): Checked(before, errors.get(target.display, 0))
            for target, before in self.checking.items()
            if target.display not in failed and digest(target.path) == before
        }
        remember(self.record, pages)

    @property
    def errors_elsewhere(self) -> dict[str, int]:
        """The pages left out that have errors (by display path), with how many."""
        return {t.display: c.errors for t, c in self.left_out.items() if c.errors}


def share(cwd: Path, config_key: str, environ: Mapping[str, str] | None = None) -> Share | None:
    """This hook's share of the run's record, or ``None`` outside pre-commit."""
    record = record_file(cwd, config_key, environ)
    return Share(record) if record is not None else None
