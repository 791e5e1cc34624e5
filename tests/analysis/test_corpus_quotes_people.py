"""Acceptance: quotes, speakers and people of the two corpus articles against expected.json.

Scoring rules (printed with the figures):
* Only quotes in quotation marks (kind direct/partial) are scored; indirect
  (reported) speech has no gold list. A found quote matches a gold quote when
  its text covers the gold text (whitespace normalised) and is not much longer.
  A found quote matching nothing, or matching a ``not_quotes`` term, is a false
  positive; ``either`` items are not scored.
* A named speaker is right when it is the gold person (same_person); an
  anonymous gold speaker is matched on the description: most of the found
  description's content words must appear in the gold one.
"""

from __future__ import annotations

import json
import re
from functools import cache, lru_cache
from pathlib import Path

from analysis.cleaning import clean
from analysis.names import person_key, same_person
from analysis.orgs import org_key
from analysis.quotes import extract_people_and_quotes
from analysis.results import QuoteKind, SpeakerKind

CORPUS = Path(__file__).resolve().parents[2] / "articles" / "corpus"
ARTICLES = ["000_8ec5d6834c1552e8.txt", "002_26b91fc9e49b928e.txt"]
_STOP = {"a", "an", "the", "of", "with", "to", "and", "in", "at", "for"}


@lru_cache(maxsize=1)
def expected() -> dict:
    return json.loads((CORPUS / "expected.json").read_text(encoding="utf-8"))


@cache
def extraction(name: str):
    return extract_people_and_quotes(clean((CORPUS / name).read_text(encoding="utf-8")))


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def covers(found: str, gold: str) -> bool:
    f, g = norm(found), norm(gold)
    return g in f and len(f) <= len(g) * 1.2 + 10


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.lower()) if w not in _STOP}


def speaker_ok(quote, gold: dict) -> bool:
    if gold.get("anonymous"):
        if quote.speaker_kind not in (SpeakerKind.ANONYMOUS, SpeakerKind.ORGANISATION):
            return False
        found = words(quote.speaker or "")
        return bool(found) and len(found & words(gold["speaker"])) >= 0.5 * len(found)
    return quote.speaker_kind == SpeakerKind.PERSON and same_person(quote.speaker or "", gold["speaker"])


def score_quotes(name: str) -> dict:
    gold = expected()[name]
    _, _, quotes = extraction(name)
    found = [q for q in quotes if q.kind != QuoteKind.INDIRECT]
    matched: dict[int, object] = {}
    for i, g in enumerate(gold["quotes"]):
        for q in found:
            if q not in matched.values() and covers(q.text, g["text"]):
                matched[i] = q
                break
    false_pos = []
    for q in found:
        if q in matched.values() or any(covers(q.text, e) for e in gold["either"]):
            continue
        false_pos.append(q)
    scored = len(matched) + len(false_pos)
    right = [i for i, q in matched.items() if speaker_ok(q, gold["quotes"][i])]
    kinds = [i for i, q in matched.items() if q.kind.value == gold["quotes"][i]["kind"]]
    return {
        "gold": len(gold["quotes"]), "found": scored, "matched": len(matched),
        "recall": len(matched) / len(gold["quotes"]), "precision": len(matched) / scored if scored else 1.0,
        "speaker": len(right) / len(matched) if matched else 1.0, "kind": len(kinds) / len(matched) if matched else 1.0,
        "missed": [g["text"] for i, g in enumerate(gold["quotes"]) if i not in matched],
        "false_positives": [q.text for q in false_pos],
        "wrong_speaker": [(gold["quotes"][i]["text"][:40], q.speaker) for i, q in matched.items() if i not in right],
        "indirect": sum(q.kind == QuoteKind.INDIRECT for q in quotes),
    }


def find_person(people, name: str):
    return next((p for p in people if same_person(p.name, name)
                 or any(same_person(a, name) for a in p.aliases)), None)


def role_ok(found: str | None, gold: str | None) -> bool:
    if not gold:
        return True
    if not found:
        return False
    f, g = norm(found).lower(), norm(gold).lower()
    return f in g or g in f


def test_corpus_quotes_speakers_and_people() -> None:
    for name in ARTICLES:
        s = score_quotes(name)
        print(f"\n{name}: quotes gold={s['gold']} found={s['found']} matched={s['matched']} "
              f"recall={s['recall']:.0%} precision={s['precision']:.0%} speaker={s['speaker']:.0%} "
              f"kind-agreement={s['kind']:.0%} (indirect, unscored: {s['indirect']})")
        for label in ("missed", "false_positives", "wrong_speaker"):
            if s[label]:
                print(f"  {label}: {s[label]}")
        assert s["recall"] == 1.0, s["missed"]
        assert s["precision"] == 1.0, s["false_positives"]
        assert s["speaker"] == 1.0, s["wrong_speaker"]
        assert s["kind"] >= 0.85


def test_corpus_people_roles_and_affiliations() -> None:
    for name in ARTICLES:
        gold = expected()[name]
        people, orgs, _ = extraction(name)
        found = [p for p in gold["people"] if find_person(people, p["name"])]
        extra = [p.name for p in people if not any(same_person(p.name, g["name"]) for g in gold["people"])]
        quoted = [g for g in gold["people"] if g.get("quoted")]
        quoted_ok = []
        for g in quoted:
            p = find_person(people, g["name"])
            if p and p.quoted and role_ok(p.role, g.get("role")) and role_ok(p.affiliation, g.get("affiliation")):
                quoted_ok.append(g["name"])
        org_found = [o for o in gold["organisations"]
                     if any(org_key(o.split(" (")[0]) in org.key or org.key in org_key(o) for org in orgs)]
        print(f"\n{name}: people {len(found)}/{len(gold['people'])} found, extra={extra}; "
              f"quoted with role+affiliation {len(quoted_ok)}/{len(quoted)}; "
              f"organisations {len(org_found)}/{len(gold['organisations'])}")
        for g in gold["people"]:
            p = find_person(people, g["name"])
            print(f"  {g['name']:<24} -> {p.name if p else None!s:<24} role={p.role if p else None!r} "
                  f"affiliation={p.affiliation if p else None!r} kind={p.kind.value if p else None}")
        assert len(found) == len(gold["people"])
        assert sorted(quoted_ok) == sorted(g["name"] for g in quoted)
        assert not any(p.name in {"Getty Images", "Starlink", "Kazan", "Korean People’s Army"} for p in people)
        assert len(org_found) >= 0.8 * len(gold["organisations"])


def test_corpus_same_person_pairs_resolve_to_one_key() -> None:
    people = [p for name in ARTICLES for p in extraction(name)[0]]
    for a, b in expected()["across"]["same_person"]:
        pa, pb = find_person(people, a), find_person(people, b)
        print(f"\n{a!r} ~ {b!r}: {pa.key if pa else None} / {pb.key if pb else None}")
        assert pa is not None and pb is not None
        assert pa.key == pb.key == person_key(a) == person_key(b)


def test_corpus_authors_are_people() -> None:
    people, _, _ = extraction(ARTICLES[1])
    author = next(p for p in people if p.is_author)
    assert author.name == "Mark Galeotti"
    assert "professor" in (author.role or "")
