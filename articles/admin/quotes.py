"""Quotes in the admin, and the review queue of machine quotes, least confident first."""

from __future__ import annotations

from contextlib import suppress
from copy import copy
from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse

from articles.admin.versioning import HistoryAdmin, VersionedForm
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



class QuoteThemeInline(admin.TabularInline):
    model = QuoteTheme
    autocomplete_fields = ["theme"]
    extra = 0


class QuoteAdminBase(HistoryAdmin):
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

    def save_model(self, request: HttpRequest, obj: Quote, form, change: bool) -> None:
        decision = next((status for button, status in DECISIONS.items() if button in request.POST), None)
        if decision:
            obj.status = decision
        super().save_model(request, obj, form, change)
        if change and obj.status == Quote.Status.MACHINE and set(form.changed_data) - {"status"}:
            # A correction is not a review: the editor says when a quote is verified.
            self.message_user(
                request, "Your correction is saved, but the quote is still unreviewed: a re-extraction replaces "
                "unreviewed quotes, corrections included. Verify it to keep it.", messages.WARNING,
            )


# Buttons of the review form, and the status each one gives the quote.
DECISIONS = {"_verify": Quote.Status.VERIFIED, "_reject": Quote.Status.REJECTED}
QUEUE_ORDER = ("confidence", "article_id", "start")


@admin.register(Quote)
class QuoteAdmin(QuoteAdminBase):
    pass


# django-simple-history marks only the concrete model as having a history; the queue's is Quote's.
QuoteReview._meta.simple_history_manager_attribute = Quote._meta.simple_history_manager_attribute


@admin.register(QuoteReview)
class QuoteReviewAdmin(QuoteAdminBase):
    """Machine quotes, least confident first: verify, reject, fix the words or change the speaker,
    then on to the next one."""

    list_filter = ["kind", "speaker_kind", "article__source"]
    ordering = list(QUEUE_ORDER)

    def get_queryset(self, request: HttpRequest):
        # Quote rows, not the proxy's: a save sends its signals as its class, and django-simple-history
        # records Quote's. The list holds the quotes still to review; a quote just reviewed (or a
        # "Save and continue" after Verify) still opens here.
        quotes = Quote.objects.order_by(*QUEUE_ORDER)
        match = request.resolver_match
        if match is not None and match.url_name == f"{self.opts.app_label}_{self.opts.model_name}_changelist":
            quotes = quotes.filter(status=Quote.Status.MACHINE)
        return quotes

    def history_view(self, request: HttpRequest, object_id: str, extra_context=None) -> HttpResponse:
        if not Quote.objects.filter(pk=unquote(object_id)).exists():
            # Gone with a re-extraction: its history is kept, under Quotes.
            return HttpResponseRedirect(reverse("admin:articles_quote_history", args=[object_id]))
        return super().history_view(request, object_id, extra_context)

    def response_change(self, request: HttpRequest, obj: Quote) -> HttpResponse:
        if not any(button in request.POST for button in (*DECISIONS, "_savenext")):
            return super().response_change(request, obj)
        done = {Quote.Status.VERIFIED: "Verified", Quote.Status.REJECTED: "Rejected"}.get(obj.status, "Saved")
        following = self.next_in_queue(request, obj)
        if following is None:
            left = "No other quote waits" if obj.status == Quote.Status.MACHINE else "The queue is empty"
            self.message_user(request, f"{done} “{obj}”. {left}.", messages.SUCCESS)
            return HttpResponseRedirect(reverse("admin:articles_quotereview_changelist"))
        self.message_user(request, f"{done} “{obj}”. Next in the queue:", messages.SUCCESS)
        url = reverse("admin:articles_quotereview_change", args=[following.pk])
        filters = request.GET.get("_changelist_filters")
        return HttpResponseRedirect(f"{url}?{urlencode({'_changelist_filters': filters})}" if filters else url)

    def next_in_queue(self, request: HttpRequest, after: Quote) -> Quote | None:
        """The next quote to review after ``after``, in the list's filters (kept as the admin keeps
        them, in ``_changelist_filters``); at the end, back to the first still waiting."""
        waiting = Quote.objects.filter(status=Quote.Status.MACHINE)
        listing = copy(request)
        listing.GET = QueryDict(request.GET.get("_changelist_filters", ""))
        with suppress(IncorrectLookupParameters):  # filters from an old link: the whole queue
            waiting = self.get_changelist_instance(listing).get_queryset(listing).filter(status=Quote.Status.MACHINE)
        waiting = waiting.exclude(pk=after.pk).order_by(*QUEUE_ORDER)
        confidence, article_id, start = after.confidence, after.article_id, after.start
        later = waiting.filter(
            Q(confidence__gt=confidence)
            | Q(confidence=confidence, article_id__gt=article_id)
            | Q(confidence=confidence, article_id=article_id, start__gt=start)
        )
        return later.first() or waiting.first()
