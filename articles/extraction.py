"""The one adapter between the extraction pipeline and the database.

``analysis/`` is plain Python: it reads a :class:`~analysis.document.Document` and returns an
:class:`~analysis.pipeline.Extraction`, and knows nothing of Django. Everything that crosses
between the two is here: a stored Article made into the pipeline's input (:func:`document_for`,
:func:`theme_specs`), the pipeline run on it (:func:`analyse`), its results stored
(:func:`save_extraction`) and a theme scored again after its keywords changed (:func:`retag`).
It is the one place extraction tells the caches that the archive changed.

Saving replaces the article's earlier machine results, in one transaction, but
never touches what an editor verified or rejected: a reviewed quote stays, and
a machine quote over the same words is not added beside it. A machine quote that
is found again keeps its row and id (its permalink); one that is not is retired
towards its successor, or as gone.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from analysis.document import Document, PassageKind
from analysis.document import Passage as DocumentPassage
from analysis.pipeline import Extraction, check_extraction, extract, theme_text
from analysis.results import SpeakerKind
from analysis.themes import ThemeSpec, score_themes
from articles.models import (
    Article,
    ArticleTheme,
    Country,
    CountryMention,
    Figure,
    Organisation,
    OrganisationMention,
    Passage,
    Person,
    PersonMention,
    Quote,
    QuoteTheme,
    RetiredQuote,
    Theme,
)
from articles.summaries import mark_changed


def document_for(article: Article) -> Document:
    """The stored article as the pipeline reads it (its passages as cleaned at import)."""
    return Document(
        body=article.body,
        passages=[
            DocumentPassage(p.index, PassageKind(p.kind), p.start, p.end, p.text)
            for p in sorted(article.passages.all(), key=lambda p: p.index)
        ],
        title=article.title or None,
        standfirst=article.standfirst or None,
        authors=[a.name for a in article.authors.all()],
        published=article.published,
        source=article.source.name if article.source_id else None,
        url=article.url or None,
    )


def theme_spec(theme: Theme) -> ThemeSpec:
    return ThemeSpec(slug=theme.slug, name=theme.name, description=theme.description, keywords=theme.keyword_list)


def theme_specs(themes: Iterable[Theme] | None = None) -> list[ThemeSpec]:
    """The themes as editors last defined them (or ``themes``, read already), for the pipeline."""
    return [theme_spec(theme) for theme in (Theme.objects.all() if themes is None else themes)]


def extract_document(document: Document, themes: Iterable[Theme] | None = None) -> Extraction:
    """The pipeline's findings for a document, with the themes as editors last defined them
    (``themes`` when the caller has read them, to store the findings with the same rows)."""
    return extract(document, theme_specs(themes))


def analyse(article: Article, document: Document | None = None) -> None:
    """(Re-)extract quotes, people, countries, themes and figures, keeping editors' reviews.
    ``document`` is the cleaner's output when the article is being imported (it is the same
    text the stored passages hold, without reading them back)."""
    save_extraction(article, extract_document(document or document_for(article)))


def retag(theme: Theme, article_ids: Iterable[int]) -> None:
    """Score these articles and their quotes again for ``theme``. Idempotent: the theme's old
    tags on them are replaced, so a batch run twice (a job resumed after a crash) is harmless."""
    spec = [theme_spec(theme)]
    with transaction.atomic():
        mark_changed()  # bulk writes below send no signals
        theme.article_themes.filter(article_id__in=article_ids).delete()
        theme.quote_themes.filter(quote__article_id__in=article_ids).delete()
        articles = list(
            Article.objects.filter(pk__in=article_ids).select_related("source")
            .prefetch_related("passages", "quotes", "authors")
        )
        ArticleTheme.objects.bulk_create(
            ArticleTheme(article=article, theme=theme, score=score.score, matches=score.matches)
            for article in articles
            for score in score_themes(theme_text(document_for(article)), spec)
        )
        QuoteTheme.objects.bulk_create(
            QuoteTheme(quote=quote, theme=theme, score=score.score)
            for article in articles
            for quote in article.quotes.all()
            for score in score_themes(quote.text, spec)
        )


def save_extraction(
    article: Article, extraction: Extraction, *, themes: Iterable[Theme] | None = None,
    new_passages: list[Passage] | None = None,
) -> None:
    """Store an extraction, replacing the article's earlier machine results.

    ``themes``: the rows the extraction was scored with, when the caller has read them.
    ``new_passages``: the importer's, for an article it has just created in the transaction this
    runs in, with these passages: nothing can hang off such an article yet (no earlier results,
    no editor's review, no other writer), so nothing is deleted, kept, locked or read back.
    """
    new = new_passages is not None
    with transaction.atomic(savepoint=not new):  # a new article's transaction is all or nothing already
        _save_extraction(article, extraction, themes, new_passages)


def _save_extraction(article: Article, extraction: Extraction, themes, new_passages) -> None:
    # Reported speech has no quotation marks to count beforehand: the cap holds here too.
    check_extraction(extraction, max_quotes=settings.IMPORT_MAX_QUOTES)
    mark_changed()  # bulk inserts below send no signals
    new = new_passages is not None
    passages = {p.index: p for p in (new_passages if new else article.passages.all())}
    by_start = sorted(passages.values(), key=lambda p: p.start)
    if not new:
        article.person_mentions.all().delete()
        article.organisation_mentions.all().delete()
        article.country_mentions.all().delete()
        article.article_themes.all().delete()
        article.figures.all().delete()

    # Only the countries this extraction names, for itself or for its people and organisations:
    # building all 250 rows for every article cost more than the rest of the lookups together.
    codes = {c.code for c in extraction.countries} | {
        r.country for r in (*extraction.people, *extraction.organisations) if r.country
    }
    countries = _countries(codes)
    # One query for the names already known, rather than one per name: most are, in a running archive.
    known = {o.key: o for o in Organisation.objects.filter(key__in=[r.key for r in extraction.organisations])
             .order_by("-id")}  # the oldest row of a key wins, as in resolve()
    organisations: dict[str, Organisation] = {}
    org_mentions = []
    for result in extraction.organisations:
        organisation = known.get(result.key) or Organisation.objects.resolve(result, countries)
        organisations[result.name] = organisation
        org_mentions.append(OrganisationMention(
            article=article, organisation=organisation, count=len(result.mentions),
            offsets=[[m.start, m.end] for m in result.mentions],
        ))
    OrganisationMention.objects.bulk_create(org_mentions)

    people: dict[str, Person] = {}
    authors = []
    mentions: dict[int, PersonMention] = {}  # two spellings can resolve to one person: one row for both
    # As for organisations: one query for the people known by these keys (the oldest row of a key wins).
    known_people = {p.key: p for p in Person.objects.filter(key__in=[r.key for r in extraction.people])
                    .order_by("-id")}
    for result in extraction.people:
        person = Person.objects.resolve(result, countries, known=known_people)
        people[result.name] = person
        if result.is_author:
            authors.append(person)
        mention = mentions.setdefault(person.pk, PersonMention(article=article, person=person, offsets=[]))
        mention.name_as_printed = mention.name_as_printed or (result.aliases[0] if result.aliases else result.name)
        mention.role = mention.role or (result.role or "")[:300]
        mention.affiliation = mention.affiliation or (result.affiliation or "")[:300]
        mention.organisation = mention.organisation or _organisation_for(result.affiliation, organisations)
        mention.is_author = mention.is_author or result.is_author
        mention.is_quoted = mention.is_quoted or result.quoted
        mention.offsets = sorted(mention.offsets + [[m.start, m.end] for m in result.mentions])
        mention.count = len(mention.offsets)
    PersonMention.objects.bulk_create(mentions.values())
    Person.organisations.through.objects.bulk_create(
        [Person.organisations.through(person_id=m.person_id, organisation_id=m.organisation_id)
         for m in mentions.values() if m.organisation],
        ignore_conflicts=True,  # known from an earlier article
    )
    if new:  # nobody to remove; the signal set() would send only says what mark_changed() said
        Article.authors.through.objects.bulk_create(
            Article.authors.through(article_id=article.pk, person_id=pk) for pk in dict.fromkeys(a.pk for a in authors)
        )
    else:
        article.authors.set(authors)

    CountryMention.objects.bulk_create(
        CountryMention(
            article=article, country=countries[c.code], count=c.count, offsets=[[m.start, m.end] for m in c.mentions]
        )
        for c in extraction.countries
        if c.code in countries
    )

    themes = {t.slug: t for t in (Theme.objects.all() if themes is None else themes)}
    ArticleTheme.objects.bulk_create(
        ArticleTheme(article=article, theme=themes[t.slug], score=t.score, matches=t.matches)
        for t in extraction.themes
        if t.slug in themes
    )

    reviewed = [] if new else list(article.quotes.exclude(status=Quote.Status.MACHINE).values_list("start", "end"))
    fresh: list[tuple[Quote, list]] = []
    for result, quote_themes in zip(extraction.quotes, extraction.quote_themes, strict=True):
        if any(result.start < end and start < result.end for start, end in reviewed):
            continue
        passage = passages.get(result.passage_index) or _passage_at(by_start, result.start)
        quote = Quote(
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
        fresh.append((quote, [t for t in quote_themes if t.slug in themes]))
    _save_quotes_keeping_ids(article, fresh, themes, new=new)

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
    if not (new and article.analysed_at):  # the importer stamps a new article as it creates it
        article.analysed_at = timezone.now()
        article.save(update_fields=["analysed_at"])


# code -> Country (None: no such row), while a batch import runs (see remembering_countries).
_batch_countries: ContextVar[dict | None] = ContextVar("batch_countries", default=None)


@contextmanager
def remembering_countries() -> Iterator[None]:
    """Within it, each country row is read once rather than once per article: a batch import
    reads a hundred articles a minute, all naming the same few countries, which are reference
    data (their codes and ids do not change)."""
    token = _batch_countries.set({})
    try:
        yield
    finally:
        _batch_countries.reset(token)


def _countries(codes: set[str]) -> dict[str, Country]:
    memo = _batch_countries.get()
    if memo is None:
        return {c.code: c for c in Country.objects.filter(code__in=codes)} if codes else {}
    if missing := codes - memo.keys():
        found = {c.code: c for c in Country.objects.filter(code__in=missing)}
        memo.update({code: found.get(code) for code in missing})
    return {code: memo[code] for code in codes if memo[code] is not None}


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


# Re-extraction keeps each quote's id while it is the same passage, so permalinks, `#q` anchors,
# citations and the row's history survive; see articles/models/permalinks.py for the rest.
MACHINE_FIELDS = ("passage", "speaker", "speaker_organisation", "speaker_kind", "speaker_text", "text", "start",
                  "end", "cue", "kind", "confidence")
SAME_SPAN = 0.8  # share of the longer of two spans they must share to be the same passage (boundary shifts)
COVERED = 0.5  # share of a retired quote's words its successor must cover
MOVED_WORDS = 4  # words a retired quote needs to be followed by text alone (a short phrase recurs)


def _save_quotes_keeping_ids(article, fresh: list, themes: dict, *, new: bool = False) -> None:
    """Store the machine quotes of this extraction, reusing the rows of the same passages.

    A new result that is the same passage as an earlier machine quote (same words, or spans
    sharing most of their characters) updates that row in place. An earlier quote left without
    a match is retired: towards the live quote now over most of its words (changed or merged),
    or as gone, with its words and place kept for the 410 page.
    """
    # Two re-extractions of one article at once would retire the same ids twice: the second waits
    # here for the first to commit, then finds its quotes and keeps them.
    # A new article has no earlier quotes, and no other transaction can see it yet.
    if not new:
        list(type(article).objects.select_for_update().filter(pk=article.pk).values_list("pk"))
    earlier = [] if new else list(article.quotes.filter(status=Quote.Status.MACHINE).select_related("speaker"))
    pairs = _same_passages(earlier, [quote for quote, _ in fresh], article.body)
    kept: set[int] = set()
    for old_index, new_index in pairs:
        old, found = earlier[old_index], fresh[new_index][0]
        kept.add(old.pk)
        changed = [name for name in MACHINE_FIELDS if _value(old, name) != _value(found, name)]
        for name in changed:
            setattr(old, name, getattr(found, name))
        if changed:
            old.version += 1  # an editor's form opened before this re-extraction is refused, not applied
            old._change_reason = "Re-extraction"
            old.save()
        fresh[new_index] = (old, fresh[new_index][1])
    QuoteTheme.objects.filter(quote_id__in=kept).delete()
    added = [quote for quote, _ in fresh if quote.pk is None]
    for quote in added:
        quote.published = article.published  # as Quote.save() does: the object in step with the trigger
    _create_with_history(added)
    QuoteTheme.objects.bulk_create(
        QuoteTheme(quote=quote, theme=themes[t.slug], score=t.score) for quote, quote_themes in fresh for t in quote_themes
    )

    retiring = [quote for quote in earlier if quote.pk not in kept]
    gone = list(article.retired_quotes.filter(successor__isnull=True)) if article.analysed_at and not new else []
    if not retiring and not gone:
        return
    # Each live quote's words, normalised once for all the retiring quotes and tombstones compared with it.
    live = [(quote, f" {_normalised(quote.text)} ")
            for quote in [quote for quote, _ in fresh] + list(article.quotes.filter(status=Quote.Status.VERIFIED))]
    for old in retiring:
        RetiredQuote.objects.retire(old, _successor(old, live, article.body))
    Quote.objects.filter(pk__in=[quote.pk for quote in retiring]).delete()
    for tombstone in gone:  # words quoted again (a fixed extractor, a verified quote): the old link leads there
        tombstone.successor = _successor(tombstone, live, article.body)
        if tombstone.successor:
            tombstone.save(update_fields=["successor"])


def _create_with_history(quotes: list) -> None:
    """Insert new quotes and their creation records ("+") as django-simple-history's
    bulk_create_with_history does, but with the records copied from the stored rows by the
    server: built as model instances here they cost more than the quotes themselves."""
    Quote.objects.bulk_create(quotes)
    if not quotes or not getattr(settings, "SIMPLE_HISTORY_ENABLED", True):
        return
    history = Quote.history.model
    columns = [history._meta.get_field(f.name).column for f in history.tracked_fields]
    # The user the request (an editor's import) would have recorded; None for a command.
    user = history.get_default_history_user(quotes[0])
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {connection.ops.quote_name(history._meta.db_table)} ({names}, history_date, "
            f"history_user_id, history_change_reason, history_type) "
            f"SELECT {names}, %s, %s, NULL, '+' FROM {connection.ops.quote_name(Quote._meta.db_table)} "
            f"WHERE id = ANY(%s) ORDER BY id",
            [timezone.now(), user.pk if user is not None else None, [q.pk for q in quotes]],
        )


def _value(quote, name: str):
    field = quote._meta.get_field(name)
    return getattr(quote, field.attname)


def _normalised(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _shared(a, b) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _same_passages(old: list, new: list, body: str) -> list[tuple[int, int]]:
    """(old, new) index pairs of the same passage, each quote in one pair at most.

    Exact spans first; then the same words anywhere (the nearest occurrence, for a text whose
    offsets moved); then spans sharing at least SAME_SPAN of the longer one, best first, for
    old quotes whose offsets still hold their words (after an edit of the text they may not).
    """
    pairs: list[tuple[int, int]] = []
    free_old, free_new = set(range(len(old))), set(range(len(new)))

    def pair(i: int, j: int) -> None:
        pairs.append((i, j))
        free_old.discard(i)
        free_new.discard(j)

    exact = {(q.start, q.end, q.text): i for i, q in enumerate(old)}
    for j, quote in enumerate(new):
        i = exact.get((quote.start, quote.end, quote.text))
        if i is not None and i in free_old:
            pair(i, j)
    words: dict[str, list[int]] = {}
    for i in sorted(free_old):
        words.setdefault(_normalised(old[i].text), []).append(i)
    for j in sorted(free_new):
        new_words = _normalised(new[j].text)
        same = [i for i in words.get(new_words, []) if i in free_old]
        if same and new_words:
            pair(min(same, key=lambda i: abs(old[i].start - new[j].start)), j)
    candidates = sorted(
        (
            (_shared(old[i], new[j]) / max(old[i].end - old[i].start, new[j].end - new[j].start), i, j)
            for i in free_old if body[old[i].start : old[i].end] == old[i].text
            for j in free_new if _shared(old[i], new[j])
        ),
        reverse=True,
    )
    for share, i, j in candidates:
        if share >= SAME_SPAN and i in free_old and j in free_new:
            pair(i, j)
    return pairs


def _successor(old, live: list[tuple], body: str):
    """The live quote over most of ``old``'s words (a changed or merged quote), or None when they are gone.
    ``live`` holds (quote, its normalised words between spaces) pairs."""
    best, best_share = None, 0.0
    words = _normalised(old.text)
    followable = len(words.split()) >= MOVED_WORDS
    in_place = body[old.start : old.end] == old.text
    for quote, quote_words in live:
        share = _shared(old, quote) / max(1, old.end - old.start) if in_place else 0.0
        if followable and f" {words} " in quote_words:
            share = 1.0  # the same words, wherever a corrected text moved them
        if share > best_share:
            best, best_share = quote, share
    return best if best_share >= COVERED else None
