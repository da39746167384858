"""``--changed-since REF`` and ``--staged``: the pages changed since a git ref (or staged), and
the pages that reference an image, a file or a page that changed or was deleted since then
(renaming an image or a page breaks pages nobody touched, and a page's headings are other
pages' anchors).

A page refers to another file by a link target or image reference whose last path segment is
that file's name, or a changed page's slug (its URL's last segment). A page is taken as a
dependent when one of its references, as the Markdown parse and the front matter show them,
ends in such a segment; a mere mention in the text (a new page ``t.md`` and every page that
has a ``t`` somewhere) does not count. In a dependent only the problems of those references
are the change's to report, and a translation's disagreement with a changed twin.

git is asked only with values that cannot be taken for options: a ref is verified as a commit
first (``--end-of-options``), and paths always follow ``--``. A submodule whose recorded commit
changed is expanded into the files that changed inside it, when it is checked out at that
commit; otherwise it is named as not checked."""

from __future__ import annotations

import subprocess
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from yeplint.config.files import read_upto
from yeplint.config.settings import PAGE_SUFFIXES, Settings
from yeplint.diagnostics import Diagnostic, Span
from yeplint.document.post import Post, load_text
from yeplint.site.discovery import Target
from yeplint.site.urls import (
    classify,
    read_keys,
    slug_from_front_matter,
    slug_of,
    translations_of,
    undated_slug,
)


class ChangesError(Exception):
    """git failed or the ref is unknown (exit 2)."""


def git(args: list[str], cwd: Path) -> list[str]:
    """What git prints, split at NUL bytes; a failure is a :class:`ChangesError`. ``args``
    hold no user value before ``--end-of-options`` or ``--``."""
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

TRANSLATION_CODES = ("YEP502", "YEP503", "YEP505")
"""A translation's agreement with its primary page: another page's change can break it."""
TARGET_CODES = ("YEP301", "YEP303", "YEP304", "YEP307", "YEP308", "YEP401", "YEP404")
"""What a changed or deleted file breaks at a reference to it: a missing image or link target,
its case, where it lies, its format and width, the anchors of the page it links to. (Alt text,
backslashes, empty links say nothing about the target: they are the page's own.)"""

GITLINK = "160000"
"""The mode git gives a submodule's recorded commit."""


def verified(ref: str, cwd: Path) -> str:
    """The commit ``ref`` names; a value that is no commit (a typo, an option such as
    ``--output=x``) is a :class:`ChangesError`, before any other git command sees it."""
    try:
        found = git(
            ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{ref}^{{commit}}"], cwd
        )
    except ChangesError:
        found = []
    if not found:
        raise ChangesError(f"--changed-since: `{ref}` is not a commit in this repository")
    return found[0].strip()


@dataclass(frozen=True)
class _Entry:
    """One line of ``git diff --raw``."""

    old_mode: str
    new_mode: str
    old: str
    new: str
    path: str

    @property
    def submodule(self) -> bool:
        return GITLINK in (self.old_mode, self.new_mode)


def _raw(args: list[str], cwd: Path) -> list[_Entry]:
    """``git diff --raw -z`` with ``args``: each changed path with its modes and objects."""
    fields = git(["diff", "--raw", "-z", "--no-renames", "--no-abbrev", *args], cwd)
    entries = []
    for header, path in zip(fields[::2], fields[1::2], strict=False):
        old_mode, new_mode, old, new, _ = header.lstrip(":").split(" ", 4)
        entries.append(_Entry(old_mode, new_mode, old, new, path))
    return entries


def _none(sha: str) -> bool:
    return not sha.strip("0")


def changed_paths(ref: str | None, cwd: Path, unchecked: list[Path] | None = None) -> set[Path]:
    """Files changed (or deleted, or untracked) in the work tree since ``ref``; with
    ``STAGED``, the files added, changed or deleted in the index. The files of a changed
    submodule are among them; a submodule that cannot be expanded is added to ``unchecked``."""
    top = Path(git(["rev-parse", "--show-toplevel"], cwd)[0].strip())
    missed = unchecked if unchecked is not None else []
    if ref is STAGED:
        entries = _raw(["--cached", "--ignore-submodules=none", "--"], top)
        return _expand(entries, top, missed, staged=True)
    commit = verified(ref, top)
    entries = _raw(["--ignore-submodules=none", "--end-of-options", commit, "--"], top)
    found = _expand(entries, top, missed, staged=False)
    return found | _untracked(top)


def _untracked(top: Path) -> set[Path]:
    names = git(["ls-files", "--others", "--exclude-standard", "-z", "--"], top)
    return {(top / name).resolve() for name in names}


def _expand(entries: list[_Entry], top: Path, missed: list[Path], *, staged: bool) -> set[Path]:
    found: set[Path] = set()
    for entry in entries:
        if entry.submodule:
            found |= _submodule(top / entry.path, entry, missed, staged=staged)
        else:
            found.add((top / entry.path).resolve())
    return found


def _submodule(folder: Path, entry: _Entry, missed: list[Path], *, staged: bool) -> set[Path]:
    """The files that changed inside a submodule between the commit recorded before and the
    one recorded now (staged) or its work tree (``--changed-since``). Only a checkout shows
    them: one that is absent, or (staged) at another commit than the one staged, is missed."""
    try:
        if not (folder / ".git").exists():
            raise ChangesError("not checked out")
        if not staged:
            if _none(entry.old):  # added since the ref: all of it
                tracked = git(["ls-files", "-z", "--"], folder)
                return {(folder / n).resolve() for n in tracked} | _untracked(folder)
            return changed_paths(entry.old, folder, missed)
        if _none(entry.new) or verified("HEAD", folder) != entry.new:
            raise ChangesError("not at the staged commit")
        if _none(entry.old):
            tree = ["ls-tree", "-r", "--name-only", "-z", "--end-of-options", entry.new, "--"]
            return {(folder / n).resolve() for n in git(tree, folder)}
        between = _raw(["--end-of-options", verified(entry.old, folder), entry.new, "--"], folder)
        return _expand(between, folder, missed, staged=True)
    except ChangesError:
        missed.append(folder)
        return set()


