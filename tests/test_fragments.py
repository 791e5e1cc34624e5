"""What a reader page shows of the archive is kept per process until the data changes
(articles/page_cache.py fragment), for every visitor: readers and editors alike see an edit, an
import or a recount on their next request, and a page built while old counts stood in is never kept."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles import page_cache, summaries
from articles.importing import import_incoming, incoming_from_text
from articles.models import Person, Quote, QuoteTheme
from tests.builders import make_dataset
from tests.editors import make_editor

HTMX = {"HX-Request": "true", "HX-Target": "annotate-workspace"}
NEW_ARTICLE = (
    "Fragment Test Headline About Baltic Ports\n\n"
    "Officials met in Tallinn to discuss the ports. “We will keep the harbour open to every ship,” "
    "said Kaja Kallas, the prime minister of Estonia, on Tuesday."
)


@pytest.fixture(autouse=True)
def fragments(settings):
    settings.FRAGMENT_CACHE = True  # as deployed; the page cache stays off (conftest), so nothing hides them
    page_cache._fragments.clear()


def kept(client: Client, url: str, django_assert_num_queries, **headers) -> str:
    """The page, asked for twice: the second answer comes from the fragment (no query at all: the
    tests' caches are in memory), and is the same page."""
    first = client.get(url, headers=headers)
    assert first.status_code == 200
    with django_assert_num_queries(0):
        second = client.get(url, headers=headers)
    assert second.content == first.content
    return second.content.decode()


@pytest.mark.django_db
def test_an_editors_change_in_the_admin_shows_on_the_articles_next_request_for_readers_and_the_editor(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    data = make_dataset()
    article = data["articles"][0]
    quote = Quote.objects.filter(article=article).first()
    newcomer = Person.objects.create(name="Zelda Newcomer", kind=Person.Kind.EXPERT)
    editor_client = Client()
    editor_client.force_login(make_editor())
    url = article.get_absolute_url()
    assert "Zelda Newcomer" not in kept(client, url, django_assert_num_queries)
    before = editor_client.get(url).content.decode()
    assert "Zelda Newcomer" not in before
    assert reverse("admin:articles_article_change", args=[article.pk]) in before  # the editor's shell, not the reader's

    with django_capture_on_commit_callbacks(execute=True):  # the admin's transaction commits, as deployed
        response = editor_client.post(reverse("admin:articles_quote_change", args=[quote.pk]), {
            "text": quote.text, "speaker": newcomer.pk, "speaker_kind": "person", "speaker_text": "Zelda Newcomer",
            "cue": "said", "kind": "direct", "status": "verified", "version_seen": quote.version,
            "quote_themes-TOTAL_FORMS": 0, "quote_themes-INITIAL_FORMS": 0,
        })
    assert response.status_code == 302, response.content.decode()[:2000]

    for who in (editor_client, client):
        page = who.get(url).content.decode()
        assert "Zelda Newcomer" in page
        assert newcomer.get_absolute_url() in page
    assert "Zelda Newcomer" in kept(client, url, django_assert_num_queries)
    # The article has no swappable region: htmx asking for one gets the whole page, kept apart.
    assert "<html" in kept(client, url, django_assert_num_queries, **{"HX-Request": "true", "HX-Target": "results"})


@pytest.mark.django_db
def test_a_note_added_in_the_edit_view_shows_on_the_articles_next_request(
    client, django_assert_num_queries, django_capture_on_commit_callbacks
):
    article = make_dataset()["articles"][0]
    editor_client = Client()
    editor_client.force_login(make_editor())
    url = article.get_absolute_url()
    marked = '<span class="annotated">officials met to discuss the war</span>'
    assert marked not in kept(client, url, django_assert_num_queries)
    assert marked not in editor_client.get(url).content.decode()

    words = "officials met to discuss the war"
    start = article.body.index(words)
    with django_capture_on_commit_callbacks(execute=True):
        response = editor_client.post(reverse("admin:articles_annotation_new", args=[article.pk]), {
            "start": start, "end": start + len(words), "words": words, "visibility": "public", "note": "Who met?",
        }, headers=HTMX)
    assert response.status_code == 200

    assert marked in editor_client.get(url).content.decode()  # the editor sees their note at once
    assert marked in kept(client, url, django_assert_num_queries)  # and so does every reader


@pytest.mark.django_db
def test_a_new_import_shows_on_the_lists(client, django_assert_num_queries, django_capture_on_commit_callbacks):
    make_dataset()
    lists = ["/articles/", "/quotes/", "/people/", "/quotes/?sort=newest"]
    for url in lists:
        assert "Fragment Test Headline" not in kept(client, url, django_assert_num_queries)
    fragment = kept(client, "/quotes/", django_assert_num_queries, **{"HX-Request": "true", "HX-Target": "results"})
    assert "<html" not in fragment  # htmx's part of the list is kept apart from the whole page

    with django_capture_on_commit_callbacks(execute=True):
        outcome = import_incoming(incoming_from_text(NEW_ARTICLE, "baltic.txt"))
    assert outcome.article is not None

    assert "Fragment Test Headline" in kept(client, "/articles/", django_assert_num_queries)
    assert "keep the harbour open" in kept(client, "/quotes/", django_assert_num_queries)
    assert "keep the harbour open" in kept(
        client, "/quotes/", django_assert_num_queries, **{"HX-Request": "true", "HX-Target": "results"}
    )
    assert "Kaja Kallas" in kept(client, "/people/", django_assert_num_queries)


@pytest.mark.django_db(transaction=True)
def test_a_list_built_while_the_last_counts_stood_in_is_not_kept(client, settings, django_assert_num_queries):
    """After a write, the first reader gets the last generation's facet counts while a background
    thread recounts (articles/summaries.py): that page must not be kept under the new generation,
    or every reader after the recount would still see the old counts."""
    data = make_dataset()
    url = "/quotes/"
    kept(client, url, django_assert_num_queries)

    article = data["articles"][1]
    passage = article.passages.get(index=2)
    quote = Quote.objects.create(
        article=article, passage=passage, speaker_text="a diplomat", text="Analysts said the alliance",
        start=passage.start, end=passage.start + 26, kind=Quote.Kind.INDIRECT, confidence=0.8,
    )
    QuoteTheme.objects.create(quote=quote, theme=data["themes"][3], score=0.5)  # a facet count changes

    stood_in = client.get(url).content.decode()
    summaries.wait_for_refreshes(timeout=30)
    settings.FRAGMENT_CACHE = False
    fresh = client.get(url).content.decode()
    settings.FRAGMENT_CACHE = True
    assert stood_in != fresh  # the first page after the write did show the last counts

    assert kept(client, url, django_assert_num_queries) == fresh


def test_a_process_keeps_a_bounded_number_and_size_of_fragments_and_only_the_newest_generations():
    kept_here = page_cache._Fragments(3, 100)
    kept_here.put(("a",), 5, {"html": "x" * 60})
    kept_here.put(("b",), 5, {"html": "x" * 60})  # past 100 characters: the oldest goes
    assert kept_here.get(("a",), 5) is None and kept_here.get(("b",), 5) is not None
    for name in "cde":
        kept_here.put((name,), 5, {"html": "x"})
    assert [kept_here.get((name,), 5) is not None for name in "bcde"] == [False, True, True, True]  # three at most
    kept_here.put(("old",), 4, {"html": "x"})  # built by a request that began before a write: not kept
    assert kept_here.get(("old",), 4) is None and kept_here.get(("e",), 6) is None
    kept_here.put(("new",), 6, {"html": "x"})  # a newer generation: the older ones are dropped
    assert kept_here.get(("e",), 5) is None and kept_here.get(("new",), 6) is not None
