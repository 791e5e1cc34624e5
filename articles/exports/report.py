"""What every export is made of, whatever its format.

A page's builder (``articles.exports.reports``) describes it as a :class:`Report`:
its title and filters for the cover, the rows behind its main list for CSV and JSON
(streamed, never held in memory), and the sections a reader wants on paper for PDF
and Markdown (built only when one of those is asked for).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone
from django.utils.encoding import iri_to_uri
from django.utils.text import slugify

SCHEMA_NAME = "commentariat-export"
SCHEMA_VERSION = 1
MAX_FILENAME_SLUG = 120
ITEM_LABELS = {
    "quote": ("quote", "quotes"), "person": ("person", "people"), "figure": ("figure", "figures"),
    "article": ("article", "articles"), "source": ("outlet", "outlets"), "country": ("country", "countries"),
    "theme": ("theme", "themes"),
}


def now() -> datetime:
    """The generation time; a function so tests can pin it."""
    return timezone.now()


@dataclass(frozen=True, slots=True)
class AppliedFilter:
    """One filter of the page, as a parameter and in words (“Outlet: Newsweek”)."""

    param: str
    value: str
    label: str
    display: str

    def __str__(self) -> str:
        return f"{self.label}: {self.display}"


@dataclass(frozen=True, slots=True)
class Link:
    """A table cell that links somewhere; every format escapes ``text`` itself."""

    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass(slots=True)
class Section:
    """A block of the printed report. ``kind`` names its template (``exports/sections/<kind>.html``)
    and its Markdown renderer; ``data`` is what they read."""

    kind: str
    title: str
    data: dict = field(default_factory=dict)
    note: str = ""


@dataclass(slots=True)
class Report:
    page: str  # the URL name of the page: "person_detail"
    kind_label: str  # what the page is, in words: "Person"
    title: str
    permalink: str
    filename_parts: list[str]
    item_type: str  # "quote", "person", "figure"… what one CSV row / JSON item is
    columns: tuple[str, ...]
    items: Callable[[], Iterator[dict]]  # rows for CSV/JSON, from a streaming queryset
    count: Callable[..., int]  # how many items, counting at most ``at_most``: exports refuse past a limit
    sections: Callable[[], list[Section]]  # for PDF and Markdown
    filters: list[AppliedFilter] = field(default_factory=list)
    subject: dict | None = None  # the person, theme… a detail page is about
    standfirst: str = ""
    generated_at: datetime = field(default_factory=lambda: now())  # late-bound: tests pin now()

    @property
    def item_label(self) -> tuple[str, str]:
        """What an item is called, singular and plural."""
        return ITEM_LABELS.get(self.item_type, (self.item_type, f"{self.item_type}s"))

    @property
    def filters_in_words(self) -> str:
        return "; ".join(str(f) for f in self.filters)

    def filename(self, extension: str) -> str:
        """``person-markus-garlauskas-2026-11-22.pdf``: what it is, its filters, the day it was made."""
        stem = "-".join(part for part in (slugify(p) for p in self.filename_parts) if part)[:MAX_FILENAME_SLUG]
        day: date = timezone.localtime(self.generated_at).date()
        return f"{stem.strip('-') or 'export'}-{day.isoformat()}.{extension}"

    def header(self) -> dict:
        """The document-level fields of the JSON export (everything but the items)."""
        return {
            "schema": SCHEMA_NAME,
            "schema_version": SCHEMA_VERSION,
            "page": self.page,
            "title": self.title,
            "permalink": self.permalink,
            "generated_at": self.generated_at.isoformat(),
            "filters": [
                {"param": f.param, "value": f.value, "label": f.label, "display": f.display} for f in self.filters
            ],
            "subject": self.subject,
            "item_type": self.item_type,
            "columns": list(self.columns),
        }


def counter(queryset) -> Callable[..., int]:
    """A report's ``count``: ``count(at_most)`` counts no further than ``at_most`` rows (a
    ``COUNT(*)`` over a ``LIMIT``), so checking an export against its limit is bounded work."""

    def count(at_most: int | None = None) -> int:
        rows = queryset.order_by()
        return (rows[:at_most] if at_most is not None else rows).count()

    return count


class Site:
    """Absolute URLs for the request's host: permalinks must work outside the site."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request
        self._titles: dict[int, str] = {}
        self._origin = ""

    def title_of(self, article) -> str:
        """An article's display title, worked out once per export: an untitled article's comes
        from its body, which need not then be fetched with every one of its quotes."""
        if article.pk not in self._titles:
            self._titles[article.pk] = article.display_title
        return self._titles[article.pk]

    def url(self, path: str) -> str:
        # A CSV row holds four links; parsing the request's host for each of 20,000 rows adds seconds.
        if path.startswith("/") and not path.startswith("//"):
            if not self._origin:
                self._origin = self.request.build_absolute_uri("/")[:-1]
            return self._origin + iri_to_uri(path)
        return self.request.build_absolute_uri(path)

    def permalink(self) -> str:
        """The page with its filters, without ``format`` (and ``page``: an export holds every item)."""
        query = self.request.GET.copy()
        for param in ("format", "page"):
            query.pop(param, None)
        encoded = query.urlencode()
        return self.url(self.request.path + (f"?{encoded}" if encoded else ""))
