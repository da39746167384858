"""Image headers (magic bytes + imagesize) against Pillow, the oracle for format and size.

Pillow left yeplint's runtime; it stays here, to make images and to say what they are. Every
generated image, in every format yeplint names, and every image of the shared corpus must get
Pillow's format and stored size (no turning for EXIF orientation); every truncated header
gets either those same values or an error, never another size and never an exception.
"""

from __future__ import annotations

import io
import os
import random

import pytest
from PIL import Image

from tests.conftest import SHARED_SITE
from yeplint.site.files import ImageInfo, _identify, _squeeze

FORMATS = ["JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF", "ICO"]


def _ours(data: bytes) -> ImageInfo:
    return _identify(_squeeze(data))


def _pillow(data: bytes) -> tuple[str | None, int, int]:
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
        return image.format, width, height


def _make(rng: random.Random, kind: str) -> bytes:
    if kind == "ICO":
        size = (rng.randrange(1, 257), rng.randrange(1, 257))
    elif rng.random() < 0.5:
        size = (rng.randrange(1, 6000), rng.randrange(1, 4))
    else:
        size = (rng.randrange(1, 4), rng.randrange(1, 6000))
    mode = rng.choice(["RGB", "L", "RGBA", "P"] if kind in ("PNG", "GIF", "WEBP") else ["RGB"])
    image = Image.new(mode, size)
    out = io.BytesIO()
    options: dict[str, object] = {}
    if kind == "JPEG":
        options = {"progressive": rng.random() < 0.3, "quality": rng.randrange(10, 95)}
        if rng.random() < 0.3:
            exif = Image.Exif()
            exif[0x0112] = rng.choice([1, 3, 6, 8])  # orientation: 6 and 8 turn the picture
            options["exif"] = exif.tobytes()
        if rng.random() < 0.2:
            options["icc_profile"] = os.urandom(rng.randrange(100, 5000))
    elif kind == "WEBP":
        options = {"lossless": rng.random() < 0.5}
    elif kind == "ICO":
        options = {"sizes": [size]}
    image.save(out, kind, **options)
    return out.getvalue()


def test_generated_images_match_pillow() -> None:
    count = int(os.environ.get("YEPLINT_IMAGE_CORPUS", "1200"))
    rng = random.Random(7)
    for n in range(count):
        kind = FORMATS[n % len(FORMATS)]
        data = _make(rng, kind)
        expected = _pillow(data)
        assert _ours(data) == ImageInfo(*expected), (n, kind, expected)


def test_truncated_headers_give_the_size_or_an_error() -> None:
    rng = random.Random(11)
    for n in range(300):
        kind = FORMATS[n % len(FORMATS)]
        data = _make(rng, kind)
        whole = _ours(data)
        for cut in sorted({0, 1, 2, 3, 8, 12, 16, 20, 24, 30, rng.randrange(len(data))}):
            info = _ours(data[:cut])
            assert info == whole or (info.error and info.width is None), (kind, cut, info)


def test_exif_orientation_does_not_turn_the_width() -> None:
    exif = Image.Exif()
    exif[0x0112] = 6  # shown turned a quarter: 20 wide on screen
    out = io.BytesIO()
    Image.new("RGB", (1900, 20)).save(out, "JPEG", exif=exif.tobytes())
    assert _ours(out.getvalue()) == ImageInfo("JPEG", 1900, 20)


def test_avif_size_from_its_ispe_box() -> None:
    ispe = (
        b"\x00\x00\x00\x14ispe\x00\x00\x00\x00"
        + (2400).to_bytes(4, "big")
        + (1600).to_bytes(4, "big")
    )
    ftyp = b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf"
    assert _ours(ftyp + b"\x00\x00\x00\x30meta" + ispe) == ImageInfo("AVIF", 2400, 1600)
    assert _ours(ftyp).error


def test_what_is_no_image() -> None:
    assert _ours(b"").error == "not a readable image"
    assert _ours(b"<html>not a picture</html>").error == "not a readable image"
    assert _ours(b"\x89PNG\r\n\x1a\n\x00\x00").error


def test_real_images_match_pillow() -> None:
    if SHARED_SITE is None or not SHARED_SITE.parent.is_dir():
        pytest.skip("../shared/corpus is not here")
    suffixes = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp", ".tif", ".tiff", ".ico"}
    paths = [p for p in SHARED_SITE.parent.rglob("*") if p.suffix.lower() in suffixes]
    checked = 0
    for path in paths:
        data = path.read_bytes()
        try:
            expected = _pillow(data)
        except OSError:
            assert _ours(data).error, path
            continue
        if expected[0] == "MPO":  # Pillow's name for a JPEG with more pictures in it
            expected = ("JPEG", *expected[1:])
        if expected[0] == "ICO":
            continue  # Pillow shows an icon's largest picture, yeplint its first
        assert _ours(data) == ImageInfo(*expected), path
        checked += 1
    assert checked > 50
