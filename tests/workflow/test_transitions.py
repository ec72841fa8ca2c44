"""Every transition, driven through the admin's own forms by users in each role, and every refusal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import Article
from tests.articles.test_admin import article_post
from tests.factories import ArticleFactory, SectionAssignmentFactory, SectionFactory
from workflow.models import Approval, AuditEntry

from .conftest import db_state, messages_of, open_form, press

pytestmark = pytest.mark.django_db


def local_parts(moment):
    local = timezone.localtime(moment)
    return {"published_at_0": local.strftime("%Y-%m-%d"), "published_at_1": local.strftime("%H:%M:%S")}


def test_three_stage_review_from_reporter_draft_to_scheduled_publication(client, reporter, editor_a, editor_b, chief):
    sections = [SectionFactory(name="各地涉台活动"), SectionFactory(name="要闻")]
    related = ArticleFactory(title="另一篇稿件")

    # 记者 writes the article with tags, sections and two related links, and submits it.
    client.force_login(reporter)
    assert press(client, None, "_submit", article_post(client, sections, related)).status_code == 302
    article = Article.objects.get(title="江西省“精准服务台企月”活动卓有成效")
    assert article.status == Article.Status.FIRST_REVIEW
    assert article.created_by == reporter
    # Once submitted, the reporter's copy is read-only: no workflow button, no save.
    assert 'name="_approve"' not in client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()

    # 编辑 A passes 初审 with a comment.
    client.force_login(editor_a)
    assert press(client, article, "_approve", workflow_comment="事实已核对").status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.SECOND_REVIEW

    # 编辑 B passes 复审.
    client.force_login(editor_b)
    assert 'value="通过复审"' in client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    assert press(client, article, "_approve").status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.FINAL_REVIEW

    # 主编 passes 终审 and publishes for a time to come: the article is 已排期, not yet public.
    client.force_login(chief)
    at = (timezone.now() + timedelta(hours=3)).replace(microsecond=0)
    response = press(client, article, "_publish", **local_parts(at))
    assert response.status_code == 302, messages_of(response)
    article.refresh_from_db()
    assert (article.status, article.published_at, article.schedule_state) == (Article.Status.PUBLISHED, at, "已排期")
    assert not Article.objects.published().filter(pk=article.pk).exists()
    assert sorted(article.tags.names()) == ["台企", "江西"]
    assert [(link.target, link.url) for link in article.related_links.all()] == [(related, ""), (None, "https://www.gwytb.gov.cn/")]

    trail = [
        (e.actor_name, e.action, e.stage, e.to_status) for e in AuditEntry.objects.filter(article=article).order_by("pk")
        if e.action not in ("created", "edited")
    ]
    assert trail == [
        ("jizhe", "submitted", "", "first_review"),
        ("bianji_a", "approved", "初审", "second_review"),
        ("bianji_b", "approved", "复审", "final_review"),
        ("zhubian", "approved", "终审", "approved"),
        ("zhubian", "scheduled", "", "published"),
    ]
    assert AuditEntry.objects.get(article=article, stage="初审").comment == "事实已核对"

    # 主编 withdraws it, with a reason.
    response = press(client, article, "_withdraw", workflow_comment="内容需要更新")
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.WITHDRAWN
    assert AuditEntry.objects.filter(article=article, action="withdrawn", comment="内容需要更新").exists()


def test_same_person_cannot_approve_two_stages(client, editor_a):
    article = ArticleFactory(status=Article.Status.FIRST_REVIEW, published_at=None, review_round=1)
    client.force_login(editor_a)
    assert press(client, article, "_approve").status_code == 302
    before = db_state()

    # The button is not offered, and a crafted press is refused with a reason, changing nothing.
    assert 'name="_approve"' not in client.get(f"/admin/articles/article/{article.pk}/change/").content.decode()
    response = press(client, article, "_approve", title="偷偷改的标题")

    assert response.status_code == 200
    assert any("同一篇稿件的两个审级不能由同一人通过" in m for m in messages_of(response))
    assert db_state() == before


def test_the_database_itself_refuses_a_second_stage_by_the_same_person(editor_a):
    from django.db import IntegrityError

    article = ArticleFactory(status=Article.Status.FIRST_REVIEW, published_at=None, review_round=1)
    Approval.objects.create(article=article, round=1, stage="first_review", approver=editor_a)
    with pytest.raises(IntegrityError):
        Approval.objects.create(article=article, round=1, stage="second_review", approver=editor_a)


def test_send_back_needs_a_comment_and_returns_the_article_to_draft(client, editor_a):
    article = ArticleFactory(status=Article.Status.SECOND_REVIEW, published_at=None, review_round=1)
    client.force_login(editor_a)
    open_form(client, article)  # opening the form records the base revision; only the refused save must change nothing
    before = db_state()

    response = press(client, article, "_send_back", workflow_comment="  ")
    assert response.status_code == 200
    assert any("退回稿件时请写明退回意见" in m for m in messages_of(response))
    assert db_state() == before

    assert press(client, article, "_send_back", workflow_comment="第二段消息来源不清").status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT
    entry = AuditEntry.objects.get(article=article, action="sent_back")
    assert (entry.comment, entry.stage, entry.from_status) == ("第二段消息来源不清", "复审", "second_review")


def test_resubmission_starts_a_new_round_of_approvals(client, reporter, editor_a):
    article = ArticleFactory(draft=True, created_by=reporter)
    article.submit(by=reporter)
    article.approve(by=editor_a)
    article.send_back(by=editor_a, comment="改")
    article.submit(by=reporter)
    article.refresh_from_db()

    assert (article.status, article.review_round) == (Article.Status.FIRST_REVIEW, 2)
    article.approve(by=editor_a)  # a new round: 初审 again by the same editor is allowed
    article.refresh_from_db()
    assert article.status == Article.Status.SECOND_REVIEW


@pytest.mark.parametrize(
    "role, status, button",
    [
        ("reporter", "first_review", "_approve"),  # 记者 cannot review
        ("reporter", "draft", "_publish"),  # nor publish
        ("editor_a", "final_review", "_approve"),  # 编辑 cannot do 终审
        ("editor_a", "final_review", "_publish"),  # nor publish
        ("editor_a", "published", "_withdraw"),  # nor withdraw
    ],
)
def test_crafted_posts_by_the_wrong_role_are_403_and_change_nothing(client, request, role, status, button):
    user = request.getfixturevalue(role)
    article = ArticleFactory(status=status, published_at=timezone.now() - timedelta(hours=1) if status == "published" else None, created_by=user)
    client.force_login(request.getfixturevalue("chief"))
    data = open_form(client, article)  # the form as someone allowed would see it
    client.force_login(user)
    before = db_state()

    response = press(client, article, button, data=data, workflow_comment="x")

    assert response.status_code == 403
    assert "什么也没有改变" in response.content.decode()
    assert db_state() == before


def test_refusal_message_names_the_missing_right(client, editor_a):
    article = ArticleFactory(status=Article.Status.FINAL_REVIEW, published_at=None, review_round=1)
    client.force_login(editor_a)

    response = press(client, article, "_publish")

    assert response.status_code == 403
    assert messages_of(response) == ["你没有发布稿件的权限。"]


def test_editor_limited_to_a_section_cannot_review_or_file_into_another(client, editor_a):
    liangan, yaowen = SectionFactory(name="两岸情"), SectionFactory(name="要闻")
    SectionAssignmentFactory(user=editor_a, section=liangan)
    elsewhere = ArticleFactory(section=yaowen, status=Article.Status.FIRST_REVIEW, published_at=None, review_round=1)
    own = ArticleFactory(section=liangan, status=Article.Status.FIRST_REVIEW, published_at=None, review_round=1)
    client.force_login(editor_a)

    # Another section's article is read-only for them, and a crafted approval is refused.
    page = client.get(f"/admin/articles/article/{elsewhere.pk}/change/").content.decode()
    assert 'name="_approve"' not in page and 'name="_save"' not in page
    data = open_form(client, own)
    before = db_state()
    assert press(client, elsewhere, "_approve", data=data).status_code == 403
    assert db_state() == before

    # On their own section's article, moving it into 要闻 is refused on the field.
    response = press(client, own, "_approve", section=str(yaowen.pk))
    assert response.status_code == 200
    assert any("不能选“要闻”" in m for m in messages_of(response))
    assert db_state() == before

    assert press(client, own, "_approve").status_code == 302
    own.refresh_from_db()
    assert own.status == Article.Status.SECOND_REVIEW


def test_chief_of_one_section_cannot_publish_in_another(chief):
    from django.core.exceptions import PermissionDenied

    SectionAssignmentFactory(user=chief, section=SectionFactory(name="两岸情"))
    article = ArticleFactory(section=SectionFactory(name="要闻"), status=Article.Status.APPROVED, published_at=None)

    with pytest.raises(PermissionDenied, match="要闻"):
        article.publish(by=chief)
    article.refresh_from_db()
    assert article.status == Article.Status.APPROVED


def test_publish_refuses_an_article_still_in_early_review(client, chief):
    article = ArticleFactory(status=Article.Status.SECOND_REVIEW, published_at=None, review_round=1)
    client.force_login(chief)
    open_form(client, article)
    before = db_state()

    response = press(client, article, "_publish")

    assert response.status_code == 200
    assert any("还需通过复审、终审才能发布" in m for m in messages_of(response))
    assert db_state() == before


def test_one_stage_desk_lets_the_editor_do_the_final_review_and_publish(client, editor_a, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "REVIEW_STAGES": 1}
    article = ArticleFactory(draft=True)
    client.force_login(editor_a)

    assert press(client, article, "_submit").status_code == 302
    article.refresh_from_db()
    assert article.status == Article.Status.FINAL_REVIEW
    assert press(client, article, "_publish").status_code == 302
    article.refresh_from_db()
    assert article.is_published()


def test_two_stage_desk_goes_from_first_review_to_final_review(editor_a, chief, settings):
    settings.NEWSDESK = {**settings.NEWSDESK, "REVIEW_STAGES": 2}
    article = ArticleFactory(draft=True)
    article.submit(by=editor_a)
    article.approve(by=editor_a)
    article.refresh_from_db()
    assert article.status == Article.Status.FINAL_REVIEW
    article.publish(by=chief)
    assert Article.objects.published().filter(pk=article.pk).exists()


def test_bulk_publish_reports_what_it_refused(client, chief):
    ready = ArticleFactory(status=Article.Status.APPROVED, published_at=None)
    early = ArticleFactory(title="还在初审的稿件", status=Article.Status.FIRST_REVIEW, published_at=None)
    client.force_login(chief)

    response = client.post(
        "/admin/articles/article/", {"action": "publish_selected", "_selected_action": [ready.pk, early.pk]}, follow=True
    )

    page = response.content.decode()
    assert "已发布 1 篇稿件。" in page and "“还在初审的稿件”" in page
    assert list(Article.objects.published().filter(pk__in=[ready.pk, early.pk])) == [ready]
