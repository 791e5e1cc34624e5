"""One builder per reader page: what that page exports, with the page's own filters.

A builder takes the request and the view's URL arguments and returns a
:class:`~articles.exports.report.Report`. Its items are a queryset read lazily
(CSV/JSON stream it); its sections are built only for PDF and Markdown.
"""

from __future__ import annotations

from django.db.models import Case, Count, OuterRef, Q, Subquery, Sum, When
from django.db.models.functions import Coalesce
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from articles.exports import rows, sections
from articles.exports.describe import describe
from articles.exports.report import Link, Report, Site, counter
from articles.filters import ArticleFilter, PersonFilter, QuoteFilter
from articles.models import (
    Article,
    ArticleTheme,
    Country,
    Person,
    Quote,
    QuoteTheme,
    Source,
    Theme,
)
from articles.models.counting import correlated_count
from articles.models.quotes import NEWEST_FIRST
from articles.views.sources import themes_by_outlet


def _visible_quotes():
    return Quote.objects.visible().listed()


def _filename(base: list[str], filters, *, skip: tuple[str, ...] = ()) -> list[str]:
    """``quotes`` + ``theme alliances`` …: the filters a file holds, in its name (not the sort)."""
    parts = list(base)
    for applied in filters:
        if applied.param not in (*skip, "sort"):
            parts += [applied.param, applied.value]
    return parts


def _quote_report(request: HttpRequest, queryset, *, page: str, kind_label: str, title: str, filename: list[str],
                  build_sections, filters=(), subject: dict | None = None, standfirst: str = "") -> Report:
    """A page whose items are quotes (every detail page, the quote list and search)."""
    site = Site(request)
    return Report(
        page=page, kind_label=kind_label, title=title, permalink=site.permalink(), filename_parts=filename,
        item_type="quote", columns=rows.QUOTE_COLUMNS,
        items=lambda: rows.stream(rows.with_quote_details(queryset), rows.quote_row, site),
        count=counter(queryset),
        sections=lambda: [s for s in build_sections(site) if s is not None],
        filters=list(filters), subject=subject, standfirst=standfirst,
    )


def _subject(type_: str, obj, request: HttpRequest, name: str, **extra) -> dict:
    """What a detail page is about, for the JSON export: type, ids and permalink."""
    return {"type": type_, "id": obj.pk, "slug": getattr(obj, "slug", None), "name": name,
            "permalink": Site(request).url(obj.get_absolute_url()), **extra}


# Quotes, people, articles: the filtered lists ------------------------------------------------

def quote_list(request: HttpRequest) -> Report:
    filterset = QuoteFilter(request.GET, queryset=_visible_quotes())
    filters = describe(request.GET, kinds=dict(Quote.Kind.choices), sorts=QuoteFilter.sort_fields,
                       cleaned=_cleaned(filterset))
    return _quote_report(
        request, filterset.qs, page="quote_list", kind_label="Quotes", title="Quotes",
        filename=_filename(["quotes"], filters), filters=filters,
        build_sections=lambda site: [sections.quotes("Quotes", filterset.qs, site, empty="No quotes match.")],
    )


def quote_detail(request: HttpRequest, pk: int) -> Report:
    quote = get_object_or_404(Quote.objects.visible().select_related("speaker"), pk=pk)
    queryset = _visible_quotes().filter(pk=quote.pk)
    return _quote_report(
        request, queryset, page="quote_detail", kind_label="Quote", title=quote.labelled()[:300],
        filename=["quote", str(quote.pk)], subject=_subject("quote", quote, request, quote.speaker_label),
        build_sections=lambda site: [sections.quotes("The quote", queryset, site)],
    )


def article_list(request: HttpRequest) -> Report:
    site = Site(request)
    articles = Article.objects.select_related("source").with_quote_count()
    filterset = ArticleFilter(request.GET, queryset=articles)
    filters = describe(request.GET, labels={"person": "Quoted"}, sorts=ArticleFilter.sort_fields,
                       cleaned=_cleaned(filterset))
    return Report(
        page="article_list", kind_label="Articles", title="Articles", permalink=site.permalink(),
        filename_parts=_filename(["articles"], filters), item_type="article", columns=rows.ARTICLE_COLUMNS,
        items=lambda: rows.stream(filterset.qs, rows.article_row, site), count=counter(filterset.qs),
        sections=lambda: [sections.article_table("Articles", filterset.qs, site)], filters=filters,
    )


