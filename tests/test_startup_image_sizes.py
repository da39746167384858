"""yeplint reads the size of a JPEG, PNG or GIF header itself, so that a run over such images
never imports imagesize (and the XML parser it imports at once): it must read exactly what
imagesize reads, on real images and on every way a header can be cut short or damaged."""

from __future__ import annotations

import random
import struct
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import imagesize
import pytest

from yeplint.site import files

ROOT = Path(__file__).resolve().parent.parent
REAL = sorted(
    path
    for folder in (ROOT / "examples", ROOT / "tests" / "fixtures")
    for path in folder.rglob("*")
    if path.suffix.lower() in (".jpg", ".jpeg", ".png", ".gif")
)


def _imagesize(head: bytes) -> tuple[int, int]:
    """What :func:`yeplint.site.files._identify` took from imagesize before."""
    try:
        width, height = imagesize.get(BytesIO(head))
    except (ValueError, TypeError, IndexError, struct.error, OSError):
        return (-1, -1)
    return width, height


def _ours(head: bytes) -> tuple[int, int] | None:
    kind = files.image_format(head[: files.MAGIC_BYTES])
    if kind not in files._READ_HERE:
        return None
    return files._READ_HERE[kind](head)


def _segments(rng: random.Random) -> bytes:
    """A JPEG header of random segments: fill bytes, markers (start-of-frame ones among
    them), lengths that are too short, too long or cut off."""
    out = bytearray(b"\xff\xd8")
    for _ in range(rng.randint(0, 6)):
        out += b"\xff" * rng.randint(0, 3)
        out.append(rng.choice([0xC0, 0xC2, 0xC4, 0xC8, 0xCC, 0xCF, 0xD0, 0xDB, 0xE0, 0xE1]))
        length = rng.choice([0, 1, 2, 3, 7, 8, 17, rng.randint(0, 65535)])
        out += length.to_bytes(2, "big")
        out += bytes(rng.randint(0, 255) for _ in range(rng.randint(0, 20)))
    return bytes(out)


def _damaged(head: bytes, rng: random.Random) -> bytes:
    data = bytearray(head)
    for _ in range(rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] = rng.choice([0x00, 0xFF, 0xC0, rng.randint(0, 255)])
    return bytes(data[: rng.randint(3, len(data))]) if len(data) > 3 else bytes(data)


@pytest.mark.parametrize("path", REAL, ids=lambda p: p.name)
def test_real_images_and_every_cut_of_their_header(path: Path) -> None:
    head = path.read_bytes()[:4096]
    ours = _ours(head)
    if ours is None:
        pytest.skip("a format left to imagesize")
    assert ours == _imagesize(head)
    kind = files.image_format(head[: files.MAGIC_BYTES]) or ""
    for end in range(max(3, files._SHORTEST.get(kind, 0)), min(len(head), 700)):
        assert _ours(head[:end]) == _imagesize(head[:end]), end


def test_random_and_damaged_headers() -> None:
    rng = random.Random(29)
    heads = [p.read_bytes()[:2048] for p in REAL]
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"
    made = [_segments(rng) for _ in range(3000)]
    made += [_damaged(rng.choice(heads), rng) for _ in range(3000)]
    made += [png + bytes(rng.randint(0, 255) for _ in range(8)) for _ in range(300)]
    made += [
        rng.choice([b"GIF87a", b"GIF89a"]) + bytes(rng.randint(0, 255) for _ in range(6))
        for _ in range(300)
    ]
    compared = 0
    for head in made:
        ours = _ours(head)
        kind = files.image_format(head[: files.MAGIC_BYTES])
        if ours is None or len(head) < files._SHORTEST.get(kind or "", 0):
            continue
        if kind == "PNG" and head[12:16] != b"IHDR":
            continue  # never asked: _identify calls it damaged first
        assert ours == _imagesize(head), head
        compared += 1
    assert compared > 5000


def test_a_run_over_jpeg_png_and_gif_images_imports_no_imagesize(tmp_path: Path) -> None:
    for path in REAL[:6]:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    names = [p.name for p in REAL[:6]]
    (tmp_path / "post.md").write_text(
        "---\ntitle: Beelden\n---\n\n" + "".join(f"![Beeld]({n})\n\n" for n in names)
    )
    probe = (
        "import sys\nfrom yeplint.cli import main\ntry:\n    main(sys.argv[1:])\n"
        "except SystemExit:\n    pass\n"
        "print(sorted(m for m in ('imagesize', 'xml.etree.ElementTree') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, "check", "--isolated", "--no-cache", "post.md"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
