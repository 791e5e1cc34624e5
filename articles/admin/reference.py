"""Admin for reference data and the machine's derived rows (mentions, themes, figures)."""

from __future__ import annotations

import logging
import threading

from django.contrib import admin, messages
from django.db import close_old_connections, models, transaction
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from articles.models import (
    Article,
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

logger = logging.getLogger(__name__)


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

# Beyond this many articles, re-tagging would keep the editor waiting: it runs in a thread.
RETAG_WHILE_YOU_WAIT = 2000


def retag_in_background(theme_id: int) -> threading.Thread:
    def run() -> None:
        try:
            Theme.objects.get(pk=theme_id).retag_articles()
        except Exception:
            logger.exception("re-tagging theme %s failed", theme_id)
        finally:
            close_old_connections()

    thread = threading.Thread(target=run, name=f"retag-theme-{theme_id}", daemon=True)
    thread.start()
    return thread


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
            if Article.objects.count() <= RETAG_WHILE_YOU_WAIT:
                count = obj.retag_articles()
                self.message_user(request, f"Re-tagged {count} article(s) with the new keywords.", messages.INFO)
            else:
                transaction.on_commit(lambda: retag_in_background(obj.pk))
                self.message_user(
                    request, "Re-tagging every article with the new keywords in the background; "
                    "theme pages update when it is done (a few minutes for a large collection).", messages.INFO,
                )


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