def person_list(request: HttpRequest) -> Report:
    site = Site(request)
    people = Person.objects.select_related("country").with_quote_counts()
    filterset = PersonFilter(request.GET, queryset=people)
    filters = describe(request.GET, kinds=dict(Person.Kind.choices), sorts=PersonFilter.sort_fields,
                       labels={"theme": "Speaks on", "source": "Quoted in", "q": "Name"}, cleaned=_cleaned(filterset))

    def build() -> list:
        table = [
            [Link(p.name, site.url(p.get_absolute_url())), p.get_kind_display(), p.quote_count, p.article_count]
            for p in filterset.qs
        ]
        return [sections.table("People", ["Name", "Kind", "Quotes", "Articles"], table, empty="Nobody matches.",
                               numeric=(2, 3))]

    return Report(
        page="person_list", kind_label="People", title="People", permalink=site.permalink(),
        filename_parts=_filename(["people"], filters), item_type="person", columns=rows.PERSON_COLUMNS,
        items=lambda: rows.stream(filterset.qs, rows.person_row, site), count=counter(filterset.qs),
        sections=build, filters=filters,
    )


def _cleaned(filterset) -> dict:
    """The values the filterset applies: django-filter drops the invalid ones and filters by the rest."""
    filterset.form.is_valid()
    return filterset.form.cleaned_data


# Detail pages -------------------------------------------------------------------------------

def person_detail(request: HttpRequest, slug: str) -> Report:
    person = get_object_or_404(Person.objects.select_related("country"), slug=slug)
    queryset = _visible_quotes().filter(speaker=person).newest_first()

    def build(site: Site) -> list:
        descriptions = (
            person.mentions.select_related("article__source").order_by("article__published", "article__imported_at")
        )
        described = [
            [sections.day(m.article.published), Link(sections.outlet(m.article), site.url(m.article.get_absolute_url())),
             m.description or ("author" if m.is_author else "named, not described")]
            for m in descriptions
        ]
        themes = (
            QuoteTheme.objects.filter(quote__in=queryset.order_by()).values("theme__slug", "theme__name")
            .annotate(n=Count("quote_id", distinct=True)).order_by("-n", "theme__name")
        )
        return [
            sections.table(f"How articles describe {person.name}", ["Date", "Article", "As printed"], described,
                           empty="Not described in any article yet."),
            sections.quotes(f"Quotes by {person.name}", queryset, site, empty=f"{person.name} is mentioned but not quoted."),
            sections.table("Speaks on", ["Theme", "Quotes"], [[t["theme__name"], t["n"]] for t in themes],
                           empty="No themes.", numeric=(1,)),
            sections.notes(f"Editors’ notes on {person.name}", sections.public_notes(people=person), site),
        ]

    standfirst = " · ".join(p for p in (person.get_kind_display(), person.country.name if person.country else "") if p)
    return _quote_report(
        request, queryset, page="person_detail", kind_label="Person", title=person.name,
        filename=["person", person.slug], build_sections=build, standfirst=standfirst,
        subject=_subject("person", person, request, person.name, person_kind=person.kind, aliases=list(person.aliases)),
    )


def theme_detail(request: HttpRequest, slug: str) -> Report:
    from articles.views.themes import TOP_ARTICLES, theme_articles, theme_chart, theme_filterset

    theme = get_object_or_404(Theme, slug=slug)
    # The page's own functions for each section, so the file holds what the page shows.
    filterset = theme_filterset(theme, request.GET)
    filters = describe(filterset.data, kinds=dict(Quote.Kind.choices), sorts=QuoteFilter.sort_fields,
                       cleaned=_cleaned(filterset))

    def build(site: Site) -> list:
        top = theme_articles(theme, filterset)[:TOP_ARTICLES]
        return [
            sections.chart(f"Quotes on {theme.name} per month", theme_chart(theme, filterset)),
            sections.quotes(f"Quotes on {theme.name}", filterset.qs, site, empty="No quotes on this theme match."),
            sections.table("Articles most on this theme", ["Article", "Outlet", "Matched"], [
                [Link(at.article.display_title, site.url(at.article.get_absolute_url())), sections.outlet(at.article),
                 ", ".join(at.matches)] for at in top
            ], empty="No articles."),
            sections.notes(f"Editors’ notes on {theme.name}", sections.public_notes(themes=theme), site),
        ]

    return _quote_report(
        request, filterset.qs, page="theme_detail", kind_label="Theme", title=theme.name,
        filename=_filename(["theme", theme.slug], filters, skip=("theme",)), filters=filters,
        build_sections=build, standfirst=theme.description,
        subject=_subject("theme", theme, request, theme.name),
    )


