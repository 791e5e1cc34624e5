"""Permalinks survive re-extraction and merges: same passage, same id; otherwise 301 or 410."""

from __future__ import annotations

from dataclasses import replace

import pytest
from django.urls import reverse
from django.utils.html import escape

from analysis.pipeline import extract
from articles.extraction import document_for, save_extraction, theme_specs
from articles.models import Annotation, Article, Person, PersonRedirect, Quote, RetiredQuote
from tests.editors import make_editor

pytestmark = pytest.mark.django_db


def reextract(article: Article, change=None) -> None:
    """Run extraction again as the admin action does; ``change`` edits the results first
    (a list of (quote result, its themes) pairs), standing in for a changed extractor."""
    extraction = extract(document_for(article), theme_specs())
    if change:
        pairs = change(list(zip(extraction.quotes, extraction.quote_themes, strict=True)))
        extraction.quotes = [result for result, _ in pairs]
        extraction.quote_themes = [themes for _, themes in pairs]
    save_extraction(article, extraction)


def spanning(article: Article, start: int, end: int, result):
    return replace(result, start=start, end=end, text=article.body[start:end])


def same_span(quote: Quote):
    return lambda result: (result.start, result.end) == (quote.start, quote.end)


def landing(client, url: str):
    """Where a reader ends up from ``url``: (status of the first answer, final answer)."""
    first = client.get(url)
    final = client.get(first["Location"]) if first.status_code == 301 else first
    return first.status_code, final


def a_quote_alone_in_a_long_passage(article: Article) -> Quote:
    """A machine quote that a changed extractor could widen to its whole passage."""
    for quote in article.quotes.select_related("passage").order_by("start"):
        passage = quote.passage
        alone = not article.quotes.filter(passage=passage).exclude(pk=quote.pk).exists()
        if alone and passage.end - passage.start >= 2 * (quote.end - quote.start):
            return quote
    raise AssertionError("the corpus has no quote alone in a long passage")


def test_reextracting_the_corpus_keeps_every_quote_url_alive(corpus, client, capsys):
    quotes = list(Quote.objects.visible().select_related("article"))
    urls = {quote.pk: quote.get_absolute_url() for quote in quotes}
    client.force_login(make_editor())
    client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "reanalyse", "_selected_action": [a.pk for a in corpus.values()]},
    )
    client.logout()

    alive = 0
    for url in urls.values():
        status, final = landing(client, url)
        alive += status in (200, 301) and final.status_code == 200
    with capsys.disabled():
        print(f"\nquote URLs alive after re-extracting the corpus: {alive} of {len(urls)}")
    assert alive == len(urls) == 30
    # Unchanged passages keep their ids, so the article pages' #q anchors still land.
    assert set(Quote.objects.values_list("pk", flat=True)) == set(urls)
    for article in corpus.values():
        page = client.get(article.get_absolute_url()).content.decode()
        for quote in quotes:
            if quote.article_id == article.pk:
                assert f'id="q{quote.pk}"' in page


def test_a_quote_whose_span_shifts_by_a_few_characters_keeps_its_id(corpus, client):
    article = corpus["000_8ec5d6834c1552e8.txt"]
    # Long enough that a three-character shift is a boundary change, not another passage.
    quote = next(q for q in article.quotes.order_by("start") if q.end - q.start >= 40)
    shifted = lambda pairs: [  # noqa: E731
        (spanning(article, r.start + 2, r.end - 1, r) if same_span(quote)(r) else r, t) for r, t in pairs
    ]
    reextract(article, shifted)

    kept = Quote.objects.get(pk=quote.pk)
    assert (kept.start, kept.end, kept.text) == (quote.start + 2, quote.end - 1, article.body[quote.start + 2 : quote.end - 1])
    assert client.get(quote.get_absolute_url()).status_code == 200
    assert not RetiredQuote.objects.exists()


def test_a_quote_whose_words_change_redirects_to_its_successor(corpus, client):
    article = corpus["000_8ec5d6834c1552e8.txt"]
    quote = a_quote_alone_in_a_long_passage(article)
    passage = quote.passage
    widened = lambda pairs: [  # noqa: E731
        (spanning(article, passage.start, passage.end, r) if same_span(quote)(r) else r, t) for r, t in pairs
    ]
    reextract(article, widened)

    successor = Quote.objects.get(article=article, start=passage.start, end=passage.end)
    assert successor.pk != quote.pk and not Quote.objects.filter(pk=quote.pk).exists()
    response = client.get(quote.get_absolute_url() + "?format=json")
    assert response.status_code == 301
    assert response["Location"] == successor.get_absolute_url() + "?format=json"  # exports follow too
    status, final = landing(client, quote.get_absolute_url())
    assert (status, final.status_code) == (301, 200)
    assert escape(successor.text) in final.content.decode()


