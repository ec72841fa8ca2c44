"""Pictures an editor takes from the library into an article body, as readers, feed readers and editors see them."""

import logging

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article
from articles.sanitize import sanitize_body
from images.models import Image
from tests.articles.test_admin import form_fields
from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, DeskEditorUserFactory, SectionFactory

from . import pictures
from .test_pages import assert_responsive_picture

pytestmark = pytest.mark.django_db


def library_photo(**fields):
    """A real JPEG uploaded to the library, distinct per call so the library keeps one entry each."""
    library_photo.count = getattr(library_photo, "count", 0) + 1
    color = (library_photo.count * 37 % 256, 90, 160)
    upload = SimpleUploadedFile("photo.jpg", pictures.photo(size=(1200, 800), color=color))
    return Image.objects.create(file=upload, **({"alt_text": "赣江边的龙舟赛"} | fields))


def figure(image, caption="", alt="编辑器里的替代文字"):
    """What the 插入图库图片 button puts in the body."""
    figcaption = f"<figcaption>{caption}</figcaption>" if caption else ""
    return f'<figure><img src="/media/old.jpg" alt="{alt}" data-file="{image.pk}">{figcaption}</figure>'


def body_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return parse_html(response)


def test_library_picture_in_the_body_is_a_responsive_picture_with_library_alt_and_credit(client):
    image = library_photo(alt_text="龙舟冲过终点", caption="端午龙舟赛", credit="陈思远")
    article = ArticleFactory(body=f"<p>第一段。</p>{figure(image)}<p>第二段。</p>")

    page = body_page(client, article)

    pictures_in_body = page.cssselect(".article-body figure picture")
    assert len(pictures_in_body) == 1
    img = assert_responsive_picture(pictures_in_body[0])
    assert img.get("alt") == "龙舟冲过终点" and img.get("loading") == "lazy"
    assert "/renditions/" in img.get("src")
    assert texts(page, ".article-body figcaption") == ["端午龙舟赛 (陈思远)"]
    # The text around the picture is kept, in order.
    assert texts(page, ".article-body > p") == ["第一段。", "第二段。"]


def test_caption_written_in_the_body_is_shown_instead_of_the_library_caption(client):
    image = library_photo(caption="图片库里的说明", credit="新华社")
    article = ArticleFactory(body=figure(image, caption="本文的<strong>说明</strong>"))

    page = body_page(client, article)

    assert texts(page, ".article-body figcaption") == ["本文的说明 (新华社)"]
    assert page.cssselect(".article-body figcaption strong")


def test_markup_in_library_fields_is_escaped_in_the_body_picture(client):
    image = library_photo(alt_text='"><script>alert(1)</script>', caption="<script>alert(2)</script>", credit="<b>x</b>")
    article = ArticleFactory(body=figure(image))

    response = client.get(article.get_absolute_url())

    assert b"<script>alert" not in response.content and b"<b>x</b>" not in response.content
    assert texts(parse_html(response), ".article-body figcaption") == ["<script>alert(2)</script> (<b>x</b>)"]


def test_body_with_ten_library_pictures_costs_the_same_queries_as_one(client):
    one = ArticleFactory(body=figure(library_photo()))
    ten = ArticleFactory(body="".join(figure(library_photo()) for _ in range(10)))
    for article in (one, ten):
        client.get(article.get_absolute_url())  # renditions are made on first view, once

    counts = []
    for article in (one, ten):
        with CaptureQueriesContext(connection) as queries:
            page = body_page(client, article)
        counts.append(len(queries))
    assert len(page.cssselect(".article-body picture")) == 10
    assert counts[0] == counts[1], counts


def test_a_body_picture_no_longer_in_the_library_drops_out_without_breaking_the_page(client):
    # The library refuses to delete a picture a body uses (test_deleting.py), but a body can still name one that
    # is gone: a body imported or restored from a revision written before the picture was deleted.
    kept, deleted = library_photo(credit="留下的"), library_photo(credit="删掉的")
    body = f"<p>开头。</p>{figure(deleted, caption='已删')}{figure(kept)}<p>结尾。</p>"
    deleted.delete()
    article = ArticleFactory(body=body)

    page = body_page(client, article)

    assert len(page.cssselect(".article-body figure")) == 1
    assert "留下的" in page.text_content() and "已删" not in page.text_content()
    assert texts(page, ".article-body > p") == ["开头。", "结尾。"]


