"""A new release on the bench's archive: what its first readers meet, without ``warm_cache`` and after it.

Every cache key starts with the release, so a release is simulated by a fresh key prefix: nothing
is counted, and there is no earlier value to stand in. Each page of ``warm_cache``'s list is then
asked for once as a first reader would (no warm-up), and again under another fresh prefix after
``warm_cache`` has run, with the page cache and fragments off (a reader on another URL variant or
another host, or an editor, who gets no kept page): what is left is the page's own rendering with
its counts ready.
"""

from __future__ import annotations

import time
from contextlib import contextmanager

from django.conf import settings
from django.test.utils import override_settings

from articles import summaries, warming
from bench.pages import PageTimer


@contextmanager
def fresh_release(label: str):
    prefix = f"{settings.RELEASE}-bench-{label}-{time.time_ns()}"
    caches = {alias: {**config, "KEY_PREFIX": prefix} for alias, config in settings.CACHES.items()
              if alias in ("default", "pages")}
    with override_settings(CACHES={**settings.CACHES, **caches}):
        yield
        summaries.wait_for_refreshes(timeout=120)  # none expected: nothing could stand in


def _first(timer: PageTimer, url: str) -> dict:
    started = time.perf_counter()
    status, _ = timer.request(url)
    return {"status": status, "ms": round((time.perf_counter() - started) * 1000, 1)}


def measure_release(out, urls: list[str] | None = None, *, keep_connection: bool = False) -> dict:
    urls = urls if urls is not None else warming.default_urls()
    timer = PageTimer(keep_connection)
    rows = {url: {"url": url} for url in urls}
    # One address asking for every page at once is the point here; the hostile section tests the limits.
    with override_settings(RATE_LIMITS=dict.fromkeys(settings.RATE_LIMITS)):
        with fresh_release("unwarmed"):
            for url in urls:
                rows[url]["unwarmed"] = _first(timer, url)
        with fresh_release("warmed"):
            started = time.perf_counter()
            for warmed in warming.warm(urls):
                rows[warmed.url]["warm"] = {"status": warmed.status, "ms": round(warmed.seconds * 1000, 1)}
            warm_s = time.perf_counter() - started
            # Fragments off too: they are kept per process, and the readers' processes are not this one.
            with override_settings(PAGE_CACHE=False, FRAGMENT_CACHE=False):
                for url in urls:
                    rows[url]["after"] = _first(timer, url)
    result = {"pages": list(rows.values()), "warm_seconds": round(warm_s, 1)}
    for line in format_release(result):
        out(line)
    return result


def format_release(result: dict) -> list[str]:
    def cell(measure: dict) -> str:
        return f"{measure['ms']:>8.0f}ms" + ("" if measure["status"] == 200 else f" ({measure['status']})")

    lines = ["\na new release (every cache key new, nothing counted): each page's first request without "
             "warm_cache, warm_cache's request for it, and a reader's first request after warm_cache (page cache and fragments off)",
             f"{'page':34} {'unwarmed':>10} {'warm_cache':>10} {'after':>10}"]
    for row in result["pages"]:
        lines.append(f"{row['url'][:34]:34} {cell(row['unwarmed']):>10} {cell(row['warm']):>10} {cell(row['after']):>10}")
    lines.append(f"warm_cache: {len(result['pages'])} pages in {result['warm_seconds']:.1f} s")
    lines.append("target: after warm_cache, every page's first request answers 200 within the cold target (250 ms)")
    return lines
