from __future__ import annotations

from collections import defaultdict

from django.db.models import F, Window
from django.db.models.functions import RowNumber
from django.http import HttpRequest, HttpResponse

from articles.exports import exportable, reports
from articles.models import Figure
from articles.models.quotes import ARTICLE_BULK
from articles.pages import figures as pages
from articles.summaries import cached
from articles.views.common import paginate, reader_view, render_fragment_page

FIGURES_PER_GROUP = 12


@reader_view
@exportable(reports.figure_list)
def figure_list(request: HttpRequest) -> HttpResponse:
    """Numeric claims grouped by what they count; groups reported by several articles first."""

    def context() -> dict:
        page = paginate(request, pages.figure_list(request).summary()["groups"], per_page=10)
        # Grouping every figure in the archive is a scan; a page of groups is kept until the data changes.
        rows = cached("figure-groups", lambda: _with_figures(list(page.object_list)), page.number)
        return {"page": page, "groups": rows}

    return render_fragment_page(request, "figures/figure_list.html", context)


def _with_figures(groups: list[dict]) -> list[dict]:
    """Each group with its newest figures, placed on a track scaled to the group's largest value."""
    keys = [g["group_key"] for g in groups]
    by_group = defaultdict(list)
    # The newest few of each group: a figure reported ten thousand times needs no ten thousand rows.
    newest_first = Window(
        RowNumber(), partition_by=F("group_key"),
        order_by=[F("article__published").desc(nulls_last=True), F("id").desc()],
    )
    for figure in (
        Figure.objects.filter(group_key__in=keys).select_related("article__source")
        .defer(*(f"article__{name}" for name in ARTICLE_BULK))
        .annotate(row=newest_first).filter(row__lte=FIGURES_PER_GROUP)
        .order_by("article__published", "article_id", "start")
    ):
        by_group[figure.group_key].append(figure)
    rows = []
    for group in groups:
        figures = by_group[group["group_key"]]
        peak = max((f.value_high for f in figures), default=0) or 1
        rows.append({**group, "items": [_range_bar(f, peak) for f in figures]})
    return rows


def _range_bar(figure: Figure, peak: float) -> dict:
    """Where a figure's range sits on a 0–100 track scaled to the group's largest value.

    A single value gets a thin mark, kept inside the track even at the peak.
    """
    width = max(round(100 * (figure.value_high - figure.value_low) / peak, 1), 0.8)
    left = min(round(100 * figure.value_low / peak, 1), 100 - width)
    return {"figure": figure, "left": left, "width": width}
