"""Two editors at once: a save or a delete based on what someone else has since changed is refused,
and their change is kept (issue 11, item 7)."""

from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest
from django.test import Client
from django.urls import reverse

from articles.models import Annotation, Article, Source
from tests.builders import make_article
from tests.editors import make_editor

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "annotate-workspace"}


class FormFields(HTMLParser):
    """The values a browser would post back from the admin's change form, as opened."""

    def __init__(self) -> None:
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._in_form = False
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id", "").endswith("_form"):
            self._in_form = True
        if not self._in_form or "name" not in attrs:
            if tag == "option" and self._select and "selected" in attrs:
                self.data.setdefault(self._select, []).append(attrs.get("value", ""))
            return
        name = attrs["name"]
        if tag == "input" and attrs.get("type") not in ("submit", "checkbox", "radio", "file"):
            self.data.setdefault(name, []).append(attrs.get("value") or "")
        elif tag == "select":
            self._select = name
        elif tag == "textarea":
            self._textarea = name
            self.data.setdefault(name, []).append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._in_form = False
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._textarea:
            self.data[self._textarea][-1] += data.removeprefix("\n") if not self.data[self._textarea][-1] else data


def open_change_form(client: Client, article: Article) -> dict[str, list[str]]:
    page = client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert page.status_code == 200
    parser = FormFields()
    parser.feed(page.content.decode())
    return parser.data


def editor_client(name: str) -> Client:
    client = Client()
    client.force_login(make_editor(name))
    return client


@pytest.fixture
def article(db) -> Article:
    return make_article(Source.objects.create(name="Outlet"), 1)


def test_the_second_of_two_editors_saving_an_article_is_refused_and_the_first_kept(article):
    anna, ben = editor_client("anna"), editor_client("ben")
    anna_form, ben_form = open_change_form(anna, article), open_change_form(ben, article)  # both open it
    url = reverse("admin:articles_article_change", args=[article.pk])
    first = anna.post(url, {**anna_form, "standfirst": "Anna's standfirst."})
    assert first.status_code == 302
    second = ben.post(url, {**ben_form, "standfirst": "Ben's standfirst."})
    assert second.status_code == 200  # the form again, with the reason
    assert "Someone else saved this article while you were editing it" in second.content.decode()
    article.refresh_from_db()
    assert (article.standfirst, article.version) == ("Anna's standfirst.", 2)
    # Having seen Anna's version, Ben can save his over it.
    again = ben.post(url, {**open_change_form(ben, article), "standfirst": "Ben's standfirst."})
    assert again.status_code == 302
    article.refresh_from_db()
    assert (article.standfirst, article.version) == ("Ben's standfirst.", 3)


def open_revert_form(client: Client, article: Article, history_id: int) -> tuple[str, dict[str, list[str]]]:
    url = reverse("admin:articles_article_simple_history", args=[article.pk, history_id])
    parser = FormFields()
    parser.feed(client.get(url).content.decode())
    return url, parser.data


def test_a_revert_from_the_history_is_refused_over_a_newer_save_and_applied_otherwise(article):
    anna, ben = editor_client("anna"), editor_client("ben")
    original = article.history.earliest()
    url = reverse("admin:articles_article_change", args=[article.pk])
    assert anna.post(url, {**open_change_form(anna, article), "standfirst": "Anna's."}).status_code == 302
    revert_url, revert_form = open_revert_form(anna, article, original.history_id)  # Anna means to undo it
    assert ben.post(url, {**open_change_form(ben, article), "standfirst": "Ben's."}).status_code == 302
    refused = anna.post(revert_url, revert_form)
    assert "Someone else saved this article while you were editing it" in refused.content.decode()
    article.refresh_from_db()
    assert (article.standfirst, article.version) == ("Ben's.", 3)
    revert_url, revert_form = open_revert_form(anna, article, original.history_id)  # having seen Ben's
    assert anna.post(revert_url, revert_form).status_code == 302
    article.refresh_from_db()
    assert (article.standfirst, article.version) == ("", 4)


def delete_button_version(panel: str) -> str:
    at = panel.index("hx-vals='", panel.index('class="deletelink"')) + len("hx-vals='")
    return json.loads(panel[at : panel.index("'", at)])["version_seen"]


def test_deleting_a_note_someone_changed_since_is_refused_and_their_edit_kept(article):
    anna, ben = editor_client("anna"), editor_client("ben")
    note = Annotation.objects.create(
        article=article, note="first", **Annotation.context_for(article.body, 0, 13)
    )
    edit_url = reverse("admin:articles_annotation_edit", args=[article.pk, note.pk])
    delete_url = reverse("admin:articles_annotation_delete", args=[article.pk, note.pk])
    anna_saw = delete_button_version(anna.get(edit_url, headers=HTMX).content.decode())  # Anna opens the note
    assert anna_saw == "1"
    saved = ben.post(edit_url, {"note": "Ben's newer note", "visibility": "public", "version_seen": note.version},
                     headers=HTMX)
    assert saved.status_code == 200
    refused = anna.post(delete_url, {"version_seen": anna_saw}, headers=HTMX)
    assert refused.status_code == 409
    assert "Someone else changed this note since you opened it, so it was not deleted" in refused.content.decode()
    note.refresh_from_db()
    assert (note.note, note.version) == ("Ben's newer note", 2)
    # The refusal shows Ben's version; deleting that one goes through.
    assert delete_button_version(refused.content.decode()) == "2"
    assert anna.post(delete_url, {"version_seen": "2"}, headers=HTMX).status_code == 200
    assert not Annotation.objects.filter(pk=note.pk).exists()


def test_a_note_delete_without_the_version_seen_is_refused(article):
    anna = editor_client("anna")
    note = Annotation.objects.create(
        article=article, **Annotation.context_for(article.body, 0, 13)
    )
    response = anna.post(reverse("admin:articles_annotation_delete", args=[article.pk, note.pk]), headers=HTMX)
    assert response.status_code == 409
    assert Annotation.objects.filter(pk=note.pk).exists()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_in_the_browser_a_note_changed_since_it_was_opened_is_not_deleted(page, live_server, article):
    from playwright.sync_api import expect

    from tests.editors import PASSWORD

    make_editor("anna")
    note = Annotation.objects.create(article=article, note="first", **Annotation.context_for(article.body, 0, 13))
    page.on("dialog", lambda dialog: dialog.accept())  # "Delete this note?"
    page.goto(live_server.url + "/admin/login/")
    page.get_by_label("Username").fill("anna")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/articles/article/{article.pk}/change/")
    page.locator("#annotate-text .annotated").first.click()
    panel = page.locator("#annotation-panel")
    expect(panel.get_by_role("heading", name="Edit note")).to_be_visible()
    Annotation.objects.filter(pk=note.pk).update(note="Ben's newer note", version=2)  # Ben saves meanwhile
    panel.get_by_role("button", name="Delete").click()
    expect(panel).to_contain_text("Someone else changed this note since you opened it")
    expect(panel.get_by_label("Note")).to_have_value("Ben's newer note")
    assert Annotation.objects.filter(pk=note.pk).exists()
    panel.get_by_role("button", name="Delete").click()  # having seen Ben's note
    expect(panel).to_contain_text("Note deleted.")
    assert not Annotation.objects.filter(pk=note.pk).exists()
