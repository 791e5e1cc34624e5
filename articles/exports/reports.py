"""One report per reader page: the page's own data (``articles.pages``) as a :class:`Report`.

A builder takes the request and the view's URL arguments, asks the page's data function for what
the page holds, and says how it goes on paper: its items are the page's queryset read lazily
(CSV/JSON stream it); its sections are built only for PDF and Markdown. Nothing here queries on
its own what the page shows: a file and its page cannot disagree.
"""

from __future__ import annotations

from django.http import Http404, HttpRequest

from articles.exports import rows, sections
from articles.exports.article import article_sections
from articles.exports.describe import describe
from articles.exports.report import AppliedFilter, Link, Report, Site, counter
from articles.filters import ArticleFilter, PersonFilter, QuoteFilter
from articles.models import Person, Quote
from articles.pages import PageData
from articles.pages import articles as article_pages
from articles.pages import countries as country_pages
from articles.pages import figures as figure_pages
from articles.pages import people as people_pages
from articles.pages import quotes as quote_pages
from articles.pages import search as search_pages
from articles.pages import sources as source_pages
from articles.pages import speakers as speaker_pages
from articles.pages import themes as theme_pages


def _filename(base: list[str], filters, *, skip: tuple[str, ...] = ()) -> list[str]:
    """``quotes`` + ``theme alliances`` …: the filters a file holds, in its name (not the sort)."""
    parts = list(base)
    for applied in filters:
        if applied.param not in (*skip, "sort"):
            parts += [applied.param, applied.value]
    return parts


def _filters(data: PageData, **options) -> list[AppliedFilter]:
    """The page's filters in words: those its filterset applies (django-filter drops the invalid ones)."""
    filterset = data.filterset
    filterset.form.is_valid()
    return describe(filterset.data, cleaned=filterset.form.cleaned_data, **options)


def _quote_report(request: HttpRequest, data: PageData, *, page: str, kind_label: str, title: str,
                  filename: list[str], build_sections, filters=(), subject: dict | None = None,
                  standfirst: str = "") -> Report:
    """A page whose items are quotes (every detail page, the quote list and search)."""
    site = Site(request)
    queryset = data.items
    return Report(
        page=page, kind_label=kind_label, title=title, permalink=site.permalink(), filename_parts=filename,
        item_type="quote", columns=rows.QUOTE_COLUMNS,
        items=lambda: rows.stream(rows.with_quote_details(queryset), rows.quote_row, site),
        count=counter(queryset),
        sections=lambda: [s for s in build_sections(site) if s is not None],
        filters=list(filters), subject=subject, standfirst=standfirst,
    )


def _list_report(request: HttpRequest, queryset, *, page: str, title: str, item_type: str, columns, row,
                 build_sections, filename: list[str] | None = None, filters=(), standfirst: str = "") -> Report:
    """A page whose items are articles, people, outlets, countries, themes or figures."""
    site = Site(request)
    return Report(
        page=page, kind_label=title, title=title, permalink=site.permalink(),
        filename_parts=filename or [title.lower()], item_type=item_type, columns=columns,
        items=lambda: rows.stream(queryset, row, site), count=counter(queryset),
        sections=lambda: [s for s in build_sections(site) if s is not None], filters=list(filters),
        standfirst=standfirst,
    )


def _table_report(request: HttpRequest, data: PageData, *, headers: list[str], cells, numeric: tuple[int, ...],
                  heading: str = "", empty: str = "Nothing to list.", **report) -> Report:
    """A list page on paper: a table of its items, each named and linked, then ``cells(item)``;
    and the page's themes-by-outlet table when it has one."""

    def build(site: Site) -> list:
        table = [[Link(item.name, site.url(item.get_absolute_url())), *cells(item)] for item in data.items]
        matrix = data.summary().get("matrix")
        return [
            sections.table(heading or report["title"], headers, table, empty=empty, numeric=numeric),
            sections.matrix("Articles per theme, by outlet", matrix) if matrix is not None else None,
        ]

    return _list_report(request, data.items, build_sections=build, **report)


