"""What a rendered page costs beyond its SQL: no template per list item, no copy of the query
string per link, no column read that the page does not show. Counts, not timings (those are in
``manage.py bench``)."""

from __future__ import annotations

import sys
from datetime import date, timedelta

import pytest
from django.db import connection
from django.http import QueryDict
from django.template.defaultfilters import date as date_filter
from django.test.utils import CaptureQueriesContext

from tests.builders import make_dataset

pytestmark = pytest.mark.django_db


def test_a_quote_list_renders_the_same_templates_for_a_few_quotes_as_for_a_full_page(client):
    data = make_dataset(3)
    few = client.get(f"/quotes/?person={data['people'][0].slug}")
    more = client.get("/quotes/")
    assert 0 < few.content.count(b'<li class="quote-item">') < 5
    assert more.content.count(b'<li class="quote-item">') == 25  # a full page
    assert [t.name for t in more.templates] == [t.name for t in few.templates]


@pytest.mark.parametrize("page", ["person", "theme"])
def test_quote_lists_beside_a_subject_render_no_template_per_quote(client, page):
    data = make_dataset(2)
    url = data["people"][0].get_absolute_url() if page == "person" else data["themes"][0].get_absolute_url()
    response = client.get(url)
    assert response.content.count(b'<li class="quote-item">') >= 2
    names = [t.name for t in response.templates]
    assert len(names) == len(set(names)), names  # nothing is rendered once an item


def test_facet_pager_and_export_links_are_built_without_copying_the_query_string(client, monkeypatch):
    data = make_dataset(3)
    copies = []
    original = QueryDict.copy

    def counted(self):
        if sys._getframe(1).f_code.co_filename.endswith("templatetags/commentariat.py"):  # a link's tag
            copies.append(self)
        return original(self)

    monkeypatch.setattr(QueryDict, "copy", counted)
    theme = data["themes"][0].slug
    response = client.get(f"/quotes/?theme={theme}&kind=direct&kind=partial&page=1")
    html = response.content.decode()
    # The links keep the parameters' order and repeats, drop the page and set or remove their own.
    assert f'href="?theme={theme}&amp;kind=direct&amp;kind=partial&amp;format=csv"' in html
    assert f'href="?theme={theme}&amp;kind=direct"' in html  # a kind's link: the repeated parameter set in its place
    assert not copies, f"{len(copies)} copies of the query string for one page's links"


def test_the_date_filters_write_what_the_date_filter_writes():
    from articles.templatetags.commentariat import iso_date, long_date, short_date

    days = [date(2023, 12, 25) + timedelta(days=n) for n in range(0, 400, 3)] + [date(987, 6, 5)]
    for day in days:
        assert short_date(day) == date_filter(day, "j M Y")
        assert long_date(day) == date_filter(day, "j F Y")
        assert iso_date(day) == date_filter(day, "Y-m-d")
    assert short_date(None) == long_date("") == iso_date(None) == ""


def test_pages_listing_articles_do_not_read_their_imported_text(client):
    data = make_dataset(1)
    article, source = data["articles"][0], data["sources"][0]
    urls = ["/", "/articles/", article.get_absolute_url(), source.get_absolute_url(), "/countries/ru/",
            "/search/?q=war"]
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200, url
        read = [q["sql"] for q in queries.captured_queries if '"articles_article"."raw_text"' in q["sql"]]
        assert not read, (url, read)


def test_a_persons_page_reads_no_quote_themes_it_does_not_show(client):
    data = make_dataset(1)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(data["people"][0].get_absolute_url()).status_code == 200
    # The "Speaks on" counts join the quote themes; a prefetch of each listed quote's themes did too.
    assert not [q["sql"] for q in queries.captured_queries if '"articles_quotetheme"."quote_id" IN' in q["sql"]]


def test_quote_lists_read_neither_their_articles_bodies_nor_timestamps(client):
    data = make_dataset(2)
    country = data["articles"][0].country_mentions.first().country
    for url in ["/quotes/", "/quotes/?kind=direct", country.get_absolute_url()]:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.content.count(b'<li class="quote-item">') >= 2, url
        listing = [q["sql"] for q in queries.captured_queries if 'FROM "articles_quote"' in q["sql"]
                   and '"articles_quote"."text"' in q["sql"]]
        assert listing, url
        for sql in listing:
            assert '"articles_article"."body"' not in sql and '"articles_quote"."created_at"' not in sql, (url, sql)
