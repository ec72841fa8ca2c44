"""Uploads are untrusted: real files made here, posted through the admin's own form, refused with a reason."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage

from images.models import Image
from tests.conftest import parse_html, texts
from tests.factories import DeskEditorUserFactory

from . import pictures

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/images/image/add/"


def post_upload(client, content, name, **fields):
    data = {"title": "", "alt_text": "赣江夜景", "caption": "", "credit": "", "tags": "", "focal_x": "0.5",
            "focal_y": "0.5", "watermark": "default", **fields}
    return client.post(ADD_URL, {"file": SimpleUploadedFile(name, content), **data})


def stored_files(settings):
    media = settings.MEDIA_ROOT
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.fixture
def desk_client(client):
    client.force_login(DeskEditorUserFactory())
    return client


@pytest.mark.parametrize(
    "fmt, name", [("JPEG", "赣江.jpg"), ("PNG", "赣江.png"), ("WEBP", "赣江.webp")], ids=["jpeg", "png", "webp"]
)
def test_desk_editor_uploads_a_real_picture_to_the_library(desk_client, settings, fmt, name):
    content = pictures.photo(fmt)

    response = post_upload(desk_client, content, name, title="赣江")

    assert response.status_code == 302
    image = Image.objects.get()
    assert (image.width, image.height, image.file_size) == (640, 480, len(content))
    assert image.uploaded_by is not None and image.sha256
    assert image.file.name.startswith("images/") and "赣江" not in image.file.name
    assert [p.read_bytes() for p in stored_files(settings)] == [content]


REFUSED = {
    "bomb-30000x30000": (pictures.bomb, "bomb.png", "图片尺寸过大"),
    "text-renamed-jpg": (lambda: pictures.NOT_AN_IMAGE, "photo.jpg", "不是图片"),
    "svg-with-script": (lambda: pictures.SVG_WITH_SCRIPT, "logo.svg", "不接受 SVG"),
    "svg-renamed-png": (lambda: pictures.SVG_WITH_SCRIPT, "logo.png", "不接受 SVG"),
    "gif-js-polyglot": (pictures.gif_js_polyglot, "anim.gif", "多义文件"),
    "gif-html-polyglot": (pictures.gif_html_polyglot, "anim.gif", "多义文件"),
    "jpeg-with-trailing-script": (pictures.jpeg_with_appended_script, "photo.jpg", "末尾附带了其他数据"),
    "truncated-jpeg": (lambda: pictures.photo("JPEG")[:2000], "photo.jpg", "不是图片或已损坏"),
}


@pytest.mark.parametrize("make, name, reason", REFUSED.values(), ids=REFUSED.keys())
def test_unsafe_upload_is_refused_with_a_reason_and_nothing_is_stored(desk_client, settings, make, name, reason):
    response = post_upload(desk_client, make(), name)

    assert response.status_code == 200
    errors = texts(parse_html(response), ".field-file .errorlist")
    assert errors and reason in errors[0]
    assert not Image.objects.exists()
    assert stored_files(settings) == []


def test_upload_beyond_the_configured_pixel_limit_is_refused(desk_client, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"MAX_IMAGE_PIXELS": 100_000}

    response = post_upload(desk_client, pictures.photo("JPEG", (400, 300)), "big.jpg")

    assert "图片尺寸过大(400×300 像素)" in texts(parse_html(response), ".field-file .errorlist")[0]
    assert not Image.objects.exists() and stored_files(settings) == []


def test_upload_beyond_the_configured_byte_limit_is_refused(desk_client, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"MAX_IMAGE_BYTES": 1024}

    response = post_upload(desk_client, pictures.photo("PNG", (400, 300)), "big.png")

    assert "图片文件过大" in texts(parse_html(response), ".field-file .errorlist")[0]
    assert not Image.objects.exists() and stored_files(settings) == []


def test_uploading_the_same_file_twice_reuses_the_library_entry(desk_client, settings):
    content = pictures.photo("JPEG")
    post_upload(desk_client, content, "first.jpg", title="第一次")
    first = Image.objects.get()

    response = post_upload(desk_client, content, "again.jpg", title="第二次")

    assert response.status_code == 302
    assert response["Location"] == f"/admin/images/image/{first.pk}/change/"
    assert list(Image.objects.values_list("title", flat=True)) == ["第一次"]
    assert len(stored_files(settings)) == 1
    page = parse_html(desk_client.get(response["Location"]))
    assert any("已有相同的图片" in message for message in texts(page, ".messagelist li"))


def test_same_file_from_code_reuses_the_entry_too():
    from django.core.files.base import ContentFile

    content = pictures.photo("PNG")
    first, created = Image.objects.get_or_create_for_file(ContentFile(content, name="a.png"), alt_text="一")
    again, created_again = Image.objects.get_or_create_for_file(ContentFile(content, name="b.png"), alt_text="二")

    assert (created, created_again) == (True, False)
    assert again.pk == first.pk and Image.objects.count() == 1


def test_uploaded_original_is_stored_without_its_gps_position_and_with_its_pixels_unchanged(client, admin_user):
    client.force_login(admin_user)
    upload = pictures.gps_photo()
    fields = {"alt_text": "绿地", "focal_x": "0.5", "focal_y": "0.5", "watermark": "default"}

    client.post(reverse("admin:images_image_add"), fields | {"file": SimpleUploadedFile("cam.jpg", upload)})

    image = Image.objects.get()
    with image.file.open("rb") as stored:
        original = PILImage.open(io.BytesIO(stored.read()))
        original.load()
    assert not original.getexif().get_ifd(0x8825)  # where the photo was taken: gone
    assert original.getexif()[0x010F] == "NewsCam"  # which camera and when: kept for the desk
    assert original.tobytes() == PILImage.open(io.BytesIO(upload)).tobytes()  # not re-encoded
    # The same camera file uploaded again is still recognised and reuses the entry.
    client.post(reverse("admin:images_image_add"), fields | {"file": SimpleUploadedFile("again.jpg", upload)})
    assert Image.objects.count() == 1


def test_rotated_original_keeps_its_orientation_so_renditions_stand_up():
    image = Image.objects.create(file=SimpleUploadedFile("r.jpg", pictures.rotated_photo()), alt_text="转")

    assert image.rendition("article").width == 200 and image.rendition("article").height == 400


GPS_ORIGINALS = {
    "png": (pictures.gps_png, "shot.png"),
    "webp-lossy": (pictures.gps_webp, "phone.webp"),
    "webp-lossless": (lambda: pictures.gps_webp(lossless=True), "phone.webp"),
}


@pytest.mark.parametrize("make, name", GPS_ORIGINALS.values(), ids=GPS_ORIGINALS.keys())
def test_png_and_webp_originals_are_stored_without_location_and_with_identical_pixels(client, admin_user, make, name):
    client.force_login(admin_user)
    upload = make()
    sent = PILImage.open(io.BytesIO(upload))
    assert sent.getexif().get_ifd(0x8825) and "xmp" in sent.info  # the test file does carry a position
    fields = {"alt_text": "赣江", "focal_x": "0.5", "focal_y": "0.5", "watermark": "default"}

    response = client.post(reverse("admin:images_image_add"), fields | {"file": SimpleUploadedFile(name, upload)})

    assert response.status_code == 302
    image = Image.objects.get()
    with image.file.open("rb") as stored:
        data = stored.read()
    original = PILImage.open(io.BytesIO(data))
    original.load()  # a well-formed file: the container was edited consistently
    assert original.format == sent.format
    assert not original.getexif().get_ifd(0x8825)  # the EXIF position: gone
    assert "xmp" not in original.info and "XML:com.adobe.xmp" not in original.info  # the XMP copy of it too
    assert "Raw profile type exif" not in original.info  # and ImageMagick's raw copy of the EXIF
    assert original.getexif()[0x010F] == "NewsCam"  # which camera: kept for the desk
    assert original.tobytes() == sent.tobytes()  # not re-encoded
    assert image.file_size == len(data) < len(upload)
    if sent.format == "PNG":
        assert original.info["Comment"] == "赣江边"  # text without a location stays
    # The same file uploaded again is still recognised by its content as sent, and reuses the entry.
    client.post(reverse("admin:images_image_add"), fields | {"file": SimpleUploadedFile("again." + name, upload)})
    assert Image.objects.count() == 1


def test_webp_header_no_longer_announces_the_xmp_it_lost():
    # Strict decoders check the VP8X flags against the chunks; the EXIF flag stays, the XMP flag goes.
    from images.metadata import VP8X_EXIF, VP8X_XMP, without_location

    upload = pictures.gps_webp()
    assert upload[12:16] == b"VP8X" and upload[20] & VP8X_XMP

    cleaned = without_location(upload)

    assert cleaned[20] & VP8X_EXIF and not cleaned[20] & VP8X_XMP
    assert b"XMP " not in cleaned and int.from_bytes(cleaned[4:8], "little") + 8 == len(cleaned)

