"""Countries, seed themes and the Editors group come from data migrations with data frozen beside
them (articles/migrations/_frozen.py): a fresh database gets what it got the day they were written."""

from __future__ import annotations

import hashlib
import importlib
import json
from dataclasses import replace

import pytest
from django.apps import apps
from django.contrib.auth.models import Group

import analysis.countries
import analysis.themes
from articles.models import Country, Theme

pytestmark = pytest.mark.django_db

# What `migrate` made on an empty database before the data was frozen (taken with the migrations
# still calling the live gazetteer): 249 countries, 12 themes, the Editors group's permissions.
FINGERPRINT = "a092a46a72cac0841323deb640be7523075f09de40cbd5327bfb54fb9ae292ec"


def reference_data() -> dict:
    return {
        "countries": [
            [c.code, c.alpha3, c.name, c.official_name, c.aliases]
            for c in Country.objects.order_by("code")
        ],
        "themes": [[t.slug, t.name, t.description, t.keywords] for t in Theme.objects.order_by("slug")],
        "editors": sorted(Group.objects.get(name="Editors").permissions.values_list("codename", flat=True)),
    }


def fingerprint(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def migrate_reference_data_again() -> None:
    """Run the data migrations' own functions on emptied tables, as a fresh `migrate` would."""
    Country.objects.all().delete()
    Theme.objects.all().delete()
    Group.objects.filter(name="Editors").delete()
    importlib.import_module("articles.migrations.0003_seed_reference_data").seed(apps, None)
    importlib.import_module("articles.migrations.0006_editors_group").create_editors(apps, None)
    importlib.import_module("articles.migrations.0007_quote_review_queue").grant(apps, None)


def test_a_fresh_migrate_gives_the_reference_data_it_always_gave() -> None:
    data = reference_data()
    assert (len(data["countries"]), len(data["themes"])) == (249, 12)
    assert ["RU", "RUS", "Russia"] in [country[:3] for country in data["countries"]]
    assert fingerprint(data) == FINGERPRINT


def test_the_data_migrations_ignore_later_changes_to_the_live_gazetteer_and_themes(monkeypatch) -> None:
    # Tomorrow's code: a country renamed in the gazetteer, a seed theme with other keywords.
    changed = [replace(c, name="Renamed") if c.code == "RU" else c for c in analysis.countries.country_table()]
    monkeypatch.setattr(analysis.countries, "country_table", lambda: changed)
    themes = tuple(replace(t, keywords=("changed",)) for t in analysis.themes.DEFAULT_THEMES)
    monkeypatch.setattr(analysis.themes, "DEFAULT_THEMES", themes)
    migrate_reference_data_again()
    assert Country.objects.get(code="RU").name == "Russia"
    assert fingerprint(reference_data()) == FINGERPRINT
