from __future__ import annotations

from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from articles.models import Article, Country, Person, Quote, Source, Theme


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    not_rejected = ~Q(quotes__status=Quote.Status.REJECTED)
    context = {
        "counts": {
            "articles": Article.objects.count(),
            "quotes": Quote.objects.visible().count(),
            "people": Person.objects.count(),
            "sources": Source.objects.count(),
        },
        "latest": Article.objects.select_related("source")
        .annotate(quote_count=Count("quotes", filter=not_rejected))[:6],
        "top_people": Person.objects.annotate(quote_count=Count("quotes", filter=not_rejected))
        .filter(quote_count__gt=0).order_by("-quote_count", "name")[:8],
        "themes": Theme.objects.annotate(article_count=Count("article_themes"))
        .filter(article_count__gt=0).order_by("-article_count", "name")[:10],
        "countries": Country.objects.annotate(article_count=Count("mentions"))
        .filter(article_count__gt=0).order_by("-article_count", "name")[:12],
    }
    return render(request, "home.html", context)
