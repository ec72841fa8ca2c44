"""Renditions: the sizes and formats readers get, made once from the original with Pillow and stored.

A rendition is looked up by (image, spec, format, key). The key digests everything that shapes its pixels
(the spec, the focal point for cropped specs, the watermark when one applies), so changing any of them makes a
new rendition on next use, while asking for the same one again only reads the row that is already there.
"""

import hashlib
import io
import logging
import math
import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image as PILImage
from PIL import ImageDraw, ImageFont, ImageOps, features

from .models import Rendition, Watermark

logger = logging.getLogger(__name__)


class OriginalUnavailable(Exception):
    """The original of an image cannot be read (gone from storage, or unreadable), so a missing rendition cannot
    be made. Pages leave that picture out rather than fail; the warning in the log tells the desk which one."""

# Bumped when the rendering code changes in a way that should replace every stored rendition.
RENDER_VERSION = "1"


@dataclass(frozen=True)
class Spec:
    name: str
    label: str
    width: int
    height: int | None = None  # None keeps the original's proportions; a height crops around the focal point
    upscale: bool = False  # the share card is always 1200×630, as social sites expect; the rest never upscale
    formats: tuple = ()

    @property
    def crops(self):
        return self.height is not None


MODERN_FORMATS = tuple(fmt for fmt, feature in [("avif", "avif"), ("webp", "webp")] if features.check(feature))
ALL_FORMATS = MODERN_FORMATS + ("jpeg",)

SPECS = {
    spec.name: spec
    for spec in [
        Spec("thumb", "列表缩略图", 480, 360, formats=ALL_FORMATS),
        Spec("article", "正文宽度", 800, formats=ALL_FORMATS),
        Spec("full", "通栏宽度", 1600, formats=ALL_FORMATS),
        # JPEG only: the card is fetched by social sites and feed readers, which may not read WebP or AVIF.
        Spec("share", "分享卡片", 1200, 630, upscale=True, formats=("jpeg",)),
    ]
}

ENCODE = {
    "jpeg": ("JPEG", {"quality": 82, "optimize": True, "progressive": True}, "jpg"),
    "webp": ("WEBP", {"quality": 80, "method": 4}, "webp"),
    "avif": ("AVIF", {"quality": 60, "speed": 8}, "avif"),
}
MIME = {"jpeg": "image/jpeg", "webp": "image/webp", "avif": "image/avif"}


class _Stats(threading.local):
    """Counts originals decoded by this thread. Tests read it to prove a repeat request decodes nothing."""

    def __init__(self):
        self.originals_opened = 0


stats = _Stats()


def rendition_key(image, spec, desk):
    parts = [RENDER_VERSION, spec.name, str(spec.width), str(spec.height), str(spec.upscale)]
    if spec.crops:
        parts.append(f"{image.focal_x:.4f},{image.focal_y:.4f}")
    parts.append(desk.signature() if image.wants_watermark(desk) else "no-watermark")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]


def renditions_for(image, spec_names, desk=None):
    """{(spec, format): Rendition} for the current state of the image, making any that are missing.

    Reads image.renditions.all(), so a list that prefetched renditions pays no query per image here.
    """
    desk = desk or Watermark.current()
    keys = {name: rendition_key(image, SPECS[name], desk) for name in spec_names}
    found = {(r.spec, r.format): r for r in image.renditions.all() if keys.get(r.spec) == r.key}
    for name in spec_names:
        spec = SPECS[name]
        if all((name, fmt) in found for fmt in spec.formats):
            continue
        for rendition in make_renditions(image, spec, keys[name], desk):
            found[(name, rendition.format)] = rendition
    if hasattr(image, "_prefetched_objects_cache") and "renditions" in image._prefetched_objects_cache:
        # Later calls for this same object (e.g. cover and 图片 block on one page) see what was just made.
        cached = image._prefetched_objects_cache["renditions"]
        cached._result_cache = list({r.pk: r for r in [*cached, *found.values()]}.values())
    return found


def get_rendition(image, spec_name, fmt="jpeg"):
    if spec_name not in SPECS:
        raise ValueError(f"unknown rendition {spec_name!r}; choose from {', '.join(SPECS)}")
    if fmt not in SPECS[spec_name].formats:
        raise ValueError(f"{spec_name} has no {fmt} rendition")
    return renditions_for(image, [spec_name])[(spec_name, fmt)]


def make_renditions(image, spec, key, desk):
    """Every format of one spec from a single decode of the original. Only runs when a rendition is missing."""
    existing = {r.format: r for r in Rendition.objects.filter(image=image, spec=spec.name, key=key)}
    missing = [fmt for fmt in spec.formats if fmt not in existing]
    if not missing:
        return list(existing.values())
    pixels = render(image, spec, desk)
    made = list(existing.values())
    for fmt in missing:
        made.append(_store(image, spec, key, fmt, pixels))
    # Older renditions of this spec (another focal point or watermark) are no longer shown anywhere.
    for stale in Rendition.objects.filter(image=image, spec=spec.name).exclude(key=key):
        stale.file.delete(save=False)
        stale.delete()
    return made


