"""Running queued jobs in tests through django-tasks' own worker loop, in this process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from unittest import mock
from urllib.parse import urlsplit, urlunsplit

from django.db import connection
from django_tasks_db.management.commands import db_worker

ROOT = Path(__file__).resolve().parents[2]


def run_worker() -> None:
    """Take and run every ready task with the real worker code (db_worker's Worker, in batch mode)."""
    worker = db_worker.Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker",
    )
    if connection.in_atomic_block:
        # Inside a test's transaction, the worker's between-tasks connection check would see the
        # test's open transaction and drop the connection; in a real worker it is autocommit.
        with mock.patch.object(db_worker, "close_old_connections", lambda: None):
            worker.run()
    else:
        worker.run()


def spawn_worker(*options: str) -> subprocess.Popen:
    """``manage.py db_worker`` in a process of its own, on the test database (committed data only)."""
    name = connection.settings_dict["NAME"]
    env = {**os.environ, "DATABASE_NAME": name, "LOG_LEVEL": "WARNING"}
    if env.get("DATABASE_URL"):
        env["DATABASE_URL"] = urlunsplit(urlsplit(env["DATABASE_URL"])._replace(path=f"/{name}"))
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker", "--no-reload", "--no-startup-delay", "--interval", "0.1", *options],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
