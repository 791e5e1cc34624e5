"""Large exports as reports made by the job worker (issue 15, item 1): the reader gets a page that
follows the job and links the file; identical requests share one; files expire; a client may have
only a few queued at once."""

from __future__ import annotations

import io
import re
import uuid
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pypdf import PdfReader

from articles.models import Job, Person, Quote, Report, Source
from tests.builders import make_article, make_dataset
from tests.hostile.worker import run_worker

pytestmark = pytest.mark.django_db

REPORT_URL = re.compile(r"^/reports/[0-9a-f-]{36}/$")


def prolific(quotes: int, name: str = "Prolific Speaker") -> Person:
    """A person with ``quotes`` quotes in one article."""
    article = make_article(Source.objects.create(name=f"Outlet of {name}"), 900)  # 900: apart from make_dataset's
    person = Person.objects.create(name=name)
    passage = article.passages.get(index=1)
    Quote.objects.bulk_create(
        Quote(article=article, passage=passage, speaker=person, text=f"Remark number {n} by {name}",
              start=passage.start, end=passage.start + 5)
        for n in range(quotes)
    )
    return person


def made_report(content: bytes = b"quote_id\r\n") -> Report:
    """A report the worker has made (a CSV of /quotes/), without running it."""
    job = Job.objects.create(kind=Job.Kind.REPORT, title="CSV of Quotes", status=Job.Status.SUCCEEDED,
                             unit="quotes", finished_at=timezone.now())
    report = Report.objects.create(key="made", origin="http://testserver", path="/quotes/", query="format=csv",
                                   format="csv", title=job.title, client="127.0.0.1", job=job,
                                   expires_at=timezone.now() + timedelta(hours=1))
    report.store(ContentFile(content), filename="quotes.csv", content_type="text/csv; charset=utf-8")
    return report


def ask(client, url: str, **extra):
    """Ask for an export; a report answers 303 to its page."""
    return client.get(url, **extra)


