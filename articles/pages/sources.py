"""The outlets list and an outlet's page, and the filters an outlet's or a country's page takes."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from articles.filters import ArticleFilter, QuoteFilter, known_ids
from articles.models import Article, ArticleTheme, Quote, Source
from articles.models.quotes import ARTICLE_BULK
from articles.pages import PageData
from articles.summaries import cached

# The filters an outlet's or a country's page takes: those that mean the same for its articles and
# for the quotes in them (an article's date is its quotes' date), so every section, count and
# link of the page, and its exports, select one set.
PLACE_FILTERS = ("country", "source", "from", "to")
SPEAKERS_SHOWN = 15


def source_list(request: HttpRequest) -> PageData:
    # The country fetched apart: joined, it would be a grouping key of every quote counted.
    sources = Source.objects.with_counts().prefetch_related("country").order_by("-article_count", "name")
    return PageData(items=sources, summary=lambda: {"matrix": themes_by_outlet()})


def source_detail(request: HttpRequest, slug: str) -> PageData:
    """An outlet's articles (newest first, on the (source, published) index) and quotes, with its filters."""
    source = get_object_or_404(Source.objects.select_related("country"), slug=slug)
    articles, quotes = place_filters(request.GET, "source", source.slug, known_ids(Source, source.pk, slug=source.slug))
    data = articles.data
    return PageData(
        items=quotes.qs, subject=source, filterset=articles,
        articles=articles.qs.order_by(F("published").desc(nulls_last=True), "-id"),
        summary=lambda: cached("source-summary", lambda: _summary(articles.qs, quotes.qs), source.pk,
                               sorted(data.items())),
    )


def place_filters(request_data, param: str, value: str, ids: dict | None = None) -> tuple[ArticleFilter, QuoteFilter]:
    """The page's articles and quotes, filtered by its filters (``param`` fixed to the page's own
    ``value``; invalid values are dropped as on every list). Both filtersets hold the same data,
    and share the ids they look up (``ids``: those the page knows already, its own)."""
    data = {k: request_data[k] for k in PLACE_FILTERS if request_data.get(k) and k != param}
    data[param] = value
    ids = {} if ids is None else ids
    articles = ArticleFilter(data, queryset=Article.objects.select_related("source").defer(*ARTICLE_BULK)
                             .with_quote_count(), ids=ids)
    quotes = QuoteFilter(data, queryset=Quote.objects.visible().listed(), ids=ids)
    return articles, quotes


def _summary(articles, quotes) -> dict:
    """Who the outlet quotes and on what, over the articles and quotes the page's filters select (cached)."""
    quotes = quotes.order_by()
    return {
        "speakers": list(
            quotes.exclude(speaker=None).values("speaker__slug", "speaker__name")
            .annotate(n=Count("id")).order_by("-n", "speaker__name")[:SPEAKERS_SHOWN]
        ),
        "anonymous": quotes.filter(speaker=None).count(),
        "themes": list(
            ArticleTheme.objects.filter(article__in=articles.order_by().values("pk")).values("theme__slug", "theme__name")
            .annotate(n=Count("id")).order_by("-n", "theme__name")
        ),
    }


def themes_by_outlet(limit: int = 12) -> dict:
    """Article counts per (outlet, theme): the data behind the themes-per-outlet table."""
    return cached("themes-by-outlet", lambda: _themes_by_outlet(limit), limit)


def _themes_by_outlet(limit: int) -> dict:
    rows = (
        ArticleTheme.objects.exclude(article__source=None)
        .values("article__source__slug", "article__source__name", "theme__slug", "theme__name")
        .annotate(n=Count("id")).order_by()
    )
    sources: dict = defaultdict(dict)
    themes: dict = {}
    for row in rows:
        sources[(row["article__source__slug"], row["article__source__name"])][row["theme__slug"]] = row["n"]
        themes[row["theme__slug"]] = row["theme__name"]
    ranked = sorted(sources.items(), key=lambda item: -sum(item[1].values()))[:limit]
    theme_order = sorted(themes, key=lambda slug: -sum(counts.get(slug, 0) for _, counts in ranked))
    peak = max((n for _, counts in ranked for n in counts.values()), default=1)
    return {
        "themes": [(slug, themes[slug]) for slug in theme_order],
        "rows": [
            {"slug": slug, "name": name, "cells": [(counts.get(t, 0), round(100 * counts.get(t, 0) / peak)) for t in theme_order]}
            for (slug, name), counts in ranked
        ],
    }
