"""Renditions, checked by reopening the stored files with Pillow."""

import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image as PILImage

from images import renditions
from images.models import Image, Rendition, Watermark, WatermarkChoice
from images.renditions import MODERN_FORMATS, SPECS
from tests.conftest import parse_html
from tests.factories import ArticleFactory

from . import pictures

pytestmark = pytest.mark.django_db


def library_image(content, name="photo.jpg", **fields):
    return Image.objects.create(file=ContentFile(content, name=name), alt_text="测试", **fields)


def reopen(rendition):
    with default_storage.open(rendition.file.name) as stored:
        image = PILImage.open(io.BytesIO(stored.read()))
        image.load()
    return image


def test_exif_orientation_is_applied_so_the_rendition_stands_the_right_way_up():
    image = library_image(pictures.rotated_photo())

    for fmt in SPECS["article"].formats:
        pixels = reopen(image.rendition("article", fmt))
        assert pixels.size == (200, 400), fmt
        assert pictures.has_colour(pixels, (220, 0, 0), region=(0, 0, 200, 150)), fmt  # red on top
        assert pictures.has_colour(pixels, (0, 0, 220), region=(0, 250, 200, 400)), fmt  # blue below
        assert not pictures.has_colour(pixels, (0, 0, 220), region=(0, 0, 200, 150)), fmt
        assert 0x0112 not in pixels.getexif(), fmt


@pytest.mark.parametrize("spec", ["thumb", "article", "share"])
def test_camera_metadata_and_gps_are_stripped_from_every_rendition(spec):
    assert PILImage.open(io.BytesIO(pictures.gps_photo())).getexif().get_ifd(0x8825), "the test photo must carry GPS"
    image = library_image(pictures.gps_photo())

    for fmt in SPECS[spec].formats:
        pixels = reopen(image.rendition(spec, fmt))
        exif = pixels.getexif()
        assert not exif.get_ifd(0x8825), fmt
        assert 0x010F not in exif and 0x0110 not in exif, fmt
        assert "exif" not in pixels.info and "xmp" not in pixels.info, fmt


def test_modern_formats_are_made_beside_the_jpeg():
    image = library_image(pictures.photo("PNG"), name="p.png")

    formats = {fmt: reopen(image.rendition("article", fmt)).format for fmt in SPECS["article"].formats}

    assert formats["jpeg"] == "JPEG" and formats["webp"] == "WEBP"
    assert "webp" in MODERN_FORMATS
    if "avif" in MODERN_FORMATS:
        assert formats["avif"] == "AVIF"


def test_focal_point_stays_inside_the_crop():
    # Green marker near the top-right corner of a wide picture; the 4:3 thumbnail keeps only part of the width.
    image = library_image(pictures.marked_photo(), name="m.png", focal_x=0.9, focal_y=0.2)

    thumb = reopen(image.rendition("thumb"))
    share = reopen(image.rendition("share"))

    assert thumb.size == (480, 360) and share.size == (1200, 630)
    assert pictures.has_colour(thumb, pictures.GREEN, tolerance=40)
    assert pictures.has_colour(share, pictures.GREEN, tolerance=40)


def test_moving_the_focal_point_makes_a_new_crop_and_drops_the_old_one():
    image = library_image(pictures.marked_photo(), name="m.png", focal_x=0.9, focal_y=0.2)
    before = image.rendition("thumb")

    image.focal_x = 0.1
    image.save()
    image = Image.objects.get(pk=image.pk)
    after = image.rendition("thumb")

    assert after.pk != before.pk and after.file.name != before.file.name
    assert not pictures.has_colour(reopen(after), pictures.GREEN, tolerance=40)
    assert not Rendition.objects.filter(pk=before.pk).exists()
    assert not default_storage.exists(before.file.name)


def test_small_originals_are_never_upscaled_except_for_the_share_card():
    image = library_image(pictures.photo("JPEG", (300, 200)))

    assert (image.rendition("full").width, image.rendition("article").width) == (300, 300)
    assert (image.rendition("share").width, image.rendition("share").height) == (1200, 630)


def test_share_card_url_for_other_parts_of_the_site():
    image = library_image(pictures.photo("JPEG", (2000, 1500)))

    url = image.rendition_url("share")

    assert url.startswith("/media/renditions/") and url.endswith(".jpg")
    assert image.rendition_url("share") == url


