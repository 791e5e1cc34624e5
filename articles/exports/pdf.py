"""PDF: the report rendered by WeasyPrint from Django templates (autoescaped like every page)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from articles.exports.report import Report
from articles.exports.urlfetcher import StaticFilesOnly

# Past this, a PDF is slow to make and useless to read: CSV or JSON are the way (settings, env override).
MAX_PDF_ITEMS = settings.EXPORT_MAX_PDF_ITEMS
STYLESHEET = "css/report.css"
# Advisory lock class of the PDF slots (any number unlikely to be used by another lock of the app).
PDF_SLOT_LOCK = 726_001


@contextmanager
def rendering_slot() -> Iterator[bool]:
    """One of EXPORT_PDF_AT_ONCE slots shared by every worker, or False when all are taken.

    A PDF holds its worker for seconds; with the slots taken, the next one is refused at once
    rather than queued behind them, so PDFs can never occupy every worker. The slots are
    PostgreSQL session advisory locks: a worker killed mid-render loses its connection, and
    PostgreSQL frees its slot.
    """
    held = None
    with connection.cursor() as cursor:
        for slot in range(max(1, settings.EXPORT_PDF_AT_ONCE)):
            cursor.execute("SELECT pg_try_advisory_lock(%s, %s)", [PDF_SLOT_LOCK, slot])
            if cursor.fetchone()[0]:
                held = slot
                break
    try:
        yield held is not None
    finally:
        if held is not None:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s, %s)", [PDF_SLOT_LOCK, held])


def render_html(request: HttpRequest, report: Report, count: int | None = None) -> str:
    context = {
        "report": report,
        "count": report.count() if count is None else count,
        "stylesheet": settings.STATIC_URL + STYLESHEET,
        "sections": report.sections(),
        "generated": timezone.localtime(report.generated_at),
    }
    return render_to_string("exports/report.html", context, request=request)


def render_pdf(request: HttpRequest, report: Report, count: int | None = None) -> bytes:
    from weasyprint import HTML  # imported here: loading pango costs time that other pages need not pay

    base_url = request.build_absolute_uri("/")
    html = render_html(request, report, count)
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly(base_url)).write_pdf()


def pdf_response(request: HttpRequest, report: Report, count: int | None = None) -> HttpResponse:
    response = HttpResponse(render_pdf(request, report, count), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{report.filename("pdf")}"'
    return response