def test_a_missing_original_leaves_its_pictures_out_and_logs_a_warning(client, caplog):
    image = library_photo(credit="原图丢失")
    article = ArticleFactory(picture=True, cover=image, body=f"<p>正文仍在。</p>{figure(image)}")
    image.file.storage.delete(image.file.name)

    with caplog.at_level(logging.WARNING, logger="images.renditions"):
        page = body_page(client, article)
        feed = client.get(reverse("articles:feed"))

    assert not page.cssselect(".article-body figure") and not page.cssselect(".article-cover picture")
    assert texts(page, ".article-body > p") == ["正文仍在。"]
    assert feed.status_code == 200 and "正文仍在" in feedparser.parse(feed.content).entries[0].content[0].value
    assert any(str(image.pk) in record.getMessage() and record.levelname == "WARNING" for record in caplog.records)


def test_feed_carries_body_pictures_as_absolute_jpeg_images_with_credit(client):
    image = library_photo(alt_text="赣江夜景", credit="林晓雯")
    ArticleFactory(body=f"<p>正文。</p>{figure(image)}")

    entry = feedparser.parse(client.get(reverse("articles:feed")).content).entries[0]
    content = parse_html_fragment(entry.content[0].value)

    img = content.cssselect("figure img")[0]
    assert img.get("src").startswith("http://testserver/media/renditions/") and img.get("src").endswith(".jpg")
    assert img.get("alt") == "赣江夜景" and int(img.get("width")) == 800
    assert "林晓雯" in content.cssselect("figure figcaption")[0].text_content()


def parse_html_fragment(html):
    import lxml.html

    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_sanitizer_keeps_only_a_numeric_library_reference():
    cleaned = sanitize_body(
        '<figure><img src="/a.jpg" data-file="12" data-x="1"></figure>'
        '<figure><img src="/b.jpg" data-file="12 onerror=alert(1)"></figure>'
        '<img src="/c.jpg" data-file="-3">'
    )

    assert cleaned.count("data-file") == 1 and 'data-file="12"' in cleaned
    assert "data-x" not in cleaned and "onerror" not in cleaned


@pytest.fixture
def desk_editor(client, settings):
    settings.NEWSDESK = settings.NEWSDESK | {"REVIEW_STAGES": 1}
    user = DeskEditorUserFactory(username="mayina")
    client.force_login(user)
    return user


def test_article_form_offers_the_library_under_the_body(client, desk_editor):
    page = parse_html(client.get(reverse("admin:articles_article_add")))

    button = page.cssselect(".field-body a.related-lookup.body-library-button")[0]
    assert button.text_content() == "插入图库图片"
    assert button.get("href").startswith(reverse("admin:images_image_changelist")) and "_to_field=id" in button.get("href")
    assert page.cssselect(".field-body input[type=hidden].body-library-choice")


def test_chosen_picture_is_handed_to_the_editor_with_its_article_rendition(client, desk_editor):
    image = library_photo(alt_text="庐山云海", caption="云海翻腾", credit="左妍冰")
    url = reverse("admin:images_image_body_figure")

    data = client.get(url, {"id": str(image.pk)}).json()

    assert data["id"] == image.pk and data["alt"] == "庐山云海" and data["caption"] == "云海翻腾"
    assert "/renditions/" in data["src"] and data["width"] == 800
    assert client.get(url, {"id": "abc"}).status_code == 404
    assert client.get(url, {"id": "999999"}).status_code == 404


def test_picture_handed_to_the_editor_needs_a_staff_login(client):
    image = library_photo()

    response = client.get(reverse("admin:images_image_body_figure"), {"id": str(image.pk)})

    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_publishing_is_refused_while_a_body_picture_has_no_alt_text(client, desk_editor):
    undescribed = library_photo(title="正文里的图", alt_text="")
    article = ArticleFactory(draft=True, section=SectionFactory())
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_fields(client.get(url)) | {"_publish": "1", "body": f"<p>正文。</p>{figure(undescribed)}"}

    response = client.post(url, data)

    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    assert any("替代文字" in m and "正文里的图" in m for m in texts(parse_html(response), ".errorlist"))

    undescribed.alt_text = "赣江上的龙舟"
    undescribed.save()
    response = client.post(url, form_fields(client.get(url)) | {"_publish": "1", "body": data["body"]})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED, texts(parse_html(response), ".errorlist")
    assert f'data-file="{undescribed.pk}"' in article.body
    assert body_page(client, article).cssselect(".article-body figure picture img[alt='赣江上的龙舟']")