def _subject(type_: str, obj, request: HttpRequest, name: str, **extra) -> dict:
    """What a detail page is about, for the JSON export: type, ids and permalink."""
    return {"type": type_, "id": obj.pk, "slug": getattr(obj, "slug", None), "name": name,
            "permalink": Site(request).url(obj.get_absolute_url()), **extra}


# Quotes, people, articles: the filtered lists ------------------------------------------------

def quote_list(request: HttpRequest) -> Report:
    data = quote_pages.quote_list(request)
    filters = _filters(data, kinds=dict(Quote.Kind.choices), sorts=QuoteFilter.sort_fields)
    return _quote_report(
        request, data, page="quote_list", kind_label="Quotes", title="Quotes",
        filename=_filename(["quotes"], filters), filters=filters,
        build_sections=lambda site: [sections.quotes("Quotes", data.items, site, empty="No quotes match.")],
    )


def quote_detail(request: HttpRequest, pk: int) -> Report:
    data = quote_pages.quote_detail(request, pk)
    quote = data.subject
    return _quote_report(
        request, data, page="quote_detail", kind_label="Quote", title=quote.labelled()[:300],
        filename=["quote", str(quote.pk)], subject=_subject("quote", quote, request, quote.speaker_label),
        build_sections=lambda site: [sections.quotes("The quote", data.items, site)],
    )


def article_list(request: HttpRequest) -> Report:
    data = article_pages.article_list(request)
    filters = _filters(data, labels={"person": "Quoted"}, sorts=ArticleFilter.sort_fields)
    return _list_report(
        request, data.items, page="article_list", title="Articles", item_type="article",
        columns=rows.ARTICLE_COLUMNS, row=rows.article_row, filename=_filename(["articles"], filters), filters=filters,
        build_sections=lambda site: [sections.article_table("Articles", data.items, site)],
    )


def person_list(request: HttpRequest) -> Report:
    data = people_pages.person_list(request)
    filters = _filters(data, kinds=dict(Person.Kind.choices), sorts=PersonFilter.sort_fields,
                       labels={"theme": "Speaks on", "source": "Quoted in", "q": "Name"})
    return _table_report(
        request, data, page="person_list", title="People", item_type="person", columns=rows.PERSON_COLUMNS,
        row=rows.person_row, filename=_filename(["people"], filters), filters=filters,
        headers=["Name", "Kind", "Quotes", "Articles"], numeric=(2, 3), empty="Nobody matches.",
        cells=lambda p: [p.get_kind_display(), p.quote_count, p.article_count],
    )


# Detail pages -------------------------------------------------------------------------------

def person_detail(request: HttpRequest, slug: str) -> Report:
    data = people_pages.person_detail(request, slug)
    person = data.subject

    def build(site: Site) -> list:
        descriptions = (
            person.mentions.select_related("article__source").order_by("article__published", "article__imported_at")
        )
        described = [
            [sections.day(m.article.published), Link(sections.outlet(m.article), site.url(m.article.get_absolute_url())),
             m.description or ("author" if m.is_author else "named, not described")]
            for m in descriptions
        ]
        themes = data.summary()["themes"]
        return [
            sections.table(f"How articles describe {person.name}", ["Date", "Article", "As printed"], described,
                           empty="Not described in any article yet."),
            sections.quotes(f"Quotes by {person.name}", data.items, site, empty=f"{person.name} is mentioned but not quoted."),
            sections.table("Speaks on", ["Theme", "Quotes"], [[t["theme__name"], t["n"]] for t in themes],
                           empty="No themes.", numeric=(1,)),
            sections.notes(f"Editors’ notes on {person.name}", sections.public_notes(people=person), site),
        ]

    standfirst = " · ".join(p for p in (person.get_kind_display(), person.country.name if person.country else "") if p)
    return _quote_report(
        request, data, page="person_detail", kind_label="Person", title=person.name,
        filename=["person", person.slug], build_sections=build, standfirst=standfirst,
        subject=_subject("person", person, request, person.name, person_kind=person.kind, aliases=list(person.aliases)),
    )


