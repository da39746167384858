"""The result cache: ``.yeplint_cache/`` in the project root, like ruff's.

A file's diagnostics are reused when all of these are unchanged: its bytes (BLAKE2 hash), the
configuration (settings, the selected rules and their severities and options, the text of every
schema, yeplint's version: together the cache file's name), and every image reference it made
(how it resolved, and the size and modification time of the image found). So an edited post, a
changed schema and a deleted, added or replaced image are always checked again.

The cache is JSON lines (never pickle: a cache directory can come from anywhere), written to a
temporary file and renamed into place, so concurrent runs never see half a file; the last
writer wins. A damaged cache file is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yeplint import __version__
from yeplint.diagnostics import Diagnostic, Edit, Fix, Intent, Severity, Span
from yeplint.images import ImageResolver, Resolution, Status

DIRECTORY = ".yeplint_cache"
KEEP_FILES = 8
"""Cache files of other configurations kept beside the current one."""

Dependency = list[Any]
"""``[reference, post folder, root, status, path, mtime_ns, size]`` (see :func:`dependency`)."""


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


FORMAT = 4
"""Bumped whenever an entry's layout changes, so an older cache is never misread."""


def config_key(parts: list[str]) -> str:
    digest = hashlib.sha256(f"{__version__}/{FORMAT}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def _stamp(path: Path | None) -> tuple[int, int] | None:
    if path is None:
        return None
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def dependency(reference: str, folder: Path, root: Path, resolution: Resolution) -> Dependency:
    """What a resolution depends on: the image's size and mtime when found, else the mtime of
    the folder it was looked for in (adding, removing or renaming a file there changes it, and
    with it which name is missing, has another case, or is the closest suggestion)."""
    if resolution.status is Status.OK:
        stamp = _stamp(resolution.path)
    else:
        stamp = _stamp(resolution.path.parent) if resolution.path else None
    return [
        reference,
        str(folder),
        str(root),
        resolution.status.value,
        str(resolution.path) if resolution.path else None,
        *(stamp or (None, None)),
    ]


def still_valid(dependencies: Any, resolver: ImageResolver) -> bool:
    """Whether every recorded resolution still holds; a malformed entry is simply not valid."""
    try:
        return _still_valid(dependencies, resolver)
    except (TypeError, ValueError):
        return False


def _still_valid(dependencies: list[Dependency], resolver: ImageResolver) -> bool:
    for reference, folder, root, status, path, mtime, size in dependencies:
        now = resolver.resolve(reference, Path(folder), Path(root), suggest=False)
        if now.status.value != status or (str(now.path) if now.path else None) != path:
            return False
        if now.status is Status.OK:
            stamp = _stamp(now.path)
        else:
            stamp = _stamp(now.path.parent) if now.path else None
        if (stamp or (None, None)) != (mtime, size):
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
    line, column, end_line, end_column, code, rule, severity, message, hint, fix = row
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


Entry = tuple[str, str]
"""``(content hash, payload)``: the payload is the JSON of ``{"deps", "diagnostics"}``, kept as
text until a lookup's hash matches, so a 50,000-entry cache costs its file size in memory."""


@dataclass
class Cache:
    file: Path
    entries: dict[str, Entry] = field(default_factory=dict)
    updates: dict[str, Entry] = field(default_factory=dict)

    @classmethod
    def open(cls, root: Path, key: str) -> Cache:
        """Read ``<root>/.yeplint_cache/<key>.jsonl``: a header line, then one line per file,
        ``"<path as JSON>"<TAB><hash><TAB><payload JSON>``."""
        file = root / DIRECTORY / f"{key}.jsonl"
        cache = cls(file)
        try:
            lines = file.read_text(encoding="utf-8").split("\n")
        except (OSError, UnicodeDecodeError):
            return cache
        try:
            if json.loads(lines[0]).get("version") != __version__:
                return cache
        except (ValueError, AttributeError):
            return cache
        for line in lines[1:]:
            parts = line.split("\t", 2)
            if len(parts) == 3:
                try:
                    cache.entries[json.loads(parts[0])] = (parts[1], parts[2])
                except ValueError:
                    continue
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
        except ValueError:
            return None
        return payload if isinstance(payload, dict) else None

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
