import feedparser
import pytest
import time_machine
from datetime import timedelta
from django.urls import reverse
from django.utils import timezone

from tests.conftest import parse_html
from tests.factories import ArticleFactory
from workflow.models import AuditEntry

from .conftest import db_state, messages_of, open_form, press

pytestmark = pytest.mark.django_db


def test_audit_trail_is_visible_desk_wide_and_per_article_but_not_editable(client, editor_a, chief):
    article = ArticleFactory(title="审计的稿件", draft=True)
    article.submit(by=editor_a, comment="请审")
    entry = AuditEntry.objects.get(article=article)
    client.force_login(chief)

    desk = client.get(reverse("admin:workflow_auditentry_changelist")).content.decode()
    assert "审计的稿件" in desk and "提交审核" in desk
    per_article = parse_html(client.get(reverse("admin:articles_article_history", args=[article.pk])))
    assert "请审" in per_article.get_element_by_id("audit-trail").text_content()

    before = db_state()
    change = reverse("admin:workflow_auditentry_change", args=[entry.pk])
    assert 'name="_save"' not in client.get(change).content.decode()
    assert client.post(change, {"comment": "改掉", "action": "published", "actor_name": "别人"}).status_code == 403
    assert client.post(reverse("admin:workflow_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert client.post(reverse("admin:workflow_auditentry_add"), {"comment": "伪造"}).status_code == 403
    response = client.post(
        reverse("admin:workflow_auditentry_changelist"), {"action": "delete_selected", "_selected_action": [entry.pk], "post": "yes"}
    )
    assert response.status_code in (200, 302)
    assert db_state() == before


def test_audit_rows_cannot_be_changed_even_from_code():
    entry = AuditEntry.objects.create(article_title="x", action="edited")
    entry.comment = "改"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_correction_shows_on_the_page_and_in_the_feed_and_moves_only_the_modified_time(client, chief):
    published_at = (timezone.now() - timedelta(days=1)).replace(microsecond=0)
    article = ArticleFactory(title="需要更正的稿件", published_at=published_at, body="<p>参加人数为 300 人。</p>")
    later = timezone.now() + timedelta(hours=2)
    client.force_login(chief)

    with time_machine.travel(later, tick=False):
        response = press(client, article, "_correct", body="<p>参加人数为 200 人。</p>", workflow_comment="原稿参加人数有误,已更正为 200 人。")
    assert response.status_code == 302, messages_of(response)

    article.refresh_from_db()
    assert article.published_at == published_at
    assert abs(article.updated_at - later) < timedelta(seconds=1)
    client.logout()
    page = parse_html(client.get(article.get_absolute_url()))
    note = " ".join(page.cssselect(".article-corrections")[0].text_content().split())
    assert note == f"更正({timezone.localtime(later):%Y-%m-%d %H:%M}):原稿参加人数有误,已更正为 200 人。"
    assert "200 人" in page.cssselect(".article-body")[0].text_content()
    item = next(e for e in feedparser.parse(client.get("/feed/").content).entries if e.title == "需要更正的稿件")
    assert "原稿参加人数有误,已更正为 200 人。" in item.description
    assert item.published_parsed[:6] == published_at.utctimetuple()[:6]


def test_correction_needs_a_note_and_a_live_article(client, chief):
    live = ArticleFactory()
    draft = ArticleFactory(draft=True)
    client.force_login(chief)
    open_form(client, live), open_form(client, draft)
    before = db_state()

    response = press(client, live, "_correct", workflow_comment="")
    assert any("请填写更正说明" in m for m in messages_of(response))
    response = press(client, draft, "_correct", workflow_comment="更正")
    assert any("只有读者看得到的稿件才能更正" in m for m in messages_of(response))
    assert db_state() == before
