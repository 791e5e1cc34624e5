from __future__ import annotations

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from articles.exports import exportable
from articles.models import Country, CountryMention
from articles.summaries import cached, rows
from articles.views.common import paginate, reader_view, render_page
from articles.views.sources import filters_query, place_filters


@reader_view
@exportable("country_list")
def country_list(request: HttpRequest) -> HttpResponse:
    countries = (
        Country.objects.annotate(article_count=Count("mentions"), mention_count=Sum("mentions__count"))
        .filter(article_count__gt=0).order_by("-article_count", "-mention_count", "name")
    )
    return render(request, "countries/country_list.html", {"countries": rows(countries, "countries")})


@reader_view
@exportable("country_detail")
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.lower():
        return redirect("country_detail", code.lower(), permanent=True)  # /countries/KP/ → /countries/kp/
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        raise Http404("No such country")
    found = country_sections(country, request.GET)
    context = {
        "country": country,
        "page": paginate(request, found["articles"], per_page=15),
        "quotes": found["quotes"][:15],
        "filter": found["filterset"],
        "extra": filters_query(found["filters"], "country"),
        **found["summary"](),
    }
    return render_page(request, "countries/country_detail.html", context)


def country_sections(country: Country, request_data) -> dict:
    """What a country's page shows, with its filters (an outlet, dates): the page and its exports
    both call this, so each section holds the same articles and quotes."""
    data, articles, quotes = place_filters(request_data, "country", country.code.lower())
    mentioned_in = CountryMention.objects.filter(country=country, article=OuterRef("pk"))
    # Newest articles first, walking the articles' date index and probing each for a mention:
    # a country named in 40,000 articles needs no sort of 40,000 rows for its first page.
    listed = (
        articles.qs.annotate(mention_count=Subquery(mentioned_in.values("count")[:1]))
        .order_by(F("published").desc(nulls_last=True), "id")
    )
    return {
        "filters": data,
        "filterset": articles,
        "articles": listed,
        "quotes": quotes.qs,
        "summary": lambda: cached("country-summary", lambda: _summary(country, articles.qs, quotes.qs),
                                  country.pk, sorted(data.items())),
    }


def _summary(country: Country, articles, quotes) -> dict[str, list]:
    """Who talks about the country and which countries come up beside it, over the page's
    articles and quotes (aggregates, cached)."""
    return {
        "speakers": list(
            quotes.order_by().exclude(speaker=None)
            .values("speaker__slug", "speaker__name").annotate(n=Count("id")).order_by("-n", "speaker__name")[:15]
        ),
        "neighbours": list(
            CountryMention.objects.filter(~Q(country=country), article__in=articles.order_by().values("pk"))
            .values("country__code", "country__name").annotate(n=Count("id")).order_by("-n", "country__name")[:15]
        ),
    }
