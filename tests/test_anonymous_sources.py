"""Anonymous and organisational sources are first-class: pages, a speaker-kind facet, the share
of anonymous sourcing per outlet, and a way to them from People."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from articles.models import Organisation, Quote, Source
from articles.models.described import description_slug
from tests.builders import make_article

pytestmark = pytest.mark.django_db


def _quote(article, *, kind: str = "anonymous", text: str = "We will not back down", printed: str = "",
           status: str = "machine", **extra) -> Quote:
    passage = article.passages.get(index=1)
    return Quote.objects.create(
        article=article, passage=passage, speaker_kind=kind, speaker_text=printed, text=text,
        start=passage.start + 1, end=passage.start + 22, status=status, **extra,
    )


def _count(html: str) -> int:
    return int(re.search(r'<p class="result-count">(\d+) quote', html).group(1))


def test_the_demo_corpus_has_a_page_for_each_anonymous_speaker(client, corpus, expected):
    diplomat = next(q for q in expected["002_26b91fc9e49b928e.txt"]["quotes"] if q["speaker"] == "a senior American diplomat")
    assert "a senior American diplomat" in expected["002_26b91fc9e49b928e.txt"]["anonymous_speakers"]

    response = client.get("/anonymous/senior-american-diplomat/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>A senior American diplomat</h1>" in html
    assert diplomat["text"][:40] in html
    assert 'id="outlet-sunday-times"' in html


def test_a_description_slug_drops_case_accents_and_the_leading_article():
    assert description_slug("a senior American diplomat") == "senior-american-diplomat"
    assert description_slug("A senior NATO official") == "senior-nato-official"
    assert description_slug("an émigré Russian with close links to the Kremlin") == (
        "emigre-russian-with-close-links-to-the-kremlin"
    )


def test_a_described_source_page_lists_its_quotes_grouped_by_outlet(client, db):
    times, post = Source.objects.create(name="Daily Example"), Source.objects.create(name="Evening Example")
    a1, a2, b1 = make_article(times, 1), make_article(times, 2), make_article(post, 3)
    mine = [
        _quote(a1, printed="A senior NATO official", text="first"),
        _quote(a2, printed="a senior NATO official", text="second"),
        _quote(b1, printed="a senior Nato official,", text="third"),
    ]
    _quote(a1, printed="a senior NATO official", text="rejected", status="rejected")
    _quote(a1, printed="a senior NATO diplomat", text="another source")

    html = client.get("/anonymous/senior-nato-official/").content.decode()

    assert "A senior NATO official" in html
    for quote in mine:
        assert quote.get_absolute_url() in html
    assert "another source" not in html and Quote.objects.get(text="rejected").get_absolute_url() not in html
    daily, evening = html.index('id="outlet-daily-example"'), html.index('id="outlet-evening-example"')
    assert daily < evening
    assert html.index(mine[0].get_absolute_url()) < evening < html.index(mine[2].get_absolute_url())

    # Each outlet's count links to the list it counts.
    links = re.findall(r'<a href="(/anonymous/senior-nato-official/\?source=[^"]+)">([^<]+)</a> <span class="count">(\d+)</span>', html)
    assert {name for _, name, _ in links} == {"Daily Example", "Evening Example"}
    for url, _, n in links:
        page = client.get(url.replace("&amp;", "&")).content.decode()
        assert len(re.findall(r'class="quote-item"', page)) == int(n)

    assert client.get("/anonymous/senior-nato-diplomat-of-nowhere/").status_code == 404
    assert client.get("/anonymous/Senior-NATO-official/").status_code == 404  # one spelling of the address


def test_an_organisation_quoted_as_speaker_has_a_page(client, corpus):
    directorate = Organisation.objects.get(name="Defense Intelligence Directorate")
    quote = Quote.objects.get(speaker_organisation=directorate)

    response = client.get(directorate.get_absolute_url())

    assert directorate.get_absolute_url() == "/organisations/defense-intelligence-directorate/"
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Defense Intelligence Directorate</h1>" in html
    assert quote.get_absolute_url() in html


def test_the_speaker_kind_facet_counts_equal_what_their_links_show(client, corpus):
    article = corpus["002_26b91fc9e49b928e.txt"]
    _quote(article, kind="document", printed="a leaked memo", text="a memo said so")

    html = client.get("/quotes/").content.decode()
    facet = html[html.index('aria-label="Speaker is"'):]
    facet = facet[: facet.index("</section>")]
    options = re.findall(r'<a href="([^"]+)" hx-get="[^"]+">([^<]+) <span class="count">(\d+)</span>', facet)

    labels = {label.strip() for _, label, _ in options}
    assert {"Named", "Anonymous", "Organisation", "Document"} <= labels
    for url, label, n in options:
        listed = client.get("/quotes/" + url.replace("&amp;", "&")).content.decode()  # links are "?speaker_kind=…"
        assert _count(listed) == int(n), label
    anonymous = Quote.objects.visible().filter(speaker_kind="anonymous").count()
    assert ("Anonymous", str(anonymous)) in {(label.strip(), n) for _, label, n in options}


def test_a_speaker_kind_no_one_planned_for_still_shows(client, db):
    article = make_article(Source.objects.create(name="Example Outlet"), 1)
    _quote(article, kind="leaked_cable", printed="a diplomatic cable")

    quotes = client.get("/quotes/").content.decode()
    index = client.get("/speakers/").content.decode()

    assert "Leaked cable" in quotes
    assert client.get("/quotes/?speaker_kind=leaked_cable").status_code == 200
    assert "a diplomatic cable" in index


def test_the_sources_page_shows_each_outlets_share_of_anonymous_quotes(client, db):
    source = Source.objects.create(name="Example Outlet")
    article = make_article(source, 1)
    _quote(article, printed="a senior official")
    for n in range(3):
        _quote(article, kind="person", printed=f"Named {n}")
    _quote(article, printed="a rejected official", status="rejected")

    html = client.get("/sources/").content.decode()

    link = f"/quotes/?source={source.slug}&amp;speaker_kind=anonymous"
    assert re.search(rf'<a href="{re.escape(link)}"[^>]*>anonymous: 25\xa0% of quotes</a>', html)
    listed = client.get(link.replace("&amp;", "&")).content.decode()
    assert _count(listed) == 1


def test_people_lead_to_the_other_speakers(client, corpus):
    people = client.get("/people/").content.decode()
    assert 'href="/speakers/"' in people

    index = client.get("/speakers/").content.decode()
    assert 'href="/anonymous/senior-american-diplomat/"' in index
    assert 'href="/anonymous/emigre-russian-with-close-links-to-the-kremlin/"' in index
    assert 'href="/organisations/defense-intelligence-directorate/"' in index
    assert 'href="/quotes/?speaker_kind=anonymous"' in index


def test_described_text_is_escaped(client, db):
    article = make_article(Source.objects.create(name="Example Outlet"), 1)
    _quote(article, printed="a <script>alert(1)</script> official")

    assert description_slug("a <script>alert(1)</script> official") == "script-alert-1-script-official"
    html = client.get("/anonymous/script-alert-1-script-official/").content.decode()
    index = client.get("/speakers/").content.decode()

    for page in (html, index):
        assert "<script>alert(1)" not in page
        assert "&lt;script&gt;alert(1)" in page


def test_the_new_pages_export_their_quotes(client, corpus):
    response = client.get("/anonymous/senior-american-diplomat/", {"format": "csv"})
    assert response.status_code == 200
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    assert rows[-1] == ["# END OF EXPORT: 1 rows"]
    assert "wake-up call" in rows[1][rows[0].index("text")]

    exported = client.get("/organisations/defense-intelligence-directorate/", {"format": "json"})
    document = json.loads(b"".join(exported.streaming_content))
    assert document["count"] == 1 and document["subject"]["type"] == "organisation"
