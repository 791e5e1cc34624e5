"""History and revert in the admin, for quotes and notes, from either quote list (people and articles:
tests/test_browser_history.py reverts every kind in a browser).

Reverting is tested outside a test transaction (``transaction=True``): requests then run as they
do in production, where a view that locks a row must open its own transaction.
"""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from articles.models import Annotation, Article, Quote, Source
from tests.builders import make_article

WORDS = "We will not back down"


class FormFields(HTMLParser):
    """The values a browser would submit from the page's main form (inputs, selects, textareas)."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value") or "")
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][0] += data.removeprefix("\n") if not self.data[self._textarea][0] else data

    @classmethod
    def of(cls, html: str) -> dict[str, list[str]]:
        parser = cls()
        parser.feed(html)
        parser.data.pop("csrfmiddlewaretoken", None)
        return parser.data


def make_quote(article: Article, **fields) -> Quote:
    passage = article.passages.get(index=1)
    at = article.body.index(WORDS)
    return Quote.objects.create(
        article=article, passage=passage, text=WORDS, start=at, end=at + len(WORDS), cue="said",
        speaker_text="a minister", speaker_kind=Quote.SpeakerKind.ANONYMOUS, confidence=0.4, **fields,
    )


@pytest.fixture
def article(db) -> Article:
    return make_article(Source.objects.create(name="Outlet"), 1)


def edit(client, url: str, **changes) -> None:
    """Open a change form, change some fields and save it, as an editor would."""
    page = client.get(url)
    assert page.status_code == 200
    form = FormFields.of(page.content.decode())
    response = client.post(url, {**form, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]


def revert(client, admin_name: str, obj, to) -> None:
    """Open the old version from the object's history page and save it back, as an editor would."""
    history = client.get(reverse(f"admin:{admin_name}_history", args=[obj.pk]))
    assert history.status_code == 200
    revert_url = reverse(f"admin:{admin_name}_simple_history", args=[obj.pk, to.history_id])
    assert revert_url in history.content.decode()  # the history page links to the old version
    page = client.get(revert_url)
    assert page.status_code == 200
    response = client.post(revert_url, FormFields.of(page.content.decode()))
    assert response.status_code == 302, response.content.decode()[:3000]


@pytest.mark.django_db(transaction=True)
def test_reverting_a_quote_from_its_history_restores_it(client, editor, article):
    quote = make_quote(article)
    first = quote.history.get()
    edit(client, reverse("admin:articles_quote_change", args=[quote.pk]), cue="whispered")
    revert(client, "articles_quote", quote, first)
    quote.refresh_from_db()
    assert (quote.cue, quote.version) == ("said", 3)
    assert quote.history.count() == 3
    assert quote.history.first().history_user == editor


@pytest.mark.django_db(transaction=True)
def test_reverting_a_note_from_its_history_restores_it(client, editor, article):
    at = article.body.index(WORDS)
    note = Annotation.objects.create(article=article, note="first thoughts", **Annotation.context_for(article.body, at, at + 5))
    first = note.history.get()
    edit(client, reverse("admin:articles_annotation_change", args=[note.pk]), note="second thoughts")
    revert(client, "articles_annotation", note, first)
    note.refresh_from_db()
    assert (note.note, note.version) == ("first thoughts", 3)
    assert note.history.first().history_user == editor


@pytest.mark.django_db(transaction=True)
def test_reverting_an_article_keeps_what_the_machine_made_since(client, editor, article):
    first = article.history.get()
    report = {"removed": [{"kind": "ui", "text": "More", "line": 9}], "joins": []}
    Article.objects.filter(pk=article.pk).update(cleaning=report)  # as a re-import would leave it
    edit(client, reverse("admin:articles_article_change", args=[article.pk]), title="A wrong headline")
    revert(client, "articles_article", article, first)
    article.refresh_from_db()
    assert article.title == "Article 1 on the war"
    assert article.cleaning == report  # the editor's field went back; the cleaner's record did not
    assert article.history.first().history_user == editor


@pytest.mark.django_db(transaction=True)
def test_a_revert_opened_before_someone_elses_save_is_refused(client, editor, article):
    quote = make_quote(article)
    first = quote.history.get()
    revert_url = reverse("admin:articles_quote_simple_history", args=[quote.pk, first.history_id])
    stale = FormFields.of(client.get(revert_url).content.decode())
    edit(client, reverse("admin:articles_quote_change", args=[quote.pk]), cue="whispered")
    response = client.post(revert_url, stale)
    assert response.status_code == 200
    assert "Someone else saved this quote while you were editing it" in response.content.decode()
    quote.refresh_from_db()
    assert quote.cue == "whispered"


def test_edits_in_the_review_queue_are_recorded_in_history(client, editor, article):
    quote = make_quote(article)
    edit(client, reverse("admin:articles_quotereview_change", args=[quote.pk]), cue="insisted")
    quote.refresh_from_db()
    assert quote.cue == "insisted"
    latest = quote.history.first()
    assert (latest.cue, latest.history_type, latest.history_user) == ("insisted", "~", editor)


def test_verifying_from_the_queue_list_is_recorded_in_history(client, editor, article):
    quote = make_quote(article)
    client.post(reverse("admin:articles_quotereview_changelist"), {"action": "verify", "_selected_action": [quote.pk]})
    latest = quote.history.first()
    assert (latest.status, latest.history_user) == ("verified", editor)


def test_the_queue_history_page_lists_who_changed_the_quote(client, editor, article):
    quote = make_quote(article)
    edit(client, reverse("admin:articles_quotereview_change", args=[quote.pk]), cue="insisted")
    response = client.get(reverse("admin:articles_quotereview_history", args=[quote.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert editor.username in page and "insisted" in page


@pytest.mark.django_db(transaction=True)
def test_reverting_from_the_queue_history_restores_the_quote(client, editor, article):
    quote = make_quote(article)
    first = quote.history.get()
    edit(client, reverse("admin:articles_quotereview_change", args=[quote.pk]), cue="insisted")
    revert(client, "articles_quotereview", quote, first)
    quote.refresh_from_db()
    assert quote.cue == "said"
    assert quote.history.first().history_user == editor
