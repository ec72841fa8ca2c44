from django import template
from django.conf import settings

from articles.models import Article
from sections.models import Section

register = template.Library()


@register.inclusion_tag("includes/section_nav.html", takes_context=True)
def section_nav(context, current=None):
    return {"sections": Section.objects.navigation(), "current": current, "request": context.get("request")}


@register.inclusion_tag("includes/picture_block.html")
def picture_block(exclude=None):
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
    return {"pictures": pictures[: settings.NEWSDESK["PICTURE_BLOCK_COUNT"]]}
