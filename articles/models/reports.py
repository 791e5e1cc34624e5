"""Large exports made by the job worker instead of inside the reader's request (articles/report_jobs.py).

A report is one export request (page path, query, format) made once per *data generation*: identical
requests share it, and its file, until the archive changes or the file expires. Its progress and
outcome are its :class:`~articles.models.jobs.Job`'s; its file lives in the ``reports`` storage
under a name of its own, and is only ever served through the report's unguessable token.
"""

from __future__ import annotations

import logging
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone

from articles.models.jobs import Job

logger = logging.getLogger(__name__)


def storage():
    """Looked up on each use, not bound at import: settings (and tests) choose where files go."""
    return storages["reports"]


def keep_for() -> timedelta:
    return timedelta(hours=settings.REPORT_KEEP_HOURS)


class ReportQuerySet(models.QuerySet):
    def live(self) -> ReportQuerySet:
        return self.filter(expires_at__gt=timezone.now())

    def shareable(self) -> ReportQuerySet:
        """Live reports a new identical request may join: made, or on the way (not failed)."""
        return self.live().exclude(job__status__in=[Job.Status.FAILED, Job.Status.CANCELLED])

    def unfinished(self) -> ReportQuerySet:
        return self.filter(job__status__in=[Job.Status.QUEUED, Job.Status.RUNNING])

    def remove_expired(self) -> int:
        """Delete expired reports: their files, rows and jobs. Safe to run anywhere, any time."""
        removed = 0
        for report in self.filter(expires_at__lte=timezone.now()).select_related("job"):
            report.remove_file()
            # The job goes with it (its report row cascades): nothing else reads a finished report's job.
            report.job.delete()
            removed += 1
        return removed


class Report(models.Model):
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False,
                             help_text="The report's address: unguessable, so a file is only had by who asked.")
    key = models.CharField(max_length=64, help_text="Digest of the origin, path, query, format and data generation.")
    origin = models.CharField(max_length=300, help_text="scheme://host the reader asked on (the file's permalinks).")
    path = models.CharField(max_length=2000)
    query = models.TextField(blank=True, help_text="The page's query string, with format, without page.")
    format = models.CharField(max_length=8)
    title = models.CharField(max_length=700, help_text="What it holds, in words: PDF of Person: Markus Garlauskas.")
    filters = models.CharField(max_length=1000, blank=True)
    items = models.PositiveIntegerField(default=0, help_text="Items counted when it was asked for.")
    client = models.CharField(max_length=64, help_text="The address (or IPv6 /64) that asked: limits per client.")
    job = models.OneToOneField(Job, on_delete=models.CASCADE, related_name="report")
    stored = models.CharField(max_length=300, blank=True, help_text="The file's name in the reports storage.")
    filename = models.CharField(max_length=300, blank=True, help_text="The name the reader downloads it under.")
    content_type = models.CharField(max_length=100, blank=True)
    size = models.BigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()

    objects = ReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["key"], name="report_key_idx"),
                   models.Index(fields=["client"], name="report_client_idx"),
                   models.Index(fields=["expires_at"], name="report_expires_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("report_detail", args=[self.token])

    def get_download_url(self) -> str:
        return reverse("report_download", args=[self.token])

    @property
    def page_url(self) -> str:
        """The page the report was made from, with its filters."""
        query = "&".join(part for part in self.query.split("&") if part and not part.startswith("format="))
        return self.path + (f"?{query}" if query else "")

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def ready(self) -> bool:
        return bool(self.stored) and self.job.status == Job.Status.SUCCEEDED and not self.expired

    def store(self, content, *, filename: str, content_type: str) -> None:
        """Keep ``content`` (a File) as this report's file, replacing an earlier run's; kept from now."""
        self.remove_file()
        name = storage().save(f"{self.token}.{self.format}", content)
        size = storage().size(name)
        self.stored, self.filename, self.content_type, self.size = name, filename, content_type, size
        self.expires_at = timezone.now() + keep_for()
        Report.objects.filter(pk=self.pk).update(stored=name, filename=filename, content_type=content_type,
                                                 size=size, expires_at=self.expires_at)

    def remove_file(self) -> None:
        if not self.stored:
            return
        try:
            storage().delete(self.stored)
        except OSError:  # already gone (another cleaner, a wiped folder): nothing to keep
            logger.warning("report %s: could not delete %s", self.pk, self.stored)
        self.stored = ""
        Report.objects.filter(pk=self.pk).update(stored="")
