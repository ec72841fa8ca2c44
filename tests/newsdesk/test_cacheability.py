"""Reader pages can be served from a shared cache: no cookie, no session, no CSRF token, a public max-age."""

import pytest

from tests.conftest import reader_paths
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    return ArticleFactory(tags=["台企"])


def test_anonymous_reader_pages_set_no_cookie_and_are_publicly_cacheable_in_both_editions(client, article, settings):
    for path in reader_paths(article):
        for url in (path, f"/zh-hant{path}"):
            response = client.get(url)
            assert response.status_code == 200, url
            assert not response.cookies, url
            assert "csrfmiddlewaretoken" not in response.content.decode(), url
            assert response["Cache-Control"] == f"public, max-age={settings.PUBLIC_CACHE_SECONDS}", url
            # The edition is in the URL, so a shared cache needs no Vary on the browser's language.
            assert "Accept-Language" not in response.get("Vary", ""), url


def test_public_cache_lifetime_is_at_most_a_minute_so_scheduled_articles_appear_on_time(settings):
    assert 0 < settings.PUBLIC_CACHE_SECONDS <= 60


def test_not_found_pages_are_not_marked_cacheable(client):
    response = client.get("/articles/424242/")

    assert response.status_code == 404
    assert "public" not in response.get("Cache-Control", "")
