"""Full-text search shared by the models that have a generated ``search_vector``."""

from __future__ import annotations

import re

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, Func, QuerySet, Subquery, TextField, Value

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
