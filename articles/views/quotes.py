from __future__ import annotations

from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.exports import exportable
from articles.filters import QuoteFilter, quote_list_facets
from articles.models import PersonMention, Quote, RetiredQuote
from articles.views.common import filtered_list, moved_permanently, reader_view


@reader_view
@exportable("quote_list")
def quote_list(request: HttpRequest) -> HttpResponse:
    quotes = Quote.objects.visible().listed()
    return filtered_list(request, "quotes/quote_list.html", QuoteFilter, quote_list_facets, quotes)


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
@exportable("quote_detail")
def quote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    quote = get_object_or_404(
        Quote.objects.visible().select_related("article__source", "speaker", "speaker_organisation", "passage"), pk=pk
    )
    description = (
        PersonMention.objects.filter(article_id=quote.article_id, person_id=quote.speaker_id).first()
        if quote.speaker_id else None
    )
    context = {
        "quote": quote,
        "description": description,
        "themes": quote.quote_themes.select_related("theme").order_by("-score"),
        "more": Quote.objects.visible().filter(speaker_id=quote.speaker_id).exclude(pk=quote.pk)
        .listed().newest_first()[:5] if quote.speaker_id else [],
        "permalink": request.build_absolute_uri(quote.get_absolute_url()),
    }
    context["citation"] = quote.citation(context["permalink"], description.description if description else "")
    return render(request, "quotes/quote_detail.html", context)
