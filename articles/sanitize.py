"""The one place that decides which HTML an article body may contain.

The editor is configured with the same elements, but whatever arrives at the server is cleaned
here on every save, so a crafted POST or an import can never store script.
"""

from urllib.parse import urljoin

import nh3

ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "ul", "ol", "li", "blockquote",
    "strong", "em", "a", "figure", "figcaption", "img",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    # data-file: the id of the library image an editor picked (the editor's own attribute for picked files);
    # the page and feeds render that image as a full <picture> (images.body).
    "img": {"src", "alt", "width", "height", "data-file"},
    "ol": {"start"},
}
# javascript:, data: and vbscript: URLs are dropped with their attribute.
URL_SCHEMES = {"http", "https", "mailto"}

# The matching configuration for django-prose-editor, so editors can only make what survives cleaning.
EDITOR_EXTENSIONS = {
    "Bold": True,
    "Italic": True,
    "Heading": {"levels": [2, 3, 4]},
    "HardBreak": True,
    "BulletList": True,
    "OrderedList": True,
    "ListItem": True,
    "Blockquote": True,
    "Link": {"enableTarget": False, "protocols": ["http", "https", "mailto"]},
    "Figure": True,
    "Caption": True,
    "Image": True,
}


def _keep_attribute(tag, attribute, value):
    # A library reference is a positive integer or nothing: it is looked up by primary key later.
    if attribute == "data-file":
        return value if value.isascii() and value.isdigit() and len(value) <= 18 else None
    return value


_cleaner = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    attributes=ALLOWED_ATTRIBUTES,
    url_schemes=URL_SCHEMES,
    link_rel="noopener",
    # Content of these is dropped entirely rather than shown as text.
    clean_content_tags={"script", "style"},
    strip_comments=True,
    attribute_filter=_keep_attribute,
)


def sanitize_body(html: str) -> str:
    cleaned = _cleaner.clean(html or "").strip()
    # The editor's empty document is a single empty paragraph; store that as no body at all.
    return "" if cleaned in {"<p></p>", "<p><br></p>"} else cleaned


def absolutize_urls(html: str, base: str) -> str:
    """The sanitized body with every link and image URL made absolute against `base`.

    Feed readers show the body away from our site, where /media/… would point nowhere. The body
    goes through the same allow-list again (a no-op on a cleaned body) so that an HTML parser, not a
    regular expression, finds the attributes.
    """

    def absolute(tag, attribute, value):
        if (tag, attribute) in {("a", "href"), ("img", "src")}:
            return urljoin(base, value)
        return _keep_attribute(tag, attribute, value)

    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener",
        strip_comments=True,
        attribute_filter=absolute,
    )
