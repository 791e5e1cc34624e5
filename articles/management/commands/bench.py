from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from analysis.cleaning import clean
from analysis.nlp import get_nlp
from analysis.pipeline import extract

CORPUS_DIR = Path(__file__).resolve().parents[2] / "corpus"


SECTIONS = ("extraction", "pages", "exports", "load", "hostile")


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

    def handle(self, *args, repeat: int, only: str, **options) -> None:
        sections = {s.strip() for s in only.split(",") if s.strip()}
        if unknown := sections - set(SECTIONS):
            raise CommandError(f"unknown sections: {', '.join(sorted(unknown))}")
        if "extraction" in sections:
            self.extraction(repeat)
        if sections & {"pages", "exports", "load", "hostile"}:
            from articles.benchmarking_run import run_database_sections

            run_database_sections(self, sections, **options)

    def extraction(self, repeat: int) -> None:
        affinity = os.sched_getaffinity(0) if hasattr(os, "sched_setaffinity") else None
        if affinity:
            os.sched_setaffinity(0, {sorted(affinity)[0]})  # the target is per core
        try:
            self._extraction(repeat)
        finally:
            if affinity:
                os.sched_setaffinity(0, affinity)  # pages, gunicorn and wrk get both cores back

    def _extraction(self, repeat: int) -> None:
        get_nlp()  # loaded once per process, as in the app; not part of the timings
        texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS_DIR.glob("*.txt"))]
        corpus_docs = [clean(t) for t in texts]
        for doc in corpus_docs:  # warm caches (compiled patterns, gazetteers)
            extract(doc)

        rows = []
        corpus_words = sum(len(d.body.split()) for d in corpus_docs)
        seconds = _median(lambda: [extract(clean(t)) for t in texts], repeat)
        rows.append(("corpus (2 articles)", corpus_words, seconds))

        big = _long_text(texts, 50_000)
        big_doc = clean(big)
        big_words = len(big_doc.body.split())
        seconds = _median(lambda: extract(clean(big)), max(1, repeat // 2))
        rows.append((f"long text ({big_words:,} words)", big_words, seconds))

        # Pathological input (issue 11): a 5 MB file of one repeated quotation is refused after
        # cleaning, before extraction; the most quotes an article may have, in one passage, extract.
        flood = "“We will hold the line,” he said. " * (5 * 1024 * 1024 // 38)
        seconds = _median(lambda: _refused(flood), max(1, repeat // 2))
        rows.append(("5 MB repetitive file (refused)", len(flood.split()), seconds))
        capped = "“We will hold the line,” he said. " * settings.IMPORT_MAX_QUOTES
        seconds = _median(lambda: extract(clean(capped)), max(1, repeat // 2))
        rows.append((f"{settings.IMPORT_MAX_QUOTES:,} quotes in one passage", len(capped.split()), seconds))

        self.stdout.write(f"{'extraction':32} {'words':>8} {'seconds':>9} {'words/s':>9} {'1,000-word articles/s':>22}")
        results = []
        for name, words, secs in rows:
            rate = words / secs
            self.stdout.write(f"{name:32} {words:>8,} {secs:>9.3f} {rate:>9,.0f} {rate / 1000:>22.1f}")
            results.append({"name": name, "words": words, "seconds": secs, "words_per_second": rate,
                            "articles_per_second": rate / 1000})
        self.stdout.write("target: at least 10 articles of 1,000 words a second on one core")
        self.stdout.write(f"written to {save_results('extraction', results)}")


def save_results(section: str, value) -> Path:
    """Add or replace one section of var/bench/results.json, keeping the others."""
    out = settings.VAR_DIR / "bench" / "results.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    existing = json.loads(out.read_text()) if out.exists() else {}
    existing[section] = value
    out.write_text(json.dumps(existing, indent=2, default=str))
    return out


def _refused(text: str) -> None:
    from analysis.pipeline import TooLarge, check_size

    try:
        check_size(clean(text), max_passages=settings.IMPORT_MAX_PASSAGES,
                   max_passage_chars=settings.IMPORT_MAX_PASSAGE_CHARS, max_quotes=settings.IMPORT_MAX_QUOTES)
    except TooLarge:
        return
    raise AssertionError("the repetitive file was not refused")


def _median(run, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _long_text(texts: list[str], words: int) -> str:
    """A long article made of the corpus paragraphs, repeated until it has ``words`` words."""
    paragraphs = [p for t in texts for p in clean(t).body.split("\n\n")]
    out, count, i = [], 0, 0
    while count < words:
        para = paragraphs[i % len(paragraphs)]
        out.append(para)
        count += len(para.split())
        i += 1
    return "\n\n".join(out)
