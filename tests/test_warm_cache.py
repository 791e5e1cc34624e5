"""``manage.py warm_cache`` (articles/warming.py): a new release counts its archive-wide summaries
once, before readers come, so that no reader waits for a first count."""

from __future__ import annotations

import io
import re

import pytest
from django.core.cache import caches
from django.core.management import CommandError, call_command
from django.db import connection
from django.http import HttpResponse
from django.urls import include, path

from articles import summaries, warming
from articles.models import Theme
from articles.views.common import reader_view
from tests.builders import make_dataset

pytestmark = pytest.mark.django_db
LOCMEM = "django.core.cache.backends.locmem.LocMemCache"


timeouts_seen: list[str] = []


@reader_view
def _statement_timeout(request):
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        timeouts_seen.append(cursor.fetchone()[0])
    return HttpResponse(timeouts_seen[-1])


urlpatterns = [path("test-timeout/", _statement_timeout), path("", include("articles.urls"))]


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("warm_cache", *args, "--no-progress", stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.fixture
def recounts(monkeypatch) -> list[str]:
    """The summaries counted, by key, from now on."""
    keys: list[str] = []
    original = summaries._recount

    def recording(key, current, compute):
        keys.append(key)
        return original(key, current, compute)

    monkeypatch.setattr(summaries, "_recount", recording)
    return keys


def test_it_requests_every_page_of_the_navigation_and_each_theme():
    make_dataset()
    output = run()
    for url in ("/", "/articles/", "/people/", "/themes/", "/sources/", "/countries/", "/speakers/", "/quotes/", "/figures/"):
        assert re.search(rf"^200 +\d+ ms  {re.escape(url)}$", output, re.MULTILINE), url
    for theme in Theme.objects.all():
        assert re.search(rf"^200 +\d+ ms  {re.escape(theme.get_absolute_url())}$", output, re.MULTILINE)
    assert f"{len(warming.PAGES) + Theme.objects.count()} of {len(warming.PAGES) + Theme.objects.count()} pages warmed" in output


def test_a_reader_after_it_counts_nothing(client, recounts):
    make_dataset()
    run()
    assert recounts  # the warm-up counted
    recounts.clear()
    for url in ("/", "/quotes/", "/themes/", f"{Theme.objects.first().get_absolute_url()}"):
        assert client.get(url).status_code == 200
    assert recounts == []


def test_it_fills_the_page_cache_for_the_host_readers_use(client, settings):
    settings.PAGE_CACHE = True
    settings.ALLOWED_HOSTS = [".commentariat.example", "testserver"]
    make_dataset()
    run()
    assert client.get("/quotes/", HTTP_HOST="commentariat.example")["X-Page-Cache"] == "hit"
    assert client.get("/quotes/")["X-Page-Cache"] == "miss"  # another host's URL is another page


def test_a_page_that_fails_is_named_and_the_rest_are_warmed():
    make_dataset()
    with pytest.raises(CommandError) as error:
        run("/people/nobody-of-that-name/")
    assert "failed: /people/nobody-of-that-name/ (404)" in str(error.value)
    total = len(warming.PAGES) + Theme.objects.count() + 1
    assert f"{total - 1} of {total} pages warmed" in str(error.value)


def test_it_refuses_an_argument_that_is_not_a_path():
    with pytest.raises(CommandError, match="not a path on this site"):
        run("https://elsewhere.example/")


def test_it_refuses_a_host_the_site_would_refuse(settings):
    settings.ALLOWED_HOSTS = ["commentariat.example"]
    with pytest.raises(CommandError, match=r"elsewhere\.example is not in ALLOWED_HOSTS"):
        run("--host", "elsewhere.example")


def test_its_requests_are_not_rate_limited_and_a_client_cannot_claim_to_be_it(client, settings):
    settings.CACHES = {**settings.CACHES, "ratelimit": {"BACKEND": LOCMEM, "LOCATION": "warming-rates"}}
    settings.RATE_LIMITS = {**dict.fromkeys(settings.RATE_LIMITS), "server_time": (1, 60)}
    caches["ratelimit"].clear()
    make_dataset()
    assert "pages warmed" in run()  # every page, though one millisecond a minute is all an address may spend
    assert client.get("/quotes/").status_code == 200  # spends this address's millisecond
    pretending = client.get("/quotes/", headers={warming.WARMING: "1"}, **{f"HTTP_{warming.WARMING.upper()}": "1"})
    assert pretending.status_code == 429


@pytest.mark.urls(__name__)
def test_its_requests_get_the_background_timeout_not_a_readers(client, settings):
    settings.STATEMENT_TIMEOUT_MS = 1234
    timeouts_seen.clear()
    [warmed] = warming.warm(["/test-timeout/"])
    assert warmed.status == 200
    assert timeouts_seen == ["2min"]  # warming.STATEMENT_TIMEOUT_MS, as PostgreSQL shows it
    assert client.get("/test-timeout/").content == b"1234ms"  # a reader's request after it
