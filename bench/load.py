"""Benchmarks that need processes of their own: gunicorn under wrk, and exports' time and memory.

Only ever 127.0.0.1; every subprocess is started here, bounded in time, and stopped by its pid.
"""

from __future__ import annotations

import json
import os
import re
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qs

HOST = "127.0.0.1"
BASE_DIR = Path(__file__).resolve().parents[1]
PYTHON = sys.executable

# wrk calls request() for each request: the URLs are taken in turn. done() prints one JSON line,
# with the 95th percentile that wrk's own --latency report leaves out.
WRK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i])
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "duration_us": %%d, "connect_errors": %%d, "read_errors": %%d, ' ..
    '"write_errors": %%d, "status_errors": %%d, "timeouts": %%d, "p50_us": %%d, "p95_us": %%d, ' ..
    '"p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


# The settings (config/settings.py RATE_LIMITS) that, left on, would answer a load test's or an
# export's repeated requests from 127.0.0.1 with 429s; only the hostile section measures them.
RATE_LIMIT_VARIABLES = ("RATE_LIMIT_SEARCH", "RATE_LIMIT_EXPORT", "RATE_LIMIT_PDF", "RATE_LIMIT_SERVER_TIME")


def server_env(database_name: str | None, *, page_cache: bool = True, limits: bool = True,
               fragments: bool = True) -> dict[str, str]:
    from django.conf import settings

    env = {**os.environ, "DEBUG": "false", "PYTHONPATH": str(BASE_DIR), "PAGE_CACHE": "true" if page_cache else "false",
           "FRAGMENT_CACHE": "true" if fragments else "false"}
    if not limits:
        env.update(dict.fromkeys(RATE_LIMIT_VARIABLES, "off"))
    if database_name and not settings.DATABASE_URL:
        env["DATABASE_NAME"] = database_name
    return env


def _wait_until_up(url: str, process: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                response.read()
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"gunicorn did not answer {url} within {timeout_s:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """Stop a process this module started (in a session of its own), by its process group: never more."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


def start_worker(database_name: str | None) -> subprocess.Popen:
    """``manage.py db_worker`` on the benchmark database, as ``make run`` starts it beside the web server
    (checking the queue every 0.2 s rather than every second, so a report's wait is the queue's, not
    the poll's). Its log is var/bench/worker.log; stop it with :func:`stop`."""
    log_path = BASE_DIR / "var" / "bench" / "worker.log"
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "ab") as log:
        return subprocess.Popen(
            [PYTHON, "manage.py", "db_worker", "--interval", "0.2", "--no-startup-delay", "--recover-every", "0"],
            cwd=BASE_DIR, env=server_env(database_name, limits=False), stdout=log, stderr=log, start_new_session=True)


def _drive(process: subprocess.Popen, wrk: str, paths: list[str], port: int, *, seconds: int, connections: int,
           threads: int, workers: int) -> subprocess.CompletedProcess:
    base = f"http://{HOST}:{port}"
    _wait_until_up(base + paths[0], process, timeout_s=90)
    for path in paths:  # each worker loads templates and connects on its first requests
        for _ in range(workers * 2):
            _wait_until_up(base + path, process, timeout_s=90)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % ", ".join(json.dumps(p) for p in paths))
    try:
        command = [wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "-s", script.name,
                   base]
        return subprocess.run(command, capture_output=True, text=True, timeout=seconds + 60, check=False)
    finally:
        os.unlink(script.name)


