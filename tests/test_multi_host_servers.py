"""Two app servers and a task worker on one database, as the README's deployment past one machine:
an editor's write through one server is seen, invalidated and exported correctly through the other
(issue 15, item 4). Real processes over real HTTP: gunicorn twice and `manage.py db_worker`."""

from __future__ import annotations

import csv
import io
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from articles.models import Quote
from bench.load import free_port, stop
from tests.builders import make_dataset
from tests.editors import PASSWORD, make_editor
from tests.test_history import FormFields

BASE_DIR = Path(__file__).resolve().parent.parent
WAIT_S = 60


def host_env(reports: Path) -> dict[str, str]:
    env = {
        **os.environ, "DEBUG": "true", "PAGE_CACHE": "true", "ALLOWED_HOSTS": "127.0.0.1",
        "REPORT_BACKGROUND_ROWS": "5", "REPORTS_ROOT": str(reports),
        # One test client stands for many readers here: no per-address limits.
        "RATE_LIMIT_SEARCH": "off", "RATE_LIMIT_EXPORT": "off", "RATE_LIMIT_PDF": "off",
        "RATE_LIMIT_SERVER_TIME": "off", "RATE_LIMIT_LOGIN": "off",
    }
    db = connection.settings_dict
    if env.get("DATABASE_URL"):  # the test database, on the same server
        env["DATABASE_URL"] = urlunsplit(urlsplit(env["DATABASE_URL"])._replace(path=f"/{db['NAME']}"))
    else:
        # The private server's socket, as any client of it: the servers must not start or stop it.
        env["DATABASE_URL"] = f"postgres://{db['USER']}@{urllib.parse.quote(db['HOST'], safe='')}/{db['NAME']}"
    env["SECRET_KEY"] = settings.SECRET_KEY  # every host of a deployment shares it
    return env


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=BASE_DIR, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


class Host:
    """One app server, and a browser's cookies for it."""

    def __init__(self, port: int) -> None:
        self.base = f"http://127.0.0.1:{port}"
        self.cookies = CookieJar()
        no_redirects = type("NoRedirects", (urllib.request.HTTPRedirectHandler,),
                            {"redirect_request": lambda *args, **kwargs: None})
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies), no_redirects)

    def request(self, path: str, data: dict | None = None) -> tuple[int, dict[str, str], str]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, body, timeout=30) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as answer:  # 3xx and 4xx come back as errors here
            return answer.code, dict(answer.headers), answer.read().decode()

    def wait_until_up(self, process: subprocess.Popen) -> None:
        deadline = time.monotonic() + WAIT_S
        while time.monotonic() < deadline:
            assert process.poll() is None, f"the server on {self.base} exited with {process.returncode}"
            try:
                if self.request("/")[0] == 200:
                    return
            except OSError:
                time.sleep(0.3)
        raise AssertionError(f"{self.base} did not answer within {WAIT_S} s")

    def log_in(self, username: str) -> None:
        status, _, html = self.request("/admin/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, headers, _ = self.request("/admin/login/?next=/admin/", {
            "username": username, "password": PASSWORD, "csrfmiddlewaretoken": token, "next": "/admin/",
        })
        assert status == 302 and headers["Location"] == "/admin/", status

    def csrf(self) -> str:
        return next(c.value for c in self.cookies if c.name == "csrftoken")


def quote_total(html: str) -> int:
    return int(re.search(r"([\d,]+) quotes?</", html).group(1).replace(",", ""))


@pytest.fixture
def hosts(transactional_db, tmp_path):
    env = host_env(tmp_path / "reports")  # one folder all hosts share, as the README asks
    ports = free_port(), free_port()
    python = str(Path(sys.executable))
    processes = [
        start([python, "-m", "gunicorn", "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1",
               "--timeout", "60"], env)
        for port in ports
    ]
    processes.append(start([python, "manage.py", "db_worker"], env))
    try:
        servers = [Host(port) for port in ports]
        for server, process in zip(servers, processes, strict=False):
            server.wait_until_up(process)
        yield servers
    finally:
        for process in processes:
            stop(process)


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_cache  # the servers' caches are the database's tables: emptied first, as the servers share them
def test_an_editors_write_through_one_server_is_seen_and_exported_through_the_other(hosts):
    make_dataset()  # committed: the servers read it from the same database
    make_editor("ed")
    one, other = hosts
    shown = quote_total(other.request("/quotes/")[2])
    assert shown == Quote.objects.visible().count() > 5
    assert other.request("/quotes/")[1].get("X-Page-Cache") == "hit"  # kept by the other server

    # The editor rejects a quote through the first server's review queue.
    one.log_in("ed")
    quote = Quote.objects.filter(status=Quote.Status.MACHINE).order_by("pk").first()
    change = f"/admin/articles/quotereview/{quote.pk}/change/"
    status, _, form = one.request(change)
    assert status == 200
    status, _, _ = one.request(change, {**FormFields.of(form), "csrfmiddlewaretoken": one.csrf(), "_reject": "1"})
    assert status == 302
    quote.refresh_from_db()
    assert quote.status == Quote.Status.REJECTED

    # The other server drops the page it kept: the list and its total are current at once, its facets
    # are the last generation's while the server recounts them in the background, so the page is not
    # kept until they are; then it is made afresh.
    status, headers, html = other.request("/quotes/")
    assert status == 200 and quote_total(html) == shown - 1
    deadline = time.monotonic() + WAIT_S
    while headers.get("X-Page-Cache") != "miss" and time.monotonic() < deadline:
        assert headers.get("X-Page-Cache") is None  # never the page kept before the write
        time.sleep(0.2)
        status, headers, html = other.request("/quotes/")
    assert (status, headers.get("X-Page-Cache")) == (200, "miss")
    assert quote_total(html) == shown - 1

    # An export asked of the other server becomes a report, made by the worker and fetched from the first.
    status, headers, _ = other.request("/quotes/?format=csv")
    assert status == 303
    report_page = urlsplit(headers["Location"]).path
    deadline, download = time.monotonic() + WAIT_S, None
    while download is None and time.monotonic() < deadline:
        status, _, html = one.request(report_page)
        assert status == 200, html
        found = re.search(r'href="(/reports/[^"]+/download/?[^"]*)"', html)
        download = found.group(1) if found else time.sleep(0.5)
    assert download, "the worker did not make the report in time"
    status, headers, body = one.request(download)
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    rows = [row for row in csv.reader(io.StringIO(body.lstrip("\ufeff"))) if row and not row[0].startswith("#")]
    assert len(rows) - 1 == shown - 1  # the header, then every visible quote: the rejected one is not there
    assert body.rstrip().endswith(f"# END OF EXPORT: {shown - 1} rows")
