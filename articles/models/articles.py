from __future__ import annotations

import hashlib

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import URLValidator
from django.db import models
from django.db.models import F, OuterRef, Q
from django.utils.text import Truncator
from simple_history.models import HistoricalRecords

from articles.links import page_url
from articles.models.counting import correlated_count
from articles.models.search import SEARCH_CONFIG, ranked_search
from articles.models.slugs import unique_slug

# An article's link is shown to readers and put in PDFs: only web addresses, never
# javascript:, data: or file: links.
WEB_SCHEMES = ("http", "https")
validate_web_url = URLValidator(schemes=list(WEB_SCHEMES), message="Enter a web address starting with http:// or https://.")


def checksum(raw_text: str) -> str:
    """Identity of an imported text: the same text imported twice is one article."""
    normalised = raw_text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()


class ArticleQuerySet(models.QuerySet):
    def search(self, query: str) -> ArticleQuerySet:
        """Web-search syntax ("a phrase", -word, or), ranked, with a highlighted snippet."""
        return ranked_search(self, query, "body", max_fragments=2, max_words=30, min_words=12).order_by(
            "-rank", "-published"
        )

    def with_quote_count(self) -> ArticleQuerySet:
        """Each article's visible quotes counted, as ``quote_count``, for the rows fetched only."""
        from articles.models.quotes import Quote

        return self.annotate(quote_count=correlated_count(Quote.objects.visible().filter(article=OuterRef("pk")), "article"))


class Article(models.Model):
    source = models.ForeignKey(
        "articles.Source", null=True, blank=True, on_delete=models.PROTECT, related_name="articles"
    )
    title = models.CharField(max_length=500, blank=True, help_text="Empty when the text gives no headline.")
    slug = models.SlugField(max_length=100, unique=True)
    standfirst = models.TextField(blank=True)
    authors = models.ManyToManyField("articles.Person", blank=True, related_name="articles_written")
    published = models.DateField(null=True, blank=True, help_text="Empty when the text gives no date.")
    url = models.URLField(max_length=1000, blank=True, validators=[validate_web_url])
    raw_text = models.TextField(help_text="The text exactly as imported.")
    body = models.TextField(help_text="The cleaned text; passages point into it by offsets.")
    checksum = models.CharField(max_length=64, unique=True, editable=False)
    original_filename = models.CharField(max_length=300, blank=True)
    cleaning = models.JSONField(
        default=dict, blank=True, help_text="What the cleaner removed or joined, classified."
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    analysed_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(
        default=1, db_default=1, help_text="Bumped on every editor's save, to refuse lost updates."
    )  # db_default: rows written with COPY (generate_corpus) get it too
    search_vector = models.GeneratedField(
        expression=SearchVector("title", weight="A", config=SEARCH_CONFIG)
        + SearchVector("standfirst", weight="B", config=SEARCH_CONFIG)
        + SearchVector("body", weight="C", config=SEARCH_CONFIG),
        output_field=SearchVectorField(),
        db_persist=True,
    )
    history = HistoricalRecords(excluded_fields=["search_vector", "raw_text"])

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = [F("published").desc(nulls_last=True), "-imported_at"]
        indexes = [
            GinIndex(fields=["search_vector"], name="article_search_idx"),
            models.Index(F("published").desc(nulls_last=True), "id", name="article_published_idx"),
            # An outlet's page, newest first.
            models.Index("source", F("published").desc(nulls_last=True), F("id").desc(), name="article_source_newest_idx"),
            # /articles/ in its default order (ArticleFilter's "newest", undated first as PostgreSQL
            # sorts them), walked and stopped after a page rather than every article sorted.
            models.Index(F("published").desc(), F("imported_at").desc(), "id", name="article_list_newest_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=~Q(body=""), name="article_body_not_empty"),
        ]

    def __str__(self) -> str:
        return self.display_title

    def save(self, *args, **kwargs) -> None:
        if not self.checksum:
            self.checksum = checksum(self.raw_text)
        if not self.slug:
            self.slug = unique_slug(Article, self.title or self.lead(8), exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("article_detail", self.slug)

    @property
    def display_title(self) -> str:
        """The headline, or, when the text has none, its opening words (never an invented title)."""
        return self.title or f"“{self.lead(12)}”"

    @property
    def safe_url(self) -> str:
        """The article's link when it is a web address, else "": only this is ever made a link
        (an address stored before it was checked could be javascript: or data:)."""
        scheme, _, rest = (self.url or "").strip().partition(":")
        return self.url if scheme.lower() in WEB_SCHEMES and rest.startswith("//") else ""

    def lead(self, words: int = 30) -> str:
        return Truncator(self.body).words(words)


class Passage(models.Model):
    """A paragraph of an article's cleaned body, located by character offsets."""

    class Kind(models.TextChoices):
        BODY = "body", "Body"
        HEADING = "heading", "Section heading"
        CAPTION = "caption", "Photo caption"
        CREDIT = "credit", "Credit"
        BIO = "bio", "Author's bio"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="passages")
    index = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices, default=Kind.BODY)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    text = models.TextField()

    class Meta:
        ordering = ["article", "index"]
        constraints = [
            models.UniqueConstraint(fields=["article", "index"], name="passage_unique_index"),
            models.CheckConstraint(condition=Q(end__gte=F("start")), name="passage_offsets_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.article} ¶{self.index + 1}"
