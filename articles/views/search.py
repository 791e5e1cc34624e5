from __future__ import annotations

from django.db.models import Exists, F, OuterRef
from django.http import HttpRequest, HttpResponse

from articles.exports import exportable
from articles.models import Article, Country, Organisation, Person, PersonMention, Quote, Source, Theme
from articles.models.search import MATCH_START, MATCH_STOP, NAMED_AT_MOST, by_name
from articles.views.common import reader_view, render_page

MAX_QUERY = 200
QUOTES_SHOWN = 20
ARTICLES_SHOWN = 10
# How like one person's name a search must be to be read as that person ("Garlauskus"), and by how
# much the best name must lead the next: two people equally like it are not guessed between.
CLOSE_NAME = 0.6
CLEAR_LEAD = 0.1
SEARCH_SYNTAX = ('"', " or ", " OR ")


@reader_view
@exportable("search")
def search(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:MAX_QUERY]
    exact = request.GET.get("exact") == "1"
    context: dict = {"query": query, "exact": exact}
    if query:
        people = list(Person.objects.matching(query)[:10])
        meant = None if exact else meant_person(query, people)
        quotes = list(Quote.objects.visible().listed().search(query)[:QUOTES_SHOWN])
        articles = list(Article.objects.select_related("source").search(query)[:ARTICLES_SHOWN])
        if meant is not None:
            quotes = _first(_quotes_of(meant), quotes, QUOTES_SHOWN)
            articles = _first(_articles_naming(meant), articles, ARTICLES_SHOWN)
        context.update(
            people=people, meant=meant, corrected=meant is not None and not _is_spelling_of(query, meant),
            quotes=quotes, articles=articles, **found_by_name(query),
        )
    return render_page(request, "search.html", context)


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


def _articles_naming(person: Person) -> list[Article]:
    named = Exists(PersonMention.objects.filter(article=OuterRef("pk"), person=person))
    return list(
        Article.objects.select_related("source").filter(named)
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
