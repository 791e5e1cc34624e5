"""The filters every list takes as query parameters, and the facet counts beside them.

Lists share one vocabulary: ``theme``, ``country``, ``source``, ``person``, ``from``,
``to`` (dates), ``kind`` (quote kind) and ``q``, plus ``sort`` from a whitelist.
Multi-valued relations are filtered with ``EXISTS`` subqueries, so results never
repeat and the database can use the (relation, id) indexes.
"""

from __future__ import annotations

from dataclasses import dataclass

import django_filters as df
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Count, Exists, OuterRef, QuerySet

from articles.models import (
    Article,
    ArticleTheme,
    Country,
    CountryMention,
    Person,
    PersonMention,
    Quote,
    QuoteTheme,
    Source,
    Theme,
)
from articles.models.quotes import NEWEST_FIRST, OLDEST_FIRST
from articles.models.search import containing
from articles.summaries import cached, sql_of

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

    def __init__(self, *args, ids: dict | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._ids = {} if ids is None else ids  # shared with the facets' copies: one lookup a value

    def id_of(self, model, **lookup) -> int:
        """The id behind a slug or code, or 0 (no row has it), looked up first: filtering on a
        constant id lets PostgreSQL use its statistics for that very theme, country or person,
        where a join on the slug leaves it guessing (and guessing wrong by 100× at a million quotes)."""
        key = (model, *lookup.items())
        if key not in self._ids:
            self._ids[key] = model.objects.filter(**lookup).values_list("id", flat=True).first() or 0
        return self._ids[key]

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
        return type(self)(data, queryset=self.queryset, ids=self._ids).qs.order_by()

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
    source = df.CharFilter(method="by_source")
    person = df.CharFilter(method="by_person")
    kind = df.ChoiceFilter(choices=Quote.Kind.choices)
    q = df.CharFilter(method="search")

    sort_fields = {
        "newest": NEWEST_FIRST,
        "oldest": OLDEST_FIRST,
        "speaker": ("speaker__name", "speaker_text"),
        "confidence": ("confidence",),
    }
    default_sort = "newest"

    class Meta:
        model = Quote
        fields: list[str] = []

    def by_theme(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        theme = self.id_of(Theme, slug=value)
        return queryset.filter(Exists(QuoteTheme.objects.filter(quote=OuterRef("pk"), theme_id=theme)))

    def by_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        country = self.id_of(Country, code=value.upper())
        return queryset.filter(Exists(CountryMention.objects.filter(article=OuterRef("article"), country_id=country)))

    def by_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(article__source_id=self.id_of(Source, slug=value))

    def by_person(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(speaker_id=self.id_of(Person, slug=value))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return containing(queryset, value)


QuoteFilter.base_filters.update(_dates(""))  # Quote.published, the article's date


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
        theme = self.id_of(Theme, slug=value)
        return queryset.filter(Exists(ArticleTheme.objects.filter(article=OuterRef("pk"), theme_id=theme)))

    def by_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        country = self.id_of(Country, code=value.upper())
        return queryset.filter(Exists(CountryMention.objects.filter(article=OuterRef("pk"), country_id=country)))

    def by_person(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        person = self.id_of(Person, slug=value)
        return queryset.filter(Exists(PersonMention.objects.filter(article=OuterRef("pk"), person_id=person)))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return containing(queryset, value)


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
            Exists(QuoteTheme.objects.filter(quote__speaker=OuterRef("pk"), theme_id=self.id_of(Theme, slug=value)))
        )

    def by_country(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(
            Exists(
                CountryMention.objects.filter(
                    article__person_mentions__person=OuterRef("pk"),
                    country_id=self.id_of(Country, code=value.upper()),
                )
            )
        )

    def by_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        source = self.id_of(Source, slug=value)
        return queryset.filter(Exists(PersonMention.objects.filter(person=OuterRef("pk"), article__source_id=source)))

    def search(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.matching(value)


def quote_facets(filterset: QuoteFilter) -> list[Facet]:
    return _cached_facets(filterset, _quote_facets)


def article_facets(filterset: ArticleFilter) -> list[Facet]:
    return _cached_facets(filterset, _article_facets)


def person_facets(filterset: PersonFilter) -> list[Facet]:
    return _cached_facets(filterset, _person_facets)


def _cached_facets(filterset: BaseFilter, compute) -> list[Facet]:
    """Facet counts scan every matching row, so they are kept until the data changes; the
    filtered query's own SQL is the key (the same filters on another base list differ)."""
    sql = sql_of(filterset.qs.order_by())
    if sql is None:
        return compute(filterset)
    return cached(f"facets-{compute.__name__}", lambda: compute(filterset), sql)


def _options(rows, value_key: str, label_key: str, transform=str) -> list[FacetOption]:
    return [FacetOption(transform(row[value_key]), row[label_key], row["n"]) for row in rows]


def _quote_facets(filterset: QuoteFilter) -> list[Facet]:
    """Counts for each option of each filter, given the other filters (one query a facet).

    Each query groups on the quote's own columns (ids), and names the dozen winners after:
    joining a million quotes to their themes' or speakers' names only to group on them
    costs more than the counting.
    """
    data = filterset.data
    themes = _top(
        QuoteTheme.objects.filter(quote__in=filterset.without("theme")).values("theme_id").annotate(n=Count("*")),
        "theme_id", Theme, "slug",
    )
    sources = _top(
        filterset.without("source").exclude(article__source=None).values("article__source_id").annotate(n=Count("*")),
        "article__source_id", Source, "slug",
    )
    people = _top(
        filterset.without("person").exclude(speaker=None).values("speaker_id").annotate(n=Count("*")),
        "speaker_id", Person, "slug",
    )
    kinds = filterset.without("kind").values("kind").annotate(n=Count("*")).order_by("-n", "kind")
    labels = dict(Quote.Kind.choices)
    return [
        Facet("theme", "Theme", themes, data.get("theme", "")),
        Facet("country", "Country", _quote_countries(filterset.without("country")), data.get("country", "").lower()),
        Facet("source", "Outlet", sources, data.get("source", "")),
        Facet("person", "Speaker", people, data.get("person", "")),
        Facet("kind", "Kind", [FacetOption(r["kind"], labels.get(r["kind"], r["kind"]), r["n"]) for r in kinds],
              data.get("kind", "")),
    ]


def _top(counts: QuerySet, key: str, model, value_field: str) -> list[FacetOption]:
    """The FACET_LIMIT largest of ``counts`` (rows of ``key`` and ``n``), named from ``model``'s
    table after the grouping, in the same statement."""
    try:
        inner, params = counts.order_by().query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing
        return []
    table = connection.ops.quote_name(model._meta.db_table)
    value = connection.ops.quote_name(model._meta.get_field(value_field).column)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT t.{value}, t.name, q.n FROM ({inner}) q JOIN {table} t ON t.id = q.{connection.ops.quote_name(key)}
                ORDER BY q.n DESC, t.name LIMIT %s""",
            [*params, FACET_LIMIT],
        )
        return [FacetOption(str(slug), name, int(n)) for slug, name, n in cursor.fetchall()]


def _quote_countries(quotes: QuerySet) -> list[FacetOption]:
    """Quotes per country named in their article: counted per article first, then summed over
    the articles' country mentions (a million quotes times four countries each, otherwise)."""
    try:
        per_article, params = quotes.values("article_id").annotate(n=Count("*")).order_by().query.sql_with_params()
    except EmptyResultSet:  # a filter that can match nothing
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT c.code, c.name, SUM(q.n) AS n
                FROM ({per_article}) q
                JOIN articles_countrymention m ON m.article_id = q.article_id
                JOIN articles_country c ON c.id = m.country_id
                GROUP BY c.code, c.name ORDER BY n DESC, c.name LIMIT %s""",
            [*params, FACET_LIMIT],
        )
        return [FacetOption(code.lower(), name, int(n)) for code, name, n in cursor.fetchall()]


def _article_facets(filterset: ArticleFilter) -> list[Facet]:
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


def _person_facets(filterset: PersonFilter) -> list[Facet]:
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
