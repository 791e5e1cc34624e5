from __future__ import annotations

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models.lookups import Exact

from analysis.outlets import find_outlet
from articles.links import page_url
from articles.models.articles import Article
from articles.models.quotes import Quote
from articles.models.slugs import serialise_creation, unique_slug


class CountryQuerySet(models.QuerySet):
    def with_counts(self) -> CountryQuerySet:
        """``article_count`` (articles naming the country) and ``mention_count`` (times named in them)."""
        # One mention row per article and country (country_mention_once_per_article): no DISTINCT needed.
        return self.annotate(article_count=models.Count("mentions"), mention_count=models.Sum("mentions__count"))


class Country(models.Model):
    """An ISO 3166-1 country, with the other names commentary uses for it."""

    code = models.CharField("ISO alpha-2", max_length=2, unique=True)
    alpha3 = models.CharField("ISO alpha-3", max_length=3, unique=True)
    name = models.CharField(max_length=100)
    official_name = models.CharField(max_length=200, blank=True)
    aliases = ArrayField(
        models.CharField(max_length=100), default=list, blank=True,
        help_text="Demonyms, capitals and metonyms: Russian, Moscow, the Kremlin.",
    )

    objects = CountryQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"
        constraints = [
            models.CheckConstraint(condition=models.Q(code__regex=r"^[A-Z]{2}$"), name="country_code_is_alpha2"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return page_url("country_detail", self.code.lower())


class SourceQuerySet(models.QuerySet):
    def for_name(self, name: str) -> Source:
        """The Source called ``name``; a new one takes what is known of the outlet."""
        outlet = find_outlet(name)
        canonical = outlet.name if outlet else name.strip()[:200]
        source = self.filter(name__iexact=canonical).first()
        if source is None:
            serialise_creation(self.db)  # then look again: another importer may have just made it
            source = self.filter(name__iexact=canonical).first()
        if source:
            return source
        if outlet is None:
            return self.create(name=canonical)
        return self.create(
            name=outlet.name, kind=outlet.kind, homepage=outlet.homepage,
            country=Country.objects.filter(code=outlet.country).first(),
        )

    def with_counts(self) -> SourceQuerySet:
        """``article_count``, ``quote_count`` (visible quotes) and ``anonymous_count`` (of those, from
        anonymous sources).

        The quotes are counted in one pass over ``quote_article_visible_idx`` (index only), grouped
        by outlet: counted outlet by outlet, in a subquery each, they were a million row visits
        (5 s for 200 outlets). The article count stays a subquery, one index range per outlet, that
        always returns a row: no COALESCE, so it is not made a grouping key run for every quote."""
        # The index's own condition, as an expression: a negated lookup on an outer join gets
        # "OR status IS NULL" added, which the partial index cannot answer (a scan of every quote).
        rejected = Exact(models.F("articles__quotes__status"), Quote.Status.REJECTED)
        visible = models.FilteredRelation("articles__quotes", condition=~models.Q(rejected))
        articles = Article.objects.filter(source=models.OuterRef("pk")).order_by()
        return self.annotate(visible_quotes=visible).annotate(
            article_count=models.Subquery(articles.annotate(
                n=models.Func("pk", function="COUNT", output_field=models.IntegerField())).values("n")),
            quote_count=models.Count("visible_quotes"),
            anonymous_count=models.Count("visible_quotes", filter=models.Q(visible_quotes__speaker_kind="anonymous")),
        )


class Source(models.Model):
    """An outlet that publishes articles."""

    class Kind(models.TextChoices):
        NEWSPAPER = "newspaper", "Newspaper"
        MAGAZINE = "magazine", "Magazine"
        WIRE = "wire", "Wire service"
        BROADCASTER = "broadcaster", "Broadcaster"
        THINK_TANK = "think_tank", "Think tank"
        ONLINE = "online", "Online publication"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    homepage = models.URLField(blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    country = models.ForeignKey(Country, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources")

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Source, self.name.removeprefix("The "))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("source_detail", self.slug)


class CountryMention(models.Model):
    """How often, and where, an article names a country (by any of its names)."""

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="country_mentions")
    country = models.ForeignKey(Country, on_delete=models.CASCADE, related_name="mentions")
    count = models.PositiveIntegerField(default=0)
    offsets = models.JSONField(default=list, blank=True, help_text="[[start, end], …] into the article body")

    class Meta:
        ordering = ["-count"]
        constraints = [
            models.UniqueConstraint(fields=["article", "country"], name="country_mention_once_per_article"),
        ]
        indexes = [models.Index(fields=["country", "article"], name="country_mention_country_idx")]

    def __str__(self) -> str:
        return f"{self.country} ×{self.count} in {self.article}"
