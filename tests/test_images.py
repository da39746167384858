"""The image resolver: its one-edit index, memory bounds, symlinks and header reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PIL import Image

from yeplint.images import (
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
        ("FOTO.JPG", ["foto.jpg"]),  # case is folded
        ("tram.gif", []),
    ],
)
def test_within_one_edit(query: str, expected: list[str]) -> None:
    assert NearIndex(NAMES).within_one_edit(query) == expected


def test_huge_folders_get_no_index() -> None:
    index = NearIndex([f"beeld-{i}.jpg" for i in range(NEAR_MAX + 1)])
    assert index.within_one_edit("beeld-1.jpg") == []


def test_header_past_the_first_read_is_parsed_from_the_file(tmp_path: Path) -> None:
    """A JPEG whose ICC profile pushes the size marker past ``HEADER_BYTES``."""
    path = tmp_path / "foto.jpg"
    Image.new("RGB", (1900, 3)).save(path, "JPEG", icc_profile=os.urandom(2 * HEADER_BYTES))
    assert path.stat().st_size > 2 * HEADER_BYTES
    assert _read_info(path) == ImageInfo("JPEG", 1900, 3)


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


def test_unreadable_image_file(tmp_path: Path) -> None:
    folder = tmp_path / "beeld.jpg"
    folder.mkdir()
    assert _read_info(folder).error == "cannot read the image: Is a directory"


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
