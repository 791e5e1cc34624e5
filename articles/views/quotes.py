from __future__ import annotations

from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from articles.exports import exportable, reports
from articles.models import Quote, RetiredQuote
from articles.pages import PageData
from articles.pages import quotes as pages
from articles.views.common import (
    QUOTE_ITEM_COLUMNS,
    filtered_list,
    moved_permanently,
    reader_view,
    render_fragment_page,
)


@reader_view
@exportable(reports.quote_list)
def quote_list(request: HttpRequest) -> HttpResponse:
    def data() -> PageData:
        listed = pages.quote_list(request)
        listed.items = listed.items.only(*QUOTE_ITEM_COLUMNS)
        return listed

    return filtered_list(request, "quotes/quote_list.html", data)


def _or_retired(view):
    """A quote id that re-extraction retired still answers: 301 to its successor (query string kept,
    so exports follow), or 410 saying what the quote was and where. Live quotes pay nothing for it."""

    @wraps(view)
    def wrapper(request: HttpRequest, pk: int) -> HttpResponse:
        try:
            return view(request, pk)
        except Http404:
            retired = RetiredQuote.objects.select_related("article__source", "successor").filter(old_id=pk).first()
            if retired is None:
                raise
            if retired.successor and retired.successor.status != Quote.Status.REJECTED:
                return moved_permanently(request, retired.successor.get_absolute_url())
            return render(request, "quotes/quote_gone.html", {"retired": retired}, status=410)

    return wrapper


@reader_view
@_or_retired
@exportable(reports.quote_detail)
def quote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    def context() -> dict:
        data = pages.quote_detail(request, pk)
        quote, summary = data.subject, data.summary()
        permalink = request.build_absolute_uri(quote.get_absolute_url())
        description = summary["description"]
        return {
            "quote": quote, "permalink": permalink, **summary,
            "citation": quote.citation(permalink, description.description if description else ""),
        }

    return render_fragment_page(request, "quotes/quote_detail.html", context, _quote_shell, partial=None)


def _quote_shell(context: dict) -> dict:
    quote = context["quote"]  # the title and the edit link's target
    return {"quote": {"pk": quote.pk, "display_title": quote.display_title}}
