"""The converter in force, and converting whole responses (pages and feeds) for the traditional edition."""

import hashlib
import json
import re
from functools import lru_cache

from django.conf import settings
from django.core.cache import cache

from newsdesk.jsonld import script_json

from .convert import Converter
from .models import EditionSettings, GlossaryTerm

TRADITIONAL = "zh-hant"
SIMPLIFIED = "zh-hans"
HTML_LANG = {SIMPLIFIED: "zh-Hans", TRADITIONAL: "zh-Hant"}


def current_converter():
    """One small query (the settings row); the glossary itself is cached under its version."""
    desk = EditionSettings.load()
    key = f"editions:glossary:{desk.glossary_version}"
    glossary = cache.get(key)
    if glossary is None:
        glossary = tuple(GlossaryTerm.objects.values_list("simplified", "traditional"))
        cache.set(key, glossary, None)
    return _converter(glossary, desk.regional_vocabulary)


@lru_cache(maxsize=8)
def _converter(glossary, regional_vocabulary):
    return Converter.build(glossary, regional_vocabulary=regional_vocabulary)


# --- Pages and feeds -------------------------------------------------------------------------------

# A markup token: a comment, a script or style element (left alone whole), or any other tag.
_MARKUP = re.compile(
    r"<!--.*?-->|<(script|style)\b[^>]*>.*?</\1\s*>|<!\[CDATA\[.*?\]\]>|<(?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.DOTALL | re.IGNORECASE,
)
# Attributes a reader sees or hears. href, src, value and the like are never touched: URLs hold tag
# names and search terms that must stay as they are.
_SHOWN_ATTRIBUTES = re.compile(r"""(\s(?:alt|title|aria-label|placeholder|label)\s*=\s*)("([^"]*)"|'([^']*)')""", re.I)
_META_CONTENT = re.compile(
    r"""<meta\s[^>]*(?:name|property)\s*=\s*["'](?:description|keywords|og:title|og:description|og:site_name|og:image:alt|article:section|article:tag|twitter:title|twitter:description|twitter:image:alt)["']""",
    re.I,
)
# An Atom category names its section or tag in attributes; RSS says it as the element's text.
_ATOM_CATEGORY = re.compile(r"<category\s", re.I)
_CATEGORY_ATTRIBUTES = re.compile(r"""(\s(?:term|label)\s*=\s*)("([^"]*)"|'([^']*)')""", re.I)
_CONTENT_ATTRIBUTE = re.compile(r"""(\scontent\s*=\s*)("([^"]*)"|'([^']*)')""", re.I)
# Elements whose text must stay simplified, e.g. the 简体 link of the edition switch.
_KEEP_OPEN = re.compile(r"""<([a-z][a-z0-9]*)\b[^>]*\s(?:lang\s*=\s*["']zh-Hans["']|translate\s*=\s*["']no["'])""", re.I)
# Structured data (JSON-LD) is read by search engines and shown in their results, so its human-readable
# strings are converted too. Only these keys: the others hold URLs (a tag's URL keeps its simplified
# slug), dates, types and language tags, which must stay as they are.
_JSON_LD_OPEN = re.compile(r"""<script\b[^>]*\stype\s*=\s*["']application/ld\+json["'][^>]*>""", re.I)
_JSON_LD_TEXT_KEYS = frozenset(
    {"headline", "alternativeHeadline", "description", "name", "alternateName", "articleSection", "keywords", "caption", "abstract"}
)
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff\U00020000-\U0003ffff]")


