from datetime import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, BylineFactory, EditorFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sample(settings):
    section = SectionFactory(name="各地涉台活动", slug="gedi")
    return ArticleFactory(
        title="江西省“精准服务台企月”活动卓有成效",
        summary="江西省致力于为台企提供订制服务。",
        body="<p>中国台湾网12月18日讯 自11月6日开展“精准服务台企月”活动以来……</p><p>第二段。</p>",
        source_name="中国台湾网",
        editor=EditorFactory(name="马一娜"),
        section=section,
        published_at=timezone.make_aware(datetime(2015, 12, 18, 9, 10)),
        tags=["台企", "江西"],
    )


def test_article_page_shows_title_meta_line_body_and_editor_like_the_sample(client, sample):
    response = client.get(sample.get_absolute_url())

    assert response.status_code == 200
    page = parse_html(response)
    assert texts(page, "h1") == ["江西省“精准服务台企月”活动卓有成效"]
    assert texts(page, ".article-meta") == ["时间:2015-12-18 09:10 来源:中国台湾网"]
    assert texts(page, ".article-body p") == ["中国台湾网12月18日讯 自11月6日开展“精准服务台企月”活动以来……", "第二段。"]
    assert texts(page, ".article-editor") == ["编辑:马一娜"]
    assert page.get("lang") == "zh-Hans"


def test_article_page_has_canonical_link_title_and_description(client, sample):
    page = parse_html(client.get(sample.get_absolute_url()))

    assert page.cssselect('link[rel="canonical"]')[0].get("href") == f"http://testserver/articles/{sample.pk}/"
    assert page.findtext(".//title").startswith("江西省“精准服务台企月”活动卓有成效")
    assert page.cssselect('meta[name="description"]')[0].get("content") == "江西省致力于为台企提供订制服务。"


def test_article_url_does_not_change_when_the_title_is_edited(client, sample):
    url = sample.get_absolute_url()
    sample.title = "新标题"
    sample.save()

    assert sample.get_absolute_url() == url
    assert texts(parse_html(client.get(url)), "h1") == ["新标题"]


def test_related_news_lists_manual_entries_first_then_tag_matches_then_section(client, sample, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"RELATED_COUNT": 5}
    other_section = SectionFactory()
    manual_internal = ArticleFactory(title="手选本站稿件", section=other_section)
    RelatedLinkFactory(article=sample, target=manual_internal, position=0)
    RelatedLinkFactory(article=sample, target=None, url="https://www.gwytb.gov.cn/x", title="手选外部链接", position=1)
    ArticleFactory(title="同标签稿件", section=other_section, tags=["台企"])
    ArticleFactory(title="同栏目稿件", section=sample.section)
    ArticleFactory(title="同标签草稿", section=sample.section, tags=["台企"], draft=True)
    ArticleFactory(title="无关稿件", section=other_section)

    page = parse_html(client.get(sample.get_absolute_url()))

    assert texts(page, ".related-news li a") == ["手选本站稿件", "手选外部链接", "同标签稿件", "同栏目稿件"]
    external = page.cssselect(".related-news li a")[1]
    assert external.get("href") == "https://www.gwytb.gov.cn/x"


def test_related_link_to_an_unpublished_article_is_not_shown(client, sample):
    RelatedLinkFactory(article=sample, target=ArticleFactory(title="还没发布的稿件", draft=True))

    assert "还没发布的稿件" not in texts(parse_html(client.get(sample.get_absolute_url())), ".related-news li")


def test_related_news_stops_at_the_configured_count(client, sample, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"RELATED_COUNT": 3}
    ArticleFactory.create_batch(6, section=sample.section)

    assert len(texts(parse_html(client.get(sample.get_absolute_url())), ".related-news li")) == 3


def test_reporters_are_credited_in_order(client, sample):
    BylineFactory(article=sample, editor=EditorFactory(name="陈思远"), position=1)
    BylineFactory(article=sample, editor=EditorFactory(name="林晓雯"), position=0)

    assert "记者:林晓雯 陈思远" in texts(parse_html(client.get(sample.get_absolute_url())), ".article-meta")[0]


@pytest.mark.parametrize("trait", ["draft", "scheduled", "withdrawn"])
def test_unpublished_article_is_a_404(client, trait):
    article = ArticleFactory(**{trait: True})

    response = client.get(article.get_absolute_url())

    assert response.status_code == 404
    assert article.title not in response.content.decode()


def test_unknown_article_is_a_friendly_chinese_404(client):
    response = client.get("/articles/987654/")

    assert response.status_code == 404
    assert "页面不存在" in texts(parse_html(response), "h1")


def test_malformed_urls_are_404_not_500(client):
    for url in ["/articles/abc/", "/articles/99999999999999999999999/", "/sections/%00/", "/tags/不存在/", "/editors/0/"]:
        assert client.get(url).status_code == 404, url


def test_headline_markup_is_escaped(client):
    article = ArticleFactory(title='<script>alert("标题")</script>')

    body = client.get(article.get_absolute_url()).content.decode()

    assert '<script>alert("标题")</script>' not in body
    assert "&lt;script&gt;alert(&quot;标题&quot;)&lt;/script&gt;" in body


def test_staff_preview_shows_a_draft_marked_private_and_noindex(admin_client):
    article = ArticleFactory(title="未发布的稿件", draft=True)

    response = admin_client.get(reverse("articles:preview", kwargs={"pk": article.pk}))

    assert response.status_code == 200
    page = parse_html(response)
    assert texts(page, "h1") == ["未发布的稿件"]
    assert "尚未发布" in texts(page, ".preview-banner")[0]
    assert page.cssselect('meta[name="robots"]')[0].get("content") == "noindex, nofollow"
    assert "private" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_preview_is_refused_to_anonymous_readers(client):
    article = ArticleFactory(draft=True)

    response = client.get(reverse("articles:preview", kwargs={"pk": article.pk}))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


@pytest.mark.parametrize("url", ["/tags/%00/", "/tags/%00/feed/", "/tags/a%00b/feed/atom/", "/zh-hant/tags/%00/"])
def test_nul_bytes_in_a_tag_url_are_404_not_500(client, url):
    client.raise_request_exception = False
    assert client.get(url).status_code == 404
