from django.conf import settings
from django.utils import translation

from .service import HTML_LANG, TRADITIONAL, convert_response, current_converter


class EditionMiddleware:
    """Chooses the edition from the URL alone and converts the traditional edition's responses.

    Replaces Django's LocaleMiddleware: that one falls back to cookies and Accept-Language on unprefixed
    URLs and adds `Vary: Accept-Language`, which would split shared caches for no reason, since each
    edition has its own URL. Nobody is ever redirected by their browser's language.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
        # override(), not activate(): the thread's language is restored afterwards, so nothing that
        # runs after a traditional request (another request, a test, a command) inherits it.
        with translation.override(language):
            request.LANGUAGE_CODE = translation.get_language()
            response = self.get_response(request)
            if request.LANGUAGE_CODE == TRADITIONAL:
                convert_response(response, current_converter())
        response.headers.setdefault("Content-Language", HTML_LANG.get(request.LANGUAGE_CODE, request.LANGUAGE_CODE))
        return response