def convert_markup(markup, converter):
    """Convert the text of an HTML page or an XML feed, leaving tags, URLs and scripts as they are, except
    for the readable strings of JSON-LD structured data."""
    pieces = []  # strings, indexes into `runs` for text to convert, or JSON-LD to put back together
    runs = []

    def text(value):
        if _CJK.search(value):
            pieces.append(len(runs))
            runs.append(value)
        else:
            pieces.append(value)

    def attributes(tag, pattern):
        position = 0
        for match in pattern.finditer(tag):
            value_start = match.start(2) + 1
            value_end = match.end(2) - 1
            pieces.append(tag[position:value_start])
            text(tag[value_start:value_end])
            position = value_end
        pieces.append(tag[position:])

    def json_ld(token):
        """Queue the JSON-LD's readable strings as runs; return a piece that re-serialises it afterwards."""
        opening = _JSON_LD_OPEN.match(token)
        try:
            data = json.loads(token[opening.end() : token.rindex("</")])
        except ValueError:  # not ours or not JSON: leave it exactly as it was
            return token
        slots = []  # (container, key or index, run index)

        def queue(container, key):
            value = container[key]
            if isinstance(value, str) and _CJK.search(value):
                slots.append((container, key, len(runs)))
                runs.append(value)

        def walk(node):
            if isinstance(node, dict):
                for key, value in node.items():
                    if key in _JSON_LD_TEXT_KEYS and isinstance(value, list):  # "keywords": ["台企", …]
                        for index in range(len(value)):
                            queue(value, index)
                    elif key in _JSON_LD_TEXT_KEYS:
                        queue(node, key)
                    elif isinstance(value, (dict, list)):
                        walk(value)
            elif isinstance(node, list):
                for value in node:
                    walk(value)

        walk(data)
        if not slots:
            return token
        return (opening.group(0), data, slots)

    keep = None  # (tag name, depth) while inside an element that stays simplified
    position = 0
    for match in _MARKUP.finditer(markup):
        between = markup[position : match.start()]
        if keep:
            pieces.append(between)
        else:
            text(between)
        token = match.group(0)
        position = match.end()
        if match.group(1) or token.startswith("<!--"):  # script, style, comment
            pieces.append(json_ld(token) if not keep and _JSON_LD_OPEN.match(token) else token)
            continue
        if token.startswith("<![CDATA["):
            pieces.append("<![CDATA[")
            if keep:
                pieces.append(token[9:-3])
            else:
                text(token[9:-3])
            pieces.append("]]>")
            continue
        name = re.match(r"</?\s*([a-zA-Z][a-zA-Z0-9:-]*)", token)
        name = name.group(1).lower() if name else ""
        if keep:
            if name == keep[0] and not token.endswith("/>"):
                depth = keep[1] + (-1 if token.startswith("</") else 1)
                keep = (keep[0], depth) if depth else None
            pieces.append(token)
            continue
        opened = _KEEP_OPEN.match(token)
        if opened and not token.endswith("/>"):
            keep = (name, 1)
            pieces.append(token)
            continue
        if _META_CONTENT.match(token):
            attributes(token, _CONTENT_ATTRIBUTE)
        elif _ATOM_CATEGORY.match(token):
            attributes(token, _CATEGORY_ATTRIBUTES)
        else:
            attributes(token, _SHOWN_ATTRIBUTES)
    tail = markup[position:]
    pieces.append(tail) if keep else text(tail)

    converted = converter.convert_many(runs)
    return "".join(_assemble(piece, converted) for piece in pieces)


def _assemble(piece, converted):
    if isinstance(piece, str):
        return piece
    if isinstance(piece, int):
        return converted[piece]
    opening, data, slots = piece  # JSON-LD: put the converted strings back, then escape as the page did
    for container, key, run in slots:
        container[key] = converted[run]
    return f"{opening}{script_json(data)}</script>"


CONVERTIBLE_TYPES = ("text/html", "application/rss+xml", "application/atom+xml", "application/xml", "text/xml")


def convert_response(response, converter):
    """Convert a rendered response in place. The result is cached by the hash of the simplified
    output and the converter's fingerprint, so an unchanged page is converted once, not per request."""
    if response.streaming or not response.get("Content-Type", "").startswith(CONVERTIBLE_TYPES):
        return response
    source = response.content
    key = f"editions:page:{converter.fingerprint}:{hashlib.sha256(source).hexdigest()}"
    converted = cache.get(key)
    if converted is None:
        converted = convert_markup(source.decode(response.charset), converter).encode(response.charset)
        cache.set(key, converted, settings.NEWSDESK["EDITION_CACHE_SECONDS"])
    response.content = converted
    if response.has_header("Content-Length"):
        response["Content-Length"] = str(len(converted))
    return response
