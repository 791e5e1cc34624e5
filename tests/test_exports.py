"""Exports: every reader page as PDF, Markdown, CSV and JSON, with its filters."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import time
from datetime import UTC, date, datetime
from pathlib import Path
from urllib import request as urllib_request

import pytest
from django.http import StreamingHttpResponse
from pypdf import PdfReader

from articles.exports import markdown, report, tabular
from articles.exports.rows import FIGURE_COLUMNS, QUOTE_COLUMNS
from articles.exports.tabular import END_MARKER
from articles.exports.urlfetcher import RefusedURL, StaticFilesOnly
from articles.filters import QuoteFilter
from articles.models import Annotation, Figure, Person, PersonMention, Quote, Source
from tests.builders import make_article, make_dataset

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
PERSON = "/people/markus-garlauskas/"
THEME = "/themes/manpower/?source=newsweek"
CONTENT_TYPES = {
    "pdf": "application/pdf", "md": "text/markdown; charset=utf-8", "csv": "text/csv; charset=utf-8",
    "json": "application/json; charset=utf-8",
}
BOM_BYTES = "\ufeff".encode()
HOSTILE = "<script>alert(1)</script> **bold** [click](https://evil.example) `code` _under_"


def get(client, url: str, fmt: str):
    response = client.get(f"{url}{'&' if '?' in url else '?'}format={fmt}")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def pdf_text(body: bytes) -> str:
    """All the PDF's text, whitespace collapsed (lines wrap anywhere on paper)."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages).split())


def csv_rows(body: bytes) -> list[dict]:
    """The rows of a complete CSV export: it must end with its trailer, which counts them."""
    assert body.startswith(BOM_BYTES)  # Excel reads it as UTF-8
    text = body.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert list(csv.reader(io.StringIO(text)))[-1] == [f"{END_MARKER}: {len(rows) - 1} rows"]
    return rows[:-1]


def flat(text: str) -> str:
    return " ".join(text.split())


def assert_export(response, fmt: str, stem: str) -> None:
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert re.fullmatch(rf'attachment; filename="{stem}-\d{{4}}-\d{{2}}-\d{{2}}\.{fmt}"',
                        response["Content-Disposition"]), response["Content-Disposition"]


# A person page -----------------------------------------------------------------------------------

@pytest.fixture
def garlauskas(corpus) -> dict:
    person = Person.objects.get(slug="markus-garlauskas")
    quotes = list(Quote.objects.visible().filter(speaker=person))
    mention = PersonMention.objects.get(person=person, article=quotes[0].article)
    assert len(quotes) >= 3 and mention.role
    return {"person": person, "quotes": quotes, "role": mention.role, "affiliation": mention.affiliation}


def test_person_pdf_has_cover_quotes_roles_and_page_numbers(client, garlauskas):
    response, body = get(client, PERSON, "pdf")
    assert_export(response, "pdf", "person-markus-garlauskas")
    text = pdf_text(body)
    assert "Markus Garlauskas" in text and "Commentariat report" in text
    assert "PERMALINK http://testserver/people/markus-garlauskas/" in text  # the cover's labels are in capitals
    assert "format=" not in text
    for quote in garlauskas["quotes"]:
        assert flat(quote.text)[:60] in text
    assert garlauskas["role"] in text and "Newsweek" in text
    pages = len(PdfReader(io.BytesIO(body)).pages)
    assert f"Page {pages} of {pages}" in text


def test_person_csv_has_one_row_per_quote_with_the_role_as_printed(client, garlauskas):
    response, body = get(client, PERSON, "csv")
    assert_export(response, "csv", "person-markus-garlauskas")
    assert isinstance(response, StreamingHttpResponse)
    rows = csv_rows(body)
    assert list(rows[0]) == list(QUOTE_COLUMNS)
    assert sorted(r["text"] for r in rows) == sorted(q.text for q in garlauskas["quotes"])
    assert {r["role"] for r in rows} == {garlauskas["role"]}
    assert {r["speaker_permalink"] for r in rows} == {"http://testserver/people/markus-garlauskas/"}
    assert all(r["quote_permalink"] == f"http://testserver/quotes/{r['quote_id']}/" for r in rows)


