"""Large exports as reports made by the job worker, so that no reader's request holds a web worker
for the 20 seconds a 1,000-quote PDF takes (issue 15).

The request side (:func:`queue_if_large`, called by the export dispatch once the export is counted):
a PDF of more than ``REPORT_BACKGROUND_PDF_ITEMS`` items, or a CSV, JSON or Markdown export of more
than ``REPORT_BACKGROUND_ROWS``, is recorded as a :class:`~articles.models.Report` with a job, and the
reader is sent to the report's page, which follows the job and links the file once it is made.
Identical requests (origin, path, query, format) share one report until the data changes; a client
may have ``REPORT_JOBS_PER_CLIENT`` reports queued or running, and is answered 429 past that.

The worker side (:func:`make`, the ``report`` job's handler): the recorded request is replayed
through the page's own view, with a flag that makes the dispatch render the export inline, so a
report is exactly the file the request would have had. Its bytes are written to the reports storage.
"""

from __future__ import annotations

import hashlib
import logging
import re
import tempfile
import uuid
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.files import File
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.test import RequestFactory
from django.urls import Resolver404, resolve
from django.utils import timezone
from django_htmx.middleware import HtmxDetails

from articles import ratelimit, summaries
from articles.filters import ArticleFilter, PersonFilter, QuoteFilter
from articles.models import Job, Report
from articles.models.jobs import JobInterrupted, stopping
from articles.models.reports import keep_for

logger = logging.getLogger(__name__)

# Set on the request the worker replays: the dispatch then renders the export instead of queuing it.
INLINE = "commentariat_report_inline"
# Advisory locks (transaction-scoped) that make "find or start" one step per client and per request.
LOCK_SPACE = 0x524550  # "REP"
CLIENT_LOCK_SPACE = 0x524551
# A client at its limit is told to come back when a report of its own is likely done.
RETRY_AFTER_SECONDS = 30
REPORT_JOBS = ratelimit.Kind("report_jobs", "report_jobs", "Reports are already being made for your address")
# Progress is written every this many rows of a CSV or JSON report (one UPDATE each).
PROGRESS_EVERY = 500


class ReportFailed(Exception):
    """Why a report could not be made, in words for the reader."""


def format_name(fmt: str) -> str:
    return {"md": "Markdown"}.get(fmt, fmt.upper())


def background_threshold(fmt: str) -> int:
    return settings.REPORT_BACKGROUND_PDF_ITEMS if fmt == "pdf" else settings.REPORT_BACKGROUND_ROWS


def queue_if_large(request: HttpRequest, fmt: str, report, count: int) -> HttpResponse | None:
    """The reader's answer when this export is a report for the worker; None to make it now.

    ``report`` is the export's :class:`~articles.exports.report.Report` (its title and filters
    name the file on the reader's page); ``count`` its items, already within the export limits.
    """
    if getattr(request, INLINE, False):
        if fmt == "pdf":
            # The worker's PDF, without one of the EXPORT_PDF_AT_ONCE slots: those keep PDFs from
            # taking every web worker, and a report held for 30 s would refuse every reader's small PDF.
            from articles.exports.pdf import pdf_response  # loads WeasyPrint: only where PDFs are made

            return pdf_response(request, report, count)
        return None
    if count <= background_threshold(fmt):
        return None
    return start_or_share(request, fmt, report, count)


def data_generation() -> str:
    """A token that stays the same until the archive changes (a value cached "until the data
    changes" by the summaries cache), so a changed archive never gets an older file: the last
    generation's token never stands in for it."""
    return summaries.cached("report-generation", lambda: uuid.uuid4().hex, stand_in=lambda last: False)


# Every parameter that decides an export: the filter sets' own, and the format.
EXPORT_PARAMS = frozenset({"format"}).union(*(f.base_filters for f in (QuoteFilter, ArticleFilter, PersonFilter)))


def canonical_query(request: HttpRequest) -> str:
    """The format, filters and sort of the query, in order: what decides an export. Anything else
    (``page``: an export holds every item; a parameter no page reads, ``?r=1``, ``?r=2``…) is
    dropped, so it can neither split identical requests into new jobs nor reach the worker."""
    return urlencode(sorted(
        (name, value) for name, values in request.GET.lists() if name in EXPORT_PARAMS for value in values
    ))


def _digest(*parts: str) -> str:
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=32).hexdigest()


def _lock(space: int, value: str) -> None:
    key = int.from_bytes(hashlib.blake2b(value.encode(), digest_size=4).digest(), "big", signed=True)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [space, key])


