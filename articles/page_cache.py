"""Whole reader pages, kept for anonymous readers until the data changes.

A reader page costs 15–50 ms of templates; most visitors read the same pages. Anonymous GETs are
answered from the "pages" cache (a Django cache); the key is the URL and the request headers the
response varies on (VARY_ON), so htmx fragments and whole pages are kept apart. The key prefix is the archive's generation (articles/summaries.py), so an import, an edit
or a merge on any host shows on the next request on every host.

Not Django's CacheMiddleware as such: it also tells browsers to keep the page (``max-age``) for the
whole timeout, so a reader would not see an edit until then; here only the server keeps it.
Anyone with a session cookie (editors) gets a fresh page marked private; exports, the admin, errors
and responses that set a cookie are never stored. Pages are shareable because nothing in them is
per visitor for anonymous readers: the CSRF header is only rendered for signed-in users.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control, patch_vary_headers

from articles import summaries

TIMEOUT = 3600  # dead generations and rarely read pages go within the hour
# The request headers every page varies on (render_page answers htmx with a fragment).
VARY_ON = ("HX-Request", "HX-Target", "HX-History-Restore-Request", "HX-Boosted")


class ReaderPageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if settings.SESSION_COOKIE_NAME in request.COOKIES:  # signed in (or was): per user, not for proxies either
            response = self.get_response(request)
            patch_cache_control(response, private=True)
            return response
        if not _cacheable_request(request):
            return self.get_response(request)
        cache = caches["pages"]
        key = _key(request, summaries.generation())
        response = cache.get(key)
        if response is not None:
            response["X-Page-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if _cacheable_response(response) and not summaries.served_stale():
            patch_vary_headers(response, VARY_ON)  # for proxies and browsers; our key already holds them
            cache.set(key, response, TIMEOUT)
            response["X-Page-Cache"] = "miss"
        return response


def _key(request: HttpRequest, generation: int) -> str:
    """The page's key: the generation, the full URL and the headers in VARY_ON.

    Django's get_cache_key/learn_cache_key keep a list of the headers a URL varies on under a key
    of its own, which costs a second cache read on every hit. Here that list is known and fixed
    (VARY_ON), so the key is computed at once: a served page costs the generation and the page,
    two reads. The Cookie header is left out on purpose: nothing in these pages is per visitor
    (signed-in readers, the only ones they would differ for, never reach the cache).
    """
    varies = "\x1f".join(request.headers.get(name, "") for name in VARY_ON)
    digest = hashlib.blake2b(f"{request.build_absolute_uri()}\x1e{varies}".encode(), digest_size=16).hexdigest()
    return f"page:g{generation}:{digest}"  # HEAD is answered with the GET page, as Django does


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        settings.PAGE_CACHE
        and request.method in ("GET", "HEAD")
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


# -- Fragments: the data-only part of a page, for every reader -----------------------------------
#
# The page cache serves anonymous readers only, and nothing when PAGE_CACHE is off. What a reader
# page shows of the archive (an article's text and margin, a list's items and facets) is the same
# for everyone who asks for the same URL until the data changes; only the shell around it (the
# signed-in nav, the edit link, the CSRF header, the search box) is per request. So that part is
# kept under the archive's generation, like the summaries it is built from, in each process's
# memory: a hit costs no query beyond the generation, which the request reads anyway. Any
# committed write moves the generation, so an editor sees their own edit on the next request.

FRAGMENTS_KEPT = 400  # per process, each the HTML of one page's data part (20–80 KB)
FRAGMENT_CHARACTERS = 24_000_000  # and at most this much HTML in all, whatever the pages' sizes


class _Fragments:
    """The current generation's fragments of this process, least recently used dropped first.
    A newer generation empties it: older ones are never asked for again."""

    def __init__(self, size: int, characters: int) -> None:
        self.size, self.characters = size, characters
        self.generation = 0
        self._held = 0  # characters of HTML held
        self._items: OrderedDict[tuple, dict] = OrderedDict()
        self._guard = threading.Lock()

    def get(self, key: tuple, generation: int) -> dict | None:
        with self._guard:
            if generation != self.generation:
                return None
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: tuple, generation: int, value: dict) -> None:
        with self._guard:
            if generation < self.generation:
                return  # a request that began before a write: its page is of an older archive
            if generation > self.generation:
                self._items.clear()
                self._held, self.generation = 0, generation
            if key in self._items:
                self._held -= len(self._items.pop(key).get("html", ""))
            self._items[key] = value
            self._held += len(value.get("html", ""))
            while len(self._items) > self.size or (self._held > self.characters and len(self._items) > 1):
                self._held -= len(self._items.popitem(last=False)[1].get("html", ""))

    def clear(self) -> None:
        with self._guard:
            self._items.clear()
            self._held = 0


_fragments = _Fragments(FRAGMENTS_KEPT, FRAGMENT_CHARACTERS)


def fragment(request: HttpRequest, name: str, build: Callable[[], dict]) -> dict:
    """``build()``, kept for this URL (scheme, host, path and query string) and the htmx headers
    in VARY_ON until the data changes. ``build`` must return what the page shows of the archive
    and nothing of the visitor (no user, CSRF token or messages), as plain values and escaped HTML.

    A value built while the last generation's summaries stood in (summaries.served_stale) is
    not kept: the next request builds it again, once the recount is stored, from current data.
    A request that had already been given a stand-in before building is not kept either, since
    the two cannot be told apart.
    """
    if not settings.FRAGMENT_CACHE:
        return build()
    varies = tuple(request.headers.get(header, "") for header in VARY_ON)
    key, current = (name, request.build_absolute_uri(), varies), summaries.generation()
    value = _fragments.get(key, current)
    if value is not None:
        return value
    stale_before = summaries.served_stale()
    value = build()
    if not stale_before and not summaries.served_stale():
        _fragments.put(key, current, value)
    return value
