"""Helpers the reader views share."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.core.paginator import Page, Paginator
from django.db import DatabaseError
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, set_script_prefix
from django.utils.cache import patch_vary_headers
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from articles import summaries
from articles.bounded import is_timeout
from articles.models.search import CONTROL_CHARACTERS
from articles.page_cache import fragment
from articles.pages import PageData

logger = logging.getLogger(__name__)
PER_PAGE = 25
COUNT_AT_MOST = 10_000  # rows a list counts exactly; past it, “more than 10,000”
# The columns {% quote_items %} shows of a quote and of what it joins, which a page listing quotes
# reads and no more: its article's body is kilobytes a row, and every timestamp a conversion.
QUOTE_ITEM_COLUMNS = (
    "text", "kind", "status", "cue", "speaker_text", "speaker_kind", "article", "speaker", "speaker_organisation",
    "article__slug", "article__title", "article__published", "article__source",
    "article__source__slug", "article__source__name", "speaker__slug", "speaker__name",
    "speaker_organisation__slug", "speaker_organisation__name",
)
# NUL and the other C0 controls (tab, line feeds aside) and DEL: no filter, slug or search needs
# them; PostgreSQL refuses NUL outright, and \x02/\x03 are the search highlight markers.
MAX_PARAMETER = 2_000  # characters in one query-string value; a search needs a few dozen


def reader_view(view):
    """Every reader page: GET and HEAD only; a query string or URL part holding control characters
    (or absurdly long) is refused with a sentence (400); a query cancelled by the statement
    timeout gives a page saying so (503), never a raw 500."""

    @require_safe
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        problem = hostile_input(request, kwargs)
        if problem:
            return message_page(request, "This address cannot be read", problem, status=400)
        try:
            return view(request, *args, **kwargs)
        except DatabaseError as error:
            if not is_timeout(error):
                raise
            logger.warning("statement timeout on %s", request.get_full_path()[:500])
            return too_slow(request)

    return wrapper


def hostile_input(request: HttpRequest, kwargs: dict) -> str:
    """Why the request's parameters or URL parts cannot be used, in a sentence; empty when they can."""
    for name, values in request.GET.lists():
        for value in (name, *values):
            if CONTROL_CHARACTERS.search(value):
                return (f"The parameter “{CONTROL_CHARACTERS.sub('', name)[:50]}” holds a control character "
                        "(such as a NUL byte), which no page of this site takes. Remove it and try again.")
            if len(value) > MAX_PARAMETER:
                return (f"The parameter “{name[:50]}” is {len(value):,} characters long; "
                        f"this site reads at most {MAX_PARAMETER:,}. Shorten it and try again.")
    for value in kwargs.values():
        if isinstance(value, str) and CONTROL_CHARACTERS.search(value):
            return "The address holds a control character (such as a NUL byte), which no page of this site has."
    return ""


def too_slow(request: HttpRequest) -> HttpResponse:
    response = message_page(
        request, "This page took too long to build",
        "This page took too long to build; narrow the filters (a theme, an outlet, a person or a date range) "
        "or try again in a moment.", status=503,
    )
    response["Retry-After"] = "30"
    return response


def message_page(request: HttpRequest, title: str, message: str, *, status: int) -> HttpResponse:
    """A page that says, in a sentence, why the reader did not get what they asked for."""
    return render(request, "message.html", {"title": title, "message": message}, status=status)


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


def render_fragment_page(request: HttpRequest, template: str, build: Callable[[], dict],
                         shell: Callable[[dict], dict] = lambda context: {}, *,
                         partial: str | None = "results") -> HttpResponse:
    """As render_page, with what the page shows of the archive kept until the data changes
    (articles.page_cache.fragment): ``build()`` gives the context of the template's ``body``
    partial (or of ``partial`` when htmx asks for it alone), and ``shell(context)`` the few plain
    values the page around it needs (its title, the edit link's pk), kept with it. The page
    around (base.html: the nav, the edit link, the CSRF header) is rendered for each request.
    A page without a swappable region passes ``partial=None``: htmx gets the whole page.
    """
    htmx = getattr(request, "htmx", None)
    partial_only = bool(partial and htmx and not htmx.history_restore_request and htmx.target == partial)
    name = f"{template}#{partial if partial_only else 'body'}"

    def fragment_of_page() -> dict:
        context = build()
        return {"html": render_to_string(name, context, request), "shell": shell(context)}

    kept = fragment(request, name, fragment_of_page)
    if partial_only:
        response = HttpResponse(kept["html"])
    else:
        response = render(request, template, {**kept["shell"], "fragment_html": kept["html"]})
    patch_vary_headers(response, ["HX-Request", "HX-Target"])
    return response


