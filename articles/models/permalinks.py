"""Permalinks that outlive the rows behind them: retired quotes and people's old slugs.

A citation made today must still lead somewhere after a re-extraction or a merge. A quote
that re-extraction replaced points at its successor (answered with a 301), one that
disappeared keeps what it was and where (answered with a 410); a person's old slug, from a
merge or a rename, points at the person now holding those quotes.
"""

from __future__ import annotations

from django.db import models
from django.db.models import F, Q
from django.db.models.signals import pre_save
from django.dispatch import receiver


class RetiredQuoteQuerySet(models.QuerySet):
    def retire(self, quote, successor=None) -> RetiredQuote:
        """Record ``quote`` (about to be deleted) as replaced by ``successor``, or gone when None.

        Chains collapse here, before the row goes: whatever pointed at ``quote`` now points
        at its successor, so a permalink is one redirect away from a live page, never a hop per
        re-extraction. (Deleting a successor any other way nulls the link: the older quote then
        answers as gone, with its own words.)
        """
        self.filter(successor=quote).update(successor=successor)
        speaker = quote.speaker_text or (quote.speaker.name if quote.speaker_id else "")
        return self.create(
            old_id=quote.pk, successor=successor, article_id=quote.article_id, text=quote.text,
            speaker_text=speaker[:300], kind=quote.kind, start=quote.start, end=quote.end,
        )


class RetiredQuote(models.Model):
    """A quote id that re-extraction replaced (``successor`` set) or that disappeared (no successor)."""

    old_id = models.PositiveBigIntegerField(help_text="The id in the quote's old permalink, /quotes/<id>/.")
    successor = models.ForeignKey(
        "articles.Quote", null=True, blank=True, on_delete=models.SET_NULL, related_name="predecessors",
        help_text="The quote now over these words; none when they are no longer quoted.",
    )
    article = models.ForeignKey("articles.Article", on_delete=models.CASCADE, related_name="retired_quotes")
    text = models.TextField(help_text="The words as they were quoted.")
    speaker_text = models.CharField("speaker as printed", max_length=300, blank=True)
    kind = models.CharField(max_length=10, blank=True)
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    retired_at = models.DateTimeField(auto_now_add=True)

    objects = RetiredQuoteQuerySet.as_manager()

    class Meta:
        ordering = ["-retired_at", "-old_id"]
        verbose_name = "retired quote permalink"
        constraints = [
            models.UniqueConstraint(fields=["old_id"], name="retired_quote_old_id_once"),
            models.CheckConstraint(
                condition=Q(successor__isnull=True) | ~Q(successor=F("old_id")), name="retired_quote_not_own_successor"
            ),
        ]

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 50 else self.text[:49] + "…"
        fate = f"→ quote {self.successor_id}" if self.successor_id else "gone"
        return f"quote {self.old_id} “{text}” {fate}"


class PersonRedirectQuerySet(models.QuerySet):
    def point(self, old_slug: str, person, *, previous=None) -> None:
        """Send ``old_slug`` to ``person``, and the slugs that led to ``previous`` with it (chains collapse)."""
        if previous is not None and previous.pk != person.pk:
            self.filter(person=previous).update(person=person)
        if old_slug and old_slug != person.slug:
            self.update_or_create(old_slug=old_slug, defaults={"person": person})


class PersonRedirect(models.Model):
    """A slug a person page was once at: a person merged into another, or renamed."""

    old_slug = models.SlugField(max_length=100)
    person = models.ForeignKey("articles.Person", on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PersonRedirectQuerySet.as_manager()

    class Meta:
        ordering = ["old_slug"]
        verbose_name = "old person slug"
        constraints = [models.UniqueConstraint(fields=["old_slug"], name="person_redirect_old_slug_once")]

    def __str__(self) -> str:
        return f"/people/{self.old_slug}/ → {self.person}"


@receiver(pre_save, sender="articles.Person", dispatch_uid="person_old_slug")
def _remember_old_slug(sender, instance, raw: bool = False, update_fields=None, **kwargs) -> None:
    """A renamed person keeps their old address: the slug they had is redirected to them."""
    if raw or instance.pk is None or not instance.slug or (update_fields is not None and "slug" not in update_fields):
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        PersonRedirect.objects.point(old, instance)
        # A slug taken again by a live page is no longer an old address of someone else.
        PersonRedirect.objects.filter(old_slug=instance.slug).delete()
