from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.exports import exportable
from articles.filters import QuoteFilter, quote_facets
from articles.models import PersonMention, Quote
from articles.views.common import filtered_list, reader_view


@reader_view
@exportable("quote_list")
def quote_list(request: HttpRequest) -> HttpResponse:
    quotes = Quote.objects.visible().listed()
    return filtered_list(request, "quotes/quote_list.html", QuoteFilter, quote_facets, quotes)


@reader_view
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
    return render(request, "quotes/quote_detail.html", context)
