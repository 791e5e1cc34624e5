from __future__ import annotations

from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string

from articles.charts import heatmap, monthly_chart
from articles.exports import exportable
from articles.filters import QuoteFilter, quote_facets
from articles.models import ArticleTheme, Quote, Theme
from articles.summaries import cached, rows, sql_of
from articles.views.common import paginate, reader_view, render_page
from articles.views.sources import themes_by_outlet


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
    context = {"themes": themes, "quote_counts": quote_counts, "matrix": matrix, "heat": heatmap(matrix)}
    return render(request, "themes/theme_list.html", context)


@reader_view
@exportable("theme_detail")
def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    theme = get_object_or_404(Theme, slug=slug)
    data = request.GET.copy()
    data["theme"] = theme.slug
    filterset = QuoteFilter(data, queryset=_quote_rows())
    timeline = (
        filterset.qs.order_by().exclude(published=None)
        .annotate(month=TruncMonth("published")).values_list("month").annotate(n=Count("id"))
    )
    context = {
        "theme": theme,
        "filter": filterset,
        "facets": [f for f in quote_facets(filterset) if f.param != "theme"],
        "page": paginate(request, filterset.qs),
        "sorts": QuoteFilter.sort_fields,
        # 120 months of bars are 4 ms of template: the drawn chart is kept with its counts.
        "chart_svg": cached("timeline-svg", lambda: render_to_string("charts/columns.html", {
            "chart": monthly_chart(sorted(timeline), title=f"Quotes on {theme.name} per month"),
        }), sql_of(timeline), theme.name),
        "articles": ArticleTheme.objects.filter(theme=theme).select_related("article__source")
        .order_by("-score", "-id")[:10],
    }
    return render_page(request, "themes/theme_detail.html", context)
