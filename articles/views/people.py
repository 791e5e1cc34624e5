from __future__ import annotations

from functools import wraps

from django.http import Http404, HttpRequest, HttpResponse

from articles.exports import exportable, reports
from articles.models import PersonRedirect
from articles.pages import people as pages
from articles.views.common import filtered_list, moved_permanently, paginate, reader_view, render_page

WRITTEN_SHOWN = 10  # an author's articles on their page, newest first, then a pager


@reader_view
@exportable(reports.person_list)
def person_list(request: HttpRequest) -> HttpResponse:
    return filtered_list(request, "people/person_list.html", pages.person_list(request), per_page=40)


def _or_old_slug(view):
    """A slug a person had before a merge or a rename answers 301 to the person now (query string kept)."""

    @wraps(view)
    def wrapper(request: HttpRequest, slug: str) -> HttpResponse:
        try:
            return view(request, slug)
        except Http404:
            moved = PersonRedirect.objects.select_related("person").filter(old_slug=slug).first()
            if moved is None:
                raise
            return moved_permanently(request, moved.person.get_absolute_url())

    return wrapper


@reader_view
@_or_old_slug
@exportable(reports.person_detail)
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    data = pages.person_detail(request, slug)
    person = data.subject
    context = {
        "person": person,
        # The person's quote count is theirs (Person.quote_total), as on every list, export and the admin.
        "page": paginate(request, data.items, count=person.quote_total),
        # The articles they wrote, with their own pager (``?written=2``) beside the quotes' one.
        "written": paginate(request, data.articles, WRITTEN_SHOWN, param="written"),
        **data.summary(),
    }
    return render_page(request, "people/person_detail.html", context)
