from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, OuterRef
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render

from articles.charts import heatmap
from articles.exports import exportable
from articles.filters import ArticleFilter, QuoteFilter
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


# The filters an outlet's or a country's page takes: those that mean the same for its articles and
# for the quotes in them (an article's date is its quotes' date), so every section, count and
# link of the page, and its exports, select one set.
PLACE_FILTERS = ("country", "source", "from", "to")


def place_filters(request_data, param: str, value: str) -> tuple[dict, ArticleFilter, QuoteFilter]:
    """The page's filters (``param`` fixed to the page's own ``value``), and its articles and quotes
    filtered by them; invalid values are dropped as on every list."""
    data = {k: request_data[k] for k in PLACE_FILTERS if request_data.get(k) and k != param}
    data[param] = value
    articles = ArticleFilter(data, queryset=Article.objects.select_related("source").with_quote_count())
    quotes = QuoteFilter(data, queryset=Quote.objects.visible().listed())
    return data, articles, quotes


def source_sections(source: Source, request_data) -> dict:
    """What an outlet's page shows, with its filters: the page and its exports both call this."""
    data, articles, quotes = place_filters(request_data, "source", source.slug)
    return {
        "filters": data,
        "articles": articles.qs.order_by(F("published").desc(nulls_last=True), "-id"),
        "quotes": quotes.qs,
        "filterset": articles,
        "summary": lambda: cached("source-summary", lambda: _summary(source, articles.qs, quotes.qs),
                                  source.pk, sorted(data.items())),
    }


@reader_view
@exportable("source_detail")
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = get_object_or_404(Source.objects.select_related("country"), slug=slug)
    # Newest first on (source, published); each row's quote count is a subquery run for that page only.
    found = source_sections(source, request.GET)
    context = {
        "source": source,
        "page": paginate(request, found["articles"]),
        "filter": found["filterset"],
        "extra": filters_query(found["filters"], "source"),
        **found["summary"](),
    }
    return render_page(request, "sources/source_detail.html", context)


def filters_query(filters: dict, own: str) -> str:
    """The page's filters as a query string to carry on its count links (``&from=…``)."""
    query = QueryDict(mutable=True)
    for key, value in filters.items():
        if key != own:
            query[key] = value
    return ("&" + query.urlencode()) if query else ""


def _summary(source: Source, articles, quotes) -> dict:
    """Who the outlet quotes and on what, over the articles and quotes the page's filters select (cached)."""
    quotes = quotes.order_by()
    return {
        "speakers": list(
            quotes.exclude(speaker=None).values("speaker__slug", "speaker__name")
            .annotate(n=Count("id")).order_by("-n", "speaker__name")[:15]
        ),
        "anonymous": quotes.filter(speaker=None).count(),
        "themes": list(
            ArticleTheme.objects.filter(article__in=articles.order_by().values("pk")).values("theme__slug", "theme__name")
            .annotate(n=Count("id")).order_by("-n", "theme__name")
        ),
    }
