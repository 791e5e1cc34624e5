"""Delete reports (large exports made by the worker) past REPORT_KEEP_HOURS: files, rows and jobs.
Every report job does the same before it starts; this is for a cron job on a quiet site."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.models import Report


class Command(BaseCommand):
    help = "Delete expired reports and their files"

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{Report.objects.remove_expired()} expired report(s) removed.")
