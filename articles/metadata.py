"""What search engines, social cards and feed readers are told about a page: share image, JSON-LD, languages."""

from dataclasses import dataclass

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation


@dataclass(frozen=True)
class ShareImage:
    url: str  # as storage gives it: a path under MEDIA_URL, or absolute when MEDIA_URL names a CDN
    width: int
    height: int
    size: int  # bytes
    mime_type: str
    alt: str


def share_image(article):
    """The picture that stands for an article in feeds (enclosure, media:content), OpenGraph and JSON-LD:
    the cover's 1200×630 share-card rendition (a JPEG, made once on first use, watermark applied)."""
    cover = article.cover
    if cover is None or not cover.file:
        return None
    from images.renditions import OriginalUnavailable

    try:
        card = cover.rendition("share")
    except OriginalUnavailable:
        return None  # the page and the feed go out without a card rather than not at all
    return ShareImage(card.file.url, card.width, card.height, card.file.size, "image/jpeg", cover.alt_text or article.title)


def content_language(language=None):
    """BCP 47 tag for a Django language code: zh-hans → zh-Hans (for lang=, feeds and JSON-LD)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    parts = language.split("-")
    return "-".join([parts[0]] + [p.title() if len(p) == 4 else p.upper() for p in parts[1:]])


def news_language(language=None):
    """Google News wants ISO 639 codes, with zh-cn for simplified and zh-tw for traditional Chinese."""
    language = (language or translation.get_language() or settings.LANGUAGE_CODE).lower()
    if language in {"zh-hant", "zh-tw", "zh-hk", "zh-mo"}:
        return "zh-tw"
    if language.startswith("zh"):
        return "zh-cn"
    return language.split("-")[0]


def og_locale(language=None):
    return {"zh-cn": "zh_CN", "zh-tw": "zh_TW"}.get(news_language(language), news_language(language))


def publisher(request):
    return {
        "@type": "Organization",
        "name": settings.NEWSDESK["SITE_NAME"],
        "url": request.build_absolute_uri(reverse("articles:home")),
        "logo": {"@type": "ImageObject", "url": request.build_absolute_uri(static(settings.NEWSDESK["PUBLISHER_LOGO"]))},
    }


def article_json_ld(article, request, canonical):
    people = [byline.editor for byline in article.bylines.all()] or ([article.editor] if article.editor else [])
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.modified_at.isoformat(),
        "inLanguage": content_language(),
        "articleSection": article.section.name,
        "keywords": [tag.name for tag in article.tags.all()],
        "author": [
            {"@type": "Person", "name": person.name, "url": request.build_absolute_uri(person.get_absolute_url())}
            for person in people
        ]
        or [{"@type": "Organization", "name": settings.NEWSDESK["SITE_NAME"]}],
        "publisher": publisher(request),
        "mainEntityOfPage": {"@type": "WebPage", "@id": canonical},
    }
    image = share_image(article)
    if image:
        data["image"] = [
            {"@type": "ImageObject", "url": request.build_absolute_uri(image.url), "width": image.width, "height": image.height}
        ]
    return data


def website_json_ld(request):
    return {
        "@context": "https://schema.org",
        "@type": "WebSite",
        "name": settings.NEWSDESK["SITE_NAME"],
        "description": settings.NEWSDESK["SITE_DESCRIPTION"],
        "url": request.build_absolute_uri(reverse("articles:home")),
        "inLanguage": content_language(),
        "publisher": publisher(request),
    }


def collection_json_ld(request, name, description, canonical):
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": name,
        "description": description,
        "url": canonical,
        "inLanguage": content_language(),
        "isPartOf": {"@type": "WebSite", "name": settings.NEWSDESK["SITE_NAME"], "url": request.build_absolute_uri(reverse("articles:home"))},
    }
