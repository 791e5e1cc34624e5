from __future__ import annotations

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render

from articles.charts import heatmap
from articles.exports import exportable, reports
from articles.pages import sources as pages
from articles.summaries import rows
from articles.views.common import filtered_count, paginate, reader_view, render_page


@reader_view
@exportable(reports.source_list)
def source_list(request: HttpRequest) -> HttpResponse:
    data = pages.source_list(request)
    matrix = data.summary()["matrix"]
    return render(request, "sources/source_list.html",
                  {"sources": rows(data.items, "sources"), "matrix": matrix, "heat": heatmap(matrix)})


@reader_view
@exportable(reports.source_detail)
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    data = pages.source_detail(request, slug)
    context = {
        "source": data.subject,
        # Newest first on (source, published); each row's quote count is a subquery run for that page only.
        "page": paginate(request, data.articles, count=filtered_count(data.filterset)),
        "filter": data.filterset,
        "extra": filters_query(data.filterset.data, "source"),
        **data.summary(),
    }
    return render_page(request, "sources/source_detail.html", context)


def filters_query(filters: dict, own: str) -> str:
    """The page's filters as a query string to carry on its count links (``&from=…``)."""
    query = QueryDict(mutable=True)
    for key, value in filters.items():
        if key != own:
            query[key] = value
    return ("&" + query.urlencode()) if query else ""
