"""The exports section of ``manage.py bench``: what an export costs the request that asks for it.

Since exports past ``REPORT_BACKGROUND_*`` became reports made by the job worker (articles/report_jobs.py),
a large export answers 303 to a report page at once. So this measures (a) the largest exports still
made inside the request (CSV and JSON just under ``REPORT_BACKGROUND_ROWS``, a PDF at
``REPORT_BACKGROUND_PDF_ITEMS``), each in a fresh process for its memory; (b) the largest reports the
site allows (``EXPORT_MAX_ROWS`` rows, ``EXPORT_MAX_PDF_ITEMS`` quotes) end to end: the request and its
303, a ``db_worker`` started here making it, the time until the reader's page links the file, and the
download; and (c) keeps every export request's time, for the 5-second target (bench/targets.py).

Reports the bench asks for are deleted with their files and jobs afterwards (and any left in the
benchmark database by an interrupted run, before), so a repeated run makes them again rather than
joining a file made last time.
"""

from __future__ import annotations

import html
import re
import statistics
import time
from datetime import datetime, timedelta
from io import BytesIO
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.test.client import RequestFactory
from django.test.utils import override_settings
from django.urls import resolve

from bench import load

REPORT_WAIT_S = 900  # a 1,000-quote PDF took 22 s idle and a minute at load 10; past this it is a failure
POLL_S = 0.2


# -- pure: what the figures mean ---------------------------------------------------------------


def report_timing(*, held_s: float, created_at: datetime, started_at: datetime | None,
                  finished_at: datetime | None, ready_s: float | None, items: int, size: int | None) -> dict:
    """The figures of one report from its request's time, its job's timestamps and when the bench saw
    it ready: queued (waiting for a worker), making (the worker's own time), ready (from asking to
    the file being there, as the reader waits), and items a second of the worker's time."""
    queued = (started_at - created_at).total_seconds() if started_at else None
    making = (finished_at - started_at).total_seconds() if started_at and finished_at else None
    return {
        "held_s": held_s, "queued_s": queued, "making_s": making, "ready_s": ready_s, "items": items, "bytes": size,
        "items_per_second": items / making if making else None,
    }


READY = re.compile(r'class="report-download" href="([^"]+)">Download ([^<]+)</a> \(([^)]*)\)')


def page_state(page: str) -> dict:
    """What the reader's report page says: its state, and once ready the download link, file name and size."""
    if found := READY.search(page):
        return {"state": "ready", "download": html.unescape(found.group(1)), "filename": html.unescape(found.group(2)),
                "size": html.unescape(found.group(3)).replace("\xa0", " ")}
    for state, words in (("queued", "Waiting for a worker"), ("running", "Laying out"), ("running", " written."),
                         ("failed", "could not be made"), ("expired", "has expired")):
        if words in page:
            return {"state": state}
    return {"state": "unknown"}


def rows_in_file(tail: bytes, fmt: str) -> int | None:
    """The row count a complete CSV or JSON export ends with (None: no end marker, so not complete)."""
    text = tail.decode("utf-8", errors="replace")
    pattern = r"# END OF EXPORT: (\d+) rows\s*$" if fmt == "csv" else r'"count": (\d+)\}\s*$'
    found = re.search(pattern, text)
    return int(found.group(1)) if found else None


# -- choosing the exports ----------------------------------------------------------------------


def export_count(url: str) -> int:
    """Items the export at ``url`` holds, counted by the export's own report builder, as the dispatch counts."""
    from articles.exports import COUNT_AT_MOST
    from articles.exports import reports as builders

    match = resolve(urlsplit(url).path)
    request = RequestFactory().get(url, HTTP_HOST=load.HOST)
    request.user = AnonymousUser()
    return getattr(builders, match.url_name)(request, *match.args, **match.kwargs).count(COUNT_AT_MOST + 1)


def quotes_url(at_most: int, fmt: str) -> str:
    """The quote list's newest quotes, from the day that keeps them at ``at_most`` or just under."""
    from articles.models import Quote

    newest = Quote.objects.visible().exclude(published=None).order_by("-published").values_list("published", flat=True)
    try:
        day = newest[at_most - 1]
    except IndexError:  # a corpus smaller than the export: all of it
        return f"/quotes/?format={fmt}"
    while True:  # a day's quotes are all in or all out: start past the day that overflows, then check
        day += timedelta(days=1)
        url = f"/quotes/?from={day.isoformat()}&format={fmt}"
        if export_count(url) <= at_most:
            return url


def person_pdf_url(at_most: int) -> str:
    """The person with the most quotes that a PDF of ``at_most`` items still holds."""
    from articles.models import Person

    for person in Person.objects.filter(quote_total__lte=at_most).order_by("-quote_total", "id")[:20]:
        url = f"{person.get_absolute_url()}?format=pdf"
        if export_count(url) <= at_most:
            return url
    return "/people/?format=pdf"


