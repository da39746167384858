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

The cache is an SQLite database (the standard library's ``sqlite3``; never pickle: a cache
directory can come from anywhere), one row per file: its path, content hash and the JSON of its
result. Rows are read ahead a batch of pages at a time and written in batches, so a
50,000-post cache is never held in memory (it was one JSON document read whole: 37 MB and
~300 MB of process memory for the real Yep pages). SQLite's locking lets concurrent runs share
it: each run's rows are
merged, the last write of a row wins. The file must be a regular file (not a symlink, a FIFO or
a device) of at most ``MAX_BYTES``, and every row is checked when it is used; a file SQLite
cannot read is dropped whole and rebuilt, with one notice. A second table keeps each site's walk
and URL map with the folder stamps they were built from (:mod:`yeplint.site.index`), so that a
run over three files does not walk a 7,000-page site again.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import stat
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from yeplint import __version__
from yeplint.diagnostics import Diagnostic, Edit, Fix, Intent, Severity, Span
from yeplint.locale.messages import decode as decode_message
from yeplint.locale.messages import encode as encode_message
from yeplint.site.files import ImageResolver, Resolution, Stamp, Status, stamp_of

DIRECTORY = ".yeplint_cache"
KEEP_FILES = 8
"""Cache files of other configurations kept beside the current one."""

Dependency = list[Any]
"""``[reference, post folder, root, status, path, stamp]`` (see :func:`dependency`)."""
MAX_BYTES = 256 * 1024 * 1024
"""A cache file larger than this is not read (50,000 posts make about 40 MB)."""
BATCH = 2_000
"""Rows written at once: the results of a large run reach the file as they come."""
RACY_NS = 2_000_000_000
"""Stamps younger than this (nanoseconds) are not trusted."""
PREFETCH = 500
"""Rows read ahead in one query (below SQLite's oldest limit on a statement's parameters)."""