@dataclass(frozen=True)
class Selection:
    targets: list[Target]
    """The changed pages and the pages that depend on a changed file."""
    dependents: frozenset[Path]
    """Those among them that did not change themselves: only what the change can break in
    them is theirs to report."""
    changed: frozenset[Path] = frozenset()
    """Every file that changed (resolved): an image among them is the change's to report
    (an orphan), an image that did not change is not."""
    references: Mapping[Path, frozenset[tuple[int, int]]] | None = None
    """Per dependent, where (line, column) its references to a changed file start: the
    problems of a reference start where it does."""
    twins: frozenset[Path] = frozenset()
    """Dependents that are another language's version of a changed page."""
    unchecked: tuple[Path, ...] = ()
    """Submodules whose change could not be followed into their files."""

    def keeps(self, d: Diagnostic, files: Mapping[str, Target]) -> bool:
        """Whether a selective run reports ``d``: anything in a page that changed; in a page
        that did not, a problem of a reference to a changed file, or its disagreement with a
        changed translation; an image's problem if it changed."""
        target = files.get(d.path)
        if target is None:
            return Path(d.path).resolve() in self.changed
        if target.path not in self.dependents:
            return True
        if d.code.startswith(TRANSLATION_CODES):
            return target.path in self.twins
        starts = (self.references or {}).get(target.path, frozenset())
        return d.code.startswith(TARGET_CODES) and (d.line, d.column) in starts


def select_changed(
    targets: list[Target], ref: str | None, cwd: Path, settings: Settings
) -> Selection:
    unchecked: list[Path] = []
    changed = changed_paths(ref, cwd, unchecked)
    names = _names(changed, settings)
    twins: set[Path] = set()
    for page in changed:
        if page.name.lower().endswith(PAGE_SUFFIXES):
            twins |= translations_of(page, settings.languages)
    needles = {n.encode("utf-8") for n in names} | {quote(n).lower().encode() for n in names}
    chosen, dependents, found, twinned = [], set(), {}, set()
    for target in targets:
        path = target.path.resolve()
        if path in changed:
            chosen.append(target)
            continue
        if target.skip_reason:
            continue
        starts = _references_to(target.path, names, needles, settings) if needles else None
        if path in twins or starts:
            chosen.append(target)
            dependents.add(target.path)
            found[target.path] = starts or frozenset()
            if path in twins:
                twinned.add(target.path)
    return Selection(
        chosen,
        frozenset(dependents),
        frozenset(changed),
        found,
        frozenset(twinned),
        tuple(unchecked),
    )


def _names(changed: Iterable[Path], settings: Settings) -> frozenset[str]:
    """The last segments a reference to a changed file may end in (lower case: a reference
    that differs in case is one too): each file's name, and a page's slug, also the one its
    front matter sets when URLs take it from there."""
    names: set[str] = set()
    from_front_matter = slug_from_front_matter(settings)
    for path in changed:
        names.add(path.name)
        if path.name.lower().endswith(PAGE_SUFFIXES):
            names.add(slug_of(path, settings.languages))
            names.add(undated_slug(path, settings))  # a Jekyll post is served without its date
            if from_front_matter:
                slug = read_keys(path, frozenset(("slug",)), settings).get("slug")
                if isinstance(slug, str):
                    names.add(slug.strip("/").rsplit("/", 1)[-1])
    return frozenset(n.lower() for n in names if n)


def _references_to(
    path: Path, names: frozenset[str], needles: set[bytes], settings: Settings
) -> frozenset[tuple[int, int]]:
    """Where the page's references to one of ``names`` start. Only a page whose bytes hold a
    name (as written, or URL-encoded) is parsed: most pages are passed over at a byte scan."""
    try:
        data = read_upto(path, settings.max_file_size)
    except OSError:
        return frozenset()
    if len(data) > settings.max_file_size:
        return frozenset()  # the linter does not read it either
    folded = data.lower()
    if not any(needle in folded for needle in needles):
        return frozenset()
    post = load_text(path, path.name, data, settings.front_matter)
    return frozenset(
        (span.line, span.column)
        for target, span in _references(post, settings)
        if _last_segment(target) & names
    )


def _references(post: Post, settings: Settings) -> Iterator[tuple[str, Span]]:
    """Every reference the image and link rules check: the front matter's image fields, the
    body's images, its links (with the spans the rules report them at)."""
    data, front_matter = post.data, post.front_matter
    if data is not None and front_matter is not None:
        for field in settings.image_fields:
            value = data.get(field)
            if isinstance(value, str) and value.strip():
                yield value, front_matter.locate((field,))
    for image in post.body.images:
        yield image.target, image.span
    for link in post.body.links:
        yield link.target, link.span


def _last_segment(target: str) -> set[str]:
    """The file or page name a reference ends in, lower case (``../Team.JPG?v=2`` →
    ``team.jpg``, ``/blog/t/#kop`` → ``t``, ``t.html`` → also ``t``); none for an external or
    anchor-only one."""
    found = classify(target.replace("\\", "/"))
    if found.kind == "skip":
        return set()
    name = found.path.rstrip("/").rsplit("/", 1)[-1].lower()
    return {name, name.removesuffix(".html")}
