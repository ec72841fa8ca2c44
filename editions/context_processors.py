from django.conf import settings
from django.urls import translate_url

from .service import HTML_LANG


def edition(request):
    """The page's language tag, and the same page's URL in each edition (switch and hreflang)."""
    current = getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE)
    here = request.get_full_path()
    editions = [
        {
            "code": code,
            "lang": HTML_LANG.get(code, code),
            "name": name,
            "url": translate_url(here, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    for entry in editions:
        entry["absolute_url"] = request.build_absolute_uri(entry["url"])
    return {"html_lang": HTML_LANG.get(current, current), "editions": editions}
