"""Exports: any reader page as a PDF, Markdown, CSV or JSON report, with the page's filters.

A view opts in with :func:`exportable`, naming the builder in :mod:`articles.exports.pages`
(by name: that module imports from the views, so it is loaded only when a report is asked for)
that describes the page as a :class:`~articles.exports.report.Report`. A request with
``?format=`` then gets the export instead of the page; without it, the view runs as before.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string

from articles.exports.report import Report, Site

FORMATS = {"pdf": "PDF", "md": "Markdown", "csv": "CSV", "json": "JSON"}


def exportable(builder: str):
    """Route ``?format=pdf|md|csv|json`` on a view to the report of ``pages.<builder>``; anything else to the view."""

    def decorate(view):
        @wraps(view)
        def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if "format" not in request.GET:
                return view(request, *args, **kwargs)
            from articles.exports import pages

            build = getattr(pages, builder)
            return export(request, request.GET["format"], lambda: build(request, *args, **kwargs))

        return wrapper

    return decorate


def export(request: HttpRequest, fmt: str, build: Callable[[], Report]) -> HttpResponse:
    if fmt not in FORMATS:
        return refusal(request, "Unknown export format", f"“{fmt}” is not a format this site exports. "
                       f"Use one of: {', '.join(FORMATS)}.", status=400)
    report = build()
    if fmt == "csv":
        from articles.exports.tabular import csv_response

        return csv_response(report)
    if fmt == "json":
        from articles.exports.tabular import json_response

        return json_response(report)
    if fmt == "md":
        from articles.exports.markdown import markdown_response

        return markdown_response(report)
    from articles.exports.pdf import MAX_PDF_ITEMS, pdf_response

    count = report.count()
    if count > MAX_PDF_ITEMS:
        return refusal(
            request, "Too much for a PDF",
            f"This page has {count:,} {report.item_type}s with its current filters; a PDF holds at most "
            f"{MAX_PDF_ITEMS:,}. Narrow the filters, or export the same data as CSV or JSON, which have no limit.",
            status=400, report=report,
        )
    return pdf_response(request, report, count)


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
