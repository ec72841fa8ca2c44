"""A library picture that journalism uses cannot be deleted: the admin says which articles use it, and how."""

import pytest
from django.db.models import ProtectedError
from django.urls import reverse

from images.models import GalleryItem, Image
from tests.conftest import parse_html, texts
from tests.factories import ArticleFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk_client(admin_client):
    # No editorial role may delete library pictures (workflow 0002); whoever can, a superuser here, meets the rule.
    return admin_client


def body_with(*images):
    return "<p>开头。</p>" + "".join(
        f'<figure><img src="/media/x.jpg" alt="图" data-file="{image.pk}"><figcaption>说明</figcaption></figure>'
        for image in images
    )


def delete_url(image):
    return reverse("admin:images_image_delete", args=[image.pk])


def confirm_delete(client, image):
    """The POST that the confirmation page's 是的,我确定 button sends (or that anyone can craft)."""
    return client.post(delete_url(image), {"post": "yes"})


def delete_selected(client, *images):
    return client.post(
        reverse("admin:images_image_changelist"),
        {"action": "delete_selected", "_selected_action": [str(i.pk) for i in images], "post": "yes"},
    )


def article_links(response):
    page = parse_html(response)
    return {a.get("href"): a.text_content() for a in page.cssselect("#deleted-objects a")}


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


USES = {
    "cover": lambda image: ArticleFactory(cover=image, title="赣江龙舟赛开赛"),
    "gallery": lambda image: GalleryItem.objects.create(
        article=ArticleFactory(picture=True, title="赣江龙舟赛开赛"), image=image, position=0
    ).article,
    "body": lambda image: ArticleFactory(body=body_with(image), title="赣江龙舟赛开赛"),
}
WAY = {"cover": "封面", "gallery": "图集", "body": "正文"}


@pytest.mark.parametrize("use", USES, ids=USES.keys())
def test_picture_a_published_article_uses_cannot_be_deleted_from_its_change_page(desk_client, use):
    image = ImageFactory(title="龙舟")
    article = USES[use](image)
    assert article.is_published()

    page = desk_client.get(delete_url(image))
    response = confirm_delete(desk_client, image)

    for shown in (page, response):
        assert shown.status_code == 200
        assert "不能删除这张图片" in texts(parse_html(shown), "#image-in-use")[0]
        assert article_links(shown) == {change_url(article): "《赣江龙舟赛开赛》"}
        listed = texts(parse_html(shown), "#deleted-objects li")[0]
        assert "已发布" in listed and f"用作{WAY[use]}" in listed
        assert not parse_html(shown).cssselect("input[type=submit]")  # nothing to confirm
    assert Image.objects.filter(pk=image.pk).exists()
    article.refresh_from_db()
    assert article.cover_id == (image.pk if use == "cover" else article.cover_id)
    assert article.body == (body_with(image) if use == "body" else article.body)


@pytest.mark.parametrize("use", USES, ids=USES.keys())
def test_delete_selected_refuses_when_any_selected_picture_is_used(desk_client, use):
    used, unused = ImageFactory(title="龙舟"), ImageFactory(title="没用过的")
    article = USES[use](used)

    response = delete_selected(desk_client, unused, used)

    assert response.status_code == 200
    assert "不能删除所选图片" in texts(parse_html(response), "#image-in-use")[0]
    assert article_links(response) == {change_url(article): "《赣江龙舟赛开赛》"}
    assert texts(parse_html(response), "#deleted-objects li")[0].startswith("“龙舟”用于")
    # Refused as a whole, as Django's admin does for protected objects: the unused one stays too.
    assert Image.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2


def test_picture_used_by_several_articles_in_several_ways_names_each_once(desk_client):
    image = ImageFactory(title="龙舟")
    draft = ArticleFactory(draft=True, title="草稿里的龙舟", cover=image, body=body_with(image))
    withdrawn = ArticleFactory(withdrawn=True, title="撤下的龙舟", body=body_with(image, image))

    response = confirm_delete(desk_client, image)

    assert article_links(response) == {change_url(draft): "《草稿里的龙舟》", change_url(withdrawn): "《撤下的龙舟》"}
    listed = texts(parse_html(response), "#deleted-objects li")[0]
    assert "(草稿,用作封面、正文)" in listed and "(已撤稿,用作正文)" in listed
    assert Image.objects.filter(pk=image.pk).exists()


def test_a_body_naming_a_picture_with_a_longer_id_does_not_protect_it(desk_client):
    image = ImageFactory(title="龙舟")
    other = Image(pk=image.pk * 10 + 1)  # data-file="11" must not count as a use of picture 1
    ArticleFactory(body=f'<figure><img src="/m.jpg" alt="" data-file="{other.pk}"></figure>')

    response = confirm_delete(desk_client, image)

    assert response.status_code == 302
    assert not Image.objects.filter(pk=image.pk).exists()


def test_unused_picture_is_deleted_from_its_change_page_and_by_delete_selected(desk_client):
    one, two, three = ImageFactory(), ImageFactory(), ImageFactory()
    ArticleFactory(body="<p>只有文字。</p>")

    page = parse_html(desk_client.get(delete_url(one)))
    assert page.cssselect("input[type=submit]") and not page.cssselect("#image-in-use")
    response = confirm_delete(desk_client, one)
    assert response.status_code == 302 and not Image.objects.filter(pk=one.pk).exists()

    response = delete_selected(desk_client, two, three)
    assert response.status_code == 302 and not Image.objects.exists()


def test_picture_an_article_body_uses_cannot_be_deleted_from_code_either():
    image = ImageFactory()
    ArticleFactory(body=body_with(image))

    with pytest.raises(ProtectedError, match="图片正被稿件使用"):
        image.delete()
    with pytest.raises(ProtectedError):
        Image.objects.all().delete()
    assert Image.objects.filter(pk=image.pk).exists()


def test_cover_of_an_article_is_protected_by_the_foreign_key_too():
    image = ImageFactory()
    ArticleFactory(cover=image)

    # Below the library's own check: Django's collector refuses as well (PROTECT, not SET_NULL).
    with pytest.raises(ProtectedError):
        super(Image, image).delete()
