"""Fill an empty database with the synthetic benchmark corpus (bench/synthetic.py)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from bench.synthetic import CorpusExists, generate_corpus


class Command(BaseCommand):
    help = (
        "Fill an EMPTY database with a synthetic corpus (about 10 quotes an article, invented people, "
        "'Synthetic …' outlets) by COPY. Use a database of its own: DATABASE_NAME=commentariat_bench."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--people", type=int, default=5000)
        parser.add_argument("--sources", type=int, default=200)
        parser.add_argument("--database", default="default", help="database alias")

    def handle(self, *args, articles: int, seed: int, people: int, sources: int, database: str, **options) -> None:
        if articles < 1:
            raise CommandError("--articles must be at least 1")
        started = time.perf_counter()

        def progress(done: int, total: int) -> None:
            if done == total or done % 10_000 == 0:
                rate = done / (time.perf_counter() - started)
                self.stderr.write(f"  {done:,}/{total:,} articles ({rate:,.0f}/s)")

        try:
            counts = generate_corpus(articles, seed, people=people, sources=sources, using=database,
                                     progress=progress)
        except CorpusExists as error:
            raise CommandError(f"refused: {error}") from error
        for table, count in counts.items():
            self.stdout.write(f"{table:28} {count:>12,}")
        self.stdout.write(f"generated in {time.perf_counter() - started:.0f} s")
