"""Page benchmarks: server time, query counts, the pages' own SQL replayed, and query plans.

Used by ``manage.py bench``; plain functions so a test can run them on a tiny dataset.

A page is timed through Django's real WSGI handler (all middleware, no test-client
instrumentation, which copies every template context and would inflate the figures). Its
SQL is captured once with CaptureQueriesContext, then replayed statement by statement on a
separate raw psycopg connection: the ratio page time / SQL time says how much of a page is
Python (ORM, templates) rather than database.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass, field
from io import BytesIO

import psycopg
from django.conf import settings
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, connection
from django.db.models import Count, Q
from django.test.client import RequestFactory
from django.test.utils import CaptureQueriesContext, override_settings

from articles import summaries
from articles.models import Article, Quote
from articles.summaries import mark_changed

BIG_TABLES = (Quote._meta.db_table, Article._meta.db_table)  # a sequential scan of these is a miss
HOST = "127.0.0.1"
MIN_RUNS = 3
SLOW_PAGE_S = 2.0


@dataclass
class PageCase:
    name: str
    url: str
    target_ms: float = 50.0


@dataclass
class PageResult:
    name: str
    url: str
    status: int
    runs: int
    median_ms: float
    p95_ms: float
    queries: int
    sql_median_ms: float
    sql_p95_ms: float
    ratio: float
    target_ms: float
    bytes: int
    first_ms: float = 0.0  # the first request after a write: the last generation's summaries stand in
    catch_up_ms: float = 0.0  # from that request until its summaries were recounted (in the background)
    # As deployed, an anonymous reader's repeat of a page comes from the page cache:
    served_median_ms: float = 0.0
    kept_median_ms: float = 0.0  # page cache off, fragments on: the page's data part kept for this generation
    kept_p95_ms: float = 0.0
    served_p95_ms: float = 0.0
    served_queries: int = 0
    main_query_ms: float = 0.0
    main_query: str = ""
    main_uses_index: bool = False
    main_seq_scans: list[str] = field(default_factory=list)
    seq_scans_any_query: list[str] = field(default_factory=list)

    def misses(self, max_queries: int = 12, max_ratio: float = 3.0) -> list[str]:
        """The targets this page misses, as readable phrases (rendered: with the page cache off)."""
        out = []
        if self.status != 200:
            out.append(f"status {self.status}")
        if self.p95_ms > self.target_ms:
            out.append(f"rendered p95 {self.p95_ms:.0f} ms > {self.target_ms:.0f} ms ({self.p95_ms / self.target_ms:.1f}×)")
        if self.served_p95_ms > self.target_ms:
            out.append(f"served p95 {self.served_p95_ms:.0f} ms > {self.target_ms:.0f} ms")
        if self.queries > max_queries:
            out.append(f"{self.queries} queries > {max_queries}")
        if self.ratio > max_ratio:
            out.append(f"page/SQL {self.ratio:.1f}× > {max_ratio:.0f}×")
        big = [t for t in self.main_seq_scans if t in BIG_TABLES]
        if big:
            out.append(f"seq scan of {', '.join(big)} in main query")
        return out

    def as_dict(self) -> dict:
        return {**asdict(self), "misses": self.misses()}


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation: with 20 runs, p95 is the 19th slowest)."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(pct / 100 * len(ordered) + 0.4999)))
    return ordered[rank - 1]


def default_cases() -> list[PageCase]:
    """One URL per page type, chosen from the data so they are heavy but typical."""
    from articles.models import Country, Person, Source, Theme

    visible = ~Q(quotes__status="rejected")
    ranked_people = list(
        Person.objects.annotate(n=Count("quotes", filter=visible)).filter(n__gt=0).order_by("-n", "id")
        .values_list("slug", "name", "n")[:100]
    )
    top_person, typical_person = ranked_people[0], ranked_people[min(len(ranked_people), 100) - 1]
    middle = Article.objects.count() // 2  # an ordinary article from the middle of the archive
    article = Article.objects.order_by("-published", "id").values_list("slug", flat=True)[middle]
    theme = Theme.objects.annotate(n=Count("quote_themes")).order_by("-n", "id").values_list("slug", flat=True)[0]
    themes = list(Theme.objects.annotate(n=Count("quote_themes")).order_by("-n", "id").values_list("slug", flat=True))
    source = Source.objects.annotate(n=Count("articles")).order_by("-n", "id").values_list("slug", flat=True)[0]
    country = Country.objects.annotate(n=Count("mentions")).order_by("-n", "id").values_list("code", flat=True)[0]
    second_country = (
        Country.objects.annotate(n=Count("mentions")).order_by("-n", "id").values_list("code", flat=True)[1]
    )
    surname = typical_person[1].split()[-1]
    typo = surname[:2] + surname[3] + surname[2] + surname[4:]  # two letters swapped: "Karskowicz" → "Kasrkowicz"
    common, rare = _search_words()
    return [
        PageCase("home", "/"),
        PageCase("article", f"/articles/{article}/"),
        PageCase("person", f"/people/{typical_person[0]}/"),
        PageCase("person (most quoted)", f"/people/{top_person[0]}/"),
        PageCase("theme", f"/themes/{theme}/"),
        PageCase("source", f"/sources/{source}/"),
        PageCase("country", f"/countries/{country.lower()}/"),
        PageCase("quotes", "/quotes/"),
        PageCase("quotes, 2 filters", f"/quotes/?theme={themes[min(1, len(themes) - 1)]}&country={second_country.lower()}"),
        PageCase("figures", "/figures/"),
        # The index pages, each the whole archive's counts in one list.
        PageCase("articles", "/articles/"),
        PageCase("people", "/people/"),
        PageCase("themes", "/themes/"),
        PageCase("sources", "/sources/"),
        PageCase("countries", "/countries/"),
        PageCase("speakers", "/speakers/"),
        PageCase(f"search common ({common})", f"/search/?q={common}", 150),
        PageCase(f"search rare ({rare})", f"/search/?q={rare}", 150),
        PageCase(f"search person typo ({typo})", f"/search/?q={typo}", 150),
    ]


def _search_words() -> tuple[str, str]:
    from bench.synthetic_text import RARE_WORD

    return "sanctions", RARE_WORD


class PageTimer:
    """Calls the WSGI application in-process, the way gunicorn would."""

    def __init__(self, keep_connection: bool = False) -> None:
        self.handler = WSGIHandler()
        self.factory = RequestFactory()
        # A server closes obsolete connections around each request; inside a test's transaction
        # that would close the test's own connection, so tests keep it (as Django's test client does).
        self.keep_connection = keep_connection

    def request(self, url: str) -> tuple[int, int]:
        """(status, body size) of one GET, the body consumed to the end (streaming included)."""
        environ = self.factory.get(url, HTTP_HOST=HOST, SERVER_NAME=HOST).environ
        environ["wsgi.input"] = BytesIO(b"")
        status: list[str] = []
        if self.keep_connection:
            signals.request_started.disconnect(close_old_connections)
            signals.request_finished.disconnect(close_old_connections)
        try:
            response = self.handler(environ, lambda s, headers, exc_info=None: status.append(s))
            try:
                size = sum(len(chunk) for chunk in response)
            finally:
                response.close()  # sends request_finished, as a server does
        finally:
            if self.keep_connection:
                signals.request_started.connect(close_old_connections)
                signals.request_finished.connect(close_old_connections)
        return int(status[0].split()[0]), size

    def time(self, url: str, runs: int, budget_s: float) -> tuple[int, int, list[float], float, float]:
        """(status, size, warm times in ms, the first request after a write in ms, and from then until
        the summaries it asked for were recounted and stored, in ms)."""
        self.request(url)  # a first visit: the summaries exist (as they do on a site in use), templates compiled
        mark_changed()  # a write, as an editor's save makes
        started = time.perf_counter()
        status, size = self.request(url)
        first_ms = (time.perf_counter() - started) * 1000
        summaries.wait_for_refreshes(timeout=120)
        catch_up_ms = (time.perf_counter() - started) * 1000
        started = time.perf_counter()
        self.request(url)  # warm now
        if time.perf_counter() - started > SLOW_PAGE_S:
            runs = MIN_RUNS  # a page of seconds even when warm: a few runs say enough, and the bench stays bounded
        times: list[float] = []
        deadline = time.perf_counter() + budget_s
        while len(times) < runs and (len(times) < MIN_RUNS or time.perf_counter() < deadline):
            started = time.perf_counter()
            self.request(url)
            times.append((time.perf_counter() - started) * 1000)
        return status, size, times, first_ms, catch_up_ms

    def capture(self, url: str) -> list[str]:
        with CaptureQueriesContext(connection) as captured:
            self.request(url)
        return [q["sql"] for q in captured.captured_queries]


def raw_connection() -> psycopg.Connection:
    """A plain psycopg connection to the database Django uses, configured as Django configures its own."""
    connection.ensure_connection()
    params = connection.get_connection_params()
    keep = {k: v for k, v in params.items() if k in ("dbname", "user", "password", "host", "port")}
    conn = psycopg.connect(**keep, autocommit=True)
    conn.execute("SET TIME ZONE 'UTC'")
    return conn


def replay(conn: psycopg.Connection, statements: list[str], runs: int) -> tuple[list[float], list[float]]:
    """(total times, per-statement medians) in ms for running and fetching every statement."""
    totals, per_statement = [], [[] for _ in statements]
    for _ in range(runs):
        total = 0.0
        for i, sql in enumerate(statements):
            started = time.perf_counter()
            with conn.cursor() as cursor:
                cursor.execute(sql)
                if cursor.description is not None:
                    cursor.fetchall()
            elapsed = (time.perf_counter() - started) * 1000
            per_statement[i].append(elapsed)
            total += elapsed
        totals.append(total)
    return totals, [statistics.median(t) for t in per_statement]


def plan_nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from plan_nodes(child)


def explain(conn: psycopg.Connection, sql: str, analyze: bool) -> dict:
    options = "ANALYZE, BUFFERS, FORMAT JSON" if analyze else "FORMAT JSON"
    with conn.cursor() as cursor:
        cursor.execute(f"EXPLAIN ({options}) {sql}")
        document = cursor.fetchone()[0]
    return document[0] if isinstance(document, list) else document


def plan_summary(plan: dict) -> tuple[bool, list[str]]:
    """(uses an index, relations read by sequential scan)."""
    nodes = list(plan_nodes(plan["Plan"]))
    uses_index = any("Index" in node.get("Node Type", "") for node in nodes)
    seq = sorted({node["Relation Name"] for node in nodes if node.get("Node Type") == "Seq Scan"})
    return uses_index, seq


def measure_page(timer: PageTimer, conn: psycopg.Connection, case: PageCase, *, runs: int = 30,
                 budget_s: float = 15.0) -> PageResult:
    """The page rendered (page cache and fragments off: templates run, summaries cached), its data part
    kept as a fragment (what an editor or an htmx variant gets between writes), then served as deployed."""
    with override_settings(PAGE_CACHE=False, FRAGMENT_CACHE=False):
        status, size, times, first_ms, catch_up_ms = timer.time(case.url, runs, budget_s)
        statements = timer.capture(case.url)
    with override_settings(PAGE_CACHE=False, FRAGMENT_CACHE=True):
        kept = timer.time(case.url, runs, budget_s)[2]
    with override_settings(PAGE_CACHE=True):
        served = timer.time(case.url, runs, budget_s)[2]
        served_queries = len(timer.capture(case.url))
    sql_totals, per_statement = replay(conn, statements, max(MIN_RUNS, min(len(times), 15)))
    page_median = statistics.median(times)
    sql_median = statistics.median(sql_totals) if sql_totals else 0.0
    result = PageResult(
        name=case.name, url=case.url, status=status, runs=len(times), median_ms=page_median,
        p95_ms=percentile(times, 95), queries=len(statements), sql_median_ms=sql_median,
        sql_p95_ms=percentile(sql_totals, 95) if sql_totals else 0.0,
        ratio=page_median / sql_median if sql_median else 0.0, target_ms=case.target_ms, bytes=size,
        first_ms=first_ms, catch_up_ms=catch_up_ms, served_median_ms=statistics.median(served), served_p95_ms=percentile(served, 95),
        served_queries=served_queries, kept_median_ms=statistics.median(kept), kept_p95_ms=percentile(kept, 95),
    )
    selects = [i for i, sql in enumerate(statements) if sql.lstrip().upper().startswith(("SELECT", "WITH"))]
    if selects:
        # The main query is the page's slowest statement: the one whose plan matters.
        main = max(selects, key=lambda i: per_statement[i])
        uses_index, seq = plan_summary(explain(conn, statements[main], analyze=True))
        result.main_query_ms, result.main_query = per_statement[main], statements[main]
        result.main_uses_index, result.main_seq_scans = uses_index, seq
        anywhere: set[str] = set()
        for i in selects:
            anywhere.update(plan_summary(explain(conn, statements[i], analyze=False))[1])
        result.seq_scans_any_query = sorted(anywhere)
    return result


def measure_pages(cases: list[PageCase] | None = None, *, runs: int = 30, budget_s: float = 15.0,
                  progress=None, keep_connection: bool = False) -> list[PageResult]:
    cases = cases if cases is not None else default_cases()
    timer = PageTimer(keep_connection)
    results = []
    # Pages are measured, not the limits (the hostile section does that): thirty searches in a few
    # seconds from one address would otherwise be timed as 429s.
    no_limits = override_settings(RATE_LIMITS=dict.fromkeys(settings.RATE_LIMITS))
    with raw_connection() as conn, no_limits:
        for case in cases:
            if progress:
                progress(case)
            results.append(measure_page(timer, conn, case, runs=runs, budget_s=budget_s))
    return results


def format_pages(results: list[PageResult]) -> list[str]:
    header = (f"{'page':34} {'runs':>4} {'median':>8} {'p95':>8} {'target':>6} {'cold':>8} {'catch-up':>8} {'queries':>7} {'SQL med':>8} "
              f"{'page/SQL':>8} {'main q':>8} {'index':>5} {'kept':>8} {'served':>8} {'p95':>8} {'q':>2}  seq scans (main)")
    lines = [header, "-" * len(header)]
    for r in results:
        lines.append(
            f"{r.name[:34]:34} {r.runs:>4} {r.median_ms:>6.1f}ms {r.p95_ms:>6.1f}ms {r.target_ms:>4.0f}ms "
            f"{r.first_ms:>6.0f}ms {r.catch_up_ms:>6.0f}ms {r.queries:>7} "
            f"{r.sql_median_ms:>6.1f}ms {r.ratio:>7.1f}× {r.main_query_ms:>6.1f}ms {'yes' if r.main_uses_index else 'NO':>5}"
            f" {r.kept_median_ms:>6.1f}ms {r.served_median_ms:>6.1f}ms {r.served_p95_ms:>6.1f}ms {r.served_queries:>2}"
            f"  {', '.join(r.main_seq_scans) or '-'}"
        )
    return lines
