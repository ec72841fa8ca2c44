"""No lost edits: a form opened on an older version is refused, and the editor keeps their text."""

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.conftest import parse_html
from tests.factories import ArticleFactory

from tests.articles.test_admin import form_fields

from .conftest import change_url, db_state, messages_of, open_form, press

pytestmark = pytest.mark.django_db


def test_second_of_two_editors_is_refused_and_neither_text_is_lost(client, editor_a, editor_b):
    article = ArticleFactory(draft=True, body="<p>原来的第一段。</p>")
    client.force_login(editor_a)
    form_a = open_form(client, article)
    client.force_login(editor_b)
    form_b = open_form(client, article)

    client.force_login(editor_a)
    assert press(client, article, "_save", data=form_a, body="<p>甲改过的第一段。</p>").status_code == 302
    before = db_state()

    client.force_login(editor_b)
    response = press(client, article, "_save", data=form_b, body="<p>乙写的第一段。</p>")

    assert response.status_code == 200
    assert any("你的保存被拒绝" in m and "bianji_a" in m for m in messages_of(response))
    assert db_state() == before
    article.refresh_from_db()
    assert article.body == "<p>甲改过的第一段。</p>"  # A's text is saved
    page = parse_html(response)
    assert "乙写的第一段。" in page.get_element_by_id("id_body").text_content()  # B's text is still in the form
    # B is shown what A changed, as a readable text diff.
    diff = " ".join(page.get_element_by_id("edit-conflict").text_content().split())
    assert "− 原来的第一段。" in diff and "+ 甲改过的第一段。" in diff

    # Having merged, B saves again from the re-shown form and it goes through.
    merged = form_fields(response)
    merged["body"] = "<p>甲改过的第一段。</p><p>乙补充的一段。</p>"
    assert press(client, article, "_save", data=merged).status_code == 302
    article.refresh_from_db()
    assert article.body == "<p>甲改过的第一段。</p><p>乙补充的一段。</p>"


def test_a_save_without_the_version_is_refused(client, editor_a):
    article = ArticleFactory(draft=True)
    client.force_login(editor_a)
    data = open_form(client, article)
    del data["base_version"]
    before = db_state()

    response = press(client, article, "_save", data=data, title="新标题")

    assert response.status_code == 200
    assert db_state() == before


def test_form_shows_who_else_has_the_article_open_and_since_when(client, editor_a, editor_b):
    article = ArticleFactory(draft=True)
    opened = timezone.now().replace(second=0, microsecond=0)
    with time_machine.travel(opened, tick=False):
        client.force_login(editor_a)
        client.get(change_url(article))
    with time_machine.travel(opened + timezone.timedelta(minutes=5), tick=False):
        client.force_login(editor_b)
        page = parse_html(client.get(change_url(article)))

    notice = " ".join(page.get_element_by_id("others-editing").text_content().split())
    assert f"bianji_a 自 {timezone.localtime(opened):%Y-%m-%d %H:%M} 起打开了这篇稿件" in notice


def test_presence_ends_when_the_editor_saves(client, editor_a, editor_b):
    article = ArticleFactory(draft=True)
    client.force_login(editor_a)
    press(client, article, "_save")
    client.force_login(editor_b)

    assert b"others-editing" not in client.get(change_url(article)).content
    assert Article.objects.get(pk=article.pk).version == 1
