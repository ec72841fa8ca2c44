"""Media go through Django's storage API: local disk by default, S3-compatible storage when configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile

from images.models import Image
from newsdesk.settings.base import media_storage_from_url

from . import pictures

ROOT = Path(__file__).resolve().parents[2]


def test_default_is_the_local_disk():
    assert media_storage_from_url("file://") == {"BACKEND": "django.core.files.storage.FileSystemStorage"}


def test_s3_url_builds_the_django_storages_configuration():
    config = media_storage_from_url(
        "s3://newsdesk-media/site?endpoint_url=https://oss.example.cn&region_name=cn-east-1&custom_domain=cdn.example.cn"
    )

    assert config == {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": "newsdesk-media",
            "location": "site",
            "endpoint_url": "https://oss.example.cn",
            "region_name": "cn-east-1",
            "custom_domain": "cdn.example.cn",
            "querystring_auth": False,
            "file_overwrite": False,
            "default_acl": None,
            "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
        },
    }


@pytest.mark.parametrize("url", ["ftp://host/x", "s3://", "s3://bucket?password=secret"])
def test_a_wrong_storage_url_stops_the_site_with_a_clear_message(url):
    with pytest.raises(ImproperlyConfigured, match="MEDIA_STORAGE_URL"):
        media_storage_from_url(url)


def test_production_with_s3_media_serves_urls_from_the_cdn_host_without_any_network():
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env.update(
        DJANGO_SETTINGS_MODULE="newsdesk.settings.production",
        SECRET_KEY="k3Jx9vQ2mP7sT4wY8zB1nC6dF0gH5jL-aE_rU+iO=pA#sD@fG!hJ%kL^zX&cV*bN(mQ)",
        ALLOWED_HOSTS="news.example.cn",
        DATABASE_URL="postgres://u@127.0.0.1:1/x",
        MEDIA_STORAGE_URL="s3://newsdesk-media/media?endpoint_url=http://127.0.0.1:1&custom_domain=cdn.example.cn",
        AWS_ACCESS_KEY_ID="test",
        AWS_SECRET_ACCESS_KEY="test",
    )
    code = (
        "import django; django.setup();"
        "from django.core.files.storage import storages; s = storages['default'];"
        "print(type(s).__name__, s.url('renditions/1/thumb-abc.webp'))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["S3Storage", "https://cdn.example.cn/media/renditions/1/thumb-abc.webp"]


@pytest.mark.django_db
def test_originals_and_renditions_are_stored_under_media_root_on_one_machine(settings):
    image = Image.objects.create(file=ContentFile(pictures.photo(), name="a.jpg"), alt_text="图")
    rendition = image.rendition("thumb")

    assert (settings.MEDIA_ROOT / image.file.name).is_file()
    assert (settings.MEDIA_ROOT / rendition.file.name).is_file()
    assert rendition.file.url == settings.MEDIA_URL + rendition.file.name


@pytest.mark.django_db
def test_media_urls_can_carry_a_cdn_host(settings):
    settings.MEDIA_URL = "https://img.example.cn/media/"
    image = Image.objects.create(file=ContentFile(pictures.photo(), name="a.jpg"), alt_text="图")

    assert image.rendition_url("share").startswith("https://img.example.cn/media/renditions/")
