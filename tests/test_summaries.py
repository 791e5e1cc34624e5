"""Archive-wide counts are cached under the archive's generation until a change commits
(articles/summaries.py). The tests run in the test case's transaction, in a local-memory cache;
django_capture_on_commit_callbacks runs what a real commit would."""

from __future__ import annotations

import re
import threading
from datetime import date

import pytest
from django.core.cache import caches
from django.db import connection, transaction

from articles import summaries
from articles.importing import Incoming, import_incoming
from articles.models import Person, Quote, QuoteTheme, Theme
from tests.builders import make_dataset

pytestmark = pytest.mark.django_db


def theme_count(client, theme: Theme) -> int:
    """The theme facet's count on /quotes/, as a reader sees it."""
    return theme_count_in(client.get("/quotes/").content.decode(), theme)


def theme_count_in(html: str, theme: Theme) -> int:
    found = re.search(rf'theme={theme.slug}"[^>]*>.*?<span class="count">(\d+)</span>', html, re.S)
    assert found, f"no facet for {theme.slug}"
    return int(found.group(1))


def add_quote_to_theme_without_signals(theme: Theme) -> None:
    """A write the cache cannot hear about: raw SQL, as a bulk tool might do."""
    quote = Quote.objects.order_by("pk").first()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO articles_quote (article_id, passage_id, speaker_kind, speaker_text, text, start, \"end\", cue, "
            "kind, confidence, status, version, created_at, updated_at) SELECT article_id, passage_id, speaker_kind, "
            "speaker_text, text, start, \"end\", cue, kind, confidence, status, version, now(), now() "
            "FROM articles_quote WHERE id = %s RETURNING id", [quote.pk],
        )
        new_id = cursor.fetchone()[0]
    QuoteTheme.objects.bulk_create([QuoteTheme(quote_id=new_id, theme=theme, score=0.5)])


def test_facet_counts_are_served_from_the_cache_until_a_change_commits(client):
    theme = make_dataset()["themes"][0]
    before = theme_count(client, theme)
    add_quote_to_theme_without_signals(theme)
    assert theme_count(client, theme) == before  # cached: the raw insert was not announced
    summaries.mark_changed()
    assert theme_count(client, theme) == before + 1


def test_an_edit_through_the_orm_refreshes_the_counts_once_committed(client, django_capture_on_commit_callbacks):
    theme = make_dataset()["themes"][0]
    before = theme_count(client, theme)
    quotes = Quote.objects.filter(quote_themes__theme=theme)[:2]
    generation = summaries.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, transaction.atomic():
        for quote in quotes:
            quote.status = Quote.Status.REJECTED
            quote.save()
        assert theme_count(client, theme) == before  # not committed yet: the old generation still holds
    assert callbacks.count(summaries._bump) == 1  # one bump per transaction, however many rows change
    assert summaries.generation() != generation
    assert theme_count(client, theme) == before - 2


def test_a_rolled_back_change_keeps_the_cache(django_capture_on_commit_callbacks):
    make_dataset()
    generation = summaries.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError), \
            transaction.atomic():
        Person.objects.create(name="Never Committed")
        raise RuntimeError("editor cancelled")
    assert callbacks == []
    assert summaries.generation() == generation


def test_values_are_stored_under_the_generation_as_the_cache_version():
    assert summaries.cached("answer", lambda: 42, "life") == 42
    generation = summaries.generation()
    key = f"answer:{summaries._digest(('life',))}"
    assert caches["default"].get(key, version=generation) == 42
    summaries.mark_changed()
    assert summaries.generation() != generation
    assert summaries.cached("answer", lambda: 43, "life") == 43
    assert caches["default"].get(key, version=generation) == 42  # the old generation is left to expire


def test_an_import_refreshes_the_home_page_totals(client, django_capture_on_commit_callbacks):
    make_dataset()
    quotes = Quote.objects.visible().count()
    assert client.get("/").context["counts"]["quotes"] == quotes
    with django_capture_on_commit_callbacks(execute=True):  # each article is imported in its own transaction
        import_incoming(Incoming(raw="“The sanctions are working,” said Michael Butler, a professor at Clark "
                                     "University, on 3 March 2025.\n", name="butler.txt"))
    assert Quote.objects.visible().count() == quotes + 1
    assert client.get("/").context["counts"]["quotes"] == quotes + 1


def test_a_merge_refreshes_the_merged_persons_page(client, django_capture_on_commit_callbacks):
    data = make_dataset()
    keep, other = data["people"][:2]

    def themed_quotes() -> int:
        return sum(row["n"] for row in client.get(keep.get_absolute_url()).context["themes"])

    before = themed_quotes()
    with django_capture_on_commit_callbacks(execute=True):
        keep.merge([other])
    assert themed_quotes() == QuoteTheme.objects.filter(quote__speaker=keep).count() > before


