"""Two app processes on one database, as two hosts of one release: the other runs from a checkout of
its own (of the same commit), and they share the cache and see each other's invalidation, counts
and whole pages alike, through the PostgreSQL cache tables as deployed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings
from django.db import connection

from articles import summaries
from articles.models import Quote
from config.env import release_id
from tests.builders import make_dataset

BASE_DIR = Path(__file__).resolve().parent.parent
# The other host: the project's settings on the test database, answering one command per line.
OTHER_HOST = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
import django
django.setup()
from django.conf import settings
from django.test import Client
from articles import summaries
from articles.models import Quote
settings.STORAGES = {**settings.STORAGES,  # as in the tests: static/ read directly, no manifest
                     "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
client = Client()
print(json.dumps(settings.CACHES["default"]["KEY_PREFIX"]), flush=True)
for line in sys.stdin:
    command, _, argument = line.strip().partition(" ")
    if command == "count":
        answer = summaries.count(Quote.objects.visible())
    elif command == "get":
        response = client.get(argument)
        answer = [response.status_code, response.get("X-Page-Cache"), response.content.decode()]
    elif command == "wait":
        summaries.wait_for_refreshes()
        answer = "recounted"
    else:
        quote = Quote.objects.order_by("pk").first()
        Quote.objects.create(article=quote.article, passage=quote.passage, speaker_text="a diplomat",
                             text=argument, start=quote.start, end=quote.end)
        answer = "written"
    print(json.dumps(answer), flush=True)
"""


def git(*args: str, cwd: Path = BASE_DIR) -> str:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=True).stdout.strip()


class OtherHost:
    def __init__(self, checkout: Path) -> None:
        env = {**os.environ, "PAGE_CACHE": "true", "DEBUG": "false", "ALLOWED_HOSTS": "testserver"}
        name = connection.settings_dict["NAME"]  # the test database
        if env.get("DATABASE_URL"):
            env["DATABASE_URL"] = urlunsplit(urlsplit(env["DATABASE_URL"])._replace(path=f"/{name}"))
        else:  # the same private server: its data folder and secret key live in var/
            env["DATABASE_NAME"] = name
            (checkout / "var").symlink_to(BASE_DIR / "var")
        self.process = subprocess.Popen([sys.executable, "-c", OTHER_HOST], cwd=checkout, env=env, text=True,
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        self.key_prefix = self._answer()

    def __call__(self, command: str):
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        return self._answer()

    def _answer(self):
        line = self.process.stdout.readline()
        assert line, f"the other host stopped (exit code {self.process.poll()})"
        return json.loads(line)

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture
def other_host(transactional_db):
    """The other host, on a fresh checkout of this commit (its files have other modification times)."""
    with tempfile.TemporaryDirectory(prefix="commentariat-") as folder:  # short: the socket path has a limit
        checkout = Path(folder)
        git("clone", "--quiet", "--shared", "--no-checkout", str(BASE_DIR), str(checkout))
        git("checkout", "--quiet", git("rev-parse", "HEAD"), cwd=checkout)
        host = OtherHost(checkout)
        yield host
        host.stop()


def add_quote_unannounced() -> None:
    """A row the cache is not told about (raw SQL): a count served afterwards was cached before."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_quote (article_id, passage_id, speaker_kind, speaker_text, text, start, \"end\", cue, "
            "kind, confidence, status, version, created_at, updated_at) SELECT article_id, passage_id, speaker_kind, "
            "speaker_text, text, start, \"end\", cue, kind, confidence, status, version, now(), now() "
            "FROM articles_quote ORDER BY id LIMIT 1"
        )


def add_quote(text: str) -> None:
    quote = Quote.objects.order_by("pk").first()
    Quote.objects.create(article=quote.article, passage=quote.passage, speaker_text="a diplomat", text=text,
                         start=quote.start, end=quote.end)


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_cache
def test_two_hosts_of_one_release_share_their_cache_keys(other_host):
    make_dataset()
    assert other_host.key_prefix == settings.CACHES["default"]["KEY_PREFIX"]  # not the files' modification times
    assert settings.CACHES["default"]["KEY_PREFIX"] == settings.RELEASE
    counted = summaries.count(Quote.objects.visible())  # counted and cached by this host
    add_quote_unannounced()
    assert other_host("count") == counted  # this host's count, from the shared cache, not recounted


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_cache
def test_a_write_on_one_host_refreshes_the_counts_of_the_other(other_host):
    make_dataset()
    before = other_host("count")  # counted and cached by the other host
    add_quote("Words from this host")  # a new generation when it commits
    assert other_host("count") == before + 1
    other_host("quote Words from the other host")
    assert summaries.count(Quote.objects.visible()) == before + 2


@pytest.mark.django_db(transaction=True)
@pytest.mark.real_cache
def test_a_page_kept_by_one_host_is_invalidated_by_a_write_on_the_other(client, other_host):
    make_dataset()
    assert other_host("get /quotes/")[1] == "miss"
    assert other_host("get /quotes/")[1] == "hit"
    assert client.get("/quotes/")["X-Page-Cache"] == "hit"  # the page one host made serves the other

    other_host("quote Words from the other host")
    page = client.get("/quotes/")
    assert "Words from the other host" in page.content.decode()  # the list itself is read live
    # Its counts are the last generation's while this host recounts them in the background: not kept.
    assert "X-Page-Cache" not in page
    summaries.wait_for_refreshes()
    assert client.get("/quotes/")["X-Page-Cache"] == "miss"  # recounted: made afresh and kept

    add_quote("Words from this host")
    status, state, html = other_host("get /quotes/")
    assert (status, state) == (200, None)
    assert "Words from this host" in html
    assert other_host("wait") == "recounted"
    assert other_host("get /quotes/")[:2] == [200, "miss"]
    assert other_host("get /quotes/")[:2] == [200, "hit"]


def test_the_release_is_the_environments_else_the_commit_else_a_constant(monkeypatch, tmp_path):
    monkeypatch.setenv("RELEASE", "2026.12.03")
    assert release_id(BASE_DIR) == "2026.12.03"
    monkeypatch.delenv("RELEASE")
    assert release_id(BASE_DIR) == git("rev-parse", "--short=12", "HEAD")  # the same in every checkout of it
    assert release_id(tmp_path) == "commentariat"  # no git here
