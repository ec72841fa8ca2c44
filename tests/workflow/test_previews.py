"""Signed, expiring, revocable preview links for people without a login."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.conftest import parse_html
from tests.factories import ArticleFactory
from workflow.models import AuditEntry, PreviewLink

pytestmark = pytest.mark.django_db


def make_link(client, article, hours=24):
    response = client.post(reverse("admin:articles_article_preview_link", args=[article.pk]), {"hours": str(hours)})
    assert response.status_code == 302
    return PreviewLink.objects.get(article=article)


def test_preview_link_works_until_it_expires_and_is_never_publicly_cached(client, editor_a):
    article = ArticleFactory(title="尚未发布的稿件", draft=True)
    client.force_login(editor_a)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        link = make_link(client, article, hours=24)
    anonymous = Client()

    with time_machine.travel(start + timedelta(hours=23, minutes=59), tick=False):
        response = anonymous.get(link.get_absolute_url())
        assert response.status_code == 200
        page = parse_html(response)
        assert page.cssselect("h1")[0].text_content() == "尚未发布的稿件"
        assert "预览" in page.cssselect(".preview-banner")[0].text_content()
        assert page.cssselect('meta[name="robots"]')[0].get("content") == "noindex, nofollow"
        assert response["X-Robots-Tag"] == "noindex, nofollow"
        control = response["Cache-Control"]
        assert "private" in control and "no-store" in control and "public" not in control
        assert not page.cssselect('link[rel="canonical"]')
    with time_machine.travel(start + timedelta(hours=24, seconds=1), tick=False):
        assert anonymous.get(link.get_absolute_url()).status_code == 404
    assert client.get(article.get_absolute_url()).status_code == 404  # the public page stays hidden


def test_revoked_preview_link_is_404(client, editor_a):
    article = ArticleFactory(draft=True)
    client.force_login(editor_a)
    link = make_link(client, article)
    assert Client().get(link.get_absolute_url()).status_code == 200

    client.post(reverse("admin:articles_article_revoke_preview_link", args=[article.pk, link.pk]))

    assert Client().get(link.get_absolute_url()).status_code == 404
    assert [e.action for e in AuditEntry.objects.filter(article=article).order_by("pk")] == ["preview_shared", "preview_revoked"]


def test_tampered_or_unsigned_tokens_are_404(client, editor_a):
    article = ArticleFactory(draft=True)
    client.force_login(editor_a)
    link = make_link(client, article)

    for token in [link.key, link.token[:-1] + ("A" if link.token[-1] != "A" else "B"), "x:y"]:
        assert Client().get(reverse("workflow:shared_preview", kwargs={"token": token})).status_code == 404


def test_only_someone_who_may_edit_the_article_makes_a_link(client, reporter):
    article = ArticleFactory(draft=True)  # not the reporter's
    client.force_login(reporter)

    assert client.post(reverse("admin:articles_article_preview_link", args=[article.pk]), {"hours": "24"}).status_code == 403
    assert not PreviewLink.objects.exists()
