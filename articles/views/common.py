"""Helpers the reader views share."""

from __future__ import annotations

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property

from articles import summaries

PER_PAGE = 25


def render_page(request: HttpRequest, template: str, context: dict, *, partial: str = "results") -> HttpResponse:
    """The whole page, or only its swappable region when htmx asks for it.

    A history-restore request (the back button with htmx's cache empty) needs the
    whole page even though it comes from htmx.
    """
    htmx = getattr(request, "htmx", None)
    if htmx and not htmx.history_restore_request and htmx.target == partial:
        template = f"{template}#{partial}"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def filtered_list(
    request: HttpRequest, template: str, filter_class, facets, queryset, *, per_page: int = PER_PAGE,
    aggregated: bool = False,
) -> HttpResponse:
    """A list page: the filters from the query string, the facet counts, one page of results.

    ``aggregated`` lists (people ranked by their quote counts) must aggregate every row to
    find one page, so their pages are cached like the counts.
    """
    filterset = filter_class(request.GET, queryset=queryset)
    page = paginate(request, filterset.qs, per_page)
    if aggregated:
        page.object_list = summaries.rows(page.object_list, "list-page")
    context = {
        "filter": filterset,
        "facets": facets(filterset),
        "page": page,
        "sorts": filter_class.sort_fields,
    }
    return render_page(request, template, context)


class CountedPaginator(Paginator):
    """Counts through the summaries cache: the page is cheap on an index, the total is not."""

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return summaries.count(self.object_list)
        return super().count


def paginate(request: HttpRequest, queryset, per_page: int = PER_PAGE) -> Page:
    return CountedPaginator(queryset, per_page).get_page(request.GET.get("page"))


def query_without(request: HttpRequest, *params: str) -> str:
    """The current query string less some parameters (for links that change one filter)."""
    data = request.GET.copy()
    for param in (*params, "page"):
        data.pop(param, None)
    return data.urlencode()
