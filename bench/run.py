"""The database half of ``manage.py bench``: the benchmark database, pages, exports and load.

The benchmark never touches the app's own data: it switches Django to a database of its own
(``commentariat_bench`` on the embedded server), migrates it, fills it once with the synthetic
corpus and reuses it on later runs (var/bench/corpus.json remembers how it was made).
"""

from __future__ import annotations

import json
import statistics
import time

import psycopg
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections
from django.db.models import Count, Q

from articles.summaries import mark_changed
from bench import load, pages
from bench.importing import measure_import
from bench.results import Results
from bench.synthetic import TITLE_PREFIX, generate_corpus

CSV_ROWS = 100_000  # the size of the CSV export whose memory is measured
TARGETS = {"max_queries": 12, "max_ratio": 3.0}
CORPUS_SECTIONS = {"pages", "exports", "load", "hostile"}


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
    cases.insert(7, pages.PageCase("quotes", "/quotes/"))
    by_name = {case.name: case for case in cases}

    if "pages" in sections:
        out(f"\npages on {corpus['articles']:,} articles, {corpus['quotes']:,} quotes (server time, warm, in-process)")
        out("median, p95: rendered (templates run; the page cache off, summaries cached); cold: the first request "
            "after the data changed, summaries computed; queries, SQL, page/SQL, main q: of the rendered page; "
            "served, p95, q: as deployed, an anonymous reader's repeat from the page cache")
        mark_changed()  # start cold, whatever an earlier run left in the cache
        measured = pages.measure_pages(cases, runs=runs, progress=lambda c: command.stderr.write(f"  {c.url}"))
        for line in pages.format_pages(measured):
            out(line)
        misses = [(r.name, m) for r in measured for m in r.misses(TARGETS["max_queries"], TARGETS["max_ratio"])]
        out("targets: p95 ≤ 50 ms (search ≤ 150 ms), ≤ 12 queries, page ≤ 3× its SQL, no seq scan of quotes/articles")
        for page, miss in misses:
            out(f"  MISS {page}: {miss}")
        results.save("pages", [r.as_dict() for r in measured])

    if "exports" in sections:
        results.save("exports", measure_exports(pdf_person_url(), out))

    if "load" in sections:
        paths = [by_name[n].url for n in ("article", "person", "quotes")]
        out(f"\nunder load: gunicorn, 2 workers, wrk at 50 connections for {load_seconds} s on 127.0.0.1, "
            f"{', '.join(paths)} in turn")
        out(f"{'page cache':>10} {'req/s':>8} {'p50':>9} {'p95':>9} {'p99':>9} {'errors':>7}")
        for section, page_cache in (("load", True), ("load_uncached", False)):
            result = load.load_test(paths, database_name=name, seconds=load_seconds, page_cache=page_cache)
            label = "on" if page_cache else "off"
            if "requests" in result:
                out(f"{label:>10} {result['requests_per_second']:>8.1f} {result['p50_ms']:>7.0f}ms "
                    f"{result['p95_ms']:>7.0f}ms {result['p99_ms']:>7.0f}ms {result['errors']:>7}")
            else:
                out(f"{label:>10}  not measured: {result}")
            results.save(section, result)
        out("targets: ≥ 1,000 req/s with the page cache, ≥ 300 without; no errors, p99 < 500 ms")

    if "hostile" in sections:
        results.save("hostile", measure_hostile(name, load_seconds, out))


def hostile_paths() -> list[str]:
    """The reader URLs and exports that took a 20,000-article site down before they were bounded."""
    return [
        "/people/", "/people/?sort=name", "/people/?sort=articles", "/people/?q=x", "/people/?theme=brics",
        "/countries/ru/?format=csv", "/themes/escalation/?format=csv", "/quotes/?format=csv", "/people/?format=csv",
        f"{pdf_person_url()}?format=pdf", "/search/?q=sanctions", "/quotes/?sort=oldest&theme=brics",
    ]


def measure_hostile(name: str, seconds: int, out) -> dict:
    paths = hostile_paths()
    out(f"\nunder attack: gunicorn, 2 workers; 4 connections loop {len(paths)} expensive URLs (each request a new "
        f"cache key) while 2 connections load the home page, {seconds} s, 127.0.0.1")
    result = load.hostile_load(paths, database_name=name, seconds=seconds)
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


def csv_export_url(rows: int = CSV_ROWS) -> str:
    """A /quotes/ CSV export with about ``rows`` rows: the theme whose quote count is nearest."""
    from articles.models import Theme

    themes = Theme.objects.annotate(n=Count("quote_themes", filter=~Q(quote_themes__quote__status="rejected")))
    best = min(themes, key=lambda theme: abs(theme.n - rows))
    return f"/quotes/?theme={best.slug}&format=csv"


def pdf_person_url() -> str:
    """The most quoted person whose page still fits in a PDF (exports refuse more than MAX_PDF_ITEMS quotes)."""
    from articles.models import Person

    try:
        from articles.exports.pdf import MAX_PDF_ITEMS
    except ImportError:
        MAX_PDF_ITEMS = 1000  # the exports' own limit, when the module does not say
    person = (
        Person.objects.annotate(n=Count("quotes", filter=~Q(quotes__status="rejected")))
        .filter(n__lte=MAX_PDF_ITEMS).order_by("-n", "id").first()
    )
    return person.get_absolute_url() if person else "/people/"


def measure_exports(person_url: str, out) -> dict:
    csv_probe, pdf_url = "/quotes/?format=csv", f"{person_url}?format=pdf"
    works = {"csv": load.export_works(csv_probe, "text/csv"),
             "pdf": load.export_works(pdf_url, "application/pdf")}
    out("\nexports")
    if not all(works.values()):
        out(f"  not measured: exports not working yet ({works})")
        return {"skipped": f"exports not working yet: {works}"}
    name = settings.DATABASES["default"]["NAME"]
    pdf_runs = [load.measure_export(pdf_url, database_name=name) for _ in range(3)]
    csv = load.measure_export(csv_export_url(), database_name=name)
    pdf_seconds = [r["seconds"] for r in pdf_runs if "seconds" in r]
    result = {"pdf": {"url": pdf_url, "runs": pdf_runs,
                      "median_seconds": statistics.median(pdf_seconds) if pdf_seconds else None},
              "csv": csv}
    if pdf_seconds:
        out(f"  person page PDF: median {statistics.median(pdf_seconds):.2f} s over {len(pdf_seconds)} runs "
            f"({pdf_runs[0].get('bytes', 0):,} bytes, {pdf_runs[0].get('status')})")
    else:
        out(f"  person page PDF failed: {pdf_runs[0]}")
    if "seconds" in csv:
        out(f"  CSV export {csv['url']}: {csv['lines'] - 1:,} rows, {csv['bytes'] / 1e6:.1f} MB in {csv['seconds']:.1f} s; "
            f"peak RSS {csv['peak_rss_mb']:.0f} MB (process after start-up {csv['rss_after_setup_mb']:.0f} MB, "
            f"after a warm-up export of no rows {csv['rss_before_mb']:.0f} MB)")
    else:
        out(f"  CSV export failed: {csv}")
    return result
