"""Quotes in the admin, and the review queue of machine quotes, least confident first."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from articles.admin.versioning import VersionedForm
from articles.models import Quote, QuoteReview, QuoteTheme


class QuoteForm(VersionedForm):
    class Meta:
        model = Quote
        fields = ["text", "speaker", "speaker_organisation", "speaker_kind", "speaker_text", "cue", "kind", "status"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4, "cols": 90})}
        help_texts = {
            "text": "Fix the span by editing the words: they must appear in the article as printed.",
            "speaker": "Pick the person who said it, or add a new one with +.",
        }

    def clean(self) -> dict:
        data = super().clean()
        text = (data.get("text") or "").strip()
        if self.instance.pk and text and text != self.instance.text and not self.instance.locate(text):
            self.add_error("text", "These words are not in the article. Copy them exactly as printed.")
        if data.get("speaker") and data.get("speaker_kind") in (Quote.SpeakerKind.NONE, ""):
            data["speaker_kind"] = Quote.SpeakerKind.PERSON
        return data

    def save(self, commit: bool = True):
        quote = self.instance
        if quote.pk and quote.status == Quote.Status.MACHINE and self.has_changed():
            # An editor's correction is a review: it must survive the next extraction.
            quote.status = Quote.Status.VERIFIED
        return super().save(commit=commit)


class QuoteThemeInline(admin.TabularInline):
    model = QuoteTheme
    autocomplete_fields = ["theme"]
    extra = 0


class QuoteAdminBase(SimpleHistoryAdmin):
    form = QuoteForm
    list_display = ["short_text", "speaker_display", "article", "kind", "confidence", "status"]
    list_select_related = ["speaker", "article", "article__source"]
    list_filter = ["status", "kind", "speaker_kind"]
    search_fields = ["text", "speaker_text", "speaker__name"]
    autocomplete_fields = ["speaker", "speaker_organisation"]
    readonly_fields = ["article_link", "context", "confidence", "version", "updated_at"]
    fields = [
        "article_link", "context", "text", "speaker", "speaker_organisation", "speaker_kind", "speaker_text",
        "cue", "kind", "status", "confidence", "version", "updated_at", "version_seen",
    ]
    inlines = [QuoteThemeInline]
    actions = ["verify", "reject"]

    @admin.display(description="Quote")
    def short_text(self, quote: Quote) -> str:
        return quote.text if len(quote.text) < 90 else quote.text[:89] + "…"

    @admin.display(description="Speaker", ordering="speaker__name")
    def speaker_display(self, quote: Quote) -> str:
        return quote.speaker_label

    @admin.display(description="Article")
    def article_link(self, quote: Quote) -> str:
        return str(quote.article) if quote.pk else "—"

    @admin.display(description="In its passage")
    def context(self, quote: Quote) -> str:
        return quote.passage.text if quote.pk else "—"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # quotes come from articles; editors fix them rather than type them in

    @admin.action(description="Verify selected quotes", permissions=["change"])
    def verify(self, request: HttpRequest, queryset) -> None:
        self._set_status(request, queryset, Quote.Status.VERIFIED)

    @admin.action(description="Reject selected quotes", permissions=["change"])
    def reject(self, request: HttpRequest, queryset) -> None:
        self._set_status(request, queryset, Quote.Status.REJECTED)

    def _set_status(self, request: HttpRequest, queryset, status: str) -> None:
        count = 0
        for quote in queryset:
            quote.status, quote.version = status, quote.version + 1
            quote.save(update_fields=["status", "version", "updated_at"])  # one by one, for the history
            count += 1
        self.message_user(request, f"{count} quote(s) marked {Quote.Status(status).label.lower()}.", messages.SUCCESS)


@admin.register(Quote)
class QuoteAdmin(QuoteAdminBase):
    pass


@admin.register(QuoteReview)
class QuoteReviewAdmin(QuoteAdminBase):
    """Machine quotes, least confident first: verify, reject, fix the words or change the speaker."""

    list_filter = ["kind", "speaker_kind", "article__source"]
    ordering = ["confidence", "article_id", "start"]

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).filter(status=Quote.Status.MACHINE)
