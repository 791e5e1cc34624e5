"""A review queue an editor can live in, and the ways from the reader's pages into the admin."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Person, Quote, Source, Theme
from tests.builders import make_article
from tests.editors import make_editor
from tests.test_history import WORDS, FormFields, make_quote

pytestmark = pytest.mark.django_db


@pytest.fixture
def queue(db) -> list[Quote]:
    """Three machine quotes, least confident first, and one already verified."""
    article = make_article(Source.objects.create(name="Outlet"), 1)
    quotes = [make_quote(article, kind=Quote.Kind.DIRECT) for _ in range(3)]
    for quote, confidence in zip(quotes, (0.2, 0.5, 0.8), strict=True):
        Quote.objects.filter(pk=quote.pk).update(confidence=confidence)
    make_quote(article, status=Quote.Status.VERIFIED)
    return [Quote.objects.get(pk=q.pk) for q in quotes]


def review(client, quote: Quote, button: str, query: str = "", **changes):
    url = reverse("admin:articles_quotereview_change", args=[quote.pk]) + query
    page = client.get(url)
    assert page.status_code == 200
    return client.post(url, {**FormFields.of(page.content.decode()), **changes, button: "1"})


def test_the_queue_form_has_verify_reject_and_save_and_next(client, editor, queue):
    html = client.get(reverse("admin:articles_quotereview_change", args=[queue[0].pk])).content.decode()
    for button in ('name="_verify" value="Verify"', 'name="_reject" value="Reject"',
                   'name="_savenext" value="Save and next"'):
        assert button in html


def test_verify_saves_marks_verified_and_opens_the_next_quote(client, editor, queue):
    response = review(client, queue[0], "_verify", cue="insisted")
    assert response.status_code == 302
    assert response.url == reverse("admin:articles_quotereview_change", args=[queue[1].pk])
    first = Quote.objects.get(pk=queue[0].pk)
    assert (first.status, first.cue) == (Quote.Status.VERIFIED, "insisted")


def test_reject_marks_rejected_and_opens_the_next_quote(client, editor, queue):
    response = review(client, queue[1], "_reject")
    assert response.url == reverse("admin:articles_quotereview_change", args=[queue[2].pk])
    assert Quote.objects.get(pk=queue[1].pk).status == Quote.Status.REJECTED


def test_save_and_next_keeps_the_quote_in_the_queue_and_wraps_round(client, editor, queue):
    response = review(client, queue[2], "_savenext", cue="insisted")
    assert response.url == reverse("admin:articles_quotereview_change", args=[queue[0].pk])
    last = Quote.objects.get(pk=queue[2].pk)
    assert (last.status, last.cue) == (Quote.Status.MACHINE, "insisted")


def test_the_next_quote_keeps_the_lists_filters(client, editor, queue):
    other = make_quote(make_article(Source.objects.create(name="Elsewhere"), 2))
    Quote.objects.filter(pk=other.pk).update(confidence=0.3)  # between the first two, in another outlet
    filters = f"?_changelist_filters=article__source__id__exact%3D{queue[0].article.source_id}"
    response = review(client, queue[0], "_verify", query=filters)
    assert response.url.startswith(reverse("admin:articles_quotereview_change", args=[queue[1].pk]))
    assert "_changelist_filters" in response.url


def test_the_last_decision_says_the_queue_is_empty(client, editor, queue):
    Quote.objects.filter(pk__in=[queue[1].pk, queue[2].pk]).update(status=Quote.Status.VERIFIED)
    response = review(client, queue[0], "_verify")
    assert response.url == reverse("admin:articles_quotereview_changelist")
    assert "The queue is empty" in client.get(response.url).content.decode()


def test_changing_the_speaker_does_not_verify_the_quote(client, editor, queue):
    kirby = Person.objects.create(name="John Kirby", kind=Person.Kind.OFFICIAL)
    response = review(client, queue[0], "_save", speaker=kirby.pk)
    assert response.status_code == 302
    quote = Quote.objects.get(pk=queue[0].pk)
    assert (quote.speaker, quote.status) == (kirby, Quote.Status.MACHINE)
    page = client.get(response.url).content.decode()
    assert "still unreviewed" in page  # said, not silent
    assert str(quote.pk) in client.get(reverse("admin:articles_quotereview_changelist")).content.decode()


def test_the_cleaning_report_is_a_readable_list(client, editor, queue):
    article = queue[0].article
    article.cleaning = {
        "removed": [{"kind": "headline", "text": "North Korea <b>arrives</b>", "line": 1},
                    {"kind": "blank", "text": " ", "line": 11}],
        "joins": [{"before": "Although most North Koreans", "after": "speak some Russian", "offset": 2321}],
    }
    article.save()
    html = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "Line 1: headline removed: “North Korea &lt;b&gt;arrives&lt;/b&gt;”" in html
    assert "Line 11: blank line removed</li>" in html
    assert "joined again at character 2321" in html
    assert '"removed": [' not in html and "&quot;removed&quot;" not in html  # no JSON


def test_staff_see_an_edit_link_to_the_object_on_reader_pages(client, editor, queue):
    quote = queue[0]
    article, source = quote.article, quote.article.source
    person = Person.objects.create(name="Markus Garlauskas")
    theme = Theme.objects.first()
    pages = {
        article.get_absolute_url(): reverse("admin:articles_article_change", args=[article.pk]),
        person.get_absolute_url(): reverse("admin:articles_person_change", args=[person.pk]),
        quote.get_absolute_url(): reverse("admin:articles_quote_change", args=[quote.pk]),
        theme.get_absolute_url(): reverse("admin:articles_theme_change", args=[theme.pk]),
        source.get_absolute_url(): reverse("admin:articles_source_change", args=[source.pk]),
    }
    for page, admin_url in pages.items():
        html = client.get(page).content.decode()
        assert f'class="edit-link" href="{admin_url}"' in html, page


@pytest.mark.real_cache
def test_the_edit_link_never_reaches_the_anonymous_page_cache(settings, queue):
    settings.PAGE_CACHE = True
    article = queue[0].article
    staff = Client()
    staff.force_login(make_editor("staffer"))
    assert "edit-link" in staff.get(article.get_absolute_url()).content.decode()
    reader = Client()
    first = reader.get(article.get_absolute_url())
    assert "edit-link" not in first.content.decode()
    assert "edit-link" in staff.get(article.get_absolute_url()).content.decode()
    again = reader.get(article.get_absolute_url())
    assert again["X-Page-Cache"] == "hit" and "edit-link" not in again.content.decode()
    assert "Edit</a>" not in again.content.decode()


def test_internal_tables_are_out_of_the_admin_index_but_still_searchable(client, editor, queue):
    index = client.get(reverse("admin:index")).content.decode()
    for hidden in ("passage", "personmention", "countrymention", "organisationmention", "quotetheme", "articletheme"):
        assert f"/admin/articles/{hidden}/" not in index, hidden
    for shown in ("article", "quote", "quotereview", "person", "theme", "figure", "source"):
        assert f"/admin/articles/{shown}/" in index, shown
    # A figure's passage is still picked through the passages' autocomplete.
    found = client.get(reverse("admin:autocomplete"), {
        "term": WORDS, "app_label": "articles", "model_name": "figure", "field_name": "passage",
    })
    assert found.status_code == 200
    assert [r["id"] for r in found.json()["results"]] == [str(queue[0].passage_id)]