def pdf_person_url() -> str:
    """The most quoted person whose page still fits in a PDF (the hostile section's PDF)."""
    return person_pdf_url(settings.EXPORT_MAX_PDF_ITEMS).removesuffix("?format=pdf")


# -- one request, in-process -------------------------------------------------------------------


def get(url: str) -> tuple[float, str, dict, bytes]:
    """(seconds held, status, headers, body) of one GET through the WSGI handler, as gunicorn would call it."""
    from bench.pages import PageTimer

    timer = PageTimer()
    environ = timer.factory.get(url, HTTP_HOST=load.HOST, SERVER_NAME=load.HOST).environ
    environ["wsgi.input"] = BytesIO(b"")
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    started = time.perf_counter()
    response = timer.handler(environ, start_response)
    try:
        body = b"".join(response)
    finally:
        response.close()
    return time.perf_counter() - started, answer.get("status", "?"), answer.get("headers", {}), body


# -- the reports' own bookkeeping --------------------------------------------------------------


def remove_reports(since: datetime | None = None) -> int:
    """Delete the reports in the benchmark database (those made ``since``, or all): files, rows, jobs and
    the jobs' task results. Only ever on the bench's own database."""
    from django_tasks_db.models import DBTaskResult

    from articles.models import Job, Report

    assert "bench" in settings.DATABASES["default"]["NAME"], "only the benchmark database's reports"
    reports = Report.objects.select_related("job")
    if since is not None:
        reports = reports.filter(created_at__gte=since)
    removed = 0
    for report in reports:
        report.remove_file()
        DBTaskResult.objects.filter(id=report.job.task_id).delete()
        Job.objects.filter(pk=report.job_id).delete()  # its report row cascades
        removed += 1
    return removed


def reports_since(since: datetime) -> dict:
    """Reports asked for since ``since``, by where they got to (made, failed, still queued or running)."""
    from articles.models import Job, Report

    made = Report.objects.filter(created_at__gte=since)
    return {"asked": made.count(), "made": made.filter(job__status=Job.Status.SUCCEEDED).count(),
            "failed": made.filter(job__status=Job.Status.FAILED).count(),
            "unfinished": made.filter(job__status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).count()}


def wait_until_finished(token: str, timeout_s: float = REPORT_WAIT_S):
    """The report once its job is finished (or the timeout passed), polled the way its page reads it."""
    from articles.models import Report

    deadline = time.monotonic() + timeout_s
    while True:
        report = Report.objects.select_related("job").get(token=token)
        if report.job.finished or time.monotonic() > deadline:
            return report
        time.sleep(POLL_S)


def measure_report(url: str, fmt: str) -> dict:
    """One report end to end: the request's 303, the worker making it, the reader's page and the download."""
    started = time.perf_counter()
    held, status, headers, _ = get(url)
    result: dict = {"url": url, "format": fmt, "status": status, "held_s": held}
    location = headers.get("Location", "")
    found = re.fullmatch(r"/reports/([0-9a-f-]{36})/", location)
    if not status.startswith("303") or not found:
        return {**result, "error": f"answered {status}, not 303 to a report page ({location or 'no Location'})"}
    report = wait_until_finished(found.group(1))
    ready_s = time.perf_counter() - started if report.ready else None
    job = report.job
    result.update(report_timing(held_s=held, created_at=job.created_at, started_at=job.started_at,
                                finished_at=job.finished_at, ready_s=ready_s, items=report.items, size=report.size))
    result["job_status"] = job.status
    page = get(location)
    result["page"] = {"status": page[1], **page_state(page[3].decode("utf-8", errors="replace"))}
    if not report.ready:
        return {**result, "error": f"not made: {job.status} {job.error[:300]}".strip()}
    download = get(report.get_download_url())
    result["download"] = {"url": report.get_download_url(), "status": download[1], "held_s": download[0],
                          "bytes": len(download[3])}
    if fmt in ("csv", "json"):
        result["rows_in_file"] = rows_in_file(download[3][-200:], fmt)
    return result


# -- the section -------------------------------------------------------------------------------


def measure_exports(out) -> dict:
    from django.utils import timezone

    name = settings.DATABASES["default"]["NAME"]
    rows, pdf_items = settings.REPORT_BACKGROUND_ROWS, settings.REPORT_BACKGROUND_PDF_ITEMS
    out(f"\nexports: in the request up to {rows:,} rows (CSV, JSON) and {pdf_items} PDF items; past them, reports "
        "made by a db_worker")
    remove_reports()  # an interrupted run's: a repeat would join them instead of making its own
    began = timezone.now()
    worker = load.start_worker(name)  # starts while the in-request exports are measured
    try:
        inline = measure_inline(rows, pdf_items, name, out)
        reports = measure_reports(out)
    finally:
        load.stop(worker)
        removed = remove_reports(began)
    out(f"  ({removed} report(s) made by the bench removed, with their files and jobs)")
    result = {"in_request": inline, "reports": reports, "thresholds": {"rows": rows, "pdf_items": pdf_items}}
    result["requests"] = export_requests(result)
    return result


