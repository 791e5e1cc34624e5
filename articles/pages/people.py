"""The people list and a person's page."""

from __future__ import annotations

from django.db.models import Count, Exists, F, Max, Min, OuterRef, Sum
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from articles.filters import PersonFilter, person_facets
from articles.models import Article, CountryMention, Person, PersonMention, Quote, QuoteTheme
from articles.pages import PageData
from articles.summaries import cached

DESCRIPTIONS_SHOWN = 30


def person_list(request: HttpRequest) -> PageData:
    # The counts are columns kept by triggers: each sort walks an index and stops after a page.
    filterset = PersonFilter(request.GET, queryset=Person.objects.select_related("country").with_quote_counts())
    return PageData(items=filterset.qs, filterset=filterset, facets=lambda: person_facets(filterset))


def person_detail(request: HttpRequest, slug: str) -> PageData:
    """Everything here is bounded, whether the person is quoted twice or twenty thousand times:
    quotes are read newest first on the speaker's index; descriptions, themes and neighbours are
    aggregated in SQL and cached until the data changes."""
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    written = (
        Article.objects.filter(authors=person).select_related("source").defer("raw_text", "cleaning", "search_vector")
        .order_by(F("published").desc(nulls_last=True), "-id")
    )
    return PageData(
        items=person.quotes.visible().listed().newest_first(), subject=person, articles=written,
        # Named anew when its shape changed (article_total): a deployed cache keeps the old entries.
        # The article total is the person's own count (Person.article_total), never recounted here.
        summary=lambda: {**cached("person-summary-2", lambda: _summary(person), person.pk),
                         "article_total": person.article_total},
    )


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
            "beside": list(beside)}
