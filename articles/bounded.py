"""A PostgreSQL ``statement_timeout`` for web requests, none for commands and jobs.

Every connection starts with the web timeout (``STATEMENT_TIMEOUT_MS``, set in the connection
options by settings), so a connection nobody thought about is bounded. A connection opened
outside a request (a management command, an import, a background job, the test runner) lifts it
to ``COMMAND_STATEMENT_TIMEOUT_MS`` (0: none) as soon as it is made. A request that finds an
already-open unbounded connection (the test client, a command serving pages) sets the web
timeout for the request and puts the other back when the request ends.

A reader whose query hits the timeout gets a page saying so (``too_slow``), never a raw 500.
"""

from __future__ import annotations

import logging
import threading

import psycopg
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.db import DatabaseError, connections
from django.db.backends.signals import connection_created

from articles import warming

logger = logging.getLogger(__name__)
_local = threading.local()  # whether this thread is serving a request


def web_timeout_ms() -> int:
    return settings.STATEMENT_TIMEOUT_MS


def _request_timeout_ms() -> int:
    return getattr(_local, "request_timeout_ms", None) or web_timeout_ms()


def command_timeout_ms() -> int:
    return settings.COMMAND_STATEMENT_TIMEOUT_MS


def _set(connection, milliseconds: int) -> None:
    # On the driver's connection: a session setting, not one of the page's queries (nor counted as one).
    connection.connection.execute(f"SET statement_timeout = {int(milliseconds)}")
    connection.statement_timeout_ms = milliseconds


def limit(connection, milliseconds: int) -> None:
    """Bound this thread's ``connection`` to ``milliseconds`` a statement (a background recount's)."""
    connection.ensure_connection()
    _set(connection, milliseconds)


def _on_connection_created(sender, connection, **kwargs) -> None:
    if connection.vendor != "postgresql":
        return
    # Said again rather than trusted to the options: DATABASE_URL may bring options of its own.
    _set(connection, _request_timeout_ms() if getattr(_local, "in_request", False) else command_timeout_ms())


def _on_request_started(environ: dict | None = None, **kwargs) -> None:
    _local.in_request = True
    # A cache warm-up's request (articles/warming.py) is not a reader's: nobody waits on it.
    _local.request_timeout_ms = warming.STATEMENT_TIMEOUT_MS if warming.is_warming(environ) else web_timeout_ms()
    timeout = _request_timeout_ms()
    for connection in connections.all(initialized_only=True):
        if connection.vendor != "postgresql" or connection.connection is None:
            continue
        if getattr(connection, "statement_timeout_ms", None) != timeout:
            try:
                _set(connection, timeout)
                connection.statement_timeout_restore_ms = command_timeout_ms()
            except (DatabaseError, psycopg.Error):  # a broken connection: Django replaces it before the next query
                logger.warning("could not set the statement timeout on %s", connection.alias)


def _on_request_finished(**kwargs) -> None:
    _local.in_request = False
    _local.request_timeout_ms = None
    for connection in connections.all(initialized_only=True):
        restore = getattr(connection, "statement_timeout_restore_ms", None)
        if restore is None or connection.connection is None:
            continue
        connection.statement_timeout_restore_ms = None
        try:
            _set(connection, restore)
        except (DatabaseError, psycopg.Error):  # e.g. inside a transaction the request's own timeout aborted
            connection.statement_timeout_ms = None


def is_timeout(error: BaseException) -> bool:
    """Whether ``error`` is PostgreSQL cancelling a statement (the statement timeout)."""
    import psycopg.errors

    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, psycopg.errors.QueryCanceled):
            return True
        error = error.__cause__ or error.__context__
    return False


connection_created.connect(_on_connection_created, dispatch_uid="bounded_statement_timeout")
request_started.connect(_on_request_started, dispatch_uid="bounded_request_started")
request_finished.connect(_on_request_finished, dispatch_uid="bounded_request_finished")
