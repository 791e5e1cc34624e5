"""Item 8, admin permissions: the annotating views answer as the admin's own pages do — 403 to
staff without the permission (whether or not the note exists), 404 only for what is missing."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from articles.models import Annotation, Source
from tests.builders import make_article
from tests.editors import PASSWORD, make_editor

pytestmark = pytest.mark.django_db
MISSING = 999_999


@pytest.fixture
def notes():
    source = Source.objects.create(name="The Hostile Times", slug="hostile-times")
    article, other = make_article(source, 1), make_article(source, 2)
    words = "officials met"
    start = article.body.index(words)
    note = Annotation.objects.create(article=article, exact=words, start=start, end=start + len(words), note="n")
    return article, other, note


def edit_url(article_id: int, note_id: int) -> str:
    return reverse("admin:articles_annotation_edit", args=[article_id, note_id])


def delete_url(article_id: int, note_id: int) -> str:
    return reverse("admin:articles_annotation_delete", args=[article_id, note_id])


def test_staff_without_the_permission_get_403_whether_or_not_the_note_exists(client, notes):
    article, other, note = notes
    client.force_login(User.objects.create_user("staffer", password=PASSWORD, is_staff=True))
    for url in (edit_url(article.pk, note.pk), edit_url(article.pk, MISSING), edit_url(other.pk, note.pk),
                edit_url(MISSING, note.pk), delete_url(article.pk, note.pk), delete_url(article.pk, MISSING),
                reverse("admin:articles_annotation_new", args=[MISSING]),
                reverse("admin:articles_annotation_list", args=[article.pk]),
                reverse("admin:articles_annotation_list", args=[MISSING]),
                reverse("admin:articles_annotation_change", args=[note.pk])):
        assert client.get(url).status_code == 403, url
    assert client.post(delete_url(article.pk, MISSING)).status_code == 403
    assert Annotation.objects.filter(pk=note.pk).exists()


def test_editors_get_404_only_for_what_is_missing(client, notes):
    article, other, note = notes
    client.force_login(make_editor())
    assert client.get(edit_url(article.pk, note.pk)).status_code == 200
    assert client.get(reverse("admin:articles_annotation_list", args=[article.pk])).status_code == 200
    for url in (edit_url(article.pk, MISSING), edit_url(other.pk, note.pk), edit_url(MISSING, note.pk),
                reverse("admin:articles_annotation_new", args=[MISSING]),
                reverse("admin:articles_annotation_list", args=[MISSING])):
        assert client.get(url).status_code == 404, url
