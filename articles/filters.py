"""The filters every list takes as query parameters, and the facet counts beside them.

Lists share one vocabulary: ``theme``, ``country``, ``source``, ``person``, ``from``,
``to`` (dates), ``kind`` (quote kind) and ``q``, plus ``sort`` from a whitelist.
Multi-valued relations are filtered with ``EXISTS`` subqueries, so results never
repeat and the database can use the (relation, id) indexes.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

import django_filters as df
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import QueryDict
from django.utils.functional import cached_property

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
FACET_MORE = 200  # options a facet shows after "more…" (``?more=theme``)
# Facets count over at most this many of the newest matching rows (an index walk that stops), so
# a facet is bounded work however large the archive; past it, the facet says what it counted.
FACET_SCAN = 10_000


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
    note: str = ""  # “in the newest 10,000 quotes” when the counts are of a bounded sample
    more: bool = False  # options were left out: the facet offers "more…" (``?more=<param>``)
    expanded: bool = False  # this facet was asked for with ``?more=<param>``


class BaseFilter(df.FilterSet):
    """Shared behaviour: parameters that are not valid are ignored rather than erroring."""

    sort_fields: dict[str, tuple[str, ...]] = {}
    default_sort = ""

    sort = df.CharFilter(method="apply_sort")

    _form_classes: dict[type, type] = {}

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None, ids: dict | None = None) -> None:
        # django-filter's own __init__ but for one line: it deep-copies every filter (a dozen
        # a filterset, a list page builds one or two) each request, about a millisecond of
        # Python; nothing changes a filter once made, so a shallow copy a filter does.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix
        self.filters = {name: _own_copy(filter_, self, queryset.model) for name, filter_ in self.base_filters.items()}
        self._ids = {} if ids is None else ids  # shared with the facets' copies: one lookup a value

    def get_form_class(self):
        """The form of the filters, made once a class: django-filter builds a new class, and a new
        form field a filter, for every filterset; they are the same each time."""
        cls = type(self)
        if cls not in BaseFilter._form_classes:
            BaseFilter._form_classes[cls] = super().get_form_class()
        return BaseFilter._form_classes[cls]

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

    @cached_property
    def cache_key(self) -> str | None:
        """The filtered list's SQL, ids only and unordered: what its facet counts and its total are
        kept under. Compiled once a request, and without the list's joined columns, whose
        compilation cost more than the page's SQL. None when the filters can match nothing."""
        return sql_of(self.qs.order_by().values("pk"))

    def active(self) -> dict[str, str]:
        return {k: v for k, v in self.data.items() if k in self.filters and k not in ("sort", "page") and v}


def known_ids(model, pk: int, **lookup) -> dict:
    """The ``ids`` of filtersets whose page has read a row already (its subject): their
    ``id_of(model, **lookup)`` is then ``pk``, not another query."""
    return {(model, *lookup.items()): pk}


