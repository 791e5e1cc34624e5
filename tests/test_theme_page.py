"""A theme's page: its quotes in every sort, page by page, and the articles strongest on it."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import summaries
from articles.models import ArticleTheme, Person, Quote, QuoteTheme, Source, Theme
from articles.pages.themes import theme_filterset
from tests.builders import make_article

pytestmark = pytest.mark.django_db
CITED = re.compile(r'<blockquote cite="([^"]+)"')
STRONGEST = re.compile(r'<ul class="plain articles-on-theme">(.*?)</ul>', re.S)


def quote_on(theme: Theme, passage, speaker: Person | None, speaker_text: str, n: int, **fields) -> Quote:
    quote = Quote.objects.create(
        article=passage.article, passage=passage, speaker=speaker,
        speaker_kind=Quote.SpeakerKind.PERSON if speaker else Quote.SpeakerKind.ANONYMOUS,
        speaker_text=speaker_text, text=f"Words number {n}", start=passage.start + n, end=passage.start + n + 5,
        **fields,
    )
    QuoteTheme.objects.create(quote=quote, theme=theme, score=0.5)
    return quote


@pytest.fixture
def theme_with_speakers():
    """60 quotes on a theme, 36 of them by people (two people share a name; several quotes share
    the speaker as printed) and 24 by no person, so a sort by speaker ties across pages of 25 and
    changes from people to the unnamed within page 2; and quotes the page must leave out."""
    theme = Theme.objects.order_by("pk").first()
    passage = make_article(Source.objects.create(name="Outlet"), 1).passages.get(index=1)
    twins = [Person.objects.create(name="Same Name", kind=Person.Kind.EXPERT) for _ in range(2)]
    people = [*twins, Person.objects.create(name="Zed Last"), Person.objects.create(name="Abe First")]
    for n in range(36):
        quote_on(theme, passage, people[n % 4], "the analyst" if n % 3 else "an analyst", n,
                 kind=Quote.Kind.INDIRECT if n % 5 == 0 else Quote.Kind.DIRECT)
    for n in range(36, 60):
        quote_on(theme, passage, None, "a senior official" if n % 2 else "a diplomat", n,
                 kind=Quote.Kind.INDIRECT if n % 5 == 0 else Quote.Kind.DIRECT)
    quote_on(theme, passage, twins[0], "the analyst", 61, status=Quote.Status.REJECTED)
    off_theme = quote_on(theme, passage, twins[1], "the analyst", 62)
    QuoteTheme.objects.filter(quote=off_theme).delete()
    return theme


def pages_of(client, url: str) -> list[str]:
    """The quotes' links, in page order, over every page of the list."""
    cited, page = [], 1
    while True:
        html = client.get(f"{url}&page={page}").content.decode()
        cited += CITED.findall(html)
        if 'rel="next"' not in html:
            return cited
        page += 1


@pytest.mark.parametrize("query", ["sort=speaker", "sort=speaker&kind=indirect"])
def test_a_theme_sorted_by_speaker_pages_through_every_quote_walking_people_by_name(client, theme_with_speakers, query):
    theme = theme_with_speakers
    url = f"{theme.get_absolute_url()}?{query}"
    everything = theme_filterset(theme, client.get(url).wsgi_request.GET).qs  # one ORDER BY over them all
    expected = [quote.get_absolute_url() for quote in everything]
    assert len(expected) == (60 if "kind" not in query else 12)
    with CaptureQueriesContext(connection) as queries:
        assert pages_of(client, url) == expected
    # Ordered by a column of the outer-joined person, PostgreSQL had to read and sort every quote on the theme.
    assert not [q["sql"] for q in queries.captured_queries
                if 'LEFT OUTER JOIN "articles_person"' in q["sql"] and 'ORDER BY "articles_person"."name"' in q["sql"]]


def strongest(html: str) -> list[str]:
    return re.findall(r">(Article \d+ on the war)<", STRONGEST.search(html).group(1))


def test_a_themes_strongest_articles_are_counted_whole_and_kept_until_the_data_changes(client):
    theme = Theme.objects.order_by("pk").first()
    source = Source.objects.create(name="Outlet")
    articles = [make_article(source, n) for n in range(13)]
    ArticleTheme.objects.filter(theme=theme).delete()
    for n, article in enumerate(articles[:12]):
        ArticleTheme.objects.create(article=article, theme=theme, score=n % 4, matches=["war"])
    html = client.get(theme.get_absolute_url()).content.decode()
    # Strongest first; equal scores, the newest row first; the total is of all twelve, not the ten shown.
    by_strength = sorted(range(12), key=lambda n: (-(n % 4), -n))[:10]
    assert strongest(html) == [f"Article {n} on the war" for n in by_strength]
    assert 'data-count="12">All 12 articles on this theme' in html

    ArticleTheme.objects.bulk_create([ArticleTheme(article=articles[12], theme=theme, score=9, matches=["war"])])
    html = client.get(theme.get_absolute_url()).content.decode()
    assert "Article 12 on the war" not in strongest(html)  # kept: the write was not announced
    assert 'data-count="12"' in html
    summaries.mark_changed()
    html = client.get(theme.get_absolute_url()).content.decode()
    assert strongest(html)[0] == "Article 12 on the war"
    assert 'data-count="13">All 13 articles on this theme' in html
