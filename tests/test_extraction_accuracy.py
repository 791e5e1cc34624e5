"""The whole pipeline scored on the corpus against the editor's expected.json; prints its figures."""

from __future__ import annotations

import pytest

from analysis.cleaning import clean
from analysis.evaluation import grouped_figures, report, same_person_pairs, score_article
from analysis.pipeline import extract
from tests.conftest import CORPUS_FILES


@pytest.fixture(scope="module")
def extractions():
    return {path.name: extract(clean(path.read_text(encoding="utf-8"))) for path in CORPUS_FILES}


@pytest.fixture(scope="module")
def scores(extractions, expected):
    results = [score_article(name, extraction, expected[name]) for name, extraction in extractions.items()]
    print("\n" + report(results))
    return results


def test_quotes_are_all_found_and_nothing_else(scores):
    for score in scores:
        assert (score.recall, score.precision) == (1.0, 1.0), score.problems


def test_every_found_quote_has_the_right_speaker(scores):
    for score in scores:
        assert score.speaker_accuracy == 1.0, score.problems


def test_every_quoted_person_has_role_and_affiliation(scores):
    for score in scores:
        assert score.people_right == score.people_expected, score.problems


def test_countries_are_all_found_with_at_most_one_extra(scores):
    for score in scores:
        assert score.countries_missing == [] and len(score.countries_extra) <= 1, (score.countries_missing, score.countries_extra)


def test_required_themes_are_found(scores):
    assert all(score.themes_missing == [] for score in scores)


def test_at_least_six_of_the_seven_figures(scores):
    found = sum(s.figures_found for s in scores)
    total = sum(s.figures_expected for s in scores)
    print(f"figures: {found}/{total}")
    assert total == 7 and found >= 6


def test_the_same_person_under_other_spellings_is_one_person(extractions, expected):
    results = same_person_pairs(extractions, expected["across"]["same_person"])
    for a, b, ok in results:
        print(f"same person: {a!r} = {b!r}: {'yes' if ok else 'NO'}")
    assert all(ok for _, _, ok in results)


def test_the_troop_figures_are_grouped_together(extractions, expected):
    for about, keys in grouped_figures(extractions, expected["across"]["comparable_figures"]):
        print(f"comparable figures {about!r}: group keys {sorted(keys)}")
        assert len(keys) == 1
