"""What a process really opens, stats and connects to, read from ``strace``: the calls naming a
path outside a project that no allowed place explains. Used by ``test_strace_outside.py``."""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

STRACE = "/usr/bin/strace"
CALLS = "openat,open,stat,lstat,statx,newfstatat,readlink,readlinkat,connect,socket,execve"

_LINE = re.compile(r"^(?P<pid>\d+) +(?P<call>\w+)\((?P<args>.*)\) += (?P<result>.*)$")
_DIRFD = re.compile(r"^(?:AT_FDCWD|\d+)<(?P<dir>[^>]*)>, ")
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')

SYSTEM = (
    "/proc",
    "/dev",
    "/sys/fs/cgroup",
    "/sys/devices/system/cpu",
    "/etc/ld.so.cache",
    "/etc/ld.so.preload",
    "/etc/localtime",
    "/etc/locale.alias",
    "/usr/share/locale",
    "/usr/lib/locale",
    "/usr/share/zoneinfo",
    "/usr/lib/x86_64-linux-gnu",
    "/usr/lib/aarch64-linux-gnu",
    "/lib/x86_64-linux-gnu",
    "/lib/aarch64-linux-gnu",
    "/lib64",
    "/usr/lib64",
    "/usr/lib/ssl/openssl.cnf",
    "/etc/ssl/openssl.cnf",
)
"""Places every process may touch, and why: the kernel's views of the process and the machine
(``/proc``, ``/dev``, the CPU count from ``/sys``), the dynamic loader and the C library's
shared objects, locale and time zone data (the C library's ``setlocale``, gettext), and
OpenSSL's own configuration, which libcrypto reads when ``hashlib`` first uses it."""


def python_places() -> tuple[str, ...]:
    """Python's own install, the venv, and the folders imports come from (an editable
    install's source tree)."""
    places = {sys.base_prefix, sys.prefix, sys.exec_prefix, sys.base_exec_prefix}
    places |= set(sysconfig.get_paths().values())
    places |= {p for p in sys.path if p and Path(p).is_dir()}
    places.add(str(Path(os.path.realpath(sys.executable)).parent.parent))
    return tuple(sorted(os.path.realpath(p) for p in places))


@dataclass(frozen=True)
class Call:
    pid: int
    name: str
    path: str
    """Absolute, as the kernel was asked it (relative ones joined to their folder)."""
    follows: bool
    """Whether the call follows a symlink at the end of the path."""
    result: str
    line: str


def trace(
    argv: list[str],
    cwd: Path,
    log: Path,
    *,
    stdin: bytes | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 120,
) -> tuple[subprocess.CompletedProcess[bytes], list[Call]]:
    """Run ``argv`` under ``strace -f``; its result and the path-naming calls it made."""
    done = subprocess.run(
        [STRACE, "-f", "-y", "-qq", "-s", "4096", "-e", f"trace={CALLS}", "-o", str(log), *argv],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=timeout,
        env=env,
        check=False,
    )
    return done, parse(log.read_text(errors="replace"), cwd)


def parse(text: str, cwd: Path) -> list[Call]:
    calls = []
    for line in text.splitlines():
        match = _LINE.match(line)
        if match is None:  # "<unfinished ...>" halves, signals, exits
            continue
        name, args = match["call"], match["args"]
        if name == "connect":
            calls.append(Call(int(match["pid"]), name, args, False, match["result"], line))
            continue
        folder = str(cwd)
        dirfd = _DIRFD.match(args)
        if dirfd is not None:
            folder = dirfd["dir"]
            args = args[dirfd.end() :]
        string = _STRING.match(args)
        if string is None:
            continue
        path = string[1].encode("latin-1", "backslashreplace").decode("unicode_escape")
        if path == "" and "AT_EMPTY_PATH" in args:
            continue  # fstat of an open descriptor: its opening was seen
        nofollow = "AT_SYMLINK_NOFOLLOW" in args or "O_NOFOLLOW" in args
        follows = name not in ("lstat", "readlink", "readlinkat") and not nofollow
        absolute = posixpath.join(folder, path)
        calls.append(Call(int(match["pid"]), name, absolute, follows, match["result"], line))
    return calls


def _under(path: str, places: tuple[str, ...]) -> bool:
    return any(path == p or path.startswith(p.rstrip("/") + "/") for p in places)


def _landing(call: Call) -> str:
    """Where the call's path leads: through every symlink when the call follows the last."""
    if call.follows:
        return os.path.realpath(call.path)
    head, tail = posixpath.split(call.path)
    return posixpath.join(os.path.realpath(head), tail)


def outside_calls(
    calls: list[Call],
    project: Path,
    *,
    forbidden: Path,
    ancestors_may: frozenset[str],
    also: tuple[str, ...] = (),
) -> list[str]:
    """The calls that touched something outside ``project`` and the allowed places, and every
    one that reached ``forbidden`` by any road. A stat of a name in ``ancestors_may`` in a
    folder above the project is how the project's root is found, and allowed."""
    root = os.path.realpath(project)
    allowed = (*SYSTEM, *python_places(), *also)
    above = {str(p) for p in Path(root).parents}
    python_above = {str(a) for p in python_places() for a in Path(p).parents}
    bad = []
    for call in calls:
        if call.name == "connect":
            if "AF_UNIX" not in call.path or "/var/run/nscd" in call.path:
                bad.append(call.line)
            continue
        if call.name == "execve":
            continue
        literal = posixpath.normpath(call.path)
        landing = _landing(call)
        if _under(literal, (str(forbidden),)) or _under(landing, (os.path.realpath(forbidden),)):
            bad.append(call.line)
            continue
        if _under(landing, (root,)) or (_under(literal, (root,)) and not call.follows):
            continue
        if landing in above or literal in above:
            continue
        if any(_under(literal, (f"{a.rstrip('/')}/{m}",)) for a in above for m in ancestors_may):
            continue
        if _under(landing, allowed) or _under(literal, allowed) or literal in python_above:
            continue
        if re.fullmatch(r"python3\d+\.zip", posixpath.basename(literal)):
            continue  # the standard library as a zip, looked for beside the prefix at start-up
        bad.append(call.line)
    return bad
