"""Rewriting a file so that no byte can be lost: a killed run, a full disk, a second yeplint
run or an editor saving the page at the same time leave the file old or new, never damaged.

:func:`locked` opens the real file (through symlinks) and holds an exclusive ``flock`` on it
while yeplint computes and verifies the fixed text from exactly the bytes it read. Two yeplint
runs therefore take turns on a file, and the second one sees the first one's result. The new
content goes to a temporary file in the same folder (mode and, where permitted, owner copied),
is flushed to disk, and is renamed over the original only if the file on disk is still the one
that was read (same inode, size, modification time and bytes). Editors do not take the lock:
between that last check and the rename there remains a window of microseconds.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from yeplint.locale.messages import msg

SUFFIX = ".yeplint-fix"
LOCK_WAIT = 30.0
"""Seconds to wait for another process's lock on a file before giving up on it."""


class WriteRefused(Exception):
    """The file is left as it was; ``str(exc)`` says why."""


@dataclass
class LockedFile:
    path: Path
    """The real file (symlinks resolved)."""
    fd: int
    info: os.stat_result
    data: bytes

    def replace(self, new: bytes) -> None:
        """Atomically replace the file's content by ``new`` (see the module docstring)."""
        folder = self.path.parent
        _refuse_unwritable(self.path, self.info, folder)
        if self.info.st_nlink > 1:
            raise WriteRefused(
                msg(
                    "the file has {count} hard links; rewriting it would separate them, so it"
                    " is left as it is",
                    count=self.info.st_nlink,
                )
            )
        _remove_stale_temporaries(self.path)
        handle, name = _temporary(self.path)
        temporary = Path(name)
        try:
            try:
                _write_all(handle, new)
                os.fchmod(handle, stat.S_IMODE(self.info.st_mode))
                with contextlib.suppress(OSError):
                    os.fchown(handle, self.info.st_uid, self.info.st_gid)
                os.fsync(handle)
            finally:
                os.close(handle)
            if not self._unchanged():
                raise WriteRefused(msg("the file changed while yeplint was fixing it"))
            temporary.replace(self.path)
        except OSError as exc:
            raise WriteRefused(
                msg("cannot write the file: {reason}", reason=str(exc.strerror or exc))
            ) from None
        finally:
            with contextlib.suppress(OSError):
                temporary.unlink()
        _sync_folder(folder)

    def _unchanged(self) -> bool:
        try:
            now = self.path.stat()
        except OSError:
            return False
        same_file = (now.st_dev, now.st_ino) == (self.info.st_dev, self.info.st_ino)
        same_stamp = (now.st_size, now.st_mtime_ns) == (self.info.st_size, self.info.st_mtime_ns)
        return same_file and same_stamp and _read_all(self.fd) == self.data


@contextlib.contextmanager
def locked(path: Path, limit: int) -> Iterator[LockedFile]:
    """The real file behind ``path`` opened and exclusively locked, with its bytes (at most
    ``limit`` + 1 of them). A file replaced while waiting for the lock is opened again."""
    real = Path(os.path.realpath(path))
    deadline = time.monotonic() + LOCK_WAIT
    while True:
        try:
            fd = os.open(real, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError as exc:
            raise WriteRefused(
                msg("cannot open the file: {reason}", reason=str(exc.strerror or exc))
            ) from None
        try:
            info = os.fstat(fd)
            if not stat.S_ISREG(info.st_mode):
                raise WriteRefused(msg("not a regular file"))
            _lock(fd, deadline)
            now = real.stat()
            if (now.st_dev, now.st_ino) != (info.st_dev, info.st_ino):
                os.close(fd)
                continue  # replaced (by another yeplint) while we waited: take the new one
            info = os.fstat(fd)
            data = _read_all(fd, limit + 1)
        except BaseException:
            os.close(fd)
            raise
        try:
            yield LockedFile(real, fd, info, data)
        finally:
            os.close(fd)  # closing releases the lock
        return


def _lock(fd: int, deadline: float) -> None:
    """Hold the file for this process (released when ``fd`` is closed), waiting at most until
    ``deadline`` for another holder to let go."""
    try_lock = _try_lock_windows if sys.platform == "win32" else _try_lock_posix
    while not try_lock(fd):
        if time.monotonic() > deadline:
            raise WriteRefused(msg("another process has held the file locked for too long"))
        time.sleep(0.01)


def _try_lock_posix(fd: int) -> bool:
    import fcntl  # POSIX only: imported where it is needed, never on Windows

    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _try_lock_windows(fd: int) -> bool:
    """Windows has no ``flock``: its byte-range lock on the file's first byte (past the end of
    an empty file is allowed), which every yeplint takes the same way."""
    import msvcrt  # Windows only

    os.lseek(fd, 0, os.SEEK_SET)  # msvcrt locks from the file position
    try:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)  # type: ignore[attr-defined]
    except OSError:
        return False
    return True


def _read_all(fd: int, limit: int = 1 << 62) -> bytes:
    chunks: list[bytes] = []
    position = 0
    while position < limit:
        chunk = os.pread(fd, min(1 << 20, limit - position), position)
        if not chunk:
            break
        chunks.append(chunk)
        position += len(chunk)
    return b"".join(chunks)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _writable(info: os.stat_result, path: Path) -> bool:
    if not info.st_mode & 0o222:
        return False  # no write bit for anyone: read-only, also for root
    return os.geteuid() == 0 or os.access(path, os.W_OK)


def _refuse_unwritable(path: Path, info: os.stat_result, folder: Path) -> None:
    if not _writable(info, path):
        raise WriteRefused(msg("the file is read-only"))
    try:
        folder_info = folder.stat()
    except OSError as exc:
        raise WriteRefused(
            msg("cannot write the folder: {reason}", reason=str(exc.strerror))
        ) from None
    if not _writable(folder_info, folder):
        raise WriteRefused(msg("its folder is read-only (the fixed file is written beside it)"))


def _temporary(path: Path) -> tuple[int, str]:
    import tempfile

    try:
        return tempfile.mkstemp(
            prefix=f".{path.name}.{os.getpid()}.", suffix=SUFFIX, dir=path.parent
        )
    except OSError as exc:
        raise WriteRefused(
            msg("cannot write beside the file: {reason}", reason=str(exc.strerror or exc))
        ) from None


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files of this file left by a yeplint process that was killed."""
    prefix = f".{path.name}."
    try:
        entries = list(path.parent.iterdir())
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if not (name.startswith(prefix) and name.endswith(SUFFIX)):
            continue
        pid = name[len(prefix) :].split(".", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            with contextlib.suppress(OSError):
                entry.unlink()


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError as exc:
        return exc.errno == errno.EPERM
    return True


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable."""
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
