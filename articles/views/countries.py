from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from articles.exports import exportable
from articles.models import Country, CountryMention, Quote
from articles.views.common import paginate, render_page


@require_GET
@exportable("country_list")
def country_list(request: HttpRequest) -> HttpResponse:
    countries = (
        Country.objects.annotate(article_count=Count("mentions"), mention_count=Sum("mentions__count"))
        .filter(article_count__gt=0).order_by("-article_count", "-mention_count", "name")
    )
    return render(request, "countries/country_list.html", {"countries": countries})


@require_GET
@exportable("country_detail")
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.lower():
        return redirect("country_detail", code.lower(), permanent=True)  # /countries/KP/ → /countries/kp/
    country = Country.objects.filter(code=code.upper()).first()
    if country is None:
        raise Http404("No such country")
    mentions = CountryMention.objects.filter(country=country)
    in_article = Exists(mentions.filter(article=OuterRef("article")))
    articles = (
        mentions.select_related("article__source").order_by("-article__published", "-count")
    )
    quotes = (
        Quote.objects.visible().filter(in_article).select_related("article__source", "speaker")
        .order_by("-article__published", "article_id", "start")
    )
    context = {
        "country": country,
        "page": paginate(request, articles, per_page=15),
        "quotes": quotes[:15],
        "speakers": Quote.objects.visible().filter(in_article).exclude(speaker=None)
        .values("speaker__slug", "speaker__name").annotate(n=Count("id")).order_by("-n", "speaker__name")[:15],
        "neighbours": CountryMention.objects.filter(
            Exists(mentions.filter(article=OuterRef("article"))), ~Q(country=country)
        ).values("country__code", "country__name").annotate(n=Count("id")).order_by("-n", "country__name")[:15],
    }
    return render_page(request, "countries/country_detail.html", context)
