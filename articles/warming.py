"""Warming a release's caches before it takes traffic (``manage.py warm_cache``).

Every cache key starts with the release (settings.RELEASE), so a new release begins with nothing
counted: on the 100,000-article bench its first home page takes 4 s, the quote list 3 s and a
theme 6 s, because there is no earlier value to stand in while they are counted. Those counts
are archive-wide and shared by every host, so one process can make them once, before the proxy
sends readers to the new release. After that, a write only ever meets values that can stand in
while they are recounted in the background (articles/summaries.py).

The pages are requested through Django's own request handling (middleware, views, the page
cache) with the request marked as warming in its WSGI environ: HTTP headers reach the environ
only as ``HTTP_*`` keys, so no client can send the mark. A warming request is not rate limited
(one address asking for every page at once is the point) and gets the background recounts'
statement timeout rather than a reader's, since nobody waits on it.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

WARMING = "commentariat.warming"
STATEMENT_TIMEOUT_MS = 120_000  # as a background recount's (summaries.RECOUNT_SECONDS)
# The pages whose counts span the archive: each costs seconds the first time at scale.
PAGES = ("home", "article_list", "person_list", "theme_list", "source_list", "country_list",
         "speaker_index", "quote_list", "figure_list")


def is_warming(environ: dict | None) -> bool:
    return bool(environ and environ.get(WARMING))


@dataclass(frozen=True)
class Warmed:
    url: str
    status: int
    seconds: float

    @property
    def ok(self) -> bool:
        return self.status == 200

    def __str__(self) -> str:
        return f"{self.status} {self.seconds * 1000:8.0f} ms  {self.url}"


def default_urls() -> list[str]:
    """Every page of the navigation, and each theme's (a handful, each counted over the archive)."""
    from django.urls import reverse

    from articles.models import Theme

    return [reverse(name) for name in PAGES] + [theme.get_absolute_url() for theme in Theme.objects.order_by("name")]


def canonical_host() -> str:
    """The host readers use, as the page cache keys pages by their full URL: the first of
    ALLOWED_HOSTS that names one host (``.example.org`` counts as ``example.org``)."""
    from django.conf import settings

    for host in settings.ALLOWED_HOSTS:
        if host != "*":
            return host.lstrip(".")
    return "localhost"


def warm(urls: Iterable[str], *, host: str | None = None,
         progress: Callable[[list[str]], Iterable[str]] = iter,
         on_page: Callable[[Warmed], None] = lambda warmed: None) -> list[Warmed]:
    """Request each of ``urls`` once, as an anonymous reader on ``host``; a failing page is
    reported and the rest go on."""
    from django.conf import settings
    from django.test import Client

    from articles import summaries

    client = Client(raise_request_exception=False, HTTP_HOST=host or canonical_host(), **{WARMING: "1"})
    results = []
    for url in progress(list(urls)):
        started = time.perf_counter()
        response = client.get(url, secure=settings.SECURE_SSL_REDIRECT)
        if response.streaming:
            for _ in response.streaming_content:
                pass
        warmed = Warmed(url, response.status_code, time.perf_counter() - started)
        results.append(warmed)
        on_page(warmed)
    summaries.wait_for_refreshes()  # a recount a page queued would die with the command
    return results
