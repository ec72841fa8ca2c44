"""Chinese full-text search over published articles: bigrams, simplified/traditional-insensitive."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.demo import content
from articles.models import Article
from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def result_titles(response):
    return texts(parse_html(response), ".search-result .card-title")


def search(client, q, **params):
    response = client.get("/search/", {"q": q, **params})
    assert response.status_code == 200
    return response


@pytest.fixture
def sample():
    return ArticleFactory(
        title=content.SAMPLE["title"],
        summary=content.SAMPLE["summary"],
        body="<p>推动了近3年“赣台会”签约的274个项目的落地。两岸同胞共同努力。</p>",
    )


@pytest.fixture
def unrelated():
    return ArticleFactory(title="庐山云海迎游客", summary="入冬以来,庐山频现云海景观。", body="<p>游客络绎不绝。</p>")


def test_two_character_word_finds_the_sample(client, sample, unrelated):
    assert result_titles(search(client, "台企")) == [sample.title]


def test_traditional_query_finds_simplified_text(client, sample, unrelated):
    assert result_titles(search(client, "臺企")) == [sample.title]
    assert result_titles(search(client, "兩岸")) == [sample.title]


def test_word_in_the_body_only_is_found(client, sample, unrelated):
    assert result_titles(search(client, "赣台会")) == [sample.title]


def test_characters_that_are_not_adjacent_do_not_match_a_word(client, sample):
    # 台 and 企 both occur, and so does 企 next to 业 elsewhere, but 台企 must be a real run.
    ArticleFactory(title="台湾企业家来访", summary="", body="<p>企业家代表团。</p>")
    assert result_titles(search(client, "台企")) == [sample.title]


def test_four_character_phrase_ranks_the_exact_match_first(client):
    older_exact = ArticleFactory(
        title="全省推进精准服务", summary="", body="<p>各地落实。</p>",
        published_at=timezone.now() - timedelta(days=400),
    )
    recent_scattered = ArticleFactory(
        title="服务企业要精准", summary="精准施策,服务到位。", body="<p>精准对接,贴心服务。</p>",
        published_at=timezone.now() - timedelta(hours=1),
    )
    titles = result_titles(search(client, "精准服务"))
    assert titles == [older_exact.title, recent_scattered.title]


def test_more_recent_article_ranks_first_among_equally_relevant_ones(client):
    old = ArticleFactory(title="两岸交流", summary="", body="", published_at=timezone.now() - timedelta(days=300))
    new = ArticleFactory(title="两岸交流", summary="", body="", published_at=timezone.now() - timedelta(days=1))
    assert [a.get("href") for a in parse_html(search(client, "两岸")).cssselect(".search-result .card-title a")] == [
        new.get_absolute_url(), old.get_absolute_url()
    ]


def test_title_match_outranks_a_body_match_of_the_same_age(client):
    day = timezone.now() - timedelta(days=2)
    in_body = ArticleFactory(title="会议召开", summary="", body="<p>与会的台企代表发言。</p>", published_at=day)
    in_title = ArticleFactory(title="台企代表座谈", summary="", body="<p>会议召开。</p>", published_at=day - timedelta(minutes=5))
    assert result_titles(search(client, "台企")) == [in_title.title, in_body.title]


def test_drafts_scheduled_and_withdrawn_articles_never_appear(client, sample):
    ArticleFactory(title="台企草稿", draft=True)
    ArticleFactory(title="台企预约稿", scheduled=True)
    ArticleFactory(title="台企撤稿", withdrawn=True)
    assert result_titles(search(client, "台企")) == [sample.title]


def test_matches_are_highlighted_in_title_and_snippet(client, sample):
    tree = parse_html(search(client, "臺企"))
    marks = [m.text_content() for m in tree.cssselect(".search-result mark")]
    assert marks and set(marks) == {"台企"}


def test_snippet_escapes_article_text(client):
    ArticleFactory(title="台企<script>alert(1)</script>", summary="台企 <b>x</b>", body="<p>台企</p>")
    body = search(client, "台企").content.decode()
    assert "<script>alert(1)</script>" not in body
    assert "&lt;script&gt;" in body


@pytest.mark.parametrize(
    "q, message",
    [
        ("台", "至少两个汉字"),
        ("，。！？……", "没有可以搜索的字词"),
        ("!!!", "没有可以搜索的字词"),
        ("", "请输入要搜索的词"),
    ],
)
def test_unsearchable_queries_get_a_clear_answer_not_an_error(client, sample, q, message):
    response = search(client, q)
    assert message in response.content.decode()
    assert result_titles(response) == []


def test_two_hundred_character_query_is_searched_as_a_phrase(client, sample):
    long_query = ("精准服务台企月" * 30)[:200]
    response = search(client, long_query)
    assert "没有找到" in response.content.decode()


def test_two_hundred_character_sentence_from_an_article_finds_it(client):
    sentence = "两岸同胞" * 50
    article = ArticleFactory(title="长句", summary="", body=f"<p>{sentence}</p>")
    assert result_titles(search(client, sentence)) == [article.title]


def test_query_longer_than_two_hundred_characters_is_refused_with_a_field_message(client, sample):
    response = search(client, "台" * 201)
    assert "最多 200 个字" in " ".join(texts(parse_html(response), ".field-error"))


def test_no_results_page_says_so_and_suggests_what_to_do(client, sample):
    response = search(client, "量子计算")
    tree = parse_html(response)
    assert texts(tree, ".search-empty h2") == ["没有找到与“量子计算”相关的稿件"]
    assert result_titles(response) == []


def test_filter_by_section_includes_subsections(client):
    parent = SectionFactory(slug="gedi")
    child = SectionFactory(slug="nanchang", parent=parent)
    in_child = ArticleFactory(title="南昌台企座谈", section=child)
    ArticleFactory(title="要闻台企", section=SectionFactory(slug="yaowen"))
    assert result_titles(search(client, "台企", section="gedi")) == [in_child.title]


def test_filter_by_date_range(client):
    ArticleFactory(title="台企旧闻", published_at=timezone.make_aware(timezone.datetime(2015, 12, 18, 9, 10)))
    ArticleFactory(title="台企新闻", published_at=timezone.make_aware(timezone.datetime(2023, 11, 28, 15, 36)))
    assert result_titles(search(client, "台企", start="2015-01-01", end="2015-12-31")) == ["台企旧闻"]
    assert result_titles(search(client, "台企", start="2020-01-01")) == ["台企新闻"]


def test_bad_filters_get_field_messages_not_errors(client, sample):
    response = search(client, "台企", start="2023-13-45", section="nope", end="2020-01-01")
    errors = " ".join(texts(parse_html(response), ".field-error"))
    assert "起始日期" in errors and "栏目" in errors
    response = search(client, "台企", start="2024-01-01", end="2023-01-01")
    assert "截止日期不能早于起始日期" in response.content.decode()


def test_results_are_paginated_and_pages_keep_the_query(client, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "SEARCH_PAGE_SIZE": 2}
    for i in range(5):
        ArticleFactory(title=f"两岸交流第{i}场")
    first = parse_html(search(client, "两岸"))
    assert len(first.cssselect(".search-result")) == 2
    next_href = first.cssselect('.pagination a[rel="next"]')[0].get("href")
    assert "q=%E4%B8%A4%E5%B2%B8" in next_href and "page=2" in next_href
    third = client.get("/search/" + next_href.replace("page=2", "page=3"))
    assert len(parse_html(third).cssselect(".search-result")) == 1
    assert client.get("/search/", {"q": "两岸", "page": 9}).status_code == 404


def test_results_page_costs_the_same_queries_for_one_result_or_twenty(client, django_assert_max_num_queries):
    ArticleFactory(title="两岸交流", tags=["台企"])
    with CaptureQueriesContext(connection) as one:
        search(client, "两岸")
    one_count = len(one)
    ArticleFactory.create_batch(19, title="两岸交流活动", tags=["台企", "两岸"])
    with django_assert_max_num_queries(one_count):
        response = search(client, "两岸")
    assert len(result_titles(response)) == 20


def test_search_is_served_from_the_traditional_edition_too(client, sample):
    response = client.get("/zh-hant/search/", {"q": "台企"})
    assert response.status_code == 200
    tree = parse_html(response)
    assert tree.get("lang") == "zh-Hant"
    assert [t.replace(" ", "") for t in result_titles(response)] == ["江西省“精準服務臺企月”活動卓有成效"]
    assert tree.cssselect(".search-result a")[0].get("href") == f"/zh-hant{sample.get_absolute_url()}"


def test_search_page_sets_no_cookie_and_is_publicly_cacheable(client, sample, settings):
    response = search(client, "台企")
    assert not response.cookies
    assert "csrfmiddlewaretoken" not in response.content.decode()
    assert response["Cache-Control"] == f"public, max-age={settings.PUBLIC_CACHE_SECONDS}"


def test_editing_an_article_updates_what_search_finds(client, unrelated):
    assert result_titles(search(client, "台企")) == []
    unrelated.body = "<p>台企代表参观庐山。</p>"
    unrelated.save()
    assert result_titles(search(client, "台企")) == [unrelated.title]


def test_publishing_makes_a_draft_findable_without_touching_its_text(client, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"REVIEW_STAGES": 1}  # publish straight from draft (README, 审稿流程)
    draft = ArticleFactory(title="台企座谈", draft=True)
    assert result_titles(search(client, "台企")) == []
    draft.publish(by=None)
    assert result_titles(search(client, "台企")) == ["台企座谈"]
    assert Article.objects.filter(search_vector__isnull=True).count() == 0
