"""Full-text RSS 2.0 and Atom 1.0 feeds for the site, each section, each tag and each editor.

Every feed answers polls cheaply: its ETag comes from a fingerprint of its latest items (one query,
two with the section, tag or person it belongs to) and a 304 renders nothing; see newsdesk.http.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed, rfc3339_date
from django.utils.html import escape, format_html_join
from taggit.models import Tag

from images.body import library_image_ids, library_images, render_body
from newsdesk.http import serve_conditionally
from sections.models import Section

from .metadata import content_language, news_language, share_image
from .models import Article, Byline, Editor
from .sanitize import absolutize_urls

CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
MEDIA_NS = "http://search.yahoo.com/mrss/"


def add_media_content(handler, item):
    image = item.get("media")
    if image:
        handler.addQuickElement(
            "media:content",
            "",
            {
                "url": image["url"],
                "type": image["type"],
                "fileSize": str(image["size"]),
                "medium": "image",
                "width": str(image["width"]),
                "height": str(image["height"]),
            },
        )


class NewsRssFeed(Rss201rev2Feed):
    """RSS 2.0 with the full text in content:encoded, the cover as media:content and atom:updated."""

    def rss_attributes(self):
        return super().rss_attributes() | {"xmlns:content": CONTENT_NS, "xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item["updateddate"] is not None:
            handler.addQuickElement("atom:updated", rfc3339_date(item["updateddate"]))
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])
        add_media_content(handler, item)


class NewsAtomFeed(Atom1Feed):
    """Atom 1.0 with the full text in <content type="html"> and the cover as media:content."""

    def root_attributes(self):
        return super().root_attributes() | {"xmlns:media": MEDIA_NS}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})
        add_media_content(handler, item)


def correction_notes_html(notes):
    """Correction notes (更正) as HTML, appended to an item's text; every part escaped."""
    return format_html_join(
        "",
        '<p class="correction"><strong>更正</strong>({}):{}</p>',
        ((formats.date_format(note.at, "Y-m-d H:i"), note.text) for note in notes),
    )


class ArticleFeed(Feed):
    """The whole site's latest published articles, as RSS. Subclasses narrow the articles; AtomMixin changes the format."""

    feed_type = NewsRssFeed
    kind = "site"
    url_name = "articles:feed"
    atom_url_name = "articles:atom_feed"

    def __call__(self, request, *args, **kwargs):
        obj = self.get_object(request, *args, **kwargs)
        return serve_conditionally(
            request, self.latest(obj).fingerprint(), lambda: super(ArticleFeed, self).__call__(request, *args, **kwargs)
        )

    # What the feed lists.

    def articles(self, obj):
        return Article.objects.published()

    def latest(self, obj):
        return self.articles(obj).order_by("-published_at", "-pk")[: settings.NEWSDESK["FEED_ITEMS"]]

    def items(self, obj=None):
        return self.latest(obj).select_related("section", "editor", "cover").prefetch_related(
            "tags", "corrections", "cover__renditions", Prefetch("bylines", queryset=Byline.objects.select_related("editor"))
        )

    # The channel.

    def key(self, obj):
        return self.kind

    def summary_only(self, obj):
        chosen = settings.NEWSDESK["FEED_SUMMARY_ONLY"]
        return self.kind in chosen or self.key(obj) in chosen

    def title(self, obj=None):
        return settings.NEWSDESK["SITE_NAME"]

    def description(self, obj=None):
        return settings.NEWSDESK["SITE_DESCRIPTION"]

    subtitle = description

    def link(self, obj=None):
        return reverse("articles:home")

    def url_kwargs(self, obj):
        return {}

    def feed_url(self, obj=None):
        return reverse(self.url_name, kwargs=self.url_kwargs(obj))

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        # RSS readers know region codes (zh-cn, zh-tw) better than script subtags; Atom takes BCP 47 (zh-Hans).
        feed.feed["language"] = news_language() if issubclass(self.feed_type, Rss201rev2Feed) else content_language()
        summary_only = self.summary_only(obj)
        base = request.build_absolute_uri("/")
        # Every library picture in every item's body, with renditions, in two queries for the whole feed.
        images = {} if summary_only else library_images(library_image_ids(*(item["content_html"] for item in feed.items)))
        for item in feed.items:
            # Feed readers show items away from our site, where /media/… would point nowhere.
            # Correction notes go with the summary too, so readers that show only descriptions see them.
            corrections = item.pop("corrections_html")
            item["description"] += corrections
            if summary_only:
                item["content_html"] = None
            else:
                body = render_body(item["content_html"], images, request=request, feed=True)
                item["content_html"] = absolutize_urls(body + corrections, base)
            if item["media"]:
                item["media"] = item["media"] | {"url": request.build_absolute_uri(item["media"]["url"])}
            item["enclosures"] = [
                Enclosure(request.build_absolute_uri(e.url), e.length, e.mime_type) for e in item["enclosures"]
            ]
        return feed

    # Each item.

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Descriptions are HTML by convention in RSS (and type="html" in Atom): the plain-text summary is escaped.
        return escape(item.summary or item.title)

    def item_extra_kwargs(self, item):
        image = share_image(item)
        return {
            "content_html": item.body,
            "corrections_html": correction_notes_html(item.correction_notes()),
            "media": image
            and {"url": image.url, "type": image.mime_type, "size": image.size, "width": image.width, "height": image.height},
        }

    # The guid is the item's link (Django's default): article URLs are built from the id, never the
    # title, so the guid survives any edit.
    item_guid_is_permalink = True

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.modified_at

    def item_author_name(self, item):
        reporters = [byline.editor.name for byline in item.bylines.all()]
        if reporters:
            return "、".join(reporters)
        return item.editor.name if item.editor else None

    def item_categories(self, item):
        return [item.section.name, *(tag.name for tag in item.tags.all())]

    def item_enclosures(self, item):
        image = share_image(item)
        if image is None:
            return []
        return [Enclosure(image.url, str(image.size), image.mime_type)]


