"""Full-text search shared by the models that have a generated ``search_vector``."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank, TrigramWordSimilarity
from django.db.models import BooleanField, F, Func, Q, QuerySet, Subquery, TextField, Value
from django.db.models.expressions import RawSQL

SEARCH_CONFIG = "english"
# A common word matches tens of thousands of rows; ranking them all would dominate the page's
# time, so only the most recently added matches are ranked.
RANKED_AT_MOST = 500
# Matches are marked with control characters, so templates can escape the snippet first and add
# <mark> after (see the `highlighted` filter). Stored text may hold them (an imported file, a
# paste), so they are taken out of the text before the headline is made: a marker in a snippet
# can only be one the database put there.
MATCH_START, MATCH_STOP = "\x02", "\x03"
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_query(query: str) -> str:
    """A search as typed, less control characters (PostgreSQL refuses NUL; none means anything)."""
    return CONTROL_CHARACTERS.sub(" ", query)


def without_markers(expression):
    """``expression`` (text) with the two marker characters removed, in SQL."""
    return Func(expression, Value(MATCH_START + MATCH_STOP), Value(""), function="translate", output_field=TextField())


def containing(queryset: QuerySet, query: str) -> QuerySet:
    """Every row matching ``query`` (web-search syntax), unranked: what a list filtered by words
    needs, in its own order and with its counts whole (ranking stops at RANKED_AT_MOST)."""
    return queryset.filter(search_vector=SearchQuery(clean_query(query), search_type="websearch", config=SEARCH_CONFIG))


def ranked_search(queryset: QuerySet, query: str, snippet_of: str, **headline) -> QuerySet:
    """Rows matching ``query`` in web-search syntax ("a phrase", -word, or), each with ``rank``
    and a ``snippet`` of ``snippet_of`` with the matches marked (of the RANKED_AT_MOST newest)."""
    search_query = SearchQuery(clean_query(query), search_type="websearch", config=SEARCH_CONFIG)
    candidates = queryset.filter(search_vector=search_query).order_by("-pk").values("pk")[:RANKED_AT_MOST]
    return queryset.filter(pk__in=Subquery(candidates)).annotate(
        rank=SearchRank(F("search_vector"), search_query),
        snippet=SearchHeadline(
            without_markers(F(snippet_of)), search_query, config=SEARCH_CONFIG, start_sel=MATCH_START, stop_sel=MATCH_STOP, **headline
        ),
    )


# Finding things by name -------------------------------------------------------------------------
# A reader types "brics", "atlantic council", "sunday times", "Erdogan" or "Pyongyang": names are
# compared without case or accents, as a part of the name (three characters at least, or a
# two-letter code would match half the table), or as a whole alias.
NAME_CHARACTERS_AT_LEAST = 3
WORD_CHARACTERS = re.compile(r"\w")
TYPO_LIKENESS = 0.6  # "Atlantik Council" is 0.7 like "Atlantic Council"; "brics" 0.5 like "British Marines"
NAMED_AT_MOST = 10  # rows a "found by name" section shows; every section is LIMITed


def alias_is(model, query: str, column: str = "aliases") -> RawSQL:
    """True where one of the row's ``aliases`` is ``query``, whatever its case and accents."""
    table = model._meta.db_table
    return RawSQL(
        f'EXISTS (SELECT 1 FROM unnest("{table}"."{column}") AS alias '
        "WHERE lower(unaccent(alias)) = lower(unaccent(%s)))",
        [query], output_field=BooleanField(),
    )


def by_name(queryset: QuerySet, query: str, fields: tuple[str, ...] = ("name",), *,
            aliases: bool = False, typos_in: str = "", exact: tuple[str, ...] = ()) -> QuerySet:
    """Rows whose name holds ``query`` (no case, no accents), or with it as an alias or an
    ``exact`` field (a code, a slug), or (``typos_in``, a trigram-indexed field) a word like it."""
    query = clean_query(query).strip()
    if not query:
        return queryset.none()
    condition = Q()
    if len(query) >= NAME_CHARACTERS_AT_LEAST:
        for field in fields:
            condition |= Q(**{f"{field}__unaccent__icontains": query})
        if typos_in and len(WORD_CHARACTERS.findall(query)) > NAME_CHARACTERS_AT_LEAST:
            # Trigrams of one- or two-letter words ("a:* & !b") are like half the names there are;
            # the indexed operator finds candidates, the likeness keeps the close ones ("brics" is
            # not "British Marines").
            queryset = queryset.annotate(name_likeness=TrigramWordSimilarity(query, typos_in))
            condition |= Q(**{f"{typos_in}__trigram_word_similar": query}, name_likeness__gte=TYPO_LIKENESS)
    for field in exact:
        condition |= Q(**{f"{field}__iexact": query})
    if aliases:
        condition |= Q(alias_is(queryset.model, query))
    return queryset.filter(condition) if condition else queryset.none()
