"""Images as the published site serves them (YEP309-YEP311): the EXIF GPS reader against
Pillow (the oracle) on images generated with and without coordinates, the formats told by
their first bytes, how little of a file is read, and the `max-image-bytes` setting."""

from __future__ import annotations

import io
import os
import random
from pathlib import Path

import pytest
from PIL import Image

from tests.conftest import SHARED_SITE, YEP, lint_paths
from yeplint.config.load import load_settings
from yeplint.config.presets import PRESETS, YEP_TRAININGEN
from yeplint.config.settings import Settings
from yeplint.site import files
from yeplint.site.exif import EXIF_BYTES, has_location
from yeplint.site.files import _identify, _read_info

GPS_IFD = 0x8825


def _gps(rng: random.Random) -> dict[int, object] | None:
    """A GPS IFD as cameras write them: none, time only, zeros (no fix), one coordinate, or a
    real position."""
    kind = rng.choice(["none", "time", "zero", "latitude", "position", "position"])
    if kind == "none":
        return None
    if kind == "time":
        return {0: b"\x02\x02\x00\x00", 7: (12.0, 30.0, 5.0)}
    if kind == "zero":
        return {1: "N", 2: (0.0, 0.0, 0.0), 3: "E", 4: (0.0, 0.0, 0.0)}
    latitude = (float(rng.randrange(90)), float(rng.randrange(60)), rng.randrange(6000) / 100)
    if kind == "latitude":
        return {1: "N", 2: latitude}
    longitude = (float(rng.randrange(180)), float(rng.randrange(60)), rng.randrange(6000) / 100)
    return {1: "S", 2: latitude, 3: "W", 4: longitude}


def _make(rng: random.Random, kind: str) -> bytes:
    image = Image.new("RGB", (rng.randrange(1, 300), rng.randrange(1, 300)), (20, 90, 160))
    exif = Image.Exif()
    if rng.random() < 0.5:
        exif[0x010F] = "Camera maker " * rng.randrange(1, 50)
    gps = _gps(rng)
    if gps is not None:
        exif[GPS_IFD] = gps
    options: dict[str, object] = {"exif": exif.tobytes()}
    if rng.random() < 0.3:
        options["icc_profile"] = os.urandom(rng.randrange(100, 30_000))
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def _pillow_says(data: bytes) -> bool:
    """Whether Pillow reads a latitude and a longitude, not all zero, from the image."""
    with Image.open(io.BytesIO(data)) as image:
        if image.format == "PNG":  # getexif would decode the picture to look past it
            exif = Image.Exif()
            exif.load(image.info.get("exif", b""))
        else:
            exif = image.getexif()
        gps = exif.get_ifd(GPS_IFD)
    return all(tag in gps and any(float(v) for v in gps[tag]) for tag in (2, 4))


@pytest.mark.parametrize("kind", ["JPEG", "PNG", "WEBP"])
def test_the_gps_reader_agrees_with_pillow(kind: str, tmp_path: Path) -> None:
    rng = random.Random(f"gps-{kind}")
    seen = set()
    for index in range(60):
        data = _make(rng, kind)
        expected = _pillow_says(data)
        seen.add(expected)
        path = tmp_path / f"{index}.{kind.lower()}"
        path.write_bytes(data)
        assert _read_info(path).location is expected, (index, kind)
    assert seen == {True, False}  # both answers were asked for


def test_a_webp_keeps_its_exif_after_the_picture_and_is_still_read(tmp_path: Path) -> None:
    exif = Image.Exif()
    exif[GPS_IFD] = {2: (52.0, 5.0, 1.0), 4: (4.0, 53.0, 2.0)}
    out = io.BytesIO()
    Image.effect_noise((300, 300), 80).convert("RGB").save(
        out, "WEBP", exif=exif.tobytes(), lossless=True
    )
    data = out.getvalue()
    assert data.find(b"EXIF") > files.HEADER_BYTES  # past the first read
    (tmp_path / "a.webp").write_bytes(data)
    assert _read_info(tmp_path / "a.webp").location
    assert not has_location(data[: files.HEADER_BYTES])  # the header alone does not hold it


def test_only_the_start_of_a_heavy_photo_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exif = Image.Exif()
    exif[GPS_IFD] = {2: (52.0, 5.0, 1.0), 4: (4.0, 53.0, 2.0)}
    path = tmp_path / "heavy.jpg"
    noise = Image.effect_noise((1500, 1500), 90).convert("RGB")
    noise.save(path, exif=exif.tobytes(), quality=95)
    assert path.stat().st_size > 1_000_000
    read = []
    real = os.read

    def counted(fd: int, size: int) -> bytes:
        data = real(fd, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counted)
    info = _read_info(path)
    assert info.location and info.size == path.stat().st_size
    assert sum(read) == files.HEADER_BYTES  # the header read the size is taken from


