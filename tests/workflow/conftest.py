import pytest
from django.forms.models import model_to_dict
from django.urls import reverse

from articles.models import Article, Correction
from tests.articles.test_admin import form_fields
from tests.factories import ChiefEditorUserFactory, DeskEditorUserFactory, ReporterUserFactory
from workflow.models import Approval, AuditEntry, PreviewLink, Revision

ADD_URL = reverse("admin:articles_article_add")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def open_form(client, article=None):
    """What the browser would send back for the form as it is now."""
    return form_fields(client.get(change_url(article) if article else ADD_URL))


def press(client, article, button, data=None, **updates):
    """Post the admin's change form with one of its submit buttons, as a browser would."""
    data = dict(open_form(client, article) if data is None else data)
    data.update(updates)
    data[button] = "1"
    return client.post(change_url(article) if article else ADD_URL, data)


def db_state():
    """Everything a refused request must leave exactly as it was."""
    return (
        [model_to_dict(a) | {"updated_at": a.updated_at, "tags": sorted(a.tags.names())} for a in Article.objects.order_by("pk")],
        list(Approval.objects.values()),
        list(AuditEntry.objects.values()),
        list(Revision.objects.values()),
        list(Correction.objects.values()),
        list(PreviewLink.objects.values()),
    )


def messages_of(response):
    from tests.conftest import parse_html

    page = parse_html(response)
    return [" ".join(e.text_content().split()) for e in page.cssselect(".errornote, .errorlist, .messagelist li, .permission-denied")]


@pytest.fixture
def reporter():
    return ReporterUserFactory(username="jizhe")


@pytest.fixture
def editor_a():
    return DeskEditorUserFactory(username="bianji_a")


@pytest.fixture
def editor_b():
    return DeskEditorUserFactory(username="bianji_b")


@pytest.fixture
def chief():
    return ChiefEditorUserFactory(username="zhubian")
