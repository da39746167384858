"""The result cache: ``.yeplint_cache/`` in the project root, like ruff's.

A file's diagnostics are reused when all of these are unchanged: its bytes (BLAKE2 hash), the
configuration (settings, the selected rules and their severities and options, the text of every
schema, and yeplint itself: the hash of its installed files, not just its version string;
together the cache file's name), and every image reference it made (how it resolved, and the
stamp of the image found: modification time, size, change time and inode, taken through the
open file before its header was read, so the verdict belongs to exactly that version). So an
edited post, a changed schema and a deleted, added, replaced or rewritten image are always
checked again. A stamp less than two seconds old is not trusted (like git's "racily clean"
entries: a file changed within the clock's granularity may keep its stamp), so an image
written during a run is checked again the next time.

The cache is JSON lines (never pickle: a cache directory can come from anywhere), written to a
temporary file and renamed into place, so concurrent runs never see half a file; the last
writer wins. The file is opened without following symlinks and without blocking, must be a
regular file of at most ``MAX_BYTES``, and every row is checked; on any doubt the whole cache
is dropped, with one notice.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yeplint import __version__
from yeplint.diagnostics import Diagnostic, Edit, Fix, Intent, Severity, Span
from yeplint.images import ImageResolver, Resolution, Stamp, Status, stamp_of

DIRECTORY = ".yeplint_cache"
KEEP_FILES = 8
"""Cache files of other configurations kept beside the current one."""

Dependency = list[Any]
"""``[reference, post folder, root, status, path, stamp]`` (see :func:`dependency`)."""
MAX_BYTES = 256 * 1024 * 1024
"""A cache file larger than this is not read (50,000 posts make about 40 MB)."""
RACY_NS = 2_000_000_000
"""Stamps younger than this (nanoseconds) are not trusted."""


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


FORMAT = 5
"""Bumped whenever an entry's layout changes, so an older cache is never misread."""