def _store(image, spec, key, fmt, pixels):
    pil_format, options, ext = ENCODE[fmt]
    out = pixels
    if fmt == "jpeg" and out.mode != "RGB":
        out = _flatten(out)
    buffer = io.BytesIO()
    # A fresh info dict: nothing of the camera's EXIF, XMP or GPS travels into the rendition.
    icc = pixels.info.get("icc_profile")
    out.info = {}
    out.save(buffer, pil_format, **options, **({"icc_profile": icc} if icc else {}))
    rendition = Rendition(image=image, spec=spec.name, format=fmt, key=key, width=out.width, height=out.height)
    rendition.file.save(f"{spec.name}-{key[:12]}.{ext}", ContentFile(buffer.getvalue()), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # Another request made the same rendition at the same moment: keep theirs, drop our file.
        rendition.file.delete(save=False)
        rendition = Rendition.objects.get(image=image, spec=spec.name, format=fmt, key=key)
    return rendition


def open_original(image):
    stats.originals_opened += 1
    try:
        with image.file.open("rb") as stored:
            data = stored.read()
        return PILImage.open(io.BytesIO(data))
    except (OSError, ValueError) as exc:
        # OSError: the file is gone (FileNotFoundError, S3's missing key) or Pillow cannot read it;
        # ValueError: the row has no file at all.
        logger.warning("Original of image %s (%s) cannot be read: %s", image.pk, image.file.name, exc)
        raise OriginalUnavailable(image.pk) from exc


def render(image, spec, desk):
    original = open_original(image)
    orientation = original.getexif().get(0x0112, 1)
    width, height = original.size
    if orientation in (5, 6, 7, 8):
        width, height = height, width
    # Let the JPEG decoder skip detail we would throw away: a 24-megapixel photo decodes at 1/2…1/8 scale.
    scale = _scale(spec, width, height)
    if original.format == "JPEG" and scale < 0.5:
        need = (math.ceil(width * scale), math.ceil(height * scale))
        if orientation in (5, 6, 7, 8):
            need = need[::-1]
        original.draft(original.mode, need)
    icc = original.info.get("icc_profile")
    im = ImageOps.exif_transpose(original)
    im = im.convert("RGBA" if _has_alpha(im) else "RGB")
    im = _resize(im, spec, image.focal_x, image.focal_y)
    if image.wants_watermark(desk):
        im = apply_watermark(im, desk)
    im.info = {"icc_profile": icc} if icc else {}
    return im


def _scale(spec, width, height):
    if spec.crops:
        return max(spec.width / width, spec.height / height)
    return spec.width / width


def _has_alpha(im):
    return im.mode in ("RGBA", "LA", "PA") or (im.mode == "P" and "transparency" in im.info)


def _flatten(im):
    background = PILImage.new("RGB", im.size, (255, 255, 255))
    background.paste(im, mask=im.getchannel("A") if im.mode == "RGBA" else None)
    return background


def crop_box(size, target_ratio, focal_x, focal_y):
    """The largest box of the target proportions that keeps the focal point, as centred on it as the edges allow."""
    width, height = size
    if width / height > target_ratio:
        box_w, box_h = height * target_ratio, height
    else:
        box_w, box_h = width, width / target_ratio
    left = min(max(focal_x * width - box_w / 2, 0), width - box_w)
    top = min(max(focal_y * height - box_h / 2, 0), height - box_h)
    return (left, top, left + box_w, top + box_h)


def _resize(im, spec, focal_x, focal_y):
    width, height = im.size
    if spec.crops:
        ratio = spec.width / spec.height
        box = crop_box(im.size, ratio, focal_x, focal_y)
        box_w = box[2] - box[0]
        out_w = spec.width if spec.upscale or box_w >= spec.width else max(1, round(box_w))
        out = (out_w, max(1, round(out_w / ratio)))
        return im.resize(out, PILImage.Resampling.LANCZOS, box=box, reducing_gap=3.0)
    if width <= spec.width:
        return im.copy()
    return im.resize((spec.width, max(1, round(height * spec.width / width))), PILImage.Resampling.LANCZOS, reducing_gap=3.0)


FONT_CANDIDATES = [
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc",
]


def _font(size):
    configured = settings.NEWSDESK.get("WATERMARK_FONT")
    for path in [configured, *FONT_CANDIDATES]:
        if path and Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size)


def apply_watermark(im, desk):
    """The desk's mark on a rendition: `size` percent of its width, at `position`, with `opacity`."""
    base = im.convert("RGBA")
    target_w = max(8, round(base.width * desk.size / 100))
    alpha = round(255 * desk.opacity / 100)
    mark = None
    if desk.kind == Watermark.Kind.IMAGE and desk.mark:
        with desk.mark.open("rb") as stored:
            mark = PILImage.open(io.BytesIO(stored.read())).convert("RGBA")
        mark = mark.resize((target_w, max(1, round(mark.height * target_w / mark.width))), PILImage.Resampling.LANCZOS)
        mark.putalpha(mark.getchannel("A").point(lambda a: a * alpha // 255))
    elif desk.text:
        probe = _font(100)
        left, top, right, bottom = ImageDraw.Draw(base).textbbox((0, 0), desk.text, font=probe)
        font = _font(max(6, round(100 * target_w / max(1, right - left))))
        left, top, right, bottom = ImageDraw.Draw(base).textbbox((0, 0), desk.text, font=font, stroke_width=1)
        mark = PILImage.new("RGBA", (right - left, bottom - top), (0, 0, 0, 0))
        ImageDraw.Draw(mark).text(
            (-left, -top), desk.text, font=font, fill=(255, 255, 255, alpha), stroke_width=1, stroke_fill=(0, 0, 0, alpha // 2)
        )
    if mark is None:
        return im
    if mark.width > base.width or mark.height > base.height:
        mark.thumbnail(base.size)
    margin = round(base.width * 0.02)
    x = {"left": margin, "right": base.width - mark.width - margin}
    y = {"top": margin, "bottom": base.height - mark.height - margin}
    if desk.position == Watermark.Position.CENTER:
        at = ((base.width - mark.width) // 2, (base.height - mark.height) // 2)
    else:
        vertical, horizontal = desk.position.split("-")
        at = (x[horizontal], y[vertical])
    base.alpha_composite(mark, dest=(max(0, at[0]), max(0, at[1])))
    return base if im.mode == "RGBA" else base.convert("RGB")
