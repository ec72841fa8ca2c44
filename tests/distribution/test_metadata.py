"""Page metadata for search engines and share cards: canonical, OpenGraph, Twitter, JSON-LD, all escaped."""

import json

import pytest
from django.utils import timezone

from tests.conftest import parse_html
from tests.factories import ArticleFactory, ImageFactory

from .conftest import HOSTILE_TITLE

pytestmark = pytest.mark.django_db


def json_ld(tree):
    scripts = tree.cssselect('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def meta(tree, key):
    found = tree.cssselect(f'meta[property="{key}"], meta[name="{key}"]')
    return [el.get("content") for el in found]


def test_article_has_canonical_opengraph_twitter_and_news_article_json_ld(client, desk):
    article = desk["new"]
    tree = parse_html(client.get(article.get_absolute_url()))
    url = f"http://testserver{article.get_absolute_url()}"
    image = f"http://testserver{article.cover.rendition('share').file.url}"  # the 1200×630 share card

    assert [link.get("href") for link in tree.cssselect('link[rel="canonical"]')] == [url]
    assert meta(tree, "og:type") == ["article"]
    assert meta(tree, "og:title") == ["最新"]
    assert meta(tree, "og:description") == ["最新的导语"]
    assert meta(tree, "og:url") == [url]
    assert meta(tree, "og:image") == [image]
    assert meta(tree, "og:image:width") == ["1200"]
    assert meta(tree, "og:locale") == ["zh_CN"]
    assert meta(tree, "article:section") == ["要闻"]
    assert meta(tree, "article:published_time") == [timezone.localtime(article.published_at).replace(microsecond=0).isoformat()]
    assert meta(tree, "article:modified_time") == [timezone.localtime(article.modified_at).replace(microsecond=0).isoformat()]
    assert set(meta(tree, "article:tag")) == {"台企", "江西"}
    assert meta(tree, "twitter:card") == ["summary_large_image"]
    assert meta(tree, "twitter:image") == [image]

    data = json_ld(tree)
    assert (data["@context"], data["@type"]) == ("https://schema.org", "NewsArticle")
    assert data["headline"] == "最新"
    assert data["datePublished"] == article.published_at.isoformat()
    assert data["dateModified"] == article.modified_at.isoformat()
    assert data["author"] == [{"@type": "Person", "name": "陈思远", "url": f"http://testserver{desk['reporter'].get_absolute_url()}"}]
    assert data["publisher"]["name"] == "江西台办新闻"
    assert data["publisher"]["logo"]["url"].startswith("http://testserver/static/img/publisher-logo")
    assert data["image"][0]["url"] == image
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": url}
    assert data["articleSection"] == "要闻"


def test_publisher_logo_is_served(client):
    from django.contrib.staticfiles import finders

    assert finders.find("img/publisher-logo.png")


def test_article_without_cover_gets_a_small_card_and_no_image(client, desk):
    tree = parse_html(client.get(desk["old"].get_absolute_url()))

    assert meta(tree, "twitter:card") == ["summary"]
    assert meta(tree, "og:image") == []
    assert "image" not in json_ld(tree)
    assert json_ld(tree)["author"][0]["name"] == "马一娜"


def test_home_is_a_website_and_list_pages_are_collection_pages(client, desk):
    home = parse_html(client.get("/"))
    assert json_ld(home)["@type"] == "WebSite"
    assert json_ld(home)["url"] == "http://testserver/"
    assert [link.get("href") for link in home.cssselect('link[rel="canonical"]')] == ["http://testserver/"]

    for url, name in [("/sections/yaowen/", "要闻"), ("/tags/台企/", "标签:台企"), (desk["editor"].get_absolute_url(), "马一娜")]:
        tree = parse_html(client.get(url))
        data = json_ld(tree)
        assert (data["@type"], data["name"]) == ("CollectionPage", name), url
        assert meta(tree, "og:title") == [name], url
        assert [link.get("href") for link in tree.cssselect('link[rel="canonical"]')] == [data["url"]], url


def test_hostile_title_is_inert_in_json_ld_opengraph_and_title(client, desk):
    article = ArticleFactory(title=HOSTILE_TITLE, summary=HOSTILE_TITLE, cover=ImageFactory(alt_text=HOSTILE_TITLE))
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    tree = parse_html(response)

    # Exactly one script element, the JSON-LD, and it did not break out.
    assert [s.get("type") for s in tree.cssselect("script")] == ["application/ld+json"]
    assert "<script>alert(1)" not in html
    assert json_ld(tree)["headline"] == HOSTILE_TITLE
    assert meta(tree, "og:title") == [HOSTILE_TITLE]
    assert meta(tree, "twitter:title") == [HOSTILE_TITLE]
    assert meta(tree, "og:image:alt") == [HOSTILE_TITLE]
    assert tree.findtext(".//title").startswith(HOSTILE_TITLE)


def test_preview_has_no_canonical_card_or_structured_data(admin_client):
    draft = ArticleFactory(draft=True)
    tree = parse_html(admin_client.get(draft.get_preview_url()))

    assert not tree.cssselect('link[rel="canonical"], script[type="application/ld+json"], meta[property^="og:"]')
