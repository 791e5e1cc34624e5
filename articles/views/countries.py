from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from articles.exports import exportable, reports
from articles.links import page_url
from articles.pages import countries as pages
from articles.summaries import sql_of
from articles.views.common import (
    QUOTE_ITEM_COLUMNS,
    cached_fragment,
    counted,
    filtered_count,
    paginate,
    reader_view,
    render_fragment_page,
)
from articles.views.sources import filters_query, speaker_links

SHOWN = 15


@reader_view
@exportable(reports.country_list)
def country_list(request: HttpRequest) -> HttpResponse:
    countries = pages.country_list(request).items
    grid = cached_fragment("country-grid", "countries/_country_grid.html", lambda: {"countries": list(countries)},
                           sql_of(countries))
    return render(request, "countries/country_list.html", {"grid": grid})


@reader_view
@exportable(reports.country_detail)
def country_detail(request: HttpRequest, code: str) -> HttpResponse:
    if code != code.lower():
        return redirect("country_detail", code.lower(), permanent=True)  # /countries/KP/ → /countries/kp/
    return render_fragment_page(request, "countries/country_detail.html", lambda: _country_context(request, code),
                                lambda context: {"country": {"name": context["country"].name}})


def _country_context(request: HttpRequest, code: str) -> dict:
    data = pages.country_detail(request, code)
    country, summary, extra = data.subject, data.summary(), filters_query(data.filterset.data, "country")
    own, article_list = country.code.lower(), reverse("article_list")
    return {
        "country": data.subject,
        "page": paginate(request, data.articles, per_page=SHOWN, count=filtered_count(data.filterset)),
        "quotes": data.items.only(*QUOTE_ITEM_COLUMNS)[:SHOWN],
        "filter": data.filterset,
        "extra": extra,
        **summary,
        # The margin's lists, each count linking to what it counts (with the page's filters).
        "speaker_links": speaker_links(summary["speakers"], f"country={own}", extra),
        "neighbour_links": [
            counted(page_url("country_detail", c["country__code"].lower()), c["country__name"],
                    f"{article_list}?country={own},{c['country__code'].lower()}{extra}", c["n"], "article",
                    f"naming {country.name} and {c['country__name']}")
            for c in summary["neighbours"]
        ],
    }