def start_or_share(request: HttpRequest, fmt: str, report, count: int) -> HttpResponse:
    origin = request.build_absolute_uri("/")[:-1]
    query = canonical_query(request)
    key = _digest(origin, request.path, query, fmt, data_generation())
    client = ratelimit.client_key(request)
    with transaction.atomic():
        # Client first, then request: nobody takes them in the other order, so no deadlock.
        _lock(CLIENT_LOCK_SPACE, client)
        _lock(LOCK_SPACE, key)
        shared = Report.objects.shareable().filter(key=key).first()
        if shared is not None:
            return see(shared)
        if Report.objects.live().unfinished().filter(client=client).count() >= settings.REPORT_JOBS_PER_CLIENT:
            return ratelimit.too_many(request, REPORT_JOBS, RETRY_AFTER_SECONDS)
        # "PDF of Person: Markus Garlauskas", but "CSV of Quotes" on a list page, whose title is its kind.
        subject = report.title if report.title.casefold() == report.kind_label.casefold() else \
            f"{report.kind_label}: {report.title}"
        title = f"{format_name(fmt)} of {subject}"[:700]
        job = Job.objects.start(Job.Kind.REPORT, title, params={}, unit=report.item_label[1][:40])
        Job.objects.filter(pk=job.pk).update(total=count)
        made = Report.objects.create(
            key=key, origin=origin, path=request.path, query=query, format=fmt, title=title,
            filters=report.filters_in_words[:1000], items=count, client=client, job=job,
            expires_at=timezone.now() + keep_for(),
        )
    return see(made)


def see(report: Report) -> HttpResponse:
    """303 to the report's page: refreshing it follows the report without asking for another."""
    response = HttpResponse(status=303)
    response["Location"] = report.get_absolute_url()
    response["Cache-Control"] = "no-store"
    return response


# -- the worker's side ----------------------------------------------------------------------------


def make(job: Job) -> None:
    """The ``report`` job: replay the request, write its file. Expired reports are removed first,
    so a running worker is also the cleaner (``manage.py expire_reports`` does the same alone)."""
    Report.objects.remove_expired()
    report = Report.objects.filter(job=job).first()
    if report is None:
        return  # expired and removed before a worker reached it
    response = replay(report)
    if response.status_code != 200:
        raise ReportFailed(_refusal_reason(response))
    content_type = response.get("Content-Type", "application/octet-stream")
    filename = _filename(response) or f"export.{report.format}"
    if response.streaming:
        with tempfile.TemporaryFile() as spool:
            _spool(job, report, response, spool)
            report.store(File(spool), filename=filename, content_type=content_type)
    else:
        report.store(ContentFile(response.content), filename=filename, content_type=content_type)
    Job.objects.filter(pk=job.pk).update(done=report.items, total=report.items)


def replay(report: Report) -> HttpResponseBase:
    """The recorded request through the page's own view, flagged to render the export inline."""
    parts = urlsplit(report.origin)
    request = RequestFactory().get(
        f"{report.path}?{report.query}", HTTP_HOST=parts.netloc, secure=parts.scheme == "https",
        HTTP_X_FORWARDED_PROTO=parts.scheme,
    )
    request.user = AnonymousUser()  # reports are what any reader gets: public data only
    request.htmx = HtmxDetails(request)
    setattr(request, INLINE, True)
    try:
        match = resolve(report.path)
    except Resolver404 as missing:
        raise ReportFailed("The page it was made from no longer exists.") from missing
    request.resolver_match = match
    try:
        return match.func(request, *match.args, **match.kwargs)
    except Http404 as missing:
        raise ReportFailed("The page it was made from no longer exists.") from missing


def _spool(job: Job, report: Report, response, spool) -> None:
    """Write a streamed export (a CSV row or a JSON item per line) to ``spool``, with progress."""
    # Not response.close(): it sends request_finished, whose receivers close the worker's database
    # connection, and with it the job's advisory lock. The exhausted generator needs no closing.
    rows, next_step = 0, PROGRESS_EVERY
    for chunk in response.streaming_content:
        spool.write(chunk)
        rows += chunk.count(b"\n")
        if rows >= next_step:
            next_step = rows + PROGRESS_EVERY
            if stopping.is_set():
                raise JobInterrupted
            Job.objects.filter(pk=job.pk).update(done=min(rows, report.items), updated_at=timezone.now())
    spool.seek(0)


def _filename(response) -> str:
    found = re.search(r'filename="([^"]+)"', response.get("Content-Disposition", ""))
    return found.group(1) if found else ""


def _refusal_reason(response) -> str:
    if response.status_code == 400:
        return "The page now has more items than an export may hold; narrow its filters and export it again."
    return f"The page answered {response.status_code} instead of the file; export it again."


# -- the reader's page ----------------------------------------------------------------------------


def progress(report: Report) -> dict:
    """What the reader's page says about the report, in one place for the page and its polling."""
    job = report.job
    state = "expired" if report.expired else "ready" if report.ready else {
        Job.Status.QUEUED: "queued", Job.Status.RUNNING: "running",
    }.get(job.status, "failed")
    context = {"report": report, "job": job, "state": state, "unit": job.unit, "polling": state in ("queued", "running"),
               "items": f"{report.items:,}", "done": f"{min(job.done, report.items):,}",
               "again": f"{report.page_url}{'&' if '?' in report.page_url else '?'}format={report.format}",
               "keep_hours": settings.REPORT_KEEP_HOURS}
    if state == "queued":
        context["ahead"] = Job.objects.filter(status=Job.Status.QUEUED, created_at__lt=job.created_at).count()
    if state == "running" and report.format == "pdf":
        # A PDF is laid out in one piece, so it has no progress to show; how long it has taken is
        # honest where an estimate is not (455 quotes took a minute on a 2-core machine at load 10).
        context["elapsed"] = max(0, round((timezone.now() - (job.started_at or timezone.now())).total_seconds()))
    if state == "failed":
        context["reason"] = job.error or "The worker could not make it."
    return context
