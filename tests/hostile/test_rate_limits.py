"""Item 2's rate limits: searches, exports and PDFs per client address, with 429 and Retry-After;
X-Forwarded-For believed only behind the configured proxy."""

from __future__ import annotations

import pytest
from django.core.cache import caches

pytestmark = pytest.mark.django_db

LOCMEM = "django.core.cache.backends.locmem.LocMemCache"
READER, OTHER = "203.0.113.9", "198.51.100.7"


@pytest.fixture
def limits(settings):
    """Small limits, counted in a real cache (the suite swaps caches for dummies)."""
    settings.CACHES = {**settings.CACHES, "ratelimit": {"BACKEND": LOCMEM, "LOCATION": "hostile-rates"}}
    settings.RATE_LIMITS = {"search": (3, 60), "export": (2, 600), "pdf": (1, 600), "login": (20, 900)}
    caches["ratelimit"].clear()
    return settings.RATE_LIMITS


def assert_refused(response, sentence: str, longest: int) -> None:
    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= longest
    html = response.content.decode()
    assert sentence in html
    assert f"try again in {response['Retry-After']} second" in html


def test_searches_past_the_limit_get_429_with_retry_after(client, limits):
    for number in range(3):
        assert client.get("/search/", {"q": f"nato {number}"}, REMOTE_ADDR=READER).status_code == 200
    assert_refused(client.get("/search/", {"q": "nato 4"}, REMOTE_ADDR=READER),
                   "Too many searches from your address", 60)
    assert client.get("/search/", {"q": "nato 4"}, REMOTE_ADDR=OTHER).status_code == 200  # per address


def test_words_on_any_list_page_count_as_searches(client, limits):
    for path in ("/people/", "/quotes/", "/articles/"):
        assert client.get(path, {"q": "putin"}, REMOTE_ADDR=READER).status_code == 200
    assert_refused(client.get("/themes/", {"q": "putin"}, REMOTE_ADDR=READER), "Too many searches", 60)
    assert client.get("/people/", REMOTE_ADDR=READER).status_code == 200  # browsing without words is not searching


def test_exports_past_the_limit_get_429(client, limits):
    assert client.get("/quotes/", {"format": "csv"}, REMOTE_ADDR=READER).status_code == 200
    assert client.get("/people/", {"format": "json"}, REMOTE_ADDR=READER).status_code == 200
    assert_refused(client.get("/articles/", {"format": "md"}, REMOTE_ADDR=READER),
                   "Too many exports from your address", 600)


def test_pdfs_have_a_tighter_limit_of_their_own(client, limits, settings):
    assert client.get("/articles/no-such-article/", {"format": "pdf"}, REMOTE_ADDR=READER).status_code == 404
    assert_refused(client.get("/quotes/", {"format": "pdf"}, REMOTE_ADDR=READER),
                   "Too many PDF exports from your address", 600)
    assert client.get("/quotes/", {"format": "csv"}, REMOTE_ADDR=READER).status_code == 200


def test_the_default_pdf_limit_is_tighter_than_other_exports():
    from django.conf import settings

    (pdfs, pdf_window), (exports, export_window) = settings.RATE_LIMITS["pdf"], settings.RATE_LIMITS["export"]
    assert pdfs / pdf_window < exports / export_window


def test_x_forwarded_for_is_ignored_without_a_proxy(client, limits, settings):
    settings.BEHIND_PROXY = False
    for number in range(3):
        client.get("/search/", {"q": "x"}, REMOTE_ADDR=READER, HTTP_X_FORWARDED_FOR=f"192.0.2.{number}")
    response = client.get("/search/", {"q": "x"}, REMOTE_ADDR=READER, HTTP_X_FORWARDED_FOR="192.0.2.99")
    assert response.status_code == 429  # made-up addresses do not make a new reader


def test_behind_the_proxy_the_address_it_saw_is_counted(client, limits, settings):
    settings.BEHIND_PROXY, settings.PROXY_COUNT = True, 1
    proxy = "10.0.0.2"
    for number in range(3):  # the client forges the leftmost entry; the proxy appends what it saw
        forwarded = f"192.0.2.{number}, {READER}"
        assert client.get("/search/", {"q": "x"}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=forwarded).status_code == 200
    refused = client.get("/search/", {"q": "x"}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=f"192.0.2.99, {READER}")
    assert refused.status_code == 429
    other = client.get("/search/", {"q": "x"}, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=OTHER)
    assert other.status_code == 200  # another reader behind the same proxy has a count of their own


def test_addresses_in_one_ipv6_network_share_a_count(client, limits):
    for host in range(3):
        client.get("/search/", {"q": "x"}, REMOTE_ADDR=f"2001:db8:1:2::{host + 1}")
    assert client.get("/search/", {"q": "x"}, REMOTE_ADDR="2001:db8:1:2:ffff::9").status_code == 429
    assert client.get("/search/", {"q": "x"}, REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_search_pages_served_from_the_page_cache_are_not_counted(client, limits, settings):
    settings.PAGE_CACHE = True
    settings.CACHES = {
        **settings.CACHES,
        **{alias: {"BACKEND": LOCMEM, "LOCATION": f"hostile-{alias}"} for alias in ("default", "pages")},
    }
    for alias in ("default", "pages"):
        caches[alias].clear()
    for _ in range(6):  # one reader reloading the same results: one search, then the cache
        response = client.get("/search/", {"q": "nato"}, REMOTE_ADDR=READER)
        assert response.status_code == 200
    assert response["X-Page-Cache"] == "hit"
    for number in range(2):
        assert client.get("/search/", {"q": f"varied {number}"}, REMOTE_ADDR=READER).status_code == 200
    assert client.get("/search/", {"q": "varied 3"}, REMOTE_ADDR=READER).status_code == 429


def test_counts_live_in_their_own_database_cache_table(client, settings):
    from config.settings import CACHES

    settings.CACHES = {**settings.CACHES, "ratelimit": CACHES["ratelimit"]}  # as deployed: made by a migration
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "search": (1, 60)}
    assert CACHES["ratelimit"]["LOCATION"] == "commentariat_ratelimit"
    assert client.get("/search/", {"q": "x"}, REMOTE_ADDR=READER).status_code == 200
    assert client.get("/search/", {"q": "y"}, REMOTE_ADDR=READER).status_code == 429


def test_an_address_that_spends_its_share_of_server_time_gets_429(client, limits):
    limits["server_time"] = (1, 60)  # one millisecond a minute: any page spends it
    assert client.get("/people/", REMOTE_ADDR=READER).status_code == 200
    assert_refused(client.get("/themes/", REMOTE_ADDR=READER),
                   "Your address has used its share of the server for the moment", 60)
    assert client.get("/themes/", REMOTE_ADDR=OTHER).status_code == 200  # everyone else is served


def test_server_time_is_counted_in_milliseconds_spent(client, limits, rf):
    from articles import ratelimit

    limits["server_time"] = (60_000, 60)
    client.get("/people/", REMOTE_ADDR=READER)
    client.get("/quotes/", REMOTE_ADDR=READER)
    key, _ = ratelimit._window(ratelimit.SERVER_TIME, rf.get("/", REMOTE_ADDR=READER), 60)
    assert 2 <= caches["ratelimit"].get(key) < 60_000  # two pages, a millisecond or more each, far from a minute


def test_the_admin_spends_no_reader_share(client, limits):
    limits["server_time"] = (1, 60)
    client.get("/admin/login/", REMOTE_ADDR=READER)
    client.get("/admin/login/", REMOTE_ADDR=READER)
    assert client.get("/people/", REMOTE_ADDR=READER).status_code == 200
