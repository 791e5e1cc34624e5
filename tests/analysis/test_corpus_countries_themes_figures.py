"""Acceptance on the two corpus articles against the editor's gold (articles/corpus/expected.json).

Run with ``-s`` to see what was found, missing and extra for each article.
"""

import json
import re
from functools import cache
from pathlib import Path

import pytest

from analysis.cleaning import clean
from analysis.countries import extract_countries
from analysis.figures import extract_figures
from analysis.themes import DEFAULT_THEMES, score_themes

CORPUS = Path(__file__).resolve().parents[2] / "articles" / "corpus"
GOLD = json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))
ARTICLES = sorted(name for name in GOLD if name.endswith(".txt"))


@cache
def document(name: str):
    return clean((CORPUS / name).read_text(encoding="utf-8"))


def article_text(doc) -> str:
    """The text the pipeline scores for article themes: title, standfirst, body and headings."""
    parts = [doc.title or "", doc.standfirst or ""]
    parts += [p.text for p in doc.passages if p.kind.value in ("body", "heading")]
    return "\n\n".join(parts)


@pytest.mark.parametrize("name", ARTICLES)
def test_corpus_countries_are_all_found_with_at_most_one_extra(name):
    gold = GOLD[name]["countries"]
    found = {c.code: c.count for c in extract_countries(document(name))}
    missing = set(gold["required"]) - set(found)
    extra = set(found) - set(gold["required"]) - set(gold["optional"])
    print(f"\n{name} countries found={found} missing={sorted(missing)} extra={sorted(extra)}")
    assert not missing
    assert len(extra) <= 1


@pytest.mark.parametrize("name", ARTICLES)
def test_corpus_required_themes_are_found(name):
    scores = score_themes(article_text(document(name)), DEFAULT_THEMES)
    print(f"\n{name} themes " + ", ".join(f"{s.slug}={s.score} {s.matches}" for s in scores))
    assert set(GOLD[name]["themes"]["required"]) <= {s.slug for s in scores}


def test_corpus_figures_match_the_gold_values_and_group_the_troop_numbers():
    found_by_article = {name: extract_figures(document(name)) for name in ARTICLES}
    hits, total = 0, 0
    for name, figs in found_by_article.items():
        print(f"\n{name} figures")
        for f in figs:
            approx = "~" if f.approximate else " "
            print(
                f"  {approx}{f.value_low:>12,.0f} {f.value_high:>12,.0f}  {f.group_key:32} {f.text!r}"
                f"  about={f.about!r} by={f.attributed_to!r}"
            )
        values = {(f.value_low, f.value_high) for f in figs}
        for gold in GOLD[name]["figures"]:
            total += 1
            ok = (gold["value_low"], gold["value_high"]) in values
            hits += ok
            if not ok:
                print(f"  MISSING {gold['text']!r}")
    print(f"gold figures found: {hits}/{total}")
    assert hits >= 6 and total == 7

    def key_of(name: str, low: float, high: float) -> str:
        return next(f.group_key for f in found_by_article[name] if (f.value_low, f.value_high) == (low, high))

    first, second = ARTICLES
    assert key_of(first, 11000, 11000) == key_of(second, 1500, 12000)
    assert key_of(second, 950000, 950000) != key_of(second, 1500, 12000)


def test_corpus_figures_exclude_dates_bio_and_pronouns():
    texts = [f.text for name in ARTICLES for f in extract_figures(document(name))]
    joined = " | ".join(texts)
    for not_a_figure in (
        "2019",
        "2009",
        "1950s",
        "November 1",
        "August 6",
        "KN-23",
        "20 books",
        "one",
        "2021",
        "two of his",
    ):
        assert not re.search(rf"\b{re.escape(not_a_figure)}\b", joined), not_a_figure