def content_hash(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


FORMAT = 8
"""Bumped whenever an entry's layout changes, so an older cache is never misread."""


def file_stamp(path: Path | str) -> str | None:
    """A page's stamp as stored: ``mtime_ns:size:ctime_ns:inode`` of a regular file (an edit
    that restores the size and modification time still moves ``ctime``, a replacement the
    inode); ``""`` when it is too young to be trusted (:data:`RACY_NS`); ``None`` when there
    is no regular file to stamp. Taken before the file is read: a change after it moves it."""
    try:
        info = os.stat(path)  # noqa: PTH116  # a page stamped per run: no Path method call
    except (OSError, ValueError):
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    if max(info.st_mtime_ns, info.st_ctime_ns) > _young():
        return ""
    return f"{info.st_mtime_ns}:{info.st_size}:{info.st_ctime_ns}:{info.st_ino}"


_NOW: list[int] = []
"""The clock as a run of :func:`stamps_for_a_run` first read it (one read a run)."""


def _young() -> int:
    """Stamps newer than this (nanoseconds) are not trusted."""
    import time

    now = _NOW[0] if _NOW else time.time_ns()
    return now - RACY_NS


def config_key(parts: list[str]) -> str:
    digest = hashlib.sha256(f"{__version__}/{FORMAT}/{build_key()}".encode())
    for part in parts:
        digest.update(b"\0" + part.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()[:24]


def build_key() -> str:
    """A hash of yeplint's own installed files (code and built-in schemas): two builds with
    the same version string but other code never share cache rows (~1 ms for ~60 files)."""
    package = Path(__file__).parent.parent
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


_SEEN: dict[Path, Stamp | None] | None = None
"""During one run (:func:`stamps_for_a_run`): the stamp of each image re-checked so far. Pages
copied beside each other show the same images: one stat per image, not per reference."""


@contextmanager
def stamps_for_a_run() -> Iterator[None]:
    """Take each image's stamp once while the block runs (one run over a set of pages; a
    long-lived linter outside it stats every time, so an image edited between two lints is
    seen)."""
    global _SEEN
    import time

    _SEEN = {}
    _NOW[:] = [time.time_ns()]
    _NOW_SEEN.clear()
    try:
        yield
    finally:
        _SEEN = None
        _NOW.clear()
        _NOW_SEEN.clear()


def _image_stamp(path: Path | None) -> Stamp | None:
    if _SEEN is None or path is None:
        return _stamp(path)
    if path not in _SEEN:
        _SEEN[path] = _stamp(path)
    return _SEEN[path]


def _depended_on(resolution: Resolution) -> Stamp | None:
    """The stamp now of what a resolution depends on: the image found, else the folder it
    was looked for in or, when that folder is not there, the nearest folder above it that is
    (making the missing folder changes that one). Without the last, a page naming an image
    in a folder that does not exist was never cached and was linted again on every run."""
    if resolution.status is Status.OK:
        return _image_stamp(resolution.path)
    if resolution.path is None:
        return None
    folder = resolution.path.parent
    stamp = _stamp(folder)
    while stamp is None and folder.parent != folder:
        folder = folder.parent
        stamp = _stamp(folder)
    return stamp


STAMPED = "stamped"
RESOLVED = "resolved"


def still_valid(
    dependencies: Any, resolver: ImageResolver, folders: Any = None, served: Any = None
) -> str | None:
    """Whether every recorded resolution still holds (``None``: no; a malformed entry is
    simply not valid), and how it was told. With the stamps of the ``folders`` the
    resolutions listed (and the same folders served): by those stamps and the found images'
    own, without resolving anything (:data:`STAMPED`); a folder gains, loses or renames a file
    only by a change of its stamp. When one moved (a page added beside them, the cache's own
    folder made in the root), or without them: by resolving each again (:data:`RESOLVED`)."""
    try:
        if (
            folders is not None
            and served == served_key(resolver)
            and _listings_hold(dependencies, folders, resolver)
        ):
            return STAMPED
        return RESOLVED if _still_valid(dependencies, resolver) else None
    except (TypeError, ValueError, RecursionError):
        return None


_SERVED: dict[int, tuple[ImageResolver, str]] = {}
"""Per resolver: :func:`served_key` (the resolver is kept with it, so its ``id`` is not
reused)."""


def served_key(resolver: ImageResolver) -> str:
    """A short hash of what a resolver serves (its folders), computed once per resolver."""
    found = _SERVED.get(id(resolver))
    if found is None:
        if len(_SERVED) > 64:
            _SERVED.clear()
        found = _SERVED[id(resolver)] = resolver, content_hash(resolver.signature().encode())
    return found[1]


def folders_of(
    resolver: ImageResolver, resolved: Iterable[tuple[str, Any, Any]]
) -> list[list[Any]] | None:
    """The folders the ``resolved`` references (reference, page folder, root) of a page
    listed, each with the stamp it had when listed (``None``: not there); ``None`` when one
    cannot be re-checked by stamps (a symlink followed, a resolution not remembered, a young
    stamp)."""
    folders: set[str] = set()
    for reference, folder, root in resolved:
        walked = resolver.walked(reference, _as_path(folder), _as_path(root))
        if walked is None or "" in walked:
            return None
        folders.update(walked)
    young = _young()
    found: list[list[Any]] = []
    for text in sorted(folders):
        if text not in resolver.listing_stamps:
            return None
        stamp = resolver.listing_stamps[text]
        if stamp is not None and max(stamp[0], stamp[1]) > young:
            return None
        found.append([text, list(stamp) if stamp is not None else None])
    return found


_NOW_SEEN: dict[str, list[int] | None] = {}
"""During one run: the stamp of each folder and image asked by text (:func:`_listings_hold`)."""


def _listings_hold(
    dependencies: list[Dependency], folders: list[list[Any]], resolver: ImageResolver
) -> bool:
    """Whether every folder listed has its stamp and every image found its own; the images
    found are then referenced, as resolving them again would have made them."""
    for text, stamp in folders:
        if _folder_now(text) != stamp:
            return False
    found = []
    for _, _, _, status, path, stamp in dependencies:
        if status == "ok" and (stamp is None or _image_now(path) != stamp):
            return False
        if status in _FOUND:
            found.append(str(path))  # its text: the orphan check compares texts
    resolver.referenced.update(found)
    return True


_FOUND = frozenset((Status.OK.value, Status.WRONG_CASE.value))


def _folder_now(text: str) -> list[int] | None:
    key = "d" + text
    if key not in _NOW_SEEN or _SEEN is None:
        try:
            info = os.stat(text)  # noqa: PTH116  # by its text: no Path made per folder
            _NOW_SEEN[key] = [info.st_mtime_ns, info.st_ctime_ns, info.st_ino]
        except (OSError, ValueError):
            _NOW_SEEN[key] = None
    return _NOW_SEEN[key]


def _image_now(text: str) -> list[int] | None:
    key = "f" + text
    if key not in _NOW_SEEN or _SEEN is None:
        stamp = _stamp_text(text)  # once per image in a run
        _NOW_SEEN[key] = list(stamp) if stamp is not None else None
    return _NOW_SEEN[key]


def _stamp_text(text: str) -> Stamp | None:
    """The stamp of the file at ``text`` (no ``Path`` made), ``None`` when it is not there."""
    try:
        return stamp_of(os.stat(text))  # noqa: PTH116
    except (OSError, ValueError, TypeError):
        return None


_FOLDERS: dict[str, Path] = {}
"""The folders recorded references were made from, by their text: the references of a page,
and of every page in its folder, share them (a ``Path`` made and hashed per reference was the
largest cost of a warm run)."""
FOLDERS_KEPT = 10_000


def _as_path(folder: str | Path) -> Path:
    return _folder(folder) if isinstance(folder, str) else folder


def _folder(text: str) -> Path:
    found = _FOLDERS.get(text)
    if found is None:
        if len(_FOLDERS) >= FOLDERS_KEPT:
            _FOLDERS.clear()
        found = _FOLDERS[text] = Path(text)
    return found


def _still_valid(dependencies: list[Dependency], resolver: ImageResolver) -> bool:
    if not isinstance(dependencies, list):
        return False
    for reference, folder, root, status, path, stamp in dependencies:
        if stamp is None or not all(isinstance(x, str) for x in (reference, folder, root)):
            return False
        now = resolver.resolve(reference, _folder(folder), _folder(root), suggest=False)
        if now.status.value != status or (str(now.path) if now.path else None) != path:
            return False
        current = _depended_on(now)
        if current is None or list(current) != stamp:
            return False
    return True


def _encode_fix(fix: Fix | None) -> list[Any] | None:
    if fix is None:
        return None
    edits = [
        [e.span.line, e.span.column, e.span.end_line, e.span.end_column, e.replacement]
        for e in fix.edits
    ]
    return [
        encode_message(fix.description),
        edits,
        fix.applicability,
        [i.to_list() for i in fix.intents],
    ]


def encode(diagnostic: Diagnostic) -> list[Any]:
    d = diagnostic
    return [
        d.line,
        d.column,
        d.end_line,
        d.end_column,
        d.code,
        d.rule,
        d.severity.value,
        encode_message(d.message),
        encode_message(d.hint),
        _encode_fix(d.fix),
        d.snippet,
        _encode_fix(d.suggestion),
    ]


_SEVERITIES: dict[object, Severity] = {s.value: s for s in Severity}


def decode(path: str, row: list[Any]) -> Diagnostic:
    """A cached diagnostic; ``ValueError`` or ``TypeError`` for a row that is not one (the
    checks spelled out: a warm run decodes thousands)."""
    line, column, end_line, end_column, code, rule, severity, message, hint, fix, snippet = row[:11]
    suggestion = row[11] if len(row) > 11 else None  # a display-only fix, where there is one
    if (
        type(line) is not int
        or type(column) is not int
        or type(end_line) is not int
        or type(end_column) is not int
        or not isinstance(code, str)
        or not isinstance(rule, str)
        or not isinstance(snippet, str)
    ):
        raise ValueError("malformed cache row")
    level = _SEVERITIES.get(severity)
    if level is None:
        raise ValueError("malformed cache row")
    return Diagnostic(
        path,
        line,
        column,
        end_line,
        end_column,
        code,
        rule,
        level,
        _message(message),
        _message(hint) if hint is not None else None,
        _decode_fix(fix) if fix else None,
        snippet,
        suggestion=_decode_fix(suggestion) if suggestion else None,
    )


_MESSAGES: dict[object, str] = {}
"""Messages decoded in this process, by their stored form when its values are plain: the
same hint on thousands of cached problems is made once."""
MESSAGES_KEPT = 4096


def _message(row: object) -> str:
    if type(row) is not list or len(row) != 5 or row[4] is not None:
        return decode_message(row)
    template, args, plural, number, _ = row
    if type(args) is not dict:
        return decode_message(row)
    items = tuple(args.items())
    for _, value in items:
        if type(value) is not str and type(value) is not int:
            return decode_message(row)
    key = (template, items, plural, number)
    try:
        found = _MESSAGES.get(key)
    except TypeError:  # a template or count that is no plain value
        return decode_message(row)
    if found is None:
        if len(_MESSAGES) >= MESSAGES_KEPT:
            _MESSAGES.clear()
        found = _MESSAGES[key] = decode_message(row)
    return found


def _decode_fix(row: list[Any]) -> Fix:
    description, edits, applicability, intents = row
    if applicability not in ("safe", "unsafe", "display"):
        raise ValueError(applicability)
    return Fix(
        decode_message(description),
        tuple(Edit(Span(*(int(n) for n in e[:4])), str(e[4])) for e in edits),
        applicability,
        tuple(Intent.from_list(i) for i in intents),
    )


def _regular(file: Path) -> os.stat_result | None:
    """The cache file's status, ``None`` when it does not exist; ``ValueError`` saying why it
    must not be opened (SQLite would follow a symlink and block on a FIFO)."""
    try:
        info = os.lstat(file)
    except FileNotFoundError:
        return None
    if stat.S_ISLNK(info.st_mode):
        raise ValueError("it is a symlink")
    if not stat.S_ISREG(info.st_mode):
        raise ValueError("not a regular file")
    if info.st_size > MAX_BYTES:
        raise ValueError(f"larger than {MAX_BYTES:,} bytes")
    return info


class Stamped(NamedTuple):
    """What a page's stamps vouch for: while the page (and its translation's primary page)
    keep the stamps its row was made with, its bytes hash as they did, without a read."""

    stamp: str
    """The page's :func:`file_stamp` (``""``: too young, never matches)."""
    twin: str
    """Its translation's primary page's stamp, ``"-"`` when it has none."""
    digest: str
    """The hash the row is stored under (the page's bytes and its primary page's)."""
    own: str
    """The hash of the page's own bytes (another page's record of its anchors holds by it)."""


Entry = tuple[str, str, Stamped]
"""``(content hash, payload, stamps)``: the payload is the JSON of ``{"deps",
"diagnostics", …}``; the stamps that vouch for the hash (:class:`Stamped`)."""


_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS entries"
    " (path TEXT PRIMARY KEY, digest TEXT NOT NULL, payload TEXT NOT NULL) WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS indexes (root TEXT PRIMARY KEY, payload TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS stamps (path TEXT PRIMARY KEY, stamp TEXT NOT NULL,"
    " twin TEXT NOT NULL, digest TEXT NOT NULL, own TEXT NOT NULL) WITHOUT ROWID",
)


@dataclass
class Cache:
    file: Path
    updates: dict[str, Entry] = field(default_factory=dict)
    indexes: dict[str, str] = field(default_factory=dict)
    """Site indexes to write, by root (:mod:`yeplint.site.index`): the JSON of each."""
    notice: str | None = None
    """Why the cache file on disk was not used, if it was not."""
    usable: bool = True
    """False when the file on disk must not be read (and is replaced when saved)."""
    present: bool = False
    """Whether the file held rows when opened (or has since been written)."""
    fetched: dict[str, tuple[str, str]] = field(default_factory=dict, repr=False, compare=False)
    """Rows read ahead by :meth:`prefetch`, each handed out once by :meth:`lookup`."""
    known: dict[str, Stamped | None] = field(default_factory=dict, repr=False, compare=False)
    """The stamps read from the file, by path (``None``: none stored)."""
    _db: sqlite3.Connection | None = field(default=None, repr=False, compare=False)

    @classmethod
    def open(cls, root: Path, key: str, folder: Path | None = None) -> Cache:
        """The cache ``<root>/.yeplint_cache/<key>.sqlite`` (or in ``folder``: ``--cache-dir``,
        ``YEPLINT_CACHE_DIR``). A missing file starts an empty cache; one that is not a regular
        file, too large, of another version or damaged is not read, and :attr:`notice` says
        why."""
        cache = cls((folder or root / DIRECTORY) / f"{key}.sqlite")
        try:
            info = _regular(cache.file)
        except (OSError, ValueError) as exc:
            cache.usable = False
            cache.notice = f"ignoring the cache file {cache.file}: {exc}; it is rebuilt"
            return cache
        if info is None:
            return cache
        cache.present = True
        try:
            db = cache._connect()
            row = db.execute("SELECT value FROM meta WHERE key = 'version'").fetchone()
            if row is None or row[0] != __version__:
                raise sqlite3.DatabaseError("another version")
        except sqlite3.Error:
            cache.close()
            cache.usable = False
            cache.notice = f"ignoring the damaged cache file {cache.file}; it is rebuilt"
        return cache

    def _connect(self) -> sqlite3.Connection:
        if self._db is None:
            uri = f"file:{self.file.as_posix()}?mode=ro"
            self._db = sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None

    def __getstate__(self) -> dict[str, Any]:
        """A worker process gets the file's name, not the connection (it opens its own)."""
        state = {k: getattr(self, k) for k in ("file", "notice", "usable", "present")}
        empty: dict[str, Any] = {"updates": {}, "indexes": {}, "fetched": {}, "known": {}}
        return {**state, **empty, "_db": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        for key, value in state.items():
            setattr(self, key, value)

    def for_worker(self) -> Cache:
        """What one parallel worker needs: the same file, read on its own connection."""
        return Cache(self.file, notice=self.notice, usable=self.usable, present=self.present)

    def prefetch(self, keys: list[str]) -> None:
        """Read the rows of ``keys`` in one query per ``PREFETCH`` of them, ahead of their
        :meth:`lookup` (a query per file was the largest cost of a warm run after the reads).
        Only a batch's rows are held at once, never the file's."""
        self.fetched.clear()
        if not self.usable or not self.present or not keys:
            return
        try:
            db = self._connect()
            for start in range(0, len(keys), PREFETCH):
                batch = keys[start : start + PREFETCH]
                marks = ",".join("?" * len(batch))
                query = f"SELECT path, digest, payload FROM entries WHERE path IN ({marks})"
                for path, digest, payload in db.execute(query, batch):
                    if isinstance(digest, str) and isinstance(payload, str):
                        self.fetched[path] = digest, payload
        except sqlite3.Error:
            self.fetched.clear()  # asked again one at a time
        self.load_stamps([k for k in keys if k not in self.known])

    def load_stamps(self, keys: list[str]) -> None:
        """Read the stored stamps of ``keys`` (one query per ``PREFETCH`` of them) into
        :attr:`known`, to be asked by :meth:`stamped_as`."""
        if not keys:
            return
        found: dict[str, Stamped | None] = dict.fromkeys(keys)
        if self.usable and self.present:
            try:
                db = self._connect()
                for start in range(0, len(keys), PREFETCH):
                    batch = keys[start : start + PREFETCH]
                    marks = ",".join("?" * len(batch))
                    query = f"SELECT * FROM stamps WHERE path IN ({marks})"
                    for path, *row in db.execute(query, batch):
                        if all(isinstance(x, str) for x in row):
                            found[path] = Stamped(*row)
            except sqlite3.Error:  # a file written before the table existed: no stamps
                pass
        self.known.update(found)

    def stamped_as(self, key: str) -> Stamped | None:
        """The stamps the row of ``key`` was stored with, if any (read now when not read
        ahead)."""
        if key not in self.known:
            self.load_stamps([key])
        return self.known.get(key)

    def _row(self, key: str) -> tuple[str, str] | None:
        if not self.usable or not self.present:
            return None
        if self.fetched:
            found = self.fetched.pop(key, None)
            if found is not None:
                return found
        try:
            row = (
                self._connect()
                .execute("SELECT digest, payload FROM entries WHERE path = ?", (key,))
                .fetchone()
            )
        except sqlite3.Error:
            return None
        if row is None or not isinstance(row[0], str) or not isinstance(row[1], str):
            return None
        return row[0], row[1]

    def rows(self) -> int:
        """How many files the file on disk has results for."""
        if not self.usable or not self.present:
            return 0
        try:
            return int(self._connect().execute("SELECT count(*) FROM entries").fetchone()[0])
        except sqlite3.Error:
            return 0

    def lookup(self, key: str, digest: str) -> dict[str, Any] | None:
        entry = self.updates.get(key) or self._row(key)
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

    def store(
        self, key: str, digest: str, payload: dict[str, Any], stamped: Stamped | None = None
    ) -> None:
        """Keep a page's result under the hash of its bytes, with the stamps that vouch for
        them (none, or a young one: the row is found by its hash alone)."""
        text = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))
        self.updates[key] = digest, text, stamped or Stamped("", "", digest, "")

    def load_index(self, root: Path | str) -> object:
        """The site index stored for ``root`` (:mod:`yeplint.site.index` checks it), or
        ``None``; with a text, what :meth:`save_index` stored under it."""
        text = self.indexes.get(str(root))
        if text is None and self.usable and self.present:
            try:
                row = (
                    self._connect()
                    .execute("SELECT payload FROM indexes WHERE root = ?", (str(root),))
                    .fetchone()
                )
            except sqlite3.Error:  # a file written before the table existed
                row = None
            text = row[0] if row is not None and isinstance(row[0], str) else None
        if text is None:
            return None
        try:
            return json.loads(text)
        except (ValueError, RecursionError):
            return None

    def save_index(self, root: Path | str, payload: dict[str, Any]) -> None:
        """Keep the site index of ``root`` for the next run (written with the rows)."""
        self.indexes[str(root)] = json.dumps(payload, ensure_ascii=False, separators=(",", ":"))

    def merge(self, updates: dict[str, Entry]) -> None:
        """Take a worker's rows; write them out once a batch is full."""
        self.updates.update(updates)
        if len(self.updates) >= BATCH:
            self.save()

    def save(self) -> None:
        """Write the updates into the file; never fails the run (a cache that cannot be
        written is only slower next time)."""
        if not self.updates and not self.indexes:
            return
        folder = self.file.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            ignore = folder / ".gitignore"
            if not ignore.exists():
                ignore.write_text(
                    "# Created by yeplint: the cache is not for version control.\n*\n"
                )
            self.close()
            if not self.usable:
                self.file.unlink(missing_ok=True)  # a symlink itself, never what it names
                self.usable = True
            _regular(self.file)  # it may have been replaced by a symlink since it was opened
            with sqlite3.connect(self.file, timeout=5) as db:
                for statement in _SCHEMA:
                    db.execute(statement)
                db.execute("INSERT OR REPLACE INTO meta VALUES ('version', ?)", (__version__,))
                db.executemany(
                    "INSERT OR REPLACE INTO entries VALUES (?, ?, ?)",
                    ((key, digest, payload) for key, (digest, payload, _) in self.updates.items()),
                )
                db.executemany("INSERT OR REPLACE INTO indexes VALUES (?, ?)", self.indexes.items())
                db.executemany(
                    "INSERT OR REPLACE INTO stamps VALUES (?, ?, ?, ?, ?)",
                    ((key, *stamped) for key, (_, _, stamped) in self.updates.items()),
                )
            db.close()
            self._prune(folder)
        except (OSError, ValueError, sqlite3.Error):
            return
        self.present = True
        self.updates = {}
        self.indexes = {}

    def _prune(self, folder: Path) -> None:
        """Keep the newest ``KEEP_FILES`` caches of other configurations (and drop the JSON
        lines files of earlier versions)."""
        for old in folder.glob("*.jsonl"):
            old.unlink(missing_ok=True)
        others = sorted(
            (p for p in folder.glob("*.sqlite") if p != self.file),
            key=lambda p: p.stat().st_mtime,
            reverse=True,
        )
        for old in others[KEEP_FILES:]:
            old.unlink(missing_ok=True)


