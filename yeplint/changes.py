"""``--changed-since REF``: the pages changed since a git ref, and the pages that reference an
image or a page that changed or was deleted since then (renaming an image or a page breaks
pages nobody touched, and a page's headings are other pages' anchors).

A page refers to another by its file name or by its URL, whose last segment is the page's slug;
so the pages re-checked are those whose text contains a changed file's name, or a changed
page's slug. That may take a few pages too many, never one too few."""

from __future__ import annotations

import subprocess
from pathlib import Path
from urllib.parse import quote

from yeplint.discovery import Target
from yeplint.images import IMAGE_SUFFIXES
from yeplint.site import PAGE_SUFFIXES, slug_of


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


def changed_paths(ref: str, cwd: Path) -> set[Path]:
    """Files changed (or deleted, or untracked) in the work tree since ``ref``."""
    top = Path(_git(["rev-parse", "--show-toplevel"], cwd)[0].strip())
    names = _git(["diff", "--name-only", "--no-renames", "-z", ref, "--"], top)
    names += _git(["ls-files", "--others", "--exclude-standard", "-z"], top)
    return {(top / name).resolve() for name in names}


def select_changed(
    targets: list[Target], ref: str, cwd: Path, languages: tuple[tuple[str, str], ...] = ()
) -> list[Target]:
    changed = changed_paths(ref, cwd)
    names = {p.name for p in changed if p.suffix.lower() in IMAGE_SUFFIXES}
    for page in changed:
        if page.name.lower().endswith(PAGE_SUFFIXES):
            names |= {page.name, slug_of(page, languages)}
    needles = {n.encode("utf-8") for n in names if n} | {quote(n).encode() for n in names if n}
    return [
        target
        for target in targets
        if target.path.resolve() in changed
        or (needles and not target.skip_reason and _mentions(target.path, needles))
    ]


MAX_SCAN = 1_000_000
"""Bytes of a page searched for image names (pages over this are skipped when checked too)."""


def _mentions(path: Path, needles: set[bytes]) -> bool:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_SCAN)
    except OSError:
        return False
    return any(needle in data for needle in needles)
