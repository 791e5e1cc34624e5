"""PDF: the report rendered by WeasyPrint from Django templates (autoescaped like every page)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone

from articles.exports.report import Report
from articles.exports.urlfetcher import StaticFilesOnly

# Past this, a PDF is slow to make and useless to read: CSV or JSON are the way (settings, env override).
MAX_PDF_ITEMS = settings.EXPORT_MAX_PDF_ITEMS
STYLESHEET = "css/report.css"


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
