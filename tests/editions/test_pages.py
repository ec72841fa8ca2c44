"""Every reader page and feed has a traditional edition at /zh-hant/…, linked both ways."""

import feedparser
import opencc
import pytest

from editions.models import EditionSettings, GlossaryTerm
from tests.conftest import parse_html, reader_paths, texts
from tests.factories import ArticleFactory, DeskEditorUserFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    section = SectionFactory(name="各地涉台活动", slug="gedi")
    return ArticleFactory(
        title="精准服务台企月活动卓有成效",
        summary="两岸台企交流。",
        body="<p>我省致力于为台企提供服务,并为台商排忧解难。</p>",
        section=section,
        tags=["台企"],
    )


def test_every_reader_page_has_a_traditional_edition_with_zh_hant_lang(client, article):
    for path in [p for p in reader_paths(article) if not p.endswith("/feed/")]:  # feeds: test_feeds_exist_in_both_editions
        response = client.get(f"/zh-hant{path}")
        assert response.status_code == 200, path
        tree = parse_html(response)
        assert tree.get("lang") == "zh-Hant", path
        assert response["Content-Language"] == "zh-Hant", path
        assert "精準服務臺企月活動卓有成效" in tree.text_content(), path


def test_simplified_edition_stays_simplified_with_zh_hans_lang(client, article):
    response = client.get(article.get_absolute_url())
    assert parse_html(response).get("lang") == "zh-Hans"
    assert texts(parse_html(response), "h1.article-title") == ["精准服务台企月活动卓有成效"]


def test_each_page_declares_both_editions_as_hreflang_alternates(client, article):
    url = article.get_absolute_url()
    for path in (url, f"/zh-hant{url}"):
        tree = parse_html(client.get(path))
        alternates = {link.get("hreflang"): link.get("href") for link in tree.cssselect('link[rel="alternate"][hreflang]')}
        assert alternates == {"zh-Hans": f"http://testserver{url}", "zh-Hant": f"http://testserver/zh-hant{url}"}


def test_edition_switch_links_the_same_page_in_the_other_edition_and_keeps_the_query(client, article):
    tree = parse_html(client.get("/zh-hant/search/?q=%E5%8F%B0%E4%BC%81"))
    links = {a.get("lang"): a for a in tree.cssselect(".edition-switch a")}
    assert links["zh-Hans"].get("href") == "/search/?q=%E5%8F%B0%E4%BC%81"
    assert links["zh-Hans"].text_content() == "简体"  # written in its own script, not converted
    assert links["zh-Hant"].get("aria-current") == "page"


def test_links_on_the_traditional_edition_stay_in_that_edition(client, article):
    tree = parse_html(client.get(f"/zh-hant{article.get_absolute_url()}"))
    internal = [a.get("href") for a in tree.cssselect("main a") if a.get("href", "").startswith("/")]
    assert internal and all(href.startswith("/zh-hant/") for href in internal)
    # The tag's URL keeps its real (simplified) slug, while its text is converted.
    assert "/zh-hant/tags/%E5%8F%B0%E4%BC%81/" in internal or "/zh-hant/tags/台企/" in internal
    assert texts(tree, ".article-tags a") == ["臺企"]


