"""Editors work through the Django admin: these tests post its own forms, as a browser would."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import Article
from tests.conftest import parse_html
from tests.factories import ArticleFactory, ChiefEditorUserFactory, DeskEditorUserFactory, EditorFactory, SectionFactory

pytestmark = pytest.mark.django_db

ADD_URL = reverse("admin:articles_article_add")
CHANGELIST_URL = reverse("admin:articles_article_changelist")


def form_fields(response, form_id="article_form"):
    """Every field of the admin form with the value the browser would send if nothing were touched."""
    form = parse_html(response).get_element_by_id(form_id)
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, value)
    return data


@pytest.fixture
def desk_editor(client):
    user = DeskEditorUserFactory(username="mayina")
    client.force_login(user)
    return user


@pytest.fixture
def chief_editor(client):
    user = ChiefEditorUserFactory(username="zhubian")
    client.force_login(user)
    return user


@pytest.fixture
def reporter_without_publish(client):
    user = DeskEditorUserFactory(username="reporter")
    user.groups.clear()
    user.user_permissions.set(
        Permission.objects.filter(codename__in=["view_article", "add_article", "change_article", "view_section"])
    )
    client.force_login(user)
    return user


def article_post(client, sections, related):
    data = form_fields(client.get(ADD_URL))
    data.update(
        {
            "title": "江西省“精准服务台企月”活动卓有成效",
            "summary": "一批实际问题得到解决。",
            "body": '<p>正文<script>alert(1)</script></p><p onclick="x()">第二段</p>',
            "source_name": "中国台湾网",
            "editor": str(EditorFactory(name="马一娜").pk),
            "section": str(sections[0].pk),
            "extra_sections": [str(sections[1].pk)],
            "tags": "台企, 江西",
            "kind": "standard",
            "related_links-TOTAL_FORMS": "2",
            "related_links-0-position": "0",
            "related_links-0-target": str(related.pk),
            "related_links-1-position": "1",
            "related_links-1-url": "https://www.gwytb.gov.cn/",
            "related_links-1-title": "国务院台办",
        }
    )
    return data


@pytest.fixture
def one_stage_desk(settings):
    # A small desk runs only the final review; then the 编辑 who reviews also publishes (README: 审稿流程).
    settings.NEWSDESK = {**settings.NEWSDESK, "REVIEW_STAGES": 1}


def test_one_stage_desk_editor_creates_and_publishes_an_article_through_the_admin_form(client, desk_editor, one_stage_desk):
    sections = [SectionFactory(name="各地涉台活动"), SectionFactory(name="要闻")]
    related = ArticleFactory(title="另一篇稿件")
    data = article_post(client, sections, related)
    data["_publish"] = "保存并发布"

    response = client.post(ADD_URL, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get(title="江西省“精准服务台企月”活动卓有成效")
    assert article.is_published()
    assert article.body == "<p>正文</p><p>第二段</p>"
    assert sorted(article.tags.names()) == ["台企", "江西"]
    assert list(article.extra_sections.all()) == [sections[1]]
    assert (article.created_by, article.updated_by) == (desk_editor, desk_editor)
    assert [(link.target, link.url) for link in article.related_links.all()] == [
        (related, ""),
        (None, "https://www.gwytb.gov.cn/"),
    ]
    assert client.get(article.get_absolute_url()).status_code == 200


def test_plain_save_keeps_the_article_a_draft(client, desk_editor):
    data = article_post(client, [SectionFactory(), SectionFactory()], ArticleFactory())

    assert client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(title=data["title"])
    assert article.status == Article.Status.DRAFT
    assert client.get(article.get_absolute_url()).status_code == 404


def test_crafted_publish_without_permission_is_403_and_saves_nothing(client, reporter_without_publish):
    data = article_post(client, [SectionFactory(), SectionFactory()], ArticleFactory())
    data["_publish"] = "1"

    response = client.post(ADD_URL, data)

    assert response.status_code == 403
    assert not Article.objects.filter(title=data["title"]).exists()


def test_publish_button_is_offered_only_to_those_who_may_publish(
    client, desk_editor, reporter_without_publish, one_stage_desk
):
    # The fixtures log in both; the reporter was logged in last.
    assert 'name="_publish"' not in client.get(ADD_URL).content.decode()
    client.force_login(desk_editor)
    assert 'name="_publish"' in client.get(ADD_URL).content.decode()


def test_related_link_with_neither_article_nor_url_shows_which_field_is_wrong(client, desk_editor):
    data = article_post(client, [SectionFactory(), SectionFactory()], ArticleFactory())
    data["related_links-1-url"] = ""

    response = client.post(ADD_URL, data)

    assert response.status_code == 200
    assert "请选择一篇本站稿件,或填写外部链接及其标题(二选一)。" in response.content.decode()
    assert not Article.objects.filter(title=data["title"]).exists()


def test_missing_title_and_section_are_reported_on_their_fields(client, desk_editor):
    data = article_post(client, [SectionFactory(), SectionFactory()], ArticleFactory())
    data.update(title="", section="")

    page = parse_html(client.post(ADD_URL, data))

    errors = {row.get("class") for row in page.cssselect(".form-row.errors")}
    assert any("field-title" in e for e in errors) and any("field-section" in e for e in errors)


def test_bulk_publish_and_withdraw_actions(client, chief_editor):
    drafts = ArticleFactory.create_batch(2, status=Article.Status.APPROVED, published_at=None)

    response = client.post(
        CHANGELIST_URL, {"action": "publish_selected", "_selected_action": [a.pk for a in drafts]}, follow=True
    )
    assert "已发布 2 篇稿件。" in response.content.decode()
    assert Article.objects.published().filter(pk__in=[a.pk for a in drafts]).count() == 2

    response = client.post(
        CHANGELIST_URL, {"action": "withdraw_selected", "_selected_action": [drafts[0].pk]}, follow=True
    )
    assert "已撤下 1 篇稿件。" in response.content.decode()
    assert list(Article.objects.published().filter(pk__in=[a.pk for a in drafts])) == [drafts[1]]


def test_bulk_publish_is_not_offered_or_accepted_without_permission(client, reporter_without_publish):
    draft = ArticleFactory(draft=True)

    assert "publish_selected" not in client.get(CHANGELIST_URL).content.decode()
    client.post(CHANGELIST_URL, {"action": "publish_selected", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_changelist_filters_searches_and_shows_status_section_editor_and_time(client, desk_editor):
    ArticleFactory(title="台企服务月", section=SectionFactory(name="要闻"), editor=EditorFactory(name="马一娜"))
    ArticleFactory(title="文化交流", draft=True)

    page = parse_html(client.get(CHANGELIST_URL, {"q": "台企", "status__exact": "published"}))

    rows = page.cssselect("#result_list tbody tr")
    assert len(rows) == 1
    cells = " ".join(rows[0].text_content().split())
    assert "台企服务月" in cells and "已发布" in cells and "要闻" in cells and "马一娜" in cells
    assert page.cssselect("#changelist-filter")


def test_view_on_site_points_unpublished_articles_to_the_preview(client, desk_editor):
    draft = ArticleFactory(draft=True)
    published = ArticleFactory()

    def view_on_site(article):
        page = parse_html(client.get(reverse("admin:articles_article_change", args=[article.pk])))
        return page.cssselect("a.viewsitelink")[0].get("href")

    assert view_on_site(draft) == draft.get_preview_url()
    assert client.get(view_on_site(draft)).status_code == 200
    assert view_on_site(published) == published.get_absolute_url()


def test_desk_editor_can_manage_sections_editors_and_images(client, desk_editor):
    for model in ["sections/section", "articles/editor", "images/image", "taggit/tag"]:
        assert client.get(f"/admin/{model}/add/").status_code == 200, model
