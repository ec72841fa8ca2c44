"""A page's cost must not grow with the number of items on it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticleFactory, BylineFactory, RelatedLinkFactory, SectionFactory

pytestmark = pytest.mark.django_db


def warm(client, url):
    # The first view of a new image makes its renditions (once, ever); what is measured is every view after that.
    assert client.get(url).status_code == 200


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # These measure what rendering a page costs; the cached copy of a list page or feed would hide it.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def queries_for(client, url):
    warm(client, url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def fill_home(sections, per_section):
    for section in sections:
        for article in ArticleFactory.create_batch(per_section, section=section, tags=["台企", "江西"]):
            BylineFactory(article=article)
        ArticleFactory(section=section, picture=True)


def test_home_page_queries_do_not_grow_with_sections_or_articles(client, django_assert_max_num_queries):
    few = [SectionFactory()]
    fill_home(few, 1)
    small = queries_for(client, "/")

    many = [SectionFactory() for _ in range(7)]
    fill_home(few + many, 8)
    warm(client, "/")
    with django_assert_max_num_queries(small):
        client.get("/")
    assert queries_for(client, "/") == small


def test_twenty_item_section_page_costs_the_same_as_a_one_item_page(client, django_assert_max_num_queries):
    section = SectionFactory(slug="yaowen")
    ArticleFactory(section=section, tags=["台企"], picture=True)
    small = queries_for(client, section.get_absolute_url())

    for article in ArticleFactory.create_batch(19, section=section, tags=["台企", "两岸"], picture=True):
        article.extra_sections.add(SectionFactory())
    warm(client, section.get_absolute_url())
    with django_assert_max_num_queries(small):
        response = client.get(section.get_absolute_url())
    assert len(response.context["articles"]) == 20


def test_article_with_ten_related_links_costs_the_same_as_one_with_one(client, django_assert_max_num_queries):
    section = SectionFactory()
    one = ArticleFactory(section=section, tags=["台企"])
    RelatedLinkFactory(article=one, target=ArticleFactory(section=section))
    BylineFactory(article=one)
    small = queries_for(client, one.get_absolute_url())

    ten = ArticleFactory(section=section, tags=["台企", "江西", "两岸"])
    for i in range(5):
        RelatedLinkFactory(article=ten, target=ArticleFactory(tags=["台企"]), position=i)
        RelatedLinkFactory(article=ten, target=None, url=f"https://example.com/{i}", title=f"外部{i}", position=10 + i)
    BylineFactory.create_batch(3, article=ten)
    ArticleFactory.create_batch(5, section=section, picture=True)
    warm(client, ten.get_absolute_url())
    with django_assert_max_num_queries(small):
        response = client.get(ten.get_absolute_url())
    assert len(response.context["related_news"]) == 8
    assert sum(entry.manual for entry in response.context["related_news"]) == 8


@pytest.mark.parametrize("url", ["/feed/", "/sections/yaowen/feed/", "/tags/台企/feed/"])
def test_feeds_cost_the_same_for_one_item_or_twenty(client, url, django_assert_max_num_queries):
    section = SectionFactory(slug="yaowen")
    ArticleFactory(section=section, tags=["台企"])
    small = queries_for(client, url)

    ArticleFactory.create_batch(25, section=section, tags=["台企", "江西"])
    with django_assert_max_num_queries(small):
        client.get(url)


def test_tag_and_editor_pages_cost_the_same_for_one_item_or_twenty(client, django_assert_max_num_queries):
    first = ArticleFactory(tags=["台企"], picture=True)
    urls = ["/tags/台企/", first.editor.get_absolute_url()]
    small = [queries_for(client, url) for url in urls]

    ArticleFactory.create_batch(19, tags=["台企"], editor=first.editor, picture=True)
    for url, count in zip(urls, small):
        warm(client, url)
        with django_assert_max_num_queries(count):
            client.get(url)


def test_a_pinned_headline_costs_no_more_queries_than_the_newest(client, django_assert_max_num_queries):
    from tests.factories import ChiefEditorUserFactory

    sections = [SectionFactory() for _ in range(3)]
    fill_home(sections, 4)
    unpinned = queries_for(client, "/")

    chief = ChiefEditorUserFactory()
    for article in ArticleFactory.create_batch(5, section=sections[0], picture=True):
        article.pin(by=chief)
    warm(client, "/")
    with django_assert_max_num_queries(unpinned):
        client.get("/")
    assert queries_for(client, "/") <= unpinned
