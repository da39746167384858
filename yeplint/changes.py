"""``--changed-since REF``: the pages changed since a git ref, and the pages that reference an
image or a page that changed or was deleted since then (renaming an image or a page breaks
pages nobody touched, and a page's headings are other pages' anchors).

A page refers to another by its file name or by its URL, whose last segment is the page's slug;
so the pages re-checked are those whose text contains a changed file's name, or a changed
page's slug. That may take a few pages too many, never one too few."""

from __future__ import annotations

import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from yeplint.diagnostics import Diagnostic
from yeplint.discovery import Target
from yeplint.images import IMAGE_SUFFIXES
from yeplint.site import PAGE_SUFFIXES, slug_of, translations_of


class ChangesError(Exception):
    """git failed or the ref is unknown (exit 2)."""


def _git(args: list[str], cwd: Path) -> list[str]:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ChangesError(f"cannot run git: {exc}") from None
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ChangesError(f"git {' '.join(args[:2])}: {message[-1] if message else 'failed'}")
    return [p for p in done.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


STAGED = None
"""The ``ref`` that means: what is staged for the next commit (pre-commit's view)."""

RELATED_CODES = ("YEP3", "YEP4", "YEP502", "YEP503")
"""What another file's change can break in a page: its images, its links and anchors, its
agreement with its translation."""


def changed_paths(ref: str | None, cwd: Path) -> set[Path]:
    """Files changed (or deleted, or untracked) in the work tree since ``ref``; with
    ``STAGED``, the files added, changed or deleted in the index."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd)[0].strip())
    if ref is STAGED:
        names = _git(["diff", "--cached", "--name-only", "--no-renames", "-z", "--"], top)
    else:
        names = _git(["diff", "--name-only", "--no-renames", "-z", ref, "--"], top)
        names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    return {(top / name).resolve() for name in names}


@dataclass(frozen=True)
class Selection:
    targets: list[Target]
    """The changed pages and the pages that depend on a changed file."""
    dependents: frozenset[Path]
    """Those among them that did not change themselves: only what the change can break in
    them (``RELATED_CODES``) is theirs to report."""
    changed: frozenset[Path] = frozenset()
    """Every file that changed (resolved): an image among them is the change's to report
    (an orphan), an image that did not change is not."""

    def keeps(self, d: Diagnostic, files: Mapping[str, Target]) -> bool:
        """Whether a selective run reports ``d``: anything in a page that changed, what the
        change can break in a page that did not, and an image's problem if it changed."""
        target = files.get(d.path)
        if target is None:
            return Path(d.path).resolve() in self.changed
        return target.path not in self.dependents or d.code.startswith(RELATED_CODES)


def select_changed(
    targets: list[Target],
    ref: str | None,
    cwd: Path,
    languages: tuple[tuple[str, str], ...] = (),
) -> Selection:
    changed = changed_paths(ref, cwd)
    names = {p.name for p in changed if p.suffix.lower() in IMAGE_SUFFIXES}
    twins: set[Path] = set()
    for page in changed:
        if page.name.lower().endswith(PAGE_SUFFIXES):
            names |= {page.name, slug_of(page, languages)}
            twins |= translations_of(page, languages)
    needles = {n.encode("utf-8") for n in names if n} | {quote(n).encode() for n in names if n}
    chosen, dependents = [], set()
    for target in targets:
        path = target.path.resolve()
        if path in changed:
            chosen.append(target)
        elif path in twins or (
            needles and not target.skip_reason and _mentions(target.path, needles)
        ):
            chosen.append(target)
            dependents.add(target.path)
    return Selection(chosen, frozenset(dependents), frozenset(changed))


MAX_SCAN = 1_000_000
"""Bytes of a page searched for image names (pages over this are skipped when checked too)."""


def _mentions(path: Path, needles: set[bytes]) -> bool:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCAN)
    except OSError:
        return False
    return any(needle in data for needle in needles)
