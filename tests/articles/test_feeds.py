from datetime import UTC, datetime, timedelta

import feedparser
import pytest
from django.utils import timezone

from tests.factories import ArticleFactory, EditorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def fetch_feed(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.fixture
def world():
    now = timezone.now()
    section = SectionFactory(name="要闻", slug="yaowen")
    other = SectionFactory(name="两岸情", slug="liangan")
    return {
        "section": section,
        "old": ArticleFactory(title="较早", section=section, tags=["台企"], published_at=now - timedelta(hours=3)),
        "new": ArticleFactory(
            title="最新", section=section, tags=["台企", "江西"], published_at=now - timedelta(hours=1),
            editor=EditorFactory(name="马一娜"), summary="最新的导语",
        ),
        "elsewhere": ArticleFactory(title="别的栏目", section=other, tags=["文化"], published_at=now - timedelta(hours=2)),
        "draft": ArticleFactory(title="草稿", section=section, tags=["台企"], draft=True),
        "scheduled": ArticleFactory(title="预约", section=section, tags=["台企"], scheduled=True),
        "withdrawn": ArticleFactory(title="撤稿", section=section, tags=["台企"], withdrawn=True),
    }


def test_site_feed_lists_published_articles_newest_first(client, world):
    feed = fetch_feed(client, "/feed/")

    assert [entry.title for entry in feed.entries] == ["最新", "别的栏目", "较早"]


def test_section_feed_lists_only_that_sections_published_articles(client, world):
    feed = fetch_feed(client, "/sections/yaowen/feed/")

    assert [entry.title for entry in feed.entries] == ["最新", "较早"]
    assert feed.feed.title.startswith("要闻")


def test_tag_feed_lists_only_published_articles_with_the_tag(client, world):
    feed = fetch_feed(client, "/tags/台企/feed/")

    assert [entry.title for entry in feed.entries] == ["最新", "较早"]


def test_feed_item_carries_link_summary_date_guid_author_and_categories(client, world):
    article = world["new"]
    entry = fetch_feed(client, "/feed/").entries[0]

    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.id == entry.link
    assert entry.summary == "最新的导语"
    assert entry.author == "马一娜"
    assert {tag.term for tag in entry.tags} == {"要闻", "台企", "江西"}
    published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
    assert published == article.published_at.replace(microsecond=0)


def test_feed_guid_survives_a_title_edit(client, world):
    before = fetch_feed(client, "/feed/").entries[0].id
    world["new"].title = "改过的标题"
    world["new"].save()

    entry = fetch_feed(client, "/feed/").entries[0]
    assert (entry.title, entry.id) == ("改过的标题", before)


def test_unknown_section_or_tag_feed_is_404(client):
    assert client.get("/sections/nope/feed/").status_code == 404
    assert client.get("/tags/nope/feed/").status_code == 404


def test_pages_link_to_their_feeds(client, world):
    from tests.conftest import parse_html

    def feeds_of(url):
        return [link.get("href") for link in parse_html(client.get(url)).cssselect('link[rel="alternate"][type="application/rss+xml"]')]

    assert feeds_of("/") == ["/feed/"]
    assert feeds_of("/sections/yaowen/") == ["/feed/", "/sections/yaowen/feed/"]
    assert feeds_of("/tags/台企/") == ["/feed/", "/tags/%E5%8F%B0%E4%BC%81/feed/"]
    assert feeds_of(world["new"].get_absolute_url()) == ["/feed/", "/sections/yaowen/feed/"]
