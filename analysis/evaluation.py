"""Scoring extractions against an editor's gold file (the corpus's ``expected.json``).

Plain Python, so that the accuracy test and anyone tuning the pipeline read the
same figures. Matching rules follow the gold file's ``about`` text:

- a found quote matches a gold quote when its text covers the gold text
  (whitespace and quotation-mark style folded); ``either`` items are not scored;
  reported speech (kind ``indirect``) has no quotation marks to score and is left
  out of quote precision;
- an anonymous speaker matches on its description's content words;
- a role matches when the gold role's content words all appear in the printed
  role and affiliation; an affiliation when the gold one is contained in it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from analysis.names import person_key, same_person
from analysis.pipeline import Extraction
from analysis.results import QuoteKind, SpeakerKind

STOPWORDS = {"a", "an", "the", "of", "at", "in", "for", "with", "to", "and", "on", "s"}


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub(r"[‘’`´]", "'", text)
    return re.sub(r"\s+", " ", re.sub(r"[^\w'\[\] ]+", " ", text)).strip()


def words(text: str) -> set[str]:
    return {w.strip("'") for w in fold(text).replace("'s ", " ").split() if w.strip("'") not in STOPWORDS}


@dataclass(slots=True)
class Score:
    article: str
    gold_quotes: int = 0
    found_quotes: int = 0  # quotation-mark quotes reported, excluding `either` items
    matched_gold: int = 0
    correct_found: int = 0
    speakers_right: int = 0
    speakers_checked: int = 0
    people_expected: int = 0
    people_right: int = 0
    countries_missing: list[str] = field(default_factory=list)
    countries_extra: list[str] = field(default_factory=list)
    themes_missing: list[str] = field(default_factory=list)
    figures_expected: int = 0
    figures_found: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched_gold / self.gold_quotes if self.gold_quotes else 1.0

    @property
    def precision(self) -> float:
        return self.correct_found / self.found_quotes if self.found_quotes else 1.0

    @property
    def speaker_accuracy(self) -> float:
        return self.speakers_right / self.speakers_checked if self.speakers_checked else 1.0


def _covers(found: str, gold: str) -> bool:
    return fold(gold) in fold(found)


def _speaker_ok(quote, gold: dict) -> bool:
    if gold.get("anonymous"):
        if quote.speaker_kind not in (SpeakerKind.ANONYMOUS, SpeakerKind.ORGANISATION, SpeakerKind.DOCUMENT):
            return False
        expected, printed = words(gold["speaker"]), words(f"{quote.speaker or ''} {quote.speaker_text or ''}")
        return len(expected & printed) >= max(1, round(0.6 * len(expected)))
    return quote.speaker_kind == SpeakerKind.PERSON and bool(quote.speaker) and (
        person_key(quote.speaker) == person_key(gold["speaker"]) or same_person(quote.speaker, gold["speaker"])
    )


def score_article(name: str, extraction: Extraction, gold: dict) -> Score:
    score = Score(article=name)
    quoted = [q for q in extraction.quotes if q.kind != QuoteKind.INDIRECT]
    either = gold.get("either", [])
    score.gold_quotes = len(gold["quotes"])
    for item in gold["quotes"]:
        if any(_covers(q.text, item["text"]) for q in quoted):
            score.matched_gold += 1
        else:
            score.problems.append(f"missed quote: {item['text'][:60]!r}")
    for quote in quoted:
        if any(_covers(quote.text, e) or _covers(e, quote.text) for e in either):
            continue
        score.found_quotes += 1
        match = next((g for g in gold["quotes"] if _covers(quote.text, g["text"])), None)
        if match is None:
            score.problems.append(f"not a gold quote: {quote.text[:60]!r}")
            continue
        score.correct_found += 1
        score.speakers_checked += 1
        if _speaker_ok(quote, match):
            score.speakers_right += 1
        else:
            score.problems.append(f"speaker of {quote.text[:40]!r}: {quote.speaker!r}, expected {match['speaker']!r}")

    for person in [p for p in gold["people"] if p.get("quoted")]:
        score.people_expected += 1
        found = next((p for p in extraction.people if same_person(p.name, person["name"])
                      or person_key(p.name) == person_key(person["name"])), None)
        if found is None:
            score.problems.append(f"quoted person not found: {person['name']}")
            continue
        printed = f"{found.role or ''} {found.affiliation or ''}"
        role_ok = words(person.get("role", "")) <= words(printed)
        affiliation_ok = fold(person.get("affiliation", "")) in fold(found.affiliation or "")
        if role_ok and affiliation_ok:
            score.people_right += 1
        else:
            score.problems.append(f"{person['name']}: role {found.role!r}, affiliation {found.affiliation!r}")

    found_codes = {c.code for c in extraction.countries}
    required, optional = set(gold["countries"]["required"]), set(gold["countries"]["optional"])
    score.countries_missing = sorted(required - found_codes)
    score.countries_extra = sorted(found_codes - required - optional)
    found_themes = {t.slug for t in extraction.themes}
    score.themes_missing = sorted(set(gold["themes"]["required"]) - found_themes)

    score.figures_expected = len(gold["figures"])
    for item in gold["figures"]:
        if any(f.value_low == item["value_low"] and f.value_high == item["value_high"] for f in extraction.figures):
            score.figures_found += 1
        else:
            score.problems.append(f"figure not found: {item['text']!r}")
    return score


def same_person_pairs(extractions: dict[str, Extraction], pairs: list[list[str]]) -> list[tuple[str, str, bool]]:
    """For each gold pair of spellings, whether the people found under them share a matching key."""
    people = [p for extraction in extractions.values() for p in extraction.people]

    def find(spelling: str):
        for person in people:
            if fold(spelling) in {fold(s) for s in (person.name, *person.aliases)}:
                return person
        return next((p for p in people if same_person(spelling, p.name)), None)

    results = []
    for a, b in pairs:
        first, second = find(a), find(b)
        ok = first is not None and second is not None and (first.key == second.key or same_person(first.name, second.name))
        results.append((a, b, ok))
    return results


def grouped_figures(extractions: dict[str, Extraction], comparable: list[dict]) -> list[tuple[str, set[str]]]:
    """The group keys found for each set of gold figures that should be compared across articles."""
    results = []
    for group in comparable:
        keys = set()
        for value in group["values"]:
            extraction = extractions[value["article"]]
            numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*", value["value"])]
            for figure in extraction.figures:
                if numbers and figure.value_low == numbers[0] and figure.value_high == numbers[-1]:
                    keys.add(figure.group_key)
        results.append((group["about"], keys))
    return results


def report(scores: list[Score]) -> str:
    lines = [f"{'article':28} {'recall':>7} {'precision':>9} {'speakers':>9} {'people':>7} {'countries':>18} {'themes':>8} {'figures':>8}"]
    for s in scores:
        countries = "ok" if not s.countries_missing else "missing " + ",".join(s.countries_missing)
        countries += f" +{len(s.countries_extra)}"
        lines.append(
            f"{s.article:28} {s.recall:>7.0%} {s.precision:>9.0%} {s.speaker_accuracy:>9.0%} "
            f"{s.people_right:>3}/{s.people_expected:<3} {countries:>18} "
            f"{'ok' if not s.themes_missing else ','.join(s.themes_missing):>8} {s.figures_found:>3}/{s.figures_expected:<3}"
        )
        lines.extend(f"    {p}" for p in s.problems)
    return "\n".join(lines)
