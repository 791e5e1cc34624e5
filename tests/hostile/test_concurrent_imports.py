"""Two importers at once that meet the same new outlet, organisation, person or title: one waits
for the other's commit and then uses what it made, instead of a duplicate or a lost article."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from django.db import connection, transaction

from articles.importing import import_paths
from articles.models import Article, Organisation, Person, Source
from articles.models.slugs import unique_slug

pytestmark = pytest.mark.django_db(transaction=True)

HOLD = 0.6  # how long the first transaction keeps its new row uncommitted


def _first_holds_while_second_runs(first, second):
    """Run ``first`` in a transaction that stays open HOLD seconds after it; start ``second``
    in another thread (its own connection) while it is open. Returns both results."""
    made, results, errors = threading.Event(), {}, []

    def other() -> None:
        made.wait(5)
        try:
            with transaction.atomic():
                results["second"] = second()
        except Exception as error:  # reported below, with its type, rather than lost in the thread
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=other)
    thread.start()
    with transaction.atomic():
        results["first"] = first()
        made.set()
        time.sleep(HOLD)  # the other importer runs into the same name now
    thread.join(10)
    assert not errors, errors
    return results["first"], results["second"]


class Found:
    def __init__(self, name: str, key: str, kind: str = "other") -> None:
        self.name, self.key, self.kind = name, key, kind
        self.aliases: list[str] = []
        self.country = None


def test_two_importers_meeting_a_new_organisation_share_one_row() -> None:
    found = Found("Institute of Invented Studies", "institute of invented studies")
    first, second = _first_holds_while_second_runs(
        lambda: Organisation.objects.resolve(found, {}), lambda: Organisation.objects.resolve(found, {})
    )
    assert first.pk == second.pk
    assert Organisation.objects.filter(key=found.key).count() == 1


def test_two_importers_meeting_a_new_person_share_one_row() -> None:
    found = Found("Orla Quennell-Vasquez", "orla quennell vasquez", kind="expert")
    first, second = _first_holds_while_second_runs(
        lambda: Person.objects.resolve(found, {}), lambda: Person.objects.resolve(found, {})
    )
    assert first.pk == second.pk
    assert Person.objects.filter(key=found.key).count() == 1


def test_two_importers_meeting_a_new_outlet_share_one_row() -> None:
    first, second = _first_holds_while_second_runs(
        lambda: Source.objects.for_name("The Quarterly Invented"), lambda: Source.objects.for_name("The Quarterly Invented")
    )
    assert first.pk == second.pk


def test_two_new_articles_of_one_title_get_two_slugs() -> None:
    def make(n: int):
        return lambda: Article.objects.create(title="Ceasefire talks resume", body=f"Body {n}.", checksum=f"c{n}")

    first, second = _first_holds_while_second_runs(make(1), make(2))
    assert {first.slug, second.slug} == {"ceasefire-talks-resume", "ceasefire-talks-resume-2"}


def test_concurrent_batches_with_shared_names_all_import(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Talks in Geneva\nsource: The Quarterly Invented\n---\n"
        '"We are not there yet," said Orla Quennell-Vasquez, a fellow at the Institute of Invented Studies.\n\n'
        "The talks resume on {n}.\n"
    )
    batches = []
    for b in range(2):
        folder = tmp_path / f"batch{b}"
        folder.mkdir()
        for n in range(3):
            path = folder / f"a{n}.txt"
            path.write_text(text.replace("{n}", f"day {b}-{n}"), encoding="utf-8")
        batches.append(sorted(folder.iterdir()))
    outcomes: list = []

    def run(paths) -> None:
        try:
            outcomes.extend(import_paths(paths))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(paths,)) for paths in batches]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert sorted(o.status.value for o in outcomes) == ["created"] * 6, [str(o) for o in outcomes]
    assert Person.objects.filter(name="Orla Quennell-Vasquez").count() == 1
    assert Source.objects.filter(name="The Quarterly Invented").count() == 1
    assert len(set(Article.objects.values_list("slug", flat=True))) == Article.objects.count() == 6


def test_a_slug_outside_a_transaction_is_still_unique() -> None:
    Article.objects.create(title="Same", body="a", checksum="x1")
    assert unique_slug(Article, "Same") == "same-2"
