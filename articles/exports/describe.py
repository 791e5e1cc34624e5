"""Filters in words for a report's cover: “Theme: Alliances; Outlet: Newsweek”."""

from __future__ import annotations

from datetime import date

from django.utils.dateformat import format as format_date

from articles.exports.report import AppliedFilter
from articles.models import Country, Person, Source, Theme
from articles.models.described import speaker_kind_label

LABELS = {
    "theme": "Theme", "country": "Country", "source": "Outlet", "person": "Speaker", "kind": "Kind",
    "from": "From", "to": "To", "q": "Words", "sort": "Sorted by",
    "speaker_kind": "Speaker is",
}
ORDER = ("theme", "source", "country", "person", "kind", "speaker_kind", "from", "to", "q", "sort")
# Names looked up in the database: one query per filter in use, at most four.
NAMED = {
    "theme": (Theme, "slug", "name"),
    "source": (Source, "slug", "name"),
    "person": (Person, "slug", "name"),
    "country": (Country, "code", "name"),
}


def describe(data, *, kinds: dict[str, str] | None = None, labels: dict[str, str] | None = None,
             sorts=(), cleaned: dict | None = None) -> list[AppliedFilter]:
    """The filters in ``data`` that the page applies, each with a human-readable value.

    ``cleaned`` is the filter form's cleaned data: a value the form rejected (a malformed
    date, an unknown kind) is left out of it and not applied by the page, so the cover
    does not claim it either.
    """
    labels = {**LABELS, **(labels or {})}
    applied = []
    for param in ORDER:
        value = (data.get(param) or "").strip()
        if not value or (cleaned is not None and not cleaned.get(param)):
            continue
        if param == "sort" and value not in sorts:
            continue
        applied.append(AppliedFilter(param, value, labels[param], _display(param, value, kinds or {}, cleaned)))
    return applied


def _display(param: str, value: str, kinds: dict[str, str], cleaned: dict | None) -> str:
    if param == "country" and "," in value:  # ``kp,ru``: articles naming every one of them
        return " and ".join(_display(param, code.strip(), kinds, cleaned) for code in value.split(",")[:5])
    if param in NAMED:
        model, field, name = NAMED[param]
        lookup = value.upper() if param == "country" else value
        found = model.objects.filter(**{field: lookup}).values_list(name, flat=True).first()
        return found or f"{value} (not found)"
    if param == "kind":
        return kinds.get(value, value)
    if param == "speaker_kind":
        return speaker_kind_label(value)
    if param in ("from", "to"):
        day = (cleaned or {}).get(param)
        return format_date(day, "j F Y") if isinstance(day, date) else value
    if param == "q":
        return f"“{value}”"
    return value
