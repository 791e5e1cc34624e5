"""The bench package: its place beside the app, COPY rows from the models, the batch-import
section's articles, and the summary of misses against issue 15's targets (no timing asserted)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.db.models import NOT_PROVIDED

from articles.importing import Status, import_paths
from articles.models import Organisation, Person, Quote, Source
from bench.copying import MissingValue, Table
from bench.importing import write_articles
from bench.synthetic import TABLES
from bench.targets import summary

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
        "exports": {"pdf": {"runs": [{"url": "/people/x/?format=pdf", "seconds": s} for s in (21.0, 22.0, 4.0)]},
                    "csv": {"url": "/quotes/?format=csv", "seconds": 3.0, "status": "200 OK"}},
        "load": {"requests_per_second": 900.0, "p99_ms": 121.0, "errors": 0, "requests": 27000},
        "load_uncached": {"requests_per_second": 59.0, "p99_ms": 800.0, "errors": 3, "requests": 1770},
        "hostile": {"home": {"p99_ms": 90.0, "non_2xx": 0, "timeouts": 0}, "server_errors": 0},
    }
    lines = summary(measured)
    text = "\n".join(lines)
    assert "extraction on one core: 7.2 articles/s < 10 articles/s: short by 2.8 (28%)" in text
    assert "batch import per core: 4.0 articles/s < 10 articles/s: short by 6.0 (60%)" in text
    assert "rendered p95 of theme: 73 ms > 50 ms: over by 23 ms (1.5×)" in text
    assert "cold theme: 2,700 ms > 250 ms: over by 2,450 ms (10.8×)" in text
    assert "page/SQL of theme: 12.0× > 3×: 45 ms of rendering over" in text
    assert "PDF export /people/x/?format=pdf held its request 22 s > 5 s: over by 17 s (4.4×) (slowest of 3" in text
    assert "req/s with the page cache: 900.0 req/s < 1,000 req/s: short by 100.0 (10%)" in text
    assert "req/s without the page cache: 59.0 req/s < 300 req/s: short by 241.0 (80%)" in text
    assert "p99 without the page cache: 800 ms > 500 ms: over by 300 ms" in text
    assert "errors without the page cache: 3 (of 1,770 requests)" in text
    assert len([line for line in lines if "MISS" in line]) == 10  # home, search and the CSV met theirs
    assert "home" not in text.replace("theme", "")


def test_the_summary_says_when_all_was_met_and_what_was_not_run():
    lines = summary({"pages": [_page("home")], "exports": {"skipped": "exports not working yet"}})
    assert lines[0] == "  every target measured was met"
    starved = {"home": {"requests": 0, "p99_ms": 0.0, "non_2xx": 0, "timeouts": 0}, "server_errors": 0, "seconds": 30}
    assert "  MISS home under attack: not one request answered in 30 s" in summary({"hostile": starved})
    assert "  not measured: exports (exports not working yet)" in lines
    assert "  not run this time: extraction, import, load, load_uncached, hostile" in lines
