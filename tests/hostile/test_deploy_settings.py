"""Item 8, deployment: `check --deploy` is clean in the README's production setup, production
sends HSTS and redirects plain HTTP, and a server started without collected static files says
so instead of failing every page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command

BASE_DIR = Path(__file__).resolve().parents[2]
PROJECT_VARIABLES = {
    "DEBUG", "DATABASE_URL", "SECRET_KEY", "ALLOWED_HOSTS", "CSRF_TRUSTED_ORIGINS", "BEHIND_PROXY", "PROXY_COUNT",
    "SECURE_COOKIES", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD", "PAGE_CACHE", "STATIC_ROOT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",  # set by tests/conftest.py for Playwright, never in a deployment
}
# README, "Deploying for more than one machine" (the database is never reached by these checks).
PRODUCTION = {
    "DATABASE_URL": "postgres://commentariat:secret@db.internal:5432/commentariat",
    "SECRET_KEY": "k3y-for-the-deploy-check-" + "x7Qp2Lm9Zr4Tv8Wn1Ys6" * 3,
    "ALLOWED_HOSTS": "commentariat.example",
    "CSRF_TRUSTED_ORIGINS": "https://commentariat.example",
    "BEHIND_PROXY": "true",
}

PROBE = """
import json
import django
django.setup()
from django.http import HttpResponse
from django.middleware.security import SecurityMiddleware
from django.test import RequestFactory
middleware = SecurityMiddleware(lambda request: HttpResponse("page"))
factory = RequestFactory(HTTP_HOST="commentariat.example")
secure = middleware(factory.get("/", HTTP_X_FORWARDED_PROTO="https"))
plain = middleware(factory.get("/quotes/"))
print(json.dumps({"hsts": secure.get("Strict-Transport-Security"), "plain": [plain.status_code, plain.get("Location")]}))
"""


def run(args: list[str], **variables: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in PROJECT_VARIABLES}
    env.update(DJANGO_SETTINGS_MODULE="config.settings", **variables)
    return subprocess.run([sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120)


def test_check_deploy_is_clean_in_the_documented_production_setup():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout


def test_production_sends_hsts_and_redirects_plain_http():
    answer = json.loads(run(["-c", PROBE], **PRODUCTION).stdout)
    assert answer["hsts"] == "max-age=31536000; includeSubDomains"
    assert answer["plain"] == [301, "https://commentariat.example/quotes/"]

    local = json.loads(run(["-c", PROBE], ALLOWED_HOSTS="commentariat.example").stdout)  # gunicorn on 127.0.0.1
    assert local == {"hsts": None, "plain": [200, None]}


def test_the_web_server_will_not_start_without_collected_static_files(tmp_path):
    result = run(["-c", "import config.wsgi"], STATIC_ROOT=str(tmp_path / "static"))
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert "The static files have not been collected into" in last_line
    assert "run `manage.py collectstatic --noinput` before starting the server" in last_line


def test_static_files_from_an_older_release_are_named(settings, tmp_path):
    from config.startup import require_collected_static

    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}}  # as deployed, uncompressed
    call_command("collectstatic", interactive=False, verbosity=0)
    require_collected_static()  # collected: starts

    manifest = tmp_path / "staticfiles.json"
    collected = json.loads(manifest.read_text())
    del collected["paths"]["css/site.css"]
    manifest.write_text(json.dumps(collected))
    with pytest.raises(ImproperlyConfigured, match=r"from an older release \(1 missing, such as css/site.css\)"):
        require_collected_static()
