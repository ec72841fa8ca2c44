from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def section():
    return SectionFactory(name="两岸情", slug="liangan", description="两岸同胞的故事。")


def test_section_page_lists_title_summary_and_time_newest_first(client, section):
    older = ArticleFactory(section=section, title="较早的稿件", summary="较早的导语")
    newer = ArticleFactory(section=section, title="较新的稿件", summary="较新的导语", published_at=older.published_at + timedelta(minutes=10))

    page = parse_html(client.get(section.get_absolute_url()))

    assert texts(page, "h1") == ["两岸情"]
    assert texts(page, ".card-title") == ["较新的稿件", "较早的稿件"]
    assert texts(page, ".card-summary") == ["较新的导语", "较早的导语"]
    assert page.cssselect(".card-meta time")[0].get("datetime") == timezone.localtime(newer.published_at).replace(microsecond=0).isoformat()


def test_section_page_is_paginated_with_twenty_per_page(client, section):
    ArticleFactory.create_batch(45, section=section)

    first = parse_html(client.get(section.get_absolute_url()))
    third = parse_html(client.get(section.get_absolute_url() + "?page=3"))

    assert len(first.cssselect(".card")) == 20
    assert len(third.cssselect(".card")) == 5
    assert texts(first, ".pagination .current") == ["第 1 页,共 3 页"]
    assert first.cssselect('.pagination a[rel="next"]')[0].get("href") == "?page=2"


@pytest.mark.parametrize("page", ["4", "0", "abc", "-1"])
def test_section_page_out_of_range_is_404(client, section, page):
    ArticleFactory.create_batch(3, section=section)

    assert client.get(section.get_absolute_url() + f"?page={page}").status_code == 404


def test_section_page_leaves_out_unpublished_and_links_subsections(client, section):
    child = SectionFactory(name="南昌", slug="nanchang", parent=section)
    ArticleFactory(section=section, title="公开稿件")
    ArticleFactory(section=child, title="子栏目稿件")
    ArticleFactory(section=section, title="草稿", draft=True)
    ArticleFactory(section=section, title="预约稿件", scheduled=True)
    ArticleFactory(section=section, title="撤下稿件", withdrawn=True)

    page = parse_html(client.get(section.get_absolute_url()))

    assert sorted(texts(page, ".card-title")) == sorted(["公开稿件", "子栏目稿件"])
    assert texts(page, ".subsections a") == ["南昌"]


def test_article_cross_posted_to_a_section_appears_there_once(client, section):
    article = ArticleFactory(title="跨栏目稿件")
    article.extra_sections.add(section, SectionFactory(parent=section))

    assert texts(parse_html(client.get(section.get_absolute_url())), ".card-title") == ["跨栏目稿件"]


def test_unknown_section_is_404(client):
    assert client.get("/sections/no-such-section/").status_code == 404
