"""Whole reader pages, kept for anonymous readers until the data changes.

A reader page costs 15–50 ms of templates; most visitors read the same pages. Anonymous GETs are
answered from the PostgreSQL cache under a key that carries the data version
(articles/summaries.py), so an import, an edit or a merge shows on the next request. Editors
(anyone with a session cookie), exports and the admin always get a fresh page.

Pages are shareable because nothing in them is per visitor for anonymous readers: the CSRF
header is only rendered for signed-in users (reader pages make no unsafe requests), and a
response that sets a cookie is never stored.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse

from articles import summaries

TIMEOUT = 3600  # dead versions and rarely read pages go within the hour
# The request headers a page varies on (render_page answers htmx with a fragment).
VARY_ON = ("HX-Request", "HX-Target", "HX-History-Restore-Request", "HX-Boosted")
SKIP_HEADERS = {"set-cookie", "x-page-cache"}


class ReaderPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not _cacheable_request(request):
            return self.get_response(request)
        key = summaries.versioned_key("page", request.method, request.build_absolute_uri(),
                                      *(request.headers.get(h, "") for h in VARY_ON))
        stored = caches["pages"].get(key)
        if stored is not None:
            status, headers, content = stored
            response = HttpResponse(content, status=status)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response) and not summaries.served_stale():
            headers = [(k, v) for k, v in response.items() if k.lower() not in SKIP_HEADERS]
            caches["pages"].set(key, (response.status_code, headers, response.content), TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not request.path.startswith(("/admin/", "/static/"))
        and "format" not in request.GET  # exports: files, some large, made on demand
    )


def _cacheable_response(response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and response.get("Content-Type", "").startswith("text/html")
    )