def test_person_json_follows_the_documented_schema(client, garlauskas):
    response, body = get(client, PERSON, "json")
    assert_export(response, "json", "person-markus-garlauskas")
    assert isinstance(response, StreamingHttpResponse)
    data = json.loads(body)
    assert data["schema"] == "commentariat-export" and data["schema_version"] == 1
    assert data["page"] == "person_detail" and data["item_type"] == "quote"
    assert data["permalink"] == "http://testserver/people/markus-garlauskas/"
    assert data["subject"]["slug"] == "markus-garlauskas" and data["subject"]["id"] == garlauskas["person"].pk
    assert data["columns"] == list(QUOTE_COLUMNS) and data["count"] == len(data["items"])
    assert {i["quote_id"] for i in data["items"]} == {q.pk for q in garlauskas["quotes"]}
    assert all(isinstance(i["themes"], list) for i in data["items"])
    datetime.fromisoformat(data["generated_at"])


def test_person_markdown_quotes_with_attribution(client, garlauskas):
    response, body = get(client, PERSON, "md")
    assert_export(response, "md", "person-markus-garlauskas")
    text = body.decode()
    assert text.startswith("# Markus Garlauskas\n")
    assert "- **Permalink:** <http://testserver/people/markus-garlauskas/>" in text
    for quote in garlauskas["quotes"]:
        assert f"> “{markdown.md(quote.text)}”" in text
    assert f"— **Markus Garlauskas**, {markdown.md(garlauskas['role'])}" in text


