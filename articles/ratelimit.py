"""Per-address limits on the requests that cost the most: searches, exports, failed logins, and
the server time spent building pages for one address.

Fixed windows counted in a cache table of their own (settings.CACHES["ratelimit"]): a request of
a limited kind adds one to its address's count for the current window, and past the limit it is
answered 429 with Retry-After (the seconds left in the window) and a sentence saying so.

The middleware sits after the page cache: a search page an anonymous reader gets from the cache
costs a lookup and is not counted, while an attacker varying the query misses the cache every time
and is counted every time. Exports never come from the page cache. Failed logins are counted by
a signal receiver (connected in articles/apps.py) and checked here before the login view runs, so
an editor who types the password right is never slowed by their own address's count.

Every reader page that is not served from the page cache also spends the address's share of
server time (RATE_LIMITS["server_time"], milliseconds per window): a client looping expensive
URLs with ever-new query strings spends it in seconds and is then answered 429 at once, so the
workers stay free for everyone else. A person reading the site spends a few hundred milliseconds a
minute.

The client's address is REMOTE_ADDR, unless BEHIND_PROXY: then the proxies (PROXY_COUNT of them)
each appended the address they saw to X-Forwarded-For, and the client is the rightmost entry that
no trusted proxy wrote. django-axes reads the same function (AXES_CLIENT_IP_CALLABLE).
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.conf import settings
from django.core.cache import InvalidCacheBackendError, caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from articles import warming

EXPORT_FORMATS = {"md", "csv", "json"}


@dataclass(frozen=True)
class Kind:
    name: str
    setting: str  # in settings.RATE_LIMITS: (requests, seconds) or None for no limit
    sentence: str  # completed with "try again in N seconds"


SEARCH = Kind("search", "search", "Too many searches from your address")
EXPORT = Kind("export", "export", "Too many exports from your address")
PDF = Kind("pdf", "pdf", "Too many PDF exports from your address")
LOGIN = Kind("login", "login", "Too many failed logins from your address")
SERVER_TIME = Kind("server_time", "server_time", "Your address has used its share of the server for the moment")


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    if not settings.BEHIND_PROXY:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if not forwarded:
        return remote
    hops = max(1, settings.PROXY_COUNT)
    candidate = forwarded[-hops] if len(forwarded) >= hops else forwarded[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:  # a proxy that passes junk through: fall back to the peer, which is not forged
        return remote


def client_key(request: HttpRequest) -> str:
    """Who is counted: the address, or its /64 for IPv6 (one machine is usually given a whole /64)."""
    address = client_ip(request)
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address or "unknown"
    if parsed.version == 4:
        return str(parsed)
    if parsed.ipv4_mapped:
        return str(parsed.ipv4_mapped)
    return str(ipaddress.ip_network(f"{parsed}/64", strict=False))


def _cache():
    try:
        return caches[settings.RATE_LIMIT_CACHE]
    except InvalidCacheBackendError:
        return None  # tests that swap CACHES for dummies leave the alias out: no limits there


def _limit(kind: Kind) -> tuple[int, int] | None:
    return settings.RATE_LIMITS.get(kind.setting)


def _window(kind: Kind, request: HttpRequest, period: int) -> tuple[str, int]:
    """The cache key of this address's current window, and the seconds left in it."""
    now = time.time()
    index = int(now // period)
    retry_after = max(1, math.ceil((index + 1) * period - now))
    return f"ratelimit:{kind.name}:{client_key(request)}:{period}:{index}", retry_after


def hit(kind: Kind, request: HttpRequest, amount: int = 1) -> int | None:
    """Count ``amount`` (one request, or milliseconds) of this kind; the seconds to wait if it is
    over the limit, else None."""
    limit, cache = _limit(kind), _cache()
    if limit is None or cache is None:
        return None
    allowed, period = limit
    key, retry_after = _window(kind, request, period)
    # incr first: the window usually exists already, and the database cache's add costs as much
    # as a write. Its incr is a read and a write, not atomic: concurrent requests from one address
    # may be undercounted by the few that overlap, which a limit of this kind can bear.
    try:
        count = cache.incr(key, amount)
    except ValueError:  # the first request of the window (or a dummy cache)
        count = amount if cache.add(key, amount, period + 1) else _incr_or_amount(cache, key, amount)
    return retry_after if count > allowed else None


def _incr_or_amount(cache, key: str, amount: int) -> int:
    try:
        return cache.incr(key, amount)  # another worker added it meanwhile
    except ValueError:
        return amount


def over(kind: Kind, request: HttpRequest) -> int | None:
    """Whether this address is already over the limit (without counting): the seconds to wait."""
    limit, cache = _limit(kind), _cache()
    if limit is None or cache is None:
        return None
    allowed, period = limit
    key, retry_after = _window(kind, request, period)
    return retry_after if (cache.get(key) or 0) >= allowed else None


def too_many(request: HttpRequest, kind: Kind, retry_after: int) -> HttpResponse:
    seconds = "1 second" if retry_after == 1 else f"{retry_after} seconds"
    response = render(
        request, "429.html", {"message": f"{kind.sentence}; try again in {seconds}."}, status=429
    )
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


@lru_cache(maxsize=1)
def _login_path() -> str:
    return reverse("admin:login")


def kind_of(request: HttpRequest) -> Kind | None:
    if request.method == "POST":
        return LOGIN if request.path == _login_path() else None
    if request.method not in ("GET", "HEAD") or request.path.startswith(("/admin/", "/static/")):
        return None
    export_format = request.GET.get("format", "")
    if export_format == "pdf":
        return PDF
    if export_format in EXPORT_FORMATS:
        return EXPORT
    if request.GET.get("q", "").strip():  # /search/, and any list page filtered by words
        return SEARCH
    return None


def spends_server_time(request: HttpRequest) -> bool:
    """Reader pages and exports; not the admin (signed-in editors), static files or the login."""
    return request.method in ("GET", "HEAD") and not request.path.startswith(("/admin/", "/static/"))


class RateLimitMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if warming.is_warming(request.META):  # this site's own warm-up, never a client (articles/warming.py)
            return self.get_response(request)
        kind = kind_of(request)
        if kind is LOGIN:
            wait = over(kind, request)  # failures are counted by count_failed_login
        elif kind is not None:
            wait = hit(kind, request)
        else:
            wait = None
        if wait is not None:
            return too_many(request, kind, wait)
        if not spends_server_time(request):
            return self.get_response(request)
        if (wait := over(SERVER_TIME, request)) is not None:
            return too_many(request, SERVER_TIME, wait)
        started = time.monotonic()
        response = self.get_response(request)
        # A streamed export's rows are written after this returns; its own limit (EXPORT) covers it.
        hit(SERVER_TIME, request, max(1, round((time.monotonic() - started) * 1000)))
        return response


def count_failed_login(sender, credentials=None, request: HttpRequest | None = None, **kwargs) -> None:
    """user_login_failed receiver: one more failure for the address, whatever the username."""
    if request is not None:
        hit(LOGIN, request)
