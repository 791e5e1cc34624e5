"""Every reader page runs a bounded number of queries, whatever the size of the data."""

from __future__ import annotations

import pytest

from tests.builders import make_dataset

pytestmark = pytest.mark.django_db

MAX_QUERIES = 12


def page_urls(data: dict) -> list[str]:
    article, person, theme = data["articles"][0], data["people"][0], data["themes"][0]
    quote = article.quotes.first()
    return [
        "/",
        "/articles/",
        f"/articles/?theme={theme.slug}&country=ru&sort=oldest",
        article.get_absolute_url(),
        "/people/",
        f"/people/?theme={theme.slug}&kind=expert",
        person.get_absolute_url(),
        "/themes/",
        theme.get_absolute_url(),
        f"{theme.get_absolute_url()}?source={data['sources'][0].slug}",
        "/sources/",
        data["sources"][0].get_absolute_url(),
        "/countries/",
        "/countries/ru/",
        "/quotes/",
        f"/quotes/?theme={theme.slug}&country=ua&kind=direct&from=2024-01-01&to=2030-01-01",
        quote.get_absolute_url(),
        "/figures/",
        "/search/?q=war",
        "/search/?q=Analist",
    ]


@pytest.mark.parametrize("scale", [1, 10])
def test_every_page_runs_at_most_twelve_queries(client, django_assert_max_num_queries, scale):
    data = make_dataset(scale)
    counts = {}
    for url in page_urls(data):
        with django_assert_max_num_queries(MAX_QUERIES, info=url) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        counts[url] = len(queries)
    print(f"\nqueries per page at scale {scale}×:")
    for url, count in counts.items():
        print(f"  {count:>3}  {url}")


def test_htmx_requests_get_only_the_results_region(client):
    make_dataset(1)
    full = client.get("/quotes/")
    partial = client.get("/quotes/?kind=direct", headers={"HX-Request": "true", "HX-Target": "results"})
    assert b"<html" in full.content and b"<html" not in partial.content
    assert partial.content.lstrip().startswith(b'<div id="results"')
    assert "HX-Request" in partial.headers["Vary"]


def test_a_history_restore_gets_the_whole_page(client):
    make_dataset(1)
    response = client.get(
        "/quotes/?kind=direct",
        headers={"HX-Request": "true", "HX-Target": "results", "HX-History-Restore-Request": "true"},
    )
    assert b"<html" in response.content


def test_an_outlets_and_a_countrys_page_look_their_subject_up_once(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    data = make_dataset(1)
    source = data["sources"][0]
    country = data["articles"][0].country_mentions.first().country
    for url, table, column in [(f"{source.get_absolute_url()}?from=2000-01-01", "articles_source", "slug"),
                               (f"{country.get_absolute_url()}?from=2000-01-01", "articles_country", "code")]:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        lookups = [q["sql"] for q in queries.captured_queries
                   if f'FROM "{table}"' in q["sql"] and f'WHERE "{table}"."{column}" =' in q["sql"]]
        assert len(lookups) == 1, (url, lookups)  # the page's own read; its filters reuse its id


def test_a_filtered_list_read_again_in_its_generation_asks_the_shared_cache_only_for_the_generation(client, monkeypatch):
    from django.core.cache import caches

    from articles import summaries as summaries_module

    data = make_dataset(1)
    url = f"/quotes/?theme={data['themes'][0].slug}"
    assert client.get(url).status_code == 200  # computes and keeps the summaries
    summaries, read = caches["default"], []
    original = summaries.get
    monkeypatch.setattr(summaries, "get", lambda key, *args, **kwargs: read.append(key) or original(key, *args, **kwargs))
    assert client.get(f"{url}&page=1").status_code == 200  # another address: not the page cache's copy
    assert read == [summaries_module.GENERATION_KEY], read  # its facets and total: this process's copies