def test_person_pdf_renders_to_png_for_people_to_look_at(client, garlauskas):
    ARTIFACTS.mkdir(exist_ok=True)
    started = time.perf_counter()
    response, body = get(client, PERSON, "pdf")
    seconds = time.perf_counter() - started
    assert response.status_code == 200 and seconds < 20, seconds
    pdf = ARTIFACTS / "export-person.pdf"
    pdf.write_bytes(body)
    for old in ARTIFACTS.glob("export-person-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(ARTIFACTS / "export-person")], check=True)
    pngs = sorted(ARTIFACTS.glob("export-person-*.png"))
    assert len(pngs) == len(PdfReader(io.BytesIO(body)).pages) >= 2
    from PIL import Image

    with Image.open(pngs[1]) as page:  # the first page after the cover holds text: not blank
        assert page.convert("L").getextrema()[0] < 100


# A theme page with a filter ----------------------------------------------------------------------

@pytest.fixture
def manpower_in_newsweek(corpus) -> list[Quote]:
    quotes = list(QuoteFilter({"theme": "manpower", "source": "newsweek"}, queryset=Quote.objects.visible()).qs)
    # The filter must keep some quotes on the theme and leave others (from The Sunday Times) out.
    left_out = Quote.objects.visible().filter(quote_themes__theme__slug="manpower").exclude(pk__in=[q.pk for q in quotes])
    assert quotes and left_out.filter(article__source__slug="sunday-times").exists()
    return quotes


@pytest.mark.parametrize("fmt", ["pdf", "md", "csv", "json"])
def test_theme_with_a_filter_exports_only_the_matching_quotes(client, manpower_in_newsweek, fmt):
    response, body = get(client, THEME, fmt)
    assert_export(response, fmt, "theme-manpower-source-newsweek")
    expected = sorted(q.text for q in manpower_in_newsweek)
    if fmt == "csv":
        rows = csv_rows(body)
        assert sorted(r["text"] for r in rows) == expected
        assert {r["outlet"] for r in rows} == {"Newsweek"} and all("Manpower and troops" in r["themes"] for r in rows)
    elif fmt == "json":
        data = json.loads(body)
        assert sorted(i["text"] for i in data["items"]) == expected
        assert [(f["param"], f["display"]) for f in data["filters"]] == [("theme", "Manpower and troops"), ("source", "Newsweek")]
        assert data["permalink"] == "http://testserver/themes/manpower/?source=newsweek"
    elif fmt == "md":
        text = body.decode()
        assert "- **Filters:** Theme: Manpower and troops; Outlet: Newsweek" in text
        assert all(f"> {markdown.md(q.display_text)}" in text for q in manpower_in_newsweek)
    else:
        text = pdf_text(body)
        assert "Theme: Manpower and troops; Outlet: Newsweek" in text
        assert "http://testserver/themes/manpower/?source=newsweek" in text
        assert all(flat(t)[:50] in text for t in expected)


def test_the_filter_really_narrows_the_export(client, corpus):
    _, everything = get(client, "/themes/manpower/", "csv")
    _, newsweek = get(client, THEME, "csv")
    assert {r["outlet"] for r in csv_rows(everything)} == {"Newsweek", "The Sunday Times"}
    assert {r["outlet"] for r in csv_rows(newsweek)} == {"Newsweek"}


def test_a_theme_pdf_draws_its_monthly_chart_as_svg(client, rf):
    from articles.exports import reports
    from articles.exports.pdf import render_html

    data = make_dataset(1)
    theme = data["themes"][0]
    request = rf.get(theme.get_absolute_url())
    html = render_html(request, reports.theme_detail(request, theme.slug))
    assert '<figure class="chart">' in html and "<svg" in html and "<rect" in html
    response, body = get(client, theme.get_absolute_url(), "pdf")
    assert response.status_code == 200 and f"Quotes on {theme.name} per month" in pdf_text(body)


# The figures page --------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["pdf", "md", "csv", "json"])
def test_figures_export_one_item_per_figure(client, corpus, fmt):
    figures = list(Figure.objects.select_related("article__source"))
    assert len(figures) >= 3
    response, body = get(client, "/figures/", fmt)
    assert_export(response, fmt, "figures")
    if fmt == "csv":
        rows = csv_rows(body)
        assert list(rows[0]) == list(FIGURE_COLUMNS)
        assert sorted(r["text"] for r in rows) == sorted(f.text for f in figures)
    elif fmt == "json":
        data = json.loads(body)
        assert data["item_type"] == "figure" and data["count"] == len(figures)
        assert {i["figure_id"] for i in data["items"]} == {f.pk for f in figures}
    elif fmt == "md":
        text = body.decode()
        assert all(markdown.md(f.value_range) in text and markdown.md(f.text) in text for f in figures)
    else:
        text = pdf_text(body)
        assert all(f.value_range in text for f in figures)
        assert "Figures by what they count" in text


# Escaping ----------------------------------------------------------------------------------------

@pytest.fixture
def hostile_quote(db) -> Quote:
    article = make_article(Source.objects.create(name="=cmd|' /C calc'!A0"), 1)
    person = Person.objects.create(name="@SUM(1+1) Person")
    passage = article.passages.get(index=1)
    quote = Quote.objects.create(article=article, passage=passage, speaker=person, text=HOSTILE,
                                 start=passage.start, end=passage.start + 10)
    PersonMention.objects.create(article=article, person=person, role="-2+3 expert", affiliation="+ Institute")
    return quote


def test_csv_defuses_formulas(client, hostile_quote):
    _, body = get(client, hostile_quote.speaker.get_absolute_url(), "csv")
    row = csv_rows(body)[0]
    assert row["outlet"] == "'=cmd|' /C calc'!A0"
    assert row["speaker"] == "'@SUM(1+1) Person"
    assert row["role"] == "'-2+3 expert" and row["affiliation"] == "'+ Institute"
    assert row["text"] == HOSTILE  # ordinary text is untouched
    assert tabular.escape_formula("\tx") == "'\tx" and tabular.escape_formula("\rx") == "'\rx"
    assert tabular.csv_cell(-3) == -3  # numbers are data, not formulas


def test_a_quote_with_html_and_markdown_comes_out_as_text(client, rf, hostile_quote):
    url = hostile_quote.speaker.get_absolute_url()
    _, md_body = get(client, url, "md")
    text = md_body.decode()
    assert "<script>" not in text and "**bold**" not in text and "[click](" not in text
    assert r"\<script\>alert(1)\</script\> \*\*bold\*\* \[click\](https://evil.example) \`code\` \_under\_" in text
    assert json.loads(get(client, url, "json")[1])["items"][0]["text"] == HOSTILE

    from articles.exports import reports
    from articles.exports.pdf import render_html

    request = rf.get(url)
    html = render_html(request, reports.person_detail(request, hostile_quote.speaker.slug))
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in pdf_text(get(client, url, "pdf")[1])  # printed as text


@pytest.mark.parametrize(("raw", "escaped"), [
    ("# not a heading", r"\# not a heading"),
    ("- not a list", r"\- not a list"),
    ("+ nor this", r"\+ nor this"),
    ("> not a quote", r"\> not a quote"),
    ("1. not numbered", r"1\. not numbered"),
    ("a | b", r"a \| b"),
    ("line\n\n# two", r"line \# two"),
    ("AT&amp;T", r"AT\&amp;T"),
])
def test_markdown_escaping(raw, escaped):
    assert markdown.md(raw) == escaped


def test_markdown_document_is_exactly_as_expected(client, monkeypatch):
    monkeypatch.setattr(report, "now", lambda: datetime(2026, 11, 22, 9, 30, tzinfo=UTC))
    source = Source.objects.create(name="The Example Times")
    article = make_article(source, 1, published=date(2025, 3, 4))
    person = Person.objects.create(name="Ada Example", kind=Person.Kind.EXPERT)
    passage = article.passages.get(index=1)
    quote = Quote.objects.create(article=article, passage=passage, speaker=person, speaker_text="Ada Example",
                                 text="We will not back down", start=passage.start + 1, end=passage.start + 22)
    PersonMention.objects.create(article=article, person=person, role="senior fellow", affiliation="Example Institute",
                                 is_quoted=True)
    response, body = get(client, person.get_absolute_url(), "md")
    assert response["Content-Disposition"] == 'attachment; filename="person-ada-example-2026-11-22.md"'
    site = "http://testserver"
    assert body.decode() == f"""# Ada Example

Expert

- **Page:** Person
- **Filters:** none
- **Generated:** 22 November 2026, 09:30 UTC
- **Permalink:** <{site}/people/ada-example/>

## How articles describe Ada Example

| Date | Article | As printed |
| --- | --- | --- |
| 4 Mar 2025 | [The Example Times]({site}{article.get_absolute_url()}) | senior fellow, Example Institute |

## Quotes by Ada Example

> “We will not back down”
>
> — **Ada Example**, senior fellow, Example Institute · The Example Times · 4 Mar 2025

Article: [Article 1 on the war]({site}{article.get_absolute_url()}) · Permalink: <{site}/quotes/{quote.pk}/>

## Speaks on

*No themes.*

---

Exported from Commentariat: <{site}/people/ada-example/>
"""


# Notes -------------------------------------------------------------------------------------------

def test_only_public_notes_are_exported(client, garlauskas):
    article = garlauskas["quotes"][0].article
    public = Annotation.objects.create(article=article, start=0, end=5, exact=article.body[:5],
                                       note="Public context for readers", visibility=Annotation.Visibility.PUBLIC)
    internal = Annotation.objects.create(article=article, start=6, end=9, exact=article.body[6:9],
                                         note="Internal editors' gossip", visibility=Annotation.Visibility.INTERNAL)
    for note in (public, internal):
        note.people.add(garlauskas["person"])
    text = get(client, PERSON, "md")[1].decode()
    assert "Public context for readers" in text and "gossip" not in text
    printed = pdf_text(get(client, PERSON, "pdf")[1])
    assert "Public context for readers" in printed and "gossip" not in printed
    _, article_pdf = get(client, article.get_absolute_url(), "pdf")
    assert "Public context for readers" in pdf_text(article_pdf) and "gossip" not in pdf_text(article_pdf)


# Limits and safety -------------------------------------------------------------------------------

def test_a_pdf_of_more_than_a_thousand_items_is_refused(client):
    article = make_article(Source.objects.create(name="Big Outlet"), 1)
    person = Person.objects.create(name="Prolific Speaker")
    passage = article.passages.get(index=1)
    Quote.objects.bulk_create(
        Quote(article=article, passage=passage, speaker=person, text=f"Remark {n}", start=passage.start, end=passage.start + 5)
        for n in range(1001)
    )
    response, body = get(client, person.get_absolute_url(), "pdf")
    assert response.status_code == 400
    page = body.decode()
    assert "1,001 quotes" in page and "Narrow the filters" in page and "format=csv" in page
    response, body = get(client, person.get_absolute_url(), "csv")
    assert response.status_code == 200 and len(csv_rows(body)) == 1001


def test_an_unknown_format_is_a_clear_400(client, corpus):
    response = client.get(f"{PERSON}?format=docx")
    assert response.status_code == 400
    assert "“docx” is not a format this site exports" in response.content.decode()
    assert "pdf, md, csv, json" in response.content.decode()


def test_the_url_fetcher_only_serves_local_static_files(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("the report fetcher must never open a connection")

    monkeypatch.setattr(urllib_request.OpenerDirector, "open", no_network)
    fetcher = StaticFilesOnly("http://testserver/")
    css = fetcher.fetch("http://testserver/static/css/report.css")
    assert b"@page" in css.read() and css.content_type == "text/css"
    for url in ("https://example.com/tracker.png", "http://169.254.169.254/latest/meta-data/",
                "http://evil.example/static/css/report.css", "http://testserver/static/../../config/settings.py",
                "http://testserver/admin/", "file:///etc/passwd", "data:image/png;base64,AAAA", "ftp://example.com/x"):
        with pytest.raises(RefusedURL):
            fetcher.fetch(url)
    static_file = Path(__file__).resolve().parent.parent / "static" / "css" / "report.css"
    assert fetcher.fetch(static_file.as_uri()).read().startswith(b"/*")


def test_weasyprint_asks_the_fetcher_and_gets_nothing_external(monkeypatch):
    from weasyprint import HTML

    asked: list[str] = []

    class Spy(StaticFilesOnly):
        def fetch(self, url, headers=None):
            asked.append(url)
            return super().fetch(url, headers)

    monkeypatch.setattr(urllib_request.OpenerDirector, "open", lambda *a, **k: pytest.fail("network used"))
    html = '<link rel="stylesheet" href="/static/css/report.css"><img src="https://example.com/x.png"><p>Hi</p>'
    pdf = HTML(string=html, base_url="http://testserver/", url_fetcher=Spy("http://testserver/")).write_pdf()
    assert pdf.startswith(b"%PDF") and "https://example.com/x.png" in asked
    assert "http://testserver/static/css/report.css" in asked


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_csv_and_json_stream_from_an_iterator(client, fmt, django_assert_max_num_queries):
    data = make_dataset(10)
    with django_assert_max_num_queries(4):
        response = client.get(f"/quotes/?format={fmt}")
        assert isinstance(response, StreamingHttpResponse) and response.streaming
        chunks = list(response.streaming_content)
    assert len(chunks) > 100  # row by row, not one buffered body
    count = Quote.objects.count()
    body = b"".join(chunks)
    assert (len(csv_rows(body)) if fmt == "csv" else json.loads(body)["count"]) == count > 100
    assert data["people"]


def test_exports_run_a_bounded_number_of_queries(client, django_assert_max_num_queries):
    data = make_dataset(10)
    theme, person = data["themes"][0], data["people"][0]
    urls = [
        person.get_absolute_url(), f"{theme.get_absolute_url()}?source={data['sources'][0].slug}", "/figures/",
        "/articles/?country=ru", "/people/", "/themes/", "/sources/", data["sources"][0].get_absolute_url(),
        "/countries/", "/countries/ru/", "/quotes/?kind=direct", data["articles"][0].get_absolute_url(), "/search/?q=war",
    ]
    for url in urls:
        for fmt in ("md", "csv", "json"):
            with django_assert_max_num_queries(14, info=f"{url} {fmt}"):
                response, _ = get(client, url, fmt)
            assert response.status_code == 200, (url, fmt)


# Links on the pages ------------------------------------------------------------------------------

def test_pages_offer_export_links_with_their_filters_but_not_the_page(client):
    data = make_dataset(10)
    theme = data["themes"][0]
    html = client.get(f"/quotes/?theme={theme.slug}&page=2").content.decode()
    for fmt in ("pdf", "md", "csv", "json"):
        assert f'href="?theme={theme.slug}&amp;format={fmt}"' in html
    for url in ("/articles/", "/people/", data["people"][0].get_absolute_url(), "/themes/", theme.get_absolute_url(),
                "/sources/", data["sources"][0].get_absolute_url(), "/countries/", "/countries/ru/", "/figures/",
                data["articles"][0].get_absolute_url(), "/search/?q=war"):
        assert "format=pdf" in client.get(url).content.decode(), url


def test_the_cover_claims_only_the_filters_the_page_applies(client, corpus):
    # An invalid kind or date is ignored by the page's filters, so the report must not claim it.
    data = json.loads(get(client, "/quotes/?kind=bogus&from=not-a-date&source=newsweek&sort=oldest", "json")[1])
    assert [(f["param"], f["display"]) for f in data["filters"]] == [("source", "Newsweek"), ("sort", "oldest")]
    assert data["count"] == Quote.objects.visible().filter(article__source__slug="newsweek").count()
    assert {i["outlet"] for i in data["items"]} == {"Newsweek"}


def test_a_csv_export_starts_with_a_utf8_byte_order_mark_so_excel_reads_it_as_utf8(client, corpus):
    response, body = get(client, "/quotes/", "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body[:3] == b"\xef\xbb\xbf" and body.count(BOM_BYTES) == 1
    header = next(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert header == list(QUOTE_COLUMNS)
    # Curly quotes and accents survive, and the trailer row is still last.
    text = body.decode("utf-8-sig")
    assert "“" in text and "émigré" in text
    assert text.rstrip("\r\n").rsplit("\n", 1)[-1].startswith(END_MARKER)
