"""What search engines, social cards and feed readers are told about a traditional page is traditional too."""

import json

import feedparser
import pytest

from editions.convert import Converter
from editions.service import convert_markup
from tests.conftest import parse_html
from tests.distribution.conftest import HOSTILE_TITLE
from tests.factories import ArticleFactory, BylineFactory, EditorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    article = ArticleFactory(
        title="江西省“精准服务台企月”活动卓有成效",
        summary="两岸台企交流。",
        section=SectionFactory(name="各地涉台活动", slug="gedi"),
        editor=EditorFactory(name="马一娜"),
        tags=["台企"],
    )
    BylineFactory(article=article, editor=EditorFactory(name="陈思远"))
    return article


def json_ld(tree):
    scripts = tree.cssselect('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].text)


def meta(tree, key):
    return [el.get("content") for el in tree.cssselect(f'meta[property="{key}"], meta[name="{key}"]')]


def test_traditional_article_json_ld_says_the_headline_and_names_in_traditional(client, article):
    url = article.get_absolute_url()
    data = json_ld(parse_html(client.get(f"/zh-hant{url}")))

    assert data["headline"] == "江西省“精準服務臺企月”活動卓有成效"
    assert data["description"] == "兩岸臺企交流。"
    assert data["articleSection"] == "各地涉臺活動"
    assert data["keywords"] == ["臺企"]
    assert [person["name"] for person in data["author"]] == ["陳思遠"]
    assert data["publisher"]["name"] == "江西臺辦新聞"
    assert data["inLanguage"] == "zh-Hant"
    # Identifiers, types and dates are not text to convert.
    assert data["mainEntityOfPage"] == {"@type": "WebPage", "@id": f"http://testserver/zh-hant{url}"}
    assert data["author"][0]["url"].startswith("http://testserver/zh-hant/editors/")
    assert data["datePublished"] == article.published_at.isoformat()


def test_simplified_article_json_ld_stays_simplified(client, article):
    data = json_ld(parse_html(client.get(article.get_absolute_url())))
    assert data["headline"] == "江西省“精准服务台企月”活动卓有成效"
    assert data["publisher"]["name"] == "江西台办新闻"
    assert data["inLanguage"] == "zh-Hans"


def test_traditional_collection_json_ld_converts_the_name_but_not_the_url_with_a_chinese_slug(client, article):
    tree = parse_html(client.get("/zh-hant/tags/台企/"))
    data = json_ld(tree)
    assert data["name"] == "標籤:臺企"
    assert data["isPartOf"]["name"] == "江西臺辦新聞"
    assert data["url"] == "http://testserver/zh-hant/tags/%E5%8F%B0%E4%BC%81/"
    assert [link.get("href") for link in tree.cssselect('link[rel="canonical"]')] == [data["url"]]


def test_hostile_title_stays_inert_in_the_traditional_json_ld(client):
    article = ArticleFactory(title=HOSTILE_TITLE, summary=HOSTILE_TITLE)
    response = client.get(f"/zh-hant{article.get_absolute_url()}")
    html = response.content.decode()
    tree = parse_html(response)

    assert [s.get("type") for s in tree.cssselect("script")] == ["application/ld+json"]
    assert "<script>alert(1)" not in html
    assert "\\u003C/script\\u003E" in html  # re-serialised with the same escaping as the simplified page
    converted = HOSTILE_TITLE.replace("号", "號").replace("单", "單").replace("双", "雙")
    assert json_ld(tree)["headline"] == converted
    assert meta(tree, "og:title") == [converted]


def test_share_card_tags_are_traditional_with_a_taiwan_locale(client, article):
    simplified = parse_html(client.get(article.get_absolute_url()))
    traditional = parse_html(client.get(f"/zh-hant{article.get_absolute_url()}"))

    assert meta(simplified, "og:locale") == ["zh_CN"]
    assert meta(traditional, "og:locale") == ["zh_TW"]
    for key in ("og:title", "twitter:title"):
        assert meta(traditional, key) == ["江西省“精準服務臺企月”活動卓有成效"], key
    assert meta(traditional, "twitter:description") == ["兩岸臺企交流。"]
    assert meta(traditional, "article:section") == ["各地涉臺活動"]
    assert meta(traditional, "article:tag") == ["臺企"]


def test_json_ld_conversion_leaves_urls_and_foreign_or_broken_scripts_alone():
    converter = Converter.build()
    ours = '<script type="application/ld+json">{"name": "台企", "url": "/tags/台企/", "keywords": ["两岸", 3]}</script>'
    assert convert_markup(ours, converter) == (
        '<script type="application/ld+json">{"name": "臺企", "url": "/tags/台企/", "keywords": ["兩岸", 3]}</script>'
    )
    for untouched in ('<script type="application/ld+json">{"name": "台企",</script>', '<script>var name = "台企";</script>'):
        assert convert_markup(untouched, converter) == untouched


def test_traditional_feeds_have_traditional_channel_text_and_links_into_the_edition(client, article):
    for url in ("/zh-hant/feed/", "/zh-hant/feed/atom/"):
        feed = feedparser.parse(client.get(url).content)
        assert not feed.bozo, url
        assert feed.feed.title == "江西臺辦新聞", url
        assert feed.feed.subtitle == "江西對臺交流與兩岸新聞", url
        assert feed.feed.link == "http://testserver/zh-hant/", url
        entry = feed.entries[0]
        assert entry.title == "江西省“精準服務臺企月”活動卓有成效", url
        assert entry.summary == "兩岸臺企交流。", url
        assert entry.link == f"http://testserver/zh-hant{article.get_absolute_url()}", url
        assert {tag.term for tag in entry.tags} == {"各地涉臺活動", "臺企"}, url
        assert entry.author == "陳思遠", url
