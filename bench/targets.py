"""The issue-15 targets, and every miss in a run's results with how far off it is.

Works on the sections as written to var/bench/results.json, so a summary can be made again from
a saved file: ``summary(json.loads(path.read_text()))``.
"""

from __future__ import annotations

from bench.extraction import TARGET_ARTICLES_PER_CORE

COLD_MS = 250.0  # the first request after a write
MAX_PAGE_SQL_RATIO = 3.0  # a page costs at most three times its own SQL
LOAD_RPS = {"load": 1000.0, "load_uncached": 300.0, "load_uncached_4": 300.0, "load_fragments": 300.0}  # with the page cache, without it
LOAD_P99_MS = 500.0
EXPORT_HELD_S = 5.0  # no export holds a request longer
SECTIONS = ("extraction", "import", "pages", "release", "exports", "load", "load_uncached", "load_uncached_4", "load_fragments", "hostile")


def _over(value: float, limit: float, unit: str, digits: int = 0) -> str:
    return (f"{value:,.{digits}f} {unit} > {limit:,.0f} {unit}: over by {value - limit:,.{digits}f} {unit} "
            f"({value / limit:.1f}×)")


def _under(value: float, limit: float, unit: str) -> str:
    return f"{value:,.1f} {unit} < {limit:,.0f} {unit}: short by {limit - value:,.1f} ({(limit - value) / limit:.0%})"


def page_misses(page: dict) -> list[str]:
    name, out = page["name"], []
    if page["status"] != 200:
        out.append(f"{name}: answered {page['status']}, not 200")
    if page["p95_ms"] > page["target_ms"]:
        out.append(f"rendered p95 of {name}: {_over(page['p95_ms'], page['target_ms'], 'ms')}")
    if page["first_ms"] > COLD_MS:
        out.append(f"cold {name}: {_over(page['first_ms'], COLD_MS, 'ms')}")
    if page["ratio"] > MAX_PAGE_SQL_RATIO:
        extra = page["median_ms"] - MAX_PAGE_SQL_RATIO * page["sql_median_ms"]
        out.append(f"page/SQL of {name}: {page['ratio']:.1f}× > {MAX_PAGE_SQL_RATIO:.0f}×: "
                   f"{extra:,.0f} ms of rendering over ({page['median_ms']:.1f} ms for {page['sql_median_ms']:.1f} ms "
                   f"of SQL)")
    return out


def release_misses(result: dict) -> list[str]:
    """A page whose first reader after ``warm_cache`` waited past the cold target, or that failed."""
    out = []
    for row in result["pages"]:
        for step, what in (("warm", "warm_cache's request for"), ("after", "the first reader after warm_cache of")):
            if row[step]["status"] != 200:
                out.append(f"new release: {what} {row['url']} answered {row[step]['status']}")
        if row["after"]["status"] == 200 and row["after"]["ms"] > COLD_MS:
            out.append(f"new release: the first reader after warm_cache of {row['url']}: "
                       f"{_over(row['after']['ms'], COLD_MS, 'ms')}")
    return out


def load_misses(section: str, result: dict) -> list[str]:
    label = "with the page cache" if section == "load" else "without the page cache"
    if section == "load_uncached_4":
        label += ", 4 workers"
    if section == "load_fragments":
        label += ", fragments kept"
    out = []
    if result["requests_per_second"] < LOAD_RPS[section]:
        out.append(f"req/s {label}: {_under(result['requests_per_second'], LOAD_RPS[section], 'req/s')}")
    if result["p99_ms"] >= LOAD_P99_MS:
        out.append(f"p99 {label}: {_over(result['p99_ms'], LOAD_P99_MS, 'ms')}")
    if result["errors"]:
        out.append(f"errors {label}: {result['errors']:,} (of {result['requests']:,} requests)")
    if result.get("reports_made"):  # the load test measures pages: a report there is the bench's own mistake
        out.append(f"load {label}: asked for {result['reports_made']} report(s); it should ask for none")
    return out


