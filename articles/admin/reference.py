"""Admin for reference data and the machine's derived rows (mentions, themes, figures)."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from articles.models import (
    ArticleTheme,
    Country,
    CountryMention,
    Figure,
    Organisation,
    OrganisationMention,
    Passage,
    PersonMention,
    QuoteTheme,
    Source,
    Theme,
)
from articles.summaries import mark_changed


class DerivedRowAdmin(admin.ModelAdmin):
    """The machine's derived rows send no delete signal (they are deleted in bulk, see
    ArticlesConfig.BULK_LINKS), so an editor's delete here says itself that the data changed.

    They are the machine's bookkeeping, edited where they belong (a person's mentions on the
    person, a quote's themes on the quote): out of the admin's index, but still registered, so
    their pages and the autocompletes that search them (a figure's passage) keep working."""

    in_index = False

    def get_model_perms(self, request: HttpRequest) -> dict:
        return super().get_model_perms(request) if self.in_index else {}

    def delete_model(self, request: HttpRequest, obj) -> None:
        super().delete_model(request, obj)
        mark_changed()

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        super().delete_queryset(request, queryset)
        mark_changed()


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country", "homepage"]
    list_select_related = ["country"]
    list_filter = ["kind"]
    search_fields = ["name"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "alpha3"]
    search_fields = ["name", "code", "alpha3"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "country"]
    list_select_related = ["country"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases"]
    autocomplete_fields = ["country"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Passage)
class PassageAdmin(DerivedRowAdmin):
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
            # Queued in this save's transaction: the keywords and their re-tagging commit together.
            job = obj.start_retag(request.user)
            self.message_user(request, format_html(
                "Re-tagging every article with the new keywords is queued; theme pages update as it goes. "
                "<a href=\"{}\">Follow its progress</a>.", reverse("admin:articles_job_change", args=[job.pk]),
            ), messages.INFO)


@admin.register(Figure)
class FigureAdmin(DerivedRowAdmin):
    in_index = True  # figures are what readers compare on /figures/: editors correct them
    list_display = ["about", "value_range", "attributed_to", "article", "group_key"]
    list_select_related = ["article", "article__source"]
    search_fields = ["text", "about", "group_key"]
    autocomplete_fields = ["article", "passage", "attributed_person"]


@admin.register(PersonMention)
class PersonMentionAdmin(DerivedRowAdmin):
    list_display = ["person", "article", "role", "affiliation", "count", "is_quoted"]
    list_select_related = ["person", "article", "article__source"]
    search_fields = ["person__name", "role", "affiliation"]
    autocomplete_fields = ["person", "article", "organisation"]


@admin.register(CountryMention)
class CountryMentionAdmin(DerivedRowAdmin):
    list_display = ["country", "article", "count"]
    list_select_related = ["country", "article", "article__source"]
    autocomplete_fields = ["country", "article"]


@admin.register(OrganisationMention)
class OrganisationMentionAdmin(DerivedRowAdmin):
    list_display = ["organisation", "article", "count"]
    list_select_related = ["organisation", "article", "article__source"]
    autocomplete_fields = ["organisation", "article"]


@admin.register(QuoteTheme)
class QuoteThemeAdmin(DerivedRowAdmin):
    list_display = ["theme", "quote", "score"]
    list_select_related = ["theme", "quote", "quote__speaker"]
    autocomplete_fields = ["theme"]
    raw_id_fields = ["quote"]


@admin.register(ArticleTheme)
class ArticleThemeAdmin(DerivedRowAdmin):
    list_display = ["theme", "article", "score"]
    list_select_related = ["theme", "article", "article__source"]
    autocomplete_fields = ["theme", "article"]
