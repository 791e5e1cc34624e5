"""After a write, readers are not kept waiting for recounts (articles/summaries.py): a request that
finds the last generation's value gets it at once, and a background thread recounts. These tests
run outside the test case's transaction, as a deployed request does (a background connection cannot
see a transaction's uncommitted rows, so inside one the request recounts itself)."""

from __future__ import annotations

import threading
from collections.abc import Callable

import pytest
from django.core.signals import request_finished, request_started
from django.db import transaction

from articles import summaries
from articles.models import Quote
from tests.builders import make_dataset
from tests.test_summaries import theme_count

pytestmark = pytest.mark.django_db(transaction=True)


def in_request(function: Callable):
    """``function()`` as a view would run it: between the request's start and end signals."""
    request_started.send(sender=None)
    try:
        return function()
    finally:
        request_finished.send(sender=None)


class Counter:
    """A recount that records which thread ran it, and can be made to fail."""

    def __init__(self) -> None:
        self.threads: list[str] = []
        self.failures = 0

    def __call__(self) -> int:
        self.threads.append(threading.current_thread().name)
        if self.failures:
            self.failures -= 1
            raise RuntimeError("the database went away")
        return len(self.threads)


def test_after_a_write_the_reader_gets_the_last_value_and_the_recount_runs_in_the_background():
    counter = Counter()
    assert in_request(lambda: summaries.cached("total", counter)) == 1  # nothing to stand in: counted here
    summaries.mark_changed()
    assert in_request(lambda: summaries.cached("total", counter)) == 1  # at once: the last generation's
    summaries.wait_for_refreshes()
    assert in_request(lambda: summaries.cached("total", counter)) == 2
    assert counter.threads[0] == threading.current_thread().name
    assert counter.threads[1].startswith("summaries")
    assert len(counter.threads) == 2  # the third read was the stored recount


def test_readers_during_the_recount_do_not_start_another():
    started, finish = threading.Event(), threading.Event()
    calls = []

    def slow() -> str:
        calls.append(1)
        started.set()
        finish.wait(10)
        return "new"

    assert in_request(lambda: summaries.cached("total", lambda: "old")) == "old"
    summaries.mark_changed()
    try:
        assert in_request(lambda: summaries.cached("total", slow)) == "old"
        assert started.wait(10)
        assert [in_request(lambda: summaries.cached("total", slow)) for _ in range(3)] == ["old"] * 3
    finally:
        finish.set()
    summaries.wait_for_refreshes()
    assert calls == [1]
    assert in_request(lambda: summaries.cached("total", slow)) == "new"


def test_a_failed_background_recount_keeps_the_last_value_and_the_next_reader_tries_again(caplog):
    counter = Counter()
    in_request(lambda: summaries.cached("total", counter))
    summaries.mark_changed()
    counter.failures = 1
    assert in_request(lambda: summaries.cached("total", counter)) == 1
    summaries.wait_for_refreshes()
    assert "background recount of total" in caplog.text
    assert in_request(lambda: summaries.cached("total", counter)) == 1  # still the last value, a new try queued
    summaries.wait_for_refreshes()
    assert in_request(lambda: summaries.cached("total", counter)) == 3


def test_a_request_inside_a_transaction_recounts_itself():
    counter = Counter()
    in_request(lambda: summaries.cached("total", counter))
    summaries.mark_changed()
    with transaction.atomic():  # a background connection would not see this transaction's rows
        assert in_request(lambda: summaries.cached("total", counter)) == 2
    assert counter.threads == [threading.current_thread().name] * 2


def test_code_outside_a_request_recounts_itself():
    counter = Counter()
    summaries.cached("total", counter)
    summaries.mark_changed()
    assert summaries.cached("total", counter) == 2  # a command or a worker: nobody waiting on a page


def test_the_first_reader_after_an_edit_sees_the_last_counts_and_the_next_the_new_ones(client, settings):
    settings.PAGE_CACHE = True
    theme = make_dataset()["themes"][0]
    before = theme_count(client, theme)
    quote = Quote.objects.exclude(quote_themes__theme=theme).visible().first()
    quote.quote_themes.create(theme=theme, score=0.9)  # committed: a new generation

    response = client.get("/quotes/")
    assert "X-Page-Cache" not in response  # built on the last generation's counts: not kept
    assert theme_count(client, theme) in (before, before + 1)  # the recount may already be stored
    summaries.wait_for_refreshes()
    assert theme_count(client, theme) == before + 1


def test_a_short_lists_count_is_always_current_so_its_newest_rows_stay_on_it(client):
    make_dataset()
    shown = client.get("/quotes/").content.decode()
    quote = Quote.objects.visible().order_by("pk").first()
    Quote.objects.create(article=quote.article, passage=quote.passage, speaker_text="a diplomat",
                         text="Words written just now", start=quote.start, end=quote.end)
    assert "Words written just now" not in shown
    assert "Words written just now" in client.get("/quotes/").content.decode()


def test_a_list_count_past_its_cap_stands_in_but_an_exact_one_is_recounted_at_once():
    make_dataset()
    quotes = Quote.objects.visible()
    total = quotes.count()
    assert total > 2
    assert in_request(lambda: summaries.count(quotes, at_most=2)) == 2  # "more than one"
    assert in_request(lambda: summaries.count(quotes, at_most=total + 1)) == total
    Quote.objects.exclude(pk=quotes.order_by("pk").first().pk).delete()  # committed: one quote left

    assert in_request(lambda: summaries.count(quotes, at_most=total + 1)) == 1  # exact: never the last one
    assert in_request(lambda: summaries.count(quotes, at_most=2)) == 2  # capped: stands in while recounted
    summaries.wait_for_refreshes()
    assert in_request(lambda: summaries.count(quotes, at_most=2)) == 1


def test_past_a_full_queue_of_recounts_a_reader_recounts_for_itself(monkeypatch):
    monkeypatch.setattr(summaries, "MAX_QUEUED_RECOUNTS", 1)
    finish = threading.Event()
    counter = Counter()
    for name in ("first", "second"):
        in_request(lambda name=name: summaries.cached(name, lambda: "old"))
    summaries.mark_changed()
    try:
        assert in_request(lambda: summaries.cached("first", lambda: finish.wait(10) and "new")) == "old"
        assert in_request(lambda: summaries.cached("second", counter)) == 1  # the queue is full: counted here
        assert counter.threads == [threading.current_thread().name]
    finally:
        finish.set()
    summaries.wait_for_refreshes()
    assert in_request(lambda: summaries.cached("first", counter)) == "new"
