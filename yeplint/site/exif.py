"""Whether a photo says where it was taken: the GPS coordinates in its EXIF block.

Only their presence is told, never their value (a report that printed them would leak them
once more). The EXIF block is found where each format keeps it, reading as little as that
format allows:

- JPEG: the ``APP1`` segment starting ``Exif\\0\\0``, among the segments before the image data
  that start in the first :data:`EXIF_BYTES` (a segment is at most 64 KB, and cameras write
  EXIF first).
- PNG: the ``eXIf`` chunk, among the chunks before the image data (where PNG 1.5 puts it)
  in the first :data:`EXIF_BYTES`.
- WebP: the ``EXIF`` chunk, which the format puts after the image data: only when the ``VP8X``
  header's EXIF flag says there is one, found by reading the 8-byte chunk headers one by one.

The block is a TIFF structure: IFD0 points (tag ``0x8825``) at the GPS IFD, whose
``GPSLatitude`` (2) and ``GPSLongitude`` (4) hold three rationals each (degrees, minutes,
seconds). Coordinates are present when both are there and not all zero (a camera without a fix
writes zeros, or only the GPS version and time).
"""

from __future__ import annotations

import struct
from collections.abc import Callable

EXIF_BYTES = 65_536 + 4_096
"""How much of a JPEG or PNG is looked at for its EXIF block: one whole ``APP1`` segment
(at most 64 KB) after the usual ``APP0``."""
WEBP_CHUNKS = 64
"""At most this many WebP chunk headers are read looking for its EXIF chunk."""

Reader = Callable[[int, int], bytes]
"""``read(offset, size)``: up to ``size`` bytes of the file from ``offset`` (fewer at its end)."""

_GPS_IFD = 0x8825
_LATITUDE = 2
_LONGITUDE = 4
_RATIONAL = 5


def has_location(head: bytes, read: Reader | None = None) -> bool:
    """Whether the image whose first bytes are ``head`` carries GPS coordinates in its EXIF;
    ``read`` fetches more of the file where the format keeps EXIF further on (WebP, or a JPEG
    segment past ``head``)."""
    fetch = read or (lambda offset, size: head[offset : offset + size])
    block = exif_block(head, fetch)
    return block is not None and gps_in_tiff(block)


def exif_block(head: bytes, read: Reader) -> bytes | None:
    """The TIFF structure of the image's EXIF block, or ``None`` when it has none."""
    if head.startswith(b"\xff\xd8"):
        return _jpeg(read)
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return _png(read)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return _webp(head, read)
    return None


def _jpeg(read: Reader) -> bytes | None:
    at = 2
    while at < EXIF_BYTES:
        header = read(at, 4)
        if len(header) < 4 or header[0] != 0xFF:
            return None
        marker = header[1]
        if marker == 0xFF:  # a fill byte before the marker
            at += 1
            continue
        if marker == 0x01 or 0xD0 <= marker <= 0xD7:
            at += 2
            continue
        if marker in (0xDA, 0xD9):  # the image data starts: no EXIF past it
            return None
        length = int.from_bytes(header[2:4], "big")
        if marker == 0xE1 and read(at + 4, 6) == b"Exif\x00\x00":
            return read(at + 10, max(0, length - 8))
        at += 2 + length
    return None


def _png(read: Reader) -> bytes | None:
    at = 8
    while at < EXIF_BYTES:
        header = read(at, 8)
        if len(header) < 8:
            return None
        length = int.from_bytes(header[:4], "big")
        kind = header[4:8]
        if kind == b"eXIf":
            return read(at + 8, min(length, EXIF_BYTES))
        if kind in (b"IDAT", b"IEND"):
            return None  # eXIf comes before the image data (PNG 1.5)
        at += 12 + length
    return None


def _webp(head: bytes, read: Reader) -> bytes | None:
    if head[12:16] != b"VP8X" or len(head) < 21 or not head[20] & 0x08:
        return None  # a simple WebP, or the header says it has no EXIF
    at = 12
    for _ in range(WEBP_CHUNKS):
        header = read(at, 8)
        if len(header) < 8:
            return None
        size = int.from_bytes(header[4:8], "little")
        if header[:4] == b"EXIF":
            block = read(at + 8, min(size, EXIF_BYTES))
            return block[6:] if block.startswith(b"Exif\x00\x00") else block
        at += 8 + size + (size & 1)
    return None


def gps_in_tiff(block: bytes) -> bool:
    """Whether the TIFF structure ``block`` (an EXIF block) has non-zero GPS coordinates."""
    order = {b"II": "<", b"MM": ">"}.get(block[:2])
    if order is None or len(block) < 8:
        return False
    try:
        (first,) = struct.unpack_from(order + "I", block, 4)
        gps = _entries(block, order, first).get(_GPS_IFD)
        if gps is None:
            return False
        (where,) = struct.unpack_from(order + "I", block, gps[2])
        fields = _entries(block, order, where)
        return all(_nonzero(block, order, fields.get(tag)) for tag in (_LATITUDE, _LONGITUDE))
    except struct.error:
        return False  # the block ends early: no coordinates can be read from it


def _entries(block: bytes, order: str, offset: int) -> dict[int, tuple[int, int, int]]:
    """An IFD's entries: tag → (type, count, offset of the value field)."""
    (count,) = struct.unpack_from(order + "H", block, offset)
    found = {}
    for index in range(min(count, 512)):
        at = offset + 2 + 12 * index
        tag, kind, number = struct.unpack_from(order + "HHI", block, at)
        found[tag] = (kind, number, at + 8)
    return found


def _nonzero(block: bytes, order: str, entry: tuple[int, int, int] | None) -> bool:
    """Whether a GPS coordinate entry holds three rationals, not all of them zero."""
    if entry is None or entry[0] != _RATIONAL or entry[1] != 3:
        return False
    (where,) = struct.unpack_from(order + "I", block, entry[2])
    numbers = struct.unpack_from(order + "6I", block, where)
    return any(numbers[0::2])
