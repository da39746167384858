"""Reading the files a configuration names (itself, schemas and their ``$ref``s): only inside the
project (the configuration's folder, or the git work tree it sits in), only regular files, and
at most :data:`READ_CAP` bytes of them; a refusal is a :class:`ConfigError` saying why."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from yeplint.config.settings import ConfigError

READ_CAP = 5_000_000
"""Most bytes read from a configuration file or a file it names (a schema, a file a schema's
``$ref`` names). Such files are kilobytes; a name such as ``/dev/zero`` must end in an error,
not in the machine's memory."""


class TooLarge(ConfigError):
    """A file is larger than :data:`READ_CAP`."""


def read_capped(path: Path, *, regular: bool = False) -> bytes:
    """The bytes of ``path``, at most :data:`READ_CAP` of them (more is :class:`TooLarge`).

    With ``regular``, only a regular file: it is opened without blocking (a FIFO with no
    writer would wait forever) and checked on the open descriptor, so a file swapped after
    :func:`path_problem` looked at it is refused too. The configuration file itself may be a
    pipe (``--config <(…)``), so it is read without ``regular``. An :class:`OSError` is the
    caller's to report."""
    data = read_upto(path, READ_CAP, regular=regular)
    if len(data) > READ_CAP:
        raise TooLarge(f"is larger than {READ_CAP:,} bytes")
    return data


def read_upto(path: Path, limit: int, *, regular: bool = False) -> bytes:
    """At most ``limit + 1`` bytes of ``path``: more than ``limit`` says the file is larger
    than a caller takes, without reading it whole (a page over ``max-file-size``, a name such
    as ``/dev/zero``). Every capped read in yeplint is this one.

    With ``regular``, only a regular file: it is opened without blocking (a FIFO with no
    writer would wait forever) and checked on the open descriptor. An :class:`OSError` is the
    caller's to report."""
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    if regular:
        flags |= getattr(os, "O_NONBLOCK", 0)
    descriptor = os.open(path, flags)
    try:
        info = os.fstat(descriptor)
        if regular and not stat.S_ISREG(info.st_mode):
            raise ConfigError("is not a regular file")
        return _read(descriptor, info.st_size if stat.S_ISREG(info.st_mode) else 0, limit)
    finally:
        os.close(descriptor)


def _read(descriptor: int, size: int, limit: int) -> bytes:
    """At most ``limit + 1`` bytes from ``descriptor``, of a file ``size`` bytes long when it
    was looked at. One ``os.read`` of the size and one byte more: a buffer that fits the file
    (a buffered ``read(limit + 1)`` asks for ``max-file-size`` each time: on 7,425 small pages
    ~15% of a run's CPU) whose short read says the end is reached. Only a file that grew since,
    or one of no known size (a pipe, a device), is read on, up to ``limit + 1`` bytes."""
    want = min(size, limit) + 1
    data = os.read(descriptor, want)
    if len(data) < want:
        return data
    chunks = [data]
    total = len(data)
    while total <= limit:
        more = os.read(descriptor, limit + 1 - total)
        if not more:
            break
        chunks.append(more)
        total += len(more)
    return b"".join(chunks)


def path_problem(path: Path, project: Path, *, folder: bool = False) -> str | None:
    """Why yeplint will not read ``path`` (``None``: it may). It must stay inside ``project``
    once every symlink is resolved (``../``, an absolute path and a symlink out all leave it),
    and be a regular file of at most :data:`READ_CAP` bytes (no FIFO, device or socket), or
    with ``folder`` a folder. A path that does not exist is left to the reader to report."""
    if "\0" in str(path):
        return "is not a valid path (a NUL character)"
    base = Path(os.path.realpath(project))
    real = inside(path, base)
    if real is None:
        return f"is outside the project ({base})"
    try:
        found = real.stat()
    except OSError:
        return None
    if folder:
        return None if stat.S_ISDIR(found.st_mode) else "is not a folder"
    if not stat.S_ISREG(found.st_mode):
        return "is not a regular file"
    if found.st_size > READ_CAP:
        return f"is larger than {READ_CAP:,} bytes"
    return None


SYMLINK_HOPS = 40
"""The most symlinks one path may pass through (the kernel's limit): a loop ends there."""


OUTSIDE = "outside"
"""What :func:`confine` says of a path that leaves the root."""
LOOP = "loop"
"""What :func:`confine` says of a path whose symlinks go round in circles."""


def inside(path: Path | str, root: Path) -> Path | None:
    """``path`` resolved inside ``root`` (see :func:`confine`), else ``None``."""
    found = confine(path, root)
    return found if isinstance(found, Path) else None


def confine(path: Path | str, root: Path) -> Path | str:
    """``path`` with every symlink resolved when it stays inside ``root`` (a resolved folder)
    all the way (``../``, an absolute path and a symlink out all leave it). Only
    names inside ``root`` are ever looked at (``lstat`` and ``readlink``): what lies outside is
    never stat'ed, listed or read, as ``os.path.realpath`` would. A name that does not exist
    ends the resolving: the rest is joined as written. Not inside: :data:`OUTSIDE`, or
    :data:`LOOP` after more symlinks than the kernel follows."""
    whole = root / path
    current = Path(whole.anchor)
    pending = list(whole.parts[1:])
    hops = 0
    while pending:
        part = pending.pop(0)
        if part == "..":
            current = current.parent
            continue
        following = current / part
        if not following.is_relative_to(root):
            if root.is_relative_to(following):  # on the way down to the root: its own folders
                current = following
                continue
            return OUTSIDE
        try:
            found = following.lstat()
        except (OSError, ValueError):
            rest = Path(os.path.normpath(following.joinpath(*pending)))
            return rest if rest.is_relative_to(root) else OUTSIDE
        if stat.S_ISLNK(found.st_mode):
            hops += 1
            if hops > SYMLINK_HOPS:
                return LOOP
            target = following.readlink()
            if target.is_absolute():
                current = Path(target.anchor)
            pending = [*target.parts[1 if target.is_absolute() else 0 :], *pending]
            continue
        current = following
    return current if current.is_relative_to(root) else OUTSIDE


def project_boundary(root: Path) -> Path:
    """The folder whose files a configuration at ``root`` may name: the top of the git work
    tree ``root`` sits in (a ``docs/yeplint.toml`` may use the repository's ``schemas/``), or
    ``root`` itself outside one."""
    real = Path(os.path.realpath(root))
    for folder in (real, *real.parents):
        if (folder / ".git").exists():
            return folder
    return real


def read_project_file(path: Path, project: Path) -> bytes:
    """The bytes of ``path`` under the rules of :func:`path_problem`, checked again on the
    opened file; a refusal is a :class:`ConfigError` saying why (the caller names the file)."""
    problem = path_problem(path, project)
    if problem is not None:
        raise ConfigError(problem)
    return read_capped(path, regular=True)
