from __future__ import annotations

import re

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex, OpClass
from django.db import models
from django.db.backends.signals import connection_created
from django.db.models import F, Q
from django.db.models.functions import Upper
from django.dispatch import receiver
from simple_history.models import HistoricalRecords

from analysis.names import person_key, same_person
from articles.links import page_url
from articles.models.slugs import serialise_creation, unique_slug

COUNTED_BY_TRIGGERS = ("quote_total", "article_total")


@receiver(connection_created, dispatch_uid="person_word_similarity")
def _word_similarity_threshold(sender, connection, **kwargs) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('pg_trgm.word_similarity_threshold', %s, false)",
                           [str(settings.TRIGRAM_THRESHOLD)])


RECOUNT_PEOPLE = """
UPDATE articles_person p SET quote_total = coalesce(q.n, 0), article_total = coalesce(m.n, 0)
    FROM articles_person p2
    LEFT JOIN (SELECT speaker_id, count(*) AS n FROM articles_quote
               WHERE speaker_id IS NOT NULL AND status <> 'rejected' GROUP BY speaker_id) q ON q.speaker_id = p2.id
    LEFT JOIN (SELECT person_id, count(*) AS n FROM articles_personmention GROUP BY person_id) m ON m.person_id = p2.id
    WHERE p.id = p2.id AND (p.quote_total, p.article_total) IS DISTINCT FROM (coalesce(q.n, 0), coalesce(m.n, 0))
"""


def recount_people(cursor) -> None:
    """Set every person's quote_total and article_total from the rows, for writers that bypass the
    triggers (a COPY run with session_replication_role = replica)."""
    cursor.execute(RECOUNT_PEOPLE)


def _choice(choices: type[models.TextChoices], value) -> str:
    value = getattr(value, "value", value)
    return value if value in choices.values else choices.OTHER


class OrganisationQuerySet(models.QuerySet):
    def resolve(self, result, countries: dict) -> Organisation:
        """The Organisation for an extracted one, created on first sight."""
        organisation = self.filter(key=result.key).order_by("id").first()
        if organisation is None:
            serialise_creation(self.db)  # then look again: another importer may have just made it
            organisation = self.filter(key=result.key).order_by("id").first()
        if organisation is None:
            organisation = self.create(
                name=result.name[:300], key=result.key[:300], kind=_choice(Organisation.Kind, result.kind),
                country=countries.get(result.country or ""),
            )
        return organisation

    def speaking(self) -> OrganisationQuerySet:
        """Organisations quoted as speakers, with ``quote_count`` (visible quotes), most quoted first."""
        from articles.models.counting import correlated_count
        from articles.models.quotes import Quote

        spoken = Quote.objects.visible().filter(speaker_organisation=models.OuterRef("pk"))
        return (
            self.annotate(quote_count=correlated_count(spoken, "speaker_organisation"))
            .filter(quote_count__gt=0).order_by("-quote_count", "name")
        )


class Organisation(models.Model):
    """A university, think tank, government body, military unit, outlet, company…"""

    class Kind(models.TextChoices):
        UNIVERSITY = "university", "University"
        THINK_TANK = "think_tank", "Think tank"
        GOVERNMENT = "government", "Government body"
        MILITARY = "military", "Military"
        MEDIA = "media", "Media"
        INTERNATIONAL = "international", "International organisation"
        COMPANY = "company", "Company"
        OTHER = "other", "Other"

    name = models.CharField(max_length=300)
    slug = models.SlugField(max_length=100, unique=True)
    key = models.CharField(max_length=300, db_index=True, help_text="Normalised name used to match mentions.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(
        "articles.Country", null=True, blank=True, on_delete=models.SET_NULL, related_name="organisations"
    )
    aliases = ArrayField(models.CharField(max_length=300), default=list, blank=True)

    objects = OrganisationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="organisation_name_trgm")]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Organisation, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("organisation_detail", self.slug)