def test_a_webp_s_exif_is_found_by_its_chunk_headers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    exif = Image.Exif()
    exif[GPS_IFD] = {2: (52.0, 5.0, 1.0), 4: (4.0, 53.0, 2.0)}
    path = tmp_path / "heavy.webp"
    noise = Image.effect_noise((400, 400), 90).convert("RGB")
    noise.save(path, "WEBP", exif=exif.tobytes(), quality=95)
    assert path.stat().st_size > 4 * files.HEADER_BYTES
    read = []
    real = os.read

    def counted(fd: int, size: int) -> bytes:
        data = real(fd, size)
        read.append(len(data))
        return data

    monkeypatch.setattr(os, "read", counted)
    assert _read_info(path).location
    assert sum(read) <= files.HEADER_BYTES + EXIF_BYTES


@pytest.mark.parametrize(
    ("head", "kind"),
    [
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIF"),
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1heic", "HEIF"),  # generic brand first
        (b"\x00\x00\x00\x18ftypmif1\x00\x00\x00\x00mif1avif", None),  # an AVIF
        (b"8BPS\x00\x01\x00\x00\x00\x00\x00\x00\x00\x03", "PSD"),
    ],
)
def test_formats_browsers_do_not_show_are_told_by_their_first_bytes(
    head: bytes, kind: str | None
) -> None:
    assert _identify(head + bytes(64)).format == kind


def test_a_tiff_is_told_too() -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "TIFF")
    assert _identify(out.getvalue()).format == "TIFF"


def _page(tmp_path: Path, image: str) -> Path:
    page = tmp_path / "content" / "blog" / "post.nl.md"
    page.parent.mkdir(parents=True)
    page.write_text(f"# Post\n\n![Foto]({image})\n", encoding="utf-8")
    return page


def test_the_weight_limit_is_the_setting(tmp_path: Path) -> None:
    page = _page(tmp_path, "foto.png")
    Image.effect_noise((100, 100), 90).convert("RGB").save(page.parent / "foto.png")
    size = (page.parent / "foto.png").stat().st_size
    root = tmp_path / "content"
    for limit, found in ((size - 1, 1), (size, 0)):
        settings = Settings(max_image_bytes=limit)
        assert len(lint_paths([page], root, ["YEP309"], settings)) == found


def test_the_yep_preset_allows_less_than_the_default() -> None:
    assert YEP.max_image_bytes == PRESETS[YEP_TRAININGEN]["max_image_bytes"] == 500_000
    assert Settings().max_image_bytes == 1_000_000


def test_max_image_bytes_is_read_from_the_configuration(tmp_path: Path) -> None:
    (tmp_path / "yeplint.toml").write_text("max-image-bytes = 250000\n")
    assert load_settings(config=tmp_path / "yeplint.toml").max_image_bytes == 250_000
    (tmp_path / "yeplint.toml").write_text("max-image-bytes = 0\n")
    with pytest.raises(Exception, match="max-image-bytes"):
        load_settings(config=tmp_path / "yeplint.toml")


def test_the_hint_names_the_tool_and_never_the_coordinates(tmp_path: Path) -> None:
    page = _page(tmp_path, "foto.jpg")
    exif = Image.Exif()
    exif[GPS_IFD] = {1: "N", 2: (52.0, 5.0, 10.5), 3: "E", 4: (4.0, 53.0, 1.25)}
    Image.new("RGB", (8, 8)).save(page.parent / "foto.jpg", exif=exif.tobytes())
    (found,) = lint_paths([page], tmp_path / "content", ["YEP310"])
    assert found.hint == "remove them, e.g. with `exiftool -gps:all= foto.jpg`"
    assert not any(n in f"{found.message} {found.hint}" for n in ("52", "53", "10.5"))


def test_a_file_just_over_its_limit_never_reads_as_equal_to_it() -> None:
    from yeplint.rules.served_images import _kilobytes

    assert _kilobytes(1_000_001, up=True).value == 1_001
    assert _kilobytes(1_000_000).value == 1_000
    assert _kilobytes(200, up=True).value == 1


def test_the_gps_reader_agrees_with_pillow_on_the_shared_corpus() -> None:
    """Real photos as their sites commit them (none carries coordinates there: both say so)."""
    if SHARED_SITE is None or not SHARED_SITE.parent.is_dir():
        pytest.skip("../shared/corpus is not here")
    suffixes = {".jpg", ".jpeg", ".png", ".webp"}
    paths = [p for p in SHARED_SITE.parent.rglob("*") if p.suffix.lower() in suffixes]
    for path in paths:
        with path.open("rb") as handle:  # EXIF is near the start (a WebP's at its end)
            data = handle.read() if path.suffix.lower() == ".webp" else handle.read(131_072)
        try:
            expected = _pillow_says(data)
        except OSError:
            continue  # not an image Pillow reads: the format rule's business
        assert has_location(data) is expected, path
    assert len(paths) > 100


def test_a_heic_behind_a_jpg_extension_is_to_be_converted_not_renamed(tmp_path: Path) -> None:
    """YEP307 says a `.jpg` is really HEIF; renaming it to `.heif` would not make a browser
    show it (YEP311), so its hint says to convert it."""
    content = tmp_path / "content"
    content.mkdir()
    (content / "foto.jpg").write_bytes(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" * 4)
    page = content / "post.md"
    page.write_text("---\ntitle: A\n---\n\n![Foto](foto.jpg)\n")
    (found,) = lint_paths([page], content, ["YEP307"])
    assert "HEIF" in found.message
    assert found.hint == "convert it to JPEG (a photo) or PNG (a drawing)"
