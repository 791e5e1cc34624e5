"""``manage.py bench``: the sections live in bench/; this only reads the options and runs them."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from bench.extraction import measure_extraction
from bench.results import Results
from bench.targets import summary

SECTIONS = ("extraction", "import", "pages", "release", "exports", "load", "hostile")


class Command(BaseCommand):
    help = (
        "Measure extraction throughput, then pages, exports and gunicorn under load on a synthetic "
        "100,000-article database of its own (commentariat_bench); print tables and write var/bench/results.json."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--repeat", type=int, default=5, help="timed runs per measurement (median kept)")
        parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {SECTIONS}")
        parser.add_argument("--articles", type=int, default=100_000, help="size of the benchmark corpus")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--database-name", default="commentariat_bench",
                            help="the benchmark database on the embedded server (never the app's own)")
        parser.add_argument("--rebuild", action="store_true", help="drop the benchmark database and generate it again")
        parser.add_argument("--runs", type=int, default=30, help="timed requests per page (fewer for slow pages)")
        parser.add_argument("--load-seconds", type=int, default=30)
        parser.add_argument("--import-articles", type=int, default=30,
                            help="articles each importer process imports in the batch-import section")

    def handle(self, *args, repeat: int, only: str, **options) -> None:
        sections = {s.strip() for s in only.split(",") if s.strip()}
        if unknown := sections - set(SECTIONS):
            raise CommandError(f"unknown sections: {', '.join(sorted(unknown))}")
        results = Results()
        if "extraction" in sections:
            results.save("extraction", measure_extraction(repeat, self.stdout.write))
        if sections - {"extraction"}:
            from bench.run import run_database_sections

            run_database_sections(self, sections, results, **options)
        self.stdout.write("\nsummary: the targets of issue 15 this run measured")
        for line in summary(results.measured):
            self.stdout.write(line)
        self.stdout.write(f"written to {results.path}")
