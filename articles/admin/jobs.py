"""Recorded jobs in the admin: what runs in the background, how far it got, and why it failed."""

from __future__ import annotations

from django.contrib import admin, messages
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html

from articles.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["progress", "status", "reason", "created_by", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    list_select_related = ["created_by"]
    fields = ["progress", "kind", "status", "error", "done", "total", "attempts", "created_by", "created_at",
              "started_at", "updated_at", "finished_at", "task_result", "params"]
    readonly_fields = fields
    actions = ["run_again"]

    @admin.display(description="Job")
    def progress(self, job: Job) -> str:
        return job.progress_text

    @admin.display(description="Why it failed, or what happened on the way")
    def reason(self, job: Job) -> str:
        return job.error

    @admin.display(description="Task result (django-tasks)")
    def task_result(self, job: Job) -> str:
        if job.task_id is None:
            return "-"
        url = reverse("admin:django_tasks_database_dbtaskresult_change", args=[job.task_id])
        return format_html('<a href="{}">{}</a> (for administrators: the traceback of a failure)', url, job.task_id)

    # Whoever can start a job (by editing a theme or re-running extraction) can follow it.
    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        user = request.user
        return user.has_perm("articles.change_theme") or user.has_perm("articles.change_article")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.is_superuser

    @admin.action(description="Run again (failed jobs carry on where they stopped)")
    def run_again(self, request: HttpRequest, queryset) -> None:
        restarted = [job for job in queryset.filter(status=Job.Status.FAILED) if job.run_again()]
        self.message_user(request, f"Queued {len(restarted)} job(s) again.", messages.SUCCESS)
