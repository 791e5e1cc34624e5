"""Archive-wide aggregates (facet counts, charts, leaderboards, page counts), cached until the data changes.

Counting a million quotes by theme takes seconds, and the answer only changes when an import,
an edit, a merge or a retag commits. Every cached value is stored with the *data version*; any
write to the articles app replaces the version once its transaction commits, and the next
request recounts. Only requests that come while that recount runs get the previous value.
The timeout only bounds how long dead keys linger.

Bumping after the commit (not before) matters: a reader that computed from the old snapshot
while the write was in flight stores its answer under the old version, which is recounted on
the next request.
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache, caches
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_started
from django.db import connections, transaction
from django.db.models import QuerySet

from articles import bounded  # noqa: F401  (loaded with the app: the statement timeout's signals)

T = TypeVar("T")

VERSION_KEY = "data-version"
TIMEOUT = 24 * 3600
RECOUNT_SECONDS = 120  # a recount that takes longer (or died) lets the next request try again
_local = threading.local()  # the version read once per request, not once per value


def _state():
    """The data version and recount locks live apart from the cached values, so culling a full
    cache (or a flood of pages) never loses them."""
    return caches["state"]


def data_version() -> str:
    version = getattr(_local, "version", None)
    if version is None:
        version = _state().get_or_set(VERSION_KEY, str(time.time_ns()), timeout=None)
        _local.version = version
    return version


def _bump() -> None:
    _local.version = str(time.time_ns())
    _state().set(VERSION_KEY, _local.version, timeout=None)


def mark_changed(using: str = "default") -> None:
    """The archive changed: new cache keys from the moment the change commits (once per transaction)."""
    conn = connections[using]
    if not conn.in_atomic_block:
        _bump()
    elif not any(func is _bump for _, func, _ in conn.run_on_commit):
        transaction.on_commit(_bump, using=using)


def forget_request_version(**kwargs) -> None:
    _local.version = None
    _local.stale = False


def served_stale() -> bool:
    """Whether this request was given a previous version's value (so its page must not be kept)."""
    return getattr(_local, "stale", False)


request_started.connect(forget_request_version, dispatch_uid="summaries_forget_version")


def _digest(parts: tuple) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def versioned_key(name: str, *parts: Any) -> str:
    """A cache key for ``parts`` that changes with the data version."""
    return f"{name}:{data_version()}:{_digest(parts)}"


def cached(name: str, compute: Callable[[], T], *key: Any) -> T:
    """``compute()``, remembered under ``name`` and ``key`` until the data changes.

    After a change, the first request recomputes; requests that come while it does get the
    previous answer rather than recounting a million rows beside it (and their pages are not
    kept, see served_stale).
    """
    cache_key, version = f"{name}:{_digest(key)}", data_version()
    stored = cache.get(cache_key)
    if stored is not None and stored[0] == version:
        return stored[1]
    lock = f"recount:{cache_key}"
    if stored is not None and not _state().add(lock, version, RECOUNT_SECONDS):
        _local.stale = True
        return stored[1]
    try:
        value = compute()
        cache.set(cache_key, (version, value), TIMEOUT)
    finally:
        if stored is not None:
            _state().delete(lock)
    return value


def sql_of(queryset: QuerySet) -> str | None:
    """The SQL a queryset runs with its parameters, as a cache key; None when it can match
    nothing (``.none()``, ``pk__in=[]``), which Django answers without a query."""
    try:
        return repr(queryset.query.sql_with_params())
    except EmptyResultSet:
        return None


def rows(queryset: QuerySet, name: str = "rows") -> list:
    """A (small, aggregated) queryset's rows, cached by its SQL."""
    sql = sql_of(queryset)
    return list(queryset) if sql is None else cached(name, lambda: list(queryset), sql)


def count(queryset: QuerySet, at_most: int | None = None) -> int:
    """``queryset.count()``, cached by its SQL: a page count over a million quotes is not free.
    With ``at_most``, rows past that are not counted (``COUNT(*)`` over a ``LIMIT`` subquery), so
    the count is bounded work even when the cache is cold."""
    queryset = queryset.order_by()
    if at_most is not None:
        queryset = queryset[:at_most]
    sql = sql_of(queryset)
    return 0 if sql is None else cached("count", queryset.count, sql)


def on_articles_change(sender, **kwargs) -> None:
    """Signal receiver: any saved or deleted row of the articles app changes the summaries
    (for many-to-many changes, once they are made, not when they are about to be)."""
    if kwargs.get("action", "post_").startswith("post_"):
        mark_changed(kwargs.get("using") or "default")
