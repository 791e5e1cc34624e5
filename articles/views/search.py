from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from articles.exports import exportable, reports
from articles.pages import search as pages
from articles.views.common import reader_view, render_page


@reader_view
@exportable(reports.search)
def search(request: HttpRequest) -> HttpResponse:
    data = pages.search(request)
    context: dict = {"query": data.query, "exact": data.exact}
    if data.query:
        summary = data.summary()
        context.update(
            people=data.people, meant=data.meant, corrected=data.corrected, quotes=summary["quotes"],
            articles=summary["articles"], **{key: summary[key] for key in ("themes", "organisations", "sources", "countries")},
        )
    return render_page(request, "search.html", context)
