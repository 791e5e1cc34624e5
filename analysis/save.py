"""Store an :class:`~analysis.pipeline.Extraction` for one article: the pipeline's only database code.

Saving replaces the article's earlier machine results, in one transaction, but
never touches what an editor verified or rejected: a reviewed quote stays, and
a machine quote over the same words is not added beside it.
"""

from __future__ import annotations

from bisect import bisect_right

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from analysis.pipeline import Extraction, check_extraction
from analysis.results import SpeakerKind


@transaction.atomic
def save_extraction(article, extraction: Extraction) -> None:
    from articles.models import (
        ArticleTheme,
        Country,
        CountryMention,
        Figure,
        Organisation,
        OrganisationMention,
        Person,
        PersonMention,
        Quote,
        QuoteTheme,
        Theme,
    )
    from articles.summaries import mark_changed

    # Reported speech has no quotation marks to count beforehand: the cap holds here too.
    check_extraction(extraction, max_quotes=settings.IMPORT_MAX_QUOTES)
    mark_changed()  # bulk inserts below send no signals
    passages = {p.index: p for p in article.passages.all()}
    by_start = sorted(passages.values(), key=lambda p: p.start)
    article.person_mentions.all().delete()
    article.organisation_mentions.all().delete()
    article.country_mentions.all().delete()
    article.article_themes.all().delete()
    article.figures.all().delete()
    article.quotes.filter(status=Quote.Status.MACHINE).delete()

    countries = {c.code: c for c in Country.objects.all()}
    organisations: dict[str, Organisation] = {}
    for result in extraction.organisations:
        organisation = Organisation.objects.resolve(result, countries)
        organisations[result.name] = organisation
        OrganisationMention.objects.create(
            article=article, organisation=organisation, count=len(result.mentions),
            offsets=[[m.start, m.end] for m in result.mentions],
        )

    people: dict[str, Person] = {}
    authors = []
    for result in extraction.people:
        person = Person.objects.resolve(result, countries)
        people[result.name] = person
        if result.is_author:
            authors.append(person)
        mention, _ = PersonMention.objects.get_or_create(article=article, person=person)
        mention.name_as_printed = mention.name_as_printed or (result.aliases[0] if result.aliases else result.name)
        mention.role = mention.role or (result.role or "")[:300]
        mention.affiliation = mention.affiliation or (result.affiliation or "")[:300]
        mention.organisation = mention.organisation or _organisation_for(result.affiliation, organisations)
        mention.is_author = mention.is_author or result.is_author
        mention.is_quoted = mention.is_quoted or result.quoted
        mention.offsets = sorted(mention.offsets + [[m.start, m.end] for m in result.mentions])
        mention.count = len(mention.offsets)
        mention.save()
        if mention.organisation:
            person.organisations.add(mention.organisation)
    article.authors.set(authors)

    CountryMention.objects.bulk_create(
        CountryMention(
            article=article, country=countries[c.code], count=c.count, offsets=[[m.start, m.end] for m in c.mentions]
        )
        for c in extraction.countries
        if c.code in countries
    )

    themes = {t.slug: t for t in Theme.objects.all()}
    ArticleTheme.objects.bulk_create(
        ArticleTheme(article=article, theme=themes[t.slug], score=t.score, matches=t.matches)
        for t in extraction.themes
        if t.slug in themes
    )

    reviewed = list(article.quotes.exclude(status=Quote.Status.MACHINE).values_list("start", "end"))
    for result, quote_themes in zip(extraction.quotes, extraction.quote_themes, strict=True):
        if any(result.start < end and start < result.end for start, end in reviewed):
            continue
        passage = passages.get(result.passage_index) or _passage_at(by_start, result.start)
        quote = Quote.objects.create(
            article=article,
            passage=passage,
            speaker=people.get(result.speaker) if result.speaker_kind == SpeakerKind.PERSON else None,
            speaker_organisation=organisations.get(result.speaker)
            if result.speaker_kind == SpeakerKind.ORGANISATION else None,
            speaker_kind=result.speaker_kind.value,
            speaker_text=_speaker_as_printed(result)[:300],
            text=result.text,
            start=result.start,
            end=result.end,
            cue=(result.cue or "")[:50],
            kind=result.kind.value,
            confidence=max(0.0, min(1.0, result.confidence)),
        )
        QuoteTheme.objects.bulk_create(
            QuoteTheme(quote=quote, theme=themes[t.slug], score=t.score) for t in quote_themes if t.slug in themes
        )

    Figure.objects.bulk_create(
        Figure(
            article=article,
            passage=_passage_at(by_start, f.start),
            text=f.text,
            start=f.start,
            end=f.end,
            about=f.about[:300],
            group_key=f.group_key[:200],
            value_low=f.value_low,
            value_high=max(f.value_high, f.value_low),
            approximate=f.approximate,
            unit=f.unit or "",
            attributed_to=(f.attributed_to or "")[:300],
            attributed_person=people.get(f.attributed_to) if f.attributed_to else None,
        )
        for f in extraction.figures
    )
    article.analysed_at = timezone.now()
    article.save(update_fields=["analysed_at"])


def _speaker_as_printed(result) -> str:
    """The speaker as printed, or for an anonymous source or organisation its description; an
    unattributed quotation has neither (``speaker`` is None then too)."""
    if result.speaker_text:
        return result.speaker_text
    if result.speaker_kind != SpeakerKind.PERSON and result.speaker:
        return result.speaker
    return ""


def _passage_at(by_start: list, offset: int):
    # Bisect rather than scan: thousands of passages times thousands of figures add up.
    i = bisect_right(by_start, offset, key=lambda p: p.start) - 1
    if i >= 0 and by_start[i].start <= offset < by_start[i].end:
        return by_start[i]
    return None


def _organisation_for(affiliation: str | None, organisations: dict):
    if not affiliation:
        return None
    for name, organisation in organisations.items():
        if name in affiliation or affiliation in name:
            return organisation
    return None
