"""The quote list and a quote's page."""

from __future__ import annotations

from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from articles.filters import QuoteFilter, quote_list_facets
from articles.models import PersonMention, Quote
from articles.pages import PageData

MORE_BY_SPEAKER = 5


def quote_list(request: HttpRequest) -> PageData:
    filterset = QuoteFilter(request.GET, queryset=Quote.objects.visible().listed())
    return PageData(items=filterset.qs, filterset=filterset, facets=lambda: quote_list_facets(filterset))


def quote_detail(request: HttpRequest, pk: int) -> PageData:
    """One quote (404 for a rejected or unknown one), with how its article describes the speaker."""
    quote = get_object_or_404(
        Quote.objects.visible().select_related("article__source", "speaker", "speaker_organisation", "passage"), pk=pk
    )

    def summary() -> dict:
        description = (
            PersonMention.objects.filter(article_id=quote.article_id, person_id=quote.speaker_id).first()
            if quote.speaker_id else None
        )
        more = (
            Quote.objects.visible().filter(speaker_id=quote.speaker_id).exclude(pk=quote.pk).listed().newest_first()
            [:MORE_BY_SPEAKER] if quote.speaker_id else []
        )
        return {"description": description, "themes": quote.quote_themes.select_related("theme").order_by("-score"),
                "more": more}

    return PageData(items=Quote.objects.visible().listed().filter(pk=quote.pk), subject=quote, summary=summary)