class PersonQuerySet(models.QuerySet):
    def resolve(self, result, countries: dict, *, known: dict | None = None) -> Person:
        """The Person an extracted mention refers to, matching other spellings; created on first sight.

        A spelling matches an existing person only when :func:`analysis.names.same_person`
        says so for exactly one candidate: two people who merely share a surname stay apart.
        ``known`` maps keys to the people read for them already (the oldest row of each key), so
        an article's people known by key cost one query; it is kept in step with what is saved.
        """
        person = known.get(result.key) if known is not None else None
        if person is None:
            person = self.filter(key=result.key).order_by("id").first()
        if person is None:
            serialise_creation(self.db)  # then look again: another importer may have just made them
            person = self.filter(key=result.key).order_by("id").first()
        if person is None:
            tokens = [t for t in result.key.split() if len(t) > 1]
            query = Q()
            for token in tokens:
                query |= Q(key__regex=rf"(^| ){re.escape(token)}( |$)")
            candidates = list(self.filter(query)[:50]) if tokens else []
            matches = [
                c for c in candidates
                if any(same_person(spelling, result.name) for spelling in (c.name, *c.aliases))
            ]
            person = matches[0] if len(matches) == 1 else None
        if person is None:
            return self.create(
                name=result.name[:200], key=result.key[:200], aliases=[a for a in result.aliases if a != result.name],
                kind=_choice(Person.Kind, result.kind), country=countries.get(result.country or ""),
            )
        changed = False
        if len(result.name.split()) > len(person.name.split()):
            # A fuller spelling becomes the canonical name; the old one stays as an alias.
            changed |= person.add_alias(person.name)
            person.name, person.key, changed = result.name[:200], result.key[:200], True
        for spelling in (result.name, *result.aliases):
            changed |= person.add_alias(spelling[:200])
        if person.kind == Person.Kind.OTHER and result.kind != "other":
            person.kind, changed = _choice(Person.Kind, result.kind), True
        if person.country_id is None and result.country in countries:
            person.country, changed = countries[result.country], True
        if changed:
            person.save()
            if known is not None:  # a key taken over from another spelling no longer finds its old row
                for key in [key for key, other in known.items() if other is person and key != person.key]:
                    del known[key]
        return person

    def matching(self, text: str) -> PersonQuerySet:
        """People whose name, or a word of it, is like ``text``: typos such as “Garlauskus” still find them."""
        from django.contrib.postgres.search import TrigramWordSimilarity
        from django.db.models.functions import Greatest

        # The %> operators (at TRIGRAM_THRESHOLD, set on each connection) and ILIKE all use the
        # trigram indexes; a similarity computed in the WHERE clause would read every person.
        return (
            self.filter(Q(name__trigram_word_similar=text) | Q(key__trigram_word_similar=text) | Q(name__icontains=text))
            .annotate(similarity=Greatest(TrigramWordSimilarity(text, "name"), TrigramWordSimilarity(text, "key")))
            .order_by("-similarity", "name")
        )

    def with_quote_counts(self) -> PersonQuerySet:
        """``quote_count`` and ``article_count`` from the counts kept on each row by triggers:
        counting every person's quotes and mentions to rank them took a minute at 200,000 quotes."""
        return self.annotate(quote_count=F("quote_total"), article_count=F("article_total"))


