from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

CORPUS_DIR = Path(__file__).resolve().parent.parent / "articles" / "corpus"
CORPUS_FILES = sorted(CORPUS_DIR.glob("*.txt"))
CHROMIUM = "/usr/bin/chromium"

# Playwright's sync API keeps an event loop running in the test thread; Django's ORM,
# used by the same tests to build data, would otherwise refuse to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def expected() -> dict:
    return json.loads((CORPUS_DIR / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def corpus(db):
    """Both corpus articles imported and analysed."""
    from articles.importing import import_paths

    outcomes = import_paths(CORPUS_FILES)
    assert all(o.article for o in outcomes), [str(o) for o in outcomes]
    return {Path(o.name).name: o.article for o in outcomes}


@pytest.fixture
def editor(client, db):
    """An editor (the Editors group, not a superuser), signed in on the test client."""
    from tests.editors import make_editor

    user = make_editor()
    client.force_login(user)
    return user


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Debian's Chromium: Playwright cannot download its own browser here.
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
    }


@pytest.fixture(autouse=True)
def plain_static_files(request):
    # Deployments serve hashed files from collectstatic's manifest; tests read static/ directly.
    # (tests/analysis also runs without Django, with -p no:django.)
    if not request.config.pluginmanager.hasplugin("django"):
        return
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture(autouse=True)
def report_files(request, tmp_path):
    """Report files (large exports made by the worker) in a folder of the test's own, not var/."""
    if not request.config.pluginmanager.hasplugin("django"):
        return None
    settings = request.getfixturevalue("settings")
    settings.STORAGES = {**settings.STORAGES, "reports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": str(tmp_path / "reports")},
    }}
    return tmp_path / "reports"


@pytest.fixture(autouse=True)
def local_caches(request):
    """Summaries cached as deployed (invalidated by the generation, articles/summaries.py), but in
    local memory, empty at the start of each test. Whole pages are kept only where a test turns
    PAGE_CACHE on (tests/test_page_cache.py): many tests repeat a request to count it. No rate
    limits either, unless a test adds the "ratelimit" cache. ``real_cache`` tests use the
    PostgreSQL cache tables themselves (emptied too: a transactional test's entries outlive the
    tests' flush)."""
    if not request.config.pluginmanager.hasplugin("django"):
        return
    from django.core.cache import caches

    settings = request.getfixturevalue("settings")
    if request.node.get_closest_marker("real_cache"):
        marker = request.node.get_closest_marker("django_db")  # the cache tables live in the test database
        request.getfixturevalue("transactional_db" if marker and marker.kwargs.get("transaction") else "db")
    else:
        locmem = "django.core.cache.backends.locmem.LocMemCache"
        settings.CACHES = {alias: {"BACKEND": locmem, "LOCATION": f"test-{alias}"} for alias in ("default", "pages")}
        settings.PAGE_CACHE = False
    for alias in ("default", "pages"):
        caches[alias].clear()


@pytest.fixture(scope="session", autouse=True)
def short_lived_connections(request):
    # The live server answers each request in a thread of its own; with persistent
    # connections those threads would keep the test database open past teardown.
    if request.config.pluginmanager.hasplugin("django"):
        from django.db import connections

        connections.settings["default"]["CONN_MAX_AGE"] = 0


@pytest.fixture(autouse=True)
def reference_data(request):
    """Countries, themes and the Editors group come from data migrations; a transactional test
    truncates every table when it ends, so the tests after it get them back here (whatever kind
    they are: pytest-django's ordering puts some plain tests after transactional ones)."""
    marker = request.node.get_closest_marker("django_db")
    if marker is None:
        return
    from django.apps import apps

    from articles.models import Country, Theme
    from articles.seeding import grant_editor_permissions, seed_countries, seed_themes

    request.getfixturevalue("transactional_db" if marker.kwargs.get("transaction") else "db")
    if Country.objects.exists() and Theme.objects.exists():
        return
    if not Country.objects.exists():
        seed_countries(Country)
    if not Theme.objects.exists():
        seed_themes(Theme)
    grant_editor_permissions(apps)
    if not marker.kwargs.get("transaction"):
        # Seeding inside the test's transaction queued the cache's "archive changed" hook; the
        # test must start with none queued, as it would on a database that was never flushed.
        from django.db import connection

        connection.run_on_commit.clear()
