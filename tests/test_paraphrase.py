"""Reported speech is shown as the writer's paraphrase on every surface, never in quotation marks
(issue 13, point 2); direct and partial quotes keep their marks. Run on the demo corpus, whose six
indirect quotes were shown as `Lukashenko: “such a move would be a bad idea”`."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.utils.html import escape
from pypdf import PdfReader

from articles.exports import markdown
from articles.models import Quote

pytestmark = pytest.mark.django_db

LUKASHENKO = "Alexander Lukashenko suggested that such a move would be a bad idea"


@pytest.fixture
def reported(corpus) -> list[Quote]:
    quotes = list(Quote.objects.visible().filter(kind=Quote.Kind.INDIRECT).select_related("speaker", "article__source"))
    assert len(quotes) == 7  # the corpus's reported speech, Ukraine's among it
    return quotes


@pytest.fixture
def direct(corpus) -> Quote:
    return Quote.objects.visible().filter(kind=Quote.Kind.DIRECT).select_related("speaker", "article__source").first()


def opening(quote: Quote, words: int = 5) -> str:
    return " ".join(quote.text.split()[:words])


def in_marks(quote: Quote, text: str, *, html: bool = False) -> bool:
    """Whether ``text`` shows the quote's opening words just after an opening quotation mark."""
    words = escape(opening(quote)) if html else opening(quote)
    return bool(re.search(r"(“|&ldquo;|\")\s*" + re.escape(words), text))


def flat(text: str) -> str:
    return " ".join(text.split())


def export(client, url: str, fmt: str) -> bytes:
    response = client.get(url, {"format": fmt})
    assert response.status_code == 200
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_model_words_reported_speech_with_its_speaker_and_cue(reported, direct):
    lukashenko = next(q for q in reported if q.cue == "suggested")
    assert lukashenko.display_text == LUKASHENKO
    # "He argues…" is cited by the resolved speaker, not the pronoun.
    argues = next(q for q in reported if q.cue == "argues")
    assert argues.display_text.startswith("Vladimir Putin argues that the world would be better off")
    for quote in reported:
        assert "“" not in quote.display_text and "“" not in quote.display_title and "“" not in str(quote)
        assert quote.display_text.endswith(quote.text)
    assert direct.display_text == f"“{direct.text}”"


def test_the_quote_page_shows_reported_speech_as_a_paraphrase(client, reported):
    for quote in reported:
        html = client.get(quote.get_absolute_url()).content.decode()
        body = html.split("<main", 1)[1]
        assert escape(quote.display_text) in body
        assert not in_marks(quote, body, html=True), quote.pk
        assert "Reported speech: the writer’s paraphrase, not their words" in body


def test_the_quote_page_title_is_a_paraphrase(client, reported):
    for quote in reported:
        html = client.get(quote.get_absolute_url()).content.decode()
        title = re.search(r"<title>(.*?)</title>", html, re.S)[1]
        assert not in_marks(quote, title, html=True), title
        assert escape(quote.display_title) in title


def test_cite_this_quote_does_not_put_reported_speech_in_quotation_marks(client, reported, direct):
    for quote in reported:
        html = client.get(quote.get_absolute_url()).content.decode()
        citation = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', html, re.S)[1]
        assert not in_marks(quote, citation, html=True), citation
        assert escape(quote.speaker_as_cited) in citation and escape(quote.text) in citation
        lukashenko = quote.cue == "suggested"
        assert not lukashenko or citation.startswith("Alexander Lukashenko (")  # with his description
        assert not lukashenko or "suggested that such a move would be a bad idea." in citation
    # A direct quote keeps its marks, and its citation says where, whether or not the article has a title.
    html = client.get(direct.get_absolute_url()).content.decode()
    citation = re.search(r'<textarea id="citation"[^>]*>(.*?)</textarea>', html, re.S)[1]
    assert f"“{escape(direct.text)}”" in citation and escape(direct.article.display_title) in citation


def test_the_article_sidebar_lists_reported_speech_as_a_paraphrase(client, reported):
    for article in {q.article for q in reported}:
        html = client.get(article.get_absolute_url()).content.decode()
        sidebar = html.split('id="quotes-heading"', 1)[1].split("</section>", 1)[0]
        for quote in (q for q in reported if q.article_id == article.pk):
            assert escape(quote.display_snippet) in sidebar
            assert not in_marks(quote, sidebar, html=True), quote.pk


def test_quote_lists_and_search_show_reported_speech_as_a_paraphrase(client, reported):
    html = client.get("/quotes/", {"kind": "indirect"}).content.decode()
    assert escape(LUKASHENKO) in html
    lukashenko = next(q for q in reported if q.cue == "suggested")
    html = client.get("/search/", {"q": "bad idea"}).content.decode()
    assert "Alexander Lukashenko suggested that" in html and not in_marks(lukashenko, html, html=True)


def test_the_markdown_export_shows_reported_speech_as_a_paraphrase(client, reported):
    text = export(client, "/quotes/", "md").decode()
    for quote in reported:
        assert f"> {markdown.md(quote.display_text)}" in text
        assert not in_marks(quote, text.replace("\\", "")), quote.pk


def test_the_csv_export_has_each_quote_as_shown(client, reported, direct):
    rows = {int(r["quote_id"]): r for r in csv.DictReader(io.StringIO(export(client, "/quotes/", "csv").decode("utf-8-sig")))
            if r["quote_id"].isdigit()}
    for quote in reported:
        assert rows[quote.pk]["display_text"] == quote.display_text and "“" not in rows[quote.pk]["display_text"]
        assert rows[quote.pk]["text"] == quote.text and rows[quote.pk]["kind"] == "indirect"
    assert rows[direct.pk]["display_text"] == f"“{direct.text}”"


def test_the_json_export_has_each_quote_as_shown(client, reported):
    items = {i["quote_id"]: i for i in json.loads(export(client, "/quotes/", "json"))["items"]}
    assert any(items[q.pk]["display_text"] == LUKASHENKO for q in reported)
    for quote in reported:
        assert items[quote.pk]["display_text"] == quote.display_text and "“" not in items[quote.pk]["display_text"]


def test_a_reported_quotes_own_json_export_is_titled_as_a_paraphrase(client, reported):
    lukashenko = next(q for q in reported if q.cue == "suggested")
    data = json.loads(export(client, lukashenko.get_absolute_url(), "json"))
    assert data["title"] == LUKASHENKO


def test_the_pdf_export_shows_reported_speech_as_a_paraphrase(client, reported):
    body = export(client, "/quotes/", "pdf")
    text = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages))
    assert LUKASHENKO in text
    for quote in reported:
        assert flat(quote.display_text)[:60] in text
        assert not in_marks(quote, text), quote.pk
