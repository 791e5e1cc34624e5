"""Articles in the admin: adding by paste or upload, re-running extraction, annotating in place."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.db import models
from django.db.models import F
from django.forms.utils import ErrorDict
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from articles.admin import annotating
from articles.admin.versioning import HistoryAdmin, VersionedForm
from articles.importing import (
    ImportRefused,
    Status,
    import_incoming,
    incoming_from_bytes,
    incoming_from_text,
    too_big,
)
from articles.models import Article, Job, Passage


class ImportForm(forms.Form):
    text = forms.CharField(
        label="Paste the article", required=False, widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text="Raw text as copied from the page, header lines and all: the cleaner sorts them out. "
        "Optional front matter between --- lines: title, source, authors, date, url.",
    )
    file = forms.FileField(label="…or upload a file", required=False, help_text=".txt, .md or .html, at most 5 MB")

    @classmethod
    def refused(cls, message: str) -> ImportForm:
        """An empty form showing why what was sent could not even be read."""
        form = cls(data={})
        form.cleaned_data, form._errors = {}, ErrorDict()
        form.add_error(None, message)
        return form

    def clean(self) -> dict:
        data = super().clean()
        text, upload = data.get("text", ""), data.get("file")
        if bool(text.strip()) == bool(upload):
            if not self.errors:
                raise forms.ValidationError("Paste the text or upload a file (one of the two).")
            return data
        try:
            if upload:
                if upload.size > settings.IMPORT_MAX_BYTES:
                    raise ImportRefused(too_big(upload.size))
                data["incoming"] = incoming_from_bytes(upload.read(settings.IMPORT_MAX_BYTES + 1), upload.name)
            else:
                data["incoming"] = incoming_from_text(text.replace("\r\n", "\n"), name=PASTED)
        except ImportRefused as refusal:
            raise forms.ValidationError(f"{_display_name(upload.name if upload else PASTED)} {refusal}.") from None
        return data


PASTED = "pasted text"


def _display_name(name: str) -> str:
    return "The pasted text" if name == PASTED else name


CLEANING_REPORT = {"cleaning": "cleaning_report"}
REMOVED_KINDS = {
    "headline": "headline", "standfirst": "standfirst", "byline": "byline", "dateline": "date line",
    "outlet": "outlet name", "front_matter": "front matter", "duplicate_caption": "photo caption printed twice",
    "ui": "page interface word", "blank": "blank line", "control": "control character",
}


class PassageInline(admin.TabularInline):
    # Three fields a passage are posted with the article; DATA_UPLOAD_MAX_NUMBER_FIELDS allows
    # for IMPORT_MAX_PASSAGES of them, so the longest article accepted can be saved here.
    model = Passage
    fields = ["index", "kind", "text"]
    readonly_fields = ["index", "text"]
    extra = 0
    can_delete = False
    show_change_link = False
    classes = ["collapse"]


@admin.register(Article)
class ArticleAdmin(HistoryAdmin):
    form = VersionedForm  # a save over someone else's newer one is refused
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
    revert_keeps = ("body", "cleaning", "checksum", "original_filename", "imported_at", "analysed_at")

    def get_queryset(self, request: HttpRequest):
        # Visible quotes, counted as on every page and export; lists and autocompletes newest first.
        return super().get_queryset(request).with_quote_count().order_by(
            F("published").desc(nulls_last=True), "-imported_at"
        )

    @admin.display(description="Quotes", ordering="quote_count")
    def quote_count(self, article: Article) -> int:
        return article.quote_count

    @admin.display(description="Title", ordering="title")
    def display_title(self, article: Article) -> str:
        return article.display_title

    # The cleaner's record (Article.cleaning) shown as a list an editor reads, in place of its JSON.
    def get_fields(self, request: HttpRequest, obj=None) -> list:
        return [CLEANING_REPORT.get(name, name) for name in super().get_fields(request, obj)]

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> list:
        return [CLEANING_REPORT.get(name, name) for name in super().get_readonly_fields(request, obj)]

    @admin.display(description="Cleaning")
    def cleaning_report(self, article: Article) -> str:
        report = article.cleaning or {}
        removed = format_html_join(
            "", "<li>Line {}: {} removed{}</li>",
            ((r.get("line", "?"), REMOVED_KINDS.get(r.get("kind"), r.get("kind", "text")),
              format_html(": “{}”", r["text"].strip()) if (r.get("text") or "").strip() else "")
             for r in report.get("removed", [])),
        )
        joins = format_html_join(
            "", "<li>Paragraph split by a page break joined again at character {}: “…{}” + “{}…”</li>",
            ((j.get("offset", "?"), Truncator(j.get("before", "")[-60:]).chars(60),
              Truncator(j.get("after", "")).chars(60)) for j in report.get("joins", [])),
        )
        if not removed and not joins:
            return "Nothing removed or joined: the text is as imported."
        return format_html('<ul class="cleaning-report">{}{}</ul>', removed, joins)

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
        if not self.has_view_permission(request):  # 403 before 404, as in annotating.py
            raise PermissionDenied
        article = self.get_object(request, str(article_id))
        if article is None:
            raise Http404("No such article")
        context = {**annotating.text_context(article, request.user), "form": None}
        return TemplateResponse(request, "admin/articles/article/annotate.html#workspace", context)

    @method_decorator(csrf_exempt)  # checked below, once the body is known not to be too large
    def import_view(self, request: HttpRequest, form_url: str = "", extra_context=None) -> HttpResponse:
        if not self.has_add_permission(request):
            return HttpResponseRedirect(reverse("admin:index"))
        if request.method == "POST":
            try:
                request.POST, request.FILES  # noqa: B018 (reads the body, within Django's limits)
            except RequestDataTooBig:
                # Django would answer a bare 400; say what happened instead. Nothing is stored,
                # so this needs no CSRF check.
                size = int(request.META.get("CONTENT_LENGTH") or 0)
                message = f"The pasted text {too_big(size)}. Upload it as a file, or split it."
                return self._import_page(request, ImportForm.refused(message))
        return csrf_protect(self._import_form)(request)

    add_view = import_view

    def _import_form(self, request: HttpRequest) -> HttpResponse:
        form = ImportForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            outcome = import_incoming(form.cleaned_data["incoming"])
            if outcome.status == Status.FAILED:
                form.add_error(None, f"{_display_name(outcome.name)} {outcome.reason}.")
            else:
                verb = "Imported" if outcome.status == Status.CREATED else "Already in the collection:"
                self.message_user(request, f"{verb} “{outcome.article}”.", messages.SUCCESS)
                return HttpResponseRedirect(reverse("admin:articles_article_change", args=[outcome.article.pk]))
        return self._import_page(request, form)

    def _import_page(self, request: HttpRequest, form: ImportForm) -> HttpResponse:
        context = {
            **self.admin_site.each_context(request),
            "title": "Add an article",
            "form": form,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/articles/article/import.html", context)
