from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from articles.exports import exportable
from articles.models import Article, Person, Quote
from articles.views.common import reader_view, render_page

MAX_QUERY = 200


@reader_view
@exportable("search")
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    context: dict = {"query": query}
    if query:
        context["articles"] = list(Article.objects.select_related("source").search(query)[:10])
        context["quotes"] = list(
            Quote.objects.visible().listed().search(query)[:20]
        )
        context["people"] = list(Person.objects.matching(query)[:10])
    return render_page(request, "search.html", context)