def measure_inline(rows: int, pdf_items: int, database_name: str, out) -> dict:
    out("  in the request (each in a fresh process; the time a web worker is held, the body read to the end):")
    inline: dict = {}
    for fmt in ("csv", "json"):
        url = quotes_url(rows, fmt)
        run = load.measure_export(url, database_name=database_name)
        inline[fmt] = run = {**run, "items": export_count(url)}
        if "seconds" in run:
            out(f"    {fmt.upper():4} {url}: {run['status']}, {run['items']:,} rows, {run['bytes'] / 1e6:.1f} MB in "
                f"{run['seconds']:.2f} s, peak RSS {run['peak_rss_mb']:.0f} MB "
                f"(+{run['peak_growth_mb']:.0f} MB over a warm-up of no rows)")
        else:
            out(f"    {fmt.upper():4} {url}: failed: {run.get('error', '')[-300:]}")
    url = person_pdf_url(pdf_items)
    runs = [load.measure_export(url, database_name=database_name) for _ in range(3)]
    seconds = [r["seconds"] for r in runs if "seconds" in r]
    inline["pdf"] = {"url": url, "items": export_count(url), "runs": runs,
                     "median_seconds": statistics.median(seconds) if seconds else None}
    if seconds:
        out(f"    PDF  {url} ({inline['pdf']['items']} quotes): {runs[0]['status']}, median {statistics.median(seconds):.2f} s, "
            f"slowest {max(seconds):.2f} s of {len(seconds)} runs ({runs[0]['bytes']:,} bytes)")
    else:
        out(f"    PDF  {url}: failed: {runs[0].get('error', '')[-300:]}")
    return inline


def measure_reports(out) -> dict:
    out(f"  reports (the largest allowed: {settings.EXPORT_MAX_ROWS:,} rows, {settings.EXPORT_MAX_PDF_ITEMS:,} PDF "
        "items), one at a time, one worker:")
    out(f"    {'':4} {'request':>8} {'queued':>7} {'making':>8} {'ready':>8} {'items':>7} {'items/s':>8} {'size':>9} "
        f"{'download':>8}")
    reports: dict = {}
    # Rate limits off: the bench asks for a few in a row from one address; the limits are the hostile section's.
    with override_settings(RATE_LIMITS=dict.fromkeys(settings.RATE_LIMITS)):
        for fmt, url in (("csv", quotes_url(settings.EXPORT_MAX_ROWS, "csv")),
                         ("pdf", person_pdf_url(settings.EXPORT_MAX_PDF_ITEMS) if settings.EXPORT_MAX_PDF_ITEMS
                          else "/people/?format=pdf")):
            r = reports[fmt] = measure_report(url, fmt)
            if "error" in r:
                out(f"    {fmt.upper():4} {url}: {r['error']}")
                continue
            out(f"    {fmt.upper():4} {r['held_s']:>7.2f}s {r['queued_s']:>6.1f}s {r['making_s']:>7.1f}s "
                f"{r['ready_s']:>7.1f}s {r['items']:>7,} {r['items_per_second']:>8.0f} {r['bytes'] / 1e6:>7.1f}MB "
                f"{r['download']['held_s']:>7.2f}s  {url}")
            if fmt != "pdf" and r.get("rows_in_file") != r["items"]:
                out(f"      the file says {r.get('rows_in_file')} rows, the report {r['items']:,}")
    out("  request: the reader's request until its 303; queued: until a worker took the job; making: the worker's "
        "time; ready: from asking to the file being there")
    return reports


def export_requests(result: dict) -> list[dict]:
    """Every export request the section made, with the time it held its request (the 5-second target)."""
    requests = []
    inline = result.get("in_request", {})
    for fmt in ("csv", "json"):
        run = inline.get(fmt)
        if run:
            requests.append({"what": f"{fmt.upper()} in the request", "url": run.get("url", ""),
                             "status": run.get("status", "failed"), "seconds": run.get("seconds")})
    for run in inline.get("pdf", {}).get("runs", []):
        requests.append({"what": "PDF in the request", "url": run.get("url", ""), "status": run.get("status", "failed"),
                         "seconds": run.get("seconds")})
    for fmt, run in result.get("reports", {}).items():
        requests.append({"what": f"{fmt.upper()} report request", "url": run["url"], "status": run["status"],
                         "seconds": run.get("held_s")})
        if "download" in run:
            requests.append({"what": f"{fmt.upper()} report download", "url": run["download"]["url"],
                             "status": run["download"]["status"], "seconds": run["download"]["held_s"]})
    return requests
