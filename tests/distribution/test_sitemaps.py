"""Sitemaps: index, monthly article sitemaps with images, sections, Google News; robots.txt points to them.

Validated with lxml against the sitemap, sitemap index, image and Google News schemas kept in
tests/fixtures/xsd/ (written out from the published schemas, since tests run offline).
"""

from datetime import timedelta
from pathlib import Path

import lxml.etree
import pytest
from django.conf import settings
from django.utils import timezone, translation

from articles.models import Article
from tests.factories import ArticleFactory, ImageFactory

from .conftest import HOSTILE_TITLE, UNPUBLISHED

pytestmark = pytest.mark.django_db

XSD = Path(__file__).resolve().parent.parent / "fixtures" / "xsd"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "image": "http://www.google.com/schemas/sitemap-image/1.1",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


@pytest.fixture(scope="module")
def schemas():
    return {
        "index": lxml.etree.XMLSchema(lxml.etree.parse(str(XSD / "siteindex.xsd"))),
        "urlset": lxml.etree.XMLSchema(lxml.etree.parse(str(XSD / "urlset-with-extensions.xsd"))),
    }


def fetch_valid(client, url, schema):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/xml"), url
    root = lxml.etree.fromstring(response.content)
    assert schema.validate(root), (url, schema.error_log)
    return root


def locations(root):
    return [loc.text.removeprefix("http://testserver") for loc in root.iterfind(".//sm:loc", NS)]


def month_of(article):
    local = timezone.localtime(article.published_at)
    return f"/sitemaps/articles-{local.year}-{local.month}.xml"


@pytest.fixture
def archive(desk):
    """The desk plus an article from an older month, one from last week, and a hostile title today."""
    return desk | {
        "last_year": ArticleFactory(title="去年", section=desk["section"], published_at=timezone.now() - timedelta(days=400),
                                    cover=ImageFactory()),
        "last_week": ArticleFactory(title="上周", section=desk["section"], published_at=timezone.now() - timedelta(days=7)),
        "hostile": ArticleFactory(title=HOSTILE_TITLE, section=desk["section"], published_at=timezone.now() - timedelta(minutes=5)),
    }


def test_index_lists_sections_news_and_one_sitemap_per_month_with_lastmod(client, archive, schemas):
    root = fetch_valid(client, "/sitemap.xml", schemas["index"])
    listed = locations(root)

    months = {month_of(archive[name]) for name in ("new", "last_year", "last_week")}
    assert set(listed) == {"/sitemaps/sections.xml", "/sitemaps/news.xml"} | months
    lastmods = {loc.text.removeprefix("http://testserver"): loc.getparent().findtext("sm:lastmod", namespaces=NS)
                for loc in root.iterfind(".//sm:loc", NS)}
    assert lastmods[month_of(archive["last_year"])].startswith(str(timezone.localtime(archive["last_year"].modified_at).date()))


def in_every_edition(urls):
    """The paths `urls()` gives, reversed once in each edition of settings.LANGUAGES."""
    from django.urls import translate_url

    paths = []
    for language, _ in settings.LANGUAGES:
        paths += [translate_url(url, language) for url in urls()]
    return paths


def test_month_sitemaps_list_every_published_article_once_with_lastmod_and_cover_image(client, archive, schemas):
    seen = []
    index = fetch_valid(client, "/sitemap.xml", schemas["index"])
    for url in locations(index):
        if "/articles-" not in url:
            continue
        root = fetch_valid(client, url, schemas["urlset"])
        for entry in root.iterfind("sm:url", NS):
            seen.append(entry.findtext("sm:loc", namespaces=NS).removeprefix("http://testserver"))
            assert entry.findtext("sm:lastmod", namespaces=NS)
    published = [archive[name] for name in ("new", "old", "elsewhere", "last_year", "last_week", "hostile")]
    assert sorted(seen) == sorted(in_every_edition(lambda: [a.get_absolute_url() for a in published]))

    old_month = fetch_valid(client, month_of(archive["last_year"]), schemas["urlset"])
    assert old_month.findtext(".//image:image/image:loc", namespaces=NS) == f"http://testserver{archive['last_year'].cover.rendition('share').file.url}"


