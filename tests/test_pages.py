"""The home page and the article reader."""

from __future__ import annotations

import pytest
from django.urls import reverse

from articles.importing import Incoming, import_incoming

pytestmark = pytest.mark.django_db


def test_the_home_page_lists_both_corpus_articles(client, corpus):
    response = client.get(reverse("home"))
    assert response.status_code == 200
    html = response.content.decode()
    for article in corpus.values():
        assert article.get_absolute_url() in html
    assert "North Korea’s arrival is no triumph for Putin in Ukraine" in html
    assert "Newsweek" in html and "The Sunday Times" in html


def test_the_article_page_shows_the_cleaned_text_by_passage(client, corpus):
    article = corpus["002_26b91fc9e49b928e.txt"]
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h2 class="section-heading" id="p' in html and "Explosives from Pyongyang</h2>" in html
    assert "Although most North Koreans speak some Russian" in html  # the page break is mended
    assert '<p class="bio"' in html
    assert html.count("<p id=\"p") == article.passages.filter(kind="body").count()


def test_an_untitled_article_is_shown_as_untitled_not_given_an_invented_title(client, corpus):
    article = corpus["000_8ec5d6834c1552e8.txt"]
    html = client.get(article.get_absolute_url()).content.decode()
    assert '<span class="untitled">Untitled</span>' in html
    assert "date not given" in html
    assert "ED JONES/Getty Images" in html and 'class="credit"' in html


def test_article_text_is_escaped(client):
    outcome = import_incoming(Incoming(
        raw="---\ntitle: <script>alert('t')</script> Talks\n---\n"
        "The envoy wrote <img src=x onerror=alert(1)> in a note, officials said, and <script>alert(2)</script> too.\n",
        name="xss.txt",
    ))
    article = outcome.article
    for url in (reverse("home"), reverse("article_list"), article.get_absolute_url()):
        html = client.get(url).content.decode()
        assert "<script>alert" not in html
        assert "<img src=x" not in html
    html = client.get(article.get_absolute_url()).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in html


def test_an_unknown_article_is_404(client, db):
    assert client.get("/articles/no-such-thing/").status_code == 404


def test_pages_send_a_content_security_policy_without_inline_scripts(client, corpus):
    response = client.get(reverse("home"))
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "<script>" not in response.content.decode()


def test_an_upper_case_country_code_redirects_to_the_lower_case_url(client, corpus):
    response = client.get("/countries/KP/")
    assert response.status_code == 301 and response.url == "/countries/kp/"
    assert client.get("/countries/zz/").status_code == 404
