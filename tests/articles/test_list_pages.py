from datetime import timedelta

import pytest
from django.utils import timezone

from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, BylineFactory, EditorFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_tag_page_lists_published_articles_with_that_tag(client):
    ArticleFactory(title="台企新闻", tags=["台企"])
    ArticleFactory(title="其他新闻", tags=["文化"])
    ArticleFactory(title="台企草稿", tags=["台企"], draft=True)

    response = client.get("/tags/台企/")

    assert response.status_code == 200
    page = parse_html(response)
    assert texts(page, "h1") == ["标签:台企"]
    assert texts(page, ".card-title") == ["台企新闻"]


def test_editor_page_lists_articles_they_edited_or_reported(client):
    person = EditorFactory(name="陈思远", bio="驻南昌记者。")
    ArticleFactory(title="他编辑的", editor=person)
    BylineFactory(editor=person, article=ArticleFactory(title="他采写的"))
    BylineFactory(editor=person, article=ArticleFactory(title="他采写的草稿", draft=True))
    ArticleFactory(title="别人的")

    page = parse_html(client.get(person.get_absolute_url()))

    assert texts(page, "h1") == ["陈思远"]
    assert sorted(texts(page, ".card-title")) == sorted(["他编辑的", "他采写的"])


def test_home_page_shows_headline_section_blocks_and_picture_block(client):
    yaowen = SectionFactory(name="要闻", slug="yaowen", position=1)
    hidden = SectionFactory(name="内部", slug="internal", in_navigation=False)
    newest = ArticleFactory(section=yaowen, title="最新要闻", published_at=timezone.now() - timedelta(minutes=1))
    ArticleFactory(section=yaowen, title="要闻一")
    ArticleFactory(section=hidden, title="内部稿件")
    picture = ArticleFactory(section=yaowen, title="图集稿件", picture=True)
    ArticleFactory(section=yaowen, title="图集草稿", picture=True, draft=True)
    ArticleFactory(section=yaowen, title="要闻草稿", draft=True)

    page = parse_html(client.get("/"))

    assert texts(page, ".headline-title") == [newest.title]
    assert texts(page, ".section-nav a") == ["要闻"]
    assert texts(page, ".block-title") == ["要闻", "图片"]
    assert texts(page, ".title-list a") == ["最新要闻", "要闻一", "图集稿件"]
    assert texts(page, ".picture-block li") == ["图集稿件"]
    assert page.cssselect(".picture-block img")[0].get("src") == picture.cover.rendition_url("thumb")
    assert "内部稿件" not in page.text_content()


def test_home_page_shows_at_most_the_configured_number_per_section(client, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"HOME_SECTION_COUNT": 3}
    for slug in ["a", "b"]:
        ArticleFactory.create_batch(5, section=SectionFactory(slug=slug))

    page = parse_html(client.get("/"))

    assert [len(block.cssselect(".title-list li")) for block in page.cssselect(".section-blocks .block")] == [3, 3]