def export_misses(result: dict) -> list[str]:
    """Every export request of the exports section held over EXPORT_HELD_S, or not answered as it should
    be: in the request 200 with the file, a report's request 303 to its page (then the file made)."""
    out = []
    for request in result.get("requests") or _legacy_requests(result):
        what, url, status, seconds = request["what"], request["url"], str(request.get("status")), request["seconds"]
        expected = "303" if what.endswith("report request") else "200"
        if seconds is None:
            out.append(f"{what} {url}: failed ({status})")
            continue
        if not status.startswith(expected):
            out.append(f"{what} {url}: answered {status}, not {expected}")
        if seconds > EXPORT_HELD_S:
            out.append(f"{what} {url} held its request {_over(seconds, EXPORT_HELD_S, 's', 1)}")
    for fmt, report in (result.get("reports") or {}).items():
        if "error" in report:
            if str(report.get("status", "")).startswith("303"):
                out.append(f"{fmt.upper()} report {report['url']}: {report['error']}")
            continue
        if report.get("page", {}).get("state") != "ready":
            out.append(f"{fmt.upper()} report {report['url']}: made, but its page says {report.get('page')}")
        if fmt in ("csv", "json") and report.get("rows_in_file") != report.get("items"):
            out.append(f"{fmt.upper()} report {report['url']}: the file ends with {report.get('rows_in_file')} rows, "
                       f"not the {report.get('items')} asked for")
    return out


def _legacy_requests(result: dict) -> list[dict]:
    """A results.json written before reports (a PDF made three times and a CSV, both in the request)."""
    runs = [*result.get("pdf", {}).get("runs", []), *([result["csv"]] if "csv" in result else [])]
    return [{"what": "PDF in the request" if "pdf" in r.get("url", "") else "CSV in the request",
             "url": r.get("url", ""), "status": r.get("status", r.get("error", "?")), "seconds": r.get("seconds")}
            for r in runs]


def hostile_misses(result: dict) -> list[str]:
    out = []
    home = result.get("home", {})
    if home.get("requests") == 0:
        out.append(f"home under attack: not one request answered in {result.get('seconds', '?')} s")
    if "p99_ms" in home and home["p99_ms"] >= LOAD_P99_MS:
        out.append(f"home p99 under attack: {_over(home['p99_ms'], LOAD_P99_MS, 'ms')}")
    if home.get("non_2xx") or home.get("timeouts"):
        out.append(f"home under attack: {home.get('non_2xx', 0):,} errors, {home.get('timeouts', 0):,} timeouts")
    if result.get("server_errors"):
        out.append(f"under attack: {result['server_errors']} gunicorn worker timeouts")
    exports = result.get("exports") or {}
    if over := [s for s in exports.get("seconds", []) if s > EXPORT_HELD_S]:
        slowest = exports["slowest"][0]
        out.append(f"export requests under attack: {len(over):,} of {exports['count']:,} held their worker over "
                   f"{EXPORT_HELD_S:.0f} s; the slowest, {slowest['url']} ({slowest['status']}), "
                   f"{_over(slowest['seconds'], EXPORT_HELD_S, 's', 1)}")
    return out


def extraction_misses(rows: list[dict]) -> list[str]:
    corpus = next((r for r in rows if r["name"].startswith("corpus")), None)
    if corpus and corpus["articles_per_second"] < TARGET_ARTICLES_PER_CORE:
        return [f"extraction on one core: {_under(corpus['articles_per_second'], TARGET_ARTICLES_PER_CORE, 'articles/s')}"
                " (1,000-word articles)"]
    return []


def import_misses(result: dict) -> list[str]:
    rate = result["articles_per_second_per_core"]
    out = []
    if rate < TARGET_ARTICLES_PER_CORE:
        out.append(f"batch import per core: {_under(rate, TARGET_ARTICLES_PER_CORE, 'articles/s')}")
    if result.get("failed"):
        out.append(f"batch import: {result['failed']} articles failed")
    return out


def misses(measured: dict) -> list[str]:
    """Every target missed in ``measured`` (sections as saved), each with how far off it is."""
    out: list[str] = []
    if rows := measured.get("extraction"):
        out += extraction_misses(rows)
    for page in measured.get("pages") or []:
        out += page_misses(page)
    for section, check in (("import", import_misses), ("release", release_misses), ("exports", export_misses), ("load", None),
                           ("load_uncached", None), ("load_uncached_4", None), ("load_fragments", None), ("hostile", hostile_misses)):
        result = measured.get(section)
        if not result or "skipped" in result or "error" in result:
            continue
        out += check(result) if check else load_misses(section, result)
    return out


def summary(measured: dict) -> list[str]:
    """The lines the bench ends with: each miss, what was not measured and why, or that all was met."""
    lines = [f"  MISS {miss}" for miss in misses(measured)]
    for section in SECTIONS:
        result = measured.get(section)
        if isinstance(result, dict) and ("skipped" in result or "error" in result):
            lines.append(f"  not measured: {section} ({result.get('skipped') or result.get('error')})")
    absent = [s for s in SECTIONS if s not in measured]
    if absent:
        lines.append(f"  not run this time: {', '.join(absent)}")
    if not any(line.startswith("  MISS") for line in lines):
        lines.insert(0, "  every target measured was met")
    return lines
