from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from simple_history.models import HistoricalRecords

CONTEXT_CHARS = 32


class AnnotationQuerySet(models.QuerySet):
    def public(self) -> AnnotationQuerySet:
        return self.filter(visibility=Annotation.Visibility.PUBLIC)

    def anchored(self) -> AnnotationQuerySet:
        return self.filter(orphaned=False)


class Annotation(models.Model):
    """An editor's note on a passage of an article.

    It anchors by offsets into the body and, to survive corrections of the text,
    by the exact words with a little context either side: see :meth:`reanchor`.
    """

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Public: readers see it"
        INTERNAL = "internal", "Internal: editors only"

    class Stance(models.TextChoices):
        SUPPORTS = "supports", "Supports"
        OPPOSES = "opposes", "Opposes"
        NEUTRAL = "neutral", "Neutral"
        MIXED = "mixed", "Mixed"

    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="annotations")
    passage = models.ForeignKey("articles.Passage", null=True, blank=True, on_delete=models.SET_NULL)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    exact = models.TextField("annotated words", help_text="The words as selected.")
    prefix = models.CharField(max_length=CONTEXT_CHARS * 2, blank=True, help_text="Text just before the words.")
    suffix = models.CharField(max_length=CONTEXT_CHARS * 2, blank=True, help_text="Text just after the words.")
    orphaned = models.BooleanField(
        default=False, help_text="The words were not found after the text changed; kept, never lost."
    )
    note = models.TextField(blank=True)
    themes = models.ManyToManyField("articles.Theme", blank=True, related_name="annotations")
    countries = models.ManyToManyField("articles.Country", blank=True, related_name="annotations")
    people = models.ManyToManyField("articles.Person", blank=True, related_name="annotations")
    stance = models.CharField(max_length=10, choices=Stance.choices, blank=True)
    stance_theme = models.ForeignKey(
        "articles.Theme", null=True, blank=True, on_delete=models.SET_NULL, related_name="stances",
        help_text="The theme the stance is on.",
    )
    visibility = models.CharField(max_length=10, choices=Visibility.choices, default=Visibility.PUBLIC)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, help_text="Bumped on every edit, to refuse lost updates.")
    history = HistoricalRecords()

    objects = AnnotationQuerySet.as_manager()

    class Meta:
        ordering = ["article", "start"]
        indexes = [models.Index(fields=["article", "visibility"], name="annotation_article_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="annotation_offsets_ordered"),
            models.CheckConstraint(
                condition=Q(stance="") | Q(stance_theme__isnull=False), name="annotation_stance_needs_theme"
            ),
        ]

    def __str__(self) -> str:
        words = self.exact if len(self.exact) <= 50 else self.exact[:49] + "…"
        return f"Note on “{words}”"

    @classmethod
    def context_for(cls, body: str, start: int, end: int) -> dict:
        """The anchor fields for ``body[start:end]``."""
        return {
            "start": start,
            "end": end,
            "exact": body[start:end],
            "prefix": body[max(0, start - CONTEXT_CHARS) : start],
            "suffix": body[end : end + CONTEXT_CHARS],
        }

    def reanchor(self, body: str) -> bool:
        """Find the annotated words again in a corrected body; flag the note orphaned if they are gone.

        Of all places where the exact words occur, the one whose surroundings best
        match the remembered context wins, nearest the old offset on a tie.
        """
        candidates = []
        position = body.find(self.exact)
        while position != -1 and self.exact:
            before = body[max(0, position - len(self.prefix)) : position]
            after = body[position + len(self.exact) : position + len(self.exact) + len(self.suffix)]
            fit = _common_suffix(before, self.prefix) + _common_prefix(after, self.suffix)
            candidates.append((-fit, abs(position - self.start), position))
            position = body.find(self.exact, position + 1)
        if not candidates:
            self.orphaned = True
            return False
        _, _, position = min(candidates)
        self.start, self.end, self.orphaned = position, position + len(self.exact), False
        self.prefix = body[max(0, position - CONTEXT_CHARS) : position]
        self.suffix = body[self.end : self.end + CONTEXT_CHARS]
        return True


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    return _common_prefix(a[::-1], b[::-1])
