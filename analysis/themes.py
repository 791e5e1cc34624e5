"""Themes: which recurring subjects of the commentary a text is about.

A theme is a slug, a name, a description and a list of keyword phrases that
editors maintain in the admin. Keyword syntax (lower case, matched
case-insensitively, always on whole words):

* ``sanction``   – the word and its plural: "sanction", "sanctions", "Sanctions"
* ``escalat*``   – a trailing ``*`` is a prefix: "escalate", "escalation", "escalatory"
* ``red line``   – a space matches any run of spaces or hyphens ("red-line")
* ``de-escalat*`` – a hyphen matches a hyphen, a space or nothing ("de escalation",
  "deescalation")
* ``brics``      – acronyms are just words ("BRICS", "Brics")

Each occurrence counts once: where two keywords overlap, the longest wins. A keyword
starts with at least two letters or digits.

Score: keyword hits per 1,000 words, with short texts counted as at least
``SHORT_TEXT_WORDS`` words so that one hit in a ten-word quote is not a huge score:
``score = hits * 1000 / max(words, SHORT_TEXT_WORDS)``. A theme is returned when the
score reaches ``min_score`` and, in texts longer than ``LONG_TEXT_WORDS``, when at least
two hits corroborate it (one passing mention of "sanctions" does not make an article
about sanctions; one in a quote does make the quote about them).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from analysis.results import ThemeScore

SHORT_TEXT_WORDS = 100
LONG_TEXT_WORDS = 150
DEFAULT_MIN_SCORE = 2.0


@dataclass(frozen=True, slots=True)
class ThemeSpec:
    slug: str
    name: str
    description: str
    keywords: tuple[str, ...]


def _t(slug: str, name: str, description: str, keywords: str) -> ThemeSpec:
    return ThemeSpec(slug, name, description, tuple(k.strip() for k in keywords.split(";") if k.strip()))


DEFAULT_THEMES: tuple[ThemeSpec, ...] = (
    _t(
        "escalation",
        "Escalation",
        "Risk of the war widening or intensifying, red lines, spillover.",
        "escalat*; de-escalat*; red line; spillover; spill over; wider war; widen* the war; widening war; "
        "expansion of the battlefield; spreading of the war; spread of the war; tipping point; military crisis; "
        "armed conflict; direct confrontation; direct conflict; world war; third world war; retaliat*; "
        "provocation; provocative; drawn into; dragged into; fanning flames; fan the flames; brinkmanship",
    ),
    _t(
        "brics",
        "BRICS",
        "The BRICS group, its summits, expansion and the push away from the dollar.",
        "brics; kazan summit; new development bank; de-dollaris*; de-dollariz*; emerging economies; "
        "global south; shanghai cooperation organisation; shanghai cooperation organization; "
        "alternative to the dollar",
    ),
    _t(
        "alliances",
        "Alliances",
        "Alliances, allies, partnerships and blocs, and how solid they are.",
        "allian*; ally; allies; allied; strategic partnership; comprehensive strategic partnership; "
        "partnership; mutual defence; mutual defense; defence pact; defense pact; treaty; bloc; coalition; "
        "axis of; vassal; nato; close ties; fair-weather friends",
    ),
    _t(
        "sanctions",
        "Sanctions",
        "Sanctions, embargoes, export controls and sanctions busting.",
        "sanction*; embargo*; export control; asset freeze; frozen assets; price cap; blacklist*; "
        "sanctions busting; secondary sanctions",
    ),
    _t(
        "military-aid",
        "Military aid",
        "Weapons, ammunition and other military help supplied to a party.",
        "military aid; military assistance; military support; security assistance; arms deliver*; "
        "weapons deliver*; arms shipment; arms supplies; weapons supplies; arms transfer; lend-lease; "
        "ammunition; artillery shell; artillery round; ordnance; aid package; supply weapons; "
        "providing ordnance",
    ),
    _t(
        "nuclear",
        "Nuclear",
        "Nuclear weapons, programmes, threats and deterrence.",
        "nuclear*; atomic; warhead; ballistic missile; icbm; uranium; enrichment; deterrence; non-proliferation",
    ),
    _t(
        "world-order",
        "World order",
        "The shape of the international system: multipolarity, hegemony, the West.",
        "world order; global order; international order; rules-based order; multipolar*; unipolar*; "
        "hegemon*; superpower; great power; american dominance; western dominance; anti-western; "
        "western values; western-led; masters of the universe; new world order; balance of power",
    ),
    _t(
        "manpower",
        "Manpower and troops",
        "Soldiers, deployments, mobilisation, recruitment and casualties.",
        "troops; soldiers; manpower; conscript*; mobilis*; mobiliz*; mercenar*; casualt*; infantry; "
        "reinforcements; deserter; desertion; special forces; combat experience; servicemen; recruits; "
        "deploy*",
    ),
    _t(
        "diplomacy",
        "Diplomacy and negotiations",
        "Talks, ceasefires, peace plans and mediation.",
        "negotiat*; peace talks; peace summit; peace plan; peace deal; peace process; ceasefire; cease-fire; "
        "truce; mediat*; diplomac*; diplomatic; by peaceful means; backchannel; back channel",
    ),
    _t(
        "energy",
        "Energy",
        "Oil, gas and energy deals, prices and pipelines.",
        "energy deal; energy supplies; energy security; energy exports; oil and gas; cheap oil; crude oil; "
        "oil price; oil export; oil revenue; gas export; natural gas; lng; pipeline; gas supplies; opec",
    ),
    _t(
        "information",
        "Propaganda and information",
        "Propaganda, state media, disinformation and narratives.",
        "propaganda; disinformation; misinformation; state media; state television; information war*; "
        "influence operation; narrative; censorship; troll farm",
    ),
    _t(
        "economy",
        "Economy and trade",
        "Trade, economic losses and gains, currencies and payments.",
        "trade; economic*; economy; gdp; inflation; currency; currencies; dollar; exports; imports; tariff; "
        "raw materials; payment system",
    ),
)


def _word_pattern(word: str) -> str:
    if word.endswith("*"):
        return _literal(word[:-1]) + r"\w*"
    if word[-1:].isalpha():
        return _literal(word) + r"(?:e?s)?"
    return _literal(word)


def _literal(text: str) -> str:
    out = []
    for part in re.split(r"(-)", text):
        if part == "-":
            out.append(r"[\s\-]?")
        elif part:
            out.append(re.escape(part).replace("'", "['’]"))
    return "".join(out)


def keyword_pattern(keyword: str) -> str:
    """The regex for one keyword phrase (see the module docstring for the syntax)."""
    words = keyword.lower().split()
    return r"[\s\-]+".join(_word_pattern(w) for w in words)


@lru_cache(maxsize=32)
def _compile(keyword_sets: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[dict[str, re.Pattern[str]], list, dict]:
    """Patterns for a whole theme set, bucketed by the keywords' first two letters.

    Only word starts whose first two letters open some keyword are tried, with one
    regex per bucket (one group per keyword, longest first): a text is scanned once
    by a cheap word regex instead of trying every keyword at every word.
    """
    owners: dict[str, list[str]] = {}
    for slug, keywords in keyword_sets:
        for keyword in keywords:
            keyword = " ".join(keyword.lower().split())
            if keyword and slug not in owners.setdefault(keyword, []):
                owners[keyword].append(slug)
    ordered = sorted(owners, key=lambda k: (-len(k), k))
    alternatives: dict[str, list[str]] = {}
    for index, keyword in enumerate(ordered):
        alternatives.setdefault(keyword[:2], []).append(f"(?P<k{index}>{keyword_pattern(keyword)})")
    buckets = {
        prefix: re.compile("(?:" + "|".join(alts) + r")(?!\w)", re.IGNORECASE) for prefix, alts in alternatives.items()
    }
    return buckets, ordered, owners


_WORD = re.compile(r"\w+(?:['’\-]\w+)*")
_TOKEN = re.compile(r"\w+")


def score_themes(text: str, themes: Sequence[ThemeSpec], *, min_score: float = DEFAULT_MIN_SCORE) -> list[ThemeScore]:
    """Themes of ``text`` scoring at least ``min_score`` hits per 1,000 words, best first."""
    if not text or not themes:
        return []
    key = tuple((t.slug, tuple(t.keywords)) for t in themes)
    buckets, ordered, owners = _compile(key)
    hits: dict[str, Counter] = {}
    consumed = 0
    for token in _TOKEN.finditer(text):
        start = token.start()
        if start < consumed:
            continue  # inside the previous match ("de-escalation" is not also "escalation")
        pattern = buckets.get(text[start : start + 2].lower())
        m = pattern.match(text, start) if pattern else None
        if m is None:
            continue
        consumed = m.end()
        keyword = ordered[int(m.lastgroup[1:])]
        for slug in owners[keyword]:
            hits.setdefault(slug, Counter())[keyword] += 1
    words = len(_WORD.findall(text))
    scores = []
    for slug, counter in hits.items():
        total = sum(counter.values())
        if words > LONG_TEXT_WORDS and total < 2:
            continue
        score = total * 1000 / max(words, SHORT_TEXT_WORDS)
        if score >= min_score:
            scores.append(ThemeScore(slug, round(score, 2), [k for k, _ in counter.most_common()]))
    return sorted(scores, key=lambda s: (-s.score, s.slug))
