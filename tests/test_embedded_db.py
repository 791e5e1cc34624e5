"""The private PostgreSQL server: started on demand, shared, and robust to kills."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from config.embedded_db import ensure_server, stop_server

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def server_dir():
    """A folder for a private server's data under var/, not pytest's: any other pytest run starting
    meanwhile resets /tmp/pytest-of-<user> to 0700, and the server's own user could no longer reach
    its data there."""
    import shutil
    import tempfile

    (ROOT / "var").mkdir(exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="test-embedded-", dir=ROOT / "var"))
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def query(socket_dir: Path, sql: str, *params):
    with psycopg.connect(host=str(socket_dir), user="postgres", dbname="postgres", autocommit=True) as conn:
        cursor = conn.execute(sql, params)
        return cursor.fetchall() if cursor.description else None


def postmaster_pid(pgdata: Path) -> int:
    return int((pgdata / "postmaster.pid").read_text().split()[0])


def test_it_restarts_after_the_server_is_killed_with_data_intact(server_dir):
    pgdata = server_dir / "pgdata"
    socket_dir = ensure_server(pgdata)
    try:
        query(socket_dir, "CREATE TABLE notes (body text)")
        query(socket_dir, "INSERT INTO notes VALUES ('survives')")
        pid = postmaster_pid(pgdata)
        os.kill(pid, signal.SIGKILL)
        for _ in range(50):  # wait for the kill to land
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.1)

        socket_dir = ensure_server(pgdata)

        assert postmaster_pid(pgdata) != pid
        assert query(socket_dir, "SELECT body FROM notes") == [("survives",)]
    finally:
        stop_server(pgdata)


def test_the_server_outlives_a_killed_app_process(server_dir):
    pgdata = server_dir / "pgdata"
    app = subprocess.Popen(
        [
            sys.executable, "-c",
            "import sys, time, psycopg; from config.embedded_db import ensure_server; "
            f"s = ensure_server({str(pgdata)!r}); "
            "c = psycopg.connect(host=str(s), user='postgres', dbname='postgres', autocommit=True); "
            "c.execute('CREATE TABLE t (n int)'); c.execute('INSERT INTO t VALUES (42)'); "
            "print('ready', flush=True); time.sleep(60)",
        ],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )
    try:
        assert app.stdout.readline().strip() == "ready"
        app.send_signal(signal.SIGKILL)
        app.wait(10)

        socket_dir = ensure_server(pgdata)  # finds the running server; starts nothing

        assert query(socket_dir, "SELECT n FROM t") == [(42,)]
    finally:
        app.kill()
        stop_server(pgdata)


def test_it_offers_the_extensions_the_migrations_enable(server_dir):
    socket_dir = ensure_server(server_dir / "pgdata")
    try:
        names = {row[0] for row in query(socket_dir, "SELECT name FROM pg_available_extensions")}
        assert {"pg_trgm", "unaccent", "vector"} <= names
        assert query(socket_dir, "SHOW server_version")[0][0].startswith("18.")
    finally:
        stop_server(server_dir / "pgdata")


def settings_in_subprocess(env: dict) -> dict:
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        "d = settings.DATABASES['default']; "
        "print(json.dumps({k: d.get(k) for k in ('ENGINE', 'NAME', 'HOST', 'PORT', 'USER')}))"
    )
    clean_env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SECRET_KEY")}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True,
        env={**clean_env, "DJANGO_SETTINGS_MODULE": "config.settings", **env},
    )
    import json

    return json.loads(result.stdout)


def test_database_url_takes_precedence_over_the_embedded_server():
    db = settings_in_subprocess({"DATABASE_URL": "postgres://reader:pw@db.internal:6543/archive", "SECRET_KEY": "x" * 50})
    assert db == {
        "ENGINE": "django.db.backends.postgresql", "NAME": "archive", "HOST": "db.internal", "PORT": 6543, "USER": "reader",
    }


def test_without_database_url_it_uses_the_embedded_server_in_var():
    db = settings_in_subprocess({})
    assert db["ENGINE"] == "config.embedded_db"
    assert db["HOST"] == str(ROOT / "var" / "pgdata")


def test_a_database_url_that_is_not_postgresql_is_refused():
    code = "import django; django.setup()"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATABASE_URL": "sqlite:///x.db", "SECRET_KEY": "k"},
    )
    assert result.returncode != 0
    assert "DATABASE_URL must point at PostgreSQL" in result.stderr
