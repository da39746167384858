"""Resolve image references to files, with exact case, never leaving the content root.

Paths are resolved lexically and then walked one folder listing at a time from the root, so a
reference is found only when every component exists with exactly that case (as on the Linux
build server), and nothing outside the root is ever listed, stat'ed or read. Folder listings
and image headers are cached for the whole run: one image used by many posts is checked once.
"""

from __future__ import annotations

import enum
import os
import posixpath
import re
import stat
import struct
from array import array
from bisect import bisect_left
from dataclasses import field
from errno import EISDIR
from io import BytesIO
from pathlib import Path
from typing import NamedTuple

from yeplint import record
from yeplint.config.files import LOOP, confine
from yeplint.locale.messages import msg
from yeplint.site.exif import Reader, has_location

REMOTE_PREFIXES = ("http://", "https://", "//", "data:", "mailto:", "ftp://", "tel:")


class Status(enum.Enum):
    OK = "ok"
    REMOTE = "remote"
    EMPTY = "empty"
    MISSING = "missing"
    WRONG_CASE = "wrong-case"
    OUTSIDE = "outside"
    DIRECTORY = "directory"
    BACKSLASH = "backslash"
    TEMPLATE = "template"
    """Built with a template expression yeplint does not evaluate: not checked."""
    UNKNOWN = "unknown"
    """Served, if at all, by something not in the checkout (a theme, a remote module): not
    checked."""


_FOUND = frozenset((Status.OK, Status.WRONG_CASE))


class Resolution(NamedTuple):
    status: Status
    path: Path | None = None
    """The file found (for OK) or the path that was looked for."""
    suggestion: str | None = None
    """For MISSING/WRONG_CASE: the reference rewritten to the closest existing file."""


Stamp = tuple[int, int, int, int]
"""``(mtime_ns, size, ctime_ns, inode)`` of a file: an in-place rewrite that restores the
modification time still changes ``ctime``, a replacement the inode."""


def stamp_of(info: os.stat_result) -> Stamp:
    return info.st_mtime_ns, info.st_size, info.st_ctime_ns, info.st_ino


@record
class ImageInfo:
    format: str | None
    width: int | None
    height: int | None
    error: str | None = None
    stamp: Stamp | None = field(default=None, compare=False)
    """The file's stamp taken (through the open file) before its header was read: the cache
    ties the verdict to exactly that version of the image."""
    location: bool = False
    """Its EXIF holds GPS coordinates (:mod:`yeplint.site.exif`)."""

    def __init__(
        self,
        format: str | None,
        width: int | None,
        height: int | None,
        error: str | None = None,
        stamp: Stamp | None = None,
        location: bool = False,
    ) -> None:
        setter = object.__setattr__  # frozen: one made per image, as fast as a dataclass's
        setter(self, "format", format)
        setter(self, "width", width)
        setter(self, "height", height)
        setter(self, "error", error)
        setter(self, "stamp", stamp)
        setter(self, "location", location)

    @property
    def size(self) -> int | None:
        """The file's weight in bytes (from its stamp), when it was read."""
        return self.stamp[1] if self.stamp is not None else None


_EXTENSION_FORMATS = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".gif": "GIF",
    ".webp": "WEBP",
    ".avif": "AVIF",
    ".bmp": "BMP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
    ".ico": "ICO",
    ".heic": "HEIF",
    ".heif": "HEIF",
    ".psd": "PSD",
}


