import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from images.validators import validate_image_file
from tests.conftest import parse_html, texts
from tests.factories import image_bytes

from . import pictures


# What the admin's add form posts for the fields a test leaves at their initial values.
ADMIN_DEFAULTS = {"focal_x": "0.5", "focal_y": "0.5", "watermark": "default"}


def upload(content, name="photo.jpg"):
    return SimpleUploadedFile(name, content, content_type="image/jpeg")


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_real_images_are_accepted(fmt):
    validate_image_file(upload(image_bytes(fmt)))


@pytest.mark.parametrize(
    "content, code",
    [
        (b"%PDF-1.4 not an image at all", "invalid_image"),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "svg"),
        (image_bytes("JPEG", size=(400, 300))[:300], "invalid_image"),
    ],
    ids=["pdf-renamed-jpg", "svg-with-script", "truncated-jpeg"],
)
def test_non_images_are_refused_with_a_reason(content, code):
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload(content))
    assert error.value.code == code
    assert error.value.messages[0]


def test_image_beyond_the_pixel_limit_is_refused_before_decoding(settings):
    settings.NEWSDESK = settings.NEWSDESK | {"MAX_IMAGE_PIXELS": 100 * 100}
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload(image_bytes("PNG", size=(101, 100))))
    assert error.value.code == "too_many_pixels"


def test_image_beyond_the_byte_limit_is_refused(settings):
    settings.NEWSDESK = settings.NEWSDESK | {"MAX_IMAGE_BYTES": 100}
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload(image_bytes("PNG", size=(200, 200))))
    assert error.value.code == "too_large"


def test_decompression_bomb_is_refused():
    with pytest.raises(ValidationError) as error:
        validate_image_file(upload(pictures.bomb(), "bomb.png"))
    assert error.value.code in {"too_many_pixels", "bomb"}


@pytest.mark.django_db
def test_admin_upload_of_a_non_image_is_refused_and_nothing_is_stored(admin_client, settings):
    response = admin_client.post(
        "/admin/images/image/add/", {"file": upload(b"GIF89a<script>alert(1)</script>", "evil.gif"), "title": "x"}
    )

    assert response.status_code == 200
    assert "不是图片" in " ".join(texts(parse_html(response), ".field-file .errorlist"))
    from images.models import Image

    assert not Image.objects.exists()
    media = settings.MEDIA_ROOT
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))


@pytest.mark.django_db
def test_stored_file_name_never_comes_from_the_user(admin_client):
    from images.models import Image

    response = admin_client.post(
        "/admin/images/image/add/",
        {"file": upload(image_bytes(), "../../etc/passwd 照片.jpg"), "alt_text": "图", **ADMIN_DEFAULTS},
    )

    assert response.status_code == 302
    name = Image.objects.get().file.name
    assert name.startswith("images/") and "passwd" not in name and ".." not in name and name.endswith(".jpg")
