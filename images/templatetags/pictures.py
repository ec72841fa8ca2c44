from dataclasses import dataclass

from django import template

from images.models import Watermark
from images.renditions import MIME, MODERN_FORMATS, OriginalUnavailable, renditions_for

register = template.Library()


@dataclass(frozen=True)
class Preset:
    srcset: tuple  # specs offered to the browser, smallest first
    fallback: str  # the spec of the <img src>, for browsers that ignore srcset
    sizes: str


# How wide each kind of picture is laid out, so the browser picks the smallest file that is sharp enough.
PRESETS = {
    "thumb": Preset(("thumb",), "thumb", "(max-width: 50rem) 50vw, 9rem"),
    "article": Preset(("article", "full"), "article", "(max-width: 50rem) 100vw, 40rem"),
    "full": Preset(("article", "full"), "full", "100vw"),
    "share": Preset(("share",), "share", "1200px"),
}


def _srcset(renditions, specs, fmt):
    by_width = {}
    for spec in specs:
        rendition = renditions.get((spec, fmt))
        if rendition is not None:
            by_width.setdefault(rendition.width, rendition)
    return ", ".join(f"{r.file.url} {w}w" for w, r in sorted(by_width.items()))


def desk_watermark(context):
    """The desk's watermark settings, read once per request however many pictures the page shows."""
    request = context.get("request")
    if request is None:
        return Watermark.current()
    if not hasattr(request, "_desk_watermark"):
        request._desk_watermark = Watermark.current()
    return request._desk_watermark


@register.inclusion_tag("includes/picture.html", takes_context=True)
def picture(context, image, preset="article", sizes=None, loading="lazy", css_class="", alt=None):
    """<picture> with AVIF/WebP sources and a JPEG <img> carrying width and height, so nothing shifts on load.

    Renditions come from image.renditions (prefetch them on lists) and are made once, on first use.
    `loading="eager"` for the picture at the top of a page; everything else loads lazily.
    """
    if image is None:
        return {"image": None}
    chosen = PRESETS[preset]
    try:
        renditions = renditions_for(image, chosen.srcset, desk=desk_watermark(context))
    except OriginalUnavailable:
        # The page goes out without this picture rather than not at all (the warning is logged).
        return {"image": None}
    fallback = renditions[(chosen.fallback, "jpeg")]
    sources = [
        {"type": MIME[fmt], "srcset": _srcset(renditions, chosen.srcset, fmt)}
        for fmt in MODERN_FORMATS
        if any((spec, fmt) in renditions for spec in chosen.srcset)
    ]
    return {
        "image": image,
        "sources": sources,
        "src": fallback.file.url,
        "srcset": _srcset(renditions, chosen.srcset, "jpeg"),
        "width": fallback.width,
        "height": fallback.height,
        "sizes": sizes or chosen.sizes,
        "loading": loading,
        "css_class": css_class,
        "alt": image.alt_text if alt is None else alt,
    }


@register.simple_tag(takes_context=True)
def article_body(context, article):
    """The article's sanitized body, its library pictures rendered as <picture> (images.body).

    All of the body's library images and their renditions load in two queries, however many there are.
    """
    from images.body import library_image_ids, library_images, render_body

    images = library_images(library_image_ids(article.body))
    return render_body(article.body, images, desk=desk_watermark(context), request=context.get("request"))
