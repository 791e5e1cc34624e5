"""Archive-wide aggregates (facet counts, charts, leaderboards, page counts), cached until the data changes.

Counting a million quotes by theme takes seconds, and the answer only changes when an import, an
edit, a merge or a retag commits. Values are stored under the archive's *generation*, passed as the
cache ``version`` (djangoproject.com's dashboard does the same): every committed write to the
articles app sets a new generation, so every process sharing the cache (one release's keys start
with settings.RELEASE) stops reading the old values at once. Old generations are not deleted; they
expire. A generation culled from the cache is replaced by a new one: everything is recounted once.

After a change the first request recomputes. Readers who come while it does get the value of the
last generation that was computed rather than recounting a million rows beside it, and their pages
are not kept (served_stale).

Bumping after the commit (not before) matters: a reader that computed from the old snapshot while
the write was in flight stores its answer under the old generation, which nobody asks for again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started
from django.db import connections, transaction
from django.db.models import QuerySet

from articles import bounded  # noqa: F401  (loaded with the app: the statement timeout's signals)

T = TypeVar("T")

GENERATION_KEY = "generation"
LAST = 0  # the version under which each value's key records the generation it was last computed in
TIMEOUT = 24 * 3600  # only bounds how long dead generations linger
RECOUNT_SECONDS = 120  # a recount that takes longer (or died) lets the next request try again
_MISSING = object()
# Per request: the generation, read once (a page asks for a dozen values), and whether a previous
# generation's value was served. Outside a request (commands, workers) the generation is read afresh.
_request: ContextVar[dict | None] = ContextVar("summaries_request", default=None)


def _memo() -> dict:
    return _request.get() or {}  # outside a request, a dict nobody keeps: read afresh each time


def generation() -> int:
    memo = _memo()
    if "generation" not in memo:
        memo["generation"] = cache.get_or_set(GENERATION_KEY, time.time_ns, timeout=None)
    return memo["generation"]


def _bump() -> None:
    value = time.time_ns()
    cache.set(GENERATION_KEY, value, timeout=None)
    _memo()["generation"] = value


def mark_changed(using: str = "default") -> None:
    """The archive changed: a new generation from the moment the change commits (once per transaction)."""
    conn = connections[using]
    # A test case's own atomic block stands for autocommit (Django marks it so for durable blocks too).
    if not any(not block._from_testcase for block in conn.atomic_blocks):
        _bump()
    elif not any(func is _bump for _, func, _ in conn.run_on_commit):
        transaction.on_commit(_bump, using=using)


def served_stale() -> bool:
    """Whether this request was given a previous generation's value (so its page must not be kept)."""
    return _memo().get("stale", False)


def _start_request(**kwargs) -> None:
    _request.set({"stale": False})  # not empty: an empty dict reads as no request


def _end_request(**kwargs) -> None:
    _request.set(None)


request_started.connect(_start_request, dispatch_uid="summaries_start_request")
request_finished.connect(_end_request, dispatch_uid="summaries_end_request")


def _digest(parts: tuple) -> str:
    return hashlib.blake2b(repr(parts).encode(), digest_size=12).hexdigest()


def cached(name: str, compute: Callable[[], T], *key: Any) -> T:
    """``compute()``, remembered under ``name`` and ``key`` until the data changes.

    After a change, the first request recomputes; requests that come while it does get the last
    generation's answer rather than recounting beside it.
    """
    cache_key, current = f"{name}:{_digest(key)}", generation()
    value = cache.get(cache_key, _MISSING, version=current)
    if value is not _MISSING:
        return value
    last, lock = cache.get(cache_key, version=LAST), f"recount:{cache_key}"
    locked = last is not None and cache.add(lock, True, RECOUNT_SECONDS, version=current)
    if last is not None and not locked:
        value = cache.get(cache_key, _MISSING, version=last)
        if value is not _MISSING:
            _memo()["stale"] = True
            return value
    try:
        value = compute()
        cache.set(cache_key, value, TIMEOUT, version=current)
        cache.set(cache_key, current, TIMEOUT, version=LAST)
    finally:
        if locked:
            cache.delete(lock, version=current)
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
