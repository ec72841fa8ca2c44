"""Cheap polling: ETag and Last-Modified, 304 without rendering in at most two queries, refresh on article changes."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.factories import ArticleFactory, SectionFactory

from .conftest import feed_urls

pytestmark = pytest.mark.django_db


def polled_urls(desk):
    editor = desk["editor"].pk
    month = desk["new"].published_at.astimezone(timezone.get_current_timezone())
    return [
        *feed_urls(desk),
        "/sitemap.xml",
        "/sitemaps/news.xml",
        "/sitemaps/sections.xml",
        f"/sitemaps/articles-{month.year}-{month.month}.xml",
        "/",
        "/sections/yaowen/",
        "/tags/台企/",
        f"/editors/{editor}/",
    ]


def test_every_polled_url_sends_validators_and_answers_304_with_an_empty_body(client, desk, settings):
    for url in polled_urls(desk):
        first = client.get(url)
        assert first.status_code == 200, url
        assert first["ETag"].startswith('"') and first["Last-Modified"], url

        again = client.get(url, headers={"If-None-Match": first["ETag"]})
        assert again.status_code == 304, url
        assert again.content == b"", url
        assert again["ETag"] == first["ETag"], url
        assert again["Cache-Control"] == f"public, max-age={settings.PUBLIC_CACHE_SECONDS}", url

        since = client.get(url, headers={"If-Modified-Since": first["Last-Modified"]})
        assert since.status_code == 304, url


def test_a_304_renders_nothing_and_costs_at_most_two_queries(client, desk, django_assert_max_num_queries):
    for url in polled_urls(desk):
        etag = client.get(url)["ETag"]
        with django_assert_max_num_queries(2):
            response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 304, url
        assert not response.templates, url


def test_a_stale_etag_gets_the_full_feed(client, desk):
    response = client.get("/feed/", headers={"If-None-Match": '"something-old"'})

    assert response.status_code == 200
    assert "最新" in response.content.decode()


def test_publishing_editing_or_withdrawing_an_article_changes_the_etag_and_refreshes_the_feed(client, desk, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"REVIEW_STAGES": 1}  # publish straight from draft (README, 审稿流程)
    def poll(url="/sections/yaowen/feed/"):
        response = client.get(url)
        return response["ETag"], response.content.decode()

    etag, body = poll()
    draft = desk["draft"]
    draft.publish(by=None)
    after_publish, body = poll()
    assert after_publish != etag and "草稿" in body

    draft.title = "改过的草稿"
    draft.save()
    after_edit, body = poll()
    assert after_edit != after_publish and "改过的草稿" in body

    draft.withdraw(by=None)
    after_withdraw, body = poll()
    assert after_withdraw != after_edit and "改过的草稿" not in body
    # Same articles as before the publish: the same answer, and a poller holding it gets a 304.
    assert after_withdraw == etag
    assert client.get("/sections/yaowen/feed/", headers={"If-None-Match": etag}).status_code == 304


def test_a_scheduled_article_becoming_due_changes_the_etag_with_no_write(client, desk):
    urls = ["/feed/", "/sitemaps/news.xml", "/sections/yaowen/"]
    before = {url: client.get(url)["ETag"] for url in urls}

    with time_machine.travel(desk["scheduled"].published_at + timedelta(seconds=1), tick=False):
        for url in urls:
            response = client.get(url, headers={"If-None-Match": before[url]})
            assert response.status_code == 200, url
            assert "预约" in response.content.decode(), url


def test_another_sections_article_leaves_a_section_feed_alone(client, desk):
    etag = client.get("/sections/yaowen/feed/")["ETag"]
    ArticleFactory(section=SectionFactory(slug="other"), published_at=timezone.now())

    assert client.get("/sections/yaowen/feed/", headers={"If-None-Match": etag}).status_code == 304


def test_an_unchanged_list_page_is_served_from_the_cache(client, desk, django_assert_max_num_queries):
    first = client.get("/sections/yaowen/")
    with django_assert_max_num_queries(2):
        again = client.get("/sections/yaowen/")
    assert again.status_code == 200
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]


def test_withdrawing_refreshes_the_cached_list_page(client, desk):
    assert "最新" in client.get("/sections/yaowen/").content.decode()
    desk["new"].withdraw(by=None)

    assert "最新" not in client.get("/sections/yaowen/").content.decode()


def test_a_page_that_no_longer_exists_is_404_even_with_an_old_etag(client):
    section = SectionFactory(slug="gone")
    etag = client.get("/sections/gone/feed/")["ETag"]
    section.delete()

    assert client.get("/sections/gone/feed/", headers={"If-None-Match": etag}).status_code == 404


def test_etags_roll_over_after_the_refresh_period_so_renamed_sections_show(client, desk, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"DISTRIBUTION_REFRESH_SECONDS": 3600}
    etag = client.get("/sections/yaowen/feed/")["ETag"]
    desk["section"].name = "重要新闻"
    desk["section"].save()

    with time_machine.travel(timezone.now() + timedelta(hours=1), tick=False):
        response = client.get("/sections/yaowen/feed/", headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "重要新闻" in response.content.decode()
