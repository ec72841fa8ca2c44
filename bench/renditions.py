"""How long each rendition of a 24-megapixel photo takes to make, and how fast made renditions are served.

    DATABASE_URL=postgres://… .venv/bin/python bench/renditions.py [--repeat 3] [--serve-seconds 3]

Runs against the configured database and storage inside a transaction that is rolled back; rendition files are
written to a temporary MEDIA_ROOT and removed. Prints figures; asserts nothing.
"""

import argparse
import io
import atexit
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsdesk.settings.dev")
os.environ["MEDIA_ROOT"] = tempfile.mkdtemp(prefix="newsdesk-bench-")
atexit.register(shutil.rmtree, os.environ["MEDIA_ROOT"], True)

import django  # noqa: E402

django.setup()

from django.core.files.base import ContentFile  # noqa: E402
from django.core.files.storage import default_storage  # noqa: E402
from django.db import transaction  # noqa: E402
from django.template import Context, Template  # noqa: E402
from PIL import Image as PILImage  # noqa: E402
from PIL import ImageDraw  # noqa: E402

from images import renditions  # noqa: E402
from images.models import Image, Rendition, Watermark  # noqa: E402


def photo_24mp():
    """6000×4000 JPEG with detail everywhere (noise and shapes), as a camera would give, EXIF-rotated."""
    width, height = 6000, 4000
    base = PILImage.effect_noise((width // 4, height // 4), 64).convert("RGB").resize((width, height))
    draw = ImageDraw.Draw(base)
    for i in range(60):
        x, y = (i * 977) % width, (i * 613) % height
        draw.ellipse([x, y, x + 400, y + 300], fill=((i * 40) % 255, (i * 90) % 255, (i * 20) % 255))
    exif = PILImage.Exif()
    exif[0x0112] = 1
    buffer = io.BytesIO()
    base.save(buffer, "JPEG", quality=90, exif=exif)
    return buffer.getvalue()


class Rollback(Exception):
    pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--serve-seconds", type=float, default=3.0)
    args = parser.parse_args()

    data = photo_24mp()
    print(f"source: 6000×4000 JPEG, {len(data) / 1e6:.1f} MB; Pillow {PILImage.__version__}; "
          f"formats {', '.join(renditions.ALL_FORMATS)}")
    try:
        with transaction.atomic():
            run(data, args)
            raise Rollback
    except Rollback:
        pass


def run(data, args):
    image = Image.objects.create(file=ContentFile(data, name="bench.jpg"), alt_text="bench")
    desk = Watermark.current()

    print("\nmaking renditions (decode + crop/resize + encode every format + store), best of", args.repeat)
    print(f"{'spec':<8} {'size':>10} {'formats':<16} {'total ms':>9}   per format (encode+store) ms")
    for name, spec in renditions.SPECS.items():
        best, per_format, made = None, {}, None
        for _ in range(args.repeat):
            Rendition.objects.filter(image=image).delete()
            key = renditions.rendition_key(image, spec, desk)
            started = time.perf_counter()
            pixels = renditions.render(image, spec, desk)
            rendered = time.perf_counter()
            timings = {}
            for fmt in spec.formats:
                t = time.perf_counter()
                made = renditions._store(image, spec, key, fmt, pixels)
                timings[fmt] = (time.perf_counter() - t) * 1000
            total = (time.perf_counter() - started) * 1000
            if best is None or total < best:
                best, per_format = total, {"decode+resize": (rendered - started) * 1000, **timings}
        detail = "  ".join(f"{k} {v:.0f}" for k, v in per_format.items())
        print(f"{name:<8} {made.width:>4}×{made.height:<5} {','.join(spec.formats):<16} {best:>9.0f}   {detail}")

    for name in renditions.SPECS:
        image.rendition(name)  # every spec made and stored, as after a first page view
    image = Image.objects.with_renditions().get(pk=image.pk)
    before = renditions.stats.originals_opened

    template = Template('{% load pictures %}{% picture image "article" %}')
    count, started = 0, time.perf_counter()
    while time.perf_counter() - started < args.serve_seconds:
        template.render(Context({"image": image}))
        count += 1
    elapsed = time.perf_counter() - started
    print(f"\nserving made renditions: {count / elapsed:,.0f} <picture> tags/s rendered "
          f"(lookup + srcset for {len(renditions.ALL_FORMATS)} formats × 2 sizes, no Pillow: "
          f"{renditions.stats.originals_opened - before} originals opened)")

    files = [r.file.name for r in Rendition.objects.filter(image=image)]
    count, size, started = 0, 0, time.perf_counter()
    while time.perf_counter() - started < args.serve_seconds:
        with default_storage.open(files[count % len(files)]) as stored:
            size += len(stored.read())
        count += 1
    elapsed = time.perf_counter() - started
    print(f"stored files read back through the storage API: {count / elapsed:,.0f} files/s "
          f"({size / elapsed / 1e6:,.0f} MB/s), the work a media server does per request")


if __name__ == "__main__":
    main()
