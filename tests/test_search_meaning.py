"""Search finds what a reader means: a misspelt name gives that person's quotes and articles,
and themes, organisations, outlets and countries are found by name."""

from __future__ import annotations

import json

import pytest

from articles.models import Organisation, Person, Quote, Source
from tests.builders import make_article

pytestmark = pytest.mark.django_db


def _page(client, query: str, **extra) -> str:
    response = client.get("/search/", {"q": query, **extra})
    assert response.status_code == 200
    return response.content.decode()


def test_a_misspelt_name_finds_that_persons_quotes_and_articles(client, corpus):
    person = Person.objects.get(name="Markus Garlauskas")
    quotes = list(Quote.objects.filter(speaker=person))
    assert quotes

    html = _page(client, "Garlauskus")

    assert "Showing results for" in html
    assert f'<a href="{person.get_absolute_url()}"><strong>Markus Garlauskas</strong></a>' in html
    assert "No quotes match." not in html
    for quote in quotes:
        assert quote.get_absolute_url() in html
    newsweek = corpus["000_8ec5d6834c1552e8.txt"]
    assert newsweek.get_absolute_url() in html
    assert "No articles match." not in html


def _export(client, query: str, fmt: str, **extra):
    response = client.get("/search/", {"q": query, "format": fmt, **extra})
    assert response.status_code == 200
    return (b"".join(response.streaming_content) if response.streaming else response.content).decode("utf-8-sig")


def test_the_search_export_holds_the_corrected_persons_quotes_as_the_page_lists_them(client, corpus):
    person = Person.objects.get(name="Markus Garlauskas")
    theirs = [q.get_absolute_url() for q in Quote.objects.filter(speaker=person).newest_first()]

    rows = json.loads(_export(client, "Garlauskus", "json"))["items"]
    markdown = _export(client, "Garlauskus", "md")

    permalinks = [row["quote_permalink"].split("testserver", 1)[-1] for row in rows]
    assert permalinks[: len(theirs)] == theirs  # first, newest first, as the page lists them
    assert "Showing results for Markus Garlauskas" in markdown
    assert "No quotes match." not in markdown
    # Searching the words as typed: nobody is guessed, and the file holds the word matches only.
    assert json.loads(_export(client, "Garlauskus", "json", exact="1"))["items"] == []


def test_the_search_export_holds_what_was_found_by_name(client, corpus):
    markdown = _export(client, "Atlantic Council", "md")
    assert "## Organisations" in markdown and "Atlantic Council" in markdown


def test_the_exact_words_link_searches_without_guessing_the_name(client, corpus):
    html = _page(client, "Garlauskus")
    assert "/search/?q=Garlauskus&amp;exact=1" in html

    exact = _page(client, "Garlauskus", exact="1")

    assert "Showing results for" not in exact
    assert "No quotes match." in exact


def test_a_name_spelt_right_includes_the_persons_quotes_without_a_correction(client, corpus):
    person = Person.objects.get(name="Markus Garlauskas")
    html = _page(client, "markus garlauskas")
    assert "Showing results for" not in html
    for quote in Quote.objects.filter(speaker=person):
        assert quote.get_absolute_url() in html  # quotes printed with "he" are found too


def test_a_name_is_guessed_only_when_one_person_is_clearly_closest(client, db):
    Person.objects.create(name="Boris Johnsen")
    assert "Showing results for" in _page(client, "Johnsn")

    Person.objects.create(name="Anna Kowalski")
    Person.objects.create(name="Anna Kowalska")
    html = _page(client, "Kowalsky")
    assert "Showing results for" not in html
    assert "Anna Kowalski" in html and "Anna Kowalska" in html  # both still listed under People


def test_the_corrected_name_is_escaped(client, db):
    source = Source.objects.create(name="Example Outlet")
    article = make_article(source, 1)
    person = Person.objects.create(name="Olena <i>Kovalenko</i>")
    passage = article.passages.get(index=1)
    Quote.objects.create(article=article, passage=passage, speaker=person, speaker_kind="person",
                         speaker_text="Kovalenko", text="We will not back down", start=passage.start + 1,
                         end=passage.start + 22)

    html = _page(client, "Kovalenka")

    assert "Showing results for" in html
    assert "Olena &lt;i&gt;Kovalenko&lt;/i&gt;" in html
    assert "<i>Kovalenko" not in html


def test_a_theme_is_found_by_name(client, corpus):
    html = _page(client, "brics")
    assert 'id="named-heading"' in html
    assert 'href="/themes/brics/"' in html


def test_an_organisation_is_found_by_name_in_any_case_or_with_a_typo(client, corpus):
    for query in ("Atlantic Council", "atlantic council", "Atlantik Council"):
        html = _page(client, query)
        assert 'href="/organisations/atlantic-council/"' in html, query


def test_an_outlet_is_found_by_name(client, corpus):
    html = _page(client, "sunday times")
    assert 'href="/sources/sunday-times/"' in html


@pytest.mark.parametrize("query", ["North Korea", "pyongyang", "DPRK", "kp"])
def test_a_country_is_found_by_name_alias_or_code(client, corpus, query):
    assert 'href="/countries/kp/"' in _page(client, query)


@pytest.mark.parametrize("query", ["TÜRKIYE", "turkiye", "cote d'ivoire"])
def test_a_country_is_found_whatever_the_case_and_accents(client, db, query):
    html = _page(client, query)
    assert 'href="/countries/tr/"' in html or 'href="/countries/ci/"' in html


HOSTILE = ["%", "_", "%%%", "' OR 1=1 --", "<script>alert(1)</script>", "\\", "a:* & !b", "{}", "''", "-", '"', "é" * 200]


def test_hostile_queries_answer_a_page_and_names_are_matched_literally_and_escaped(client, corpus):
    Organisation.objects.create(name="100% <b>Bold</b> Institute", key="100 bold institute")
    for query in HOSTILE:
        html = _page(client, query)
        assert "<script>alert(1)" not in html, query
        assert "Bold" not in html, query  # a LIKE wildcard is a character, not "anything"

    html = _page(client, "0% <b>bold")
    assert "100% &lt;b&gt;Bold&lt;/b&gt; Institute" in html
    assert "<b>Bold</b>" not in html


def test_an_htmx_search_replaces_the_results_rather_than_nesting_them(client, db):
    html = _page(client, "")
    form = html[html.index('<form class="search-page"'):]
    form = form[: form.index(">")]
    assert 'hx-target="#results"' in form and 'hx-swap="outerHTML"' in form

    partial = client.get("/search/", {"q": "war"}, HTTP_HX_REQUEST="true", HTTP_HX_TARGET="results").content.decode()
    assert partial.lstrip().startswith('<div id="results"')
