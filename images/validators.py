"""Uploads are untrusted: an image must be proved an image by Pillow before anything is stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image as PILImage

# Formats a browser can show and we are willing to decode. SVG is not among them: it can carry script.
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image_file(upload):
    limits = settings.NEWSDESK
    if upload.size > limits["MAX_IMAGE_BYTES"]:
        raise ValidationError(
            "图片文件过大(%(size)d MB),上限为 %(max)d MB。",
            code="too_large",
            params={"size": upload.size // (1024 * 1024), "max": limits["MAX_IMAGE_BYTES"] // (1024 * 1024)},
        )
    upload.seek(0)
    try:
        with PILImage.open(upload) as image:
            fmt = image.format
            width, height = image.size
            if fmt not in ALLOWED_FORMATS:
                raise ValidationError(
                    "不支持的图片格式 %(format)s,请上传 JPEG、PNG、WebP 或 GIF。",
                    code="format",
                    params={"format": fmt or "?"},
                )
            # Checked before decoding the pixels, so a decompression bomb is refused without being expanded.
            if width * height > limits["MAX_IMAGE_PIXELS"]:
                raise ValidationError(
                    "图片尺寸过大(%(w)d×%(h)d 像素)。", code="too_many_pixels", params={"w": width, "h": height}
                )
            image.load()  # decodes every pixel: a truncated or corrupt file fails here
    except ValidationError:
        raise
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning):
        raise ValidationError("图片尺寸过大,疑似解压炸弹。", code="bomb") from None
    except Exception as exc:  # Pillow raises many types for bad files; every one means "not an image we accept"
        raise ValidationError("文件不是有效的图片,或已损坏。", code="invalid_image") from exc
    finally:
        upload.seek(0)
