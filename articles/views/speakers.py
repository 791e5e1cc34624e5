"""Speakers who are not named people: organisations quoted as such, and described (anonymous)
sources, each with a page, and an index of them linked from People."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from articles.exports import exportable, reports
from articles.models.described import speaker_kind_label
from articles.pages import speakers as pages
from articles.views.common import cached_fragment, paginate, reader_view, render_fragment_page


@reader_view
def speaker_index(request: HttpRequest) -> HttpResponse:
    """Everyone quoted who is not a named person: counts by kind, organisations, descriptions."""
    data = pages.speaker_index(request)
    lists = cached_fragment("speaker-index-lists", "speakers/_speaker_index_lists.html", data.summary)
    return render(request, "speakers/speaker_index.html", {"lists": lists})


@reader_view
@exportable(reports.organisation_detail)
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    def context() -> dict:
        data = pages.organisation_detail(request, slug)
        return {"organisation": data.subject, "page": paginate(request, data.items), **data.summary()}

    return render_fragment_page(request, "speakers/organisation_detail.html", context,
                                lambda context: {"organisation": {"name": context["organisation"].name}})


@reader_view
@exportable(reports.described_source)
def described_source(request: HttpRequest, slug: str) -> HttpResponse:
    """Every quote from one description ("a senior American diplomat"), grouped by outlet;
    ``?source=`` keeps one outlet (what each outlet's count links to)."""
    def context() -> dict:
        data = pages.described_source(request, slug)
        summary = data.summary()
        outlets = summary["outlets"]
        return {
            "slug": slug,
            "description": outlets[0]["description"],
            "kind": speaker_kind_label(outlets[0]["kind"]),
            "outlets": outlets,
            "outlet": summary["outlet"],
            "page": paginate(request, data.items),
        }

    return render_fragment_page(request, "speakers/described_source.html", context,
                                lambda context: {"description": context["description"]})