def theme_detail(request: HttpRequest, slug: str) -> Report:
    data = theme_pages.theme_detail(request, slug)
    theme = data.subject
    filters = _filters(data, kinds=dict(Quote.Kind.choices), sorts=QuoteFilter.sort_fields)

    def build(site: Site) -> list:
        return [
            sections.chart(f"Quotes on {theme.name} per month", theme_pages.theme_chart(theme, data.filterset)),
            sections.quotes(f"Quotes on {theme.name}", data.items, site, empty="No quotes on this theme match."),
            sections.table("Articles most on this theme", ["Article", "Outlet", "Matched"], [
                [Link(at.article.display_title, site.url(at.article.get_absolute_url())), sections.outlet(at.article),
                 ", ".join(at.matches)] for at in data.summary()["articles"]
            ], empty="No articles."),
            sections.notes(f"Editors’ notes on {theme.name}", sections.public_notes(themes=theme), site),
        ]

    return _quote_report(
        request, data, page="theme_detail", kind_label="Theme", title=theme.name,
        filename=_filename(["theme", theme.slug], filters, skip=("theme",)), filters=filters,
        build_sections=build, standfirst=theme.description,
        subject=_subject("theme", theme, request, theme.name),
    )


def source_detail(request: HttpRequest, slug: str) -> Report:
    data = source_pages.source_detail(request, slug)
    source = data.subject
    filters = _filters(data)

    def build(site: Site) -> list:
        speakers = data.summary()["speakers"]
        return [
            sections.article_table(f"Articles in {source.name}", data.articles, site),
            sections.table("Whom it quotes", ["Speaker", "Quotes"], [[s["speaker__name"], s["n"]] for s in speakers],
                           empty="Nobody named.", numeric=(1,)),
            sections.quotes(f"Quotes in {source.name}", data.items, site),
        ]

    standfirst = " · ".join(p for p in (source.get_kind_display(), source.country.name if source.country else "",
                                        source.homepage) if p)
    return _quote_report(
        request, data, page="source_detail", kind_label="Source", title=source.name,
        filename=_filename(["source", source.slug], filters, skip=("source",)), filters=filters,
        build_sections=build, standfirst=standfirst,
        subject=_subject("source", source, request, source.name),
    )


def country_detail(request: HttpRequest, code: str) -> Report:
    if code != code.lower():
        raise Http404("Country codes are lower case: /countries/kp/")
    data = country_pages.country_detail(request, code)
    country = data.subject
    filters = _filters(data)

    def build(site: Site) -> list:
        return [
            sections.article_table(f"Articles that mention {country.name}", data.articles, site,
                                   count=("Named", "mention_count")),
            sections.quotes("Quotes in those articles", data.items, site),
            sections.notes(f"Editors’ notes on {country.name}", sections.public_notes(countries=country), site),
        ]

    subject = {"type": "country", "id": country.pk, "slug": country.code.lower(), "name": country.name,
               "permalink": Site(request).url(country.get_absolute_url())}
    return _quote_report(
        request, data, page="country_detail", kind_label="Country", title=country.name,
        filename=_filename(["country", country.code.lower(), country.name], filters, skip=("country",)),
        filters=filters, build_sections=build, subject=subject,
    )


def article_detail(request: HttpRequest, slug: str) -> Report:
    data = article_pages.article_detail(request, slug)
    article = data.subject
    by = ", ".join(a.name for a in article.authors.all())
    standfirst = " · ".join(p for p in (sections.outlet(article), sections.day(article.published),
                                        f"By {by}" if by else "", article.safe_url) if p)
    return _quote_report(
        request, data, page="article_detail", kind_label="Article", title=article.display_title,
        filename=["article", article.slug], standfirst=standfirst,
        build_sections=lambda site: article_sections(data, site),
        subject=_subject("article", article, request, article.display_title, url=article.safe_url,
                         published=article.published.isoformat() if article.published else None),
    )


def organisation_detail(request: HttpRequest, slug: str) -> Report:
    data = speaker_pages.organisation_detail(request, slug)
    organisation = data.subject
    return _quote_report(
        request, data, page="organisation_detail", kind_label="Organisation", title=organisation.name,
        filename=["organisation", organisation.slug], standfirst=organisation.get_kind_display(),
        subject=_subject("organisation", organisation, request, organisation.name),
        build_sections=lambda site: [sections.quotes(f"Quotes from {organisation.name}", data.items, site)],
    )


