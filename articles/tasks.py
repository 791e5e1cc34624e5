"""Background tasks (django-tasks): one task runs any recorded Job by its kind.

A new kind of job registers a handler with ``@job_handler(kind)``; the handler does its work through
``job.run_batches(...)`` so that progress is recorded and a restart resumes. See articles/models/jobs.py.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django_tasks import TaskContext, task

from articles import extraction, report_jobs
from articles.models.jobs import Job, JobCancelled, JobInterrupted

# Articles per batch (one transaction each, and one progress step). Re-tagging scores text with
# regular expressions (about 200 articles a second); re-extraction runs the language model (a few
# articles a second), so its batches are smaller to keep the progress moving.
RETAG_BATCH = 200
REANALYSE_BATCH = 10

HANDLERS: dict[str, Callable[[Job], None]] = {}


def job_handler(kind: str) -> Callable[[Callable[[Job], None]], Callable[[Job], None]]:
    def register(function: Callable[[Job], None]) -> Callable[[Job], None]:
        HANDLERS[kind] = function
        return function

    return register


class JobFailed(Exception):
    """A failure whose message is meant for the editor (no traceback needed)."""


@task(takes_context=True)
def run_job(context: TaskContext, job_id: int) -> str:
    job = Job.objects.filter(pk=job_id).first()
    if job is None:
        return "gone"
    if not job.begin(task_id=context.task_result.id):
        return "not run: finished, or running elsewhere"
    try:
        try:
            HANDLERS[job.kind](job)
        except JobCancelled:
            return "cancelled"
        except JobInterrupted:
            job.hand_back()
            return "handed back: the worker is stopping"
        except JobFailed as failure:
            job.end(Job.Status.FAILED, str(failure))
            return "failed"
        except Exception as error:
            # The editor sees the reason; the task result keeps the traceback.
            job.end(Job.Status.FAILED, f"{type(error).__name__}: {error}"[:2000])
            raise
        job.end(Job.Status.SUCCEEDED)
        return "done"
    finally:
        # Only now: while the lock is held, no one takes the job for one whose worker died.
        job.release()


@job_handler(Job.Kind.RETAG_THEME)
def retag_theme(job: Job) -> None:
    from articles.models import Article, Theme

    theme = Theme.objects.filter(pk=job.params["theme_id"]).first()
    if theme is None:
        raise JobFailed("The theme was deleted before its articles were re-tagged.")
    job.run_batches(Article.objects.all(), partial(extraction.retag, theme), RETAG_BATCH)


@job_handler(Job.Kind.REANALYSE)
def reanalyse(job: Job) -> None:
    from articles.models import Article

    def analyse(ids) -> None:
        for article in Article.objects.filter(pk__in=ids).prefetch_related("passages", "authors").select_related("source"):
            extraction.analyse(article)

    job.run_batches(Article.objects.filter(pk__in=job.params["article_ids"]), analyse, REANALYSE_BATCH)


@job_handler(Job.Kind.REPORT)
def make_report(job: Job) -> None:
    try:
        report_jobs.make(job)
    except report_jobs.ReportFailed as failure:
        raise JobFailed(str(failure)) from failure