def filtered_list(request: HttpRequest, template: str, data: PageData | Callable[[], PageData], *,
                  per_page: int = PER_PAGE) -> HttpResponse:
    """A list page: the filters from the query string, the facet counts, one page of results
    (each list's order walks an index, so a page is found without reading every row). ``data``
    may be given as a function, so that a page kept as a fragment builds no filters either."""

    def context() -> dict:
        nonlocal data
        data = data() if callable(data) else data
        filterset = data.filterset
        return {
            "filter": filterset,
            # Kept apart: the last generation's facets may stand in after a write, its exact total may not.
            "facets": data.facets(),
            "page": paginate(request, data.items, per_page, count=filtered_count(filterset)),
            "sorts": filterset.sort_fields,
        }

    return render_fragment_page(request, template, context)


@dataclass(frozen=True, slots=True)
class CountedLink:
    """One item of a ranked list beside a page, as ``{% counted_links %}`` writes it: the item's
    page and its count, which links to the list it counts. Built in the view, in Python, because
    as a template loop its dozen lookups and filters an item cost more than the page's SQL."""

    url: str
    label: str
    count_url: str
    count: int
    described: str  # the count link's accessible name: "12 quotes by Anna Weber on Escalation"


def counted(url: str, label: str, count_url: str, count: int, noun: str, about: str) -> CountedLink:
    """A :class:`CountedLink` whose count says ``{count} {noun}(s) {about}``."""
    return CountedLink(url, label, count_url, count, f"{count} {noun}{'' if count == 1 else 's'} {about}")


def filtered_count(filterset) -> int:
    """How many rows the filters match (at most COUNT_AT_MOST + 1), cached under the key the
    facets use, so the list's query is compiled for a key once rather than twice. After a write
    the last generation's count stands in only past COUNT_AT_MOST: a paginator given an older exact
    count would cut the newest rows off the list (summaries.count says why)."""
    key = filterset.cache_key
    if key is None:
        return 0
    return summaries.cached("list-count", lambda: _count(filterset), key, COUNT_AT_MOST + 1,
                            stand_in=lambda last: last > COUNT_AT_MOST)


def _count(filterset) -> int:
    return filterset.qs.order_by().values("pk")[:COUNT_AT_MOST + 1].count()


class CountedPaginator(Paginator):
    """Counts at most COUNT_AT_MOST rows, through the summaries cache: the page is cheap on an
    index, an exact total over the whole archive is not. Past that the pager says “more than”.
    A list whose total is kept elsewhere (a person's quotes: ``Person.quote_total``) passes it as
    ``count``, so the page shows the one number every page, export and the admin give."""

    def __init__(self, object_list, per_page: int, *, count: int | None = None) -> None:
        super().__init__(object_list, per_page)
        if count is not None:
            self.count = count  # the cached_property's slot: nothing is counted

    @cached_property
    def count(self) -> int:
        if isinstance(self.object_list, QuerySet):
            return summaries.count(self.object_list, at_most=COUNT_AT_MOST + 1)
        return super().count

    @property
    def capped(self) -> bool:
        return self.count > COUNT_AT_MOST

    @property
    def total(self) -> str:
        """The count as shown: exact, or “more than 10,000”."""
        return f"more than {COUNT_AT_MOST:,}" if self.capped else str(self.count)

    @property
    def pages_label(self) -> str:
        return f"{self.num_pages} or more" if self.capped else str(self.num_pages)


def paginate(request: HttpRequest, queryset, per_page: int = PER_PAGE, *, count: int | None = None,
             param: str = "page") -> Page:
    return CountedPaginator(queryset, per_page, count=count).get_page(request.GET.get(param))


def moved_permanently(request: HttpRequest, url: str) -> HttpResponsePermanentRedirect:
    """301 to where an old permalink now lives, keeping its query string (so ``?format=`` exports follow)."""
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(url + (f"?{query}" if query else ""))


def cached_fragment(name: str, template: str, context, *key) -> str:
    """``template`` drawn with ``context()``, kept under the generation as counts are: an index of
    hundreds of linked counts is tens of milliseconds of template (a reverse() and a dozen lookups
    an item), far more than its cached rows cost to read. A recount may draw it in a background
    thread, which is given the request's script prefix so that its links are the same."""
    prefix = get_script_prefix()

    def draw() -> str:
        before = get_script_prefix()
        set_script_prefix(prefix)
        try:
            return render_to_string(template, context())
        finally:
            set_script_prefix(before)

    # Not marked safe here: the template autoescapes what it draws, and render_to_string's SafeString
    # survives the cache's pickling, so anything else that came back would be escaped where shown.
    return summaries.cached(name, draw, template, prefix, *key)
