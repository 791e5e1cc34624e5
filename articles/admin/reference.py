from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from simple_history.admin import SimpleHistoryAdmin

from articles.importing import ImportRefused, Incoming, Status, import_incoming, incoming_from_bytes
from articles.models import (
    Article,
    ArticleTheme,
    Country,
    CountryMention,
    Figure,
    Organisation,
    OrganisationMention,
    Passage,
    Person,
    PersonMention,
    Quote,
    QuoteTheme,
    Source,
    Theme,
)


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


@admin.register(Article)
class ArticleAdmin(SimpleHistoryAdmin):
    list_display = ["display_title", "source", "published", "quote_count", "imported_at"]
    list_select_related = ["source"]
    list_filter = ["source", "published"]
    search_fields = ["title", "standfirst", "body"]
    date_hierarchy = "imported_at"
    autocomplete_fields = ["source", "authors"]
    readonly_fields = ["body", "checksum", "original_filename", "imported_at", "updated_at", "analysed_at", "cleaning"]
    fields = [
        "title", "standfirst", "source", "authors", "published", "url", "body",
        "original_filename", "checksum", "imported_at", "analysed_at", "cleaning",
    ]
    inlines = [PassageInline]
    actions = ["reanalyse"]

    def get_queryset(self, request: HttpRequest):
        from django.db.models import Count

        return super().get_queryset(request).annotate(quote_total=Count("quotes"))

    @admin.display(description="Quotes", ordering="quote_total")
    def quote_count(self, article: Article) -> int:
        return article.quote_total

    @admin.display(description="Title", ordering="title")
    def display_title(self, article: Article) -> str:
        return article.display_title

    @admin.action(description="Re-run extraction (keeps verified and rejected quotes)")
    def reanalyse(self, request: HttpRequest, queryset) -> None:
        for article in queryset:
            article.analyse()
        self.message_user(request, f"Re-analysed {queryset.count()} article(s).", messages.SUCCESS)

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="articles_article_import"),
            *super().get_urls(),
        ]

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


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "homepage"]
    list_select_related = ["country"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "alpha3"]
    search_fields = ["name", "code", "alpha3"]


class PersonMentionInline(admin.TabularInline):
    model = PersonMention
    fields = ["article", "name_as_printed", "role", "affiliation", "organisation", "is_author", "is_quoted", "count"]
    readonly_fields = ["count"]
    autocomplete_fields = ["article", "organisation"]
    extra = 0


@admin.register(Person)
class PersonAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "country", "alias_list"]
    list_select_related = ["country"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases", "key"]
    autocomplete_fields = ["country", "organisations"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonMentionInline]

    @admin.display(description="Other spellings")
    def alias_list(self, person: Person) -> str:
        return ", ".join(person.aliases)


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_select_related = ["country"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}


class QuoteThemeInline(admin.TabularInline):
    model = QuoteTheme
    autocomplete_fields = ["theme"]
    extra = 0


@admin.register(Quote)
class QuoteAdmin(SimpleHistoryAdmin):
    list_display = ["short_text", "speaker_display", "article", "kind", "confidence", "status"]
    list_select_related = ["speaker", "article", "article__source"]
    list_filter = ["status", "kind", "speaker_kind"]
    search_fields = ["text", "speaker_text", "speaker__name"]
    autocomplete_fields = ["article", "passage", "speaker", "speaker_organisation"]
    readonly_fields = ["version", "created_at", "updated_at"]
    inlines = [QuoteThemeInline]
    ordering = ["status", "confidence"]

    @admin.display(description="Quote")
    def short_text(self, quote: Quote) -> str:
        return quote.text if len(quote.text) < 90 else quote.text[:89] + "…"

    @admin.display(description="Speaker", ordering="speaker__name")
    def speaker_display(self, quote: Quote) -> str:
        return quote.speaker_label


@admin.register(Passage)
class PassageAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind"]
    list_select_related = ["article"]
    list_filter = ["kind"]
    search_fields = ["text", "article__title"]
    autocomplete_fields = ["article"]


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    list_display = ["name", "slug", "keyword_count"]
    search_fields = ["name", "keywords"]
    prepopulated_fields = {"slug": ["name"]}

    @admin.display(description="Keyword phrases")
    def keyword_count(self, theme: Theme) -> int:
        return len(theme.keyword_list)

    def save_model(self, request: HttpRequest, obj: Theme, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if "keywords" in form.changed_data:
            count = obj.retag_articles()
            self.message_user(request, f"Re-tagged {count} article(s) with the new keywords.", messages.INFO)


@admin.register(Figure)
class FigureAdmin(admin.ModelAdmin):
    list_display = ["about", "value_range", "attributed_to", "article", "group_key"]
    list_select_related = ["article", "article__source"]
    search_fields = ["text", "about", "group_key"]
    autocomplete_fields = ["article", "passage", "attributed_person"]


@admin.register(PersonMention)
class PersonMentionAdmin(admin.ModelAdmin):
    list_display = ["person", "article", "role", "affiliation", "count", "is_quoted"]
    list_select_related = ["person", "article", "article__source"]
    search_fields = ["person__name", "role", "affiliation"]
    autocomplete_fields = ["person", "article", "organisation"]


@admin.register(CountryMention)
class CountryMentionAdmin(admin.ModelAdmin):
    list_display = ["country", "article", "count"]
    list_select_related = ["country", "article", "article__source"]
    autocomplete_fields = ["country", "article"]


@admin.register(OrganisationMention)
class OrganisationMentionAdmin(admin.ModelAdmin):
    list_display = ["organisation", "article", "count"]
    list_select_related = ["organisation", "article", "article__source"]
    autocomplete_fields = ["organisation", "article"]


@admin.register(ArticleTheme)
class ArticleThemeAdmin(admin.ModelAdmin):
    list_display = ["theme", "article", "score"]
    list_select_related = ["theme", "article", "article__source"]
    autocomplete_fields = ["theme", "article"]
