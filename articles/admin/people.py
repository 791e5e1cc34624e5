"""People in the admin, with merging of duplicates."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from articles.admin.versioning import HistoryAdmin
from articles.models import Person, PersonMention


class PersonMentionInline(admin.TabularInline):
    model = PersonMention
    fields = ["article", "name_as_printed", "role", "affiliation", "organisation", "is_author", "is_quoted", "count"]
    readonly_fields = ["count"]
    autocomplete_fields = ["article", "organisation"]
    extra = 0


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "kind", "country", "alias_list", "visible_quotes"]
    list_select_related = ["country"]
    list_filter = ["kind"]
    search_fields = ["name", "aliases", "key"]
    autocomplete_fields = ["country", "organisations"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PersonMentionInline]
    actions = ["merge_people"]

    @admin.display(description="Other spellings")
    def alias_list(self, person: Person) -> str:
        return ", ".join(person.aliases)

    # The person's own count (visible quotes, kept by triggers), as on every page and export:
    # a quote an editor rejected is not counted here either.
    @admin.display(description="Quotes", ordering="quote_total")
    def visible_quotes(self, person: Person) -> int:
        return person.quote_total

    @admin.action(description="Merge selected people into one", permissions=["change"])
    def merge_people(self, request: HttpRequest, queryset) -> HttpResponse | None:
        people = list(queryset.with_quote_counts().order_by("-quote_count", "name"))
        if len(people) < 2:
            self.message_user(request, "Choose at least two people to merge.", messages.WARNING)
            return None
        keep_id = request.POST.get("keep")
        if "confirm" in request.POST and keep_id:
            keep = next((p for p in people if str(p.pk) == keep_id), None)
            if keep is None:
                self.message_user(request, "Choose which person to keep.", messages.ERROR)
                return None
            others = [p for p in people if p.pk != keep.pk]
            names = ", ".join(p.name for p in others)
            keep.merge(others)
            self.message_user(request, f"Merged {names} into {keep.name}; their spellings are kept as aliases.",
                              messages.SUCCESS)
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge people",
            "people": people,
            "opts": self.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/person/merge.html", context)
