"""Scheduled publishing and expiry need no cron and no visitor, and no cache holds them back past a minute."""

import re
from datetime import timedelta

import feedparser
import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


class SharedCache:
    """A shared HTTP cache in front of the site, as a CDN runs it: keeps each public 200 for its max-age."""

    def __init__(self, client):
        self.client = client
        self.store = {}

    def get(self, url):
        now = timezone.now().timestamp()
        if url in self.store and self.store[url][0] > now:
            return self.store[url][1]
        response = self.client.get(url)
        control = response.get("Cache-Control", "")
        max_age = re.search(r"max-age=(\d+)", control)
        if response.status_code == 200 and "public" in control and max_age:
            self.store[url] = (now + int(max_age.group(1)), response)
        return response


def visible_everywhere(cache, article, search_word):
    """Where a reader could find the article: its page, home, its section, the site and section feeds, and
    the search results for `search_word` (a word of its title)."""
    section = article.section
    found = {"page": cache.get(article.get_absolute_url()).status_code == 200}
    for name, url in [("home", "/"), ("section", section.get_absolute_url())]:
        found[name] = article.title in cache.get(url).content.decode()
    for name, url in [("feed", "/feed/"), ("section feed", f"/sections/{section.slug}/feed/")]:
        found[name] = article.title in [entry.title for entry in feedparser.parse(cache.get(url).content).entries]
    # Result titles carry <mark> around the matched word, so compare the text a reader sees.
    results = parse_html(cache.get(f"/search/?q={search_word}"))
    found["search"] = article.title in texts(results, ".search-result .card-title")
    return found


@pytest.fixture
def production_caching(settings):
    # The production cache backend (locmem stands in for Redis) and the public max-age readers get.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "schedule"}}
    assert settings.PUBLIC_CACHE_SECONDS <= 60


def test_scheduled_article_is_absent_at_t_minus_1s_and_present_by_t_plus_60s(client, production_caching, chief):
    section = SectionFactory(name="要闻", slug="yaowen")
    ArticleFactory(section=section)  # the pages exist before, and get cached
    at = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    article = ArticleFactory(title="定时发布的稿件", section=section, status=Article.Status.APPROVED, published_at=None)
    article.publish(by=chief, at=at)
    cache = SharedCache(client)

    with time_machine.travel(at - timedelta(seconds=1), tick=False):
        found = visible_everywhere(cache, article, "定时")
        assert not any(found.values()), found
    # No command runs in between; the shared cache still holds the T−1 s copies where it may.
    with time_machine.travel(at + timedelta(seconds=60), tick=False):
        found = visible_everywhere(cache, article, "定时")
        assert all(found.values()), found


def test_expired_article_is_present_at_t_minus_1s_and_gone_by_t_plus_60s(client, production_caching):
    section = SectionFactory(name="要闻", slug="yaowen")
    expires = (timezone.now() + timedelta(days=1)).replace(microsecond=0)
    article = ArticleFactory(title="到期下线的稿件", section=section, expires_at=expires)
    cache = SharedCache(client)

    with time_machine.travel(expires - timedelta(seconds=1), tick=False):
        found = visible_everywhere(cache, article, "下线")
        assert all(found.values()), found
    with time_machine.travel(expires + timedelta(seconds=60), tick=False):
        found = visible_everywhere(cache, article, "下线")
        assert not any(found.values()), found
        assert article.schedule_state == "已下线"


def test_database_refuses_an_expiry_before_the_publish_time():
    from django.db import IntegrityError

    now = timezone.now()
    with pytest.raises(IntegrityError):
        ArticleFactory(published_at=now, expires_at=now - timedelta(minutes=1))


def test_admin_lists_upcoming_expired_and_overdue_items(client, chief):
    upcoming = ArticleFactory(title="已排期的稿件", scheduled=True)
    expired = ArticleFactory(title="已下线的稿件", published_at=timezone.now() - timedelta(days=2), expires_at=timezone.now() - timedelta(days=1))
    overdue = ArticleFactory(title="逾期未发的稿件", status=Article.Status.SECOND_REVIEW, published_at=timezone.now() - timedelta(hours=1))
    ArticleFactory(title="普通稿件")
    client.force_login(chief)

    def listed(value):
        page = client.get("/admin/articles/article/", {"schedule": value}).content.decode()
        return {a.title for a in [upcoming, expired, overdue] if a.title in page}

    assert listed("upcoming") == {"已排期的稿件"}
    assert listed("expired") == {"已下线的稿件"}
    assert listed("overdue") == {"逾期未发的稿件"}
    page = client.get("/admin/articles/article/").content.decode()
    assert "已排期" in page and "已下线" in page
