"""Long editor actions as recorded jobs: queued with the change that asks for them, run by a worker
(`manage.py db_worker`, django-tasks' database backend), resumed after a crash, shown in the admin.

A job's row is our record for editors (what, how far, why it failed); the django-tasks result row is
the queue's. A job is created and its task enqueued in the caller's transaction: the database
backend writes the task row there, so the change and its job commit together or not at all.

Whether a RUNNING job's worker is still alive is known exactly, without heartbeats: the runner holds
a PostgreSQL session advisory lock on the job for as long as it runs, and PostgreSQL releases it
the moment the worker's connection ends (``kill -9``, a lost machine). ``recover_interrupted()``
re-queues a job whose lock is free; the job resumes after its last finished batch.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.module_loading import import_string

# The worker's entry point, named rather than imported: articles.tasks imports the models and the
# work its handlers do (extraction, report exports), none of which the models may depend on.
RUN_JOB_TASK = "articles.tasks.run_job"

logger = logging.getLogger(__name__)

# The first key of every job's advisory lock (the second is the job's id): "JOB" in ASCII.
LOCK_SPACE = 0x4A4F42
# A job whose worker died this many times is reported failed rather than tried again.
MAX_ATTEMPTS = 3


# Set when this worker process is asked to stop (db_worker's SIGTERM/SIGINT): its job stops at the
# end of the batch it is in and is queued again, instead of keeping the worker for minutes.
stopping = threading.Event()


class JobCancelled(Exception):
    """The job was superseded or re-queued by someone else while it ran: stop without touching it."""


class JobInterrupted(Exception):
    """This worker is stopping: hand the job back between two batches."""


class JobQuerySet(models.QuerySet):
    def unfinished(self) -> JobQuerySet:
        return self.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING])

    def start(self, kind: str, title: str, *, params: dict, user=None, unit: str = "articles") -> Job:
        """Record a job and enqueue its task, in the caller's transaction (see the module's docstring)."""
        with transaction.atomic():
            job = self.create(kind=kind, title=title, params=params, unit=unit,
                              created_by=user if user is not None and user.is_authenticated else None)
            job.enqueue()
        return job

    def recover_interrupted(self) -> list[Job]:
        """Re-queue (or, after MAX_ATTEMPTS, fail) every RUNNING job whose worker is gone, and fail
        QUEUED jobs whose task ended without running them. Safe to run anywhere, any time, by many."""
        recovered = []
        with transaction.atomic():
            for job in self.select_for_update(skip_locked=True).filter(status=Job.Status.RUNNING):
                if not job.runner_gone():
                    continue
                job.forget_task("The worker stopped while running this job.")
                where = f"after {job.done:,} of {job.total:,} {job.unit}"
                if job.attempts >= MAX_ATTEMPTS:
                    job.status, job.finished_at = Job.Status.FAILED, timezone.now()
                    job.error = f"The worker stopped {job.attempts} times while running this job (last {where}); " \
                                "it was not tried again. Once the cause is fixed, choose Run again in the list of jobs."
                else:
                    job.status = Job.Status.QUEUED
                    job.error = f"The worker stopped {where}; queued again to carry on from there."
                    job.enqueue()
                job.save(update_fields=["status", "error", "finished_at", "task_id"])
                logger.warning("job %s (%s): %s", job.pk, job.title, job.error)
                recovered.append(job)
            recovered += self._fail_orphaned_queued()
        return recovered

    def _fail_orphaned_queued(self) -> list[Job]:
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        ended = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.FAILED, TaskResultStatus.SUCCESSFUL]
        ).values("id")
        orphans = list(self.select_for_update(skip_locked=True).filter(status=Job.Status.QUEUED, task_id__in=ended))
        for job in orphans:
            job.status, job.finished_at = Job.Status.FAILED, timezone.now()
            job.error = "Its task ended without running it (see the task result for the traceback)."
            job.save(update_fields=["status", "error", "finished_at"])
        return orphans


class Job(models.Model):
    """One long editor action (re-tagging a theme, re-extracting articles), done in batches."""

    class Kind(models.TextChoices):
        RETAG_THEME = "retag_theme", "Re-tag a theme"
        REANALYSE = "reanalyse", "Re-run extraction"
        REPORT = "report", "Make a report"  # a large export, for a reader (articles/report_jobs.py)

    class Status(models.TextChoices):
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Running"
        SUCCEEDED = "succeeded", "Done"
        FAILED = "failed", "Failed"
        CANCELLED = "cancelled", "Cancelled"

    kind = models.CharField(max_length=40, choices=Kind.choices)
    title = models.CharField(max_length=300, help_text="What the job does, in words: Re-tagging ‘Escalation’.")
    unit = models.CharField(max_length=40, default="articles")
    params = models.JSONField(default=dict, blank=True, help_text="What to work on (ids), for the task.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.QUEUED)
    total = models.PositiveIntegerField(default=0)
    done = models.PositiveIntegerField(default=0)
    cursor = models.BigIntegerField(null=True, blank=True, help_text="The last id finished: a restart resumes after it.")
    attempts = models.PositiveIntegerField(default=0, help_text="Runs begun, less those a stopping worker handed back: more than one after a crash.")
    error = models.TextField(blank=True)
    task_id = models.UUIDField(null=True, blank=True, help_text="The django-tasks result of its latest run.")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = JobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status"], name="job_status_idx", condition=models.Q(status__in=["queued", "running"]))]

    def __str__(self) -> str:
        return self.progress_text

    @property
    def progress_text(self) -> str:
        if self.status == Job.Status.QUEUED and not self.done:
            return f"{self.title}: waiting for a worker"
        return f"{self.title}: {self.done:,} of {self.total:,} {self.unit}"

    @property
    def finished(self) -> bool:
        return self.status in (Job.Status.SUCCEEDED, Job.Status.FAILED, Job.Status.CANCELLED)

    def run_again(self) -> bool:
        """Queue a failed job again; it carries on after its last finished batch."""
        with transaction.atomic():
            if not Job.objects.filter(pk=self.pk, status=Job.Status.FAILED).update(
                status=Job.Status.QUEUED, attempts=0, error="", finished_at=None
            ):
                return False
            self.enqueue()
        return True

    # The runner's side. Writes go through update() so that a job's bookkeeping sends no save signal.

    def _lock(self, function: str) -> bool:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {function}(%s, %s)", [LOCK_SPACE, self.pk])
            return cursor.fetchone()[0]

    def runner_gone(self) -> bool:
        """No live session holds this job's lock (our own session would get it back: never ask there)."""
        if self._lock("pg_try_advisory_lock"):
            self._lock("pg_advisory_unlock")
            return True
        return False

    def begin(self, task_id=None) -> bool:
        """Take the job for this worker: its lock first (so that it is never RUNNING unlocked), then
        the row. False when it is finished, or another live worker has it."""
        if not self._lock("pg_try_advisory_lock"):
            return False
        with transaction.atomic():
            current = Job.objects.select_for_update().get(pk=self.pk)
            if current.finished:
                self._lock("pg_advisory_unlock")
                self.status = current.status
                return False
            now = timezone.now()
            changes = {"status": Job.Status.RUNNING, "attempts": current.attempts + 1,
                       "started_at": current.started_at or now, "updated_at": now}
            if task_id is not None:
                changes["task_id"] = task_id
            Job.objects.filter(pk=self.pk).update(**changes)
        self.refresh_from_db()
        return True

    def release(self) -> None:
        self._lock("pg_advisory_unlock")

    def run_batches(self, ids: models.QuerySet, process: Callable[[Sequence[int]], None], size: int) -> None:
        """Process ``ids`` (a queryset of primary keys) in order, ``size`` at a time, each batch in
        its own transaction with the job's progress, so a restart carries on after the last batch."""
        ids = ids.order_by("pk")
        remaining = ids.filter(pk__gt=self.cursor) if self.cursor is not None else ids
        self.total = self.done + remaining.count()
        Job.objects.filter(pk=self.pk).update(total=self.total, updated_at=timezone.now())
        while True:
            if stopping.is_set():
                raise JobInterrupted
            after = ids.filter(pk__gt=self.cursor) if self.cursor is not None else ids
            batch = list(after.values_list("pk", flat=True)[:size])
            if not batch:
                return
            with transaction.atomic():
                current = Job.objects.select_for_update().filter(pk=self.pk).values("status", "attempts").first()
                if current != {"status": Job.Status.RUNNING, "attempts": self.attempts}:
                    raise JobCancelled
                process(batch)
                self.cursor, self.done = batch[-1], self.done + len(batch)
                Job.objects.filter(pk=self.pk).update(cursor=self.cursor, done=self.done, updated_at=timezone.now())

    def end(self, status: str, error: str | None = None) -> None:
        """Record the outcome, unless the job was taken from this run meanwhile. Without an error,
        a note from an earlier run (a crash it recovered from) stays."""
        self.status, self.finished_at = status, timezone.now()
        changes = {"status": status, "finished_at": self.finished_at, "updated_at": self.finished_at}
        if error is not None:
            self.error = changes["error"] = error
        Job.objects.filter(pk=self.pk, status=Job.Status.RUNNING, attempts=self.attempts).update(**changes)

    def hand_back(self) -> None:
        """Queue the job again for another worker (this one is stopping); it resumes after the last batch."""
        with transaction.atomic():
            if Job.objects.filter(pk=self.pk, status=Job.Status.RUNNING, attempts=self.attempts).update(
                status=Job.Status.QUEUED, attempts=self.attempts - 1,  # a clean stop is no failed attempt
                error=f"Its worker stopped after {self.done:,} of {self.total:,} {self.unit}; queued again to carry on.",
            ):
                self.enqueue()

    def enqueue(self) -> None:
        """Queue the task that runs this job, and remember it, in the caller's transaction."""
        self.task_id = import_string(RUN_JOB_TASK).enqueue(self.pk).id
        Job.objects.filter(pk=self.pk).update(task_id=self.task_id)

    def forget_task(self, reason: str) -> None:
        """Mark this job's task result failed if a dead worker left it RUNNING (django-tasks never does)."""
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        if self.task_id:
            DBTaskResult.objects.filter(id=self.task_id, status=TaskResultStatus.RUNNING).update(
                status=TaskResultStatus.FAILED, finished_at=timezone.now(),
                exception_class_path="articles.models.jobs.WorkerLost", traceback=reason,
            )
