"""Paths → the sorted list of Markdown files to check, each with its content root.

Symlinked folders are followed once (no loops) when their target stays inside the root or
when they are named on the command line; hidden folders and ``node_modules`` are skipped, and
only regular files are returned: a FIFO named ``x.md`` is never opened. Files named explicitly
are checked even when they do not match ``include``.
"""

from __future__ import annotations

import os
import stat
from collections import deque
from pathlib import Path
from typing import Any, NamedTuple

from yeplint.config.files import LOOP, confine
from yeplint.config.globs import matches_any
from yeplint.config.settings import Settings
from yeplint.locale.messages import msg

SKIPPED_FOLDERS = frozenset({"node_modules", "__pycache__"})


class DiscoveryError(Exception):
    """A path given on the command line does not exist (exit 2)."""


class Target(NamedTuple):
    path: Path
    display: str
    root: Path
    skip_reason: str | None = None
    """Set when the file exists but must not be read (not a regular file)."""
    trusted: Path | None = None
    """The real folder behind a symlinked folder named on the command line, when it lies
    outside the root: its files and images count as inside."""

    @property
    def relative(self) -> str:
        return _relative(self.path, self.root)


def display_path(path: Path, cwd: Path) -> str:
    """The path as printed: relative to the working folder when inside it, and always valid
    UTF-8 (a byte that is not UTF-8 in a file name shows as U+FFFD instead of crashing output)."""
    text, base = os.fspath(path), os.fspath(cwd).rstrip(os.sep)
    if text.startswith(base) and text[len(base) : len(base) + 1] == os.sep:
        text = text[len(base) + 1 :]  # as text: Path.relative_to costs ~10 µs a call
        text = text if os.sep == "/" else text.replace(os.sep, "/")
    else:
        try:
            text = path.relative_to(cwd).as_posix()
        except ValueError:
            text = str(path)
    if text.isascii():
        return text
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def project_root(settings: Settings, cwd: Path) -> Path | None:
    """The config file's folder, else the git work tree around ``cwd``, else ``None``."""
    if settings.root is not None:
        return settings.root
    return next((p for p in (cwd, *cwd.parents) if (p / ".git").exists()), None)


def _root_for(arg: Path, project: Path | None, cwd: Path) -> Path:
    """The content root of a path given on the command line: the project when the path is
    inside it (so collection globs and `/static` see the whole site, wherever yeplint runs),
    else the folder given, else the working folder or the file's own folder."""
    if project is not None and (arg == project or project in arg.parents):
        return project
    if arg.is_dir():
        return arg
    if cwd in arg.parents:
        return cwd
    return arg.parent


def _site_of(arg: Path, settings: Settings) -> Path:
    """A folder above the site found below it (:attr:`Settings.site_below`): the site's own
    folder, written from ``arg`` (so that paths still show from the working folder), whose
    pages alone are checked; any other path as it is."""
    site = settings.root
    if not settings.site_below or site is None:
        return arg
    real = Path(os.path.realpath(arg))
    return arg / site.relative_to(real) if real in site.parents else arg


def discover(
    paths: list[Path],
    settings: Settings,
    cwd: Path | None = None,
    notices: list[str] | None = None,
    *,
    force_exclude: bool = True,
    excluded: list[Path] | None = None,
    walked: list[str] | None = None,
    unreadable: bool = False,
) -> list[Target]:
    """The files to check under ``paths``. Symlinked folders are followed once when their
    target stays inside the root, or when they are named on the command line; others are
    skipped with a line in ``notices``. A file named in ``paths`` that the configuration's
    ``exclude`` matches is checked all the same unless ``force_exclude`` (as ruff does: what a
    writer names, they want checked; pre-commit names every staged file, so its hooks force
    the exclusion); the files so left out are added to ``excluded``. Each folder listed is
    added to ``walked``, a symlinked file followed as ``link:<path>`` and a folder that cannot
    be listed as ``unreadable:<path>`` (what a stored walk depends on:
    :mod:`yeplint.site.index`). With ``unreadable`` (a run's own walk), a page found that cannot
    be read (a FIFO, a broken symlink, one leading out of the root) and a folder that cannot be
    listed are targets with their reason, which the run reports (YEP012) instead of passing
    over them."""
    cwd = (cwd or Path.cwd()).absolute()
    project = project_root(settings, cwd)
    found: dict[Path, Target] = {}
    seen: set[str] = set()
    told = notices if notices is not None else []
    for raw in paths:
        arg = Path(os.path.normpath(cwd / raw))
        try:
            mode = arg.lstat().st_mode
        except OSError as exc:
            raise DiscoveryError(f"{raw}: {exc.strerror or 'cannot access'}") from None
        arg = _site_of(arg, settings)
        root = _root_for(arg, project, cwd)
        trusted = None
        if stat.S_ISLNK(mode) and arg.is_dir():
            mode = stat.S_IFDIR  # named on the command line: followed once
            real = Path(os.path.realpath(arg))
            if not _inside(real, Path(os.path.realpath(root))):
                trusted = real
        if stat.S_ISDIR(mode) and force_exclude and named_excluded(arg, root, settings):
            if excluded is not None:
                excluded.append(arg)
            continue
        if stat.S_ISDIR(mode):
            skipped: dict[Path, str] | None = {} if unreadable else None
            for path in _walk(arg, root, settings, trusted, told, cwd, seen, walked, skipped):
                found.setdefault(path, Target(path, display_path(path, cwd), root, trusted=trusted))
            for path, why in (skipped or {}).items():
                found.setdefault(path, Target(path, display_path(path, cwd), root, why))
            continue
        reason: str | None = None
        if stat.S_ISLNK(mode):
            try:
                mode = arg.stat().st_mode
            except OSError:
                reason = msg("a broken or looping symlink")
            else:
                if not _regular_inside(arg, root):
                    reason = msg("a symlink that leaves the content root")
        if reason is None and not stat.S_ISREG(mode):
            reason = msg("not a regular file")
        if force_exclude and named_excluded(arg, root, settings):
            if excluded is not None:
                excluded.append(arg)
            continue
        named = os.path.realpath(arg)
        if named in seen and arg not in found:
            continue  # the same file, found under another path
        seen.add(named)
        found.setdefault(arg, Target(arg, display_path(arg, cwd), root, reason))
    return sorted(found.values(), key=lambda t: t.display)