class Person(models.Model):
    """Someone quoted or mentioned: one row per real person, whatever the spelling."""

    class Kind(models.TextChoices):
        EXPERT = "expert", "Expert"
        OFFICIAL = "official", "Official"
        LEADER = "leader", "Leader"
        JOURNALIST = "journalist", "Journalist"
        ANONYMOUS = "anonymous", "Anonymous source"
        OTHER = "other", "Other"

    name = models.CharField("canonical name", max_length=200)
    slug = models.SlugField(max_length=100, unique=True)
    key = models.CharField(max_length=200, db_index=True, help_text="Normalised name used to match spellings.")
    aliases = ArrayField(models.CharField(max_length=200), default=list, blank=True, help_text="Other spellings.")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(
        "articles.Country", null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    organisations = models.ManyToManyField(Organisation, blank=True, related_name="people")
    note = models.TextField(blank=True, help_text="Editors' note on who this is.")
    # Kept by database triggers (migration 0013), never written by save(): visible quotes spoken,
    # articles mentioning the person. Lists rank on them through an index and stop after a page.
    quote_total = models.PositiveIntegerField(db_default=0, editable=False)
    article_total = models.PositiveIntegerField(db_default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["quote_total", "article_total"])

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            GinIndex(fields=["name"], opclasses=["gin_trgm_ops"], name="person_name_trgm"),
            GinIndex(fields=["key"], opclasses=["gin_trgm_ops"], name="person_key_trgm"),
            # icontains compares UPPER(name): its own trigram index.
            GinIndex(OpClass(Upper("name"), name="gin_trgm_ops"), name="person_name_upper_trgm"),
            models.Index(F("quote_total").desc(), "name", "id", name="person_quote_total_idx"),
            models.Index(F("article_total").desc(), "name", "id", name="person_article_total_idx"),
            models.Index("name", "id", name="person_name_idx"),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Person, self.name)
        if not self.key:
            self.key = person_key(self.name)
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            # The triggers own the counts: a save from a stale object must not write them back.
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name not in COUNTED_BY_TRIGGERS
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("person_detail", self.slug)

    def merge(self, others) -> int:
        """Fold duplicates into this person: quotes, mentions, descriptions and notes move here,
        and their spellings stay as aliases. Returns how many people were merged in."""
        from django.db import transaction

        from articles.models import Figure, PersonRedirect, Quote
        from articles.summaries import mark_changed

        merged = 0
        with transaction.atomic():
            mark_changed()
            for other in others:
                if other.pk == self.pk:
                    continue
                Quote.objects.filter(speaker=other).update(speaker=self)
                Figure.objects.filter(attributed_person=other).update(attributed_person=self)
                for mention in other.mentions.all():
                    mine = PersonMention.objects.filter(article_id=mention.article_id, person=self).first()
                    if mine is None:
                        mention.person = self
                        mention.save(update_fields=["person"])
                        continue
                    mine.absorb(mention)
                    mention.delete()
                for article in other.articles_written.all():
                    article.authors.add(self)
                for annotation in other.annotations.all():
                    annotation.people.add(self)
                self.organisations.add(*other.organisations.all())
                for spelling in (other.name, *other.aliases):
                    self.add_alias(spelling)
                if self.kind == Person.Kind.OTHER:
                    self.kind = other.kind
                self.country = self.country or other.country
                if other.note and other.note not in self.note:
                    self.note = f"{self.note}\n\n{other.note}".strip()
                PersonRedirect.objects.point(other.slug, self, previous=other)  # the old page answers 301
                other.delete()
                merged += 1
            self.save()
        return merged

    def add_alias(self, spelling: str) -> bool:
        """Remember another spelling; True when it was new."""
        if spelling and spelling != self.name and spelling not in self.aliases:
            self.aliases = [*self.aliases, spelling]
            return True
        return False


class PersonMention(models.Model):
    """A person in one article: how the article describes them, and where it names them."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="person_mentions")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="mentions")
    name_as_printed = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=300, blank=True, help_text="As printed: “political science professor”.")
    affiliation = models.CharField(max_length=300, blank=True, help_text="As printed: “Clark University”.")
    organisation = models.ForeignKey(Organisation, null=True, blank=True, on_delete=models.SET_NULL)
    is_author = models.BooleanField(default=False)
    is_quoted = models.BooleanField(default=False)
    count = models.PositiveIntegerField(default=0)
    offsets = models.JSONField(default=list, blank=True, help_text="[[start, end], …] into the article body")

    class Meta:
        ordering = ["article", "-count"]
        constraints = [
            models.UniqueConstraint(fields=["article", "person"], name="person_mention_once_per_article"),
        ]
        indexes = [models.Index(fields=["person", "article"], name="person_mention_person_idx")]

    def __str__(self) -> str:
        return f"{self.person} in {self.article}"

    def absorb(self, other: PersonMention) -> None:
        """Combine another mention of the same person in the same article into this one."""
        self.name_as_printed = self.name_as_printed or other.name_as_printed
        self.role = self.role or other.role
        self.affiliation = self.affiliation or other.affiliation
        self.organisation = self.organisation or other.organisation
        self.is_author = self.is_author or other.is_author
        self.is_quoted = self.is_quoted or other.is_quoted
        self.offsets = sorted({tuple(o) for o in self.offsets} | {tuple(o) for o in other.offsets})
        self.offsets = [list(o) for o in self.offsets]
        self.count = len(self.offsets)
        self.save()

    @property
    def description(self) -> str:
        """Role and affiliation as one phrase: “spokesman, U.S. National Security Council”."""
        return ", ".join(part for part in (self.role, self.affiliation) if part)


class OrganisationMention(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="organisation_mentions")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="mentions")
    count = models.PositiveIntegerField(default=0)
    offsets = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "organisation"], name="organisation_mention_once_per_article"),
        ]
        indexes = [models.Index(fields=["organisation", "article"], name="org_mention_org_idx")]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.article}"
