"""Batch import throughput with every core, through the importer's real path.

One process per core runs ``articles.importing.import_paths`` (read, clean, check, store, extract,
save, one transaction per article) on its own folder of articles, all at once, into a scratch
database made for the run and dropped after it, so the benchmark corpus is never touched. The
articles are the demo corpus's, each copy made distinct by its front matter (the importer skips
a text it already has). Before the clock starts, one copy of each is imported alone, so the
outlets, organisations and people exist, as in a running archive, and every process loads the
language model and connects, as a long-running importer would have.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from django.conf import settings

from bench.extraction import corpus_texts
from bench.load import BASE_DIR, PYTHON, server_env


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def write_articles(folder: Path, count: int, first: int) -> int:
    """``count`` distinct copies of the corpus articles in ``folder``; returns their words."""
    texts = corpus_texts()
    folder.mkdir(parents=True, exist_ok=True)
    words = 0
    for n in range(first, first + count):
        text = texts[n % len(texts)]
        words += len(text.split())
        # A title of its own: concurrent importers of one title race for its slug.
        front = f"---\ntitle: Import benchmark copy {n}\nurl: https://bench-import-{n}.invalid/\n---\n"
        (folder / f"article-{n:05}.txt").write_text(front + text, encoding="utf-8")
    return words


def measure_import(database_name: str, per_process: int, out: Callable[[str], None]) -> dict:
    """Articles a second through ``import_paths`` with one process per core, into a scratch database."""
    from bench.run import drop_database

    if settings.DATABASE_URL:
        return {"skipped": "needs the embedded server, to make a scratch database beside the benchmark's"}
    scratch = f"{database_name}_import"
    processes = cores()
    drop_database(scratch)  # and made again, empty
    env = server_env(scratch)
    try:
        subprocess.run([PYTHON, "manage.py", "migrate", "--verbosity", "0"], cwd=BASE_DIR, env=env, check=True,
                       timeout=600)
        with tempfile.TemporaryDirectory() as tmp:
            write_articles(Path(tmp) / "first", len(corpus_texts()), 0)
            subprocess.run([PYTHON, "manage.py", "import_articles", "--no-progress", "--verbosity", "0",
                            str(Path(tmp) / "first")], cwd=BASE_DIR, env=env, check=True, timeout=600)
            folders = [Path(tmp) / str(k) for k in range(processes)]
            first = len(corpus_texts())
            words = sum(write_articles(folder, per_process, first + k * per_process) for k, folder in enumerate(folders))
            result = _run_importers(folders, env)
    finally:
        drop_database(scratch, create=False)
    if "error" in result:
        out(f"\nbatch import: not measured: {result['error']}")
        return result
    total, seconds = result["created"], result["seconds"]
    result.update(processes=processes, articles=processes * per_process, words=words,
                  articles_per_second=total / seconds, articles_per_second_per_core=total / seconds / processes,
                  words_per_second=words / seconds)
    out(f"\n{'batch import (import_paths)':32} {'processes':>9} {'articles':>9} {'seconds':>8} {'articles/s':>11} "
        f"{'per core':>9} {'words/s':>9}")
    out(f"{'corpus copies, every core':32} {processes:>9} {total:>9,} {seconds:>8.2f} "
        f"{result['articles_per_second']:>11.1f} {result['articles_per_second_per_core']:>9.1f} "
        f"{result['words_per_second']:>9,.0f}")
    if result["failed"]:
        out(f"  {result['failed']} articles failed: {result['reasons'][:3]}")
    return result


def _run_importers(folders: list[Path], env: dict[str, str]) -> dict:
    children = [
        subprocess.Popen([PYTHON, "-m", "bench.importing", str(folder)], cwd=BASE_DIR, env=env, text=True,
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for folder in folders
    ]
    try:
        for child in children:  # each has loaded the model and connected
            line = child.stdout.readline()
            if line.strip() != "READY":
                return {"error": f"an importer did not start: {line}{child.stderr.read()[-800:]}"}
        started = time.perf_counter()
        for child in children:
            child.stdin.write("go\n")
            child.stdin.flush()
        reports = []
        for child in children:
            output, errors = child.communicate(timeout=1800)
            line = next((x for x in output.splitlines() if x.startswith("IMPORT_JSON ")), None)
            if line is None:
                return {"error": f"an importer failed: {errors[-800:]}"}
            reports.append(json.loads(line.removeprefix("IMPORT_JSON ")))
        seconds = time.perf_counter() - started
    finally:
        for child in children:
            if child.poll() is None:
                child.kill()
                child.wait()
    return {"seconds": seconds, "created": sum(r["created"] for r in reports),
            "failed": sum(r["failed"] for r in reports), "reasons": [x for r in reports for x in r["reasons"]]}


def _importer(folder: str) -> None:
    """In a child: get ready, wait for the word, import the folder, report."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    from analysis.cleaning import clean
    from analysis.nlp import get_nlp
    from analysis.pipeline import extract
    from articles.importing import Status, import_paths

    get_nlp()
    extract(clean(corpus_texts()[0]))  # compiled patterns and gazetteers, as in a warm process
    connection.ensure_connection()
    print("READY", flush=True)
    sys.stdin.readline()
    outcomes = import_paths([folder])
    failed = [o for o in outcomes if o.status == Status.FAILED]
    print("IMPORT_JSON " + json.dumps({
        "created": sum(o.status == Status.CREATED for o in outcomes), "failed": len(failed),
        "reasons": [str(o) for o in failed[:3]],
    }), flush=True)


if __name__ == "__main__":
    _importer(sys.argv[1])
