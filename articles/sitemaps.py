"""Sitemaps for search engines: an index, one article sitemap per month, sections, and Google News.

Every URL is listed once per edition in settings.LANGUAGES (Django's i18n sitemaps reverse each
location under that language), so a new edition is covered without touching this file. Everything
goes through Article.objects.published(); each view answers conditional requests like the feeds.
"""

import math
from urllib.parse import urljoin
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps.views import sitemap as render_sitemap
from django.db.models import Count, Max
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.shortcuts import render
from django.urls import path, reverse
from django.utils import timezone, translation
from django.views.decorators.http import require_safe

from newsdesk.http import public_page, serve_conditionally
from sections.models import Section

from editions.service import TRADITIONAL, current_converter

from .metadata import news_language, share_image
from .models import Article

# Google News takes articles from the last two days, at most 1,000 per sitemap.
NEWS_WINDOW = timedelta(hours=48)
NEWS_LIMIT = 1000


def month_bounds(year, month):
    try:
        start = timezone.make_aware(datetime(year, month, 1))
    except ValueError:
        raise Http404("No such month.") from None
    end = timezone.make_aware(datetime(year + month // 12, month % 12 + 1, 1))
    return start, end


class ArticleMonthSitemap(Sitemap):
    i18n = True

    def __init__(self, year, month):
        self.start, self.end = month_bounds(year, month)

    def articles(self):
        return Article.objects.published().filter(published_at__gte=self.start, published_at__lt=self.end)

    def items(self):
        return self.articles().select_related("cover").order_by("published_at", "pk")

    def lastmod(self, article):
        return article.modified_at

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        root = f"{self.get_protocol(protocol)}://{self.get_domain(site)}/"
        for url in urls:
            image = share_image(url["item"][0])
            url["image"] = image and urljoin(root, image.url)
        return urls


class SectionSitemap(Sitemap):
    i18n = True

    def items(self):
        return Section.objects.order_by("position", "pk")


def absolute(request, path):
    return request.build_absolute_uri(path)


@require_safe
@public_page
def index(request):
    """The sitemap index: sections, Google News, and one sitemap per month that has articles."""
    public = Article.objects.published()

    def build():
        months = (
            public.annotate(month=TruncMonth("published_at"))
            .values("month")
            .annotate(n=Count("pk"), lastmod=Max("updated_at"), latest=Max("published_at"))
            .order_by("-month")
        )
        languages = len(settings.LANGUAGES)
        entries = [(absolute(request, reverse("sitemaps:sections")), None), (absolute(request, reverse("sitemaps:news")), None)]
        for row in months:
            month = timezone.localtime(row["month"])
            url = absolute(request, reverse("sitemaps:articles", kwargs={"year": month.year, "month": month.month}))
            lastmod = max(row["lastmod"], row["latest"])
            entries.append((url, lastmod))
            # Django's sitemap view pages at 50,000 URLs; list every page.
            pages = math.ceil(row["n"] * languages / Sitemap.limit)
            entries += [(f"{url}?p={page}", lastmod) for page in range(2, pages + 1)]
        return render(request, "sitemaps/index.xml", {"entries": entries}, content_type="application/xml")

    # The index can list any public article's month: the site-wide validator, a few index lookups.
    return serve_conditionally(request, Article.objects.site_fingerprint(), build)


@require_safe
@public_page
def articles(request, year, month):
    sitemap = ArticleMonthSitemap(year, month)
    fingerprint = sitemap.articles().fingerprint()
    if not fingerprint.count:
        # Not in the index, and a urlset must hold at least one URL.
        raise Http404("No articles that month.")
    return serve_conditionally(
        request,
        fingerprint,
        lambda: render_sitemap(request, {"articles": sitemap}, section="articles", template_name="sitemaps/urlset.xml"),
    )


@require_safe
@public_page
def sections(request):
    row = Section.objects.aggregate(n=Count("pk"), last=Max("pk"))
    return serve_conditionally(
        request,
        f"{row['n']}:{row['last']}",
        lambda: render_sitemap(request, {"sections": SectionSitemap()}, section="sections", template_name="sitemaps/urlset.xml"),
    )


@require_safe
@public_page
def news(request):
    """Google News: articles published in the last 48 hours, in every edition, with the edition's language."""
    recent = Article.objects.published().filter(published_at__gte=timezone.now() - NEWS_WINDOW)

    def build():
        articles = list(recent.select_related("cover").order_by("-published_at", "-pk")[:NEWS_LIMIT])
        entries = []
        for language, _ in settings.LANGUAGES:
            # Google News wants each edition's title and name in that edition's script.
            convert = current_converter().convert if language == TRADITIONAL else str
            with translation.override(language):
                entries += [
                    {
                        "location": absolute(request, article.get_absolute_url()),
                        "language": news_language(language),
                        "publication_name": convert(settings.NEWSDESK["SITE_NAME"]),
                        "title": convert(article.title),
                        "article": article,
                    }
                    for article in articles
                ]
        entries = entries[:NEWS_LIMIT]
        return render(request, "sitemaps/news.xml", {"entries": entries}, content_type="application/xml")

    return serve_conditionally(request, recent.fingerprint(), build)


@require_safe
@public_page
def robots_txt(request):
    previews = []
    for language, _ in settings.LANGUAGES:
        with translation.override(language):
            previews.append(reverse("articles:preview", kwargs={"pk": 0}).removesuffix("0/"))
    return render(
        request,
        "robots.txt",
        {
            "disallow": [reverse("admin:index"), *dict.fromkeys(previews)],
            "sitemaps": [absolute(request, reverse("sitemaps:index")), absolute(request, reverse("sitemaps:news"))],
        },
        content_type="text/plain; charset=utf-8",
    )


urlpatterns = [
    path("sitemap.xml", index, name="index"),
    path("sitemaps/sections.xml", sections, name="sections"),
    path("sitemaps/news.xml", news, name="news"),
    path("sitemaps/articles-<int:year>-<int:month>.xml", articles, name="articles"),
    path("robots.txt", robots_txt, name="robots"),
]
