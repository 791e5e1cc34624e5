"""Full-text search shared by the models that have a generated ``search_vector``."""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet, Subquery

SEARCH_CONFIG = "english"
# A common word matches tens of thousands of rows; ranking them all would dominate the page's
# time, so only the most recently added matches are ranked.
RANKED_AT_MOST = 500
# Matches are marked with control characters that stored text never holds, so templates
# can escape the snippet first and add <mark> after (see the `highlighted` filter).
MATCH_START, MATCH_STOP = "\x02", "\x03"


def containing(queryset: QuerySet, query: str) -> QuerySet:
    """Every row matching ``query`` (web-search syntax), unranked: what a list filtered by words
    needs, in its own order and with its counts whole (ranking stops at RANKED_AT_MOST)."""
    return queryset.filter(search_vector=SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG))


def ranked_search(queryset: QuerySet, query: str, snippet_of: str, **headline) -> QuerySet:
    """Rows matching ``query`` in web-search syntax ("a phrase", -word, or), each with ``rank``
    and a ``snippet`` of ``snippet_of`` with the matches marked (of the RANKED_AT_MOST newest)."""
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    candidates = queryset.filter(search_vector=search_query).order_by("-pk").values("pk")[:RANKED_AT_MOST]
    return queryset.filter(pk__in=Subquery(candidates)).annotate(
        rank=SearchRank(F("search_vector"), search_query),
        snippet=SearchHeadline(
            snippet_of, search_query, config=SEARCH_CONFIG, start_sel=MATCH_START, stop_sel=MATCH_STOP, **headline
        ),
    )