IMAGE_SUFFIXES = frozenset({".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".avif"})
"""What pages reference as images (an image change re-checks them; no page using one is an
orphan)."""


def expected_format(path: Path) -> str | None:
    return _EXTENSION_FORMATS.get(path.suffix.lower())


Mount = tuple[str, Path]
"""A URL prefix (``""``, ``/en``, ``/2024/hello``) and the folder served under it."""


class ImageResolver:
    def __init__(
        self,
        static_roots: tuple[Path, ...] = (),
        mounts: tuple[Mount, ...] = (),
        resources: tuple[Path, ...] = (),
        *,
        open_ended: bool = False,
        outside: tuple[Path, ...] = (),
    ) -> None:
        self.outside = outside
        """Folders the site's configuration serves that lie outside the project: never looked
        at, so the `/`-rooted references they may serve are not judged (``open_ended``)."""
        self.static_roots = static_roots
        self.mounts = mounts
        """Other folders the generator serves, each under its URL prefix: Hugo's content
        folders (a page bundle's files are served beside the page) and its other static
        folders. A `/`-rooted reference not under a static root is looked up in them."""
        self.resources = resources
        """Folders a template (a Hugo shortcode) fetches files from that nothing serves at
        `/`: Hugo's ``assets/``."""
        self.open_ended = open_ended or bool(outside)
        """Something not in the checkout (a Hugo theme or module) may serve more at `/`: a
        `/`-rooted reference found nowhere here is not judged (:attr:`Status.UNKNOWN`)."""
        self.unchecked: set[tuple[str, int, int, str]] = set()
        """Links not checked because no static root exists, each of which would otherwise be
        reported: (page, line, column, target), for the engine to name."""
        self.referenced: set[Path | str] = set()
        """Every file a reference resolved to (in any case): what orphan checks leave out (its
        path, or the path's text)."""
        self._listings: dict[str, dict[str, int] | None] = {}
        self._folders: dict[tuple[Path, Path], str | None] = {}
        self._infos: dict[Path, ImageInfo] = {}
        self._resolutions: dict[tuple[str, Path, Path, bool], Resolution] = {}
        self._near: dict[Path, NearIndex] = {}
        self._case: dict[Path, dict[str, str]] = {}
        self.log: list[tuple[str, Path, Path, Resolution]] | None = None
        """When a list, every resolution is appended to it (the cache records them)."""
        self._walked: dict[tuple[str, Path, Path], tuple[str, ...]] = {}
        self._listed: list[str] | None = None
        self.listing_stamps: dict[str, tuple[int, int, int] | None] = {}
        """Each folder's stamp (modification and change time, inode) taken just before it
        was listed (``None``: not there): what its listing says holds while it is the same."""
        self.trusted: set[Path] = set()
        """Real folders outside the root that symlinks may lead into (a symlinked content
        folder named on the command line)."""

    def listing(self, folder: Path | str) -> dict[str, int] | None:
        """Names in ``folder`` mapped to their ``DIR``/``LINK`` flags (one scandir, no stat per
        name); ``None`` when it cannot be listed. Kept by the folder's path as text (hashing a
        ``Path`` costs more than the lookup)."""
        key = os.fspath(folder)
        if self._listed is not None:
            self._listed.append(key)
        try:
            return self._listings[key]
        except KeyError:
            pass
        try:
            info = os.stat(key)  # noqa: PTH116  # by its text, as scandir below
            self.listing_stamps[key] = info.st_mtime_ns, info.st_ctime_ns, info.st_ino
        except OSError:
            self.listing_stamps[key] = None
        try:
            with os.scandir(key) as entries:
                found: dict[str, int] | None = {e.name: _flags(e) for e in entries}
        except OSError:
            found = None
        self._listings[key] = found
        return found

    def resolve(
        self, reference: str, post_folder: Path, root: Path, *, suggest: bool = True
    ) -> Resolution:
        """Resolve ``reference`` made by a post in ``post_folder``; ``suggest=False`` skips the
        close-name search for missing files (the cache only needs to know it is still missing).
        """
        key = (reference, post_folder, root, suggest)
        resolution = self._resolutions.get(key)
        if resolution is None:
            if len(self._resolutions) >= MEMO_LIMIT:
                self._resolutions.clear()  # bounded memory on huge trees; listings stay
                self._walked.clear()
            self._listed = []
            try:
                resolution = self._resolve(reference, post_folder, root, suggest)
                self._walked[key[:3]] = tuple(self._listed)
            finally:
                self._listed = None
            self._resolutions[key] = resolution
        if resolution.path is not None and resolution.status in _FOUND:
            self.referenced.add(resolution.path)
        if self.log is not None:
            self.log.append((reference, post_folder, root, resolution))
        return resolution

    def _resolve(self, reference: str, post_folder: Path, root: Path, suggest: bool) -> Resolution:
        ref = reference.strip()
        if not ref or ref in (".", "./"):
            return Resolution(Status.EMPTY)
        if ref.lower().startswith(REMOTE_PREFIXES) or ":" in ref.split("/")[0][1:]:
            return Resolution(Status.REMOTE)
        if "\\" in ref:
            return Resolution(Status.BACKSLASH, suggestion=re.sub(r"\\+", "/", ref))
        if ref.startswith("/"):
            bases = self.static_roots or (root,)
            last: Resolution | None = None
            for base in bases:
                found = self._walk(base, ref.lstrip("/"), base, reference, suggest)
                if found.status is not Status.MISSING:
                    return found
                last = last or found
            assert last is not None
            found = self._mounted(ref, root, reference) or last
            if self.open_ended and found.status is Status.MISSING:
                return Resolution(Status.UNKNOWN, found.path)
            return found
        folder = self._relative_folder(post_folder, root)
        if folder is None:
            return Resolution(Status.OUTSIDE)
        joined = posixpath.normpath(posixpath.join(folder, ref))
        if joined == ".." or joined.startswith("../") or posixpath.isabs(joined):
            return Resolution(Status.OUTSIDE, root / joined)
        return self._walk(root, joined, root, reference, suggest)

    def walked(self, reference: str, post_folder: Path, root: Path) -> tuple[str, ...] | None:
        """The folders whose listings the resolution of ``reference`` read (``""`` for a
        symlink followed), while it is remembered: the cache re-checks the resolution by their
        stamps instead of resolving it again."""
        return self._walked.get((reference, post_folder, root))

    def signature(self) -> str:
        """What resolving depends on besides the folders listed: the folders served."""
        return repr((self.static_roots, self.mounts, self.resources, self.open_ended))

    def _mounted(self, ref: str, root: Path, reference: str) -> Resolution | None:
        """A `/`-rooted ``ref`` found in a folder mounted under a prefix of it, if any."""
        for prefix, folder in self.mounts:
            if prefix and not (ref == prefix or ref.startswith(prefix + "/")):
                continue
            found = self._walk(folder, ref[len(prefix) :].lstrip("/"), root, reference, False)
            if found.status in _FOUND:
                return found
        return None

    def resolve_resource(self, reference: str, root: Path) -> Resolution | None:
        """``reference`` found in a folder of :attr:`resources` (Hugo's ``assets/``), if any."""
        for folder in self.resources:
            found = self._walk(folder, reference.lstrip("/"), root, reference, False)
            if found.status in _FOUND:
                if found.path is not None:
                    self.referenced.add(found.path)
                return found
        return None

    def _relative_folder(self, post_folder: Path, root: Path) -> str | None:
        """``post_folder`` relative to ``root`` as a POSIX path (``None`` when outside); many
        posts share a folder, and ``Path.relative_to`` is slow."""
        key = (post_folder, root)
        if key not in self._folders:
            try:
                self._folders[key] = post_folder.relative_to(root).as_posix()
            except ValueError:
                self._folders[key] = None
        return self._folders[key]

    def _walk(
        self, base: Path, relative: str, root: Path, reference: str, suggest: bool
    ) -> Resolution:
        relative = posixpath.normpath(relative)
        if relative.startswith("../") or relative == "..":
            return Resolution(Status.OUTSIDE, base / relative)
        current = os.fspath(base)  # joined as text: a Path per step costs more than the rest
        parts = [p for p in relative.split("/") if p not in ("", ".")]
        for index, part in enumerate(parts):
            names = self.listing(current)
            last = index == len(parts) - 1
            if names is None:
                return Resolution(Status.MISSING, base / relative)
            if part not in names:
                folder = Path(current)
                actual = self._same_but_case(folder, names, part)
                if actual is not None:
                    fixed = self._replace(reference, part, actual)
                    return Resolution(Status.WRONG_CASE, folder / actual, fixed)
                suggestion = None
                if last and suggest:
                    close = self._closest(folder, part)
                    suggestion = self._replace(reference, part, close) if close else None
                return Resolution(Status.MISSING, base / relative, suggestion)
            parent, current = current, f"{current.rstrip(os.sep)}{os.sep}{part}"
            folder_flag = names[part] & DIR
            if names[part] & LINK:
                if self._listed is not None:
                    self._listed.append("")  # a symlink's target is in no folder listed
                # resolved name by name inside the root: where it leads outside is never
                # looked at, not even stat'ed (the listing did not follow it either)
                place = Path(os.path.realpath(parent), part)
                bases = (Path(os.path.realpath(root)), *self.trusted)
                found = [confine(place, b) for b in bases]
                target = next((t for t in found if isinstance(t, Path)), None)
                if target is None and LOOP in found:
                    return Resolution(Status.MISSING, base / relative)
                if target is None and self.trusted:  # a folder the user named: followed
                    real = Path(os.path.realpath(place))
                    target = real if any(_inside(real, t) for t in self.trusted) else None
                if target is None:
                    return Resolution(Status.OUTSIDE, Path(current))
                folder_flag = DIR if target.is_dir() else 0
            if last and folder_flag:
                return Resolution(Status.DIRECTORY, Path(current))
            if not last and not folder_flag:
                return Resolution(Status.MISSING, base / relative)
        if not parts:
            return Resolution(Status.DIRECTORY, base)
        return Resolution(Status.OK, Path(current))

    def _same_but_case(self, folder: Path, names: dict[str, int], part: str) -> str | None:
        """The name in ``folder`` that differs from ``part`` only in case. Only names that
        change when case-folded are kept in a map (built once per folder): the others are
        their own folded form, found in ``names`` itself, so a folder of lowercase names
        costs no second copy of its listing."""
        if folder not in self._case:
            self._case[folder] = {f: n for n in names if (f := n.casefold()) != n}
        folded = part.casefold()
        actual = self._case[folder].get(folded)
        if actual is None and folded in names:
            actual = folded
        return actual

    def _closest(self, folder: Path, name: str) -> str | None:
        """The most similar file name in ``folder``.

        First the names one edit away (a character added, dropped or changed, or two swapped:
        `ccoachend`, `.jpg` for `.jpeg`, `foto-2jpg`), found through a :class:`NearIndex`, so a
        lookup costs the same in a folder of 20 files or 20,000; else the most similar name of
        the folder (rapidfuzz's ratio, difflib's measure, at least 75), which rapidfuzz finds in
        a folder of thousands in about a millisecond (difflib took ~30 µs a name, so it was
        asked only in folders of up to 1,000 files and larger ones got no suggestion).
        """
        from rapidfuzz import fuzz, process  # only when an image is missing

        if folder not in self._near:
            names = [n for n, flags in (self.listing(folder) or {}).items() if not flags & DIR]
            self._near[folder] = NearIndex(names)
        index = self._near[folder]
        near = index.within_one_edit(name)
        found = process.extractOne(
            name, near or index.names, scorer=fuzz.ratio, score_cutoff=0 if near else 75
        )
        return str(found[0]) if found is not None else None

    @staticmethod
    def _replace(reference: str, old: str, new: str) -> str:
        head, sep, tail = reference.rpartition(old)
        return f"{head}{new}{tail}" if sep else new

    def known_info(self, path: Path) -> ImageInfo | None:
        """The header read this run, if any (without reading it)."""
        return self._infos.get(path)

    def info(self, path: Path) -> ImageInfo:
        """Format and size from the file's header (no pixel is read); cached."""
        info = self._infos.get(path)
        if info is None:
            if len(self._infos) >= MEMO_LIMIT:
                self._infos.clear()
            info = self._infos[path] = _read_info(path)
        return info


MEMO_LIMIT = 2_000
"""Resolutions and image headers remembered at once. Posts are checked folder by folder, so
the images they share are still read once; the limit keeps a worker's memory flat (20,000
entries held ~60 MB per worker on a 50,000-post tree)."""


DIRECT_QUERIES = 200
"""Lookups per folder answered without an index (200 x 0.3 ms is about one index build)."""


NEAR_MAX = 20_000
INDEX_BITS = 16
INDEX_MASK = (1 << INDEX_BITS) - 1
assert NEAR_MAX <= INDEX_MASK


def _packed(key: str, index: int) -> int:
    return (hash(key) >> INDEX_BITS << INDEX_BITS) | index


def _deletions(text: str) -> set[str]:
    return {text[:i] + text[i + 1 :] for i in range(len(text))}


class NearIndex:
    """Names one edit away from a query (a character added, dropped or changed, or two
    neighbours swapped), case-folded.

    The first ``direct_queries`` lookups generate every string one edit away from the query
    over the folder's alphabet and look each up (~0.3 ms, nothing to build). A folder with
    more missing references gets an index, as SymSpell does: two names are one edit apart
    only if one is a deletion of the other or both share a deletion, so names are filed under
    the hashes of their one-character deletions and the candidates are then checked exactly.
    Each (hash, name) pair is packed into one 64-bit integer (the hash's high bits, the
    name's index in the low ``INDEX_BITS``) in a sorted array: ~8 bytes per deletion (a
    folder of 17,000 images: 3 MB, built in 0.2 s). Folders with more than ``NEAR_MAX`` files
    get no suggestions.
    """

    def __init__(self, names: list[str], direct_queries: int = DIRECT_QUERIES) -> None:
        self.names = names if len(names) <= NEAR_MAX else []
        self._direct_left = direct_queries
        self._by_fold: dict[str, list[int]] = {}
        for index, name in enumerate(self.names):
            self._by_fold.setdefault(name.casefold(), []).append(index)
        self._alphabet = "".join(sorted(set().union(*self._by_fold))) if self._by_fold else ""
        self._keys: array[int] | None = None

    def within_one_edit(self, name: str) -> list[str]:
        folded = name.casefold()
        if self._keys is None and self._direct_left > 0:
            self._direct_left -= 1
            found = {
                index
                for candidate in _one_edit(folded, self._alphabet)
                for index in self._by_fold.get(candidate, ())
            }
            return sorted(self.names[i] for i in found)
        keys = self._index()
        found = set()
        for key in {folded, *_deletions(folded)}:
            low = _packed(key, 0)
            at = bisect_left(keys, low)
            while at < len(keys) and keys[at] >> INDEX_BITS == low >> INDEX_BITS:
                found.add(keys[at] & INDEX_MASK)
                at += 1
        return sorted(
            self.names[i] for i in found if _one_edit_apart(folded, self.names[i].casefold())
        )

    def _index(self) -> array[int]:
        if self._keys is None:
            packed = sorted(
                _packed(key, index)
                for index, name in enumerate(self.names)
                for key in {name.casefold(), *_deletions(name.casefold())}
            )
            self._keys = array("q", packed)
        return self._keys


def _one_edit(text: str, alphabet: str) -> set[str]:
    """``text`` and every string one insertion, deletion, substitution or swap of two
    neighbours away from it."""
    found = {text, *_deletions(text)}
    for i in range(len(text) + 1):
        head, tail = text[:i], text[i:]
        found.update(head + char + tail for char in alphabet)
        if tail:
            found.update(head + char + tail[1:] for char in alphabet)
        if len(tail) > 1:
            found.add(head + tail[1] + tail[0] + tail[2:])
    return found


def _one_edit_apart(a: str, b: str) -> bool:
    """Whether ``b`` is ``a``, or one insertion, deletion, substitution or swap away."""
    if abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < len(a) and i < len(b) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        swapped = a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
        return a[i + 1 :] == b[i + 1 :] or swapped
    if len(a) > len(b):
        return a[i + 1 :] == b[i:]
    return a[i:] == b[i + 1 :]


DIR = 1
"""Listing flag: a folder, or a symlink to one."""
LINK = 2
"""Listing flag: a symlink (its target must stay inside the root)."""


def _flags(entry: os.DirEntry[str]) -> int:
    """``DIR`` and ``LINK`` from the listing alone: a symlink is only ``LINK`` (whether it
    leads to a folder is asked once it is known to stay inside the root)."""
    try:
        return LINK if entry.is_symlink() else DIR if entry.is_dir(follow_symlinks=False) else 0
    except OSError:
        return 0


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


HEADER_BYTES = 16 * 1024
"""Image headers are parsed from this many leading bytes, read in one call (a parser reading
the file itself makes one small read per JPEG marker). A header that goes on
past them (a large EXIF or ICC block) is parsed again from ``LONG_HEADER_BYTES``."""
LONG_HEADER_BYTES = 4 * 1024 * 1024
"""The most of a file read for its header: JPEG segments are at most 64 KB each, so this
holds dozens of them; a file of fill bytes or junk costs at most this, never its size."""


def _read_info(path: Path) -> ImageInfo:
    if path.suffix.lower() == ".svg":
        return ImageInfo("SVG", None, None)
    try:  # non-blocking, so that a FIFO named like an image is reported, not waited on
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        return ImageInfo(None, None, None, _unreadable(exc.strerror or str(exc)))
    try:  # plain reads on the descriptor: a buffered file object costs more than the read
        status = os.fstat(fd)
        if stat.S_ISDIR(status.st_mode):
            return ImageInfo(None, None, None, _unreadable(os.strerror(EISDIR)))
        if not stat.S_ISREG(status.st_mode):
            return ImageInfo(None, None, None, msg("not a regular file"))
        head = os.read(fd, HEADER_BYTES)
        info = _identify(_squeeze(head))
        if info.error and len(head) == HEADER_BYTES:
            while len(head) < LONG_HEADER_BYTES:
                more = os.read(fd, LONG_HEADER_BYTES - len(head))
                if not more:
                    break
                head += more
            info = _identify(_squeeze(head))
        located = info.format in _EXIF_FORMATS and has_location(head, _reader(fd, head))
    except OSError as exc:
        return ImageInfo(None, None, None, _unreadable(exc.strerror or str(exc)))
    finally:
        os.close(fd)
    return ImageInfo(info.format, info.width, info.height, info.error, stamp_of(status), located)


_EXIF_FORMATS = frozenset(("JPEG", "PNG", "WEBP"))
"""The formats whose EXIF is looked at for GPS coordinates."""


def _reader(fd: int, head: bytes) -> Reader:
    """Bytes of the open file ``fd`` from ``head`` when it holds them, else read at their
    offset (a WebP keeps its EXIF after the image data)."""

    def read(offset: int, size: int) -> bytes:
        if offset + size <= len(head):
            return head[offset : offset + size]
        os.lseek(fd, offset, os.SEEK_SET)
        return os.read(fd, size)

    return read


_FILLS = re.compile(rb"\xff+")
_STANDALONE = frozenset({0x01, *range(0xD0, 0xD8)})
"""JPEG markers without a length field (TEM, RSTn)."""


def _squeeze(head: bytes) -> bytes:
    """A JPEG header with the runs of 0xFF fill bytes before each marker made one byte (the
    standard allows any number there): imagesize reads fill bytes one at a time.
    Segments are walked by their lengths, so their content is copied untouched, up to the
    start of the compressed data; anything else is returned as it is."""
    if not head.startswith(b"\xff\xd8") or b"\xff\xff" not in head:
        return head  # no fill bytes anywhere: nothing to squeeze
    out = [b"\xff\xd8"]
    position = 2
    while position < len(head):
        fills = _FILLS.match(head, position)
        if fills is None:
            return head  # not at a marker: leave it to the parser
        if fills.end() >= len(head):
            return b"".join(out) + b"\xff"  # fill bytes to the end: truncated
        marker = head[fills.end()]
        out.append(bytes((0xFF, marker)))
        position = fills.end() + 1
        if marker in _STANDALONE:
            continue
        if position + 2 > len(head):
            break
        length = int.from_bytes(head[position : position + 2], "big")
        out.append(head[position : position + length])
        position += length
        if marker == 0xDA:  # start of scan: the header is complete
            break
    return b"".join(out) + head[position:]


MAGIC_BYTES = 16
"""The format is told by the first bytes of the file, not by a parser's guess."""


def image_format(head: bytes) -> str | None:
    """The format a file's first :data:`MAGIC_BYTES` say it is, by the names the extensions map
    to (``JPEG``, ``PNG``, …); ``None`` when they are no image yeplint knows."""
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "GIF"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head[4:8] == b"ftyp" and head[8:12] in (b"avif", b"avis"):
        return "AVIF"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "TIFF"
    if head[:2] == b"BM" and head[6:10] == b"\x00\x00\x00\x00":
        return "BMP"
    if head[:4] == b"\x00\x00\x01\x00" and head[4:6] != b"\x00\x00":
        return "ICO"
    if head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS:
        return "HEIF"
    if head[:4] == b"8BPS":
        return "PSD"
    return None


_HEIF_BRANDS = frozenset((b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"))
"""The major brands of a HEIF file holding HEVC pictures (an iPhone's HEIC photos); the
generic ``mif1`` is left unnamed, as AVIF files use it too."""


def _generic_heif(head: bytes) -> str | None:
    """``HEIF`` for a file whose ``ftyp`` box names the generic ``mif1``/``msf1`` brand first
    and a HEVC brand among its compatible ones (some phones write HEIC photos so)."""
    if head[4:8] != b"ftyp" or head[8:12] not in (b"mif1", b"msf1"):
        return None
    end = min(int.from_bytes(head[:4], "big"), len(head), 256)
    brands = {head[at : at + 4] for at in range(16, end - 3, 4)}
    return "HEIF" if brands & _HEIF_BRANDS and b"avif" not in brands else None


UNSHOWN = frozenset(("HEIF", "TIFF", "PSD"))
"""Formats browsers do not show in an ``<img>`` (Safari alone shows HEIC and TIFF)."""


_DAMAGED = msg("cannot read the image header: the file is truncated or damaged")


def _unreadable(reason: str) -> str:
    return msg("cannot read the image: {reason}", reason=reason)


_SHORTEST = {"GIF": 10, "PNG": 24, "WEBP": 30, "BMP": 26, "ICO": 8, "TIFF": 8}
"""Bytes a header needs before its size is there (imagesize reads past a shorter one)."""


def _identify(head: bytes) -> ImageInfo:
    """Format (from the magic bytes) and size (imagesize, which reads no pixels) of a header."""
    kind = image_format(head[:MAGIC_BYTES]) or _generic_heif(head)
    if kind is None:
        return ImageInfo(None, None, None, msg("not a readable image"))
    if kind in ("HEIF", "PSD"):
        return ImageInfo(kind, None, None)  # no size: no browser shows it anyway
    if len(head) < _SHORTEST.get(kind, 0):
        size = (-1, -1)
    elif kind == "AVIF":
        size = _avif_size(head)
    elif kind == "ICO":
        size = (head[6] or 256, head[7] or 256)
    elif kind == "PNG" and head[12:16] != b"IHDR":
        size = (-1, -1)  # imagesize would read an old draft's layout
    else:
        import imagesize

        try:
            size = imagesize.get(BytesIO(head))
        except (ValueError, TypeError, IndexError, struct.error, OSError):
            size = (-1, -1)
    width, height = size
    if size == (-1, -1):
        return ImageInfo(None, None, None, _DAMAGED)
    if kind == "GIF":  # imagesize reads GIF sizes as signed 16-bit numbers
        width, height = width & 0xFFFF, height & 0xFFFF
    if kind == "BMP":  # a negative height is a top-down bitmap
        height = abs(height)
    if width <= 0 or height <= 0:
        return ImageInfo(None, None, None, _DAMAGED)
    return ImageInfo(kind, width, height)


def _avif_size(head: bytes) -> tuple[int, int]:
    """Width and height from the first ``ispe`` (image spatial extents) property of an AVIF."""
    at = head.find(b"ispe")
    if at < 4 or len(head) < at + 16:
        return -1, -1
    return int.from_bytes(head[at + 8 : at + 12], "big"), int.from_bytes(
        head[at + 12 : at + 16], "big"
    )


def resolve_docusaurus_link(
    resolver: ImageResolver,
    reference: str,
    post_folder: Path,
    root: Path,
    content_folders: tuple[Path, ...],
) -> Resolution | None:
    """A Markdown file link (``catalogs.md``, ``/cli/list.md``, ``./x.md``) on a Docusaurus
    site, found as its mdx-loader finds it: a link that does not start with ``./`` or ``../``
    from each content folder (docs roots) and the site's root, then one that does not start
    with ``/`` from the page's folder. When no such file exists: for a ``/``-rooted link, the
    missing file in the first docs folder (it is never a file served at ``/``); else ``None``
    (the link is then judged as any other)."""
    path = reference.split("#", 1)[0]
    tries: list[tuple[str, Path]] = []
    if not path.startswith(("./", "../")):
        tries += [(path.lstrip("/"), folder) for folder in (*content_folders, root)]
    if not path.startswith("/"):
        tries.append((path, post_folder))
    for written, folder in tries:
        if not _inside(folder, root):
            continue
        found = resolver.resolve(written, folder, root, suggest=False)
        if found.status is Status.OK:
            return found
    if path.startswith("/"):
        return resolver.resolve(path.lstrip("/"), tries[0][1], root)
    return None


MKDOCS_THEME_FILES = {
    "mkdocs": frozenset(
        {
            *(f"css/{n}" for n in ("base.css", "bootstrap.min.css", "fontawesome.min.css")),
            *(f"css/{n}" for n in ("brands.min.css", "solid.min.css", "v4-font-face.min.css")),
            "img/favicon.ico",
            "img/grid.png",
            *(f"js/{n}" for n in ("base.js", "bootstrap.bundle.min.js", "darkmode.js")),
        }
    ),
    "readthedocs": frozenset(
        {
            "css/theme.css",
            "css/theme_extra.css",
            "img/favicon.ico",
            *(f"js/{n}" for n in ("theme.js", "theme_extra.js", "html5shiv.min.js")),
        }
    ),
}
"""The files MkDocs' built-in themes copy to the site's root (MkDocs 1.6), which a page may
link (`[the favicon](img/favicon.ico)`); a theme installed as a package is not known."""


def mkdocs_theme_file(path: Path, root: Path, docs_dir: Path) -> bool:
    """Whether ``path``, a file under ``docs_dir`` that does not exist, is one the built-in
    MkDocs theme of the site at ``root`` writes there (its ``mkdocs.yml`` names ``theme:
    mkdocs``, ``theme: {name: readthedocs}``, or no theme: MkDocs' own)."""
    try:
        relative = path.relative_to(docs_dir).as_posix()
    except ValueError:
        return False
    from yeplint.config.generators import read_config

    for name in ("mkdocs.yml", "mkdocs.yaml"):
        data = read_config(root / name)
        if not isinstance(data, dict):
            continue
        theme = data.get("theme") or "mkdocs"
        named = theme.get("name") if isinstance(theme, dict) else theme
        return isinstance(named, str) and relative in MKDOCS_THEME_FILES.get(named, frozenset())
    return False
