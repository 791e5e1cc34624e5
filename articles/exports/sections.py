"""Sections of a printed report that several pages share: quotes, notes, tables, charts."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import QuerySet

from articles.exports.report import Link, Section, Site
from articles.exports.rows import quote_row, with_quote_details
from articles.models import Annotation


def quotes(title: str, queryset: QuerySet, site: Site, *, empty: str = "No quotes.") -> Section:
    # The data rows plus what paper needs besides: a readable date and kind.
    rows = [
        {**quote_row(q, site), "when": day(q.article.published), "kind_label": q.get_kind_display()}
        for q in with_quote_details(queryset)
    ]
    return Section("quotes", title, {"quotes": rows}, note="" if rows else empty)


def table(title: str, columns: list[str], rows: list[list], *, empty: str = "Nothing to list.",
          numeric: tuple[int, ...] = ()) -> Section:
    """A plain table; cells are text, numbers or :class:`Link`. ``numeric`` are column indexes set right."""
    return Section("table", title, {"columns": columns, "rows": rows, "numeric": numeric},
                   note="" if rows else empty)


def notes(title: str, found: list, site: Site) -> Section | None:
    """Editors' notes, numbered in order; callers pass public ones only (see :func:`public_notes`)."""
    if not found:
        return None
    rows = [
        {
            "number": getattr(note, "number", number),
            "exact": note.exact,
            "note": note.note,
            "stance": f"{note.get_stance_display()} on {note.stance_theme.name}" if note.stance else "",
            "themes": [t.name for t in note.themes.all()],
            "article": Link(note.article.display_title, site.url(note.article.get_absolute_url())),
            "outlet": outlet(note.article),
        }
        for number, note in enumerate(found, start=1)
    ]
    return Section("notes", title, {"notes": rows})


def public_notes(queryset: QuerySet | None = None, **lookup) -> list:
    """Public notes only: internal ones never leave the editing screens."""
    queryset = Annotation.objects.all() if queryset is None else queryset
    return list(
        queryset.public().filter(**lookup).distinct()
        .select_related("article__source", "stance_theme").prefetch_related("themes")
        .order_by("article__published", "article_id", "start")
    )


def chart(title: str, bar_chart) -> Section | None:
    if bar_chart.empty:
        return None
    rows = [[bar.label, bar.value] for bar in bar_chart.bars]
    return Section("chart", title, {"chart": bar_chart, "rows": rows})


def matrix(title: str, data: dict) -> Section | None:
    if not data["rows"]:
        return None
    return Section("matrix", title, {"matrix": data})


def figure_groups(data, site: Site) -> Section:
    """Every figure of the figures page (``data``), grouped by what it counts, with a range bar
    scaled within its group."""
    by_group: dict = defaultdict(list)
    for figure in data.items:
        by_group[figure.group_key].append(figure)
    rows = []
    for group in data.summary()["groups"]:
        figures = by_group[group["group_key"]]
        peak = max((f.value_high for f in figures), default=0) or 1
        rows.append({
            **group,
            "items": [
                {
                    "figure": f,
                    "article": Link(f.article.display_title, site.url(f.article.get_absolute_url())),
                    **_bar(f.value_low, f.value_high, peak),
                }
                for f in figures
            ],
        })
    return Section("figures", "Figures by what they count", {"groups": rows}, note="" if rows else "No figures yet.")


def _bar(low: float, high: float, peak: float) -> dict:
    """A range bar in a 0–100 box, at least visible, and kept inside the box (the group's
    largest single value would otherwise start at 100 and be clipped away)."""
    width = max(round(100 * (high - low) / peak, 1), 1.5)
    return {"left": min(round(100 * low / peak, 1), 100 - width), "width": width}


def outlet(article) -> str:
    return article.source.name if article.source_id else "Unknown outlet"


def day(value) -> str:
    return value.strftime("%-d %b %Y") if value else "undated"


def article_table(title: str, articles, site: Site, *,
                  count: tuple[str, str] | None = ("Quotes", "quote_count")) -> Section:
    """Articles as Article | Outlet | Date, and a count column: (label, attribute) or None."""
    rows = [
        [Link(a.display_title, site.url(a.get_absolute_url())), outlet(a), day(a.published)]
        + ([getattr(a, count[1])] if count else [])
        for a in articles
    ]
    columns = ["Article", "Outlet", "Date"] + ([count[0]] if count else [])
    return table(title, columns, rows, empty="No articles.", numeric=(3,) if count else ())
