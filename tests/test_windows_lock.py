"""Windows has no ``fcntl``: ``--fix`` locks a page there with msvcrt's byte-range lock. Tested
by running the Windows path here with a stand-in msvcrt module (and ``fcntl`` made unimportable,
as it is on Windows)."""

from __future__ import annotations

import os
import sys
import time
import types
from pathlib import Path

import pytest

from yeplint.engine import safe_write


class FakeMsvcrt(types.ModuleType):
    LK_NBLCK = 2

    def __init__(self, held: bool) -> None:
        super().__init__("msvcrt")
        self.held = held
        self.calls: list[tuple[int, int, int]] = []

    def locking(self, fd: int, mode: int, size: int) -> None:
        self.calls.append((os.lseek(fd, 0, os.SEEK_CUR), mode, size))
        if self.held:
            raise OSError(36, "Resource deadlock avoided")


@pytest.fixture
def windows(monkeypatch: pytest.MonkeyPatch) -> FakeMsvcrt:
    fake = FakeMsvcrt(held=False)
    monkeypatch.setattr(sys, "platform", "win32")
    monkeypatch.setitem(sys.modules, "msvcrt", fake)
    monkeypatch.setitem(sys.modules, "fcntl", None)  # `import fcntl` fails, as on Windows
    return fake


def test_the_windows_lock_takes_the_first_byte(tmp_path: Path, windows: FakeMsvcrt) -> None:
    page = tmp_path / "p.md"
    page.write_text("## Kop\n")
    fd = os.open(page, os.O_RDWR)
    try:
        os.lseek(fd, 5, os.SEEK_SET)
        safe_write._lock(fd, time.monotonic() + 1)
    finally:
        os.close(fd)
    assert windows.calls == [(0, FakeMsvcrt.LK_NBLCK, 1)]


def test_a_file_another_process_holds_is_refused_in_time(
    tmp_path: Path, windows: FakeMsvcrt
) -> None:
    windows.held = True
    page = tmp_path / "p.md"
    page.write_text("## Kop\n")
    fd = os.open(page, os.O_RDWR)
    try:
        with pytest.raises(safe_write.WriteRefused):
            safe_write._lock(fd, time.monotonic() + 0.05)
    finally:
        os.close(fd)
    assert len(windows.calls) > 1  # tried again until the deadline