def test_two_quotes_merged_into_one_both_redirect_to_it(corpus, client):
    article = corpus["000_8ec5d6834c1552e8.txt"]
    first, second = next(
        (a, b) for a, b in zip(article.quotes.order_by("start"), article.quotes.order_by("start")[1:], strict=False)
        if a.passage_id == b.passage_id and max(a.end - a.start, b.end - b.start) < 0.8 * (b.end - a.start)
    )

    def merged(pairs):
        out = []
        for result, themes in pairs:
            if same_span(first)(result):
                out.append((spanning(article, first.start, second.end, result), themes))
            elif not same_span(second)(result):
                out.append((result, themes))
        return out

    reextract(article, merged)

    successor = Quote.objects.get(article=article, start=first.start, end=second.end)
    for old in (first, second):
        response = client.get(old.get_absolute_url())
        assert (response.status_code, response["Location"]) == (301, successor.get_absolute_url())


def test_a_quote_that_disappears_answers_410_with_its_text_and_article_link(corpus, client):
    article = corpus["002_26b91fc9e49b928e.txt"]
    quote = article.quotes.exclude(speaker_text="").order_by("-end").first()
    reextract(article, lambda pairs: [(r, t) for r, t in pairs if not same_span(quote)(r)])

    response = client.get(quote.get_absolute_url())
    assert response.status_code == 410
    page = response.content.decode()
    assert escape(quote.text) in page
    assert escape(quote.speaker_text) in page
    assert f'href="{article.get_absolute_url()}"' in page
    assert "Commentariat</a>" in page  # the site's own page, with its navigation

    reextract(article)  # the words are quoted again: the old link leads to them
    again = Quote.objects.get(article=article, start=quote.start, end=quote.end)
    response = client.get(quote.get_absolute_url())
    assert (response.status_code, response["Location"]) == (301, again.get_absolute_url())


def test_reviews_notes_and_history_stay_attached_through_reextraction(corpus, client):
    article = corpus["000_8ec5d6834c1552e8.txt"]
    verified, corrected = article.quotes.order_by("start")[:2]
    editor = make_editor()
    client.force_login(editor)
    client.post(reverse("admin:articles_quotereview_changelist"), {"action": "verify", "_selected_action": [verified.pk]})
    corrected.cue = "insisted"  # an editor's correction, not yet verified
    corrected.save()
    note = Annotation.objects.create(
        article=article, start=corrected.start, end=corrected.end, exact=corrected.text, note="Check the translation."
    )
    history_before = {q.pk: q.history.count() for q in (verified, corrected)}
    client.logout()

    reextract(article)

    verified.refresh_from_db()
    assert verified.status == Quote.Status.VERIFIED
    assert verified.history.count() == history_before[verified.pk]
    assert verified.history.filter(history_user=editor).exists()
    kept = Quote.objects.get(pk=corrected.pk)  # the same row: its history goes on from where it was
    assert kept.history.filter(cue="insisted").exists()
    assert kept.history.count() == history_before[corrected.pk] + 1
    assert kept.history.first().history_change_reason == "Re-extraction"
    note.refresh_from_db()
    assert (note.start, note.end, note.exact, note.orphaned) == (corrected.start, corrected.end, corrected.text, False)
    assert client.get(kept.get_absolute_url()).status_code == 200


def test_redirects_collapse_into_one_hop(corpus, client):
    article = corpus["000_8ec5d6834c1552e8.txt"]
    quote = a_quote_alone_in_a_long_passage(article)
    passage = quote.passage
    reextract(article, lambda pairs: [
        (spanning(article, passage.start, passage.end, r) if same_span(quote)(r) else r, t) for r, t in pairs
    ])
    middle = Quote.objects.get(article=article, start=passage.start, end=passage.end)
    cut = passage.start + (passage.end - passage.start) * 3 // 10
    reextract(article, lambda pairs: [
        (spanning(article, cut, passage.end, r) if same_span(quote)(r) else r, t) for r, t in pairs
    ])
    last = Quote.objects.get(article=article, start=cut, end=passage.end)

    assert RetiredQuote.objects.get(old_id=middle.pk).successor == last
    response = client.get(quote.get_absolute_url())
    assert (response.status_code, response["Location"]) == (301, last.get_absolute_url())


def test_a_merged_persons_old_slug_redirects_to_the_kept_person(db, client):
    kept = Person.objects.create(name="Markus Garlauskas")
    duplicate = Person.objects.create(name="Markus Garlauskus")
    old_url = duplicate.get_absolute_url()
    kept.merge([duplicate])

    response = client.get(old_url + "?format=csv")
    assert (response.status_code, response["Location"]) == (301, kept.get_absolute_url() + "?format=csv")
    assert landing(client, old_url)[1].status_code == 200


def test_people_redirects_follow_renames_and_collapse_across_merges(db, client):
    first = Person.objects.create(name="Jon Doe")
    second = Person.objects.create(name="John Doe")
    third = Person.objects.create(name="John Q. Doe")
    first_url = first.get_absolute_url()
    second.merge([first])
    third.merge([second])
    assert client.get(first_url)["Location"] == third.get_absolute_url()

    renamed_from = third.get_absolute_url()
    third.slug = "john-quincy-doe"
    third.save()
    for url in (first_url, renamed_from):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (301, "/people/john-quincy-doe/")
    assert PersonRedirect.objects.filter(person=third).count() == 3
    assert client.get("/people/nobody-at-all/").status_code == 404
