from __future__ import annotations

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Prefetch, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from articles.exports import exportable
from articles.filters import PersonFilter, person_facets
from articles.models import CountryMention, Person, PersonMention, Quote, QuoteTheme
from articles.summaries import cached
from articles.views.common import filtered_list, paginate, reader_view, render_page

DESCRIPTIONS_SHOWN = 30


@reader_view
@exportable("person_list")
def person_list(request: HttpRequest) -> HttpResponse:
    # The counts are columns kept by triggers: each sort walks an index and stops after a page.
    people = Person.objects.with_quote_counts()
    return filtered_list(request, "people/person_list.html", PersonFilter, person_facets, people, per_page=40)


@reader_view
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
        **cached("person-summary", lambda: _summary(person), person.pk),
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
    quoted_here = Exists(Quote.objects.visible().filter(article=OuterRef("article"), speaker=person))
    countries = (
        CountryMention.objects.filter(quoted_here)
        .values("country__code", "country__name")
        .annotate(articles=Count("article_id"), mentions=Sum("count"))
        .order_by("-articles", "-mentions", "country__name")[:15]
    )
    beside = (
        PersonMention.objects.filter(quoted_here, is_quoted=True)
        .exclude(person=person)
        .values("person__slug", "person__name")
        .annotate(shared=Count("article_id"))
        .order_by("-shared", "person__name")[:15]
    )
    return {"descriptions": list(descriptions), "themes": list(themes), "countries": list(countries),
            "beside": list(beside)}

