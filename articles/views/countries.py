from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from articles.exports import exportable, reports
from articles.pages import countries as pages
from articles.summaries import rows
from articles.views.common import filtered_count, paginate, reader_view, render_page
from articles.views.sources import filters_query

SHOWN = 15


@reader_view
@exportable(reports.country_list)
def country_list(request: HttpRequest) -> HttpResponse:
    return render(request, "countries/country_list.html", {"countries": rows(pages.country_list(request).items, "countries")})


@reader_view
@exportable(reports.country_detail)
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.lower():
        return redirect("country_detail", code.lower(), permanent=True)  # /countries/KP/ → /countries/kp/
    data = pages.country_detail(request, code)
    context = {
        "country": data.subject,
        "page": paginate(request, data.articles, per_page=SHOWN, count=filtered_count(data.filterset)),
        "quotes": data.items[:SHOWN],
        "filter": data.filterset,
        "extra": filters_query(data.filterset.data, "country"),
        **data.summary(),
    }
    return render_page(request, "countries/country_detail.html", context)
