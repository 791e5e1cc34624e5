"""Archive-wide aggregates (facet counts, charts, leaderboards, page counts), cached until the data changes.

Counting a million quotes by theme takes seconds, and the answer only changes when an import, an
edit, a merge or a retag commits. Values are stored under the archive's *generation*, passed as the
cache ``version`` (djangoproject.com's dashboard does the same): every committed write to the
articles app sets a new generation, so every process sharing the cache (one release's keys start
with settings.RELEASE) stops reading the old values at once. Old generations are not deleted; they
expire. A generation culled from the cache is replaced by a new one: everything is recounted once.

After a change, a reader never waits for a recount that an earlier generation can stand in for:
the first request to find only a previous generation's value gets that value at once, and the
recount runs in a background thread of its process (one per key and generation across every
process sharing the cache, through ``cache.add``). Readers who come before it finishes get the
previous value too, and pages built on it are not kept (served_stale). The counts catch up as soon
as the recount is stored, typically within a second of the write.

Recounts stay in the request when the background could not give the right answer or nobody is
waiting: a value never computed before (nothing to stand in), a request inside a transaction
(its own uncommitted writes are invisible to another connection; also every test case), code
outside a request (commands, workers, the test runner), and a request that finds its process's
queue of recounts full (a crawler walking filter combinations right after a write).

Bumping after the commit (not before) matters: a reader that computed from the old snapshot while
the write was in flight stores its answer under the old generation, which nobody asks for again.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.core.signals import request_finished, request_started
from django.db import connections, transaction
from django.db.models import QuerySet

from articles import bounded

logger = logging.getLogger(__name__)

T = TypeVar("T")

GENERATION_KEY = "generation"
LAST = 0  # the version under which each value's key records the generation it was last computed in
TIMEOUT = 24 * 3600  # only bounds how long dead generations linger
RECENT_VALUES = 500  # values each process keeps a copy of (a few KB each)
MAX_QUEUED_RECOUNTS = 20  # per process; past it, a request recounts for itself
RECOUNT_SECONDS = 120  # a recount that takes longer (or died) lets the next request try again; also its statement timeout
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


def cached(name: str, compute: Callable[[], T], *key: Any, stand_in: Callable[[T], bool] | None = None) -> T:
    """``compute()``, remembered under ``name`` and ``key`` until the data changes.

    After a change, a request that finds the last generation's answer gets it at once while the
    recount runs in the background (see the module's docstring for when it runs in the request).
    ``stand_in(value)`` says whether a previous generation's value may stand in (by default any may).
    """
    cache_key, current = f"{name}:{_digest(key)}", generation()
    value = _read(cache_key, current)
    if value is not _MISSING:
        return value
    last = cache.get(cache_key, version=LAST)
    stale = _MISSING if last is None else _read(cache_key, last)
    if stale is not _MISSING and stand_in is not None and not stand_in(stale):
        stale = _MISSING
    if stale is _MISSING:
        return _recount(cache_key, current, compute)  # nothing to stand in: this request must wait
    lock = f"recount:{cache_key}"
    claimed = cache.add(lock, True, RECOUNT_SECONDS, version=current)  # else another is recounting it
    if claimed and not (_in_background_allowed() and _refresher.submit(cache_key, current, compute, lock)):
        try:
            return _recount(cache_key, current, compute)
        finally:
            cache.delete(lock, version=current)
    _memo()["stale"] = True
    return stale


def _recount(cache_key: str, current: int, compute: Callable[[], T]) -> T:
    value = compute()
    cache.set(cache_key, value, TIMEOUT, version=current)
    cache.set(cache_key, current, TIMEOUT, version=LAST)
    _recent.put(cache_key, current, value)
    return value


def _read(cache_key: str, version: int) -> Any:
    value = _recent.get(cache_key, version)
    if value is _MISSING:
        value = cache.get(cache_key, _MISSING, version=version)
        if value is not _MISSING:
            _recent.put(cache_key, version, value)
    return value


class _Recent:
    """The values this process read or stored lately, by key and generation. A value stored under a
    generation never changes, so this copy needs no asking the shared cache again (a query each);
    the generation itself is still read from the shared cache once a request. Kept pickled, so each
    reader gets its own copy, as from the shared cache."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, int], bytes] = OrderedDict()
        self._guard = threading.Lock()

    def get(self, cache_key: str, version: int) -> Any:
        with self._guard:
            data = self._items.get((cache_key, version))
            if data is None:
                return _MISSING
            self._items.move_to_end((cache_key, version))
        return pickle.loads(data)

    def put(self, cache_key: str, version: int, value: Any) -> None:
        data = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        with self._guard:
            self._items[(cache_key, version)] = data
            self._items.move_to_end((cache_key, version))
            while len(self._items) > self.size:
                self._items.popitem(last=False)


_recent = _Recent(RECENT_VALUES)


def _in_background_allowed() -> bool:
    """Whether a recount may leave this request: only a reader's request outside any transaction."""
    return _request.get() is not None and not connections["default"].in_atomic_block


class _Refresher:
    """One background thread per process that recounts stale summaries, one at a time, so a burst of
    writes costs the database one recount per key rather than one per reader."""

    def __init__(self) -> None:
        self._executor: ThreadPoolExecutor | None = None
        self._pending: set[Future] = set()
        self._guard = threading.Lock()

    def submit(self, cache_key: str, current: int, compute: Callable[[], Any], lock: str) -> bool:
        """Queue a recount; False when the queue is full (a crawler walking a thousand filter
        combinations after a write), and the request must recount for itself, as it would without
        this thread, rather than leave every other page's counts waiting behind the queue."""
        with self._guard:
            if len(self._pending) >= MAX_QUEUED_RECOUNTS:
                return False
            if self._executor is None:
                self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="summaries")
            future = self._executor.submit(self._run, cache_key, current, compute, lock)
            self._pending.add(future)
        future.add_done_callback(self._done)
        return True

    def _done(self, future: Future) -> None:
        with self._guard:
            self._pending.discard(future)

    @staticmethod
    def _run(cache_key: str, current: int, compute: Callable[[], Any], lock: str) -> None:
        try:
            # Its own connection: bounded like a request's, but with a recount's allowance.
            bounded.limit(connections["default"], RECOUNT_SECONDS * 1000)
            _recount(cache_key, current, compute)
        except Exception:
            # Readers keep the last value; the next request after the lock is gone tries again.
            logger.exception("background recount of %s failed", cache_key)
        finally:
            cache.delete(lock, version=current)
            connections.close_all()  # this thread's connections; a request's are its own

    def wait(self, timeout: float = 60.0) -> None:
        """Until every recount submitted so far has finished (the benchmark and tests use it)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._guard:
                pending = list(self._pending)
            if not pending:
                return
            for future in pending:
                future.exception(timeout=max(0.0, deadline - time.monotonic()))


_refresher = _Refresher()


def wait_for_refreshes(timeout: float = 60.0) -> None:
    """Block until the background recounts this process started have been stored."""
    _refresher.wait(timeout)


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
    if sql is None:
        return list(queryset)
    copy = queryset.all()  # the recount may run in another thread while this request goes on
    return cached(name, lambda: list(copy), sql)


def count(queryset: QuerySet, at_most: int | None = None) -> int:
    """``queryset.count()``, cached by its SQL: a page count over a million quotes is not free.
    With ``at_most``, rows past that are not counted (``COUNT(*)`` over a ``LIMIT`` subquery), so
    the count is bounded work even when the cache is cold. Such a count is current unless it was
    past ``at_most``: a paginator given the last generation's exact count would cut the newest rows
    off the list, but a list of more than ``at_most`` rows is not cut at its first pages, and
    counting that many again takes a reader a fifth of a second."""
    queryset = queryset.order_by()
    if at_most is not None:
        queryset = queryset[:at_most]
    sql = sql_of(queryset)
    if sql is None:
        return 0
    if at_most is None:
        return cached("count", queryset.count, sql)
    return cached("count", queryset.count, sql, stand_in=lambda last: last >= at_most)


def on_articles_change(sender, **kwargs) -> None:
    """Signal receiver: any saved or deleted row of the articles app changes the summaries
    (for many-to-many changes, once they are made, not when they are about to be)."""
    if kwargs.get("action", "post_").startswith("post_"):
        mark_changed(kwargs.get("using") or "default")
