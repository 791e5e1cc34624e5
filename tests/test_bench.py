"""The bench package: its place beside the app, COPY rows from the models, the batch-import
section's articles, and the summary of misses against issue 15's targets (no timing asserted)."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import NOT_PROVIDED
from django.urls import reverse

from articles.importing import Status, import_paths
from articles.models import Organisation, Person, Quote, Source
from articles.templatetags.commentariat import NAVIGATION
from bench import pages
from bench.copying import MissingValue, Table
from bench.exports import export_requests, page_state, report_timing, rows_in_file
from bench.importing import write_articles
from bench.load import ACCESS_FORMAT, parse_access_log, summarise_exports
from bench.synthetic import TABLES
from bench.targets import export_misses, hostile_misses, summary
from tests.builders import make_dataset

ROOT = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def test_the_app_holds_no_benchmark_code_and_never_imports_it():
    assert not list((ROOT / "articles").glob("benchmarking*.py"))
    assert not list((ROOT / "articles").glob("synthetic*.py"))
    assert not (ROOT / "articles" / "management" / "commands" / "bench.py").exists()
    for package in ("articles", "analysis", "config"):
        for path in (ROOT / package).rglob("*.py"):
            bench = {m for m in _imports(path) if m == "bench" or m.startswith("bench.")}
            assert not bench, f"{path.relative_to(ROOT)} imports {bench}"


@pytest.mark.django_db
def test_every_index_page_in_the_navigation_is_a_bench_case():
    make_dataset(1)
    cases = pages.default_cases()
    # /themes/ answered 503 at 100,000 articles with no case to say so.
    index_pages = {reverse(name) for _, name, _ in NAVIGATION} | {reverse("speaker_index")}
    assert index_pages <= {case.url for case in cases}
    assert len({case.name for case in cases}) == len(cases)  # the bench looks cases up by name


def test_every_column_of_the_corpus_tables_comes_from_its_model():
    for model, table in TABLES.items():
        stored = [f.column for f in model._meta.concrete_fields if not f.generated]
        assert table.name == model._meta.db_table
        assert set(table.columns) <= set(stored)
        # What is left out is PostgreSQL's to fill: a database default.
        for field in model._meta.concrete_fields:
            if not field.generated and field.column not in table.columns:
                assert field.db_default is not NOT_PROVIDED, (model, field.column)


@pytest.mark.django_db
def test_a_row_leaving_fields_out_gets_the_models_defaults_through_copy():
    lines = [
        Table(Source).line(id=9001, name="Copied Outlet", slug="copied-outlet"),
        Table(Organisation).line(id=9002, name="Copied Institute", slug="copied-institute", key="copied institute",
                                 aliases=['The "Copied"', "Back\\slash, comma"]),
        Table(Person).line(id=9003, name="Ada Copy", slug="ada-copy", key="ada copy"),
    ]
    with connection.cursor() as cursor:
        for model, line in zip((Source, Organisation, Person), lines, strict=True):
            Table(model).copy(cursor.cursor, [line])
    source, person = Source.objects.get(pk=9001), Person.objects.get(pk=9003)
    assert source.kind == Source._meta.get_field("kind").default and source.country_id is None
    assert person.aliases == [] and person.note == "" and person.quote_total == 0  # the last from its db_default
    assert Organisation.objects.get(pk=9002).aliases == ['The "Copied"', "Back\\slash, comma"]


def test_a_row_missing_a_field_without_default_names_it():
    with pytest.raises(MissingValue, match=r"articles_quote\.passage_id has no default"):
        Table(Quote).line(id=1, article_id=1)
    with pytest.raises(MissingValue, match="no column for \\['speaker_name'\\]"):
        Table(Quote).line(id=1, speaker_name="x")


@pytest.mark.django_db
def test_the_import_sections_copies_import_as_distinct_articles(tmp_path):
    words = write_articles(tmp_path, 3, 0)
    assert words > 2000
    outcomes = import_paths([tmp_path])
    assert [o.status for o in outcomes] == [Status.CREATED] * 3, [str(o) for o in outcomes]


def _request(what, url, seconds, status="200 OK"):
    return {"what": what, "url": url, "seconds": seconds, "status": status}


def _page(name, **values):
    return {"name": name, "status": 200, "p95_ms": 10.0, "target_ms": 50.0, "first_ms": 100.0, "ratio": 2.0,
            "median_ms": 8.0, "sql_median_ms": 4.0, **values}


def test_the_summary_names_every_miss_against_issue_15s_targets_with_its_margin():
    measured = {
        "extraction": [{"name": "corpus (2 articles)", "articles_per_second": 7.2}],
        "import": {"articles_per_second_per_core": 4.0, "failed": 0},
        "pages": [_page("home"), _page("theme", p95_ms=73.0, first_ms=2700.0, ratio=12.0, median_ms=60.0,
                                      sql_median_ms=5.0),
                  _page("search rare", p95_ms=140.0, target_ms=150.0)],
        "exports": {"requests": [_request("PDF in the request", "/people/x/?format=pdf", s) for s in (4.0, 22.0)]
                    + [_request("CSV in the request", "/quotes/?format=csv", 3.0)]},
        "load": {"requests_per_second": 900.0, "p99_ms": 121.0, "errors": 0, "requests": 27000},
        "load_uncached": {"requests_per_second": 59.0, "p99_ms": 800.0, "errors": 3, "requests": 1770},
        "load_uncached_4": {"requests_per_second": 310.0, "p99_ms": 520.0, "errors": 0, "requests": 9300},
        "hostile": {"home": {"p99_ms": 90.0, "non_2xx": 0, "timeouts": 0}, "server_errors": 0},
    }
    lines = summary(measured)
    text = "\n".join(lines)
    assert "extraction on one core: 7.2 articles/s < 10 articles/s: short by 2.8 (28%)" in text
    assert "batch import per core: 4.0 articles/s < 10 articles/s: short by 6.0 (60%)" in text
    assert "rendered p95 of theme: 73 ms > 50 ms: over by 23 ms (1.5×)" in text
    assert "cold theme: 2,700 ms > 250 ms: over by 2,450 ms (10.8×)" in text
    assert "page/SQL of theme: 12.0× > 3×: 45 ms of rendering over" in text
    assert "PDF in the request /people/x/?format=pdf held its request 22.0 s > 5 s: over by 17.0 s (4.4×)" in text
    assert "req/s with the page cache: 900.0 req/s < 1,000 req/s: short by 100.0 (10%)" in text
    assert "req/s without the page cache: 59.0 req/s < 300 req/s: short by 241.0 (80%)" in text
    assert "p99 without the page cache: 800 ms > 500 ms: over by 300 ms" in text
    assert "errors without the page cache: 3 (of 1,770 requests)" in text
    assert "p99 without the page cache, 4 workers: 520 ms > 500 ms: over by 20 ms" in text
    assert "req/s without the page cache, 4 workers" not in text  # 310 met it
    assert len([line for line in lines if "MISS" in line]) == 11  # home, search and the CSV met theirs
    assert "home" not in text.replace("theme", "")


def test_the_summary_says_when_all_was_met_and_what_was_not_run():
    lines = summary({"pages": [_page("home")], "exports": {"skipped": "exports not working yet"}})
    assert lines[0] == "  every target measured was met"
    starved = {"home": {"requests": 0, "p99_ms": 0.0, "non_2xx": 0, "timeouts": 0}, "server_errors": 0, "seconds": 30}
    assert "  MISS home under attack: not one request answered in 30 s" in summary({"hostile": starved})
    assert "  not measured: exports (exports not working yet)" in lines
    assert "  not run this time: extraction, import, release, load, load_uncached, load_uncached_4, load_fragments, hostile" in lines


def test_every_export_request_held_over_5_s_or_answered_wrongly_is_a_miss_with_its_margin():
    result = {"requests": [
        _request("CSV in the request", "/quotes/?from=2026-01-02&format=csv", 1.2),
        _request("PDF in the request", "/people/ada/?format=pdf", 6.34),
        _request("JSON in the request", "/quotes/?format=json", 0.4, status="303 See Other"),  # a report, not inline
        _request("CSV report request", "/quotes/?format=csv", 0.3, status="303 See Other"),
        _request("PDF report request", "/people/bo/?format=pdf", 7.0, status="200 OK"),  # made in the request
        _request("CSV report download", "/reports/x/download/", 0.1),
        _request("CSV in the request", "/quotes/?format=csv", None, status="failed"),
    ], "reports": {"csv": {"url": "/quotes/?format=csv", "status": "303 See Other", "error": "not made: failed"},
                   "json": {"url": "/q?format=json", "status": "303 See Other", "items": 20, "rows_in_file": None,
                            "page": {"state": "ready"}},
                   "pdf": {"url": "/p?format=pdf", "status": "303 See Other", "items": 20, "page": {"state": "unknown"}}}}
    assert export_misses(result) == [
        "PDF in the request /people/ada/?format=pdf held its request 6.3 s > 5 s: over by 1.3 s (1.3×)",
        "JSON in the request /quotes/?format=json: answered 303 See Other, not 200",
        "PDF report request /people/bo/?format=pdf: answered 200 OK, not 303",
        "PDF report request /people/bo/?format=pdf held its request 7.0 s > 5 s: over by 2.0 s (1.4×)",
        "CSV in the request /quotes/?format=csv: failed (failed)",
        "CSV report /quotes/?format=csv: not made: failed",
        "JSON report /q?format=json: the file ends with None rows, not the 20 asked for",
        "PDF report /p?format=pdf: made, but its page says {'state': 'unknown'}",
    ]
    assert "  MISS PDF in the request /people/ada/?format=pdf held its request 6.3 s" in "\n".join(
        summary({"exports": result}))


def test_the_exports_section_checks_every_request_it_made_including_report_downloads():
    result = {
        "in_request": {"csv": {"url": "/q?format=csv", "status": "200 OK", "seconds": 1.0},
                       "json": {"url": "/q?format=json", "error": "Traceback"},
                       "pdf": {"runs": [{"url": "/p?format=pdf", "status": "200 OK", "seconds": s} for s in (2.0, 3.0)]}},
        "reports": {"csv": {"url": "/q?format=csv&from=x", "status": "303 See Other", "held_s": 0.2, "items": 9,
                            "rows_in_file": 9, "page": {"state": "ready"},
                            "download": {"url": "/reports/t/download/", "status": "200 OK", "held_s": 0.05}},
                    "pdf": {"url": "/p?format=pdf", "status": "429 Too Many Requests", "held_s": 0.01,
                            "error": "answered 429"}},
    }
    requests = export_requests(result)
    assert [(r["what"], r["seconds"]) for r in requests] == [
        ("CSV in the request", 1.0), ("JSON in the request", None), ("PDF in the request", 2.0),
        ("PDF in the request", 3.0), ("CSV report request", 0.2), ("CSV report download", 0.05),
        ("PDF report request", 0.01),
    ]
    assert export_misses({**result, "requests": requests}) == [
        "JSON in the request /q?format=json: failed (failed)",
        "PDF report request /p?format=pdf: answered 429 Too Many Requests, not 303",
    ]


def test_a_reports_timing_comes_from_its_jobs_timestamps():
    asked = datetime(2026, 12, 3, 12, 0, 0, tzinfo=UTC)
    timing = report_timing(held_s=0.25, created_at=asked, started_at=asked + timedelta(seconds=1.5),
                           finished_at=asked + timedelta(seconds=11.5), ready_s=11.8, items=20_000, size=9_000_000)
    assert timing == {"held_s": 0.25, "queued_s": 1.5, "making_s": 10.0, "ready_s": 11.8, "items": 20_000,
                      "bytes": 9_000_000, "items_per_second": 2_000.0}
    never_taken = report_timing(held_s=0.2, created_at=asked, started_at=None, finished_at=None, ready_s=None,
                                items=50, size=None)
    assert never_taken["queued_s"] is None and never_taken["making_s"] is None and never_taken["items_per_second"] is None


def test_the_report_page_is_read_as_the_reader_sees_it():
    from django.template.loader import render_to_string
    from django.utils import timezone

    from articles.models import Job, Report
    from articles.report_jobs import progress

    job = Job(kind=Job.Kind.REPORT, title="CSV of Quotes", status=Job.Status.SUCCEEDED, total=3, done=3, unit="quotes",
              finished_at=timezone.now())
    report = Report(job=job, title="CSV of Quotes", path="/quotes/", query="format=csv", format="csv", items=3,
                    stored="x.csv", filename='quotes-"a"&b.csv', size=5_400_000,
                    expires_at=timezone.now() + timedelta(hours=1))
    page = render_to_string("reports/report.html#status", progress(report))
    assert page_state(page) == {"state": "ready", "download": report.get_download_url(),
                                "filename": 'quotes-"a"&b.csv', "size": "5.1 MB"}
    job.status, report.stored = Job.Status.RUNNING, ""
    assert page_state(render_to_string("reports/report.html#status", progress(report))) == {"state": "running"}
    job.status, job.error = Job.Status.FAILED, "boom"
    assert page_state(render_to_string("reports/report.html#status", progress(report))) == {"state": "failed"}


def test_a_files_end_marker_gives_its_rows_and_a_cut_file_none():
    assert rows_in_file(b"x,y\r\n# END OF EXPORT: 20000 rows\r\n", "csv") == 20000
    assert rows_in_file(b"# ERROR: export incomplete after 12 rows (boom)\r\n", "csv") is None
    assert rows_in_file(b'{"id": 2}\n], "count": 4999}', "json") == 4999
    assert rows_in_file(b'{"id": 2}\n], "error": "cut"', "json") is None


def test_the_attacks_export_requests_are_read_from_gunicorns_access_log():
    assert ACCESS_FORMAT.startswith("%(s)s %(D)s")
    log = "\n".join([
        '200 1800 "/" ""',
        '303 250000 "/countries/ru/" "format=csv&r=1"',
        '429 3000 "/people/ada/" "format=pdf&r=2"',
        '200 6400000 "/people/ada/" "format=pdf&r=14"',
        '200 900000 "/people/" "sort=name&r=3"',  # a page, not an export
        "[2026-12-03 12:00:00 +0000] [12] [WARNING] something else",
    ])
    entries = parse_access_log(log)
    assert len(entries) == 5 and entries[1] == {"status": 303, "seconds": 0.25, "path": "/countries/ru/",
                                                "query": "format=csv&r=1"}
    exports = summarise_exports(entries)
    assert exports["count"] == 3 and exports["by_status"] == {"200": 1, "303": 1, "429": 1}
    assert exports["max_seconds"] == 6.4 and exports["slowest"][0]["url"] == "/people/ada/?format=pdf&r=14"
    misses = hostile_misses({"home": {"requests": 900, "p99_ms": 40.0, "non_2xx": 0, "timeouts": 0},
                             "server_errors": 0, "exports": exports})
    assert misses == ["export requests under attack: 1 of 3 held their worker over 5 s; the slowest, "
                      "/people/ada/?format=pdf&r=14 (200), 6.4 s > 5 s: over by 1.4 s (1.3×)"]
    assert hostile_misses({"home": {"requests": 900, "p99_ms": 40.0}, "exports": summarise_exports(entries[:3])}) == []


def test_a_load_section_that_asked_for_reports_is_flagged():
    load = {"requests_per_second": 1500.0, "p99_ms": 50.0, "errors": 0, "requests": 45000, "reports_made": 2}
    assert summary({"load": load})[0] == "  MISS load with the page cache: asked for 2 report(s); it should ask for none"


def _release_row(url: str, after_ms: float = 20.0, warm_status: int = 200, after_status: int = 200) -> dict:
    return {"url": url, "unwarmed": {"status": 200, "ms": 4000.0}, "warm": {"status": warm_status, "ms": 3900.0},
            "after": {"status": after_status, "ms": after_ms}}


def test_a_new_releases_page_is_a_miss_when_its_first_reader_after_warm_cache_waits_or_it_fails():
    release = {"warm_seconds": 50.0, "pages": [
        _release_row("/"), _release_row("/themes/", after_ms=400.0), _release_row("/sources/", warm_status=503),
    ]}
    text = "\n".join(summary({"release": release}))
    assert "new release: the first reader after warm_cache of /themes/: 400 ms > 250 ms: over by 150 ms (1.6×)" in text
    assert "new release: warm_cache's request for /sources/ answered 503" in text
    assert text.count("MISS") == 2  # the home page met it, however long its unwarmed first request took


@pytest.mark.django_db
def test_the_release_section_counts_before_warm_cache_and_not_after_it(monkeypatch):
    from articles import summaries, warming
    from bench import release as release_section
    from tests.builders import make_dataset

    make_dataset()
    events: list[str] = []
    recount, warm = summaries._recount, warming.warm

    def recording(key, current, compute):
        events.append("recount")
        return recount(key, current, compute)

    def marked(*args, **kwargs):
        events.append("warm_cache")
        result = warm(*args, **kwargs)
        events.append("warmed")
        return result

    monkeypatch.setattr(summaries, "_recount", recording)
    monkeypatch.setattr(release_section.warming, "warm", marked)
    lines: list[str] = []
    result = release_section.measure_release(lines.append, ["/", "/quotes/", "/themes/"], keep_connection=True)
    assert [row["url"] for row in result["pages"]] == ["/", "/quotes/", "/themes/"]
    assert all(row[step]["status"] == 200 for row in result["pages"] for step in ("unwarmed", "warm", "after"))
    before, during, after = events[:events.index("warm_cache")], events[events.index("warm_cache"):events.index("warmed")], events[events.index("warmed") + 1:]
    assert "recount" in before and "recount" in during  # each fresh release starts with nothing counted
    assert after == []  # readers after warm_cache count nothing
    assert "warm_cache: 3 pages in" in "\n".join(lines)
