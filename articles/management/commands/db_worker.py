"""django-tasks' database worker, which also recovers jobs whose worker died.

Same command and options as django_tasks_db's ``db_worker``, plus ``--recover-every``. At start-up
(before taking any task) and then every ``--recover-every`` seconds, a RUNNING job whose worker is
gone is queued again to resume after its last finished batch, or failed after three such deaths
(articles/models/jobs.py). Run as many workers as you like: a job runs on one at a time.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV
from django_tasks_db.management.commands import db_worker

from articles.models import Job

logger = logging.getLogger(__name__)


def recover() -> None:
    try:
        for job in Job.objects.recover_interrupted():
            logger.warning("recovered job %s: %s", job.pk, job.error)
    except Exception:
        logger.exception("recovering interrupted jobs failed")
    finally:
        connection.close()  # this thread's; a thread's connection is its own


def keep_recovering(every: float) -> None:
    while True:
        time.sleep(every)
        recover()


class Command(db_worker.Command):
    help = "Run a database background worker (and resume jobs whose worker died)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--recover-every", type=float, default=30.0,
            help="Seconds between checks for jobs whose worker died (0: only at start-up; default: %(default)s)",
        )

    def handle(self, *args, recover_every: float, **options) -> None:
        # With --reload this process only watches the code; its child runs the tasks.
        watcher = options.get("reload") and not options.get("batch") and os.environ.get(DJANGO_AUTORELOAD_ENV) != "true"
        if not watcher:
            recover()
            if recover_every > 0:  # in a thread with a connection of its own, beside the tasks
                threading.Thread(target=keep_recovering, args=(recover_every,), name="recover-jobs", daemon=True).start()
        super().handle(*args, **options)
