from __future__ import annotations

import sys

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.importing import Outcome, Status, expand_paths, import_paths


class Command(BaseCommand):
    help = "Import article files (.txt, .md, .html) and folders of them; each article in its own transaction."

    def add_arguments(self, parser) -> None:
        parser.add_argument("paths", nargs="+", help="files or folders")
        parser.add_argument("--no-analysis", action="store_true", help="store and clean only; analyse later")
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, paths: list[str], no_analysis: bool, no_progress: bool, **options) -> None:
        if not expand_paths(paths):
            raise CommandError("no article files found in " + ", ".join(paths))
        show_bar = not no_progress and options["verbosity"] > 0

        def progress(files):
            return tqdm(files, desc="Importing", unit="file", file=sys.stderr, disable=not show_bar or len(files) < 2)

        def report(outcome: Outcome) -> None:
            # As each file finishes, above the progress bar, so a long batch shows what happened so far.
            failed = outcome.status == Status.FAILED
            style = self.style.ERROR if failed else self.style.SUCCESS
            with tqdm.external_write_mode(file=sys.stderr):
                (self.stderr if failed else self.stdout).write(style(str(outcome)))
                (self.stderr if failed else self.stdout).flush()

        outcomes = import_paths(paths, analyse=not no_analysis, progress=progress, on_outcome=report)
        counts = {status: sum(o.status == status for o in outcomes) for status in Status}
        summary = ", ".join(f"{n} {status.value}" for status, n in counts.items())
        if counts[Status.FAILED]:
            raise CommandError(f"{counts[Status.FAILED]} of {len(outcomes)} files failed ({summary})")
        self.stdout.write(summary)
