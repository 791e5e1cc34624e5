"""Old permalinks, read-only: what re-extraction retired and which slugs people were merged or renamed from."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from articles.models import PersonRedirect, RetiredQuote


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by re-extraction, merges and renames only: an edit here would break a citation."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(RetiredQuote)
class RetiredQuoteAdmin(ReadOnlyAdmin):
    list_display = ["old_id", "text", "speaker_text", "article", "successor", "retired_at"]
    list_select_related = ["article", "successor__speaker"]
    search_fields = ["text", "speaker_text"]
    date_hierarchy = "retired_at"


@admin.register(PersonRedirect)
class PersonRedirectAdmin(ReadOnlyAdmin):
    list_display = ["old_slug", "person", "created_at"]
    list_select_related = ["person"]
    search_fields = ["old_slug", "person__name"]
