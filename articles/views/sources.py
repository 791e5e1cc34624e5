from __future__ import annotations

from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse

from articles.charts import heatmap
from articles.exports import exportable, reports
from articles.links import page_url
from articles.pages import sources as pages
from articles.summaries import sql_of
from articles.views.common import (
    cached_fragment,
    counted,
    filtered_count,
    paginate,
    reader_view,
    render_fragment_page,
)


@reader_view
@exportable(reports.source_list)
def source_list(request: HttpRequest) -> HttpResponse:
    data = pages.source_list(request)

    def drawn() -> dict:
        matrix = data.summary()["matrix"]
        return {"sources": list(data.items), "matrix": matrix, "heat": heatmap(matrix)}

    index = cached_fragment("source-index", "sources/_source_index.html", drawn, sql_of(data.items))
    return render(request, "sources/source_list.html", {"index": index})


@reader_view
@exportable(reports.source_detail)
def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    return render_fragment_page(request, "sources/source_detail.html", lambda: _source_context(request, slug),
                                lambda context: {"source": {"pk": context["source"].pk, "name": context["source"].name}})


def _source_context(request: HttpRequest, slug: str) -> dict:
    data = pages.source_detail(request, slug)
    source, summary, extra = data.subject, data.summary(), filters_query(data.filterset.data, "source")
    own, article_list = quote(source.slug), reverse("article_list")
    return {
        "source": data.subject,
        # Newest first on (source, published); each row's quote count is a subquery run for that page only.
        "page": paginate(request, data.articles, count=filtered_count(data.filterset)),
        "filter": data.filterset,
        "extra": extra,
        **summary,
        # The margin's lists, each count linking to what it counts (with the page's filters).
        "speaker_links": speaker_links(summary["speakers"], f"source={own}", extra, f" in {source.name}"),
        "theme_links": [
            counted(page_url("theme_detail", t["theme__slug"]), t["theme__name"],
                    f"{article_list}?source={own}&theme={quote(t['theme__slug'])}{extra}", t["n"], "article",
                    f"on {t['theme__name']} in {source.name}")
            for t in summary["themes"]
        ],
    }


def filters_query(filters: dict, own: str) -> str:
    """The page's filters as a query string to carry on its count links (``&from=…``)."""
    query = QueryDict(mutable=True)
    for key, value in filters.items():
        if key != own:
            query[key] = value
    return ("&" + query.urlencode()) if query else ""


def speaker_links(speakers: list[dict], scope: str, extra: str, where: str = "") -> list:
    """The margin's speakers of an outlet's or a country's page: each one's page, and a count of
    their quotes within ``scope`` (``source=slug``, ``country=code``) and the page's other filters."""
    quote_list = reverse("quote_list")
    return [
        counted(page_url("person_detail", s["speaker__slug"]), s["speaker__name"],
                f"{quote_list}?{scope}&person={quote(s['speaker__slug'])}{extra}", s["n"], "quote",
                f"by {s['speaker__name']}{where}")
        for s in speakers
    ]
