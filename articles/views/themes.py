from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, QuerySet, Window
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from analysis.themes import DEFAULT_MIN_SCORE, LONG_TEXT_WORDS
from articles.charts import BarChart, heatmap, monthly_chart
from articles.exports import exportable
from articles.filters import ArticleFilter, QuoteFilter, quote_facets
from articles.models import Article, ArticleTheme, Quote, Theme
from articles.summaries import cached, rows, sql_of
from articles.views.common import paginate, reader_view, render_page
from articles.views.sources import themes_by_outlet

TOP_ARTICLES = 10
# The filters an article list understands in the same sense as a quote list; the others (who
# spoke, the kind of quote, words in the quote) select articles through the quotes they hold.
ARTICLE_PARAMS = ("theme", "source", "country", "from", "to")
QUOTE_ONLY_PARAMS = ("person", "kind", "q")


def _quote_rows():
    return Quote.objects.visible().listed()


@reader_view
@exportable("theme_list")
def theme_list(request: HttpRequest) -> HttpResponse:
    themes = Theme.objects.annotate(
        article_count=Count("article_themes"),  # an article holds a theme once: no DISTINCT needed
    ).order_by("-article_count", "name")
    quote_counts = dict(rows(
        Quote.objects.visible().filter(quote_themes__isnull=False)
        .values_list("quote_themes__theme").annotate(n=Count("id")).order_by()
    ))
    themes = rows(themes, "themes")
    matrix = themes_by_outlet()
    context = {"themes": themes, "quote_counts": quote_counts, "matrix": matrix, "heat": heatmap(matrix),
               "threshold": threshold()}
    return render(request, "themes/theme_list.html", context)


def threshold() -> dict:
    """When an article counts for a theme, in the numbers the tagger uses (analysis/themes.py)."""
    return {"per_thousand": f"{DEFAULT_MIN_SCORE:g}", "long_words": LONG_TEXT_WORDS}


def theme_filterset(theme: Theme, data: QueryDict) -> QuoteFilter:
    """The page's quotes: its query string with the theme fixed (the page and its exports)."""
    data = data.copy()
    data["theme"] = theme.slug
    return QuoteFilter(data, queryset=_quote_rows())


def theme_timeline(filterset: QuoteFilter) -> QuerySet:
    """The listed quotes per month; undated ones under ``None`` (the chart's "Undated" bar)."""
    return (
        filterset.qs.order_by().annotate(month=TruncMonth("published"))
        .values_list("month").annotate(n=Count("id")).order_by()
    )


def theme_chart(theme: Theme, filterset: QuoteFilter, *, link: str | None = None) -> BarChart:
    return monthly_chart(sorted(theme_timeline(filterset), key=lambda row: (row[0] is None, row[0])),
                         title=f"Quotes on {theme.name} per month", link=link)


def theme_articles(theme: Theme, filterset: QuoteFilter) -> QuerySet:
    """The articles strongest on the theme among those the page's filters select: outlet, country
    and dates as on the article list; who spoke, the quote kind and words through the quotes the
    page lists (an article holding none of them is not "on this theme" for this page)."""
    data = filterset.data
    articles = ArticleFilter({k: data[k] for k in ARTICLE_PARAMS if data.get(k)}, queryset=Article.objects.all(),
                             ids=filterset._ids).qs  # the ids the quotes' filters looked up already
    found = ArticleTheme.objects.filter(theme=theme, article__in=articles.order_by().values("pk"))
    if any(data.get(k) for k in QUOTE_ONLY_PARAMS):
        found = found.filter(Exists(filterset.qs.order_by().filter(article=OuterRef("article"))))
    # Each row carries how many there are in all (a window counts before the LIMIT): one query.
    return found.select_related("article__source").annotate(total=Window(Count("id"))).order_by("-score", "-id")


def theme_articles_link(filterset: QuoteFilter) -> str | None:
    """The article list holding the same set as :func:`theme_articles`, when one filter can say it."""
    data = filterset.data
    if any(data.get(k) for k in QUOTE_ONLY_PARAMS):
        return None
    query = QueryDict(mutable=True)
    for key in ARTICLE_PARAMS:
        if data.get(key):
            query[key] = data[key]
    return query.urlencode()


@reader_view
@exportable("theme_detail")
def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    filterset = theme_filterset(theme, request.GET)
    link_query = request.GET.copy()
    for param in ("page", "from", "to", "more"):
        link_query.pop(param, None)
    link = link_query.urlencode()
    timeline = theme_timeline(filterset)
    articles = list(theme_articles(theme, filterset)[:TOP_ARTICLES])
    articles_link = theme_articles_link(filterset)
    context = {
        "theme": theme,
        "filter": filterset,
        "facets": [f for f in quote_facets(filterset) if f.param != "theme"],
        "page": paginate(request, filterset.qs),
        "sorts": QuoteFilter.sort_fields,
        # 120 months of bars are 4 ms of template: the drawn chart is kept with its counts.
        "chart_svg": cached("timeline-svg", lambda: render_to_string("charts/columns.html", {
            "chart": theme_chart(theme, filterset, link=link),
        }), sql_of(timeline), theme.name, link),
        "articles": articles,
        "article_total": articles[0].total if articles else 0,
        "articles_link": articles_link,
    }
    return render_page(request, "themes/theme_detail.html", context)
