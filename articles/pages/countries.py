"""The countries list and a country's page."""

from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.http import Http404, HttpRequest

from articles.filters import known_ids
from articles.models import Country, CountryMention
from articles.pages import PageData
from articles.pages.sources import place_filters
from articles.summaries import cached

SHOWN = 15


def country_list(request: HttpRequest) -> PageData:
    countries = Country.objects.with_counts().filter(article_count__gt=0).order_by("-article_count", "-mention_count", "name")
    return PageData(items=countries)


def country_detail(request: HttpRequest, code: str) -> PageData:
    """A country's articles and the quotes in them, with the page's filters (an outlet, dates).
    ``code`` is lower case (the view sends ``/countries/KP/`` to ``/countries/kp/`` first)."""
    country = Country.objects.filter(code=code.upper()).first() if code == code.lower() else None
    if country is None:
        raise Http404("No such country")
    articles, quotes = place_filters(request.GET, "country", country.code.lower(),
                                     known_ids(Country, country.pk, code=country.code))
    data = articles.data
    mentioned_in = CountryMention.objects.filter(country=country, article=OuterRef("pk"))
    # Newest articles first, walking the articles' date index and probing each for a mention:
    # a country named in 40,000 articles needs no sort of 40,000 rows for its first page.
    listed = (
        articles.qs.annotate(mention_count=Subquery(mentioned_in.values("count")[:1]))
        .order_by(F("published").desc(nulls_last=True), "id")
    )
    return PageData(
        items=quotes.qs, subject=country, filterset=articles, articles=listed,
        summary=lambda: cached("country-summary", lambda: _summary(country, articles.qs, quotes.qs),
                               country.pk, sorted(data.items())),
    )


def _summary(country: Country, articles, quotes) -> dict[str, list]:
    """Who talks about the country and which countries come up beside it, over the page's
    articles and quotes (aggregates, cached)."""
    return {
        "speakers": list(
            quotes.order_by().exclude(speaker=None)
            .values("speaker__slug", "speaker__name").annotate(n=Count("id")).order_by("-n", "speaker__name")[:SHOWN]
        ),
        "neighbours": list(
            CountryMention.objects.filter(~Q(country=country), article__in=articles.order_by().values("pk"))
            .values("country__code", "country__name").annotate(n=Count("id")).order_by("-n", "country__name")[:SHOWN]
        ),
    }
