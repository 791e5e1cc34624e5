"""The article page names each quote's speaker inline with a legend of the quote kinds; an untitled
article has one fallback title everywhere; an author's page lists what they wrote (issue 13, point 9)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date

import pytest
from django.utils.html import escape

from articles.models import Article, Person, Quote, Source
from tests.builders import make_article
from tests.editors import make_editor

pytestmark = pytest.mark.django_db

NEWSWEEK = "000_8ec5d6834c1552e8.txt"


def export(client, url: str, fmt: str, **params) -> bytes:
    response = client.get(url, {"format": fmt, **params})
    assert response.status_code == 200, response.content[:300]
    return b"".join(response.streaming_content) if response.streaming else response.content


# Inline speakers and the legend ------------------------------------------------------------------

def test_each_highlighted_quote_has_its_speaker_inline_just_before_it(client, corpus):
    tagged = 0
    for article in corpus.values():
        html = client.get(article.get_absolute_url()).content.decode()
        marked = [q for q in article.quotes.visible().select_related("speaker") if f'id="q{q.pk}"' in html]
        assert html.count('<span class="speaker-tag speaker-') == len(marked)
        tagged += len(marked)
        for quote in marked:
            # The tag, then (through the speaker's link, when there is one) the quote's first run.
            tag = re.search(
                rf'<span class="speaker-tag speaker-{quote.kind}" data-quote="{quote.pk}">'
                r'<span class="visually-hidden">[^<]*</span>([^<]*)<span class="visually-hidden">: </span></span>'
                r'(?:<a class="quote-link"[^>]*>)?<mark class="quote quote-\w+[^"]*" id="q(\d+)"', html)
            assert tag, quote.pk
            assert tag[1] == escape(quote.speaker_label) and tag[2] == str(quote.pk)
            if quote.kind != "indirect" and article.body[quote.start - 1] == "“":
                # The name comes before the opening mark, which joins the highlight, as does the closing one.
                assert re.search(rf'id="q{quote.pk}"[^>]*>“</mark>', html), quote.pk
    assert tagged == Quote.objects.visible().count()  # every quote of the corpus is highlighted and named


def test_the_article_page_has_a_legend_for_direct_partial_and_reported_quotes(client, corpus):
    html = client.get(corpus[NEWSWEEK].get_absolute_url()).content.decode()
    legend = re.search(r'<ul class="quote-legend" aria-label="How quotes are marked">(.*?)</ul>', html, re.S)[1]
    for kind, label in [("direct", "Direct quote"), ("partial", "Partial quote"), ("indirect", "Reported speech")]:
        assert f'<mark class="quote quote-{kind}">{label}</mark>' in legend
    assert '<span class="speaker-tag">Speaker</span>' in legend


# One fallback title ------------------------------------------------------------------------------

@pytest.fixture
def untitled(corpus) -> Article:
    article = corpus[NEWSWEEK]
    assert article.title == "" and article.display_title.startswith("“Vladimir Putin has been dealt a blow")
    return article


def test_an_untitled_article_has_the_same_fallback_title_on_every_page(client, untitled):
    shown = escape(untitled.display_title)
    html = client.get(untitled.get_absolute_url()).content.decode()
    assert re.search(r"<title>\s*" + re.escape(shown), html)
    assert re.search(r'<h1 id="article-title">.*?' + re.escape(shown) + r".*?</h1>", html, re.S)
    quote = untitled.quotes.visible().filter(speaker__isnull=False).first()
    pages = ["/", "/articles/", "/articles/?source=newsweek", quote.get_absolute_url(), quote.speaker.get_absolute_url(),
             "/search/?q=Lukashenko"]
    for url in pages:
        assert shown in client.get(url).content.decode(), url
    citation = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>',
                         client.get(quote.get_absolute_url()).content.decode(), re.S)[1]
    assert f"undated, {shown}" in citation
    client.force_login(make_editor())  # and the admin, list and form
    assert shown in client.get("/admin/articles/article/").content.decode()
    assert shown in client.get(f"/admin/articles/article/{untitled.pk}/change/").content.decode()


def test_an_untitled_article_has_the_same_fallback_title_in_every_export(client, untitled):
    title = untitled.display_title
    rows = list(csv.DictReader(io.StringIO(export(client, "/articles/", "csv").decode("utf-8-sig"))))
    assert title in [r["title"] for r in rows]
    items = json.loads(export(client, "/articles/", "json"))["items"]
    assert title in [i["title"] for i in items]
    article_json = json.loads(export(client, untitled.get_absolute_url(), "json"))
    assert article_json["title"] == title and {i["article_title"] for i in article_json["items"]} == {title}
    assert f"# {title}" in export(client, untitled.get_absolute_url(), "md").decode().replace("\\", "")


# An author's articles ----------------------------------------------------------------------------

def test_an_authors_page_lists_the_articles_they_wrote(client, corpus):
    galeotti = Person.objects.get(name="Mark Galeotti")
    written = list(galeotti.articles_written.all())
    assert written
    html = client.get(galeotti.get_absolute_url()).content.decode()
    section = html.split('id="written-heading"', 1)[1].split("</section>", 1)[0]
    assert ">Articles by Mark Galeotti <span class=\"count\">1</span>" in section
    for article in written:
        assert f'<a href="{article.get_absolute_url()}">{escape(article.display_title)}</a>' in section
    # Someone quoted who wrote nothing has no such section.
    speaker = Quote.objects.filter(speaker__isnull=False).exclude(speaker__articles_written__isnull=False).first().speaker
    assert 'id="written-heading"' not in client.get(speaker.get_absolute_url()).content.decode()


def test_an_authors_page_shows_their_newest_articles_a_page_at_a_time(client):
    author = Person.objects.create(name="Anna Writer", slug="anna-writer")
    source = Source.objects.create(name="The Example Times")
    for n in range(12):
        make_article(source, n, published=date(2024, 1, n + 1)).authors.add(author)

    def written(query: str = "") -> str:
        html = client.get(author.get_absolute_url() + query).content.decode()
        return html.split('id="written-heading"', 1)[1].split("</section>", 1)[0]

    first = written()
    assert '<span class="count">12</span>' in first
    assert re.findall(r"(\d+) Jan 2024", first) == [str(d) for d in range(12, 2, -1)]  # the newest ten
    assert 'href="?written=2#written"' in first
    assert re.findall(r"(\d+) Jan 2024", written("?written=2")) == ["2", "1"]
