"""Extraction throughput on one core: the pipeline alone, no database (``manage.py bench --only extraction``)."""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from django.apps import apps
from django.conf import settings

from analysis.cleaning import clean
from analysis.nlp import get_nlp
from analysis.pipeline import extract

# What a newsroom imports: at least this many 1,000-word articles a second on each core.
TARGET_ARTICLES_PER_CORE = 10.0


def corpus_texts() -> list[str]:
    """The demo corpus's raw articles (articles/corpus/)."""
    folder = Path(apps.get_app_config("articles").path) / "corpus"
    return [p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.txt"))]


def measure_extraction(repeat: int, out: Callable[[str], None]) -> list[dict]:
    """The table of single-core extraction rates, printed through ``out`` and returned."""
    affinity = os.sched_getaffinity(0) if hasattr(os, "sched_setaffinity") else None
    if affinity:
        os.sched_setaffinity(0, {sorted(affinity)[0]})  # the target is per core
    try:
        return _measure(repeat, out)
    finally:
        if affinity:
            os.sched_setaffinity(0, affinity)  # pages, gunicorn and wrk get both cores back


def _measure(repeat: int, out: Callable[[str], None]) -> list[dict]:
    get_nlp()  # loaded once per process, as in the app; not part of the timings
    texts = corpus_texts()
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

    out(f"{'extraction':32} {'words':>8} {'seconds':>9} {'words/s':>9} {'1,000-word articles/s':>22}")
    results = []
    for name, words, secs in rows:
        rate = words / secs
        out(f"{name:32} {words:>8,} {secs:>9.3f} {rate:>9,.0f} {rate / 1000:>22.1f}")
        results.append({"name": name, "words": words, "seconds": secs, "words_per_second": rate,
                        "articles_per_second": rate / 1000})
    out(f"target: at least {TARGET_ARTICLES_PER_CORE:.0f} articles of 1,000 words a second on one core")
    return results


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