def test_edition_is_decided_by_url_alone_never_by_browser_language(client, article):
    response = client.get(article.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-TW,zh-Hant;q=0.9")
    assert response.status_code == 200
    assert parse_html(response).get("lang") == "zh-Hans"


def test_admin_stays_unprefixed_and_simplified(client):
    assert client.get("/zh-hant/admin/").status_code == 404
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_feeds_exist_in_both_editions_with_links_into_each_edition(client, article):
    simplified = feedparser.parse(client.get("/feed/").content)
    traditional = feedparser.parse(client.get("/zh-hant/feed/").content)

    assert simplified.feed.language == "zh-cn"
    assert traditional.feed.language == "zh-tw"
    assert simplified.entries[0].title == "精准服务台企月活动卓有成效"
    assert traditional.entries[0].title == "精準服務臺企月活動卓有成效"
    assert traditional.entries[0].link == f"http://testserver/zh-hant{article.get_absolute_url()}"
    assert "臺企" in [tag.term for tag in traditional.entries[0].tags]


def test_section_and_tag_feeds_have_traditional_editions(client, article):
    for url in ("/zh-hant/sections/gedi/feed/", "/zh-hant/tags/台企/feed/"):
        feed = feedparser.parse(client.get(url).content)
        assert feed.entries[0].title == "精準服務臺企月活動卓有成效", url


@pytest.fixture
def opencc_calls(monkeypatch):
    """Counts conversions by the OpenCC library (a spy: the real conversion still runs)."""
    calls = []
    original = opencc.OpenCC.convert

    def spy(self, text):
        calls.append(text)
        return original(self, text)

    monkeypatch.setattr(opencc.OpenCC, "convert", spy)
    return calls


def test_unchanged_article_is_converted_once_not_on_every_request(client, article, opencc_calls):
    url = f"/zh-hant{article.get_absolute_url()}"
    first = client.get(url).content
    converted = len(opencc_calls)
    assert converted > 0

    for _ in range(3):
        assert client.get(url).content == first
    assert len(opencc_calls) == converted

    article.title = "两岸青年交流"
    article.save()
    assert "兩岸青年交流" in client.get(url).content.decode()
    assert len(opencc_calls) > converted


def test_glossary_term_added_in_the_admin_changes_the_traditional_edition(client, article):
    url = f"/zh-hant{article.get_absolute_url()}"
    assert "致力於為臺企提供服務" in client.get(url).content.decode()  # warms the cache

    client.force_login(DeskEditorUserFactory())
    response = client.post(
        "/admin/editions/glossaryterm/add/", {"simplified": "台企", "traditional": "台企", "note": "测试"}
    )
    assert response.status_code == 302
    client.logout()

    assert "致力於為台企提供服務" in client.get(url).content.decode()


def test_deleting_glossary_terms_in_bulk_also_takes_effect(client, article):
    GlossaryTerm.objects.create(simplified="台企", traditional="台企")
    url = f"/zh-hant{article.get_absolute_url()}"
    assert "為台企提供" in client.get(url).content.decode()

    GlossaryTerm.objects.all().delete()
    assert "為臺企提供" in client.get(url).content.decode()


def test_regional_vocabulary_setting_is_off_by_default_and_can_be_turned_on_in_the_admin(client):
    ArticleFactory(title="软件园里的台企")
    assert EditionSettings.load().regional_vocabulary is False
    assert "軟件園" in client.get("/zh-hant/").content.decode()

    client.force_login(DeskEditorUserFactory())
    response = client.post("/admin/editions/editionsettings/1/change/", {"regional_vocabulary": "on"})
    assert response.status_code == 302
    client.logout()

    assert "軟體園" in client.get("/zh-hant/").content.decode()


def test_glossary_admin_refuses_an_empty_traditional_form_with_a_field_message(client):
    client.force_login(DeskEditorUserFactory())
    response = client.post("/admin/editions/glossaryterm/add/", {"simplified": "台企", "traditional": ""})
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["traditional"]
    assert not GlossaryTerm.objects.exists()


def test_traditional_page_costs_at_most_one_query_more_than_the_simplified_one(client, article, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as simplified:
        client.get(article.get_absolute_url())
    simplified_count = len(simplified)  # read now: the next request clears Django's query log
    client.get(f"/zh-hant{article.get_absolute_url()}")  # loads the glossary into the cache once
    # The one extra query reads the edition settings row (glossary version, vocabulary setting).
    with django_assert_max_num_queries(simplified_count + 1):
        client.get(f"/zh-hant{article.get_absolute_url()}")


def test_not_found_page_in_the_traditional_edition_is_a_404(client):
    assert client.get("/zh-hant/articles/424242/").status_code == 404