def described_source(request: HttpRequest, slug: str) -> Report:
    data = speaker_pages.described_source(request, slug)
    summary = data.summary()
    description, outlet = summary["outlets"][0]["description"], summary["outlet"]
    filters = [AppliedFilter("source", outlet.slug, "Outlet", outlet.name)] if outlet else []
    return _quote_report(
        request, data, page="described_source", kind_label="Anonymous source", title=description[:300],
        filename=["anonymous", slug, *(["source", outlet.slug] if outlet else [])], filters=filters,
        standfirst="Quotes attributed to this description, by outlet.",
        subject={"type": "described_source", "id": None, "slug": slug, "name": description,
                 "permalink": Site(request).url(request.path)},
        build_sections=lambda site: [sections.quotes(f"Quotes from “{description}”", data.items, site)],
    )


# Lists of other things ----------------------------------------------------------------------

def figure_list(request: HttpRequest) -> Report:
    data = figure_pages.figure_list(request)
    return _list_report(
        request, data.items, page="figure_list", title="Figures", item_type="figure", columns=rows.FIGURE_COLUMNS,
        row=rows.figure_row, build_sections=lambda site: [sections.figure_groups(data, site)],
        standfirst="Numeric claims, grouped by what they count, so that outlets can be compared side by side.",
    )


def source_list(request: HttpRequest) -> Report:
    return _table_report(
        request, source_pages.source_list(request), page="source_list", title="Sources", heading="Outlets",
        item_type="source", columns=rows.SOURCE_COLUMNS, row=rows.source_row,
        headers=["Outlet", "Kind", "Country", "Articles", "Quotes"], numeric=(3, 4), empty="No outlets yet.",
        cells=lambda s: [s.get_kind_display(), s.country.name if s.country else "", s.article_count, s.quote_count],
    )


def theme_list(request: HttpRequest) -> Report:
    return _table_report(
        request, theme_pages.theme_list(request), page="theme_list", title="Themes", item_type="theme",
        columns=rows.THEME_COLUMNS, row=rows.theme_row, headers=["Theme", "About", "Articles", "Quotes"],
        numeric=(2, 3), cells=lambda t: [t.description, t.article_count, t.quote_count],
    )


def country_list(request: HttpRequest) -> Report:
    return _table_report(
        request, country_pages.country_list(request), page="country_list", title="Countries", item_type="country",
        columns=rows.COUNTRY_COLUMNS, row=rows.country_row, headers=["Country", "Code", "Articles", "Mentions"],
        numeric=(2, 3), empty="No countries mentioned yet.", cells=lambda c: [c.code, c.article_count, c.mention_count],
    )


def search(request: HttpRequest) -> Report:
    """What the search page shows: the person a (misspelt) name means, their quotes first (newest
    first, as the page lists them) and then the word matches; themes, organisations, outlets and
    countries found by name. The page shows the first few of each; the file holds every quote."""
    data = search_pages.search(request)
    query, meant = data.query, data.meant

    def build(site: Site) -> list:
        if not query:
            return []
        summary = data.summary()
        naming = summary["naming"]  # the articles naming the person meant first, as on the page
        articles = [*naming, *data.articles.exclude(pk__in=[a.pk for a in naming])]
        by_name = [(title, [[Link(str(o), site.url(o.get_absolute_url()))] for o in summary[key]])
                   for title, key in (("Themes", "themes"), ("Organisations", "organisations"),
                                      ("Outlets", "sources"), ("Countries", "countries"))]
        return [
            sections.table("People", ["Name", "Kind"], [[Link(p.name, site.url(p.get_absolute_url())),
                                                        p.get_kind_display()] for p in data.people],
                           empty="No one by that name."),
            sections.quotes("Quotes", data.items, site, empty="No quotes match."),
            sections.article_table("Articles", articles, site, count=None),
            *(sections.table(title, ["Name"], found) for title, found in by_name if found),
        ]

    filters = describe({"q": query}) if query else []
    return _quote_report(
        request, data, page="search", kind_label="Search results",
        title=f"Search: “{query}”" if query else "Search", filename=_filename(["search"], filters),
        build_sections=build, filters=filters, standfirst=f"Showing results for {meant.name}" if data.corrected else "",
    )
