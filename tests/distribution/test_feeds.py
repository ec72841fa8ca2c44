"""Full-text RSS 2.0 and Atom 1.0 feeds as feed readers see them: feedparser, and lxml against the raw XML."""

from datetime import UTC, datetime

import feedparser
import lxml.etree
import pytest
import time_machine
from django.utils import timezone

from articles.feeds import correction_notes_html
from tests.factories import ArticleFactory

from .conftest import HOSTILE_TITLE, UNPUBLISHED, feed_urls

pytestmark = pytest.mark.django_db

NS = {
    "atom": "http://www.w3.org/2005/Atom",
    "content": "http://purl.org/rss/1.0/modules/content/",
    "media": "http://search.yahoo.com/mrss/",
}


def fetch(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    expected = "application/atom+xml" if url.endswith("/atom/") else "application/rss+xml"
    assert response["Content-Type"].startswith(expected), url
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return response, feed


def lxml_items(content):
    """The same items read by a second, independent parser, straight from the RSS or Atom structure."""
    root = lxml.etree.fromstring(content)
    if root.tag == "rss":
        return [
            {
                "title": item.findtext("title"),
                "link": item.findtext("link"),
                "guid": item.findtext("guid"),
                "content": item.findtext("content:encoded", namespaces=NS),
            }
            for item in root.iterfind("channel/item")
        ]
    return [
        {
            "title": entry.findtext("atom:title", namespaces=NS),
            "link": entry.find("atom:link[@rel='alternate']", NS).get("href"),
            "guid": entry.findtext("atom:id", namespaces=NS),
            "content": entry.findtext("atom:content", namespaces=NS),
        }
        for entry in root.iterfind("atom:entry", NS)
    ]


def test_every_feed_parses_cleanly_and_lists_only_published_articles(client, desk):
    for url in feed_urls(desk):
        response, feed = fetch(client, url)
        titles = [entry.title for entry in feed.entries]
        assert titles, url
        assert not UNPUBLISHED & set(titles), url
        assert titles[0] == "最新", url


def test_a_second_parser_reads_the_same_items_as_feedparser(client, desk):
    for url in feed_urls(desk):
        response, feed = fetch(client, url)
        items = lxml_items(response.content)
        assert [(i["title"], i["link"], i["guid"]) for i in items] == [(e.title, e.link, e.id) for e in feed.entries], url
        assert all(i["content"] for i in items), url


def test_section_tag_and_editor_feeds_are_narrowed(client, desk):
    assert [e.title for e in fetch(client, "/sections/yaowen/feed/atom/")[1].entries] == ["最新", "较早"]
    assert [e.title for e in fetch(client, "/tags/江西/feed/")[1].entries] == ["最新"]
    reporter_feed = fetch(client, f"/editors/{desk['reporter'].pk}/feed/")[1]
    assert [e.title for e in reporter_feed.entries] == ["最新"]
    assert reporter_feed.feed.title.startswith("陈思远")


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_item_carries_summary_full_text_with_absolute_urls(client, desk, url):
    entry = fetch(client, url)[1].entries[0]

    assert entry.summary == "最新的导语"
    body = entry.content[0].value
    assert "第一段" in body and "外部链接" in body
    assert 'href="http://testserver/articles/1/"' in body
    assert 'src="http://testserver/media/images/body.jpg"' in body
    assert 'href="https://example.com/x"' in body
    assert 'href="/' not in body and 'src="/' not in body


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_cover_is_attached_as_enclosure_and_media_content_with_type_and_size(client, desk, url):
    response, feed = fetch(client, url)
    card = desk["new"].cover.rendition("share")  # the 1200×630 share card, not the original upload
    entry = feed.entries[0]

    enclosure = entry.enclosures[0]
    assert enclosure.href == f"http://testserver{card.file.url}"
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) == card.file.size > 0
    media = entry.media_content[0]
    assert media["url"] == enclosure.href
    assert (media["type"], int(media["filesize"])) == ("image/jpeg", card.file.size)
    assert (int(media["width"]), int(media["height"])) == (1200, 630)
    assert not feed.entries[1].get("enclosures")


@pytest.mark.parametrize("url", ["/feed/", "/feed/atom/"])
def test_item_carries_author_categories_dates_and_guid(client, desk, url):
    article = desk["new"]
    entry = fetch(client, url)[1].entries[0]

    assert entry.link == f"http://testserver{article.get_absolute_url()}"
    assert entry.id == entry.link
    assert entry.author == "陈思远"  # the reporter; the editor when there is none
    assert {tag.term for tag in entry.tags} == {"要闻", "台企", "江西"}
    published = datetime(*entry.published_parsed[:6], tzinfo=UTC)
    assert published == article.published_at.replace(microsecond=0)
    updated = datetime(*entry.updated_parsed[:6], tzinfo=UTC)
    assert updated == article.modified_at.replace(microsecond=0)


