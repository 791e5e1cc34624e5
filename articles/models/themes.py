from __future__ import annotations

from django.db import models
from django.db.models import Count, Subquery
from django.db.models.functions import Coalesce
from simple_history.models import HistoricalRecords

from articles.links import page_url
from articles.models.quotes import Quote, QuoteTheme
from articles.models.slugs import unique_slug


class ThemeQuerySet(models.QuerySet):
    def with_counts(self) -> ThemeQuerySet:
        """``article_count`` (articles tagged with the theme) and ``quote_count`` (visible quotes on
        it): the numbers every page and export give for a theme.

        Each is a count of its own per theme, with no GROUP BY around them: beside
        ``Count("article_themes")`` the quote count became a grouping key, evaluated once per tagged
        article (180,000 times over a million quotes: never done). Visible quotes are the theme's
        links, an index-only count, less those of rejected quotes (1 % of them, found by status)."""
        on_theme = QuoteTheme.objects.filter(theme=models.OuterRef("pk"))
        rejected = on_theme.filter(quote__status=Quote.Status.REJECTED)
        return self.annotate(
            article_count=_count(ArticleTheme.objects.filter(theme=models.OuterRef("pk")), "article"),
            quote_count=_count(on_theme, "quote") - _count(rejected, "quote"),
        )

    def with_article_count(self) -> ThemeQuerySet:
        # An article holds a theme once (article_theme_once): no DISTINCT needed.
        return self.annotate(article_count=models.Count("article_themes"))


def _count(links: models.QuerySet, column: str):
    """A correlated count of a theme's link rows, of a column its ``(theme, …)`` index holds, so
    that the count reads the index alone (``COUNT(id)`` would visit every row)."""
    return Coalesce(Subquery(links.order_by().values("theme").annotate(n=Count(column)).values("n")[:1]), 0)


class Theme(models.Model):
    """A subject of commentary (escalation, BRICS, alliances…), found by its keyword phrases."""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    keywords = models.TextField(
        blank=True,
        help_text="One phrase per line, lower case. A trailing * matches any ending: escalat* finds "
        "escalate, escalation, escalatory.",
    )
    history = HistoricalRecords()

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Theme, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return page_url("theme_detail", self.slug)

    @property
    def keyword_list(self) -> tuple[str, ...]:
        return tuple(line.strip().lower() for line in self.keywords.splitlines() if line.strip())

    def start_retag(self, user=None):
        """Queue re-tagging every article after the keywords changed, as a recorded job, in the
        caller's transaction (so the new keywords and their job commit together). An unfinished
        re-tag of this theme is superseded: the new one covers every article anyway."""
        from django.utils import timezone

        from articles.models.jobs import Job

        Job.objects.unfinished().filter(kind=Job.Kind.RETAG_THEME, params__theme_id=self.pk).update(
            status=Job.Status.CANCELLED, error="Superseded by a later change to the keywords.",
            finished_at=timezone.now(),
        )
        return Job.objects.start(Job.Kind.RETAG_THEME, f"Re-tagging ‘{self.name}’", params={"theme_id": self.pk}, user=user)


class ArticleTheme(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="article_themes")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="article_themes")
    score = models.FloatField(default=0)
    matches = models.JSONField(default=list, blank=True, help_text="The keyword phrases that matched.")

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["article", "theme"], name="article_theme_once")]
        indexes = [
            models.Index(fields=["theme", "article"], name="article_theme_theme_idx"),
            models.Index(fields=["theme", "-score", "-id"], name="article_theme_top_idx"),  # a theme's strongest
        ]

    def __str__(self) -> str:
        return f"{self.theme} in {self.article} ({self.score:.2f})"
