"""Hostile and clumsy reader requests: every URL answers with a sentence, never a 500.

Walks every reader URL pattern with parameters a fuzzer or a careless link would send (NUL and
other control characters, huge and negative numbers, unknown sorts and formats, a 10 KB query,
bad dates) and checks HEAD works wherever GET does.
"""

from __future__ import annotations

import re

import pytest

from articles.models import Organisation, Quote
from articles.templatetags.commentariat import highlighted
from articles.urls import urlpatterns
from tests.builders import make_dataset
from tests.test_reports import made_report

pytestmark = pytest.mark.django_db

HOSTILE_PARAMETERS = [
    {"q": "\x00"},
    {"q": "war\x02fake\x03"},
    {"theme": "\x00"},
    {"country": "\x00"},
    {"source": "a\x00b"},
    {"person": "\x1b[31m"},
    {"kind": "\x00"},
    {"sort": "\x00"},
    {"\x00": "1"},
    {"page": "-1"},
    {"page": "99999999999999999999999"},
    {"page": "\x00"},
    {"sort": "nonsense"},
    {"q": "war " * 2_500},  # 10 KB
    {"from": "2024-13-45", "to": "not a date"},
    {"from": "0000-00-00"},
    {"format": "exe"},
    {"format": "\x00"},
]
SENTENCE = re.compile(r"[A-Z][^<>]{10,}[.;]")


def reader_urls(data: dict) -> list[str]:
    """One URL for every reader pattern, filled with rows that exist."""
    article, person, theme, source = data["articles"][0], data["people"][0], data["themes"][0], data["sources"][0]
    values = {
        "article_detail": article.get_absolute_url(), "person_detail": person.get_absolute_url(),
        "theme_detail": theme.get_absolute_url(), "source_detail": source.get_absolute_url(),
        "country_detail": "/countries/ru/", "quote_detail": article.quotes.first().get_absolute_url(),
        "organisation_detail": _quoted_organisation(data).get_absolute_url(),
        "described_source": "/anonymous/senior-official/",
    }
    report = made_report()
    values |= {"report_detail": report.get_absolute_url(), "report_download": report.get_download_url()}
    urls = []
    for pattern in urlpatterns:
        urls.append(values.get(pattern.name) or f"/{pattern.pattern}")
    assert len(urls) == len(urlpatterns) and all("<" not in url for url in urls)
    return urls


def _quoted_organisation(data: dict) -> Organisation:
    """An organisation and an anonymous source, each speaking one of the dataset's quotes."""
    organisation = Organisation.objects.create(name="Example Directorate")
    first, second = data["articles"][1].quotes.all()[:2]
    Quote.objects.filter(pk=first.pk).update(speaker=None, speaker_kind="organisation", speaker_organisation=organisation)
    Quote.objects.filter(pk=second.pk).update(speaker=None, speaker_kind="anonymous", speaker_text="a senior official")
    return organisation


def assert_answered(response, url: str) -> None:
    assert response.status_code < 500, (url, response.status_code)
    if response.status_code >= 400:
        assert SENTENCE.search(response.content.decode()), (url, response.content[:300])


def test_every_reader_url_answers_hostile_parameters_with_a_page_not_a_500(client):
    data = make_dataset(1)
    for url in reader_urls(data):
        for params in HOSTILE_PARAMETERS:
            response = client.get(url, params)
            assert_answered(response, f"{url} {params!r}")
            if any("\x00" in key + value for key, value in params.items()):
                assert response.status_code == 400, (url, params)
                assert "control character" in response.content.decode()


@pytest.mark.parametrize("path", [
    "/countries/%00/", "/countries/%01x/", "/people/%00/", "/articles/%00/", "/themes/%00/", "/sources/%00/",
    "/quotes/99999999999999999999999/", "/quotes/-1/", "/countries/zz/", "/countries/" + "x" * 5000 + "/",
])
def test_hostile_path_segments_get_a_sentence(client, path):
    make_dataset(1)
    response = client.get(path)
    assert response.status_code in (400, 404), response.status_code
    assert SENTENCE.search(response.content.decode())


def test_head_works_wherever_get_does(client):
    data = make_dataset(1)
    for url in reader_urls(data):
        get, head = client.get(url), client.head(url)
        assert get.status_code == 200, url
        assert head.status_code == 200, url
        assert (b"".join(head.streaming_content) if head.streaming else head.content) == b""  # a report's file streams


def test_only_safe_methods_reach_reader_pages(client):
    data = make_dataset(1)
    for url in reader_urls(data):
        assert client.post(url).status_code in (403, 405), url  # CSRF or method: never run


def test_control_characters_in_stored_text_cannot_fake_a_search_highlight(client):
    data = make_dataset(1)
    quote = Quote.objects.filter(article=data["articles"][0]).first()
    quote.text = "\x02Forged\x03 claims about sanctions"
    quote.save()
    page = client.get("/search/", {"q": "sanctions"}).content.decode()
    assert "<mark>sanctions</mark>" in page
    assert "<mark>Forged</mark>" not in page and "Forged claims" in page


def test_the_highlight_filter_shows_no_control_characters():
    runs = highlighted("a\x01b \x02hit\x03 c\x1bd")
    assert runs == [("ab ", False), ("hit", True), (" cd", False)]
