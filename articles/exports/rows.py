"""One flat row per exported item, with stable keys: the CSV columns and the JSON items.

Everything a row needs is fetched by the queryset itself (joins and correlated
subqueries, no prefetching), so a row set can be streamed with ``.iterator()``
in one query and constant memory, however many items there are.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef, QuerySet, Subquery

from articles.exports.report import Site
from articles.models import PersonMention, QuoteTheme

CHUNK = 500

QUOTE_COLUMNS = (
    "quote_id", "quote_permalink", "text", "display_text", "kind", "status", "confidence",
    "speaker", "speaker_id", "speaker_slug", "speaker_permalink", "speaker_as_printed", "role", "affiliation",
    "outlet", "outlet_slug", "published", "article_id", "article_title", "article_permalink", "article_url", "themes",
)
PERSON_COLUMNS = ("person_id", "slug", "permalink", "name", "kind", "country", "aliases", "quotes", "articles")
FIGURE_COLUMNS = (
    "figure_id", "group", "about", "value", "value_low", "value_high", "approximate", "unit", "text",
    "attributed_to", "outlet", "published", "article_id", "article_title", "article_permalink",
)
ARTICLE_COLUMNS = (
    "article_id", "slug", "permalink", "title", "outlet", "outlet_slug", "published", "url", "quotes", "standfirst",
)
SOURCE_COLUMNS = ("source_id", "slug", "permalink", "name", "kind", "country", "homepage", "articles", "quotes")
COUNTRY_COLUMNS = ("code", "permalink", "name", "articles", "mentions")
THEME_COLUMNS = ("theme_id", "slug", "permalink", "name", "description", "articles", "quotes")


def stream(queryset: QuerySet, row, site: Site) -> Iterator[dict]:
    """Rows from a server-side cursor, ``CHUNK`` at a time."""
    for obj in queryset.iterator(chunk_size=CHUNK):
        yield row(obj, site)


# Quotes ---------------------------------------------------------------------------------------

def with_quote_details(queryset: QuerySet) -> QuerySet:
    """Quotes with what a citation needs: the speaker's role and affiliation *as printed in that
    article* (their PersonMention there) and the theme names, as subqueries so rows stream."""
    # One mention per (article, person) at most: no ordering, so no join to sort by.
    mention = PersonMention.objects.filter(article=OuterRef("article"), person=OuterRef("speaker")).order_by()
    return queryset.listed().annotate(
        printed_role=Subquery(mention.values("role")[:1]),
        printed_affiliation=Subquery(mention.values("affiliation")[:1]),
        theme_names=ArraySubquery(
            QuoteTheme.objects.filter(quote=OuterRef("pk")).order_by("-score", "theme__name").values("theme__name")
        ),
    )


def quote_row(quote, site: Site) -> dict:
    article, speaker = quote.article, quote.speaker
    source = article.source
    return {
        "quote_id": quote.pk,
        "quote_permalink": site.url(quote.get_absolute_url()),
        "text": quote.text,
        "display_text": quote.display_text,
        "kind": quote.kind,
        "status": quote.status,
        "confidence": round(quote.confidence, 3),
        "speaker": speaker.name if speaker else (quote.speaker_text or ""),
        "speaker_id": speaker.pk if speaker else None,
        "speaker_slug": speaker.slug if speaker else "",
        "speaker_permalink": site.url(speaker.get_absolute_url()) if speaker else "",
        "speaker_as_printed": quote.speaker_text,
        "role": getattr(quote, "printed_role", None) or "",
        "affiliation": getattr(quote, "printed_affiliation", None) or "",
        "outlet": source.name if source else "",
        "outlet_slug": source.slug if source else "",
        "published": article.published.isoformat() if article.published else None,
        "article_id": article.pk,
        "article_title": site.title_of(article),
        "article_permalink": site.url(article.get_absolute_url()),
        "article_url": article.safe_url,
        "themes": list(getattr(quote, "theme_names", None) or []),
    }


# People, figures, articles, outlets, countries, themes ------------------------------------------

def person_row(person, site: Site) -> dict:
    return {
        "person_id": person.pk,
        "slug": person.slug,
        "permalink": site.url(person.get_absolute_url()),
        "name": person.name,
        "kind": person.kind,
        "country": person.country.name if person.country_id else "",
        "aliases": list(person.aliases),
        "quotes": person.quote_count,
        "articles": person.article_count,
    }


def figure_row(figure, site: Site) -> dict:
    article = figure.article
    return {
        "figure_id": figure.pk,
        "group": figure.group_key,
        "about": figure.about,
        "value": figure.value_range,
        "value_low": figure.value_low,
        "value_high": figure.value_high,
        "approximate": figure.approximate,
        "unit": figure.unit,
        "text": figure.text,
        "attributed_to": figure.attributed_to,
        "outlet": article.source.name if article.source_id else "",
        "published": article.published.isoformat() if article.published else None,
        "article_id": article.pk,
        "article_title": article.display_title,
        "article_permalink": site.url(article.get_absolute_url()),
    }


def article_row(article, site: Site) -> dict:
    return {
        "article_id": article.pk,
        "slug": article.slug,
        "permalink": site.url(article.get_absolute_url()),
        "title": article.display_title,
        "outlet": article.source.name if article.source_id else "",
        "outlet_slug": article.source.slug if article.source_id else "",
        "published": article.published.isoformat() if article.published else None,
        "url": article.safe_url,
        "quotes": getattr(article, "quote_count", None),
        "standfirst": article.standfirst,
    }


def source_row(source, site: Site) -> dict:
    return {
        "source_id": source.pk,
        "slug": source.slug,
        "permalink": site.url(source.get_absolute_url()),
        "name": source.name,
        "kind": source.kind,
        "country": source.country.name if source.country_id else "",
        "homepage": source.homepage,
        "articles": source.article_count,
        "quotes": source.quote_count,
    }


def country_row(country, site: Site) -> dict:
    return {
        "code": country.code,
        "permalink": site.url(country.get_absolute_url()),
        "name": country.name,
        "articles": country.article_count,
        "mentions": country.mention_count,
    }


def theme_row(theme, site: Site) -> dict:
    return {
        "theme_id": theme.pk,
        "slug": theme.slug,
        "permalink": site.url(theme.get_absolute_url()),
        "name": theme.name,
        "description": theme.description,
        "articles": theme.article_count,
        "quotes": theme.quote_count,
    }
