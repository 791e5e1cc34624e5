"""A page's filters apply to every section of it and of its exports, page by page."""

from __future__ import annotations

import re
from datetime import date

import pytest

from articles.models import Country, CountryMention, Person, PersonMention, Quote, Source, Theme
from tests.builders import make_article, make_dataset

pytestmark = pytest.mark.django_db
TITLE = re.compile(r"Article (\d+) on the war")


def export(client, url: str, fmt: str = "md") -> str:
    response = client.get(f"{url}{'&' if '?' in url else '?'}format={fmt}")
    assert response.status_code == 200, response.content[:300]
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return body.decode("utf-8-sig")


def between(text: str, start: str, end: str | None = None) -> str:
    """The part of a page or document from ``start`` to ``end`` (or its end)."""
    assert start in text, start
    rest = text[text.index(start) + len(start):]
    return rest[: rest.index(end)] if end and end in rest else rest


def numbers(text: str) -> set[int]:
    return {int(n) for n in TITLE.findall(text)}


@pytest.fixture
def data():
    found = make_dataset()
    assert len({a.source_id for a in found["articles"]}) == 3
    return found


def test_a_theme_page_lists_only_the_filtered_outlets_articles_in_every_section(client, data):
    theme, source = data["themes"][0], data["sources"][0]  # every article is on the first theme
    own = {int(a.title.split()[1]) for a in data["articles"] if a.source_id == source.pk}
    others = {int(a.title.split()[1]) for a in data["articles"]} - own
    url = f"/themes/{theme.slug}/?source={source.slug}"
    page = client.get(url).content.decode()
    assert numbers(between(page, "Articles most on this theme")) == own
    document = export(client, url)
    assert f"Outlet: {source.name}" in document
    assert numbers(between(document, "## Articles most on this theme", "##")) == own
    assert not numbers(document) & others


def test_an_outlet_page_and_its_export_follow_a_date_filter(client, data):
    source = data["sources"][0]
    articles = sorted((a for a in data["articles"] if a.source_id == source.pk), key=lambda a: a.published)
    later = articles[1:]
    url = f"/sources/{source.slug}/?from={later[0].published.isoformat()}"
    page = client.get(url).content.decode()
    assert numbers(between(page, 'id="results"', "</section>")) == {int(a.title.split()[1]) for a in later}
    speakers = Quote.objects.filter(article__in=later).values_list("speaker__name", flat=True)
    whom = between(page, "Whom it quotes", "</ol>")
    assert set(re.findall(r"Analyst Number\d Person1", whom)) == set(speakers)
    document = export(client, url)
    assert "From: " in document
    assert numbers(between(document, "## Articles in", "##")) == {int(a.title.split()[1]) for a in later}
    assert f"Article {articles[0].title.split()[1]} on the war" not in document


def test_a_country_page_and_its_export_follow_an_outlet_filter(client, data):
    country = Country.objects.get(code="RU")  # named in every article
    source = data["sources"][1]
    own = {int(a.title.split()[1]) for a in data["articles"] if a.source_id == source.pk}
    url = f"/countries/ru/?source={source.slug}"
    page = client.get(url).content.decode()
    assert numbers(between(page, 'id="results"', "</section>")) == own
    assert numbers(between(page, "Quotes in those articles", "</section>")) <= own
    document = export(client, url)
    assert f"Outlet: {source.name}" in document and f"Country: {country.name}" in document
    assert numbers(between(document, "## Articles that mention", "##")) == own
    assert numbers(between(document, "## Quotes in those articles")) == own


def test_the_article_list_its_person_facet_and_export_agree(client, data):
    person, source = data["people"][0], data["sources"][0]
    named_only = make_article(source, 40, published=date(2025, 1, 1))
    PersonMention.objects.create(article=named_only, person=person, is_quoted=False, count=1, offsets=[[0, 5]])
    listed = set(PersonMention.objects.filter(person=person).values_list("article_id", flat=True))
    page = client.get("/articles/").content.decode()
    facet = re.search(rf'\?person={person.slug}">{person.name} <span class="count">(\d+)</span>', page)
    assert facet and int(facet.group(1)) == len(listed)
    filtered = client.get(f"/articles/?person={person.slug}").content.decode()
    assert f"{len(listed)} article" in filtered
    assert len(TITLE.findall(export(client, f"/articles/?person={person.slug}"))) == len(listed)


def test_the_article_list_and_its_export_take_countries_named_together(client, data):
    # A country page's "Mentioned with" count links here: articles naming both.
    both = {int(a.title.split()[1]) for a in data["articles"]
            if {"RU", "CN"} <= set(a.country_mentions.values_list("country__code", flat=True))}
    assert both and both != {int(a.title.split()[1]) for a in data["articles"]}
    page = client.get("/articles/?country=ru,cn").content.decode()
    assert numbers(between(page, 'class="list"')) == both
    document = export(client, "/articles/?country=ru,cn")
    assert "Country: Russia and China" in document
    assert numbers(document) == both


def test_the_quote_list_expands_a_facet_within_its_filters(client, data):
    source = data["sources"][0]
    countries = list(Country.objects.exclude(code__in=["RU", "UA", "KP", "CN", "US"]).order_by("code")[:14])
    for article in data["articles"]:
        for country in countries:
            CountryMention.objects.create(article=article, country=country, count=1, offsets=[[0, 4]])
    in_source = Quote.objects.filter(article__source=source).count()
    page = client.get(f"/quotes/?source={source.slug}&more=country").content.decode()
    counts = re.findall(r'country=(\w+)">[^<]+ <span class="count">(\d+)</span>', page)
    assert len(counts) > 12
    assert all(int(n) == in_source for _, n in counts)
    rows = export(client, f"/quotes/?source={source.slug}&more=country&country={counts[-1][0]}", "csv")
    assert len([line for line in rows.splitlines()[1:] if not line.startswith("#")]) == in_source


def test_the_people_list_its_outlet_facet_and_export_agree(client, data):
    source = data["sources"][0]
    bystander = Person.objects.create(name="Named Only Bystander", kind=Person.Kind.OTHER)
    article = next(a for a in data["articles"] if a.source_id == source.pk)
    PersonMention.objects.create(article=article, person=bystander, is_quoted=False, count=1, offsets=[[0, 5]])
    quoted = set(Quote.objects.filter(article__source=source).values_list("speaker__name", flat=True))
    page = client.get(f"/people/?source={source.slug}").content.decode()
    assert "Named Only Bystander" not in page
    assert f"{len(quoted)} people" in page or f"{len(quoted)} person" in page
    document = export(client, f"/people/?source={source.slug}")
    assert "Named Only Bystander" not in document
    assert set(re.findall(r"Analyst Number\d Person1", document)) == quoted
    assert Theme.objects.exists() and Source.objects.count() == 3
