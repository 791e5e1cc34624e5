"""A large, clearly synthetic corpus for benchmarks, written straight into PostgreSQL with COPY.

``generate_corpus(articles=100_000, seed=1)`` makes about ten quotes per article, 5,000
people with invented names, 200 "Synthetic …" outlets, the real themes and countries (the
reference tables seeded by the migrations), ten years of dates, figures, annotations,
passages and mentions, with Zipf-like skew: a few people, outlets and countries appear very
often and most rarely. It bypasses the extraction pipeline on purpose: the point is to fill
a database fast (100,000 articles in minutes) with data whose offsets are right.

Everything synthetic is marked: titles start with ``[Synthetic]``, outlets are called
"Synthetic Courier 17", URLs use the reserved ``.invalid`` domain, people carry a note, and
each article's ``cleaning`` says ``{"synthetic": true}``.
"""

from __future__ import annotations

import bisect
import hashlib
import itertools
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.db import connections, transaction
from django.db.models import Max, Model
from django.utils.text import slugify

from analysis.names import person_key
from articles.models import (
    Annotation,
    Article,
    ArticleTheme,
    Country,
    CountryMention,
    Figure,
    Organisation,
    Passage,
    Person,
    PersonMention,
    Quote,
    QuoteTheme,
    Source,
    Theme,
)
from articles.summaries import mark_changed
from bench import synthetic_text as words
from bench.copying import Table

TITLE_PREFIX = "[Synthetic] "
SOURCE_PREFIX = "Synthetic "
PERSON_NOTE = "Synthetic person: the name is invented."
FIRST_DAY, DAYS = date(2015, 1, 1), 3652  # ten years of publication dates
CONTEXT_CHARS = 32  # as articles.models.annotations
# Above this many articles, secondary indexes are dropped during the load and rebuilt after:
# one sorted build is far cheaper than a million GIN and B-tree insertions.
REBUILD_INDEXES_FROM = 10_000
# Countries that dominate geopolitical commentary come first in the Zipf ranking.
HEAD_COUNTRIES = ["US", "RU", "UA", "CN", "IL", "IR", "KP", "GB", "DE", "FR", "IN", "TR", "PL", "BY", "SY", "KR", "JP"]

# The tables the corpus fills, in COPY order (an article's rows after the article's); each one's
# columns come from its model (bench/copying.py). The ids are assigned here.
REFERENCE_MODELS = (Source, Organisation, Person)
BULK_MODELS = (Article, Passage, Quote, QuoteTheme, ArticleTheme, PersonMention, CountryMention, Figure, Annotation,
               Article.authors.through)
TABLES: dict[type[Model], Table] = {model: Table(model) for model in (*REFERENCE_MODELS, *BULK_MODELS)}


class CorpusExists(Exception):
    """The database already holds articles, people or outlets: synthetic data is never mixed in."""


class Zipf:
    """Draws items with probability proportional to 1 / (rank + offset) ** exponent."""

    def __init__(self, items: list, exponent: float, offset: float = 1.0) -> None:
        self.items = items
        self.cumulative = list(itertools.accumulate(1 / (rank + offset) ** exponent for rank in range(len(items))))

    def draw(self, rng: random.Random):
        return self.items[bisect.bisect(self.cumulative, rng.random() * self.cumulative[-1])]

    def distinct(self, rng: random.Random, k: int) -> list:
        chosen: list = []
        while len(chosen) < min(k, len(self.items)):
            item = self.draw(rng)
            if item not in chosen:
                chosen.append(item)
        return chosen


@dataclass
class Speaker:
    id: int
    name: str
    surname: str
    kind: str
    role: str
    affiliation: str
    organisation_id: int


def _row(out: dict[type[Model], list[str]], model: type[Model], **values) -> None:
    out[model].append(TABLES[model].line(**values))


def _next_id(ids: dict[type[Model], int], model: type[Model]) -> int:
    ids[model] += 1
    return ids[model]


_SLOT = re.compile(r"\{(\w+)\}")


def _parse(template: str) -> list[tuple[bool, str]]:
    """A template as (is_slot, text) pieces, parsed once."""
    return [(i % 2 == 1, piece) for i, piece in enumerate(_SLOT.split(template)) if piece]


