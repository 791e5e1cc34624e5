"""Annotations in the admin's lists (their history, revert, and a form that works without JavaScript)."""

from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from articles.admin.versioning import HistoryAdmin, VersionedForm
from articles.models import Annotation


class AnnotationAdminForm(VersionedForm):
    class Meta:
        model = Annotation
        fields = ["article", "exact", "note", "themes", "stance", "stance_theme", "countries", "people", "visibility"]

    def clean(self) -> dict:
        data = super().clean()
        article, exact = data.get("article"), (data.get("exact") or "").strip()
        if article and exact:
            if self.instance.pk and exact == self.instance.exact and self.instance.article_id == article.pk:
                return data
            at = article.body.find(exact)
            if at == -1:
                self.add_error("exact", "These words are not in the article; copy them exactly as printed.")
            else:
                data["anchor"] = Annotation.context_for(article.body, at, at + len(exact))
        return data

    def save(self, commit: bool = True) -> Annotation:
        for field, value in self.cleaned_data.get("anchor", {}).items():
            setattr(self.instance, field, value)
        return super().save(commit=commit)


@admin.register(Annotation)
class AnnotationAdmin(HistoryAdmin):
    form = AnnotationAdminForm
    list_display = ["__str__", "article", "visibility", "stance", "orphaned", "created_by", "updated_at"]
    list_select_related = ["article", "article__source", "created_by"]
    list_filter = ["visibility", "orphaned", "stance"]
    search_fields = ["exact", "note"]
    autocomplete_fields = ["article", "themes", "stance_theme", "countries", "people"]
    readonly_fields = ["start", "end", "prefix", "suffix", "orphaned", "created_by", "version"]
    fields = [
        "article", "exact", "note", "themes", "stance", "stance_theme", "countries", "people", "visibility",
        "start", "end", "prefix", "suffix", "orphaned", "created_by", "version", "version_seen",
    ]

    def save_model(self, request: HttpRequest, obj: Annotation, form, change: bool) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
