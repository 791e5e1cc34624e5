"""Speakers who are not a named person: anonymous sources ("a senior American diplomat"), bodies
quoted without a row of their own ("the state media"), documents.

A described source has no row: it is its description as printed, so its identity (and its URL,
``/anonymous/<slug>/``) is the description's slug, less a leading article: "a senior American
diplomat" and "A senior American diplomat" are one page, ``senior-american-diplomat``. The same
words in two outlets are probably two people, so its page groups the quotes by outlet.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from articles.models.search import containing

# Quote.speaker_kind values as a reader names them; a kind added later (by attribution work)
# still shows, capitalised, rather than failing.
SPEAKER_KINDS = {
    "person": "Named",
    "anonymous": "Anonymous",
    "organisation": "Organisation",
    "document": "Document",
    "none": "Unattributed",
}
LEADING_ARTICLES = ("a-", "an-", "the-")
NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")
SLUG_LENGTH = 100
CANDIDATES_AT_MOST = 1_000  # distinct descriptions read to find one slug's spellings


def speaker_kind_label(kind: str) -> str:
    return SPEAKER_KINDS.get(kind, kind.replace("_", " ").capitalize() or "Unattributed")


def description_slug(text: str) -> str:
    """``a senior American diplomat`` → ``senior-american-diplomat``: accents dropped (émigré →
    emigre), and every run of other characters a hyphen, so that a description's words stay
    words ("U.S." → ``u-s``) and can be found again from its slug."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    slug = NOT_ALPHANUMERIC.sub("-", ascii_text).strip("-")
    for article in LEADING_ARTICLES:
        if slug.startswith(article) and len(slug) > len(article):
            slug = slug[len(article):]
            break
    return slug[:SLUG_LENGTH].strip("-")


# Neither a person nor an organisation with a page, but described in words: what a page per
# description lists. (A person the machine could not resolve, "he", is not a description.)
DESCRIBED = (
    Q(speaker_id=None, speaker_organisation_id=None)
    & ~Q(speaker_text="")
    & ~Q(speaker_kind__in=("person", "none"))
)


def described(quotes: QuerySet) -> QuerySet:
    return quotes.filter(DESCRIBED)


def described_as(quotes: QuerySet, slug: str) -> QuerySet:
    """The quotes whose speaker is described by the words of ``slug``, in any case or spelling
    that slugs the same. The spellings are found through the full-text index (the description is
    in each quote's search vector), else by a pattern over the described quotes."""
    words = [w for w in slug.split("-") if w]
    if not words or description_slug(slug) != slug:
        return quotes.none()
    pool = described(quotes).order_by()
    spellings = containing(pool, " ".join(words)).values_list("speaker_text", flat=True).distinct()
    matching = sorted({s for s in spellings[:CANDIDATES_AT_MOST] if description_slug(s) == slug})
    if not matching:
        # Words the full-text parser drops or reads otherwise (stop words, "U.S.", markup): a
        # pattern over the described quotes, which have no index of their own but are few.
        gap = "[^[:alnum:]]+"
        pattern = f"^[^[:alnum:]]*((a|an|the){gap})?{gap.join(words)}[^[:alnum:]]*$"
        spellings = pool.filter(speaker_text__unaccent__iregex=pattern).values_list("speaker_text", flat=True).distinct()
        matching = sorted({s for s in spellings[:CANDIDATES_AT_MOST] if description_slug(s) == slug})
    return described(quotes).filter(speaker_text__in=matching) if matching else quotes.none()


@dataclass(slots=True)
class DescribedSource:
    """One description and where it is quoted: ``outlets`` as (slug, name, quotes), most first."""

    slug: str
    description: str
    kind: str
    total: int = 0
    outlets: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def kind_label(self) -> str:
        return speaker_kind_label(self.kind)


def described_sources(quotes: QuerySet, limit: int = 200) -> list[DescribedSource]:
    """The most quoted descriptions, each with its outlets (one grouped query, ``limit`` groups)."""
    rows = (
        described(quotes).order_by()
        .values("speaker_text", "speaker_kind", "article__source__slug", "article__source__name")
        .annotate(n=Count("id")).order_by("-n", "speaker_text")[: limit * 4]
    )
    found: dict[str, DescribedSource] = {}
    spelled: dict[str, dict[str, int]] = {}
    outlets: dict[str, dict[tuple[str, str], int]] = {}
    for row in rows:
        slug = description_slug(row["speaker_text"])
        if not slug:
            continue
        source = found.setdefault(slug, DescribedSource(slug, row["speaker_text"], row["speaker_kind"]))
        source.total += row["n"]
        counts = spelled.setdefault(slug, {})
        counts[row["speaker_text"]] = counts.get(row["speaker_text"], 0) + row["n"]
        outlet = (row["article__source__slug"] or "", row["article__source__name"] or "an unknown outlet")
        by_outlet = outlets.setdefault(slug, {})
        by_outlet[outlet] = by_outlet.get(outlet, 0) + row["n"]
    for slug, source in found.items():
        source.description = max(spelled[slug].items(), key=lambda item: (item[1], item[0]))[0]
        source.outlets = sorted(((s, name, n) for (s, name), n in outlets[slug].items()), key=lambda o: (-o[2], o[1]))
    return sorted(found.values(), key=lambda s: (-s.total, s.description.casefold()))[:limit]
