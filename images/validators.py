"""Uploads are untrusted: an image must be proved an image by Pillow, and nothing else, before anything is stored."""

import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

# Formats a browser can show and we are willing to decode. SVG is not among them: it can carry script.
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

# Markup or script inside an image file makes it a polyglot: served or sniffed as HTML or JS, it would run.
# Long enough tokens that random compressed pixel data practically never contains one by chance.
ACTIVE_CONTENT = re.compile(
    rb"<\s*(script|html|svg|iframe|object|embed|body|!doctype)[\s>/]|<\?php|javascript:", re.IGNORECASE
)
SVG_START = re.compile(rb"^\s*(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype\s+svg|<svg)", re.IGNORECASE | re.DOTALL)


def _error(message, code, **params):
    return ValidationError(message, code=code, params=params or None)


def _read_all(upload):
    upload.seek(0)
    if hasattr(upload, "chunks"):
        data = b"".join(upload.chunks())
    else:
        data = upload.read()
    upload.seek(0)
    return data


def _ends_cleanly(fmt, data):
    """True when the file stops where its format says it stops: nothing is smuggled after the image."""
    if fmt == "WEBP":
        declared = int.from_bytes(data[4:8], "little") + 8
        return declared in (len(data), len(data) - 1)
    data = data.rstrip(b"\x00")  # some writers pad with zeros; padding carries nothing
    if fmt == "JPEG":
        return data.endswith(b"\xff\xd9")
    if fmt == "PNG":
        return data.endswith(b"IEND\xaeB`\x82")
    if fmt == "GIF":
        return data.endswith(b";")
    return True


def validate_image_file(upload):
    if getattr(upload, "_newsdesk_checked", False) or getattr(upload, "_committed", False):
        # Already proved: by the form field for this same upload, or when the stored file was uploaded.
        return
    limits = settings.NEWSDESK
    if upload.size > limits["MAX_IMAGE_BYTES"]:
        raise _error(
            "图片文件过大(%(size)d MB),上限为 %(max)d MB。",
            "too_large",
            size=upload.size // (1024 * 1024),
            max=limits["MAX_IMAGE_BYTES"] // (1024 * 1024),
        )
    data = _read_all(upload)
    if SVG_START.match(data[:4096]):
        raise _error("不接受 SVG 图片:它可以携带脚本。请上传 JPEG、PNG、WebP 或 GIF。", "svg")
    upload.seek(0)
    try:
        with PILImage.open(upload) as image:
            fmt = image.format
            width, height = image.size
            if fmt not in ALLOWED_FORMATS:
                raise _error("不支持的图片格式 %(format)s,请上传 JPEG、PNG、WebP 或 GIF。", "format", format=fmt or "?")
            # Checked before decoding the pixels, so a decompression bomb is refused without being expanded.
            if width * height > limits["MAX_IMAGE_PIXELS"]:
                raise _error(
                    "图片尺寸过大(%(w)d×%(h)d 像素),上限为 %(max)d 万像素。",
                    "too_many_pixels",
                    w=width,
                    h=height,
                    max=limits["MAX_IMAGE_PIXELS"] // 10000,
                )
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise _error("图片尺寸过大,疑似解压炸弹。", "bomb") from None
    except Exception as exc:  # Pillow raises many types for bad files; every one means "not an image we accept"
        raise _error("文件不是图片或已损坏(与扩展名无关),请上传 JPEG、PNG、WebP 或 GIF。", "invalid_image") from exc
    finally:
        upload.seek(0)
    # A GIF whose width bytes read "/*" opens a JavaScript comment: the classic GIF/JS polyglot header.
    if fmt == "GIF" and data[6:8] == b"/*":
        raise _error("文件同时是图片和脚本(多义文件),已拒绝。", "polyglot")
    if ACTIVE_CONTENT.search(data):
        raise _error("图片中夹带了网页代码或脚本(多义文件),已拒绝。", "polyglot")
    if not _ends_cleanly(fmt, data):
        raise _error("图片末尾附带了其他数据(如脚本或动态照片的视频),已拒绝。请用看图软件另存后再上传。", "trailing_data")
    upload._newsdesk_checked = True


class SafeImageFormField(forms.FileField):
    """The upload field for the library: our checks and messages instead of Django's generic ImageField check
    (which would decode the file first and answer a decompression bomb with a vague message)."""

    def to_python(self, data):
        upload = super().to_python(data)
        if upload is None:
            return None
        validate_image_file(upload)
        return upload
