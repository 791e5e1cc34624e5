"""With DEBUG off, a missing page and a server error answer with the site's own pages: navigation
there, nothing of the error shown."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns

NAVIGATION = ['href="/articles/"', 'href="/quotes/"', 'href="/people/"', 'href="/themes/"', 'href="/sources/"',
              'href="/countries/"', 'href="/figures/"', 'role="search"']
SECRET = "secret detail of the failure <script>"


def boom(request):
    raise RuntimeError(SECRET)


urlpatterns = [*site_urlpatterns, path("boom/", boom)]


@pytest.fixture
def debug_off(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]
    return settings


def assert_site_page(html: str) -> None:
    for link in NAVIGATION:
        assert link in html, link
    assert "Traceback" not in html and "Django" not in html


@pytest.mark.django_db
def test_a_missing_page_has_the_site_navigation(client, debug_off):
    response = client.get("/no-such-page/<b>x</b>/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_site_page(html)
    assert "<h1>Page not found</h1>" in html
    assert "<b>x</b>" not in html  # the path is shown escaped (quoted), never as markup


@pytest.mark.django_db
def test_a_missing_object_says_page_not_found_and_nothing_more(client, debug_off):
    response = client.get("/articles/no-such-article/")
    assert response.status_code == 404
    html = response.content.decode()
    assert_site_page(html)
    assert "No Article matches" not in html  # the exception's message stays in the logs


def test_a_server_error_has_the_site_navigation_and_no_traceback(debug_off):
    # No database access at all in this test: the 500 page must not need it.
    debug_off.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    html = response.content.decode()
    assert_site_page(html)
    assert "Something went wrong" in html
    assert "secret detail" not in html and "RuntimeError" not in html
