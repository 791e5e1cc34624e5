"""The database half of ``manage.py bench``: the benchmark database, pages, exports and load.

The benchmark never touches the app's own data: it switches Django to a database of its own
(``commentariat_bench`` on the embedded server), migrates it, fills it once with the synthetic
corpus and reuses it on later runs (var/bench/corpus.json remembers how it was made).
"""

from __future__ import annotations

import json
import time

import psycopg
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.utils import timezone

from bench import exports, load, pages
from bench.importing import measure_import
from bench.release import measure_release
from bench.results import Results
from bench.synthetic import TITLE_PREFIX, generate_corpus

TARGETS = {"max_queries": 12, "max_ratio": 3.0}
CORPUS_SECTIONS = {"pages", "release", "exports", "load", "hostile"}
# (results section, page cache, gunicorn workers) of the load section
LOAD_RUNS = (("load", True, True, 2), ("load_uncached", False, False, 2), ("load_uncached_4", False, False, 4),
             ("load_fragments", False, True, 2))


def run_database_sections(command: BaseCommand, sections: set[str], results: Results, *, articles: int, seed: int,
                          database_name: str, rebuild: bool, runs: int, load_seconds: int, import_articles: int,
                          **_) -> None:
    out = command.stdout.write
    name = use_bench_database(database_name)
    if "import" in sections:
        results.save("import", measure_import(name, import_articles, out))
    if not sections & CORPUS_SECTIONS:
        return
    if rebuild:
        drop_database(name)
    call_command("migrate", verbosity=0)  # also makes the cache table
    corpus = ensure_corpus(articles, seed, out)
    results.save("corpus", corpus)
    # Pages are measured as deployed (DEBUG off), which needs collectstatic's manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    cases = pages.default_cases()
    by_name = {case.name: case for case in cases}

    if "pages" in sections:
        out(f"\npages on {corpus['articles']:,} articles, {corpus['quotes']:,} quotes (server time, warm, in-process)")
        out("median, p95: rendered (the page cache and fragments off: every template runs, summaries cached; what any "
            "reader pays in the second after a write); cold: the first request after a write (the last generation's "
            "summaries stand in while a background thread recounts them); catch-up: from that request until the recount "
            "was stored; queries, SQL, page/SQL, main q: of the rendered page; kept: page cache off, the page's data part "
            "from the fragment its process kept for this generation (an editor's or an htmx variant's request between "
            "writes); served, p95, q: as deployed, an anonymous reader's repeat from the page cache")
        began = timezone.now()
        measured = pages.measure_pages(cases, runs=runs, progress=lambda c: command.stderr.write(f"  {c.url}"))
        check_no_reports("pages", began, out)
        for line in pages.format_pages(measured):
            out(line)
        misses = [(r.name, m) for r in measured for m in r.misses(TARGETS["max_queries"], TARGETS["max_ratio"])]
        out("targets: p95 ≤ 50 ms (search ≤ 150 ms), ≤ 12 queries, page ≤ 3× its SQL, no seq scan of quotes/articles")
        for page, miss in misses:
            out(f"  MISS {page}: {miss}")
        results.save("pages", [r.as_dict() for r in measured])

    if "release" in sections:
        results.save("release", measure_release(out))

    if "exports" in sections:
        results.save("exports", exports.measure_exports(out))

    if "load" in sections:
        paths = [by_name[n].url for n in ("article", "person", "quotes")]
        out(f"\nunder load: gunicorn sync workers, wrk at 50 connections for {load_seconds} s on 127.0.0.1, "
            f"{', '.join(paths)} in turn; 2 workers (one per core, as README deploys) and 4; fragments off is every "
            "template rendered, as in the second after a write")
        out(f"{'page cache':>10} {'fragments':>9} {'workers':>7} {'req/s':>8} {'p50':>9} {'p95':>9} {'p99':>9} {'errors':>7}")
        for section, page_cache, fragments, workers in LOAD_RUNS:
            began = timezone.now()
            result = load.load_test(paths, database_name=name, seconds=load_seconds, page_cache=page_cache,
                                    fragments=fragments, workers=workers)
            result["reports_made"] = check_no_reports(section, began, out)
            label, kept = ("on" if page_cache else "off"), ("on" if fragments else "off")
            if "requests" in result:
                out(f"{label:>10} {kept:>9} {workers:>7} {result['requests_per_second']:>8.1f} {result['p50_ms']:>7.0f}ms "
                    f"{result['p95_ms']:>7.0f}ms {result['p99_ms']:>7.0f}ms {result['errors']:>7}")
            else:
                out(f"{label:>10} {kept:>9} {workers:>7}  not measured: {result}")
            results.save(section, result)
        out("targets: ≥ 1,000 req/s with the page cache, ≥ 300 without (every template rendered); no errors, p99 < 500 ms")

    if "hostile" in sections:
        results.save("hostile", measure_hostile(name, load_seconds, out))


def check_no_reports(section: str, since, out) -> int:
    """Reports a section asked for since ``since``: none, for sections that measure pages (a report would
    put a worker's job, not a page, in their figures). Said, and removed, if there are any."""
    made = exports.reports_since(since)["asked"]
    if made:
        out(f"  WARNING: the {section} section asked for {made} report(s); it measures pages, not reports")
        exports.remove_reports(since)
    return made


