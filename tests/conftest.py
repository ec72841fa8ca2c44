import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    # Uploaded and generated files go to a per-test folder, never into the checkout.
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    cache.clear()
    yield
    cache.clear()


def parse_html(response):
    """The response as an lxml tree, for asserting on what a reader sees rather than on raw strings."""
    import lxml.html

    return lxml.html.fromstring(response.content.decode())


def texts(tree, selector):
    return [" ".join(el.text_content().split()) for el in tree.cssselect(selector)]