class Paragraph:
    """Text built piece by piece, remembering where named things landed."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.spans: list[tuple[str, object, int, int]] = []  # (kind, key, start, end), paragraph-relative

    def add(self, text: str, kind: str = "", key: object = None) -> None:
        if kind:
            self.spans.append((kind, key, self.length, self.length + len(text)))
        self.parts.append(text)
        self.length += len(text)

    def fill(self, pieces: list[tuple[bool, str]], slots: dict[str, tuple[str, str, object]]) -> None:
        for is_slot, piece in pieces:
            if is_slot:
                self.add(*slots[piece])
            else:
                self.add(piece)

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class Batch:
    lines: dict[type[Model], list[str]] = field(default_factory=lambda: {m: [] for m in BULK_MODELS})


class Generator:
    """Deterministic for a given seed: the same seed gives the same corpus, row for row."""

    def __init__(self, seed: int, themes: list[tuple[int, str, list[str]]], countries: list[tuple[int, str, str]],
                 people: int, sources: int) -> None:
        self.rng = random.Random(seed)
        self.seed = seed
        self.now = datetime(2025, 1, 1, tzinfo=UTC)
        self.themes = Zipf(themes, 0.7)
        head = {code: i for i, code in enumerate(HEAD_COUNTRIES)}
        ranked = sorted(countries, key=lambda c: (head.get(c[1], len(head)), c[1]))
        self.countries = Zipf(ranked, 1.1)
        self.narrative = [_parse(t) for t in words.NARRATIVE]
        self.quoted = [_parse(t) for t in words.QUOTED]
        self.headlines = [_parse(t) for t in words.HEADLINES]
        self.source_count, self.person_count = sources, people
        self._quoted_now: set[int] = set()  # speakers quoted in the article being built
        self._last_quote: tuple[int, int, int] | None = None  # (passage id, start, end): what an annotation marks

    # -- reference rows: outlets, organisations, people ------------------------------------------

    def reference_rows(self, ids: dict[type[Model], int]) -> dict[type[Model], list[str]]:
        rng = self.rng
        rows: dict[type[Model], list[str]] = {model: [] for model in REFERENCE_MODELS}
        self.source_ids = []
        for n in range(1, self.source_count + 1):
            sid = ids[Source] + n
            name = f"{SOURCE_PREFIX}{words.OUTLET_WORDS[n % len(words.OUTLET_WORDS)]} {n}"
            kind = rng.choice(["newspaper", "magazine", "online", "wire", "broadcaster", "think_tank"])
            _row(rows, Source, id=sid, name=name, slug=slugify(name), homepage=f"https://synthetic-{n}.invalid/",
                 kind=kind, country_id=self.countries.draw(rng)[0])
            self.source_ids.append((sid, slugify(name)))
        self.sources = Zipf(self.source_ids, 0.8, offset=2)
        organisations = []
        seen_orgs: set[str] = set()
        while len(organisations) < 150:
            name = rng.choice(words.ORG_PATTERNS).format(p=words.invented_place(rng))
            if name in seen_orgs:
                continue
            seen_orgs.add(name)
            oid = ids[Organisation] + len(organisations) + 1
            organisations.append((oid, name))
            _row(rows, Organisation, id=oid, name=name, slug=slugify(name)[:90], key=name.lower(), kind="think_tank",
                 aliases=[], country_id=self.countries.draw(rng)[0])
        self.speakers: list[Speaker] = []
        seen: set[str] = set()
        kinds = ["expert"] * 5 + ["official"] * 3 + ["journalist"] * 2 + ["leader", "other"]
        while len(self.speakers) < self.person_count:
            given, surname = words.invented_name(rng)
            name = f"{given} {surname}"
            if name in seen:
                continue
            seen.add(name)
            kind = rng.choice(kinds)
            org_id, org_name = rng.choice(organisations)
            pid = ids[Person] + len(self.speakers) + 1
            speaker = Speaker(pid, name, surname, kind, rng.choice(words.ROLES[kind]), org_name, org_id)
            self.speakers.append(speaker)
            _row(rows, Person, id=pid, name=name, slug=slugify(name)[:90], key=person_key(name), aliases=[], kind=kind,
                 note=PERSON_NOTE, country_id=self.countries.draw(rng)[0])
        # Zipf-Mandelbrot: the most quoted person gets about 2% of named quotes, most get a few.
        self.people = Zipf(self.speakers, 0.9, offset=5)
        self.journalists = [s for s in self.speakers if s.kind == "journalist"] or self.speakers
        return rows

    # -- articles -------------------------------------------------------------------------------

    def article(self, ids: dict[type[Model], int], batch: Batch) -> None:
        """Append one article and everything in it to ``batch``, advancing ``ids``."""
        rng, out = self.rng, batch.lines
        article_id = _next_id(ids, Article)
        # Drawn first: each quote row carries it (COPY runs as a replica, without the date trigger).
        published = self._published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        themes = self.themes.distinct(rng, rng.choice([1, 1, 2, 2, 3]))
        countries = self.countries.distinct(rng, rng.randint(2, 5))
        phrases = {t[1]: [words.keyword_phrase(k) for k in t[2]] or [t[1]] for t in themes}
        used_phrases: dict[str, set[str]] = {t[1]: set() for t in themes}
        theme_ids = {t[1]: t[0] for t in themes}

        def slots() -> dict[str, tuple[str, str, object]]:
            c1, c2 = rng.sample(countries, 2)
            slug = rng.choice(themes)[1]
            phrase = rng.choice(phrases[slug])
            used_phrases[slug].add(phrase)
            values = {name: (word, "", None) for name, word in words.filler(rng).items()}
            values.update(c1=(c1[2], "country", c1[0]), c2=(c2[2], "country", c2[0]),
                          C1=(c1[2], "country", c1[0]), C2=(c2[2], "country", c2[0]), kw=(phrase, "theme", slug))
            return values

        paragraphs: list[Paragraph] = []
        mentioned: dict[int, Speaker] = {}
        self._quoted_now, self._last_quote = set(), None
        n_quotes, quotes = rng.randint(6, 14), 0
        kinds = ["direct"] * 7 + ["partial"] * 2 + ["indirect"]
        for number in itertools.count():
            if quotes == n_quotes and number >= n_quotes + 2:
                break
            para = Paragraph()
            if number % 4 == 1 or quotes == n_quotes:  # narrative paragraphs between the quotes
                para.fill(rng.choice(self.narrative), slots())
                para.add(" ")
                para.fill(rng.choice(self.narrative), slots())
                if rng.random() < 0.25 and number > 1:
                    other = self.people.draw(rng)
                    mentioned.setdefault(other.id, other)
                    para.add(" ")
                    para.add(other.name, "person", other.id)
                    para.add(f", a {other.role} at the {other.affiliation}, has made the same point.")
                if rng.random() < 0.00005:  # about one article in 4,000
                    para.add(f" Some even spoke of a new {words.RARE_WORD}.")
            else:
                self._quote(para, rng.choice(kinds), slots(), mentioned)
                quotes += 1
                para.add(" ")
                para.fill(rng.choice(self.narrative), slots())
            paragraphs.append(para)
        figure_para = Paragraph()
        c = self.countries.draw(rng)
        topic = rng.choice(words.FIGURE_TOPICS)
        value = round(rng.lognormvariate(8, 1.5))
        figure_para.add("Officials put the figure at ")
        figure_para.add(f"around {value:,} {topic}", "figure", None)
        figure_para.add(" linked to ")
        figure_para.add(c[2], "country", c[0])
        figure_para.add(", though the number could not be checked.")
        paragraphs.insert(rng.randint(1, len(paragraphs)), figure_para)

        body_parts, offset = [], 0
        country_offsets: dict[int, list[list[int]]] = {}
        person_offsets: dict[int, list[list[int]]] = {}
        for index, para in enumerate(paragraphs):
            text = para.text
            passage_id = _next_id(ids, Passage)
            _row(out, Passage, id=passage_id, article_id=article_id, index=index, kind="body", start=offset,
                 end=offset + len(text), text=text)
            for kind, key, start, end in para.spans:
                if kind == "country":
                    country_offsets.setdefault(key, []).append([offset + start, offset + end])
                elif kind == "person":
                    person_offsets.setdefault(key, []).append([offset + start, offset + end])
                elif kind == "quote":
                    self._quote_rows(ids, out, article_id, passage_id, offset + start, text[start:end], key,
                                     theme_ids)
                elif kind == "figure":
                    low = float(text[start:end].split()[1].replace(",", ""))
                    _row(out, Figure, id=_next_id(ids, Figure), article_id=article_id, passage_id=passage_id,
                         text=text[start:end], start=offset + start, end=offset + end, about=f"{topic} ({c[2]})",
                         group_key=slugify(f"{c[2]} {topic}"), value_low=low, value_high=low, approximate=True,
                         unit="", attributed_to="", attributed_person_id=None)
            body_parts.append(text)
            offset += len(text) + 2
        body = "\n\n".join(body_parts)

        headline = Paragraph()
        headline.fill(rng.choice(self.headlines), slots())
        title = TITLE_PREFIX + headline.text[0].upper() + headline.text[1:]
        source_id, source_slug = self.sources.draw(rng)
        raw_text = f"Synthetic article {article_id} (seed {self.seed})\n{title}\n\n{body}"
        _row(out, Article, id=article_id, source_id=source_id, title=title, slug=f"{slugify(title)[:80]}-{article_id}",
             standfirst="A synthetic article for benchmarks; nobody said any of this.", published=published,
             url=f"https://{source_slug}.invalid/{article_id}", raw_text=raw_text, body=body,
             checksum=hashlib.sha256(raw_text.strip().encode()).hexdigest(), original_filename="",
             cleaning={"synthetic": True, "seed": self.seed}, imported_at=self.now, updated_at=self.now,
             analysed_at=self.now)
        for code_id, spans in country_offsets.items():
            _row(out, CountryMention, id=_next_id(ids, CountryMention), article_id=article_id, country_id=code_id,
                 count=len(spans), offsets=spans)
        for slug, used in used_phrases.items():
            _row(out, ArticleTheme, id=_next_id(ids, ArticleTheme), article_id=article_id, theme_id=theme_ids[slug],
                 score=round(min(1.0, 0.2 + 0.1 * len(used)), 2), matches=sorted(used))
        author = rng.choice(self.journalists)
        for person in (*mentioned.values(), author):
            is_author = person is author
            if is_author and person.id in mentioned:
                continue
            spans = person_offsets.get(person.id, [])
            _row(out, PersonMention, id=_next_id(ids, PersonMention), article_id=article_id, person_id=person.id,
                 name_as_printed=person.name, role=person.role, affiliation=person.affiliation,
                 organisation_id=person.organisation_id, is_author=is_author,
                 is_quoted=person.id in self._quoted_now, count=len(spans), offsets=spans)
        authors = Article.authors.through
        _row(out, authors, id=_next_id(ids, authors), article_id=article_id, person_id=author.id)
        if rng.random() < 0.03 and self._last_quote:
            self._annotation(ids, out, article_id, body, themes)

    def _quote(self, para: Paragraph, kind: str, slots: dict, mentioned: dict[int, Speaker]) -> None:
        """One quote paragraph opening; the quote's span is recorded as kind "quote"."""
        rng = self.rng
        roll = rng.random()
        cue = rng.choice(words.CUES)
        speaker: Speaker | None = None
        if roll < 0.82:
            speaker = self.people.draw(rng)
            first = speaker.id not in mentioned
            mentioned.setdefault(speaker.id, speaker)
            self._quoted_now.add(speaker.id)
            as_printed = speaker.name if first else speaker.surname
            who: tuple = (as_printed, "person", speaker.id)
            after = f", {speaker.role} at the {speaker.affiliation}," if first else ""
            speaker_kind, speaker_text = "person", as_printed
        else:
            speaker_text = rng.choice(words.ANONYMOUS)
            who, after, speaker_kind = (speaker_text, "", None), "", "anonymous"
        template = rng.choice(self.quoted)
        key = (speaker, speaker_kind, speaker_text, cue, kind)
        if kind == "direct":
            para.add("“")
            q_start = para.length
            para.fill(template, slots)
            q_end = para.length
            para.add(",” ")
            para.add(*who)
            para.add(f"{after} {cue}.")
        else:
            para.add(*who)
            para.add(f"{after} {cue} that " if kind == "indirect" else f"{after} {cue} it was “")
            q_start = para.length
            para.fill(template, slots)
            q_end = para.length
            para.add("." if kind == "indirect" else ".”")
        para.spans.append(("quote", key, q_start, q_end))

    def _quote_rows(self, ids, out, article_id, passage_id, start, text, key, theme_ids) -> None:
        rng = self.rng
        speaker, speaker_kind, speaker_text, cue, kind = key
        quote_id = _next_id(ids, Quote)
        roll = rng.random()
        status = "verified" if roll < 0.02 else "rejected" if roll < 0.03 else "machine"
        _row(out, Quote, id=quote_id, article_id=article_id, passage_id=passage_id,
             speaker_id=speaker.id if speaker else None, speaker_organisation_id=None, speaker_kind=speaker_kind,
             speaker_text=speaker_text, text=text, start=start, end=start + len(text), cue=cue, kind=kind,
             confidence=round(rng.uniform(0.5, 0.99), 2), status=status, version=1, created_at=self.now,
             updated_at=self.now, published=self._published)
        self._last_quote = (passage_id, start, start + len(text))
        for slug, theme_id in theme_ids.items():
            if any(p in text for p in self._phrase_cache(slug)):
                _row(out, QuoteTheme, id=_next_id(ids, QuoteTheme), quote_id=quote_id, theme_id=theme_id,
                     score=round(rng.uniform(0.3, 1.0), 2))

    def _phrase_cache(self, slug: str) -> list[str]:
        cache = self.__dict__.setdefault("_phrases", {})
        if slug not in cache:
            theme = next(t for t in self.themes.items if t[1] == slug)
            cache[slug] = [words.keyword_phrase(k) for k in theme[2]] or [slug]
        return cache[slug]

    def _annotation(self, ids, out, article_id, body, themes) -> None:
        passage_id, start, end = self._last_quote
        public = self.rng.random() < 0.8
        _row(out, Annotation, id=_next_id(ids, Annotation), article_id=article_id, passage_id=passage_id, start=start,
             end=end, exact=body[start:end], prefix=body[max(0, start - CONTEXT_CHARS):start],
             suffix=body[end:end + CONTEXT_CHARS], orphaned=False,
             note="Synthetic note: compare with the speaker's earlier remarks.", stance="", stance_theme_id=None,
             visibility="public" if public else "internal", created_by_id=None, created_at=self.now,
             updated_at=self.now, version=1)