class AddressBook:
    """YEP504's addresses of each page (:class:`yeplint.rules.duplicate_url.AddressMemo`),
    kept in the cache file with the page's stamp, its mapped URL and the site's layout: a
    warm run reads no front matter of a page that kept its stamp. The pages asked in a run
    are what is stored again (a page gone is dropped)."""

    KEY = "\0addresses"

    def __init__(self, cache: Cache, stamps: dict[Path, str]) -> None:
        self.cache = cache
        self.stamps = stamps
        """Pages' stamps taken this run before their bytes were read (others are taken)."""
        saved = cache.load_index(self.KEY)
        pages = saved.get("pages") if isinstance(saved, dict) else None
        self.saved: dict[str, Any] = pages if isinstance(pages, dict) else {}
        self.rows: dict[str, Any] = {}
        claims = saved.get("claims") if isinstance(saved, dict) else None
        self.saved_claims: dict[str, Any] = claims if isinstance(claims, dict) else {}
        self.claims: dict[str, Any] = {}
        """Per page reported: the diagnostic made of it (``None``: suppressed) and the lines
        it points at, with the page's stamp."""
        self.changed = False
        self._taken: dict[Path, str | None] = {}
        self._claim_stamps: dict[str, str | None] = {}
        self._layouts: dict[object, str] = {}
        self._last: tuple[object, str] = (None, "")

    @staticmethod
    def _claim_key(claim: Any) -> str:
        parts = (claim.page.path, claim.page.display, claim.url, claim.address, claim.other)
        return repr(parts)

    def reported(self, claim: Any) -> tuple[list[Any] | None, dict[int, str]] | None:
        """What an earlier run reported of ``claim`` (a :class:`Claim`), while its page kept
        its stamp: the encoded diagnostic (``None``: suppressed) and the lines it points at."""
        key = self._claim_key(claim)
        path = claim.page.path
        stamp = self.stamps.get(path) or file_stamp(path)
        self._claim_stamps[key] = stamp
        row = self.saved_claims.get(key)
        if not stamp or not isinstance(row, list) or len(row) != 3 or row[0] != stamp:
            return None
        try:
            pointed = {int(n): str(text) for n, text in row[2]}
            if row[1] is not None:
                decode(claim.page.display, row[1])  # a row that is not one is a miss
        except (TypeError, ValueError, IndexError, RecursionError):
            return None
        self.claims[key] = row
        return row[1], pointed

    def report(self, claim: Any, diagnostic: Diagnostic | None, pointed: dict[int, str]) -> None:
        """Keep what was reported of ``claim`` with its page's stamp, taken before it was read."""
        key = self._claim_key(claim)
        stamp = self._claim_stamps.pop(key, None)
        self.changed = True
        if stamp:
            row = encode(diagnostic) if diagnostic is not None else None
            self.claims[key] = [stamp, row, sorted(pointed.items())]

    def _layout(self, layout: object) -> str:
        if layout is self._last[0]:  # the same layout for every page of a site: not hashed
            return self._last[1]
        if layout not in self._layouts:
            self._layouts[layout] = content_hash(repr(layout).encode())[:12]
        self._last = layout, self._layouts[layout]
        return self._last[1]

    def get(self, path: Path, mapped: str | None, layout: object) -> list[Any] | None:
        from yeplint.site.addresses import Address

        stamp = self.stamps.get(path) or file_stamp(path)
        self._taken[path] = stamp
        row = self.saved.get(str(path))
        if not stamp or not isinstance(row, list) or len(row) != 4:
            return None
        if row[0] != stamp or row[1] != mapped or row[2] != self._layout(layout):
            return None
        try:
            found = [
                Address(url, language, None if key is None else tuple(key))
                for url, language, key in row[3]
            ]
        except (TypeError, ValueError):
            return None
        for url, language, _ in found:  # texts as stored: no `str` made of each
            if type(url) is not str or type(language) is not str:
                return None
        self.rows[str(path)] = row
        return found

    def put(self, path: Path, mapped: str | None, layout: object, found: list[Any]) -> None:
        stamp = self._taken.pop(path, None)
        self.changed = True
        if stamp:
            kept = [[a.url, a.language, list(a.key) if a.key is not None else None] for a in found]
            self.rows[str(path)] = [stamp, mapped, self._layout(layout), kept]

    def save(self) -> None:
        """Keep the addresses for the next run, when any was read again or a page went."""
        if (
            self.changed
            or len(self.rows) != len(self.saved)
            or len(self.claims) != len(self.saved_claims)
        ):
            self.cache.save_index(self.KEY, {"pages": self.rows, "claims": self.claims})
