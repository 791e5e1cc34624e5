from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.models import Article, Country, Person, Quote, Source, Theme
from articles.summaries import cached
from articles.views.common import reader_view


@reader_view
def home(request: HttpRequest) -> HttpResponse:
    latest = (
        Article.objects.select_related("source").with_quote_count()[:6]
    )
    return render(request, "home.html", {"latest": latest, **cached("home", _overview)})


def _overview() -> dict:
    """The archive at a glance: totals and leaderboards, each a scan of a big table (cached)."""
    return {
        "counts": {
            "articles": Article.objects.count(),
            "quotes": Quote.objects.visible().count(),
            "people": Person.objects.count(),
            "sources": Source.objects.count(),
        },
        "top_people": list(
            Person.objects.with_quote_counts().filter(quote_total__gt=0).order_by("-quote_total", "name", "id")[:8]
        ),
        "themes": list(
            Theme.objects.with_article_count()
            .filter(article_count__gt=0).order_by("-article_count", "name")[:10]
        ),
        "countries": list(
            Country.objects.with_counts()
            .filter(article_count__gt=0).order_by("-article_count", "name")[:12]
        ),
    }