def _tables_with_data(cursor) -> list[str]:
    found = []
    for model in (Article, Person, Source):
        cursor.execute(f'SELECT EXISTS (SELECT 1 FROM "{model._meta.db_table}")')
        if cursor.fetchone()[0]:
            found.append(model._meta.db_table)
    return found


def _secondary_indexes(cursor, tables: list[str]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) for indexes that back no constraint."""
    cursor.execute(
        """SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
           FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid
           WHERE t.relname = ANY(%s) AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)""",
        [tables],
    )
    return cursor.fetchall()


def generate_corpus(articles: int, seed: int = 1, *, people: int = 5000, sources: int = 200, batch_size: int = 1000,
                    using: str = "default", progress: Callable[[int, int], None] | None = None) -> dict[str, int]:
    """Fill an empty database with a synthetic corpus; returns row counts per table.

    Refuses (CorpusExists) when articles, people or outlets exist: the corpus is for a
    database of its own, never mixed with real data. Runs in one transaction, so an
    interrupted run leaves nothing behind.
    """
    connection = connections[using]
    started = time.perf_counter()
    with transaction.atomic(using=using), connection.cursor() as django_cursor:
        mark_changed(using)
        cursor = django_cursor.cursor  # the psycopg cursor, for COPY
        if found := _tables_with_data(cursor):
            raise CorpusExists(f"the database already has data in {', '.join(found)}; use an empty database")
        themes = [(i, slug, [k.strip() for k in kw.splitlines() if k.strip()])
                  for i, slug, kw in Theme.objects.using(using).order_by("id").values_list("id", "slug", "keywords")]
        countries = list(Country.objects.using(using).order_by("code").values_list("id", "code", "name"))
        if not themes or len(countries) < 5:
            raise CorpusExists("themes and countries are missing: run migrate first")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            # The ids are consistent by construction; skipping a million deferred FK checks saves minutes.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
        ids = {model: model.objects.using(using).aggregate(top=Max("pk"))["top"] or 0 for model in TABLES}
        first_ids = dict(ids)
        bulk_tables = [TABLES[model].name for model in BULK_MODELS]
        dropped = _secondary_indexes(cursor, bulk_tables) if articles >= REBUILD_INDEXES_FROM else []
        for name, _ in dropped:
            cursor.execute(f"DROP INDEX {name}")

        generator = Generator(seed, themes, countries, people, sources)
        for model, lines in generator.reference_rows(ids).items():
            TABLES[model].copy(cursor, lines)
            ids[model] += len(lines)
        done = 0
        while done < articles:
            batch = Batch()
            for _ in range(min(batch_size, articles - done)):
                generator.article(ids, batch)
            for model, lines in batch.lines.items():
                if lines:
                    TABLES[model].copy(cursor, lines)
            done += min(batch_size, articles - done)
            if progress:
                progress(done, articles)
        for _, statement in dropped:
            cursor.execute(statement)
        from articles.models.people import recount_people

        recount_people(cursor)  # the counting triggers (migration 0013) do not run under the replica role
        for table in TABLES.values():
            pk = table.model._meta.pk.column
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', '{pk}'), "
                           f'GREATEST((SELECT MAX("{pk}") FROM "{table.name}"), 1))')
    counts = {table.name: ids[model] - first_ids[model] for model, table in TABLES.items()}
    if not connection.in_atomic_block:
        # Fresh statistics and a visibility map, so plans and index-only scans are as in production.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            for table in TABLES.values():
                cursor.execute(f'VACUUM (ANALYZE) "{table.name}"')
    counts["seconds"] = round(time.perf_counter() - started)
    return counts
