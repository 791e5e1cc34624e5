"""Each reader page's data, defined once.

A page function takes the request (and the URL's arguments) and returns a :class:`PageData`:
what the page is about, the filters it applied, everything it lists (the HTML view shows one page
of it, every export format holds all of it) and the summaries beside the list. The view in
``articles.views`` renders it and ``articles.exports.reports`` turns it into a report, so a page
and its files cannot disagree. These modules import neither views nor exports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass
class PageData:
    items: QuerySet  # every item the page lists, in the page's order
    subject: Any = None  # the person, theme, outlet… a detail page is about
    filterset: Any = None  # the filters applied (a django-filter FilterSet), when the page takes any
    articles: QuerySet | None = None  # articles listed beside the items (an outlet's, an author's)
    facets: Callable[[], list] = list  # the counts beside each filter option, for the page's form
    # The aggregates beside the list (cached), computed only when a page or a report asks for them.
    summary: Callable[[], dict] = dict