def source_detail(request: HttpRequest, slug: str) -> Report:
    from articles.views.sources import source_sections

    source = get_object_or_404(Source.objects.select_related("country"), slug=slug)
    found = source_sections(source, request.GET)  # the page's own sets, with its filters
    queryset = found["quotes"]
    filters = describe(found["filters"], cleaned=_cleaned(found["filterset"]))

    def build(site: Site) -> list:
        speakers = (
            queryset.order_by().exclude(speaker=None).values("speaker__name").annotate(n=Count("id"))
            .order_by("-n", "speaker__name")
        )
        return [
            sections.article_table(f"Articles in {source.name}", found["articles"], site),
            sections.table("Whom it quotes", ["Speaker", "Quotes"], [[s["speaker__name"], s["n"]] for s in speakers],
                           empty="Nobody named.", numeric=(1,)),
            sections.quotes(f"Quotes in {source.name}", queryset, site),
        ]

    standfirst = " · ".join(p for p in (source.get_kind_display(), source.country.name if source.country else "",
                                        source.homepage) if p)
    return _quote_report(
        request, queryset, page="source_detail", kind_label="Source", title=source.name,
        filename=_filename(["source", source.slug], filters, skip=("source",)), filters=filters,
        build_sections=build, standfirst=standfirst,
        subject=_subject("source", source, request, source.name),
    )


def country_detail(request: HttpRequest, code: str) -> Report:
    if code != code.lower():
        raise Http404("Country codes are lower case: /countries/kp/")
    from articles.views.countries import country_sections

    country = get_object_or_404(Country, code=code.upper())
    found = country_sections(country, request.GET)  # the page's own sets, with its filters
    queryset = found["quotes"]
    filters = describe(found["filters"], cleaned=_cleaned(found["filterset"]))

    def build(site: Site) -> list:
        return [
            sections.article_table(f"Articles that mention {country.name}", found["articles"], site,
                                   count=("Named", "mention_count")),
            sections.quotes("Quotes in those articles", queryset, site),
            sections.notes(f"Editors’ notes on {country.name}", sections.public_notes(countries=country), site),
        ]

    subject = {"type": "country", "id": country.pk, "slug": country.code.lower(), "name": country.name,
               "permalink": Site(request).url(country.get_absolute_url())}
    return _quote_report(
        request, queryset, page="country_detail", kind_label="Country", title=country.name,
        filename=_filename(["country", country.code.lower(), country.name], filters, skip=("country",)),
        filters=filters, build_sections=build, subject=subject,
    )


def article_detail(request: HttpRequest, slug: str) -> Report:
    from articles.exports.article import article_sections

    article = get_object_or_404(Article.objects.select_related("source"), slug=slug)
    # Not the body with every quote: for a long article of many quotes that is gigabytes.
    queryset = _visible_quotes().filter(article=article).defer("article__body").order_by("start")
    by = ", ".join(a.name for a in article.authors.all())
    standfirst = " · ".join(p for p in (sections.outlet(article), sections.day(article.published),
                                        f"By {by}" if by else "", article.safe_url) if p)
    return _quote_report(
        request, queryset, page="article_detail", kind_label="Article", title=article.display_title,
        filename=["article", article.slug], standfirst=standfirst,
        build_sections=lambda site: article_sections(article, queryset, site),
        subject=_subject("article", article, request, article.display_title, url=article.safe_url,
                         published=article.published.isoformat() if article.published else None),
    )


# Lists of other things ----------------------------------------------------------------------

def figure_list(request: HttpRequest) -> Report:
    from articles.models import Figure

    site = Site(request)
    figures = Figure.objects.select_related("article__source").order_by("group_key", "article__published", "start")
    return Report(
        page="figure_list", kind_label="Figures", title="Figures", permalink=site.permalink(),
        filename_parts=["figures"], item_type="figure", columns=rows.FIGURE_COLUMNS,
        items=lambda: rows.stream(figures, rows.figure_row, site), count=counter(figures),
        sections=lambda: [sections.figure_groups(site)],
        standfirst="Numeric claims, grouped by what they count, so that outlets can be compared side by side.",
    )


def source_list(request: HttpRequest) -> Report:
    site = Site(request)
    sources = (
        Source.objects.select_related("country").annotate(
            article_count=correlated_count(Article.objects.filter(source=OuterRef("pk")), "source"),
            quote_count=correlated_count(Quote.objects.visible().filter(article__source=OuterRef("pk")), "article__source"),
        ).order_by("-article_count", "name")
    )

    def build() -> list:
        table = [[Link(s.name, site.url(s.get_absolute_url())), s.get_kind_display(),
                  s.country.name if s.country else "", s.article_count, s.quote_count] for s in sources]
        return [
            sections.table("Outlets", ["Outlet", "Kind", "Country", "Articles", "Quotes"], table,
                           empty="No outlets yet.", numeric=(3, 4)),
            sections.matrix("Articles per theme, by outlet", themes_by_outlet()),
        ]

    return Report(
        page="source_list", kind_label="Sources", title="Sources", permalink=site.permalink(),
        filename_parts=["sources"], item_type="source", columns=rows.SOURCE_COLUMNS,
        items=lambda: rows.stream(sources, rows.source_row, site), count=counter(sources), sections=build,
    )


