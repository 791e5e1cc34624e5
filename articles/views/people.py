from __future__ import annotations

from functools import wraps
from urllib.parse import quote

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse

from articles.exports import exportable, reports
from articles.links import page_url
from articles.models import PersonRedirect
from articles.pages import people as pages
from articles.views.common import (
    QUOTE_ITEM_COLUMNS,
    CountedLink,
    counted,
    filtered_list,
    moved_permanently,
    paginate,
    reader_view,
    render_fragment_page,
)

WRITTEN_SHOWN = 10  # an author's articles on their page, newest first, then a pager


@reader_view
@exportable(reports.person_list)
def person_list(request: HttpRequest) -> HttpResponse:
    return filtered_list(request, "people/person_list.html", lambda: pages.person_list(request), per_page=40)


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
    def context() -> dict:
        data = pages.person_detail(request, slug)
        person = data.subject
        summary = data.summary()
        return {
            "person": person,
            # The person's quote count is theirs (Person.quote_total), as on every list, export and the admin.
            # Each article's heading is its title or, untitled, its opening words: the body is read.
            "page": paginate(request, data.items.only(*QUOTE_ITEM_COLUMNS, "article__body"), count=person.quote_total),
            # The articles they wrote, with their own pager (``?written=2``) beside the quotes' one.
            "written": paginate(request, data.articles, WRITTEN_SHOWN, param="written"),
            **summary,
            **_margin_links(person, summary),
        }

    return render_fragment_page(request, "people/person_detail.html", context, _person_shell)


def _person_shell(context: dict) -> dict:
    person = context["person"]  # the title and the edit link's target
    return {"person": {"pk": person.pk, "name": person.name}}


def _margin_links(person, summary: dict) -> dict[str, list[CountedLink]]:
    """The margin's lists: what the person speaks on, the countries of their articles and who is
    named with them, each with its count linking to the quotes or articles it counts."""
    me, name = quote(person.slug), person.name
    quote_list, article_list = reverse("quote_list"), reverse("article_list")
    return {
        "theme_links": [
            counted(f"{page_url('theme_detail', t['theme__slug'])}?person={me}", t["theme__name"],
                    f"{quote_list}?theme={quote(t['theme__slug'])}&person={me}", t["n"], "quote",
                    f"by {name} on {t['theme__name']}")
            for t in summary["themes"]
        ],
        "country_links": [
            counted(page_url("country_detail", c["country__code"].lower()), c["country__name"],
                    f"{article_list}?person={me}&country={c['country__code'].lower()}", c["articles"], "article",
                    f"naming {name} and {c['country__name']}")
            for c in summary["countries"]
        ],
        "beside_links": [
            counted(page_url("person_detail", p["person__slug"]), p["person__name"],
                    f"{article_list}?person={me},{quote(p['person__slug'])}", p["shared"], "article",
                    f"naming {name} and {p['person__name']}")
            for p in summary["beside"]
        ],
    }
