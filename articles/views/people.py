from __future__ import annotations

from functools import wraps

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from articles.exports import exportable
from articles.filters import PersonFilter, person_facets
from articles.models import Article, CountryMention, Person, PersonMention, PersonRedirect, Quote, QuoteTheme
from articles.summaries import cached
from articles.views.common import CountedPaginator, filtered_list, moved_permanently, paginate, reader_view, render_page

DESCRIPTIONS_SHOWN = 30
WRITTEN_SHOWN = 10  # an author's articles on their page, newest first, then a pager


@reader_view
@exportable("person_list")
def person_list(request: HttpRequest) -> HttpResponse:
    # The counts are columns kept by triggers: each sort walks an index and stops after a page.
    people = Person.objects.with_quote_counts()
    return filtered_list(request, "people/person_list.html", PersonFilter, person_facets, people, per_page=40)


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
@exportable("person_detail")
def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    # Everything below is bounded, whether the person is quoted twice or twenty thousand times:
    # quotes are paginated on the speaker's index; descriptions, themes and neighbours are
    # aggregated in SQL and cached until the data changes.
    quotes = (
        person.quotes.visible().listed()
        .prefetch_related(Prefetch("quote_themes", QuoteTheme.objects.select_related("theme").order_by("-score")))
        .newest_first()
    )
    context = {
        "person": person,
        "page": paginate(request, quotes),
        "written": _written(request, person),
        # Named anew when its shape changed (article_total): a deployed cache keeps the old entries.
        **cached("person-summary-2", lambda: _summary(person), person.pk),
    }
    return render_page(request, "people/person_detail.html", context)


def _summary(person: Person) -> dict[str, list]:
    """Who the person is described as, what they speak on, where and beside whom (aggregates, cached)."""
    descriptions = (
        person.mentions.values("role", "affiliation", "is_author")
        .annotate(articles=Count("id"), first=Min("article__published"), last=Max("article__published"))
        .order_by(F("first").asc(nulls_first=True), "role")[:DESCRIPTIONS_SHOWN]
    )
    themes = (
        QuoteTheme.objects.filter(quote__speaker=person).exclude(quote__status=Quote.Status.REJECTED)
        .values("theme__slug", "theme__name").annotate(n=Count("quote_id")).order_by("-n", "theme__name")
    )
    # "Their articles" are the articles naming them, the set ``/articles/?person=`` lists: each
    # number below is of that set, so that its link (with ``country=`` or a second person) lists it.
    theirs = Exists(PersonMention.objects.filter(article=OuterRef("article"), person=person))
    countries = (
        CountryMention.objects.filter(theirs)
        .values("country__code", "country__name")
        .annotate(articles=Count("article_id"), mentions=Sum("count"))
        .order_by("-articles", "-mentions", "country__name")[:15]
    )
    beside = (
        PersonMention.objects.filter(theirs)
        .exclude(person=person)
        .values("person__slug", "person__name")
        # One mention row per article and person (person_mention_once_per_article): no DISTINCT needed.
        .annotate(shared=Count("article_id"))
        .order_by("-shared", "person__name")[:15]
    )
    return {"descriptions": list(descriptions), "themes": list(themes), "countries": list(countries),
            "beside": list(beside), "article_total": person.mentions.count()}


def _written(request: HttpRequest, person: Person):
    """The articles the person wrote, newest first, a page of ``WRITTEN_SHOWN`` at a time
    (``?written=2``); their own pager, beside the quotes' one."""
    articles = (
        Article.objects.filter(authors=person).select_related("source").defer("raw_text", "cleaning", "search_vector")
        .order_by(F("published").desc(nulls_last=True), "-id")
    )
    return CountedPaginator(articles, WRITTEN_SHOWN).get_page(request.GET.get("written"))

