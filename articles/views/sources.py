from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, OuterRef
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from articles.charts import heatmap
from articles.exports import exportable
from articles.models import Article, ArticleTheme, Quote, Source
from articles.models.counting import correlated_count
from articles.summaries import cached, rows
from articles.views.common import paginate, reader_view, render_page


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


@reader_view
@exportable("source_list")
def source_list(request: HttpRequest) -> HttpResponse:
    sources = (
        Source.objects.select_related("country")
        .annotate(
            article_count=correlated_count(Article.objects.filter(source=OuterRef("pk")), "source"),
            quote_count=correlated_count(Quote.objects.visible().filter(article__source=OuterRef("pk")), "article__source"),
            anonymous_count=correlated_count(
                Quote.objects.visible().filter(article__source=OuterRef("pk"), speaker_kind="anonymous"), "article__source"
            ),
        )
        .order_by("-article_count", "name")
    )
    matrix = themes_by_outlet()
    return render(request, "sources/source_list.html", {"sources": rows(sources, "sources"), "matrix": matrix, "heat": heatmap(matrix)})


@reader_view
@exportable("source_detail")
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.select_related("country"), slug=slug)
    # Newest first on (source, published); each row's quote count is a subquery run for that page only.
    articles = source.articles.with_quote_count().order_by(F("published").desc(nulls_last=True), "-id")
    context = {
        "source": source,
        "page": paginate(request, articles),
        **cached("source-summary", lambda: _summary(source), source.pk),
    }
    return render_page(request, "sources/source_detail.html", context)


def _summary(source: Source) -> dict:
    """Who the outlet quotes and on what (aggregates over all its articles, cached)."""
    quotes = Quote.objects.visible().filter(article__source=source)
    return {
        "speakers": list(
            quotes.exclude(speaker=None).values("speaker__slug", "speaker__name")
            .annotate(n=Count("id")).order_by("-n", "speaker__name")[:15]
        ),
        "anonymous": quotes.filter(speaker=None).count(),
        "themes": list(
            ArticleTheme.objects.filter(article__source=source).values("theme__slug", "theme__name")
            .annotate(n=Count("id")).order_by("-n", "theme__name")
        ),
    }
