"""The search page: quotes, articles and people by words, and the person a misspelt name means."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Case, Exists, F, OuterRef, Q, When
from django.http import HttpRequest

from articles.models import Article, Country, Organisation, Person, PersonMention, Quote, Source, Theme
from articles.models.quotes import ARTICLE_BULK, NEWEST_FIRST
from articles.models.search import MATCH_START, MATCH_STOP, NAMED_AT_MOST, by_name
from articles.pages import PageData

MAX_QUERY = 200
QUOTES_SHOWN = 20
ARTICLES_SHOWN = 10
PEOPLE_SHOWN = 10
# How like one person's name a search must be to be read as that person ("Garlauskus"), and by how
# much the best name must lead the next: two people equally like it are not guessed between.
CLOSE_NAME = 0.6
CLEAR_LEAD = 0.1
SEARCH_SYNTAX = ('"', " or ", " OR ")


@dataclass
class SearchData(PageData):
    query: str = ""
    exact: bool = False  # ``exact=1``: the words as typed, no person guessed
    people: list[Person] = field(default_factory=list)
    meant: Person | None = None  # the person the words name, misspelt or not
    corrected: bool = False  # ``meant`` is not spelt as typed (“Showing results for …”)


def search(request: HttpRequest) -> SearchData:
    """Every quote the search finds, in the page's order: the meant person's first (newest first),
    then the word matches; ``articles`` the articles matching the words. The summary is what the
    page shows: the first few of each, and themes, organisations, outlets and countries by name."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    exact = request.GET.get("exact") == "1"
    if not query:
        return SearchData(items=Quote.objects.none(), articles=Article.objects.none(), exact=exact)
    people = list(Person.objects.matching(query)[:PEOPLE_SHOWN])
    meant = None if exact else meant_person(query, people)
    matches = Quote.objects.visible().listed().search(query)
    articles = Article.objects.select_related("source").defer(*ARTICLE_BULK).search(query)
    quotes = matches
    if meant is not None:
        quotes = (
            Quote.objects.visible().listed().filter(Q(speaker=meant) | Q(pk__in=matches.order_by().values("pk")))
            .alias(theirs=Case(When(speaker=meant, then=0), default=1))
            .order_by("theirs", *NEWEST_FIRST)
        )

    def summary() -> dict:
        shown_quotes = list(matches[:QUOTES_SHOWN])
        shown_articles = list(articles[:ARTICLES_SHOWN])
        naming = []
        if meant is not None:
            naming = articles_naming(meant)
            shown_quotes = _first(_quotes_of(meant), shown_quotes, QUOTES_SHOWN)
            shown_articles = _first(naming, shown_articles, ARTICLES_SHOWN)
        return {"quotes": shown_quotes, "articles": shown_articles, "naming": naming, **found_by_name(query)}

    return SearchData(
        items=quotes, articles=articles, summary=summary, query=query, exact=exact, people=people, meant=meant,
        corrected=meant is not None and not _is_spelling_of(query, meant),
    )


def meant_person(query: str, people: list[Person]) -> Person | None:
    """The one person ``query`` names, misspelt or not: the best trigram match, when it is close and
    clearly ahead of the next. Searches in web-search syntax (a phrase, -word, or) are taken as typed."""
    if not people or query.startswith("-") or " -" in query or any(s in query for s in SEARCH_SYNTAX):
        return None
    best = people[0]
    if best.similarity < CLOSE_NAME:
        return None
    if len(people) > 1 and people[1].similarity > best.similarity - CLEAR_LEAD:
        return None
    return best


def _is_spelling_of(query: str, person: Person) -> bool:
    return query.casefold() in {spelling.casefold() for spelling in (person.name, *person.aliases)}


def _quotes_of(person: Person) -> list[Quote]:
    quotes = list(person.quotes.visible().listed().newest_first()[:QUOTES_SHOWN])
    for quote in quotes:  # shown like a search hit, with nothing marked
        quote.snippet = quote.text.replace(MATCH_START, "").replace(MATCH_STOP, "")
    return quotes


def articles_naming(person: Person) -> list[Article]:
    """The newest articles naming the person, first among the page's articles."""
    named = Exists(PersonMention.objects.filter(article=OuterRef("pk"), person=person))
    return list(
        Article.objects.select_related("source").defer(*ARTICLE_BULK).filter(named)
        .order_by(F("published").desc(nulls_last=True), "-id")[:ARTICLES_SHOWN]
    )


def _first(mine: list, matches: list, limit: int) -> list:
    """``mine`` then the word matches not already in it, at most ``limit``."""
    seen = {item.pk for item in mine}
    return (mine + [item for item in matches if item.pk not in seen])[:limit]


def found_by_name(query: str) -> dict[str, list]:
    """Themes, organisations, outlets and countries whose names (or aliases, codes) hold the
    words, case and accents aside: a few rows each, every query LIMITed."""
    return {
        "themes": list(by_name(Theme.objects.all(), query, ("name",), exact=("slug",)).order_by("name")[:NAMED_AT_MOST]),
        "organisations": list(
            by_name(Organisation.objects.all(), query, ("name",), aliases=True, typos_in="name", exact=("slug",))
            .order_by("name")[:NAMED_AT_MOST]
        ),
        "sources": list(by_name(Source.objects.all(), query, ("name",), exact=("slug",)).order_by("name")[:NAMED_AT_MOST]),
        "countries": list(
            by_name(Country.objects.all(), query, ("name", "official_name"), aliases=True, exact=("code", "alpha3"))
            .order_by("name")[:NAMED_AT_MOST]
        ),
    }
