from __future__ import annotations

from django.db import models
from django.urls import reverse
from simple_history.models import HistoricalRecords

from articles.models.slugs import unique_slug


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

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        if not self.slug:
            self.slug = unique_slug(Theme, self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("theme_detail", args=[self.slug])

    @property
    def keyword_list(self) -> tuple[str, ...]:
        return tuple(line.strip().lower() for line in self.keywords.splitlines() if line.strip())

    def as_spec(self):
        from analysis.themes import ThemeSpec

        return ThemeSpec(slug=self.slug, name=self.name, description=self.description, keywords=self.keyword_list)


class ArticleTheme(models.Model):
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="article_themes")
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="article_themes")
    score = models.FloatField(default=0)
    matches = models.JSONField(default=list, blank=True, help_text="The keyword phrases that matched.")

    class Meta:
        ordering = ["-score"]
        constraints = [models.UniqueConstraint(fields=["article", "theme"], name="article_theme_once")]
        indexes = [models.Index(fields=["theme", "article"], name="article_theme_theme_idx")]

    def __str__(self) -> str:
        return f"{self.theme} in {self.article} ({self.score:.2f})"
