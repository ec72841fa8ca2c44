"""Where a photo was taken is taken out of an uploaded original, without re-encoding it.

Originals sit at public (if unguessable) /media/ URLs, so a camera's or phone's GPS position must not travel
with them. Each format is edited at the level of its container (JPEG segments, PNG chunks, WebP RIFF chunks):
the compressed pixel data is copied byte for byte, so the photographer's pixels are exactly what they sent.

What goes: the EXIF GPS directory, and every XMP packet (XMP can repeat the position, and we cannot tell
which of its many properties do). What stays: the rest of the EXIF (orientation, which renditions apply;
camera and date, which the desk reads), colour profiles, and everything that draws the picture.
GIF is returned as it is: cameras and phones do not write location into GIFs.
"""

import struct
import zlib

from PIL import Image as PILImage

XMP_HEADER = b"http://ns.adobe.com/xap/1.0/\x00"
EXIF_HEADER = b"Exif\x00\x00"
GPS_IFD = 0x8825
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def without_location(data):
    """The original's bytes without its location metadata; the same bytes when there was none to take out."""
    if data.startswith(b"\xff\xd8"):
        return _jpeg(data)
    if data.startswith(PNG_SIGNATURE):
        return _png(data)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    return data


def _exif_without_gps(payload):
    """An EXIF block (with or without its "Exif\\0\\0" prefix) minus the GPS directory, in the same form;
    None when nothing was removed, b"" when the block cannot be read (whatever it hides, it goes whole)."""
    exif = PILImage.Exif()
    try:
        exif.load(payload)
    except Exception:  # noqa: BLE001  EXIF Pillow cannot read could hide anything
        return b""
    if GPS_IFD not in exif:
        return None
    del exif[GPS_IFD]
    rewritten = exif.tobytes()  # always starts with the "Exif\0\0" prefix
    return rewritten if payload.startswith(EXIF_HEADER) else rewritten[len(EXIF_HEADER) :]


def _jpeg(data):
    out, i = [data[:2]], 2
    while i + 4 <= len(data) and data[i] == 0xFF:
        marker = data[i + 1]
        if marker == 0xDA:  # start of scan: the pixel data follows, untouched
            break
        end = i + 2 + int.from_bytes(data[i + 2 : i + 4], "big")
        segment, payload = data[i:end], data[i + 4 : end]
        if marker == 0xE1 and payload.startswith(XMP_HEADER):
            segment = b""
        elif marker == 0xE1 and payload.startswith(EXIF_HEADER):
            rewritten = _exif_without_gps(payload)
            if rewritten == b"":
                segment = b""
            elif rewritten is not None:
                segment = b"\xff\xe1" + (len(rewritten) + 2).to_bytes(2, "big") + rewritten
        out.append(segment)
        i = end
    return b"".join(out) + data[i:]


# Text chunks that carry camera metadata: XMP itself, and ImageMagick's hex copies of a JPEG's EXIF/XMP/IPTC.
PNG_METADATA_KEYWORDS = (b"XML:com.adobe.xmp", b"Raw profile type")
# Pre-standard names for EXIF in PNG that some tools still write; their content is the same EXIF.
PNG_OLD_EXIF = {b"exIf", b"zxIf"}


def _png_chunk(kind, payload):
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))


def _png(data):
    out, i = [PNG_SIGNATURE], len(PNG_SIGNATURE)
    while i + 12 <= len(data):
        length = int.from_bytes(data[i : i + 4], "big")
        kind, end = data[i + 4 : i + 8], i + 12 + length
        payload, chunk = data[i + 8 : i + 8 + length], data[i:end]
        if kind == b"eXIf":
            rewritten = _exif_without_gps(payload)
            if rewritten is not None:
                chunk = _png_chunk(kind, rewritten) if rewritten else b""
        elif kind in PNG_OLD_EXIF or (
            kind in (b"tEXt", b"zTXt", b"iTXt") and payload.split(b"\x00", 1)[0].startswith(PNG_METADATA_KEYWORDS)
        ):
            chunk = b""
        out.append(chunk)
        i = end
        if kind == b"IEND":
            break
    return b"".join(out) + data[i:]


# VP8X header flags (WebP container spec): which optional chunks the file says it has.
VP8X_EXIF = 0x08
VP8X_XMP = 0x04


def _riff_chunk(kind, payload):
    return kind + struct.pack("<I", len(payload)) + payload + (b"\x00" if len(payload) % 2 else b"")


def _webp(data):
    chunks, i, changed = [], 12, False
    limit = min(len(data), 8 + int.from_bytes(data[4:8], "little"))
    while i + 8 <= limit:
        kind, length = data[i : i + 4], int.from_bytes(data[i + 4 : i + 8], "little")
        payload = data[i + 8 : i + 8 + length]
        i += 8 + length + (length % 2)
        if kind == b"XMP ":
            changed = True
            continue
        if kind == b"EXIF":
            rewritten = _exif_without_gps(payload)
            if rewritten is not None:
                changed = True
                if not rewritten:
                    continue
                payload = rewritten
        chunks.append([kind, payload])
    if not changed:
        return data
    kinds = {kind for kind, _ in chunks}
    for chunk in chunks:
        if chunk[0] == b"VP8X":
            # The flags must match the chunks that remain, or strict decoders refuse the file.
            flags = chunk[1][0] & ~(VP8X_EXIF | VP8X_XMP)
            flags |= VP8X_EXIF if b"EXIF" in kinds else 0
            chunk[1] = bytes([flags]) + chunk[1][1:]
    body = b"WEBP" + b"".join(_riff_chunk(kind, payload) for kind, payload in chunks)
    return b"RIFF" + struct.pack("<I", len(body)) + body