def _own_copy(filter_: df.Filter, parent: BaseFilter, model) -> df.Filter:
    """A filter for one filterset: a shallow copy, its method (if any) bound to the copy."""
    own = copy.copy(filter_)
    own.model, own.parent = model, parent
    if own.method is not None:
        own.method = own.method  # a FilterMethod of its own, which finds the method on ``parent``
    return own


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
    # Any stored value, not a fixed choice: kinds added later (a document) filter without a change here.
    speaker_kind = df.CharFilter(field_name="speaker_kind")
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
    source = df.CharFilter(method="by_source")
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
        # ``kp,ru``: articles naming every one of them (what a country's "Mentioned with" counts).
        for code in value.split(",")[:5]:
            country = self.id_of(Country, code=code.strip().upper())
            queryset = queryset.filter(Exists(CountryMention.objects.filter(article=OuterRef("pk"), country_id=country)))
        return queryset

    def by_source(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # The outlet's id, not a join on its slug: an outlet's page walks (source, published).
        return queryset.filter(source_id=self.id_of(Source, slug=value))

    def by_person(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        # ``a,b``: articles naming every one of them (what a person's "Named with them" counts).
        for slug in value.split(",")[:5]:
            person = self.id_of(Person, slug=slug.strip())
            queryset = queryset.filter(Exists(PersonMention.objects.filter(article=OuterRef("pk"), person_id=person)))
        return queryset

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
        # Quotes readers see, as the "Speaks on" facet counts them (a rejected quote is no one's).
        theme = self.id_of(Theme, slug=value)
        spoken = Quote.objects.visible().filter(speaker=OuterRef("pk"))
        return queryset.filter(Exists(spoken.filter(Exists(QuoteTheme.objects.filter(quote=OuterRef("pk"),
                                                                                      theme_id=theme)))))

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
        # Quoted in the outlet, as the "Quoted in" facet counts (not merely named there).
        source = self.id_of(Source, slug=value)
        return queryset.filter(Exists(Quote.objects.visible().filter(speaker=OuterRef("pk"), article__source_id=source)))

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
    sql = filterset.cache_key
    more = filterset.data.get("more", "")
    if sql is None:
        return compute(filterset)
    return cached(f"facets-{compute.__name__}", lambda: compute(filterset), sql, more)


def _limit(filterset: BaseFilter, param: str) -> int:
    """How many options the facet shows: FACET_LIMIT, or FACET_MORE when the reader asked for more."""
    return FACET_MORE if filterset.data.get("more") == param else FACET_LIMIT


def _sample(queryset: QuerySet, order, *columns: str) -> tuple[str, list] | None:
    """The SQL of the first FACET_SCAN rows of ``queryset`` in ``order`` (an index order), as
    ``columns``: what facets count over. None when it can match nothing."""
    try:
        sql, params = queryset.order_by(*order, "pk").values(*columns)[:FACET_SCAN].query.sql_with_params()
    except EmptyResultSet:
        return None
    return sql, list(params)


def _facet(param: str, label: str, selected: str, sample: tuple[str, list] | None, noun: str, select: str,
           joins: str = "", group: str = "", *, per: str = "", transform=str, labels: dict | None = None,
           limit: int = FACET_LIMIT) -> Facet:
    """One facet from a bounded sample: ``SELECT {select} (value, label), count … FROM sample s {joins}
    GROUP BY {group}``, the FACET_LIMIT largest, and (in the same statement) how many rows the
    sample held, so that a facet cut at FACET_SCAN says what it counted. With ``per`` (a column
    of the sample), each option counts distinct values of it (people, not their quotes)."""
    if sample is None:
        return Facet(param, label, [], selected)
    sql, params = sample
    if per:
        query = (f"WITH s AS MATERIALIZED ({sql}) SELECT value, label, count(*) AS n, (SELECT count(*) FROM s) "
                 f"FROM (SELECT DISTINCT {select}, {per} FROM s {joins}) d(value, label, who) "
                 f"GROUP BY value, label ORDER BY n DESC, label LIMIT %s")
    else:
        query = (f"WITH s AS MATERIALIZED ({sql}) SELECT {select}, count(*) AS n, (SELECT count(*) FROM s) "
                 f"FROM s {joins} GROUP BY {group} ORDER BY n DESC, 2 LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(query, [*params, limit + 1])  # one more than shown: whether to offer "more…"
        rows = cursor.fetchall()
    options = [FacetOption(transform(value), (labels or {}).get(name, name), int(n)) for value, name, n, _ in rows]
    sampled = bool(rows) and rows[0][3] >= FACET_SCAN
    return Facet(param, label, options[:limit], selected, f"in the newest {FACET_SCAN:,} {noun}" if sampled else "",
                 more=len(options) > limit, expanded=limit > FACET_LIMIT)


def _quote_facets(filterset: QuoteFilter) -> list[Facet]:
    """Counts for each option of each filter, given the other filters (one query a facet), over
    the newest FACET_SCAN matching quotes: a walk of ``quote_published_idx`` that stops, where
    counting every matching quote of a million took seconds a facet."""
    data = filterset.data

    def sample(param: str, column: str):
        return _sample(filterset.without(param), NEWEST_FIRST, column)

    return [
        _facet("theme", "Theme", data.get("theme", ""), sample("theme", "id"), "quotes", "t.slug, t.name",
               "JOIN articles_quotetheme qt ON qt.quote_id = s.id JOIN articles_theme t ON t.id = qt.theme_id",
               "t.slug, t.name", limit=_limit(filterset, "theme")),
        _facet("country", "Country", data.get("country", "").lower(), sample("country", "article_id"), "quotes",
               "c.code, c.name", "JOIN articles_countrymention m ON m.article_id = s.article_id "
               "JOIN articles_country c ON c.id = m.country_id", "c.code, c.name", transform=str.lower, limit=_limit(filterset, "country")),
        _facet("source", "Outlet", data.get("source", ""), sample("source", "article_id"), "quotes", "o.slug, o.name",
               "JOIN articles_article a ON a.id = s.article_id JOIN articles_source o ON o.id = a.source_id",
               "o.slug, o.name", limit=_limit(filterset, "source")),
        _facet("person", "Speaker", data.get("person", ""), sample("person", "speaker_id"), "quotes",
               "p.slug, p.name", "JOIN articles_person p ON p.id = s.speaker_id", "p.slug, p.name", limit=_limit(filterset, "person")),
        _facet("kind", "Kind", data.get("kind", ""), sample("kind", "kind"), "quotes", "s.kind, s.kind", "", "s.kind",
               labels=dict(Quote.Kind.choices), limit=_limit(filterset, "kind")),
    ]


def quote_list_facets(filterset: QuoteFilter) -> list[Facet]:
    """/quotes/ has one facet more than the quote lists of themes and others: who is speaking."""
    return _cached_facets(filterset, _quote_list_facets)


def _quote_list_facets(filterset: QuoteFilter) -> list[Facet]:
    return [*_quote_facets(filterset), _speaker_kind_facet(filterset)]


def _speaker_kind_facet(filterset: QuoteFilter) -> Facet:
    """Named / anonymous / organisation / document…: whatever kinds are stored, each labelled."""
    from articles.models.described import speaker_kind_label

    sample = _sample(filterset.without("speaker_kind"), NEWEST_FIRST, "speaker_kind")
    facet = _facet("speaker_kind", "Speaker is", filterset.data.get("speaker_kind", ""), sample, "quotes",
                   "s.speaker_kind, s.speaker_kind", "", "s.speaker_kind")
    facet.options = [FacetOption(o.value, speaker_kind_label(o.value), o.count) for o in facet.options]
    return facet


ARTICLES_NEWEST = (F("published").desc(nulls_last=True),)  # article_published_idx


def _article_facets(filterset: ArticleFilter) -> list[Facet]:
    """Over the newest FACET_SCAN matching articles; each link table holds a pair once, so a
    plain count is the number of articles."""
    data = filterset.data

    def sample(param: str, column: str = "id"):
        return _sample(filterset.without(param), ARTICLES_NEWEST, column)

    return [
        _facet("theme", "Theme", data.get("theme", ""), sample("theme"), "articles", "t.slug, t.name",
               "JOIN articles_articletheme at ON at.article_id = s.id JOIN articles_theme t ON t.id = at.theme_id",
               "t.slug, t.name", limit=_limit(filterset, "theme")),
        _facet("country", "Country", data.get("country", "").lower(), sample("country"), "articles", "c.code, c.name",
               "JOIN articles_countrymention m ON m.article_id = s.id JOIN articles_country c ON c.id = m.country_id",
               "c.code, c.name", transform=str.lower, limit=_limit(filterset, "country")),
        _facet("source", "Outlet", data.get("source", ""), sample("source", "source_id"), "articles",
               "o.slug, o.name", "JOIN articles_source o ON o.id = s.source_id", "o.slug, o.name", limit=_limit(filterset, "source")),
        # Every article naming the person, as ``?person=`` filters and a person's article count counts.
        _facet("person", "Person named", data.get("person", ""), sample("person"), "articles", "p.slug, p.name",
               "JOIN articles_personmention pm ON pm.article_id = s.id "
               "JOIN articles_person p ON p.id = pm.person_id", "p.slug, p.name", limit=_limit(filterset, "person")),
    ]


def _person_facets(filterset: PersonFilter) -> list[Facet]:
    """Kinds over the first FACET_SCAN people of the list; themes and outlets over the newest
    FACET_SCAN quotes those people spoke (each person counted once per theme or outlet)."""
    data = filterset.data

    def spoken(param: str):
        people = filterset.without(param).values("pk")
        return _sample(Quote.objects.visible().filter(speaker__in=people), NEWEST_FIRST, "id", "speaker_id",
                       "article_id")

    return [
        _facet("kind", "Kind", data.get("kind", ""), _sample(filterset.without("kind"), ("-quote_total", "name"), "kind"),
               "people", "s.kind, s.kind", "", "s.kind", labels=dict(Person.Kind.choices), limit=_limit(filterset, "kind")),
        _facet("theme", "Speaks on", data.get("theme", ""), spoken("theme"), "quotes", "t.slug, t.name",
               "JOIN articles_quotetheme qt ON qt.quote_id = s.id JOIN articles_theme t ON t.id = qt.theme_id",
               per="s.speaker_id", limit=_limit(filterset, "theme")),
        _facet("source", "Quoted in", data.get("source", ""), spoken("source"), "quotes", "o.slug, o.name",
               "JOIN articles_article a ON a.id = s.article_id JOIN articles_source o ON o.id = a.source_id",
               per="s.speaker_id", limit=_limit(filterset, "source")),
    ]
