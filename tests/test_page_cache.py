"""Anonymous readers' pages come from the cache until the data changes (articles/page_cache.py)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from articles.models import Quote
from tests.builders import make_dataset

# Transactional: each write commits, as in the app, so the on-commit invalidation really runs.
pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.real_cache]


def test_a_reader_gets_the_stored_page_until_the_data_changes(client, django_assert_max_num_queries):
    data = make_dataset()
    first = client.get("/quotes/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_max_num_queries(2):  # the data version and the page
        second = client.get("/quotes/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]

    article = data["articles"][0]
    passage = article.passages.get(index=1)
    Quote.objects.create(article=article, passage=passage, speaker_text="a diplomat", text="Brand new words",
                         start=passage.start + 1, end=passage.start + 16)
    third = client.get("/quotes/")
    assert third["X-Page-Cache"] == "miss"
    assert "Brand new words" in third.content.decode()


def test_signed_in_editors_always_get_a_fresh_page(client):
    make_dataset()
    editor = User.objects.create_user("editor", password="pw-for-tests", is_staff=True)
    client.force_login(editor)
    for _ in range(2):
        response = client.get("/quotes/")
        assert "X-Page-Cache" not in response
    assert 'hx-headers=\'{"X-CSRFToken"' in response.content.decode()


def test_a_readers_page_holds_no_token_and_sets_no_cookie(client):
    make_dataset()
    response = client.get("/people/")
    assert "X-CSRFToken" not in response.content.decode()
    assert not response.cookies
    assert response["X-Page-Cache"] == "miss"


def test_htmx_fragments_and_whole_pages_are_stored_apart(client):
    make_dataset()
    fragment = client.get("/quotes/?kind=direct", headers={"HX-Request": "true", "HX-Target": "results"})
    whole = client.get("/quotes/?kind=direct")
    assert "<html" not in fragment.content.decode()
    assert "<html" in whole.content.decode()
    assert whole["X-Page-Cache"] == "miss"
    again = client.get("/quotes/?kind=direct", headers={"HX-Request": "true", "HX-Target": "results"})
    assert again["X-Page-Cache"] == "hit"
    assert again.content == fragment.content


def test_exports_and_errors_are_not_stored(client):
    make_dataset()
    for _ in range(2):
        export = client.get("/quotes/?format=csv")
        assert export.status_code == 200
        assert "X-Page-Cache" not in export
        missing = client.get("/people/nobody-of-that-name/")
        assert missing.status_code == 404
        assert "X-Page-Cache" not in missing