class AtomMixin:
    feed_type = NewsAtomFeed

    def feed_url(self, obj=None):
        return reverse(self.atom_url_name, kwargs=self.url_kwargs(obj))


class SectionFeed(ArticleFeed):
    kind = "section"
    url_name = "sections:feed"
    atom_url_name = "sections:atom_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def key(self, obj):
        return f"section:{obj.slug}"

    def title(self, obj):
        return f"{obj.name} - {settings.NEWSDESK['SITE_NAME']}"

    def description(self, obj):
        return obj.description or self.title(obj)

    subtitle = description

    def link(self, obj):
        return obj.get_absolute_url()

    def url_kwargs(self, obj):
        return {"slug": obj.slug}

    def articles(self, obj):
        return Article.objects.published().in_section(obj)


class TagFeed(ArticleFeed):
    kind = "tag"
    url_name = "articles:tag_feed"
    atom_url_name = "articles:tag_atom_feed"

    def get_object(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def key(self, obj):
        return f"tag:{obj.slug}"

    def title(self, obj):
        return f"{obj.name} - {settings.NEWSDESK['SITE_NAME']}"

    def description(self, obj):
        return self.title(obj)

    subtitle = description

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def url_kwargs(self, obj):
        return {"slug": obj.slug}

    def articles(self, obj):
        return Article.objects.published().filter(tags=obj)


class EditorFeed(ArticleFeed):
    """Articles a person edited or reported, as on their page."""

    kind = "editor"
    url_name = "articles:editor_feed"
    atom_url_name = "articles:editor_atom_feed"

    def get_object(self, request, pk):
        return get_object_or_404(Editor, pk=pk)

    def key(self, obj):
        return f"editor:{obj.pk}"

    def title(self, obj):
        return f"{obj.name} - {settings.NEWSDESK['SITE_NAME']}"

    def description(self, obj):
        return obj.bio or self.title(obj)

    subtitle = description

    def link(self, obj):
        return obj.get_absolute_url()

    def url_kwargs(self, obj):
        return {"pk": obj.pk}

    def articles(self, obj):
        return Article.objects.published().filter(Q(editor=obj) | Q(reporters=obj)).distinct()


class ArticleAtomFeed(AtomMixin, ArticleFeed):
    pass


class SectionAtomFeed(AtomMixin, SectionFeed):
    pass


class TagAtomFeed(AtomMixin, TagFeed):
    pass


class EditorAtomFeed(AtomMixin, EditorFeed):
    pass
