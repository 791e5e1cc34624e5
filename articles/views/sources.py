from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from articles.charts import heatmap
from articles.exports import exportable
from articles.models import Article, ArticleTheme, Quote, Source
from articles.views.common import paginate, render_page


def _count(queryset, field: str = "pk"):
    """A correlated COUNT, so several counts on one row don't multiply each other's joins."""
    return Coalesce(Subquery(queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]), 0)


def themes_by_outlet(limit: int = 12) -> dict:
    """Article counts per (outlet, theme): the data behind the themes-per-outlet table."""
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


@require_GET
@exportable("source_list")
def source_list(request: HttpRequest) -> HttpResponse:
    sources = (
        Source.objects.select_related("country")
        .annotate(
            article_count=_count(Article.objects.filter(source=OuterRef("pk")), "source"),
            quote_count=_count(Quote.objects.visible().filter(article__source=OuterRef("pk")), "article__source"),
        )
        .order_by("-article_count", "name")
    )
    matrix = themes_by_outlet()
    return render(request, "sources/source_list.html", {"sources": sources, "matrix": matrix, "heat": heatmap(matrix)})


@require_GET
@exportable("source_detail")
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.select_related("country"), slug=slug)
    articles = source.articles.annotate(
        quote_count=Count("quotes", filter=~Q(quotes__status=Quote.Status.REJECTED))
    ).order_by("-published", "-imported_at")
    context = {
        "source": source,
        "page": paginate(request, articles),
        "speakers": Quote.objects.visible().filter(article__source=source).exclude(speaker=None)
        .values("speaker__slug", "speaker__name").annotate(n=Count("id")).order_by("-n", "speaker__name")[:15],
        "anonymous": Quote.objects.visible().filter(article__source=source, speaker=None).count(),
        "themes": ArticleTheme.objects.filter(article__source=source).values("theme__slug", "theme__name")
        .annotate(n=Count("id")).order_by("-n", "theme__name"),
    }
    return render_page(request, "sources/source_detail.html", context)
