"""What readers get: <picture> with modern formats, reserved boxes, lazy loading, and picture stories."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from images.models import GalleryItem
from images.renditions import MODERN_FORMATS
from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, ImageFactory, SectionFactory

pytestmark = pytest.mark.django_db


def assert_responsive_picture(picture):
    """A <picture> whose <img> reserves its box (width/height) and offers every format with widths."""
    img = picture.cssselect("img")[0]
    assert int(img.get("width")) > 0 and int(img.get("height")) > 0
    assert img.get("src").endswith(".jpg") and " " in img.get("srcset") and img.get("srcset").endswith("w")
    types = [source.get("type") for source in picture.cssselect("source")]
    assert types == [f"image/{fmt}" for fmt in MODERN_FORMATS]
    for source in picture.cssselect("source"):
        assert source.get("srcset").endswith("w") and source.get("sizes")
    return img


def test_picture_article_page_shows_its_cover_as_a_responsive_picture_loaded_first(client):
    article = ArticleFactory(picture=True)

    page = parse_html(client.get(article.get_absolute_url()))

    img = assert_responsive_picture(page.cssselect(".article-cover picture")[0])
    assert img.get("loading") == "eager" and img.get("alt") == article.cover.alt_text


def test_home_and_section_pages_emit_pictures_with_sizes_and_lazy_loading_below_the_fold(client):
    section = SectionFactory(slug="tupian", name="图片")
    ArticleFactory(section=section, title="普通稿件")  # the headline, without a picture
    ArticleFactory.create_batch(3, section=section, picture=True)

    for url in ["/", section.get_absolute_url()]:
        page = parse_html(client.get(url))
        block = page.cssselect(".picture-block picture")
        assert len(block) == 3, url
        for picture in block:
            assert assert_responsive_picture(picture).get("loading") == "lazy"
    cards = parse_html(client.get(section.get_absolute_url())).cssselect(".card picture")
    assert len(cards) == 3
    assert all(assert_responsive_picture(p).get("loading") == "lazy" for p in cards)


def gallery_article(n):
    article = ArticleFactory(picture=True, title=f"{n} 张图的图集")
    for position in range(n):
        GalleryItem.objects.create(
            article=article, image=ImageFactory(credit="陈思远"), position=position, caption=f"第{position + 1}张的说明"
        )
    return article


def test_picture_story_shows_its_images_in_order_with_their_own_captions(client):
    article = gallery_article(3)
    GalleryItem.objects.filter(position=0).update(position=9)  # editors reorder: the first moves to the end

    page = parse_html(client.get(article.get_absolute_url()))

    assert texts(page, ".gallery figcaption") == ["第2张的说明 (陈思远)", "第3张的说明 (陈思远)", "第1张的说明 (陈思远)"]
    pictures = page.cssselect(".gallery picture")
    assert [assert_responsive_picture(p).get("loading") for p in pictures] == ["eager", "lazy", "lazy"]
    assert page.cssselect(".gallery-track")[0].get("tabindex") == "0"
    assert page.cssselect('script[src$="js/gallery.js"]')
    assert not page.cssselect(".article-cover")


def test_a_picture_story_of_twelve_costs_the_same_queries_as_one_of_one(client, django_assert_max_num_queries):
    small, large = gallery_article(1), gallery_article(12)
    for article in (small, large):
        client.get(article.get_absolute_url())  # first views make the renditions, once
    with CaptureQueriesContext(connection) as one:
        client.get(small.get_absolute_url())

    with django_assert_max_num_queries(len(one)):
        response = client.get(large.get_absolute_url())
    assert len(parse_html(response).cssselect(".gallery picture")) == 12


def test_gallery_captions_fall_back_to_the_library_caption(client):
    article = ArticleFactory(picture=True)
    GalleryItem.objects.create(article=article, image=ImageFactory(caption="图片库里的说明"), position=0)

    assert texts(parse_html(client.get(article.get_absolute_url())), ".gallery figcaption") == ["图片库里的说明"]


def test_unpublished_picture_stories_stay_out_of_the_picture_block(client):
    ArticleFactory(picture=True, title="已发布图集")
    ArticleFactory(picture=True, draft=True, title="草稿图集")
    ArticleFactory(picture=True, scheduled=True, title="预约图集")

    assert texts(parse_html(client.get("/")), ".picture-block li") == ["已发布图集"]
