from __future__ import annotations

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from articles.exports import exportable
from articles.models import Article, Country, CountryMention, Quote
from articles.summaries import cached, rows
from articles.views.common import paginate, reader_view, render_page


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
    mentions = CountryMention.objects.filter(country=country)
    mentioned_in = mentions.filter(article=OuterRef("pk"))
    # Newest articles first, walking the articles' date index and probing each for a mention:
    # a country named in 40,000 articles needs no sort of 40,000 rows for its first page.
    articles = (
        Article.objects.filter(Exists(mentioned_in)).select_related("source")
        .annotate(mention_count=Subquery(mentioned_in.values("count")[:1]))
        .order_by(F("published").desc(nulls_last=True), "id")
    )
    quotes = (
        Quote.objects.visible().filter(Exists(mentions.filter(article=OuterRef("article"))))
        .listed().newest_first()
    )
    context = {
        "country": country,
        "page": paginate(request, articles, per_page=15),
        "quotes": quotes[:15],
        **cached("country-summary", lambda: _summary(country), country.pk),
    }
    return render_page(request, "countries/country_detail.html", context)


def _summary(country: Country) -> dict[str, list]:
    """Who talks about the country and which countries come up beside it (aggregates, cached)."""
    in_article = Exists(CountryMention.objects.filter(country=country, article=OuterRef("article")))
    return {
        "speakers": list(
            Quote.objects.visible().filter(in_article).exclude(speaker=None)
            .values("speaker__slug", "speaker__name").annotate(n=Count("id")).order_by("-n", "speaker__name")[:15]
        ),
        "neighbours": list(
            CountryMention.objects.filter(in_article, ~Q(country=country))
            .values("country__code", "country__name").annotate(n=Count("id")).order_by("-n", "country__name")[:15]
        ),
    }
