"""The list pages' and sitemap index's validator (Article.objects.site_fingerprint): index lookups, not a
count of every article, yet every change a reader could see on those pages changes it at once."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, ArticleDeletion
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def site_urls(desk):
    return ["/", "/sections/yaowen/", "/tags/台企/", f"/editors/{desk['editor'].pk}/", "/sitemap.xml"]


def etags(client, urls):
    return {url: client.get(url)["ETag"] for url in urls}


def assert_refreshed(client, before, *, shows=None, hides=None):
    """Each URL answers its old ETag with a fresh 200 (never a 304), and shows or hides the given text."""
    for url, etag in before.items():
        response = client.get(url, headers={"If-None-Match": etag})
        assert response.status_code == 200, url
        assert response["ETag"] != etag, url
        body = response.content.decode()
        if shows and not url.endswith(".xml"):
            assert shows in body, url
        if hides and not url.endswith(".xml"):
            assert hides not in body, url


def test_deleting_an_article_refreshes_every_list_page_and_is_recorded(client, desk):
    # Not the newest write: removing it leaves the newest updated_at, published_at and the count of
    # nothing else behind, so only the deletion record can tell.
    old = desk["old"]
    old_pk = old.pk
    Article.objects.filter(pk=desk["new"].pk).update(updated_at=timezone.now() + timedelta(seconds=1))
    urls = ["/", "/sections/yaowen/", "/tags/台企/", f"/editors/{desk['editor'].pk}/"]
    before = etags(client, urls)

    old.delete()

    assert_refreshed(client, before, hides="较早")
    assert list(ArticleDeletion.objects.values_list("article_pk", "title")) == [(old_pk, "较早")]


def test_deleting_articles_in_bulk_from_the_admin_refreshes_the_pages(admin_client, client, desk):
    before = etags(client, ["/sections/yaowen/", "/sitemap.xml"])

    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "delete_selected", "_selected_action": [desk["old"].pk, desk["elsewhere"].pk], "post": "yes"},
        follow=True,
    )

    assert response.status_code == 200
    assert not Article.objects.filter(pk__in=[desk["old"].pk, desk["elsewhere"].pk]).exists()
    assert_refreshed(client, before, hides="较早")
    assert set(ArticleDeletion.objects.values_list("title", flat=True)) == {"较早", "别的栏目"}


def test_a_scheduled_article_coming_due_refreshes_every_list_page_and_the_sitemap_index(client, desk):
    before = etags(client, site_urls(desk))

    with time_machine.travel(desk["scheduled"].published_at + timedelta(seconds=1), tick=False):
        assert_refreshed(client, before, shows="预约")


def test_an_article_reaching_its_expiry_leaves_every_list_page_at_once(client, desk):
    expires = timezone.now() + timedelta(hours=2)
    # Written before the pages are fetched: nothing is written when the time comes.
    Article.objects.filter(pk=desk["old"].pk).update(expires_at=expires)
    with time_machine.travel(expires - timedelta(seconds=1), tick=False):
        before = etags(client, site_urls(desk))
        assert "较早" in client.get("/sections/yaowen/").content.decode()

    with time_machine.travel(expires + timedelta(seconds=1), tick=False):
        assert_refreshed(client, before, hides="较早")


def test_an_unrelated_clock_tick_keeps_the_304(client, desk):
    before = etags(client, site_urls(desk))

    with time_machine.travel(timezone.now() + timedelta(minutes=5), tick=False):
        for url, etag in before.items():
            assert client.get(url, headers={"If-None-Match": etag}).status_code == 304, url


def test_a_pin_reaching_its_end_refreshes_the_home_page_at_once(client, desk):
    until = timezone.now() + timedelta(hours=2)
    desk["old"].pin(by=None, until=until)
    with time_machine.travel(until - timedelta(seconds=1), tick=False):
        etag = client.get("/")["ETag"]

    with time_machine.travel(until + timedelta(seconds=1), tick=False):
        response = client.get("/", headers={"If-None-Match": etag})
    assert response.status_code == 200


def test_renaming_a_section_or_changing_the_navigation_shows_on_cached_list_pages_at_once(client, desk):
    urls = ["/", "/sections/yaowen/", "/tags/台企/", f"/editors/{desk['editor'].pk}/"]
    before = etags(client, urls)
    section = desk["section"]
    section.name = "重要新闻"
    section.save()

    assert_refreshed(client, before, shows="重要新闻")

    before = etags(client, urls)
    SectionFactory(name="新栏目", slug="xin")
    assert_refreshed(client, before, shows="新栏目")

    before = etags(client, urls)
    desk["section"].__class__.objects.filter(slug="xin").update(in_navigation=False)
    assert_refreshed(client, before, hides="新栏目")


def test_renaming_a_tag_or_a_person_shows_on_their_own_page_at_once(client, desk):
    from taggit.models import Tag

    tag = Tag.objects.get(name="台企")
    tag_etag = client.get(f"/tags/{tag.slug}/")["ETag"]
    editor = desk["editor"]
    editor_url = f"/editors/{editor.pk}/"
    editor_etag = client.get(editor_url)["ETag"]

    tag.name = "台资企业"
    tag.save()
    editor.name = "马娜"
    editor.save()

    response = client.get(f"/tags/{tag.slug}/", headers={"If-None-Match": tag_etag})
    assert response.status_code == 200 and "台资企业" in response.content.decode()
    response = client.get(editor_url, headers={"If-None-Match": editor_etag})
    assert response.status_code == 200 and "马娜" in response.content.decode()


def test_the_site_validator_costs_one_query_however_many_articles(desk, django_assert_num_queries):
    ArticleFactory.create_batch(5, section=desk["section"])
    with django_assert_num_queries(1):
        first = Article.objects.site_fingerprint()
    ArticleFactory.create_batch(5, section=desk["section"])
    assert Article.objects.site_fingerprint() != first
