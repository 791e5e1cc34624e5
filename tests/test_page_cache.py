"""Anonymous readers' pages come from the cache until the data changes (articles/page_cache.py), here
a local-memory cache as the whole suite uses."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User

from articles.models import Quote
from tests.builders import make_dataset

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE = True  # as deployed (the suite turns it off)


def test_a_reader_gets_the_stored_page_until_the_data_changes(client, django_assert_num_queries):
    data = make_dataset()
    first = client.get("/quotes/")
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):  # the generation and the page, from the cache
        second = client.get("/quotes/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Security-Policy"] == first["Content-Security-Policy"]
    # Kept by the server, not by browsers: an edit shows on the reader's next request.
    assert "max-age" not in second.get("Cache-Control", "") and not second.has_header("Expires")

    article = data["articles"][0]
    passage = article.passages.get(index=1)
    Quote.objects.create(article=article, passage=passage, speaker_text="a diplomat", text="Brand new words",
                         start=passage.start + 1, end=passage.start + 16)
    third = client.get("/quotes/")
    assert third["X-Page-Cache"] == "miss"
    assert "Brand new words" in third.content.decode()


def test_signed_in_editors_always_get_a_fresh_page_marked_private(client):
    make_dataset()
    editor = User.objects.create_user("editor", password="pw-for-tests", is_staff=True)
    client.force_login(editor)
    for _ in range(2):
        response = client.get("/quotes/")
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]  # nor kept by a proxy on the way
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
    assert {"HX-Request", "HX-Target"} <= {h.strip() for h in whole["Vary"].split(",")}
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