def theme_list(request: HttpRequest) -> Report:
    site = Site(request)
    quotes = Quote.objects.visible().filter(quote_themes__theme=OuterRef("pk"))
    themes = Theme.objects.annotate(
        article_count=correlated_count(ArticleTheme.objects.filter(theme=OuterRef("pk")), "theme"),
        quote_count=Coalesce(Subquery(quotes.order_by().values("quote_themes__theme").annotate(n=Count("id"))
                                      .values("n")[:1]), 0),
    ).order_by("-article_count", "name")

    def build() -> list:
        table = [[Link(t.name, site.url(t.get_absolute_url())), t.description, t.article_count, t.quote_count]
                 for t in themes]
        return [
            sections.table("Themes", ["Theme", "About", "Articles", "Quotes"], table, numeric=(2, 3)),
            sections.matrix("Articles per theme, by outlet", themes_by_outlet()),
        ]

    return Report(
        page="theme_list", kind_label="Themes", title="Themes", permalink=site.permalink(),
        filename_parts=["themes"], item_type="theme", columns=rows.THEME_COLUMNS,
        items=lambda: rows.stream(themes, rows.theme_row, site), count=counter(themes), sections=build,
    )


def country_list(request: HttpRequest) -> Report:
    site = Site(request)
    countries = (
        Country.objects.annotate(article_count=Count("mentions"), mention_count=Sum("mentions__count"))
        .filter(article_count__gt=0).order_by("-article_count", "-mention_count", "name")
    )

    def build() -> list:
        table = [[Link(c.name, site.url(c.get_absolute_url())), c.code, c.article_count, c.mention_count]
                 for c in countries]
        return [sections.table("Countries", ["Country", "Code", "Articles", "Mentions"], table,
                               empty="No countries mentioned yet.", numeric=(2, 3))]

    return Report(
        page="country_list", kind_label="Countries", title="Countries", permalink=site.permalink(),
        filename_parts=["countries"], item_type="country", columns=rows.COUNTRY_COLUMNS,
        items=lambda: rows.stream(countries, rows.country_row, site), count=counter(countries), sections=build,
    )


def search(request: HttpRequest) -> Report:
    """What the search page shows: the person a (misspelt) name means, their quotes first (newest
    first, as the page lists them) and then the word matches; themes, organisations, outlets and
    countries found by name. The page shows the first few of each; the file holds every quote."""
    from articles.views.search import MAX_QUERY, _articles_naming, _is_spelling_of, found_by_name, meant_person

    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    people = list(Person.objects.matching(query)[:10]) if query else []
    meant = None if request.GET.get("exact") == "1" else meant_person(query, people)
    queryset = _visible_quotes().search(query) if query else Quote.objects.none()
    if meant is not None:
        words = queryset.order_by().values("pk")
        queryset = (
            _visible_quotes().filter(Q(speaker=meant) | Q(pk__in=words))
            .alias(theirs=Case(When(speaker=meant, then=0), default=1))
            .order_by("theirs", *NEWEST_FIRST)
        )
    corrected = meant is not None and not _is_spelling_of(query, meant)

    def build(site: Site) -> list:
        if not query:
            return []
        named = found_by_name(query)
        articles = Article.objects.select_related("source").search(query)
        if meant is not None:  # the articles naming them first, as on the page
            theirs = _articles_naming(meant)
            articles = [*theirs, *articles.exclude(pk__in=[a.pk for a in theirs])]
        by_name = [(title, [[Link(str(o), site.url(o.get_absolute_url()))] for o in named[key]])
                   for title, key in (("Themes", "themes"), ("Organisations", "organisations"),
                                      ("Outlets", "sources"), ("Countries", "countries"))]
        return [
            sections.table("People", ["Name", "Kind"], [[Link(p.name, site.url(p.get_absolute_url())),
                                                        p.get_kind_display()] for p in people],
                           empty="No one by that name."),
            sections.quotes("Quotes", queryset, site, empty="No quotes match."),
            sections.article_table("Articles", articles, site, count=None),
            *(sections.table(title, ["Name"], found) for title, found in by_name if found),
        ]

    filters = describe({"q": query}) if query else []
    return _quote_report(
        request, queryset, page="search", kind_label="Search results",
        title=f"Search: “{query}”" if query else "Search", filename=_filename(["search"], filters),
        build_sections=build, filters=filters, standfirst=f"Showing results for {meant.name}" if corrected else "",
    )
