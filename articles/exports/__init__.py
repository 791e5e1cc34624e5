"""Exports: any reader page as a PDF, Markdown, CSV or JSON report, with the page's filters.

A view opts in with :func:`exportable`, given the report builder of its page (in
:mod:`articles.exports.reports`), which describes the page's own data (``articles.pages``) as a
:class:`~articles.exports.report.Report`. A request with ``?format=`` then gets the export instead
of the page; without it, the view runs as before. Every format goes through :func:`export`.
This package never imports the views.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from articles import report_jobs
from articles.exports.markdown import markdown_response
from articles.exports.report import Report, Site
from articles.exports.tabular import csv_response, json_response

FORMATS = {"pdf": "PDF", "md": "Markdown", "csv": "CSV", "json": "JSON"}
COUNT_AT_MOST = 100_000  # an export's size is counted no further (a refusal says “more than”)


def exportable(build: Callable[..., Report]):
    """Route ``?format=pdf|md|csv|json`` on a view to ``build(request, *args, **kwargs)``, the
    page's report; anything else to the view."""

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if "format" not in request.GET:
                return view(request, *args, **kwargs)
            return export(request, request.GET["format"], lambda: build(request, *args, **kwargs))

        return wrapper

    return decorate


def export(request: HttpRequest, fmt: str, build: Callable[[], Report]) -> HttpResponse:
    if fmt not in FORMATS:
        return refusal(request, "Unknown export format", f"“{fmt[:40]}” is not a format this site exports. "
                       f"Use one of: {', '.join(FORMATS)}.", status=400)
    report = build()
    limit = settings.EXPORT_MAX_PDF_ITEMS if fmt == "pdf" else settings.EXPORT_MAX_ROWS
    # Counted first, and no further than COUNT_AT_MOST: a file past the limit would be cut off by the
    # worker's timeout half way, and a cut file looks complete. Refused whole instead, saying why.
    count = report.count(COUNT_AT_MOST + 1)
    if count > limit:
        return too_many(request, report, fmt, count, limit)
    if (queued := report_jobs.queue_if_large(request, fmt, report, count)) is not None:
        return queued  # made by the job worker; the reader follows it on the report's page
    if fmt == "csv":
        return csv_response(report)
    if fmt == "json":
        return json_response(report)
    if fmt == "md":
        return markdown_response(report)
    # Imported here: the PDF module loads WeasyPrint, whose start-up cost other requests need not pay.
    from articles.exports.pdf import pdf_response, rendering_slot

    with rendering_slot() as free:
        if not free:
            response = refusal(
                request, "Busy making other PDFs",
                f"This site makes {settings.EXPORT_PDF_AT_ONCE} PDF{'s' if settings.EXPORT_PDF_AT_ONCE > 1 else ''} "
                "at a time, and other readers' are being made now. Try again in a few seconds, or export the "
                "same data as CSV or JSON, which are made at once.",
                status=503, report=report,
            )
            response["Retry-After"] = "10"
            return response
        return pdf_response(request, report, count)


def too_many(request: HttpRequest, report: Report, fmt: str, count: int, limit: int) -> HttpResponse:
    plural = report.item_label[1]
    held = f"more than {COUNT_AT_MOST:,}" if count > COUNT_AT_MOST else f"{count:,}"
    if fmt == "pdf":
        return refusal(
            request, "Too much for a PDF",
            f"This page has {held} {plural} with its current filters; a PDF holds at most {limit:,}. "
            "Narrow the filters, or export the same data as CSV or JSON.",
            status=400, report=report,
        )
    return refusal(
        request, "Too much to export at once",
        f"This page has {held} {plural} with its current filters; a {FORMATS[fmt]} export holds at most "
        f"{limit:,}. Narrow the filters (a theme, an outlet, a person or a date range) and export again.",
        status=400,
    )


def refusal(request: HttpRequest, title: str, message: str, *, status: int, report: Report | None = None) -> HttpResponse:
    """A page that says why an export was not made, with links to what would work."""
    site = Site(request)
    permalink = site.permalink()
    separator = "&" if "?" in permalink else "?"
    context = {
        "title": title,
        "message": message,
        "back": permalink,
        "alternatives": [(FORMATS[f], f"{permalink}{separator}format={f}") for f in ("csv", "json")]
        if report is not None else [],
    }
    return HttpResponse(render_to_string("exports/refused.html", context, request=request), status=status)