def test_nothing_unpublished_is_in_any_sitemap(client, archive, schemas):
    hidden = {archive[name].get_absolute_url() for name in ("draft", "scheduled", "withdrawn")}
    index = fetch_valid(client, "/sitemap.xml", schemas["index"])
    for url in locations(index):
        schema = schemas["index"] if url.endswith("sitemap.xml") else schemas["urlset"]
        response = client.get(url)
        assert not hidden & set(locations(lxml.etree.fromstring(response.content))), url
        assert not any(title.encode() in response.content for title in UNPUBLISHED), url
        assert schema.validate(lxml.etree.fromstring(response.content)), url
    # A month holding only a scheduled article has no sitemap yet.
    ArticleFactory(title="远期预约", published_at=timezone.now() + timedelta(days=800))
    future = month_of(Article.objects.get(title="远期预约"))
    assert client.get(future).status_code == 404


def test_google_news_sitemap_has_the_last_48_hours_with_publication_date_and_title(client, archive, schemas):
    root = fetch_valid(client, "/sitemaps/news.xml", schemas["urlset"])
    entries = root.findall("sm:url", NS)

    titles = [e.findtext("news:news/news:title", namespaces=NS) for e in entries if "/zh-hant/" not in locations(e)[0]]
    assert titles == [HOSTILE_TITLE, "最新", "别的栏目", "较早"]
    traditional = [e.findtext("news:news/news:title", namespaces=NS) for e in entries if "/zh-hant/" in locations(e)[0]]
    assert traditional[1:] == ["最新", "別的欄目", "較早"]
    first = entries[0].find("news:news", NS)
    assert first.findtext("news:publication/news:name", namespaces=NS) == "江西台办新闻"
    assert first.findtext("news:publication/news:language", namespaces=NS) == "zh-cn"
    assert first.findtext("news:publication_date", namespaces=NS).startswith(
        timezone.localtime(archive["hostile"].published_at).strftime("%Y-%m-%dT%H:%M")
    )


def test_sitemaps_list_every_edition(client, archive, schemas, settings):
    # What issue 4's traditional edition will look like: URLs under /zh-hant/, news language zh-tw.
    settings.LANGUAGES = [("zh-hans", "简体中文"), ("zh-hant", "繁體中文")]
    news = fetch_valid(client, "/sitemaps/news.xml", schemas["urlset"])
    languages = {e.findtext("news:news/news:publication/news:language", namespaces=NS): locations(e)[0]
                 for e in news.findall("sm:url", NS)}
    assert set(languages) == {"zh-cn", "zh-tw"}
    assert languages["zh-tw"].startswith("/zh-hant/articles/")

    month = locations(fetch_valid(client, month_of(archive["new"]), schemas["urlset"]))
    with translation.override("zh-hant"):
        assert archive["new"].get_absolute_url() in month
    assert archive["new"].get_absolute_url() in month


def test_sections_sitemap_lists_every_section(client, archive, schemas):
    root = fetch_valid(client, "/sitemaps/sections.xml", schemas["urlset"])

    assert set(locations(root)) == set(in_every_edition(lambda: ["/sections/yaowen/", "/sections/liangan/"]))


def test_bad_month_is_404(client):
    assert client.get("/sitemaps/articles-2024-13.xml").status_code == 404
    assert client.get("/sitemaps/articles-2024-0.xml").status_code == 404


def test_robots_txt_points_to_the_sitemaps_and_keeps_crawlers_out_of_admin_and_previews(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemaps/news.xml" in lines
    assert {"Disallow: /admin/", "Disallow: /preview/articles/"} <= set(lines)


def test_the_schemas_reject_a_news_entry_without_a_title_or_date(client, archive, schemas):
    # The validity tests above can fail: the same document, broken as a careless template would break it.
    for missing in ("news:title", "news:publication_date"):
        root = lxml.etree.fromstring(client.get("/sitemaps/news.xml").content)
        element = root.find(f".//news:news/{missing}", NS)
        element.getparent().remove(element)
        assert not schemas["urlset"].validate(root), missing
