"""Real test pictures, drawn with Pillow: every format and every trick the upload checks must handle."""

import functools
import io

from PIL import Image as PILImage

GREEN = (0, 200, 0)
GREY = (128, 128, 128)


def encode(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def photo(fmt="JPEG", size=(640, 480), color=(40, 90, 160)):
    """A plain picture with a gradient, so encoders have something real to compress."""
    image = PILImage.linear_gradient("L").resize(size).convert("RGB")
    image = PILImage.blend(image, PILImage.new("RGB", size, color), 0.6)
    return encode(image, fmt)


def rotated_photo():
    """Stored landscape 400×200, left half red and right half blue, EXIF orientation 6 (turn 90° clockwise to view).

    Seen the right way up it is portrait 200×400, red on top and blue below.
    """
    image = PILImage.new("RGB", (400, 200), (220, 0, 0))
    image.paste((0, 0, 220), (200, 0, 400, 200))
    exif = PILImage.Exif()
    exif[0x0112] = 6
    return encode(image, "JPEG", exif=exif, quality=95)


def gps_photo():
    """A camera photo with make, model, date and a GPS position (Nanchang) in its EXIF."""
    image = PILImage.new("RGB", (300, 200), (90, 140, 60))
    exif = PILImage.Exif()
    exif[0x010F] = "NewsCam"  # Make
    exif[0x0110] = "NC-1"  # Model
    exif[0x0132] = "2025:05:01 10:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (28.0, 40.0, 58.0)
    gps[3] = "E"
    gps[4] = (115.0, 53.0, 33.0)
    return encode(image, "JPEG", exif=exif)


XMP_WITH_LOCATION = (
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    'xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="28,40.97N" exif:GPSLongitude="115,53.55E"/>'
    '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
)


def gps_exif():
    """The EXIF of gps_photo(): make, model, date and a GPS position (Nanchang)."""
    exif = PILImage.Exif()
    exif[0x010F] = "NewsCam"  # Make
    exif[0x0110] = "NC-1"  # Model
    exif[0x0132] = "2025:05:01 10:00:00"  # DateTime
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (28.0, 40.0, 58.0)
    gps[3] = "E"
    gps[4] = (115.0, 53.0, 33.0)
    return exif


def gps_png():
    """A phone screenshot-style PNG with the position twice: in its eXIf chunk and in an XMP iTXt chunk, plus an
    ImageMagick raw EXIF profile, and an ordinary text comment that may stay."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_itxt("XML:com.adobe.xmp", XMP_WITH_LOCATION)
    info.add_text("Raw profile type exif", "\nexif\n      64\n" + gps_exif().tobytes().hex())
    info.add_text("Comment", "赣江边")
    image = PILImage.linear_gradient("L").resize((300, 200)).convert("RGBA")
    return encode(image, "PNG", exif=gps_exif(), pnginfo=info)


def gps_webp(lossless=False):
    """A WebP with the position in its EXIF chunk and in its XMP chunk (so its VP8X header flags both)."""
    image = PILImage.linear_gradient("L").resize((300, 200)).convert("RGB")
    return encode(image, "WEBP", exif=gps_exif(), xmp=XMP_WITH_LOCATION.encode(), lossless=lossless)


def marked_photo(size=(1000, 500), marker_at=(900, 100), marker=20):
    """Grey, with one green square: where it lands in a crop shows what the crop kept."""
    image = PILImage.new("RGB", size, GREY)
    x, y = marker_at
    image.paste(GREEN, (x - marker // 2, y - marker // 2, x + marker // 2, y + marker // 2))
    return encode(image, "PNG")


@functools.cache
def bomb():
    """A 1-bit PNG of half a megabyte that expands to 30000×30000 pixels. Drawing it takes Pillow two seconds,
    so it is drawn once per run."""
    return encode(PILImage.new("1", (30000, 30000)), "PNG", compress_level=1)


def gif_js_polyglot():
    """A valid GIF that is also JavaScript: its width bytes read "/*", its comment closes the comment and calls alert."""
    image = PILImage.new("P", (0x2A2F, 1))
    data = encode(image, "GIF", comment=b"*/=alert(document.domain);/*")
    assert data[6:8] == b"/*"
    return data + b"*/"


def gif_html_polyglot():
    """A valid GIF whose comment is an HTML page with a script, for a browser that sniffs it as HTML."""
    return encode(PILImage.new("P", (8, 8)), "GIF", comment=b"<html><script>alert(1)</script></html>")


def jpeg_with_appended_script():
    return photo("JPEG", (64, 48)) + b"\n;alert('after the end of the image');\n"


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>alert(1)</script><rect width='10' height='10'/></svg>"
)
NOT_AN_IMAGE = "这是一份文本文件,只是改名成了 .jpg。\n".encode() * 20


def has_colour(image, colour, tolerance=60, region=None):
    """True if any pixel in region (default: all) is within tolerance of colour on every channel."""
    image = image.convert("RGB")
    if region:
        image = image.crop(region)
    return any(
        all(abs(a - b) <= tolerance for a, b in zip(pixel, colour)) for pixel in image.get_flattened_data()
    )