def body_of(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_a_large_pdf_answers_at_once_with_a_report_page_and_one_job(client):
    person = prolific(51)  # one over REPORT_BACKGROUND_PDF_ITEMS (50)
    response = ask(client, f"{person.get_absolute_url()}?format=pdf")
    assert response.status_code == 303 and REPORT_URL.match(response["Location"]), response.status_code
    job = Job.objects.get()
    report = Report.objects.get()
    assert (job.kind, job.status, job.total, report.items, report.format) == (Job.Kind.REPORT, "queued", 51, 51, "pdf")
    assert DBTaskResult.objects.get(id=job.task_id).status == "READY"  # queued for the worker, not made here
    page = client.get(response["Location"])
    assert page.status_code == 200 and page["Content-Type"].startswith("text/html")
    html = page.content.decode()
    assert "PDF of Person: Prolific Speaker" in html and "Waiting for a worker" in html and "51 quotes" in html
    assert not report.stored


def test_exports_at_or_under_the_sizes_are_still_made_in_the_request(client, settings):
    person = prolific(50)
    response = ask(client, f"{person.get_absolute_url()}?format=pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    settings.REPORT_BACKGROUND_ROWS = 50
    assert ask(client, f"{person.get_absolute_url()}?format=csv").status_code == 200
    assert not Job.objects.exists()
    settings.REPORT_BACKGROUND_ROWS = 49
    assert ask(client, f"{person.get_absolute_url()}?format=csv").status_code == 303


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_cache
def test_identical_requests_share_one_report_until_the_data_changes(client, settings):
    settings.REPORT_BACKGROUND_ROWS = 5
    make_dataset(1)
    first = ask(client, "/quotes/?format=csv&kind=direct")
    # The same request, its parameters in another order and with a page number: one report.
    second = ask(client, "/quotes/?page=2&kind=direct&format=csv")
    assert first.status_code == second.status_code == 303 and first["Location"] == second["Location"]
    assert Job.objects.count() == 1
    # A parameter no page reads (a cache-buster) changes nothing either: no new job per junk value.
    for junk in ("r=1", "r=2", "utm_source=feed"):
        assert ask(client, f"/quotes/?format=csv&kind=direct&{junk}")["Location"] == first["Location"]
    assert Job.objects.count() == 1
    other_format = ask(client, "/quotes/?format=json&kind=direct")
    assert other_format["Location"] != first["Location"] and Job.objects.count() == 2
    quote = Quote.objects.first()
    quote.text = "Changed by an editor"
    quote.save()  # commits: the archive changed
    after_edit = ask(client, "/quotes/?format=csv&kind=direct")
    assert after_edit.status_code == 303 and after_edit["Location"] != first["Location"]
    assert Job.objects.count() == 3


def test_the_worker_writes_the_file_and_the_page_links_to_it(client, settings, report_files):
    settings.REPORT_BACKGROUND_ROWS = 2
    make_dataset(1)
    url = "/quotes/?format=csv&source=outlet-1-0"
    location = ask(client, url)["Location"]
    run_worker()  # django-tasks' own worker loop, in this process
    report = Report.objects.get()
    assert report.job.status == "succeeded" and report.job.done == report.items
    assert (report_files / report.stored).is_file()
    html = client.get(location).content.decode()
    assert "<h1>CSV of Quotes</h1>" in html and "Outlet: Outlet 1-0" in html  # what it holds, in words
    download = report.get_download_url()
    assert f'href="{download}"' in html and "hx-trigger" not in html  # made: the page stops polling
    assert re.search(r"Download quotes-source-outlet-1-0-\d{4}-\d\d-\d\d\.csv", html), html
    file = client.get(download)
    assert file.status_code == 200 and file["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="quotes-source-outlet-1-0-\d{4}-\d\d-\d\d\.csv"', file["Content-Disposition"])
    # The very bytes the request would have had, had it been small enough to make at once.
    settings.REPORT_BACKGROUND_ROWS = 10_000
    assert body_of(file) == body_of(ask(client, url)) == (report_files / report.stored).read_bytes()


def test_a_pdf_report_is_the_pdf_of_the_page(client):
    person = prolific(60)
    location = ask(client, f"{person.get_absolute_url()}?format=pdf")["Location"]
    run_worker()
    report = Report.objects.get()
    assert client.get(location).status_code == 200
    file = client.get(report.get_download_url())
    body = body_of(file)
    assert file["Content-Type"] == "application/pdf" and body.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)
    assert "Prolific Speaker" in text and "Remark number 59 by Prolific Speaker" in " ".join(text.split())
    assert report.filename.startswith("person-prolific-speaker-") and report.size == len(body)


def test_expired_reports_lose_their_file_and_then_their_page(client, settings, report_files):
    settings.REPORT_BACKGROUND_ROWS = 5
    make_dataset(1)
    location = ask(client, "/quotes/?format=json")["Location"]
    run_worker()
    report = Report.objects.get()
    stored = report_files / report.stored
    assert stored.is_file()
    Report.objects.filter(pk=report.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    expired = client.get(location)
    assert expired.status_code == 410 and "This report has expired" in expired.content.decode()
    assert client.get(report.get_download_url()).status_code == 404  # not served, even before the cleaner runs
    call_command("expire_reports", stdout=io.StringIO())
    assert not stored.exists() and not Report.objects.exists() and not Job.objects.exists()
    assert client.get(location).status_code == 404


def test_a_report_job_removes_expired_reports_before_it_starts(client, settings, report_files):
    settings.REPORT_BACKGROUND_ROWS = 5
    make_dataset(1)
    ask(client, "/quotes/?format=json")
    run_worker()
    old = Report.objects.get()
    Report.objects.filter(pk=old.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    ask(client, "/quotes/?format=csv")
    run_worker()
    assert list(Report.objects.values_list("format", flat=True)) == ["csv"]
    assert not (report_files / old.stored).exists()


def test_a_client_past_its_report_limit_is_answered_429_with_retry_after(client, settings):
    settings.REPORT_BACKGROUND_ROWS = 5
    settings.REPORT_JOBS_PER_CLIENT = 2
    make_dataset(1)
    assert ask(client, "/quotes/?format=csv").status_code == 303
    assert ask(client, "/quotes/?format=json").status_code == 303
    refused = ask(client, "/quotes/?format=md")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Reports are already being made for your address; try again in" in refused.content.decode()
    assert Job.objects.count() == 2
    assert ask(client, "/quotes/?format=md", REMOTE_ADDR="192.0.2.7").status_code == 303  # another reader
    run_worker()
    assert ask(client, "/quotes/?format=md&kind=direct").status_code == 303  # its reports are made: room again


def test_the_page_polls_with_htmx_and_refreshes_without_javascript(client, settings):
    settings.REPORT_BACKGROUND_ROWS = 5
    make_dataset(1)
    location = ask(client, "/quotes/?format=csv")["Location"]
    html = client.get(location).content.decode()
    assert f'hx-get="{location}" hx-trigger="every 2s"' in html
    assert f'<a href="{location}">Refresh</a>' in html  # the same page, for a reader without JavaScript
    assert "http-equiv" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html)  # CSP: no inline script
    region = client.get(location, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="report-status").content.decode()
    assert region.lstrip().startswith('<div id="report-status"') and "<header" not in region
    assert "Waiting for a worker" in region and "every 2s" in region
    run_worker()
    region = client.get(location, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="report-status").content.decode()
    assert "Download quotes-" in region and "hx-trigger" not in region and "Refresh" not in region


def test_a_report_is_found_only_by_its_token(client, settings):
    settings.REPORT_BACKGROUND_ROWS = 5
    make_dataset(1)
    ask(client, "/quotes/?format=csv")
    report = Report.objects.get()
    assert client.get(report.get_download_url()).status_code == 404  # not made yet
    for path in (f"/reports/{uuid.uuid4()}/", f"/reports/{uuid.uuid4()}/download/", f"/reports/{report.pk}/"):
        assert client.get(path).status_code == 404, path
    assert client.get(report.get_absolute_url())["Cache-Control"] == "no-store"


def test_a_report_whose_page_is_gone_fails_with_the_reason(client):
    person = prolific(51)
    location = ask(client, f"{person.get_absolute_url()}?format=pdf")["Location"]
    person.quotes.all().delete()
    person.delete()
    run_worker()
    html = client.get(location).content.decode()
    assert Job.objects.get().status == "failed"
    assert "This report could not be made. The page it was made from no longer exists." in html
    # A new request for the same export is not joined to the failed one.
    assert Report.objects.shareable().count() == 0


def test_a_worker_makes_its_pdf_while_readers_hold_every_pdf_slot(client, settings):
    import psycopg
    from django.db import connection

    from articles.exports.pdf import PDF_SLOT_LOCK

    person = prolific(51)
    location = ask(client, f"{person.get_absolute_url()}?format=pdf")["Location"]
    settings.EXPORT_PDF_AT_ONCE = 1
    params = connection.get_connection_params()
    keep = {k: v for k, v in params.items() if k in ("user", "password", "host", "port", "dbname")}
    with psycopg.connect(**keep, autocommit=True) as web_worker:  # a reader's small PDF, being made
        web_worker.execute("SELECT pg_advisory_lock(%s, 0)", [PDF_SLOT_LOCK])
        run_worker()
    assert Job.objects.get().status == "succeeded"
    assert "Download person-prolific-speaker-" in client.get(location).content.decode()


def test_the_page_shows_how_far_a_running_report_got(client, settings):
    settings.REPORT_BACKGROUND_ROWS = 5
    make_dataset(1)
    csv_page = ask(client, "/quotes/?format=csv")["Location"]
    pdf_page = ask(client, f"{prolific(51).get_absolute_url()}?format=pdf")["Location"]
    Job.objects.update(status=Job.Status.RUNNING, done=7, started_at=timezone.now() - timedelta(seconds=12))
    html = client.get(csv_page).content.decode()
    items = Report.objects.get(format="csv").items
    assert f"7 of {items} quotes written." in html and f'<progress aria-label="Progress" value="7" max="{items}">' in html
    assert "Laying out 51 quotes as a PDF (started 12 seconds ago)." in client.get(pdf_page).content.decode()
