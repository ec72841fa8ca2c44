"""Editors pick pictures from the library in the admin, set focal points, build picture stories and the watermark."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from articles.models import Article
from images.models import GalleryItem, Image, Watermark
from tests.articles.test_admin import form_fields
from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, DeskEditorUserFactory, ImageFactory, SectionFactory

from . import pictures

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_editor(client, settings):
    # A one-stage desk, where the 编辑 may publish (README, 审稿流程): these tests are about pictures, not review.
    settings.NEWSDESK = settings.NEWSDESK | {"REVIEW_STAGES": 1}
    user = DeskEditorUserFactory(username="mayina")
    client.force_login(user)
    return user


def test_library_is_searchable_with_thumbnails_in_the_picker_popup(client, desk_editor):
    ImageFactory(title="庐山云海", alt_text="云海")
    ImageFactory(title="赣南脐橙", alt_text="脐橙")

    response = client.get(reverse("admin:images_image_changelist"), {"q": "云海", "_popup": "1", "_to_field": "id"})

    page = parse_html(response)
    assert len(page.cssselect("#result_list tbody tr")) == 1 and "庐山云海" in page.text_content()
    assert "赣南脐橙" not in page.text_content()
    thumb = page.cssselect("#result_list img.library-thumb")[0]
    assert "/renditions/" in thumb.get("src")
    # Uploading from the same place: the popup's add button keeps the popup, so the upload is chosen at once.
    add = page.cssselect(".object-tools a.addlink")[0].get("href")
    assert "_popup=1" in add


def test_upload_from_the_picker_popup_selects_the_new_image(client, desk_editor):
    response = client.post(
        reverse("admin:images_image_add") + "?_popup=1&_to_field=id",
        {"_popup": "1", "_to_field": "id", "file": SimpleUploadedFile("p.jpg", pictures.photo()), "alt_text": "新图",
         "focal_x": "0.5", "focal_y": "0.5", "watermark": "default"},
    )

    image = Image.objects.get()
    assert response.status_code == 200
    # The popup hands the new image's id back to the article form that opened it.
    handed_back = json.loads(parse_html(response).cssselect("#django-admin-popup-response-constants")[0].get("data-popup-response"))
    assert handed_back["value"] == str(image.pk)


def test_article_form_shows_the_chosen_cover_as_a_thumbnail_and_saves_a_gallery(client, desk_editor):
    cover, second = ImageFactory(title="封面"), ImageFactory(title="第二张")
    article = ArticleFactory(picture=True, cover=cover, draft=True, section=SectionFactory())
    url = reverse("admin:articles_article_change", args=[article.pk])

    page = client.get(url)
    assert parse_html(page).cssselect(".field-cover .picker-thumbnail img")
    data = form_fields(page)
    data.update({
        "gallery_items-TOTAL_FORMS": "2",
        "gallery_items-0-position": "0", "gallery_items-0-image": str(cover.pk), "gallery_items-0-caption": "开幕式现场",
        "gallery_items-1-position": "1", "gallery_items-1-image": str(second.pk), "gallery_items-1-caption": "",
    })
    response = client.post(url, data)

    assert response.status_code == 302, parse_html(response).text_content()[:500]
    assert list(GalleryItem.objects.filter(article=article).values_list("image__title", "caption")) == [
        ("封面", "开幕式现场"), ("第二张", "")
    ]


def test_publishing_is_refused_until_every_picture_has_alt_text(client, desk_editor):
    undescribed = ImageFactory(title="无描述", alt_text="")
    article = ArticleFactory(picture=True, draft=True, section=SectionFactory())
    GalleryItem.objects.create(article=article, image=undescribed, position=0)
    url = reverse("admin:articles_article_change", args=[article.pk])
    data = form_fields(client.get(url)) | {"_publish": "1", "title": "改过的标题"}

    response = client.post(url, data)

    # Refused as a whole, like every workflow refusal: nothing saved, the editor's text kept in the form.
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT and article.title != "改过的标题"
    page = parse_html(response)
    assert any("替代文字" in m and "无描述" in m for m in texts(page, ".errorlist"))
    assert page.get_element_by_id("id_title").get("value") == "改过的标题"

    undescribed.alt_text = "两岸青年在赣江上划龙舟"
    undescribed.save()
    client.post(url, form_fields(client.get(url)) | {"_publish": "1"})
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED


def test_focal_point_set_in_the_admin_changes_the_crop(client, desk_editor):
    image = Image.objects.create(
        file=SimpleUploadedFile("m.png", pictures.marked_photo()), alt_text="标记", focal_x=0.1, focal_y=0.5
    )
    before = image.rendition_url("thumb")
    url = reverse("admin:images_image_change", args=[image.pk])
    page = client.get(url)
    assert parse_html(page).cssselect(".focal-picker img")

    response = client.post(url, form_fields(page, "image_form") | {"focal_x": "0.9", "focal_y": "0.2"})

    assert response.status_code == 302
    image = Image.objects.get(pk=image.pk)
    assert image.rendition_url("thumb") != before


def test_desk_sets_one_watermark_and_cannot_add_a_second(client, desk_editor, admin_client):
    response = admin_client.post(
        reverse("admin:images_watermark_add"),
        {"enabled_by_default": "on", "kind": "text", "text": "", "position": "center", "size": "20", "opacity": "50"},
    )
    assert "文字水印需要填写水印文字" in " ".join(texts(parse_html(response), ".errorlist"))

    admin_client.post(
        reverse("admin:images_watermark_add"),
        {"enabled_by_default": "on", "kind": "text", "text": "江西台办", "position": "center", "size": "20", "opacity": "50"},
    )
    assert Watermark.current().text == "江西台办" and Watermark.current().enabled_by_default
    assert admin_client.get(reverse("admin:images_watermark_add")).status_code == 403
