"""The image resolver: its one-edit index, memory bounds, symlinks and header reads."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from yeplint.site.files import (
    HEADER_BYTES,
    NEAR_MAX,
    ImageInfo,
    ImageResolver,
    NearIndex,
    Status,
    _read_info,
)

NAMES = ["coachend-begeleiden-1.jpeg", "foto.jpg", "foto-2.jpg", "team.png"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ccoachend-begeleiden-1.jpeg", ["coachend-begeleiden-1.jpeg"]),  # one added
        ("coachend-begeleiden-1.jpg", ["coachend-begeleiden-1.jpeg"]),  # one dropped
        ("foto-2jpg", ["foto-2.jpg"]),  # missing dot
        ("fото.jpg", []),  # two changed (Cyrillic letters)
        ("feto.jpg", ["foto.jpg"]),  # one changed
        ("ofto.jpg", ["foto.jpg"]),  # two swapped
        ("FOTO.JPG", ["foto.jpg"]),  # case is folded
        ("tram.gif", []),
    ],
)
@pytest.mark.parametrize("direct_queries", [0, 200], ids=["index", "direct"])
def test_within_one_edit(query: str, expected: list[str], direct_queries: int) -> None:
    assert NearIndex(NAMES, direct_queries).within_one_edit(query) == expected


@given(
    names=st.lists(st.text("abé.-1", min_size=1, max_size=6), max_size=12),
    query=st.text("abcé.-1", max_size=7),
)
def test_direct_lookup_and_index_agree(names: list[str], query: str) -> None:
    expected = sorted(n for n in names if _osa_distance(n.casefold(), query.casefold()) <= 1)
    assert NearIndex(names).within_one_edit(query) == expected
    assert NearIndex(names, direct_queries=0).within_one_edit(query) == expected


def _osa_distance(a: str, b: str) -> int:
    """Edit distance with swaps of neighbours (optimal string alignment), the textbook way."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_many_lookups_switch_to_the_index() -> None:
    index = NearIndex(NAMES, direct_queries=2)
    answers = [index.within_one_edit("feto.jpg") for _ in range(4)]
    assert answers == [["foto.jpg"]] * 4
    assert index._keys is not None


def test_huge_folders_get_no_index() -> None:
    index = NearIndex([f"beeld-{i}.jpg" for i in range(NEAR_MAX + 1)])
    assert index.within_one_edit("beeld-1.jpg") == []


def test_header_past_the_first_read_is_parsed_from_the_file(tmp_path: Path) -> None:
    """A JPEG whose ICC profile pushes the size marker past ``HEADER_BYTES``."""
    path = tmp_path / "foto.jpg"
    Image.new("RGB", (1900, 3)).save(path, "JPEG", icc_profile=os.urandom(2 * HEADER_BYTES))
    assert path.stat().st_size > 2 * HEADER_BYTES
    assert _read_info(path) == ImageInfo("JPEG", 1900, 3)


def test_jpeg_fill_bytes_are_read_in_bounded_time(tmp_path: Path) -> None:
    """Any number of 0xFF bytes may precede a JPEG marker; Pillow reads them one at a time
    (~1 s per MB). yeplint squeezes them and reads at most ``LONG_HEADER_BYTES``."""
    import io

    small = io.BytesIO()
    Image.new("RGB", (30, 20)).save(small, "JPEG")
    path = tmp_path / "foto.jpg"
    path.write_bytes(small.getvalue()[:2] + b"\xff" * (3 * 1024 * 1024) + small.getvalue()[2:])
    assert _read_info(path) == ImageInfo("JPEG", 30, 20)  # took 3 s before, now ms
    huge = tmp_path / "huge.jpg"
    huge.write_bytes(b"\xff\xd8" + b"\xff" * (64 * 1024 * 1024))
    assert _read_info(huge).error  # took a minute before: now at most 4 MB are looked at


def test_a_very_large_webp_is_no_decompression_bomb(tmp_path: Path) -> None:
    """Only the header is read: a real 16383 x 16383 WebP has a width, not an error. The
    header of a small lossless WebP is rewritten to that size (the pixels are never read)."""
    import io

    data = io.BytesIO()
    Image.new("RGB", (16, 16)).save(data, "WEBP", lossless=True)
    raw = bytearray(data.getvalue())
    start = raw.index(b"VP8L") + 9
    bits = int.from_bytes(raw[start : start + 4], "little") & ~((1 << 28) - 1)
    raw[start : start + 4] = (bits | 16382 | (16382 << 14)).to_bytes(4, "little")
    path = tmp_path / "panorama.webp"
    path.write_bytes(bytes(raw))
    assert _read_info(path) == ImageInfo("WEBP", 16383, 16383)


def test_truncated_header_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "foto.jpg"
    Image.new("RGB", (20, 20)).save(path, "JPEG", icc_profile=os.urandom(2 * HEADER_BYTES))
    path.write_bytes(path.read_bytes()[: HEADER_BYTES + 100])
    info = _read_info(path)
    assert (info.format, info.width) == (None, None)
    assert info.error


@pytest.mark.parametrize(("kind", "suffix"), [("PNG", "png"), ("GIF", "gif"), ("WEBP", "webp")])
def test_small_images_are_read_from_the_first_bytes(tmp_path: Path, kind: str, suffix: str) -> None:
    path = tmp_path / f"beeld.{suffix}"
    Image.new("RGB", (7, 5)).save(path, kind)
    assert _read_info(path) == ImageInfo(kind, 7, 5)


def test_image_that_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "beeld.jpg"
    folder.mkdir()
    assert _read_info(folder).error == "cannot read the image: Is a directory"
    assert (
        _read_info(tmp_path / "weg.jpg").error == "cannot read the image: No such file or directory"
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_named_like_an_image_is_reported_not_waited_on(tmp_path: Path) -> None:
    fifo = tmp_path / "foto.jpg"
    os.mkfifo(fifo)
    found: list[ImageInfo] = []
    reader = threading.Thread(target=lambda: found.append(_read_info(fifo)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert found == [ImageInfo(None, None, None, "not a regular file")]


def test_symlinked_folder_leaving_the_root_is_outside(tmp_path: Path) -> None:
    root, elsewhere = tmp_path / "content", tmp_path / "elsewhere"
    root.mkdir()
    elsewhere.mkdir()
    (elsewhere / "foto.jpg").write_bytes(b"")
    (root / "beelden").symlink_to(elsewhere, target_is_directory=True)
    (root / "eigen").mkdir()
    (root / "eigen" / "foto.jpg").write_bytes(b"")
    (root / "binnen").symlink_to(root / "eigen", target_is_directory=True)
    resolver = ImageResolver()
    assert resolver.resolve("beelden/foto.jpg", root, root).status is Status.OUTSIDE
    assert resolver.resolve("binnen/foto.jpg", root, root).status is Status.OK
    assert resolver.resolve("binnen", root, root).status is Status.DIRECTORY


@pytest.mark.parametrize("count", [20, 5_000])
def test_a_looser_typo_gets_a_suggestion_in_a_folder_of_any_size(
    tmp_path: Path, count: int
) -> None:
    """Two edits away (`fotoo-00007.jpeg` for `foto-00007.jpg`): the most similar name, in a
    folder of 20 files or of 5,000 (difflib was asked only up to 1,000 files)."""
    for i in range(count):
        (tmp_path / f"foto-{i:05d}.jpg").touch()
    found = ImageResolver().resolve("fotoo-00007.jpeg", tmp_path, tmp_path)
    assert found.status is Status.MISSING
    assert found.suggestion == "foto-00007.jpg"
