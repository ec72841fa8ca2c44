"""Library pictures inside an article body, rendered for readers.

An editor inserts a library picture into the body as `<figure><img src="…" data-file="ID" alt="…">
<figcaption>…</figcaption></figure>` (the rich-text editor's own attribute for a picked file; only a
number survives articles.sanitize). The stored body stays plain, portable HTML. When the page or a feed
is rendered, each such picture is replaced by the library image at its best: `<picture>` with AVIF/WebP
and JPEG srcset, width and height, lazy loading, the library's alt text and the photographer's credit.

`render_body` is the one function for both the article page (`{% article_body %}`) and the feeds. It only
ever inserts markup made by a template (autoescaped) into a body that articles.sanitize already cleaned,
so the result may be marked safe. A picture whose image was deleted, or whose original is gone from
storage, is left out; the rest of the body is untouched.
"""

from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from .models import Image, Watermark
from .renditions import OriginalUnavailable, renditions_for
from .templatetags.pictures import PRESETS

BODY_PRESET = "article"


def _library_id(attrs):
    value = dict(attrs).get("data-file") or ""
    return int(value) if value.isascii() and value.isdigit() else None


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []

    def handle_starttag(self, tag, attrs):
        if tag == "img" and (image_id := _library_id(attrs)) is not None:
            self.ids.append(image_id)


def library_image_ids(*bodies):
    """The ids of the library pictures referenced by these bodies, in order of appearance, each once."""
    collector = _Collector()
    for html in bodies:
        if html and "data-file" in html:
            collector.feed(html)
            collector.close()
            collector.reset()
    return list(dict.fromkeys(collector.ids))


def library_images(ids):
    """{id: Image} with every rendition, in two queries however many pictures the bodies hold."""
    if not ids:
        return {}
    return Image.objects.with_renditions().in_bulk(ids)


class _Rewriter(HTMLParser):
    """Copies a sanitized body token by token, replacing each library figure (or bare library image).

    The input is nh3's serialization, so copying the raw tag text back reproduces it exactly.
    """

    def __init__(self, replace_figure, replace_image):
        super().__init__(convert_charrefs=False)
        self.replace_figure = replace_figure
        self.replace_image = replace_image
        self.out = []
        self.depth = 0  # figures can only nest in crafted HTML; the outermost one is what gets replaced
        self.figure = None

    def handle_starttag(self, tag, attrs):
        if tag == "figure":
            if self.depth == 0:
                self.figure = {"start": len(self.out), "image": None, "alt": "", "caption": None}
            self.depth += 1
        elif tag == "figcaption" and self.depth == 1 and self.figure["caption"] is None:
            self.figure["caption"] = [len(self.out) + 1, None]
        elif tag == "img" and (image_id := _library_id(attrs)) is not None:
            alt = dict(attrs).get("alt") or ""
            if self.depth == 0:
                self.out.append(self.replace_image(image_id, alt))
                return
            if self.figure["image"] is None:
                self.figure.update(image=image_id, alt=alt)
        self.out.append(self.get_starttag_text())

    def handle_endtag(self, tag):
        self.out.append(f"</{tag}>")
        if tag == "figcaption" and self.depth == 1 and self.figure["caption"] and self.figure["caption"][1] is None:
            self.figure["caption"][1] = len(self.out) - 1
        elif tag == "figure" and self.depth:
            self.depth -= 1
            figure = self.figure
            if self.depth == 0 and figure["image"] is not None:
                caption = ""
                if figure["caption"] and figure["caption"][1] is not None:
                    caption = "".join(self.out[figure["caption"][0] : figure["caption"][1]])
                self.out[figure["start"] :] = [self.replace_figure(figure["image"], figure["alt"], caption)]

    def handle_data(self, data):
        self.out.append(data)

    def handle_entityref(self, name):
        self.out.append(f"&{name};")

    def handle_charref(self, name):
        self.out.append(f"&#{name};")


def render_body(html, images, *, desk=None, request=None, feed=False):
    """The sanitized body with its library pictures rendered; `images` from library_images().

    feed=True makes markup that feed readers and articles.sanitize.absolutize_urls keep: a figure with a
    plain JPEG <img> (readers show it away from our site, and many know neither <picture> nor WebP).
    """
    if not html or "data-file" not in html:
        return mark_safe(html or "")  # the sanitized body, as stored
    desk = desk or Watermark.current()
    specs = PRESETS[BODY_PRESET].srcset

    def rendered(image_id, alt, caption, figure):
        image = images.get(image_id)
        if image is None:
            return ""  # deleted from the library since: the picture goes, the article stays
        try:
            renditions = renditions_for(image, specs, desk=desk)
        except OriginalUnavailable:
            return ""
        if not strip_tags(caption).strip():
            caption = image.caption
        else:
            # Part of the sanitized body (the editor's own caption for this story), so it stays markup.
            caption = mark_safe(caption)
        fallback = renditions[(PRESETS[BODY_PRESET].fallback, "jpeg")]
        return render_to_string(
            "includes/body_picture.html",
            {
                "image": image,
                "alt": image.alt_text or alt,
                "caption": caption,
                "figure": figure,
                "feed": feed,
                "fallback": fallback,
                "request": request,
            },
        )

    rewriter = _Rewriter(
        replace_figure=lambda image_id, alt, caption: rendered(image_id, alt, caption, figure=True),
        replace_image=lambda image_id, alt: rendered(image_id, alt, "", figure=False),
    )
    rewriter.feed(html)
    rewriter.close()
    # Safe: the sanitized body, with pieces rendered by an autoescaping template in place of some of its figures.
    return mark_safe("".join(rewriter.out))
