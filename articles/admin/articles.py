"""Articles in the admin: adding by paste or upload, re-running extraction, annotating in place."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, F
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.admin import annotating
from articles.admin.versioning import VersionedForm
from articles.importing import ImportRefused, Incoming, Status, import_incoming, incoming_from_bytes
from articles.models import Article, Job, Passage


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Paste the article", required=False, widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text="Raw text as copied from the page, header lines and all: the cleaner sorts them out. "
        "Optional front matter between --- lines: title, source, authors, date, url.",
    )
    file = forms.FileField(label="…or upload a file", required=False, help_text=".txt, .md or .html, at most 5 MB")

    def clean(self) -> dict:
        data = super().clean()
        text, upload = data.get("text", ""), data.get("file")
        if bool(text.strip()) == bool(upload):
            raise forms.ValidationError("Paste the text or upload a file (one of the two).")
        try:
            if upload:
                data["incoming"] = incoming_from_bytes(upload.read(), upload.name)
            else:
                data["incoming"] = Incoming(raw=text.replace("\r\n", "\n"), name="pasted text")
        except ImportRefused as refusal:
            name = upload.name if upload else "The pasted text"
            raise forms.ValidationError(f"{name} {refusal}.") from None
        return data


class PassageInline(admin.TabularInline):
    model = Passage
    fields = ["index", "kind", "text"]
    readonly_fields = ["index", "text"]
    extra = 0
    can_delete = False
    show_change_link = False
    classes = ["collapse"]


class ArticleForm(VersionedForm):
    """Carries the version the editor opened, so a save over someone else's newer one is refused.
    (The admin supplies the model and fields.)"""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Reverting from the history opens an old version of the article: what the editor has
            # in front of them to save over is the current one.
            self.fields["version_seen"].initial = (
                Article.objects.filter(pk=self.instance.pk).values_list("version", flat=True).first()
            )

    def clean(self) -> dict:
        data = super().clean()
        if self.instance.pk and not self.has_error("__all__", "conflict"):
            self.instance.version = data["version_seen"]  # the current version (checked): save bumps it
        return data


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    form = ArticleForm
    list_display = ["display_title", "source", "published", "quote_count", "imported_at"]
    list_select_related = ["source"]
    list_filter = ["source", "published"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "imported_at"
    autocomplete_fields = ["source", "authors"]
    readonly_fields = ["body", "checksum", "original_filename", "imported_at", "updated_at", "analysed_at", "cleaning"]
    fields = [
        "title", "standfirst", "source", "authors", "published", "url", "body",
        "original_filename", "checksum", "imported_at", "analysed_at", "cleaning", "version_seen",
    ]
    inlines = [PassageInline]
    actions = ["reanalyse"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_queryset(self, request: HttpRequest):
        # An aggregate drops Meta.ordering; keep lists and autocompletes in a stable order.
        return super().get_queryset(request).annotate(quote_total=Count("quotes")).order_by(
            F("published").desc(nulls_last=True), "-imported_at"
        )

    @admin.display(description="Quotes", ordering="quote_total")
    def quote_count(self, article: Article) -> int:
        return article.quote_total

    @admin.display(description="Title", ordering="title")
    def display_title(self, article: Article) -> str:
        return article.display_title

    @admin.action(description="Re-run extraction (keeps verified and rejected quotes)", permissions=["change"])
    def reanalyse(self, request: HttpRequest, queryset) -> None:
        # A recorded job (articles/models/jobs.py): thousands of articles would outlast the request.
        ids = sorted(queryset.order_by().values_list("pk", flat=True))
        title = "Re-running extraction on " + (f"‘{queryset.get().display_title}’" if len(ids) == 1 else f"{len(ids):,} articles")
        job = Job.objects.start(Job.Kind.REANALYSE, title, params={"article_ids": ids}, user=request.user)
        self.message_user(request, format_html(
            "{} is queued. <a href=\"{}\">Follow its progress</a>.", title, reverse("admin:articles_job_change", args=[job.pk])
        ), messages.SUCCESS)

    def change_view(self, request: HttpRequest, object_id: str, form_url: str = "", extra_context=None):
        article = self.get_object(request, object_id)
        if article is not None:
            extra_context = {**(extra_context or {}), **annotating.text_context(article, request.user)}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("import/", view(self.import_view), name="articles_article_import"),
            path("<int:article_id>/annotations/", view(self.annotation_list), name="articles_annotation_list"),
            path("<int:article_id>/annotations/new/", view(annotating.annotation_new), name="articles_annotation_new"),
            path("<int:article_id>/annotations/<int:annotation_id>/", view(annotating.annotation_edit),
                 name="articles_annotation_edit"),
            path("<int:article_id>/annotations/<int:annotation_id>/delete/", view(annotating.annotation_delete),
                 name="articles_annotation_delete"),
            *super().get_urls(),
        ]

    def annotation_list(self, request: HttpRequest, article_id: int) -> HttpResponse:
        article = self.get_object(request, str(article_id))
        if article is None or not self.has_view_permission(request, article):
            return HttpResponseRedirect(reverse("admin:index"))
        context = {**annotating.text_context(article, request.user), "form": None}
        return TemplateResponse(request, "admin/articles/article/annotate.html#workspace", context)

    def add_view(self, request: HttpRequest, form_url: str = "", extra_context=None) -> HttpResponse:
        return self.import_view(request)

    def import_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            outcome = import_incoming(form.cleaned_data["incoming"])
            if outcome.status == Status.FAILED:
                form.add_error(None, f"{outcome.name} {outcome.reason}.")
            else:
                verb = "Imported" if outcome.status == Status.CREATED else "Already in the collection:"
                self.message_user(request, f"{verb} “{outcome.article}”.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[outcome.article.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": "Add an article",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)
