"""Bounded work per reader request: the statement timeout and its page, export limits, streams
that never look complete when they are not, no whole-archive COUNT(DISTINCT), counts kept on rows."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.db import connection
from django.http import HttpResponse
from django.test.utils import CaptureQueriesContext
from django.urls import include, path

from articles.exports import rows as export_rows
from articles.models import Person, PersonMention, Quote
from articles.views.common import reader_view
from tests.builders import make_article, make_dataset

pytestmark = pytest.mark.django_db


@reader_view
def _statement_timeout(request):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return HttpResponse(cursor.fetchone()[0])


urlpatterns = [path("test-timeout/", _statement_timeout), path("", include("articles.urls"))]


# The statement timeout ---------------------------------------------------------------------------

def test_a_query_past_the_statement_timeout_gets_a_503_page_not_a_500(client, settings, monkeypatch):
    from articles.pages import home

    def slow() -> dict:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(2)")
        return {}

    settings.STATEMENT_TIMEOUT_MS = 50
    monkeypatch.setattr(home, "_overview", slow)
    response = client.get("/")
    assert response.status_code == 503
    assert "This page took too long to build; narrow the filters" in response.content.decode()
    assert response["Retry-After"]


@pytest.mark.urls(__name__)
def test_requests_run_under_the_web_timeout_and_commands_under_none(client, settings):
    settings.STATEMENT_TIMEOUT_MS = 1234
    with connection.cursor() as cursor:  # the test runner is not a request: like a command
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"
    assert client.get("/test-timeout/").content == b"1234ms"
    with connection.cursor() as cursor:  # put back once the request is over
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "0"


def test_web_connections_start_with_the_timeout_in_their_options(settings):
    assert f"statement_timeout={settings.STATEMENT_TIMEOUT_MS}" in settings.DATABASES["default"]["OPTIONS"]["options"]


# Export limits -----------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["csv", "json", "md"])
def test_an_export_over_the_limit_is_refused_with_its_count(client, settings, fmt):
    make_dataset(1)
    quotes = Quote.objects.visible().count()
    settings.EXPORT_MAX_ROWS = 5
    response = client.get("/quotes/", {"format": fmt})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{quotes} quotes" in page and "at most 5" in page and "Narrow the filters" in page
    settings.EXPORT_MAX_ROWS = quotes
    assert client.get("/quotes/", {"format": fmt}).status_code == 200


def test_a_pdf_over_its_limit_is_refused_with_its_count(client, settings):
    make_dataset(1)
    settings.EXPORT_MAX_PDF_ITEMS = 3
    response = client.get("/quotes/", {"format": "pdf"})
    assert response.status_code == 400
    page = response.content.decode()
    assert f"{Quote.objects.visible().count()} quotes" in page and "at most 3" in page


def test_a_pdf_while_every_pdf_slot_is_taken_is_refused_at_once_not_queued(client, settings):
    import psycopg

    from articles.exports.pdf import PDF_SLOT_LOCK

    make_dataset(1)
    settings.EXPORT_PDF_AT_ONCE = 1
    params = connection.get_connection_params()
    keep = {k: v for k, v in params.items() if k in ("user", "password", "host", "port", "dbname")}
    with psycopg.connect(**keep, autocommit=True) as other_worker:  # another worker, making a PDF
        other_worker.execute("SELECT pg_advisory_lock(%s, 0)", [PDF_SLOT_LOCK])
        busy = client.get("/quotes/", {"format": "pdf"})
        assert busy.status_code == 503
        assert busy["Retry-After"] == "10"
        assert "are being made now. Try again in a few seconds" in busy.content.decode()
    # That worker is gone: its connection, and with it the slot, is released.
    done = client.get("/quotes/", {"format": "pdf"})
    assert done.status_code == 200 and done["Content-Type"] == "application/pdf"


def test_the_people_csv_is_whole_and_says_so(client):
    data = make_dataset(1)
    response = client.get("/people/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    people = len(data["people"])
    assert len(rows) == 1 + people + 1
    assert rows[-1] == [f"# END OF EXPORT: {people} rows"]
    quoted = {row[3]: row[7] for row in rows[1:-1]}
    assert quoted[data["people"][0].name] == str(Quote.objects.visible().filter(speaker=data["people"][0]).count())


def _failing_after(monkeypatch, good_rows: int) -> None:
    real = export_rows.quote_row
    made = []

    def quote_row(quote, site):
        if len(made) == good_rows:
            raise RuntimeError("the database went away")
        made.append(quote.pk)
        return real(quote, site)

    monkeypatch.setattr(export_rows, "quote_row", quote_row)


def test_a_csv_stream_that_fails_ends_with_the_error_marker(client, monkeypatch):
    make_dataset(1)
    _failing_after(monkeypatch, 3)
    response = client.get("/quotes/", {"format": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert len(rows) == 1 + 3 + 1
    assert rows[-1][0].startswith("# ERROR: export incomplete after 3 rows")
    assert not any(row[0].startswith("# END OF EXPORT") for row in rows)


def test_a_json_stream_that_fails_is_not_a_complete_document(client, monkeypatch):
    make_dataset(1)
    _failing_after(monkeypatch, 3)
    body = b"".join(client.get("/quotes/", {"format": "json"}).streaming_content).decode()
    with pytest.raises(json.JSONDecodeError):
        json.loads(body)
    assert '"error": "# ERROR: export incomplete after 3 rows' in body
    assert '"count"' not in body


# Bounded queries ---------------------------------------------------------------------------------

def test_no_reader_page_counts_distinct_over_the_archive(client):
    data = make_dataset(2)
    theme, source = data["themes"][0], data["sources"][0]
    urls = ["/", "/people/", "/people/?sort=name", "/people/?sort=articles", "/people/?q=analyst",
            f"/people/?theme={theme.slug}", "/articles/", f"/articles/?theme={theme.slug}", "/quotes/",
            f"/quotes/?theme={theme.slug}&source={source.slug}", "/themes/", theme.get_absolute_url(), "/sources/",
            source.get_absolute_url(), "/countries/", "/countries/ru/", data["people"][0].get_absolute_url(),
            "/search/?q=war"]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        for query in queries.captured_queries:
            sql = query["sql"].upper()
            assert "COUNT(DISTINCT" not in sql, (url, sql[:400])


def test_page_totals_are_counted_no_further_than_the_cap(client, monkeypatch):
    from articles.views import common

    make_dataset(1)
    monkeypatch.setattr(common, "COUNT_AT_MOST", 5)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/quotes/").content.decode()
    assert "more than 5 quotes" in page
    assert any("COUNT(*)" in q["sql"] and "LIMIT 6" in q["sql"] for q in queries.captured_queries)


def test_facets_count_a_bounded_sample_and_say_so(client, monkeypatch):
    from articles import filters

    make_dataset(1)
    monkeypatch.setattr(filters, "FACET_SCAN", 4)
    with CaptureQueriesContext(connection) as queries:
        page = client.get("/quotes/").content.decode()
    assert "in the newest 4 quotes" in page
    facet_sql = [q["sql"] for q in queries.captured_queries if "WITH s AS MATERIALIZED" in q["sql"]]
    assert len(facet_sql) == 6 and all("LIMIT 4" in sql for sql in facet_sql)  # five filters and who speaks


# Counts kept on the person by triggers -------------------------------------------------------------

def test_person_counts_follow_quotes_and_mentions():
    data = make_dataset(1)
    person = Person.objects.create(name="Counted Person")
    article = make_article(data["sources"][0], 99)
    passage = article.passages.first()
    quotes = Quote.objects.bulk_create(
        Quote(article=article, passage=passage, speaker=person, text=f"Remark {n}", start=0, end=5) for n in range(3)
    )
    PersonMention.objects.create(article=article, person=person, is_quoted=True)
    person.refresh_from_db()
    assert (person.quote_total, person.article_total) == (3, 1)

    Quote.objects.filter(pk=quotes[0].pk).update(status=Quote.Status.REJECTED)
    Quote.objects.filter(pk=quotes[1].pk).update(speaker=data["people"][0])
    person.refresh_from_db()
    assert person.quote_total == 1

    stale = Person.objects.get(pk=person.pk)
    Quote.objects.filter(pk=quotes[1].pk).update(speaker=person)
    stale.note = "edited from an old copy"
    stale.save()  # must not write its stale count back
    person.refresh_from_db()
    assert person.quote_total == 2 and person.note == "edited from an old copy"

    article.delete()
    person.refresh_from_db()
    assert (person.quote_total, person.article_total) == (0, 0)


def test_a_generated_corpus_has_its_person_counts():
    from django.db.models import Count, Q

    from bench.synthetic import generate_corpus

    generate_corpus(30, seed=3, people=60, sources=5)
    people = Person.objects.annotate(
        spoken=Count("quotes", filter=~Q(quotes__status=Quote.Status.REJECTED), distinct=True),
        named=Count("mentions", distinct=True),
    )
    assert Quote.objects.exists()
    assert all((p.quote_total, p.article_total) == (p.spoken, p.named) for p in people)
