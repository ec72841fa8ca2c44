from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import get_language
from taggit.models import Tag

from sections.models import Section

from .models import Article


class ArticleFeed(Feed):
    """The whole site's latest published articles. Subclasses narrow the queryset."""

    feed_type = Rss201rev2Feed

    @property
    def language(self):
        # RSS readers know region codes better than script subtags; the traditional edition is Taiwan-standard.
        return "zh-tw" if get_language() == "zh-hant" else "zh-cn"

    def title(self, obj=None):
        return settings.NEWSDESK["SITE_NAME"]

    def description(self, obj=None):
        return settings.NEWSDESK["SITE_DESCRIPTION"]

    def link(self, obj=None):
        return reverse("articles:home")

    def feed_url(self, obj=None):
        return reverse("articles:feed")

    def articles(self, obj):
        return Article.objects.published()

    def items(self, obj=None):
        return (
            self.articles(obj)
            .select_related("section", "editor")
            .prefetch_related("tags")
            .order_by("-published_at", "-pk")[: settings.NEWSDESK["FEED_ITEMS"]]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_author_name(self, item):
        return item.editor.name if item.editor else None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{obj.name} - {settings.NEWSDESK['SITE_NAME']}"

    def description(self, obj):
        return obj.description or self.title(obj)

    def link(self, obj):
        return obj.get_absolute_url()

    def feed_url(self, obj):
        return reverse("sections:feed", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().in_section(obj)


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def title(self, obj):
        return f"{obj.name} - {settings.NEWSDESK['SITE_NAME']}"

    def description(self, obj):
        return self.title(obj)

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def feed_url(self, obj):
        return reverse("articles:tag_feed", kwargs={"slug": obj.slug})

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)