def test_the_quote_takes_its_articles_date_and_follows_it():
    article = make_dataset()["articles"][0]
    quote = article.quotes.first()
    assert Quote.objects.get(pk=quote.pk).published == article.published
    article.published = date(2020, 2, 29)
    article.save()
    assert set(article.quotes.values_list("published", flat=True)) == {date(2020, 2, 29)}
    quote.save()  # the stale date on the Python object does not win
    assert Quote.objects.get(pk=quote.pk).published == date(2020, 2, 29)



def test_a_query_that_can_match_nothing_counts_zero_without_the_database(django_assert_num_queries):
    make_dataset()
    with django_assert_num_queries(0):
        assert summaries.count(Quote.objects.none()) == 0
        assert summaries.rows(Quote.objects.filter(pk__in=[])) == []


def test_facets_of_a_filter_that_matches_nothing_are_empty(client):
    from django.http import QueryDict

    from articles.filters import QuoteFilter, quote_facets

    make_dataset()
    filterset = QuoteFilter(QueryDict("kind=direct"), queryset=Quote.objects.visible().filter(pk__in=[]))
    assert all(not facet.options for facet in quote_facets(filterset))


def test_while_one_request_recounts_the_others_get_the_last_generations_value():
    started, finish, results = threading.Event(), threading.Event(), []

    def slow_recount() -> str:
        started.set()
        finish.wait(10)
        return "new"

    def never() -> str:
        raise AssertionError("recounted beside the running recount")

    assert summaries.cached("total", lambda: "old") == "old"
    summaries.mark_changed()
    recount = threading.Thread(target=lambda: results.append(summaries.cached("total", slow_recount)))
    recount.start()
    try:
        assert started.wait(10)
        assert summaries.cached("total", never) == "old"  # at once, not after the recount
    finally:
        finish.set()
        recount.join(10)
    assert results == ["new"]
    assert summaries.cached("total", never) == "new"


def test_a_page_built_on_the_last_generations_counts_is_not_kept(client, monkeypatch, settings):
    settings.PAGE_CACHE = True
    theme = make_dataset()["themes"][0]
    before = theme_count(client, theme)
    add_quote_to_theme_without_signals(theme)
    summaries.mark_changed()
    with monkeypatch.context() as patch:
        patch.setattr(caches["default"], "add", lambda *args, **kwargs: False)  # every recount already taken
        response = client.get("/quotes/")
        assert theme_count_in(response.content.decode(), theme) == before
        assert "X-Page-Cache" not in response  # a page built on old counts is not kept
    assert theme_count(client, theme) == before + 1


def test_a_themes_chart_comes_back_from_the_cache_as_markup(client):
    theme = make_dataset()["themes"][0]
    summaries.mark_changed()
    client.cookies["sessionid"] = "not-a-session"  # past the page cache, to the summaries
    for _ in range(2):  # drawn, then read back from the cache
        response = client.get(theme.get_absolute_url())
        assert "X-Page-Cache" not in response
        html = response.content.decode()
        assert '<figure class="chart">' in html and "&lt;svg" not in html


def test_an_editor_deleting_a_derived_row_in_the_admin_refreshes_the_pages(client, django_capture_on_commit_callbacks):
    from django.contrib.auth.models import User

    from articles.models import Figure

    make_dataset()
    groups = client.get("/figures/").context["groups"]
    before = sum(len(group["items"]) for group in groups)
    client.force_login(User.objects.create_superuser("admin", password="pw-for-tests"))
    figure = Figure.objects.order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/articles/figure/{figure.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    groups = client.get("/figures/").context["groups"]
    assert sum(len(group["items"]) for group in groups) == before - 1


def test_a_change_to_a_many_to_many_field_is_a_change(django_capture_on_commit_callbacks):
    data = make_dataset()
    generation = summaries.generation()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        data["articles"][0].authors.add(data["people"][0])
    assert callbacks == [summaries._bump]
    assert summaries.generation() != generation


def test_a_value_read_again_in_its_generation_is_not_asked_of_the_shared_cache_again(monkeypatch):
    def never() -> list:
        raise AssertionError("recounted within its generation")

    assert summaries.cached("total", lambda: [1, 2]) == [1, 2]
    shared = caches["default"]
    asked: list[str] = []
    real_get = shared.get
    monkeypatch.setattr(shared, "get", lambda key, *args, **kwargs: asked.append(key) or real_get(key, *args, **kwargs))
    mine = summaries.cached("total", never)
    mine.append(3)  # each reader gets a copy of its own, as from the shared cache
    assert summaries.cached("total", never) == [1, 2]
    assert not [key for key in asked if key != summaries.GENERATION_KEY]  # only the generation was read