def _relative(path: Path, root: Path) -> str:
    text, base = os.fspath(path), os.fspath(root).rstrip(os.sep)
    if text.startswith(base) and text[len(base) : len(base) + 1] == os.sep:
        rest = text[len(base) + 1 :]  # as text: Path.relative_to costs ~10 µs a call
        return rest if os.sep == "/" else rest.replace(os.sep, "/")
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.name


def _excluded(path: Path, root: Path, settings: Settings) -> bool:
    return bool(settings.exclude) and matches_any(settings.exclude, _relative(path, root))


def named_excluded(path: Path, root: Path, settings: Settings) -> bool:
    """Whether ``exclude`` matches a path named on the command line or a folder above it, up
    to the root: the walk never enters an excluded folder, so ``exclude = ["drafts"]`` leaves
    out ``drafts/post.md`` when pre-commit names it too (ruff's ``--force-exclude``)."""
    if not settings.exclude:
        return False
    parts = _relative(path, root).split("/")
    folders = ["/".join(parts[:k]) for k in range(1, len(parts))]
    if path.is_dir():
        folders.append("/".join(parts))
    elif matches_any(settings.exclude, "/".join(parts)):
        return True
    return any(
        matches_any(settings.exclude, f) or matches_any(settings.exclude, f + "/") for f in folders
    )


def _inside(real: Path, base: Path) -> bool:
    return real == base or base in real.parents


def _regular_inside(link: Path, root: Path, trusted: Path | None = None) -> bool:
    real = Path(os.path.realpath(link))
    bases = [Path(os.path.realpath(root)), *([trusted] if trusted else [])]
    if not any(_inside(real, base) for base in bases):
        return False
    try:
        return stat.S_ISREG(real.stat().st_mode)
    except OSError:
        return False


Ignores = tuple[tuple[Path, Any], ...]


def _gitignore(folder: Path, inherited: Ignores) -> Ignores:
    """Add ``folder/.gitignore`` (parsed by pathspec, imported only when asked) to the specs."""
    try:
        lines = (folder / ".gitignore").read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return inherited
    import pathspec

    return (*inherited, (folder, pathspec.GitIgnoreSpec.from_lines(lines)))


def _ignores_above(folder: Path) -> Ignores:
    """What git ignores before the walk reaches ``folder``: ``.git/info/exclude`` of its work
    tree and every ``.gitignore`` from the work tree's top down to ``folder``'s parent."""
    top = next((p for p in (folder, *folder.parents) if (p / ".git").exists()), None)
    if top is None:
        return ()
    specs: Ignores = ()
    try:
        lines = (top / ".git" / "info" / "exclude").read_text(encoding="utf-8", errors="replace")
    except OSError:
        lines = ""
    if lines.strip():
        import pathspec

        specs = ((top, pathspec.GitIgnoreSpec.from_lines(lines.splitlines())),)
    for above in reversed([top, *(p for p in folder.parents if top in p.parents)]):
        if above != folder:
            specs = _gitignore(above, specs)
    return specs


def _ignored(path: Path, is_dir: bool, specs: Ignores) -> bool:
    for base, spec in specs:
        relative = path.relative_to(base).as_posix() + ("/" if is_dir else "")
        if spec.match_file(relative):
            return True
    return False


def _include_suffixes(include: tuple[str, ...]) -> tuple[str, ...] | None:
    """``(".md", ".markdown")`` when every include pattern is ``*.<ext>``: a quick no for most
    files without building a path; ``None`` when the patterns are more general."""
    suffixes = tuple(p[1:] for p in include if p.startswith("*.") and "/" not in p[2:])
    if len(suffixes) != len(include) or any(set("*?[") & set(x) for x in suffixes):
        return None
    return suffixes


