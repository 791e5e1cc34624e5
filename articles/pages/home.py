"""The front page: the newest articles and the archive at a glance."""

from __future__ import annotations

from django.http import HttpRequest

from articles.models import Article, Country, Person, Quote, Source, Theme
from articles.models.quotes import ARTICLE_BULK
from articles.pages import PageData
from articles.summaries import cached

LATEST = 6


def home(request: HttpRequest) -> PageData:
    # The cards show the body's opening words: the imported text, cleaning report and search vector
    # stay in the database (they are several times the body's size).
    latest = Article.objects.select_related("source").defer(*ARTICLE_BULK).with_quote_count()[:LATEST]
    return PageData(items=latest,
                    summary=lambda: cached("home", _overview))


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
