"""One setting, TRIGRAM_THRESHOLD, decides how like a name a search must be: every connection
uses it, and a value that is not a number from 0 to 1 stops start-up."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.test import override_settings

from config.env import env_float

pytestmark = pytest.mark.django_db


def _threshold_on_a_new_connection() -> str:
    fresh = connections.create_connection("default")
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SHOW pg_trgm.word_similarity_threshold")
            return cursor.fetchone()[0]
    finally:
        fresh.close()


def test_every_connection_takes_the_trigram_threshold_from_the_setting():
    with override_settings(TRIGRAM_THRESHOLD=0.35):
        assert float(_threshold_on_a_new_connection()) == 0.35
    with override_settings(TRIGRAM_THRESHOLD=0.8):
        assert float(_threshold_on_a_new_connection()) == 0.8


def test_a_misspelling_is_found_only_as_far_as_the_threshold_allows():
    fresh = connections.create_connection("default")
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SELECT 'Garlauskus' <% 'Markus Garlauskas'")  # word similarity 0.91
            found_at_default = cursor.fetchone()[0]
    finally:
        fresh.close()
    with override_settings(TRIGRAM_THRESHOLD=0.95):
        strict = connections.create_connection("default")
        try:
            with strict.cursor() as cursor:
                cursor.execute("SELECT 'Garlauskus' <% 'Markus Garlauskas'")
                found_when_strict = cursor.fetchone()[0]
        finally:
            strict.close()
    assert (found_at_default, found_when_strict) == (True, False)


@pytest.mark.parametrize("value", ["2", "-0.1", "half", "nan"])
def test_a_trigram_threshold_outside_zero_to_one_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("TRIGRAM_THRESHOLD", value)
    with pytest.raises(ImproperlyConfigured, match="TRIGRAM_THRESHOLD"):
        env_float("TRIGRAM_THRESHOLD", 0.5, low=0, high=1)


def test_the_trigram_threshold_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("TRIGRAM_THRESHOLD", "0.4")
    assert env_float("TRIGRAM_THRESHOLD", 0.5, low=0, high=1) == 0.4