def test_a_second_request_touches_no_image_code_and_serves_the_stored_files(client):
    article = ArticleFactory(picture=True, title="图集稿件")
    page_url = article.get_absolute_url()

    opened = renditions.stats.originals_opened
    first = client.get(page_url)
    assert renditions.stats.originals_opened > opened, "the first view makes the renditions"
    made = {r.pk: (r.file.name, os.stat(default_storage.path(r.file.name)).st_mtime_ns) for r in Rendition.objects.all()}
    assert made

    opened = renditions.stats.originals_opened
    second = client.get(page_url)

    assert renditions.stats.originals_opened == opened
    assert {
        r.pk: (r.file.name, os.stat(default_storage.path(r.file.name)).st_mtime_ns) for r in Rendition.objects.all()
    } == made
    sources = lambda response: [img.get("src") for img in parse_html(response).cssselect("picture img")]  # noqa: E731
    assert sources(second) == sources(first)
    for src in sources(second):
        assert default_storage.exists(src.removeprefix("/media/"))


@pytest.fixture
def text_watermark():
    return Watermark.objects.create(
        enabled_by_default=True, kind=Watermark.Kind.TEXT, text="江西台办", position=Watermark.Position.CENTER,
        size=60, opacity=100,
    )


def centre(image, half=60):
    w, h = image.size
    return (w // 2 - half, h // 2 - half // 2, w // 2 + half, h // 2 + half // 2)


def test_desk_watermark_is_on_the_rendition_and_never_on_the_original(text_watermark):
    content = pictures.encode(PILImage.new("RGB", (800, 600), pictures.GREY), "PNG")
    image = library_image(content, name="g.png")

    marked = reopen(image.rendition("article"))

    assert pictures.has_colour(marked, (255, 255, 255), tolerance=30, region=centre(marked))
    with image.file.open("rb") as original:
        stored = original.read()
    assert stored == content
    assert not pictures.has_colour(PILImage.open(io.BytesIO(stored)), (255, 255, 255), tolerance=30)


def test_an_image_switched_off_gets_no_watermark_while_the_desk_default_is_on(text_watermark):
    image = library_image(pictures.encode(PILImage.new("RGB", (800, 600), pictures.GREY), "PNG"), name="g.png",
                          watermark=WatermarkChoice.OFF)

    plain = reopen(image.rendition("article"))

    assert not pictures.has_colour(plain, (255, 255, 255), tolerance=30)


def test_an_image_switched_on_gets_the_watermark_while_the_desk_default_is_off():
    Watermark.objects.create(enabled_by_default=False, kind=Watermark.Kind.TEXT, text="江西台办",
                             position=Watermark.Position.CENTER, size=60, opacity=100)
    image = library_image(pictures.encode(PILImage.new("RGB", (800, 600), pictures.GREY), "PNG"), name="g.png",
                          watermark=WatermarkChoice.ON)

    marked = reopen(image.rendition("article"))

    assert pictures.has_colour(marked, (255, 255, 255), tolerance=30, region=centre(marked))


def test_image_watermark_at_the_chosen_corner():
    mark = ContentFile(pictures.encode(PILImage.new("RGBA", (100, 50), (230, 0, 0, 255)), "PNG"), name="logo.png")
    Watermark.objects.create(enabled_by_default=True, kind=Watermark.Kind.IMAGE, mark=mark,
                             position=Watermark.Position.BOTTOM_RIGHT, size=20, opacity=100)
    image = library_image(pictures.encode(PILImage.new("RGB", (800, 600), pictures.GREY), "PNG"), name="g.png")

    marked = reopen(image.rendition("article"))

    assert pictures.has_colour(marked, (230, 0, 0), tolerance=30, region=(600, 500, 800, 600))
    assert not pictures.has_colour(marked, (230, 0, 0), tolerance=30, region=(0, 0, 400, 300))


def test_changing_the_watermark_setting_makes_new_renditions(text_watermark):
    image = library_image(pictures.encode(PILImage.new("RGB", (800, 600), pictures.GREY), "PNG"), name="g.png")
    before = image.rendition("article")

    text_watermark.position = Watermark.Position.TOP_LEFT
    text_watermark.save()
    image = Image.objects.get(pk=image.pk)
    after = image.rendition("article")

    assert after.pk != before.pk
    moved = reopen(after)
    assert pictures.has_colour(moved, (255, 255, 255), tolerance=30, region=(0, 0, 500, 120))
    assert not pictures.has_colour(moved, (255, 255, 255), tolerance=30, region=centre(moved, 30))
