"""The pipeline on pattern articles, scored like the corpus.

``tests/analysis/patterns/`` holds twelve fictional news and commentary pieces in
other outlets' styles (wire copy, a broadsheet with single quotation marks, an
interview with multi-paragraph quotes, an op-ed with scare quotes, a think-tank
brief, a broadcast exchange, anonymous sources, organisations' statements,
titles, pronoun chains, headline and caption quotes) and ``gold.json``. They were
written alongside the rules, so they are pattern fixtures that keep those rules
working, not an independent measure: accuracy on real news is measured with
``manage.py evaluate_quotes`` on PolNeAR (see README). Matching follows
:mod:`analysis.evaluation`. The targets are micro-averaged over all files:
F1 >= 0.90 for quotation-mark quotes and >= 90% of matched quotes with the right
speaker.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from analysis.cleaning import clean
from analysis.evaluation import Score, score_article
from analysis.pipeline import extract

PATTERNS = Path(__file__).parent / "patterns"
GOLD = json.loads((PATTERNS / "gold.json").read_text(encoding="utf-8"))
FILES = sorted(name for name in GOLD if name != "about")

F1_TARGET = 0.90
SPEAKER_TARGET = 0.90


def _gold(entry: dict) -> dict:
    """A pattern-article entry in the shape :func:`score_article` expects (quotes only are scored)."""
    return {
        "quotes": entry["quotes"],
        "not_quotes": entry.get("not_quotes", []),
        "either": entry.get("either", []),
        "people": [],
        "countries": {"required": [], "optional": []},
        "themes": {"required": []},
        "figures": [],
    }


def f1(precision: float, recall: float) -> float:
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def table(scores: list[Score]) -> tuple[str, dict[str, float]]:
    lines = [f"{'article':32} {'gold':>4} {'found':>5} {'recall':>7} {'precision':>9} {'F1':>5} {'speakers':>9}"]
    for s in scores:
        lines.append(
            f"{s.article:32} {s.gold_quotes:>4} {s.found_quotes:>5} {s.recall:>7.0%} {s.precision:>9.0%} "
            f"{f1(s.precision, s.recall):>5.2f} {s.speakers_right:>4}/{s.speakers_checked:<4}"
        )
        lines.extend(f"    {p}" for p in s.problems)
    gold = sum(s.gold_quotes for s in scores)
    found = sum(s.found_quotes for s in scores)
    recall = sum(s.matched_gold for s in scores) / gold if gold else 1.0
    precision = sum(s.correct_found for s in scores) / found if found else 1.0
    checked = sum(s.speakers_checked for s in scores)
    speakers = sum(s.speakers_right for s in scores) / checked if checked else 1.0
    overall = {"recall": recall, "precision": precision, "f1": f1(precision, recall), "speakers": speakers}
    lines.append(
        f"{'OVERALL':32} {gold:>4} {found:>5} {recall:>7.1%} {precision:>9.1%} {overall['f1']:>5.3f} "
        f"{speakers:>8.1%}"
    )
    return "\n".join(lines), overall


@pytest.fixture(scope="module")
def patterns():
    scores = [
        score_article(name, extract(clean((PATTERNS / name).read_text(encoding="utf-8"))), _gold(GOLD[name]))
        for name in FILES
    ]
    text, overall = table(scores)
    print("\n" + text)
    return scores, overall


def test_the_pattern_set_is_complete():
    assert len(FILES) == 12
    for name in FILES:
        text = (PATTERNS / name).read_text(encoding="utf-8")
        assert 400 <= len(text.split()) <= 700, name
        assert GOLD[name]["quotes"], name


def test_pattern_articles_quote_f1(patterns):
    _, overall = patterns
    assert overall["f1"] >= F1_TARGET, overall


def test_pattern_articles_speaker_accuracy(patterns):
    _, overall = patterns
    assert overall["speakers"] >= SPEAKER_TARGET, overall


# The general rules the pattern articles exposed, on wording of their own.

def _quotes(text: str):
    return [q for q in extract(clean(text)).quotes if q.kind.value != "indirect"]


def test_a_title_before_a_modified_title_is_all_title():
    body = ("The talks ended late on Friday without a deal on grain exports or shipping lanes, officials said.\n\n"
            "“We will keep talking until there is a deal on the table,” Deputy Agriculture Minister Rhona Fell said.")
    assert [q.speaker for q in _quotes(body)] == ["Rhona Fell"]


def test_a_quotation_standing_alone_takes_the_person_who_opens_the_next_or_previous_sentence():
    body = ("The border has been closed for a month and the queues of lorries stretch for miles on both sides.\n\n"
            "“Closing a border is easy. Opening it again is politics.” That is the view of Omar Haddad, "
            "a customs broker in the town.\n\n"
            "Priya Nair was unimpressed. “Every month of closure costs the region a harvest.”")
    assert [q.speaker for q in _quotes(body)] == ["Omar Haddad", "Priya Nair"]


def test_a_quotation_running_over_three_paragraphs_keeps_the_middle_one():
    body = ("The envoy spoke for an hour about the negotiations and what she expected from the next round.\n\n"
            "“The first round was about trust,” she said. “Nobody trusted anybody.\n\n"
            "“The second round was about maps, and maps are harder.\n\n"
            "“The third round will be about money.”")
    texts = [q.text for q in _quotes(body)]
    assert any("maps are harder" in t and "about money" in t for t in texts), texts


def test_the_institution_or_source_named_earlier_speaks_as_the_council_or_the_person():
    body = ("Funding for the programme was agreed by the Northern Rivers Council after a long debate on Monday.\n\n"
            "The council said in a statement that the money would be “spent within two years on flood defences.”\n\n"
            "A person who attended the debate said several members had doubts. “It was closer than it looks,” the person said.")
    speakers = {q.text[:10]: q.speaker for q in _quotes(body)}
    assert speakers["spent with"] == "Northern Rivers Council"
    assert speakers["It was clo"].startswith("A person who attended the debate")
