import pytest
from django.core.management import call_command

from articles.models import Article, RelatedLink
from images.models import Image
from sections.models import Section
from tests.conftest import parse_html, texts

pytestmark = pytest.mark.django_db


def test_demo_content_builds_a_living_site_and_can_be_loaded_twice(client):
    call_command("load_demo", verbosity=0)
    counts = (Article.objects.count(), Section.objects.count(), Image.objects.count(), RelatedLink.objects.count())
    call_command("load_demo", verbosity=0)

    assert (Article.objects.count(), Section.objects.count(), Image.objects.count(), RelatedLink.objects.count()) == counts
    assert [s.name for s in Section.objects.navigation()] == ["要闻", "两岸情", "各地涉台活动", "文化交流与合作", "图片"]
    assert Article.objects.published().count() >= 20
    assert Article.objects.exclude(pk__in=Article.objects.published()).count() == 2

    home = parse_html(client.get("/"))
    assert len(texts(home, ".picture-block li")) == 4
    assert len(home.cssselect(".picture-block picture source")) >= 4


def test_demo_picture_stories_have_galleries_with_captions(client):
    from images.models import GalleryItem

    call_command("load_demo", verbosity=0)
    stories = Article.objects.published().filter(kind=Article.Kind.PICTURE)

    assert stories.count() == 5
    for story in stories:
        items = list(GalleryItem.objects.filter(article=story))
        assert len(items) == 3 and story.cover_id == items[0].image_id
        assert all(item.caption and item.image.alt_text for item in items)
    page = parse_html(client.get(stories.first().get_absolute_url()))
    assert len(page.cssselect(".gallery picture")) == 3


def test_demo_includes_the_sample_article_in_simplified_chinese_without_pinyin(client):
    call_command("load_demo", verbosity=0)
    sample = Article.objects.get(title="江西省“精准服务台企月”活动卓有成效")

    page = parse_html(client.get(sample.get_absolute_url()))

    assert texts(page, ".article-meta") == ["时间:2015-12-18 09:10 来源:中国台湾网"]
    assert texts(page, ".article-editor") == ["编辑:马一娜"]
    body = texts(page, ".article-body p")
    assert len(body) == 6
    assert body[0].startswith("中国台湾网12月18日讯 自11月6日开展“精准服务台企月”活动以来,我省致力于为台企提供订制服务")
    assert body[-1].endswith("(中国台湾网、江西省台办联合报道)")
    full = "".join(body)
    assert "(tái)" not in full and "臺" not in full and "(" not in full.replace("(开一场", "").replace("(中国台湾网", "")
    assert texts(page, ".related-news li a")[:2] == ["江西出台新一轮惠台措施", "国务院台办:持续为台胞台企办实事"]
