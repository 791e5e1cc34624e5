"""Counts as correlated subqueries, shared by the querysets and the views."""

from __future__ import annotations

from django.db.models import Count, QuerySet, Subquery
from django.db.models.functions import Coalesce


def correlated_count(queryset: QuerySet, field: str = "pk"):
    """A COUNT in a correlated subquery: computed only for the rows on the page, and several
    counts on one row don't multiply each other's joins."""
    return Coalesce(Subquery(queryset.order_by().values(field).annotate(n=Count("pk")).values("n")[:1]), 0)