def test_editor_is_the_author_when_nobody_reported(client, desk):
    entries = fetch(client, "/feed/")[1].entries
    assert entries[2].title == "较早"
    assert entries[2].author == "马一娜"


def test_guid_survives_a_title_edit_in_rss_and_atom(client, desk):
    before = [fetch(client, url)[1].entries[0].id for url in ("/feed/", "/feed/atom/")]
    desk["new"].title = "改过的标题"
    desk["new"].save()

    after = [fetch(client, url)[1].entries[0] for url in ("/feed/", "/feed/atom/")]
    assert [(e.title, e.id) for e in after] == [("改过的标题", guid) for guid in before]


def test_scheduled_article_enters_the_feed_at_its_time(client, desk):
    assert "预约" not in [e.title for e in fetch(client, "/feed/")[1].entries]

    with time_machine.travel(desk["scheduled"].published_at, tick=False):
        assert fetch(client, "/feed/")[1].entries[0].title == "预约"


def test_item_count_is_a_setting(client, desk, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"FEED_ITEMS": 2}

    assert len(fetch(client, "/feed/")[1].entries) == 2
    assert len(fetch(client, "/feed/atom/")[1].entries) == 2


@pytest.mark.parametrize("chosen", [["tag"], ["tag:台企"]])
def test_summary_only_mode_is_chosen_per_feed(client, desk, settings, chosen):
    settings.NEWSDESK = settings.NEWSDESK | {"FEED_SUMMARY_ONLY": chosen}

    for url in ("/tags/台企/feed/", "/tags/台企/feed/atom/"):
        response, feed = fetch(client, url)
        assert "content" not in feed.entries[0], url
        assert feed.entries[0].summary == "最新的导语"
        assert b"content:encoded" not in response.content
    assert "第一段" in fetch(client, "/feed/")[1].entries[0].content[0].value
    assert "第一段" in fetch(client, "/sections/yaowen/feed/")[1].entries[0].content[0].value


def test_hostile_title_is_inert_text_in_rss_and_atom(client, desk):
    ArticleFactory(title=HOSTILE_TITLE, summary=HOSTILE_TITLE, section=desk["section"], published_at=timezone.now())
    for url in ("/feed/", "/feed/atom/"):
        response, feed = fetch(client, url)
        assert b"<script>" not in response.content, url
        assert lxml_items(response.content)[0]["title"] == HOSTILE_TITLE
        assert feed.entries[0].title == HOSTILE_TITLE
        # The summary is text inside HTML: escaped once, so a reader shows it and runs nothing.
        assert "<script>" not in feed.entries[0].summary


def test_correction_notes_render_escaped_with_their_time():
    class Note:
        text = "原文“<b>十二</b>”应为“十三”。"
        at = timezone.make_aware(datetime(2025, 1, 2, 10, 30))

    html = correction_notes_html([Note()])
    assert "更正" in html and "2025-01-02 10:30" in html
    assert "&lt;b&gt;十二&lt;/b&gt;" in html


def test_unknown_feed_objects_are_404(client, desk):
    for url in ("/sections/nope/feed/atom/", "/tags/nope/feed/atom/", "/editors/424242/feed/", "/editors/424242/feed/atom/"):
        assert client.get(url).status_code == 404, url


def test_pages_link_to_their_rss_and_atom_feeds(client, desk):
    from tests.conftest import parse_html

    def feeds_of(url):
        return [
            (link.get("type").split("/")[1], link.get("href"))
            for link in parse_html(client.get(url)).cssselect('link[rel="alternate"][type]')
        ]

    site = [("rss+xml", "/feed/"), ("atom+xml", "/feed/atom/")]
    editor = desk["editor"].pk
    assert feeds_of("/") == site
    assert feeds_of("/sections/yaowen/") == site + [("rss+xml", "/sections/yaowen/feed/"), ("atom+xml", "/sections/yaowen/feed/atom/")]
    assert feeds_of(f"/editors/{editor}/") == site + [("rss+xml", f"/editors/{editor}/feed/"), ("atom+xml", f"/editors/{editor}/feed/atom/")]
    tag = "/tags/%E6%B1%9F%E8%A5%BF/"
    assert feeds_of("/tags/江西/") == site + [("rss+xml", f"{tag}feed/"), ("atom+xml", f"{tag}feed/atom/")]
    assert feeds_of(desk["new"].get_absolute_url()) == site + [("rss+xml", "/sections/yaowen/feed/"), ("atom+xml", "/sections/yaowen/feed/atom/")]
