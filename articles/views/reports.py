"""A reader's report (a large export made by the job worker): its page, and its file.

Both are found by the report's random token only, so a file is had by whoever was given its
address, never by guessing a path. Neither is kept by the page cache: the page changes as the
job runs, and the file is not a page.
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from articles.models import Report
from articles.models.reports import storage
from articles.report_jobs import progress
from articles.views.common import reader_view

STATUS_PARTIAL = "report-status"


def _missing(request: HttpRequest) -> HttpResponse:
    return _no_store(render(request, "reports/missing.html", {"keep_hours": settings.REPORT_KEEP_HOURS}, status=404))


def _no_store(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "no-store"
    return response


@reader_view  # GET and HEAD; a hostile query string is refused with a sentence, as on every reader page
def report_detail(request: HttpRequest, token: UUID) -> HttpResponse:
    report = Report.objects.select_related("job").filter(token=token).first()
    if report is None:
        return _missing(request)
    context = progress(report)
    template = "reports/report.html"
    # htmx polls the status region (hx-trigger "every 2s") and swaps in only that part.
    if getattr(request, "htmx", None) and request.htmx.target == STATUS_PARTIAL:
        template = f"{template}#status"
    return _no_store(render(request, template, context, status=410 if context["state"] == "expired" else 200))


@reader_view
def report_download(request: HttpRequest, token: UUID) -> HttpResponse:
    report = Report.objects.select_related("job").filter(token=token).first()
    if report is None or not report.ready:
        return _missing(request)
    try:
        content = storage().open(report.stored, "rb")
    except FileNotFoundError:  # removed by a cleaner between the two lines, or a wiped folder
        return _missing(request)
    response = FileResponse(content, as_attachment=True, filename=report.filename, content_type=report.content_type)
    return _no_store(response)
