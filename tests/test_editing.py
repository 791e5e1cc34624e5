"""Editors in the admin: roles, annotating in place, reviewing quotes, merging people, safety."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.extraction import analyse
from articles.models import Annotation, Person, Quote, Theme
from tests.editors import PASSWORD, make_editor
from tests.hostile.worker import run_worker

pytestmark = pytest.mark.django_db

HTMX = {"HX-Request": "true", "HX-Target": "annotate-workspace"}


@pytest.fixture
def galeotti(corpus):
    return corpus["002_26b91fc9e49b928e.txt"]


def new_note(client, article, words: str, **fields):
    start = article.body.index(words)
    data = {"start": start, "end": start + len(words), "words": words, "visibility": "public", "note": "", **fields}
    return client.post(reverse("admin:articles_annotation_new", args=[article.pk]), data, headers=HTMX)


def test_readers_without_an_account_cannot_reach_the_admin(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_a_logged_in_non_editor_cannot_use_the_admin(client, db):
    client.force_login(User.objects.create_user("reader", password=PASSWORD))
    response = client.get("/admin/articles/article/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_editors_may_edit_but_not_delete_articles_or_manage_users(client, editor, galeotti):
    assert client.get(reverse("admin:articles_article_change", args=[galeotti.pk])).status_code == 200
    assert client.get(reverse("admin:articles_quote_changelist")).status_code == 200
    assert client.get(reverse("admin:articles_article_delete", args=[galeotti.pk])).status_code == 403
    assert client.get("/admin/auth/user/").status_code == 403
    assert editor.has_perm("articles.add_annotation") and not editor.has_perm("articles.delete_article")


def test_the_sixth_wrong_password_locks_the_account(client, db):
    make_editor("guessed")
    for attempt in range(5):
        response = client.post("/admin/login/", {"username": "guessed", "password": f"wrong{attempt}"})
        assert response.status_code == 200, attempt  # the login form again, not a lockout yet
    response = client.post("/admin/login/", {"username": "guessed", "password": "wrong6"})
    assert response.status_code == 429
    assert "Account locked" in response.content.decode()
    response = client.post("/admin/login/", {"username": "guessed", "password": PASSWORD})
    assert response.status_code == 429  # even the right password, until the cool-off


def test_the_article_admin_page_shows_the_text_to_annotate(client, editor, galeotti):
    html = client.get(reverse("admin:articles_article_change", args=[galeotti.pk])).content.decode()
    assert 'id="annotate-workspace"' in html
    assert "Explosives from Pyongyang" in html
    assert 'js/annotate.js' in html


def test_an_editor_annotates_a_selection_and_readers_see_it(client, editor, galeotti):
    alliances = Theme.objects.get(slug="alliances")
    response = new_note(
        client, galeotti, "Putin ultimately can have all the fair-weather friends he wants",
        note="The column's thesis.", themes=[alliances.pk], stance="opposes", stance_theme=alliances.pk,
    )
    assert response.status_code == 200
    assert "Note added." in response.content.decode()
    note = Annotation.objects.get()
    assert galeotti.body[note.start : note.end] == "Putin ultimately can have all the fair-weather friends he wants"
    assert note.created_by == editor and note.prefix and note.suffix.startswith(". But he has to buy them.")
    assert list(note.themes.all()) == [alliances]
    assert note.history.first().history_user == editor  # who, when, what

    reader = client.get(galeotti.get_absolute_url()).content.decode()
    assert '<span class="annotated">Putin ultimately can have all the fair-weather friends he wants</span>' in reader
    assert "Opposes on Alliances" in reader


def test_typed_words_work_without_a_selection(client, editor, galeotti):
    response = new_note(client, galeotti, "storm corps", start="", end="", note="A nickname")
    assert response.status_code == 200
    assert Annotation.objects.get().exact == "storm corps"
    response = client.post(
        reverse("admin:articles_annotation_new", args=[galeotti.pk]),
        {"words": "words that are not there", "visibility": "public"}, headers=HTMX,
    )
    assert response.status_code == 422 and Annotation.objects.count() == 1
    assert "type words that appear in it exactly" in response.content.decode()


def test_the_second_of_two_simultaneous_edits_is_refused(client, editor, galeotti):
    new_note(client, galeotti, "storm corps", note="first")
    note = Annotation.objects.get()
    url = reverse("admin:articles_annotation_edit", args=[galeotti.pk, note.pk])
    seen = {"version_seen": note.version, "visibility": "public"}
    assert client.post(url, {**seen, "note": "Alice's edit"}, headers=HTMX).status_code == 200
    response = client.post(url, {**seen, "note": "Bob's edit"}, headers=HTMX)
    assert response.status_code == 409
    assert "Someone else saved this annotation while you were editing it" in response.content.decode()
    note.refresh_from_db()
    assert note.note == "Alice's edit" and note.version == 2


def test_deleting_a_note(client, editor, galeotti):
    new_note(client, galeotti, "storm corps")
    note = Annotation.objects.get()
    response = client.post(reverse("admin:articles_annotation_delete", args=[galeotti.pk, note.pk]),
                           {"version_seen": note.version}, headers=HTMX)  # the version the editor saw
    assert response.status_code == 200 and not Annotation.objects.exists()


def test_reviewed_quotes_survive_reextraction(client, editor, corpus):
    newsweek = corpus["000_8ec5d6834c1552e8.txt"]
    fair_game = Quote.objects.get(article=newsweek, text="fair game")
    churchill = Quote.objects.get(article=newsweek, text__startswith="During WWII")
    silbey = Person.objects.get(name="David Silbey")
    url = reverse("admin:articles_quote_changelist")
    client.post(url, {"action": "verify", "_selected_action": [fair_game.pk]})
    kirby = Person.objects.get(name="John Kirby")
    response = client.post(reverse("admin:articles_quote_change", args=[churchill.pk]), {
        "text": churchill.text, "speaker": kirby.pk, "speaker_kind": "person", "speaker_text": "he", "cue": "added",
        "kind": "direct", "status": "verified", "version_seen": churchill.version,
        "quote_themes-TOTAL_FORMS": 0, "quote_themes-INITIAL_FORMS": 0,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    churchill.refresh_from_db()
    assert (churchill.speaker, churchill.status) == (kirby, Quote.Status.VERIFIED)

    analyse(newsweek)  # re-extraction

    assert Quote.objects.get(pk=fair_game.pk).status == Quote.Status.VERIFIED
    assert Quote.objects.get(pk=churchill.pk).speaker == kirby  # the editor's speaker, not the machine's Silbey
    assert Quote.objects.filter(article=newsweek, text__startswith="During WWII").count() == 1
    assert silbey.quotes.filter(article=newsweek).exists()


def test_fixing_a_quotes_span_relocates_it(client, editor, corpus):
    quote = Quote.objects.get(text="fair game")
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    data = {"speaker": quote.speaker_id, "speaker_kind": "person", "speaker_text": "Kirby", "cue": "told",
            "kind": "partial", "status": "machine", "version_seen": quote.version,
            "quote_themes-TOTAL_FORMS": 0, "quote_themes-INITIAL_FORMS": 0}
    assert client.post(url, {**data, "text": "would be “fair game”"}).status_code == 302
    quote.refresh_from_db()
    assert quote.article.body[quote.start : quote.end] == "would be “fair game”"
    response = client.post(url, {**data, "text": "words nobody printed", "version_seen": quote.version})
    assert response.status_code == 200 and "These words are not in the article" in response.content.decode()


def test_the_review_queue_lists_machine_quotes_least_confident_first(client, editor, corpus):
    html = client.get(reverse("admin:articles_quotereview_changelist")).content.decode()
    lowest = Quote.objects.filter(status="machine").order_by("confidence", "article_id", "start").first()
    assert html.index(lowest.text[:30]) < html.index("result_list") + 20000
    confidences = [float(c) for c in __import__("re").findall(r'<td class="field-confidence">([\d.]+)</td>', html)]
    assert confidences == sorted(confidences) and confidences


def test_merging_people_moves_everything_and_keeps_the_spelling(client, editor, corpus):
    kirby = Person.objects.get(name="John Kirby")
    duplicate = Person.objects.create(name="Jon Kirby", kind=Person.Kind.OFFICIAL)
    quote = Quote.objects.filter(speaker=kirby).first()
    quote.speaker = duplicate
    quote.save()
    url = reverse("admin:articles_person_changelist")
    ids = [kirby.pk, duplicate.pk]
    page = client.post(url, {"action": "merge_people", "_selected_action": ids})
    assert "Keep which name?" in page.content.decode()
    client.post(url, {"action": "merge_people", "_selected_action": ids, "confirm": "yes", "keep": kirby.pk})
    assert not Person.objects.filter(pk=duplicate.pk).exists()
    kirby.refresh_from_db()
    assert "Jon Kirby" in kirby.aliases
    assert kirby.quotes.count() == 2


def test_editing_a_themes_keywords_retags_the_articles(client, editor, corpus):
    theme = Theme.objects.get(slug="nuclear")
    url = reverse("admin:articles_theme_change", args=[theme.pk])
    response = client.post(url, {"name": theme.name, "slug": theme.slug, "description": theme.description,
                                 "keywords": "storm corps\nfair-weather friend*\nbuy them"})
    assert response.status_code == 302
    run_worker()  # re-tagging is a recorded job (tests/hostile/test_jobs.py)
    tagged = {at.article.title for at in theme.article_themes.select_related("article")}
    assert tagged == {"North Korea’s arrival is no triumph for Putin in Ukraine"}


def test_a_stale_quote_edit_is_refused(client, editor, corpus):
    quote = Quote.objects.get(text="fair game")
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    form = {"text": quote.text, "speaker": quote.speaker_id, "speaker_kind": "person", "speaker_text": "Kirby",
            "cue": "told", "kind": "partial", "status": "verified", "version_seen": quote.version,
            "quote_themes-TOTAL_FORMS": 0, "quote_themes-INITIAL_FORMS": 0}
    assert client.post(url, form).status_code == 302
    response = client.post(url, {**form, "cue": "said"})  # opened before the first save
    assert response.status_code == 200
    assert "Someone else saved this quote while you were editing it" in response.content.decode()
    quote.refresh_from_db()
    assert (quote.cue, quote.version) == ("told", 2)


def test_an_editor_can_revert_a_change_from_its_history(client, editor, corpus):
    quote = Quote.objects.get(text="fair game")
    original = quote.history.earliest()
    url = reverse("admin:articles_quote_change", args=[quote.pk])
    form = {"text": quote.text, "speaker": quote.speaker_id, "speaker_kind": "person", "speaker_text": "Kirby",
            "cue": "whispered", "kind": "partial", "status": "machine", "version_seen": quote.version,
            "quote_themes-TOTAL_FORMS": 0, "quote_themes-INITIAL_FORMS": 0}
    assert client.post(url, form).status_code == 302
    history = client.get(reverse("admin:articles_quote_history", args=[quote.pk])).content.decode()
    assert editor.username in history  # who changed it, and when
    revert_url = reverse("admin:articles_quote_simple_history", args=[quote.pk, original.history_id])
    page = client.get(revert_url).content.decode()
    assert "Revert" in page and 'value="told"' in page  # the old version, ready to save back
    quote.refresh_from_db()
    response = client.post(revert_url, {**form, "cue": "told", "version_seen": quote.version})
    assert response.status_code == 302
    quote.refresh_from_db()
    assert quote.cue == "told"