def hostile_paths() -> list[str]:
    """The reader URLs and exports that took a 20,000-article site down before they were bounded. The
    exports now queue reports (or are refused, or get 429 past the per-client report limit)."""
    return [
        "/people/", "/people/?sort=name", "/people/?sort=articles", "/people/?q=x", "/people/?theme=brics",
        "/countries/ru/?format=csv", "/themes/escalation/?format=csv", "/quotes/?format=csv", "/people/?format=csv",
        f"{exports.pdf_person_url()}?format=pdf", "/search/?q=sanctions", "/quotes/?sort=oldest&theme=brics",
    ]


def measure_hostile(name: str, seconds: int, out) -> dict:
    paths = hostile_paths()
    out(f"\nunder attack: gunicorn, 2 workers, and a db_worker making the reports the attack asks for; 4 connections "
        f"loop {len(paths)} expensive URLs (each request a new cache key) while 2 connections load the home page, "
        f"{seconds} s, 127.0.0.1, rate limits on")
    # The limits start afresh, so a run does not inherit the last one's counts (the windows are 10 minutes).
    caches[settings.RATE_LIMIT_CACHE].clear()
    exports.remove_reports()
    began = timezone.now()
    # As deployed, a worker makes what the attack queues: its CPU is part of what the readers share.
    worker = load.start_worker(name)
    try:
        result = load.hostile_load(paths, database_name=name, seconds=seconds)
    finally:
        load.stop(worker)
        asked = exports.reports_since(began)
        removed = exports.remove_reports(began)
    result["reports"] = {**asked, "removed": removed}
    if "home" not in result:
        out(f"  not measured: {result}")
        return result
    out(f"{'who':>8} {'requests':>9} {'req/s':>8} {'p50':>9} {'p99':>9} {'max':>9} {'non-2xx':>8} {'timeouts':>9}")
    for who in ("home", "attack"):
        r = result[who]
        if "error" in r:
            out(f"{who:>8}  no result: {r['error']}")
            continue
        out(f"{who:>8} {r['requests']:>9,} {r['requests_per_second']:>8.1f} {r['p50_ms']:>7.0f}ms "
            f"{r['p99_ms']:>7.0f}ms {r['max_ms']:>7.0f}ms {r['non_2xx']:>8,} {r['timeouts']:>9,}")
    out(f"gunicorn worker timeouts: {result['server_errors']}")
    attack = result.get("exports", {})
    if attack.get("count"):
        answers = ", ".join(f"{n:,} × {status}" for status, n in attack["by_status"].items())
        out(f"export requests in the attack: {attack['count']:,} ({answers}); the slowest held its worker "
            f"{attack['max_seconds']:.2f} s ({attack['slowest'][0]['url']})")
    r = result["reports"]
    out(f"reports the attack asked for: {r['asked']} ({r['made']} made by the worker, {r['failed']} failed, "
        f"{r['unfinished']} unfinished when it stopped; all {r['removed']} removed)")
    out("target: the home page's p99 < 500 ms, no worker timeouts")
    return result


def use_bench_database(name: str) -> str:
    """Point Django's default connection at the benchmark database; refuse anything else."""
    if settings.DATABASE_URL:
        current = settings.DATABASES["default"]["NAME"]
        if "bench" not in current:
            raise CommandError(f"DATABASE_URL points at {current!r}; the benchmark writes a synthetic corpus, so it "
                               "only runs on a database whose name contains 'bench'")
        return current
    if "bench" not in name:
        raise CommandError("the benchmark database's name must contain 'bench'")
    connections["default"].close()
    settings.DATABASES["default"]["NAME"] = name
    connections["default"].settings_dict["NAME"] = name
    return name


def drop_database(name: str, *, create: bool = True) -> None:
    """Drop the database ``name`` (never the one Django is using) and, with ``create``, make it again empty."""
    connection.ensure_connection()  # starts the embedded server if needed
    params = connection.get_connection_params()
    connection.close()
    keep = {k: v for k, v in params.items() if k in ("user", "password", "host", "port")}
    with psycopg.connect(**keep, dbname="postgres", autocommit=True) as admin:
        admin.execute(psycopg.sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(psycopg.sql.Identifier(name)))
    if create and not settings.DATABASE_URL:
        from config.embedded_db import create_database

        create_database(params["host"], name)


def ensure_corpus(articles: int, seed: int, out) -> dict:
    """Reuse the benchmark corpus when it has the right size, else generate it (only into an empty database)."""
    from articles.models import Article, Quote

    marker = settings.VAR_DIR / "bench" / "corpus.json"
    count = Article.objects.count()
    first = Article.objects.order_by("id").values_list("title", flat=True).first()
    if count == articles and first and first.startswith(TITLE_PREFIX):
        info = json.loads(marker.read_text()) if marker.exists() else {}
        out(f"reusing the benchmark corpus: {count:,} synthetic articles "
            f"(generated in {info.get('generation_seconds', '?')} s)")
    elif count:
        raise CommandError(f"the benchmark database has {count:,} articles, not {articles:,}: run with --rebuild")
    else:
        out(f"generating the benchmark corpus: {articles:,} articles (seed {seed}) …")
        started = time.perf_counter()
        counts = generate_corpus(articles, seed)
        info = {"database": settings.DATABASES["default"]["NAME"], "seed": seed, "rows": counts,
                "generation_seconds": round(time.perf_counter() - started)}
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(json.dumps(info, indent=2))
        out(f"generated in {info['generation_seconds']} s")
    return {**info, "articles": count or articles, "quotes": Quote.objects.count()}
