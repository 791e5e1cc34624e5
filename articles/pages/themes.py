"""The themes list and a theme's page."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, QuerySet, Subquery
from django.db.models.functions import TruncMonth
from django.http import HttpRequest, QueryDict
from django.shortcuts import get_object_or_404

from articles.charts import BarChart, monthly_chart
from articles.filters import ArticleFilter, QuoteFilter, quote_facets
from articles.models import Article, ArticleTheme, Quote, Theme
from articles.models.quotes import ARTICLE_BULK
from articles.pages import PageData
from articles.pages.sources import themes_by_outlet
from articles.summaries import cached

TOP_ARTICLES = 10
# The filters an article list understands in the same sense as a quote list; the others (who
# spoke, the kind of quote, words in the quote) select articles through the quotes they hold.
ARTICLE_PARAMS = ("theme", "source", "country", "from", "to")
QUOTE_ONLY_PARAMS = ("person", "kind", "q")
SELECTING_ARTICLES = (*ARTICLE_PARAMS, *QUOTE_ONLY_PARAMS, "speaker_kind")  # with a quote-only one, all the quotes' filters


def theme_list(request: HttpRequest) -> PageData:
    themes = Theme.objects.with_counts().order_by("-article_count", "name")
    return PageData(items=themes, summary=lambda: {"matrix": themes_by_outlet()})


def theme_detail(request: HttpRequest, slug: str) -> PageData:
    """The theme's quotes with the page's filters, and the articles strongest on it among those."""
    theme = get_object_or_404(Theme, slug=slug)
    filterset = theme_filterset(theme, request.GET)

    def summary() -> dict:
        # Keyed by the parameters that select them, as an outlet's summary is: a hit builds no query.
        selecting = sorted((k, v) for k, v in filterset.data.items() if k in SELECTING_ARTICLES)
        articles = cached("theme-articles", lambda: list(theme_articles(theme, filterset)[:TOP_ARTICLES]),
                          theme.pk, selecting)
        return {"articles": articles, "article_total": articles[0].total if articles else 0,
                "articles_link": theme_articles_link(filterset)}

    return PageData(
        items=filterset.qs, subject=theme, filterset=filterset, summary=summary,
        facets=lambda: [f for f in quote_facets(filterset) if f.param != "theme"],
    )


def theme_filterset(theme: Theme, data: QueryDict) -> QuoteFilter:
    """The page's quotes: its query string with the theme fixed."""
    data = data.copy()
    data["theme"] = theme.slug
    # The theme's id is known: the filter need not look it up again.
    return QuoteFilter(data, queryset=Quote.objects.visible().listed(), ids={(Theme, ("slug", theme.slug)): theme.pk})


class SpeakerPages:
    """The page's quotes in speaker order (``sort=speaker``), one page at a time, in the order the
    filter's ``ORDER BY`` gives: first the quotes of people, by name, walking ``person_name_idx``
    and stopping after a page; then the others (anonymous, organisations), whose NULL name an
    ascending sort puts last. Sorting by a column of the outer-joined speaker had PostgreSQL read
    and sort every quote on the theme for each page (1.6 s for the commonest)."""

    def __init__(self, quotes: QuerySet) -> None:
        # A condition on the person's own column makes the join an inner one, so the plan can
        # start from the people in name order (every person has a name: no one is left out).
        self.named = quotes.filter(speaker__name__isnull=False)
        # Their names are all NULL: the rest of the order is theirs.
        rest = [key for key in quotes.query.order_by if key != "speaker__name"]
        self.unnamed = quotes.filter(speaker__isnull=True).order_by(*rest)

    def __getitem__(self, window: slice) -> list:
        start, stop = window.start or 0, window.stop
        rows = list(self.named[start:stop])
        if len(rows) == stop - start:
            return rows
        # The people's quotes end on or before this page: the others follow them.
        before = start + len(rows) if rows or not start else self.named.count()
        return rows + list(self.unnamed[start + len(rows) - before:stop - before])


def paged(filterset: QuoteFilter) -> QuerySet | SpeakerPages:
    """What a page of the theme's quotes is sliced from (``filterset.qs`` is already sorted)."""
    items = filterset.qs
    return SpeakerPages(items) if filterset.form.cleaned_data.get("sort") == "speaker" else items


def theme_timeline(filterset: QuoteFilter) -> QuerySet:
    """The listed quotes per month; undated ones under ``None`` (the chart's "Undated" bar)."""
    return (
        filterset.qs.order_by().annotate(month=TruncMonth("published"))
        .values_list("month").annotate(n=Count("id")).order_by()
    )


def theme_chart(theme: Theme, filterset: QuoteFilter, *, link: str | None = None) -> BarChart:
    return monthly_chart(sorted(theme_timeline(filterset), key=lambda row: (row[0] is None, row[0])),
                         title=f"Quotes on {theme.name} per month", link=link)


def theme_articles(theme: Theme, filterset: QuoteFilter) -> QuerySet:
    """The articles strongest on the theme among those the page's filters select: outlet, country
    and dates as on the article list; who spoke, the quote kind and words through the quotes the
    page lists (an article holding none of them is not "on this theme" for this page)."""
    data = filterset.data
    found = ArticleTheme.objects.filter(theme=theme)
    # The theme itself is this queryset's own condition: only the other filters select articles,
    # each as an EXISTS on the row's article, so that with none the strongest are an index walk.
    params = {k: data[k] for k in ARTICLE_PARAMS if k != "theme" and data.get(k)}
    if params:  # the ids the quotes' filters looked up already
        articles = ArticleFilter(params, queryset=Article.objects.all(), ids=filterset._ids).qs.order_by()
        found = found.filter(Exists(articles.filter(pk=OuterRef("article"))))
    if any(data.get(k) for k in QUOTE_ONLY_PARAMS):
        found = found.filter(Exists(filterset.qs.order_by().filter(article=OuterRef("article"))))
    # Each row carries how many there are in all, counted once in the same statement (a subquery
    # with nothing of the row in it); a window count had every one of a common theme's 40,000
    # rows joined and sorted to keep ten.
    total = found.order_by().values("theme").annotate(n=Count("pk")).values("n")
    return (found.select_related("article__source").defer(*(f"article__{name}" for name in ARTICLE_BULK))
            .annotate(total=Subquery(total)).order_by("-score", "-id"))


def theme_articles_link(filterset: QuoteFilter) -> str | None:
    """The article list holding the same set as :func:`theme_articles`, when one filter can say it."""
    data = filterset.data
    if any(data.get(k) for k in QUOTE_ONLY_PARAMS):
        return None
    query = QueryDict(mutable=True)
    for key in ARTICLE_PARAMS:
        if data.get(key):
            query[key] = data[key]
    return query.urlencode()
