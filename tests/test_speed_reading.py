"""Reading a page (issue 29, item 3): one ``os.read`` of the file's size and a byte more, never
a ``max-file-size`` buffer; ``max-file-size`` holds; a file that grows while it is read, and one
of no known size, are still read right. Counted through the calls, never timed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from yeplint.config.files import read_upto


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """The sizes ``read_upto`` asks ``os.read`` for."""
    asked: list[int] = []
    real = os.read

    def counting(descriptor: int, size: int) -> bytes:
        asked.append(size)
        return real(descriptor, size)

    monkeypatch.setattr(os, "read", counting)
    return asked


def test_a_page_is_read_with_one_read_of_its_size(tmp_path: Path, reads: list[int]) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"# Kop\n\nTekst.\n")
    assert read_upto(page, 1_000_000) == b"# Kop\n\nTekst.\n"
    assert reads == [15]


def test_a_page_over_the_limit_reads_one_byte_past_it(tmp_path: Path, reads: list[int]) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"x" * 100)
    assert read_upto(page, 10) == b"x" * 11
    assert reads == [11]


def test_an_empty_page(tmp_path: Path, reads: list[int]) -> None:
    page = tmp_path / "page.md"
    page.write_bytes(b"")
    assert read_upto(page, 10) == b""
    assert reads == [1]


@pytest.mark.parametrize(
    ("limit", "expected"), [(1_000, b"a" * 10 + b"b" * 20), (15, b"a" * 10 + b"b" * 6)]
)
def test_a_page_that_grows_after_its_size_was_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, limit: int, expected: bytes
) -> None:
    """The size says 10 bytes; the file holds 30 by the time it is read: read to its end (or
    one byte past the limit), not cut at the size."""
    page = tmp_path / "page.md"
    page.write_bytes(b"a" * 10)
    real = os.fstat

    def stale(descriptor: int) -> os.stat_result:
        found = real(descriptor)
        page.write_bytes(b"a" * 10 + b"b" * 20)  # written between the look and the read
        return found

    monkeypatch.setattr(os, "fstat", stale)
    assert read_upto(page, limit) == expected


def test_a_pipe_is_read_to_its_end(tmp_path: Path) -> None:
    """A FIFO has no size: it is read until it ends (the configuration may come from one)."""
    fifo = tmp_path / "config.toml"
    os.mkfifo(fifo)
    pid = os.fork()
    if pid == 0:  # the writer
        with fifo.open("wb") as out:
            out.write(b"select = [")
            out.flush()
            out.write(b'"YEP2"]\n')
        os._exit(0)
    try:
        assert read_upto(fifo, 1_000) == b'select = ["YEP2"]\n'
    finally:
        os.waitpid(pid, 0)


def test_a_device_stops_one_byte_past_the_limit() -> None:
    assert read_upto(Path("/dev/zero"), 100) == b"\0" * 101
