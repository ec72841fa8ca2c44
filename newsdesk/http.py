"""How reader pages and personal pages tell caches what they may do."""

import hashlib
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseBadRequest, HttpResponseNotModified
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, quote_etag


def public_page(view):
    """Reader pages are the same for everyone: any cache may keep them for PUBLIC_CACHE_SECONDS."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        # A 304 repeats the caching rules of the 200 it stands for.
        if response.status_code in (200, 304):
            patch_cache_control(response, public=True, max_age=settings.PUBLIC_CACHE_SECONDS)
        return response

    return wrapper


def private_page(view):
    """Previews and other personal pages must never land in a shared cache."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return wrapper


# Cheap polling -------------------------------------------------------------------------------------
#
# Feeds, sitemaps and list pages are polled every few minutes by aggregators and crawlers. Each of
# them names a *fingerprint* of what it shows (ArticleQuerySet.fingerprint() or, for pages that can show
# any article, Article.objects.site_fingerprint(); one query each), and
# serve_conditionally() turns it into an ETag. A poll whose ETag still matches gets a 304 before
# anything renders; otherwise the rendered body is kept in the cache under the URL and that ETag, so
# publishing, editing or withdrawing an article changes the key and the next request renders afresh,
# while old entries simply expire.


def _refresh_bucket():
    # Names of tags and people (and, in feeds, of sections) also appear on these pages but carry no
    # timestamp; folding a coarse time bucket into the ETag bounds how long such an edit can stay unseen.
    seconds = settings.NEWSDESK["DISTRIBUTION_REFRESH_SECONDS"]
    return int(time.time() // seconds)


def serve_conditionally(request, fingerprint, render):
    """Answer a GET from the validator `fingerprint` (anything with a stable str()), calling `render()` only when needed.

    `render` returns the response a plain request would get; only 200s are cached.
    """
    if request.method not in ("GET", "HEAD"):
        return render()
    url = request.build_absolute_uri()
    digest = hashlib.sha256(f"{url}\n{fingerprint}\n{_refresh_bucket()}".encode()).hexdigest()[:32]
    etag = quote_etag(digest)
    cache_key = f"newsdesk:conditional:{digest}"

    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        if etag in {tag.strip() for tag in if_none_match.split(",")} or if_none_match.strip() == "*":
            return _not_modified(etag, cache.get(cache_key, {}).get("last_modified"))
        cached = None
    else:
        cached = cache.get(cache_key)
        since = parse_http_date_safe(request.headers.get("If-Modified-Since") or "")
        if cached and since is not None and cached["last_modified"] <= since:
            return _not_modified(etag, cached["last_modified"])

    if cached is None:
        cached = cache.get(cache_key)
    if cached is not None:
        response = HttpResponse(cached["content"], content_type=cached["content_type"])
    else:
        response = render()
        if hasattr(response, "render") and callable(response.render):
            response = response.render()
        if response.status_code != 200 or response.streaming:
            return response
        # The moment this version of the content first appeared, to the second (HTTP dates have no more).
        cached = {
            "content": response.content,
            "content_type": response["Content-Type"],
            "last_modified": int(time.time()),
        }
        cache.set(cache_key, cached, settings.NEWSDESK["DISTRIBUTION_REFRESH_SECONDS"])
    response["ETag"] = etag
    response["Last-Modified"] = http_date(cached["last_modified"])
    return response


def _not_modified(etag, last_modified):
    response = HttpResponseNotModified()
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified)
    return response


class ConditionalMixin:
    """For class-based views: define fingerprint() (≤ 2 queries, raising Http404 for a missing object)."""

    def fingerprint(self):
        raise NotImplementedError

    def get(self, request, *args, **kwargs):
        return serve_conditionally(request, self.fingerprint(), lambda: super(ConditionalMixin, self).get(request, *args, **kwargs))


class RejectNulQueryMiddleware:
    """A NUL byte can't be stored or compared in PostgreSQL text: a query string holding one (a search,
    an admin filter or autocomplete) gets a plain 400 here instead of a database error deep inside."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if "\x00" in request.META.get("QUERY_STRING", "") or any(
            "\x00" in key or any("\x00" in value for value in values) for key, values in request.GET.lists()
        ):
            return HttpResponseBadRequest("请求参数中含有不允许的空字符(NUL)。", content_type="text/plain; charset=utf-8")
        return self.get_response(request)
