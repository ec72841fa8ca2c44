from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from articles.models import Article
from newsdesk.jsonld import script_json
from sections.models import Section

register = template.Library()


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def section_nav(context, current=None):
    return {"sections": Section.objects.navigation(), "current": current, "request": context.get("request")}


@register.inclusion_tag("includes/picture_block.html", takes_context=True)
def picture_block(context, exclude=None):
    """The 图片 block: the latest published picture stories that have a cover."""
    pictures = (
        Article.objects.published()
        .filter(kind=Article.Kind.PICTURE, cover__isnull=False)
        .select_related("cover")
        .prefetch_related("cover__renditions")
        .order_by("-published_at", "-pk")
    )
    if exclude is not None:
        pictures = pictures.exclude(pk=exclude.pk)
    return {"pictures": pictures[: settings.NEWSDESK["PICTURE_BLOCK_COUNT"]], "request": context.get("request")}


@register.simple_tag
def json_ld(data):
    """Structured data (schema.org) for search engines, in a script element nothing can break out of."""
    if not data:
        return ""
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(script_json(data)))


@register.filter
def w3c(value):
    """A datetime as W3C/ISO 8601 in local time, to the second: for datetime=, sitemaps and OpenGraph.

    Django's "c" format keeps microseconds, which HTML's datetime attribute refuses (at most three digits).
    """
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()