def load_test(paths: list[str], *, database_name: str | None, seconds: int = 30, connections: int = 50,
              workers: int = 2, threads: int = 2, page_cache: bool = True, fragments: bool = True) -> dict:
    """gunicorn (``workers`` sync workers) serving ``paths`` in turn to wrk at ``connections`` connections;
    ``page_cache`` off makes every request render its page."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk is not installed (make bench installs it: apt-get install wrk)"}
    port = free_port()
    gunicorn = [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi", "--workers", str(workers), "--bind",
                f"{HOST}:{port}", "--timeout", "60", "--log-level", "warning"]
    log_path = BASE_DIR / "var" / "bench" / "gunicorn.log"  # the workers' errors, if any, for a post-mortem
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with open(log_path, "wb") as log:
        process = subprocess.Popen(gunicorn, cwd=BASE_DIR, env=server_env(database_name, page_cache=page_cache, fragments=fragments, limits=False),
                                   stdout=log, stderr=log, start_new_session=True)
        try:
            run = _drive(process, wrk, paths, port, seconds=seconds, connections=connections, threads=threads,
                         workers=workers)
        finally:
            stop(process)
    line = next((x for x in run.stdout.splitlines() if x.startswith("WRK_JSON ")), None)
    if line is None:
        return {"error": f"wrk gave no result: {run.stdout[-500:]} {run.stderr[-500:]}"}
    raw = json.loads(line.removeprefix("WRK_JSON "))
    errors = sum(raw[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts"))
    return {
        "paths": paths, "page_cache": page_cache, "workers": workers, "connections": connections, "seconds": seconds,
        "requests": raw["requests"], "requests_per_second": raw["requests"] / (raw["duration_us"] / 1e6),
        "p50_ms": raw["p50_us"] / 1000, "p95_ms": raw["p95_us"] / 1000, "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000, "errors": errors, "error_detail": raw,
    }


# -- hostile load: expensive URLs looped while readers use the home page ----------------------

# The attackers' script: each request takes the next expensive path and adds a counter, so no
# two requests share a cache entry. 2xx, 4xx (a refusal or a 429) and 5xx are counted apart.
ATTACK_SCRIPT = """
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  local path = paths[i %% #paths + 1]
  local sep = string.find(path, "?", 1, true) and "&" or "?"
  return wrk.format("GET", path .. sep .. "r=" .. i)
end
done = function(summary, latency, requests)
  io.write(string.format(
    'WRK_JSON {"requests": %%d, "duration_us": %%d, "timeouts": %%d, "status_errors": %%d, "read_errors": %%d, ' ..
    '"p50_us": %%d, "p99_us": %%d, "max_us": %%d}\\n',
    summary.requests, summary.duration, summary.errors.timeout, summary.errors.status, summary.errors.read,
    latency:percentile(50), latency:percentile(99), latency.max))
end
"""


def hostile_load(attack_paths: list[str], *, database_name: str | None, seconds: int = 30, attackers: int = 4,
                 readers: int = 2, workers: int = 2) -> dict:
    """gunicorn (``workers`` sync workers, 30 s timeout as deployed); ``attackers`` connections loop the
    expensive ``attack_paths`` while ``readers`` connections load the home page; the readers' latency is
    the figure that matters."""
    wrk = shutil.which("wrk")
    if wrk is None:
        return {"skipped": "wrk is not installed (make bench installs it: apt-get install wrk)"}
    port = free_port()
    base = f"http://{HOST}:{port}"
    log_path = BASE_DIR / "var" / "bench" / "gunicorn-hostile.log"
    access_path = BASE_DIR / "var" / "bench" / "gunicorn-hostile-access.log"  # each request's time: the exports'
    log_path.parent.mkdir(parents=True, exist_ok=True)
    access_path.unlink(missing_ok=True)
    gunicorn = [str(Path(PYTHON).parent / "gunicorn"), "config.wsgi", "--workers", str(workers), "--bind",
                f"{HOST}:{port}", "--timeout", "30", "--log-level", "warning", "--access-logfile", str(access_path),
                "--access-logformat", ACCESS_FORMAT]
    with open(log_path, "wb") as log, tempfile.TemporaryDirectory() as tmp:
        attack_lua, read_lua = Path(tmp) / "attack.lua", Path(tmp) / "read.lua"
        attack_lua.write_text(ATTACK_SCRIPT % ", ".join(json.dumps(p) for p in attack_paths))
        read_lua.write_text(WRK_SCRIPT % json.dumps("/"))
        process = subprocess.Popen(gunicorn, cwd=BASE_DIR, env=server_env(database_name), stdout=log, stderr=log,
                                   start_new_session=True)
        try:
            for _ in range(workers * 2):
                _wait_until_up(base + "/", process, timeout_s=90)
            attack = subprocess.Popen(
                [wrk, "-t1", f"-c{attackers}", f"-d{seconds + 5}s", "--timeout", "40s", "-s", str(attack_lua), base],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(5)  # the attackers first fill both workers
            read = subprocess.run(
                [wrk, "-t1", f"-c{readers}", f"-d{seconds}s", "--timeout", "30s", "-s", str(read_lua), base],
                capture_output=True, text=True, timeout=seconds + 60, check=False)
            attack_out, _ = attack.communicate(timeout=seconds + 60)
        finally:
            stop(process)
    result: dict = {"attack_paths": attack_paths, "attackers": attackers, "readers": readers, "seconds": seconds,
                    "workers": workers}
    for name, output in (("home", read.stdout), ("attack", attack_out)):
        line = next((x for x in output.splitlines() if x.startswith("WRK_JSON ")), None)
        if line is None:
            result[name] = {"error": output[-500:]}
            continue
        raw = json.loads(line.removeprefix("WRK_JSON "))
        result[name] = {
            "requests": raw["requests"], "requests_per_second": raw["requests"] / (raw["duration_us"] / 1e6),
            "p50_ms": raw["p50_us"] / 1000, "p99_ms": raw["p99_us"] / 1000, "max_ms": raw["max_us"] / 1000,
            "timeouts": raw["timeouts"], "non_2xx": raw["status_errors"], "read_errors": raw["read_errors"],
        }
    result["server_errors"] = log_path.read_text(errors="replace").count("WORKER TIMEOUT")
    entries = parse_access_log(access_path.read_text(errors="replace")) if access_path.exists() else []
    result["exports"] = summarise_exports(entries)
    return result


# gunicorn's access log line: status, microseconds from the request read to the response written, path, query.
ACCESS_FORMAT = '%(s)s %(D)s "%(U)s" "%(q)s"'
ACCESS_LINE = re.compile(r'^(\d{3}) (\d+) "([^"]*)" "([^"]*)"$')


def parse_access_log(text: str) -> list[dict]:
    """The requests in an access log written with ACCESS_FORMAT (other lines are skipped)."""
    entries = []
    for line in text.splitlines():
        if found := ACCESS_LINE.match(line.strip()):
            status, micros, path, query = found.groups()
            entries.append({"status": int(status), "seconds": int(micros) / 1e6, "path": path, "query": query})
    return entries


def summarise_exports(entries: list[dict], slowest: int = 5) -> dict:
    """The export requests (those with ``format``) among ``entries``: how many, their answers by status,
    and the slowest, each with the time it held its worker."""
    exports = [e for e in entries if "format" in parse_qs(e["query"])]
    by_status: dict[str, int] = {}
    for entry in exports:
        by_status[str(entry["status"])] = by_status.get(str(entry["status"]), 0) + 1
    ranked = sorted(exports, key=lambda e: e["seconds"], reverse=True)[:slowest]
    return {
        "count": len(exports), "by_status": dict(sorted(by_status.items())),
        "max_seconds": ranked[0]["seconds"] if ranked else None,
        "slowest": [{"url": f"{e['path']}?{e['query']}", "status": e["status"], "seconds": e["seconds"]} for e in ranked],
        "seconds": [e["seconds"] for e in exports],
    }


# -- exports ------------------------------------------------------------------------------------


def measure_export(url: str, *, database_name: str | None, timeout_s: int = 600) -> dict:
    """Time and peak memory of one export, in a fresh process so the peak RSS is the export's own."""
    command = [PYTHON, "-m", "bench.load", url]
    run = subprocess.run(command, cwd=BASE_DIR, env=server_env(database_name, limits=False), capture_output=True,
                         text=True, timeout=timeout_s, check=False)
    line = next((x for x in run.stdout.splitlines() if x.startswith("EXPORT_JSON ")), None)
    if line is None:
        return {"url": url, "error": (run.stderr or run.stdout)[-800:]}
    return json.loads(line.removeprefix("EXPORT_JSON "))


def peak_rss_kb() -> int:
    """This process's peak resident memory. VmHWM, because ru_maxrss survives exec on Linux and
    would report the parent's peak (the bench process) instead of the export's."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _export_child(url: str) -> None:
    """In the child: warm up on a small request, then stream the export and report time, size and memory."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from bench.pages import PageTimer

    timer = PageTimer()
    setup_kb = peak_rss_kb()
    # The same export filtered to nothing: imports, templates and connection, but none of the rows.
    timer.request(f"{url}&from=2999-01-01")
    before_kb = peak_rss_kb()
    started = time.perf_counter()
    environ = timer.factory.get(url, HTTP_HOST=HOST, SERVER_NAME=HOST).environ
    status: list[str] = []
    response = timer.handler(environ, lambda s, h, exc_info=None: status.append(s))
    size = lines = 0
    try:
        for chunk in response:  # consumed and dropped, as a server writing to a socket would
            size += len(chunk)
            lines += chunk.count(b"\n")
    finally:
        response.close()
    seconds = time.perf_counter() - started
    after_kb = peak_rss_kb()
    print("EXPORT_JSON " + json.dumps({
        "url": url, "status": status[0] if status else "?", "seconds": seconds, "bytes": size, "lines": lines,
        "peak_rss_mb": after_kb / 1024, "rss_after_setup_mb": setup_kb / 1024, "rss_before_mb": before_kb / 1024,
        "peak_growth_mb": (after_kb - before_kb) / 1024,
    }))


if __name__ == "__main__":
    _export_child(sys.argv[1])
