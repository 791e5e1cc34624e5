"""The figures page: numeric claims grouped by what they count."""

from __future__ import annotations

from django.db.models import Count, Min
from django.http import HttpRequest

from articles.models import Figure
from articles.pages import PageData


def figure_list(request: HttpRequest) -> PageData:
    """Every figure, by group and date; the groups, those reported by several articles first."""
    figures = Figure.objects.select_related("article__source").order_by(
        "group_key", "article__published", "article_id", "start"
    )
    groups = (
        Figure.objects.values("group_key")
        .annotate(articles=Count("article", distinct=True), figures=Count("id"), about=Min("about"))
        .order_by("-articles", "-figures", "group_key")
    )
    return PageData(items=figures, summary=lambda: {"groups": groups})
