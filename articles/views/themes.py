from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from analysis.themes import DEFAULT_MIN_SCORE, LONG_TEXT_WORDS
from articles.charts import heatmap
from articles.exports import exportable, reports
from articles.filters import QuoteFilter
from articles.pages import themes as pages
from articles.summaries import cached, count, sql_of
from articles.views.common import (
    COUNT_AT_MOST,
    cached_fragment,
    paginate,
    reader_view,
    render_fragment_page,
)


@reader_view
@exportable(reports.theme_list)
def theme_list(request: HttpRequest) -> HttpResponse:
    def drawn() -> dict:
        # The queryset built only here: its three correlated counts take longer to compile than
        # the drawn index takes to read.
        data = pages.theme_list(request)
        themes, matrix = list(data.items), data.summary()["matrix"]
        return {"themes": themes, "quote_counts": {theme.pk: theme.quote_count for theme in themes},
                "matrix": matrix, "heat": heatmap(matrix)}

    index = cached_fragment("theme-index", "themes/_theme_index.html", drawn)
    return render(request, "themes/theme_list.html", {"index": index, "threshold": threshold()})


def threshold() -> dict:
    """When an article counts for a theme, in the numbers the tagger uses (analysis/themes.py)."""
    return {"per_thousand": f"{DEFAULT_MIN_SCORE:g}", "long_words": LONG_TEXT_WORDS}


@reader_view
@exportable(reports.theme_detail)
def theme_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render_fragment_page(request, "themes/theme_detail.html", lambda: _theme_context(request, slug),
                                lambda context: {"theme": {"pk": context["theme"].pk, "name": context["theme"].name}})


def _theme_context(request: HttpRequest, slug: str) -> dict:
    data = pages.theme_detail(request, slug)
    theme, filterset = data.subject, data.filterset
    link_query = request.GET.copy()
    for param in ("page", "from", "to", "more"):
        link_query.pop(param, None)
    link = link_query.urlencode()
    return {
        "theme": theme,
        "filter": filterset,
        "facets": data.facets(),
        # Counted as every list counts (bounded, cached), whatever the page is sliced from.
        "page": paginate(request, pages.paged(filterset), count=count(data.items, at_most=COUNT_AT_MOST + 1)),
        "sorts": QuoteFilter.sort_fields,
        # 120 months of bars are 4 ms of template: the drawn chart is kept with its counts.
        "chart_svg": cached("timeline-svg", lambda: render_to_string("charts/columns.html", {
            "chart": pages.theme_chart(theme, filterset, link=link),
        }), sql_of(pages.theme_timeline(filterset)), theme.name, link),
        **data.summary(),
    }