def _walk(
    folder: Path,
    root: Path,
    settings: Settings,
    trusted: Path | None,
    notices: list[str],
    cwd: Path,
    seen: set[str],
    walked: list[str] | None = None,
    skipped: dict[Path, str] | None = None,
) -> list[Path]:
    """The pages under ``folder``. Real folders are walked first and symlinks (to folders or
    files) met on the way are followed after them, so that a file reached both ways is found
    under its own path, and each real file once (``seen``: the real paths found so far, shared
    by every path on the command line). A folder already walked is not walked again, which
    also ends symlink loops. A folder that cannot be listed is named in ``notices``, or with
    ``skipped`` put there with its reason, as is each page that cannot be read."""
    result: list[Path] = []
    gitignore = settings.respect_gitignore
    suffixes = _include_suffixes(settings.include)
    start = os.path.realpath(folder)
    stack: list[tuple[Path, Ignores, str]] = [
        (folder, _ignores_above(folder) if gitignore else (), start)
    ]
    links: deque[tuple[Path, Ignores, str, bool]] = deque()
    """Symlinks met: (path, ignores, the link's own real place, hidden)."""
    bases = [Path(os.path.realpath(root)), *([trusted] if trusted else [])]
    visited = {start}

    def add(path: Path, real: str, specs: Ignores) -> None:
        relative = _relative(path, root)
        if (
            real not in seen
            and matches_any(settings.include, relative)
            and not _excluded(path, root, settings)
            and not (specs and _ignored(path, False, specs))
        ):
            seen.add(real)
            result.append(path)

    def unread(path: Path, reason: str, specs: Ignores) -> None:
        """A page (by its name) that cannot be read: the run says so instead of passing it."""
        if skipped is None or not matches_any(settings.include, _relative(path, root)):
            return
        if _excluded(path, root, settings) or (specs and _ignored(path, False, specs)):
            return
        skipped[path] = reason
        if walked is not None:
            walked.append(f"unreadable:{path}")  # never stored: each run looks again

    while stack or links:
        if not stack:  # every real folder walked: follow the next symlink
            path, specs, place, hidden = links.popleft()
            if walked is not None:
                walked.append(f"link:{path}")
            # resolved name by name inside the root (or the trusted folder): what a symlink
            # leads to outside them is never looked at, not even stat'ed
            found = [confine(place, base) for base in bases]
            target = next((t for t in found if isinstance(t, Path)), None)
            page = suffixes is None or path.name.endswith(suffixes)
            if target is None and LOOP in found:
                if page:
                    unread(path, msg("a broken or looping symlink"), specs)
                continue
            if target is None:
                if page:
                    unread(path, msg("a symlink that leaves the content root"), specs)
                elif not hidden:
                    notices.append(
                        f"skipped {display_path(path, cwd)}: a symlink that leads outside"
                        f" the project (name it on the command line to check it)"
                    )
                continue
            try:
                mode = target.stat().st_mode
            except OSError:
                if page:
                    unread(path, msg("a broken or looping symlink"), specs)
                continue
            real = os.fspath(target)
            if not stat.S_ISDIR(mode):
                if not page:
                    continue
                if stat.S_ISREG(mode):
                    add(path, real, specs)
                else:
                    unread(path, msg("not a regular file"), specs)
                continue
            if hidden or real in visited:
                continue  # a loop, or a folder already walked
            visited.add(real)
            if not _excluded(path, root, settings):
                stack.append((path, specs, real))
            continue
        current, specs, real = stack.pop()
        if gitignore:
            specs = _gitignore(current, specs)
        try:
            with os.scandir(current) as it:
                entries = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            if walked is not None:
                walked.append(f"unreadable:{current}")
            reason = exc.strerror or type(exc).__name__
            if skipped is not None and current != folder:
                skipped[current] = msg("the folder cannot be read ({reason})", reason=reason)
                continue
            notices.append(
                msg(
                    "skipped {folder}: the folder cannot be read ({reason})",
                    folder=display_path(current, cwd),
                    reason=reason,
                )
            )
            continue
        if walked is not None:
            walked.append(os.fspath(current))
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS:
                        continue
                    path = Path(entry.path)
                    inner = f"{real.rstrip(os.sep)}{os.sep}{entry.name}"
                    if inner in visited:
                        continue  # reached through a symlink, and walked already
                    if not _excluded(path, root, settings) and not (
                        specs and _ignored(path, True, specs)
                    ):
                        visited.add(inner)
                        stack.append((path, specs, inner))
                    continue
                if entry.is_symlink():  # followed after the real folders, if it stays inside
                    hidden = entry.name.startswith(".") or entry.name in SKIPPED_FOLDERS
                    place = f"{real.rstrip(os.sep)}{os.sep}{entry.name}"
                    links.append((Path(entry.path), specs, place, hidden))
                    continue
                if suffixes is not None and not entry.name.endswith(suffixes):
                    continue
                if not entry.is_file(follow_symlinks=False):
                    # FIFOs, sockets and devices are never opened: said, not passed over
                    unread(current / entry.name, msg("not a regular file"), specs)
                    continue
            except OSError:
                continue
            add(current / entry.name, f"{real.rstrip(os.sep)}{os.sep}{entry.name}", specs)
    return result
