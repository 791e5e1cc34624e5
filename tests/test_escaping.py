"""Text from articles, editors and queries is shown as text on every page."""

from __future__ import annotations

import pytest

from articles.importing import Incoming, import_incoming
from articles.models import Person, Quote

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
HOSTILE = (
    "---\n"
    f"title: Talks {SCRIPT} resume\n"
    f"source: The {IMG} Herald\n"
    "date: 2025-02-01\n"
    "---\n"
    f"Russia and Ukraine resumed talks on escalation {SCRIPT} on Monday, officials said.\n\n"
    f"“Sanctions {IMG} will not stop the alliance {SCRIPT},” said Anna Weber, a diplomat at the Example Institute.\n\n"
    f"Around 5,000 troops {IMG} were moved to the border, according to officials.\n"
)


@pytest.fixture
def hostile(db):
    outcome = import_incoming(Incoming(raw=HOSTILE, name="hostile.txt"))
    assert outcome.article is not None, outcome.reason
    article = outcome.article
    # Editors can type anything too.
    person = Person.objects.create(name=f"Eve {IMG} Mallory", note=SCRIPT)
    quote = article.quotes.first()
    quote.speaker, quote.speaker_text = person, f"Eve {SCRIPT}"
    quote.save()
    return article


def reader_urls(article) -> list[str]:
    quote = Quote.objects.filter(article=article).first()
    person = quote.speaker
    theme = article.article_themes.first().theme
    country = article.country_mentions.first().country
    return [
        "/", "/articles/", article.get_absolute_url(), "/people/", person.get_absolute_url(),
        "/themes/", theme.get_absolute_url(), "/sources/", article.source.get_absolute_url(),
        "/countries/", country.get_absolute_url(), "/quotes/", quote.get_absolute_url(), "/figures/",
        "/search/?q=sanctions", f"/search/?q={SCRIPT}", f"/quotes/?q={IMG}", f"/articles/?q={SCRIPT}&sort={IMG}",
    ]


def test_every_page_shows_hostile_text_as_text(client, hostile):
    for url in reader_urls(hostile):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert "<script>alert" not in html, url
        assert "<img src=x" not in html, url


def test_the_article_shows_the_markup_as_visible_text(client, hostile):
    html = client.get(hostile.get_absolute_url()).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_search_highlighting_escapes_before_marking(client, hostile):
    html = client.get("/search/?q=sanctions").content.decode()
    assert "<mark>Sanctions</mark>" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
