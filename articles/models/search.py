"""Full-text search shared by the models that have a generated ``search_vector``."""

from __future__ import annotations

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db.models import F, QuerySet

SEARCH_CONFIG = "english"
# Matches are marked with control characters that stored text never holds, so templates
# can escape the snippet first and add <mark> after (see the `highlighted` filter).
MATCH_START, MATCH_STOP = "\x02", "\x03"


def ranked_search(queryset: QuerySet, query: str, snippet_of: str, **headline) -> QuerySet:
    """Rows matching ``query`` in web-search syntax ("a phrase", -word, or), best first,
    each with ``rank`` and a ``snippet`` of ``snippet_of`` with the matches marked."""
    search_query = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
    return queryset.filter(search_vector=search_query).annotate(
        rank=SearchRank(F("search_vector"), search_query),
        snippet=SearchHeadline(
            snippet_of, search_query, config=SEARCH_CONFIG, start_sel=MATCH_START, stop_sel=MATCH_STOP, **headline
        ),
    )
