"""The filters every list takes as query parameters, and the facet counts beside them.

Lists share one vocabulary: ``theme``, ``country``, ``source``, ``person``, ``from``,
``to`` (dates), ``kind`` (quote kind) and ``q``, plus ``sort`` from a whitelist.
Multi-valued relations are filtered with ``EXISTS`` subqueries, so results never
repeat and the database can use the (relation, id) indexes.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters as df
from django.db.models import Count, Exists, OuterRef, QuerySet

from articles.models import (
    Article,
    ArticleTheme,
    CountryMention,
    Person,
    PersonMention,
    Quote,
    QuoteTheme,
)

FACET_LIMIT = 12


@dataclass(frozen=True, slots=True)
class FacetOption:
    value: str
    label: str
    count: int


@dataclass(slots=True)
class Facet:
    param: str
    label: str
    options: list[FacetOption]
    selected: str


class BaseFilter(df.FilterSet):
    """Shared behaviour: parameters that are not valid are ignored rather than erroring."""

    sort_fields: dict[str, tuple[str, ...]] = {}
    default_sort = ""

    sort = df.CharFilter(method="apply_sort")

    def apply_sort(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.order_by(*self.sort_fields.get(value, ()), "pk") if value in self.sort_fields else queryset

    @property
    def qs(self) -> QuerySet:
        queryset = super().qs
        if not self.form.cleaned_data.get("sort") and self.default_sort:
            queryset = queryset.order_by(*self.sort_fields[self.default_sort], "pk")
        return queryset

    def without(self, param: str) -> QuerySet:
        """The results with every filter applied except ``param``: what a facet counts over."""
        data = self.data.copy()
        data.pop(param, None)
        return type(self)(data, queryset=self.queryset).qs.order_by()

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.data.items() if k in self.filters and k not in ("sort", "page") and v}


def _dates(prefix: str) -> dict[str, df.Filter]:
    return {
        "from": df.DateFilter(field_name=f"{prefix}published", lookup_expr="gte", label="From"),
        "to": df.DateFilter(field_name=f"{prefix}published", lookup_expr="lte", label="To"),
    }


class QuoteFilter(BaseFilter):
    theme = df.CharFilter(method="by_theme")
    country = df.CharFilter(method="by_country")
    source = df.CharFilter(field_name="article__source__slug")
    person = df.CharFilter(field_name="speaker__slug")
    kind = df.ChoiceFilter(choices=Quote.Kind.choices)
    q = df.CharFilter(method="search")

    sort_fields = {
        "newest": ("-article__published", "article_id", "start"),
        "oldest": ("article__published", "article_id", "start"),
        "speaker": ("speaker__name", "speaker_text"),
        "confidence": ("confidence",),
    }
    default_sort = "newest"

    class Meta:
        model = Quote
        fields: list[str] = []

    def by_theme(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(QuoteTheme.objects.filter(quote=OuterRef("pk"), theme__slug=value)))

    def by_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(CountryMention.objects.filter(article=OuterRef("article"), country__code=value.upper()))
        )

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


QuoteFilter.base_filters.update(_dates("article__"))


class ArticleFilter(BaseFilter):
    theme = df.CharFilter(method="by_theme")
    country = df.CharFilter(method="by_country")
    source = df.CharFilter(field_name="source__slug")
    person = df.CharFilter(method="by_person")
    q = df.CharFilter(method="search")

    sort_fields = {
        "newest": ("-published", "-imported_at"),
        "oldest": ("published", "imported_at"),
        "title": ("title",),
    }
    default_sort = "newest"

    class Meta:
        model = Article
        fields: list[str] = []

    def by_theme(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(ArticleTheme.objects.filter(article=OuterRef("pk"), theme__slug=value)))

    def by_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(CountryMention.objects.filter(article=OuterRef("pk"), country__code=value.upper()))
        )

    def by_person(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(PersonMention.objects.filter(article=OuterRef("pk"), person__slug=value)))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.search(value)


ArticleFilter.base_filters.update(_dates(""))


class PersonFilter(BaseFilter):
    theme = df.CharFilter(method="by_theme")
    country = df.CharFilter(method="by_country")
    source = df.CharFilter(method="by_source")
    kind = df.ChoiceFilter(choices=Person.Kind.choices)
    q = df.CharFilter(method="search")

    sort_fields = {"quotes": ("-quote_count", "name"), "name": ("name",), "articles": ("-article_count", "name")}
    default_sort = "quotes"

    class Meta:
        model = Person
        fields: list[str] = []

    def by_theme(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(QuoteTheme.objects.filter(quote__speaker=OuterRef("pk"), theme__slug=value))
        )

    def by_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(
                CountryMention.objects.filter(
                    article__person_mentions__person=OuterRef("pk"), country__code=value.upper()
                )
            )
        )

    def by_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(Exists(PersonMention.objects.filter(person=OuterRef("pk"), article__source__slug=value)))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.matching(value)


def _options(rows, value_key: str, label_key: str, transform=str) -> list[FacetOption]:
    return [FacetOption(transform(row[value_key]), row[label_key], row["n"]) for row in rows]


def quote_facets(filterset: QuoteFilter) -> list[Facet]:
    """Counts for each option of each filter, given the other filters (one query a facet)."""
    data = filterset.data
    themes = (
        QuoteTheme.objects.filter(quote__in=filterset.without("theme"))
        .values("theme__slug", "theme__name").annotate(n=Count("quote_id", distinct=True)).order_by("-n", "theme__name")
    )
    countries = (
        CountryMention.objects.filter(article__quotes__in=filterset.without("country"))
        .values("country__code", "country__name").annotate(n=Count("article__quotes", distinct=True))
        .order_by("-n", "country__name")
    )
    sources = (
        filterset.without("source").exclude(article__source=None)
        .values("article__source__slug", "article__source__name").annotate(n=Count("id"))
        .order_by("-n", "article__source__name")
    )
    people = (
        filterset.without("person").exclude(speaker=None)
        .values("speaker__slug", "speaker__name").annotate(n=Count("id")).order_by("-n", "speaker__name")
    )
    kinds = filterset.without("kind").values("kind").annotate(n=Count("id")).order_by("-n")
    labels = dict(Quote.Kind.choices)
    return [
        Facet("theme", "Theme", _options(themes[:FACET_LIMIT], "theme__slug", "theme__name"), data.get("theme", "")),
        Facet("country", "Country", _options(countries[:FACET_LIMIT], "country__code", "country__name", str.lower),
              data.get("country", "").lower()),
        Facet("source", "Outlet", _options(sources[:FACET_LIMIT], "article__source__slug", "article__source__name"),
              data.get("source", "")),
        Facet("person", "Speaker", _options(people[:FACET_LIMIT], "speaker__slug", "speaker__name"), data.get("person", "")),
        Facet("kind", "Kind", [FacetOption(r["kind"], labels.get(r["kind"], r["kind"]), r["n"]) for r in kinds],
              data.get("kind", "")),
    ]


def article_facets(filterset: ArticleFilter) -> list[Facet]:
    data = filterset.data
    themes = (
        ArticleTheme.objects.filter(article__in=filterset.without("theme"))
        .values("theme__slug", "theme__name").annotate(n=Count("article_id", distinct=True)).order_by("-n", "theme__name")
    )
    countries = (
        CountryMention.objects.filter(article__in=filterset.without("country"))
        .values("country__code", "country__name").annotate(n=Count("article_id", distinct=True))
        .order_by("-n", "country__name")
    )
    sources = (
        filterset.without("source").exclude(source=None)
        .values("source__slug", "source__name").annotate(n=Count("id")).order_by("-n", "source__name")
    )
    people = (
        PersonMention.objects.filter(article__in=filterset.without("person"), is_quoted=True)
        .values("person__slug", "person__name").annotate(n=Count("article_id", distinct=True)).order_by("-n", "person__name")
    )
    return [
        Facet("theme", "Theme", _options(themes[:FACET_LIMIT], "theme__slug", "theme__name"), data.get("theme", "")),
        Facet("country", "Country", _options(countries[:FACET_LIMIT], "country__code", "country__name", str.lower),
              data.get("country", "").lower()),
        Facet("source", "Outlet", _options(sources[:FACET_LIMIT], "source__slug", "source__name"), data.get("source", "")),
        Facet("person", "Quoted", _options(people[:FACET_LIMIT], "person__slug", "person__name"), data.get("person", "")),
    ]


def person_facets(filterset: PersonFilter) -> list[Facet]:
    data = filterset.data
    kinds = filterset.without("kind").values("kind").annotate(n=Count("id")).order_by("-n")
    themes = (
        QuoteTheme.objects.filter(quote__speaker__in=filterset.without("theme"))
        .values("theme__slug", "theme__name").annotate(n=Count("quote__speaker", distinct=True))
        .order_by("-n", "theme__name")
    )
    sources = (
        PersonMention.objects.filter(person__in=filterset.without("source")).exclude(article__source=None)
        .values("article__source__slug", "article__source__name").annotate(n=Count("person_id", distinct=True))
        .order_by("-n", "article__source__name")
    )
    labels = dict(Person.Kind.choices)
    return [
        Facet("kind", "Kind", [FacetOption(r["kind"], labels.get(r["kind"], r["kind"]), r["n"]) for r in kinds],
              data.get("kind", "")),
        Facet("theme", "Speaks on", _options(themes[:FACET_LIMIT], "theme__slug", "theme__name"), data.get("theme", "")),
        Facet("source", "Quoted in", _options(sources[:FACET_LIMIT], "article__source__slug", "article__source__name"),
              data.get("source", "")),
    ]
