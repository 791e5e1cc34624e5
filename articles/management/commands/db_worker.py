"""django-tasks' database worker, which also recovers jobs whose worker died, and hands its job
back when it is asked to stop.

Same command and options as django_tasks_db's ``db_worker``, plus ``--recover-every``. At start-up
(before taking any task) and then every ``--recover-every`` seconds, a RUNNING job whose worker is
gone is queued again to resume after its last finished batch, or failed after three such deaths
(articles/models/jobs.py). Asked to stop (SIGTERM, Ctrl+C), the worker ends its job at the end of
the current batch and queues it again, rather than finishing it first. Run as many workers as you
like: a job runs on one at a time.
"""

from __future__ import annotations

import logging
import os
import threading
import time

from django.db import connection
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from articles.models import Job
from articles.models.jobs import stopping

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


class Worker(db_worker.Worker):
    def shutdown(self, signum, frame) -> None:
        stopping.set()  # the running job stops after its batch (django-tasks' worker would wait for all of it)
        super().shutdown(signum, frame)


class Command(db_worker.Command):
    help = "Run a database background worker (resuming jobs whose worker died)"

    def add_arguments(self, parser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--recover-every", type=float, default=30.0,
            help="Seconds between checks for jobs whose worker died (0: only at start-up; default: %(default)s)",
        )

    def handle(self, *, verbosity: int, queue_name: str, interval: float, batch: bool, backend_name: str,
               startup_delay: bool, reload: bool, max_tasks: int | None, worker_id: str, recover_every: float,
               **options) -> None:
        # As django_tasks_db's handle (0.12.0), with our Worker and the recovery.
        self.configure_logging(verbosity)
        reload = reload and not batch
        worker = Worker(queue_names=queue_name.split(","), interval=interval, batch=batch, backend_name=backend_name,
                        startup_delay=startup_delay, max_tasks=max_tasks, worker_id=worker_id)
        # With --reload this process only watches the code; its child runs the tasks.
        if not reload or os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
            recover()
            if recover_every > 0:  # in a thread with a connection of its own, beside the tasks
                threading.Thread(target=keep_recovering, args=(recover_every,), name="recover-jobs", daemon=True).start()
            worker.configure_signals()
        if reload:
            run_with_reloader(worker.run)
        else:
            worker.run()
