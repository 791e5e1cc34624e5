"""Queue again (or fail) the jobs whose worker died; every db_worker also does this by itself."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from articles.models import Job


class Command(BaseCommand):
    help = "Resume jobs left RUNNING by a worker that died (or fail them after three deaths)"

    def handle(self, *args, **options) -> None:
        recovered = Job.objects.recover_interrupted()
        for job in recovered:
            self.stdout.write(f"Job {job.pk} ({job.title}): {job.get_status_display().lower()}. {job.error}")
        self.stdout.write(f"{len(recovered)} job(s) recovered.")