def config_key(parts: list[str]) -> str:
    digest = hashlib.sha256(f"{__version__}/{FORMAT}/{build_key()}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def build_key() -> str:
    """A hash of yeplint's own installed files (code and built-in schemas): two builds with
    the same version string but other code never share cache rows (~1 ms for ~60 files)."""
    package = Path(__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    for file in sorted(package.rglob("*")):
        if file.suffix in (".py", ".json") and "__pycache__" not in file.parts:
            try:
                data = file.read_bytes()
            except OSError:
                continue
            digest.update(file.relative_to(package).as_posix().encode() + b"\0" + data)
    return digest.hexdigest()


def _stamp(path: Path | None) -> Stamp | None:
    if path is None:
        return None
    try:
        return stamp_of(path.stat())
    except OSError:
        return None


def _trusted(stamp: Stamp | None) -> list[int] | None:
    """The stamp as stored, or ``None`` (never valid) when it is too young to be trusted."""
    if stamp is None:
        return None
    import time

    now = time.time_ns()
    mtime, _, ctime, _ = stamp
    if max(mtime, ctime) > now - RACY_NS:
        return None
    return list(stamp)


def dependency(
    reference: str, folder: Path, root: Path, resolution: Resolution, resolver: ImageResolver
) -> Dependency:
    """What a resolution depends on: the image's stamp when found (as it was when its header
    was read), else the stamp of the folder it was looked for in (adding, removing or renaming
    a file there changes it, and with it which name is missing, has another case, or is the
    closest suggestion)."""
    stamp = None
    if resolution.status is Status.OK and resolution.path is not None:
        info = resolver.known_info(resolution.path)
        stamp = info.stamp if info is not None else None
    return [
        reference,
        str(folder),
        str(root),
        resolution.status.value,
        str(resolution.path) if resolution.path else None,
        _trusted(stamp or _depended_on(resolution)),
    ]


def _depended_on(resolution: Resolution) -> Stamp | None:
    """The stamp now of what a resolution depends on: the image found, else the folder it
    was looked for in."""
    if resolution.status is Status.OK:
        return _stamp(resolution.path)
    return _stamp(resolution.path.parent) if resolution.path else None


def still_valid(dependencies: Any, resolver: ImageResolver) -> bool:
    """Whether every recorded resolution still holds; a malformed entry is simply not valid."""
    try:
        return _still_valid(dependencies, resolver)
    except (TypeError, ValueError, RecursionError):
        return False


def _still_valid(dependencies: list[Dependency], resolver: ImageResolver) -> bool:
    if not isinstance(dependencies, list):
        return False
    for reference, folder, root, status, path, stamp in dependencies:
        if stamp is None or not all(isinstance(x, str) for x in (reference, folder, root)):
            return False
        now = resolver.resolve(reference, Path(folder), Path(root), suggest=False)
        if now.status.value != status or (str(now.path) if now.path else None) != path:
            return False
        current = _depended_on(now)
        if current is None or list(current) != stamp:
            return False
    return True


def encode(diagnostic: Diagnostic) -> list[Any]:
    d = diagnostic
    fix = None
    if d.fix is not None:
        edits = [
            [e.span.line, e.span.column, e.span.end_line, e.span.end_column, e.replacement]
            for e in d.fix.edits
        ]
        fix = [
            d.fix.description,
            edits,
            d.fix.applicability,
            [i.to_list() for i in d.fix.intents],
        ]
    return [
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        d.code,
        d.rule,
        d.severity.value,
        d.message,
        d.hint,
        fix,
    ]


def decode(path: str, row: list[Any]) -> Diagnostic:
    """A cached diagnostic; ``ValueError`` or ``TypeError`` for a row that is not one."""
    line, column, end_line, end_column, code, rule, severity, message, hint, fix = row
    numbers = (line, column, end_line, end_column)
    if not all(type(n) is int for n in numbers) or not all(
        isinstance(t, str) for t in (code, rule, message)
    ):
        raise ValueError("malformed cache row")
    if hint is not None and not isinstance(hint, str):
        raise ValueError("malformed cache row")
    return Diagnostic(
        path,
        line,
        column,
        end_line,
        end_column,
        code,
        rule,
        Severity(severity),
        message,
        hint,
        _decode_fix(fix) if fix else None,
    )


def _decode_fix(row: list[Any]) -> Fix:
    description, edits, applicability, intents = row
    if applicability not in ("safe", "unsafe"):
        raise ValueError(applicability)
    return Fix(
        str(description),
        tuple(Edit(Span(*(int(n) for n in e[:4])), str(e[4])) for e in edits),
        applicability,
        tuple(Intent.from_list(i) for i in intents),
    )


def _read_regular(file: Path) -> bytes:
    """The file's bytes: never through a symlink, never blocking (a FIFO), never a device,
    never more than ``MAX_BYTES``."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(file, flags)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise ValueError("it is a symlink") from None
        raise
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ValueError("not a regular file")
        if info.st_size > MAX_BYTES:
            raise ValueError(f"larger than {MAX_BYTES:,} bytes")
        data = handle.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES:,} bytes")
    return data


Entry = tuple[str, str]
"""``(content hash, payload)``: the payload is the JSON of ``{"deps", "diagnostics"}``, kept as
text until a lookup's hash matches, so a 50,000-entry cache costs its file size in memory."""


@dataclass
class Cache:
    file: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    updates: dict[str, Entry] = field(default_factory=dict)
    notice: str | None = None
    """Why the cache file on disk was not used, if it was not."""

    @classmethod
    def open(cls, root: Path, key: str) -> Cache:
        """Read ``<root>/.yeplint_cache/<key>.jsonl``: a header line, then one line per file,
        ``"<path as JSON>"<TAB><hash><TAB><payload JSON>``. A file that is missing starts an
        empty cache; one that is not a regular file, too large or damaged is dropped whole,
        and :attr:`notice` says why."""
        file = root / DIRECTORY / f"{key}.jsonl"
        cache = cls(file)
        try:
            data = _read_regular(file)
        except FileNotFoundError:
            return cache
        except (OSError, ValueError) as exc:
            cache.notice = f"ignoring the cache file {file}: {exc}; it is rebuilt"
            return cache
        try:
            lines = data.decode("utf-8").split("\n")
            header = json.loads(lines[0])
            if not isinstance(header, dict):
                raise ValueError("no header")
            if header.get("version") != __version__:
                return cache
            for line in lines[1:]:
                if not line:
                    continue
                name, digest, payload = line.split("\t", 2)
                path = json.loads(name)
                if not isinstance(path, str) or not digest.isalnum():
                    raise ValueError(line)
                cache.entries[path] = (digest, payload)
        except (ValueError, RecursionError, UnicodeDecodeError):
            cache.entries = {}
            cache.notice = f"ignoring the damaged cache file {file}; it is rebuilt"
        return cache

    def subset(self, keys: list[str]) -> Cache:
        """The entries for ``keys`` only: what one parallel worker needs."""
        return Cache(self.file, {k: self.entries[k] for k in keys if k in self.entries})

    def lookup(self, key: str, digest: str) -> dict[str, Any] | None:
        entry = self.entries.get(key)
        if entry is None or entry[0] != digest:
            return None
        try:
            payload = json.loads(entry[1])
        except (ValueError, RecursionError):
            return None
        if not isinstance(payload, dict):
            return None
        if not isinstance(payload.get("deps"), list):
            return None
        rows = payload.get("diagnostics")
        if not isinstance(rows, list) or not all(isinstance(r, list) for r in rows):
            return None
        return payload

    def store(self, key: str, digest: str, payload: dict[str, Any]) -> None:
        self.updates[key] = (digest, json.dumps(payload, ensure_ascii=False, separators=(",", ":")))

    def save(self) -> None:
        """Merge the updates into the file, atomically; never fails the run."""
        if not self.updates:
            return
        import tempfile

        self.entries.update(self.updates)
        folder = self.file.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(
                    "# Created by yeplint: the cache is not for version control.\n*\n"
                )
            handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".jsonl")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(json.dumps({"version": __version__}) + "\n")
                for key, (digest, payload) in self.entries.items():
                    out.write(f"{json.dumps(key)}\t{digest}\t{payload}\n")
            Path(temporary).replace(self.file)
            self._prune(folder)
        except OSError:
            return
        self.updates = {}

    def _prune(self, folder: Path) -> None:
        others = sorted(
            (p for p in folder.glob("*.jsonl") if p != self.file),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[KEEP_FILES:]:
            old.unlink(missing_ok=True)
