"""Every admin save keeps a revision; two can be compared field by field and an older one restored exactly."""

import pytest
from django.urls import reverse

from articles.models import Article
from tests.conftest import parse_html
from tests.factories import ArticleFactory, EditorFactory, SectionFactory
from workflow.models import AuditEntry, Revision
from workflow.revisions import snapshot

from .conftest import db_state, press

pytestmark = pytest.mark.django_db

FIRST_BODY = "<p>第一版:江西省“精准服务台企月”活动,解决问题 42 个。</p><p>第二段&amp;符号。</p>"


def history_url(article):
    return reverse("admin:articles_article_history", args=[article.pk])


def test_compare_two_revisions_and_restore_the_older_byte_for_byte(client, editor_a):
    linked = ArticleFactory(title="被链接的稿件")
    article = ArticleFactory(draft=True, section=SectionFactory(name="要闻"))
    client.force_login(editor_a)
    press(
        client, article, "_save",
        title="第一版标题", body=FIRST_BODY, tags="台企, 江西", editor=str(EditorFactory(name="马一娜").pk),
        **{"related_links-TOTAL_FORMS": "2", "related_links-0-position": "0", "related_links-0-target": str(linked.pk),
           "related_links-1-position": "1", "related_links-1-url": "https://www.gwytb.gov.cn/", "related_links-1-title": "国务院台办"},
    )
    article.refresh_from_db()
    saved_first = snapshot(article)
    press(client, article, "_save", title="第二版标题", body="<p>第二版:完全改写的正文。</p><p>第二段&amp;符号。</p>", tags="两岸",
          **{"related_links-1-DELETE": "on"})
    article.refresh_from_db()
    # 0 is the content as the form first opened it (the factory wrote it without the admin).
    assert article.version == 2
    assert list(Revision.objects.filter(article=article).values_list("number", flat=True)) == [2, 1, 0]

    compare = parse_html(client.get(reverse("admin:articles_article_compare", args=[article.pk]), {"a": 1, "b": 2}))
    rows = {r.cssselect("th")[0].text_content(): [td.text_content() for td in r.cssselect("td")] for r in compare.cssselect("tr.change")}
    assert set(rows) == {"标题", "正文", "标签", "相关新闻"}
    assert rows["标题"] == ["第一版标题", "第二版标题"]
    assert rows["标签"] == ["台企、江西", "两岸"]
    assert rows["相关新闻"] == ["被链接的稿件;国务院台办", "被链接的稿件"]
    body_lines = [" ".join(line.text_content().split()) for line in compare.cssselect("tr.change-body .diff-line")]
    assert body_lines == [
        "− 第一版:江西省“精准服务台企月”活动,解决问题 42 个。",
        "+ 第二版:完全改写的正文。",
        "第二段&符号。",
    ]

    response = client.post(reverse("admin:articles_article_restore", args=[article.pk, 1]))
    assert response.status_code == 302

    article = Article.objects.get(pk=article.pk)
    assert snapshot(article) == saved_first
    assert article.body == FIRST_BODY and article.title == "第一版标题"
    restored = Revision.objects.get(article=article, number=3)
    assert restored.comment == "恢复自第 1 版" and restored.snapshot == saved_first
    assert AuditEntry.objects.filter(article=article, action="restored", revision=3).exists()
    assert "恢复自第 1 版" in client.get(history_url(article)).content.decode()


def test_restore_is_refused_to_someone_who_may_not_edit_the_article(client, editor_a, reporter):
    article = ArticleFactory(draft=True)
    client.force_login(editor_a)
    press(client, article, "_save", title="编辑改的")
    client.force_login(reporter)  # not the author of this draft
    before = db_state()

    assert client.post(reverse("admin:articles_article_restore", args=[article.pk, 1])).status_code == 403
    assert client.get(reverse("admin:articles_article_restore", args=[article.pk, 1])).status_code == 405
    assert db_state() == before


def test_compare_with_a_missing_revision_is_404(client, editor_a):
    article = ArticleFactory(draft=True)
    client.force_login(editor_a)
    url = reverse("admin:articles_article_compare", args=[article.pk])
    assert client.get(url, {"a": 1, "b": 7}).status_code == 404
    assert client.get(url, {"a": "x"}).status_code == 404
