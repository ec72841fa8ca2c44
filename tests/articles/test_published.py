from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_published_contains_exactly_past_published_articles():
    public = ArticleFactory(title="已发布")
    ArticleFactory(title="草稿", draft=True)
    ArticleFactory(title="预约", scheduled=True)
    ArticleFactory(title="已撤稿", withdrawn=True)
    ArticleFactory(title="草稿但有时间", status=Article.Status.DRAFT)

    assert list(Article.objects.published()) == [public]


def test_scheduled_article_becomes_public_at_its_time_without_any_command():
    at = timezone.now() + timedelta(hours=2)
    article = ArticleFactory(published_at=at)

    with time_machine.travel(at - timedelta(seconds=1)):
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert not article.is_published()
    with time_machine.travel(at):
        assert Article.objects.published().filter(pk=article.pk).exists()
        assert article.is_published()


def test_publish_keeps_a_future_time_and_withdraw_hides_the_article(django_user_model):
    user = django_user_model.objects.create_superuser("chief", password="x")
    article = ArticleFactory(status=Article.Status.APPROVED, published_at=None)
    future = timezone.now() + timedelta(days=1)

    article.publish(by=user, at=future)
    article.refresh_from_db()
    assert (article.status, article.published_at, article.updated_by) == (Article.Status.PUBLISHED, future, user)
    assert not Article.objects.published().filter(pk=article.pk).exists()

    article.publish(by=user, at=timezone.now())
    assert Article.objects.published().filter(pk=article.pk).exists()
    article.withdraw(by=user)
    assert not Article.objects.published().filter(pk=article.pk).exists()


def test_publish_without_permission_is_refused_and_changes_nothing(django_user_model):
    from django.core.exceptions import PermissionDenied

    reporter = django_user_model.objects.create_user("reporter", password="x", is_staff=True)
    article = ArticleFactory(draft=True)

    with pytest.raises(PermissionDenied):
        article.publish(by=reporter)
    article.refresh_from_db()
    assert article.status == Article.Status.DRAFT


def test_database_refuses_a_published_article_without_a_time():
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ArticleFactory(status=Article.Status.PUBLISHED, published_at=None)
