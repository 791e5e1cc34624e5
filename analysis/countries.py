"""Countries mentioned in an article: names, demonyms, capitals and metonyms.

A gazetteer, not a model: every ISO 3166-1 country from pycountry plus the curated
aliases in :mod:`analysis.country_data`, compiled once into a single trie-shaped
regular expression (one pass over the text, about 0.1 ms per 1,000 words).

Matching rules, all general:

* Case-sensitive whole words, longest match first: "North Korean" is KP, never
  the "Korean" inside it; "Latin American" is consumed and yields nothing.
  Lower-case "us" is a pronoun, never the United States; a capitalised "US" in
  a passage written in capitals ("WAKE-UP CALL FOR US") is ignored too.
* Straight and curly apostrophes are the same ("Kyiv’s", "Côte d'Ivoire").
* Words that are also first names or surnames ("Jordan", "Chad", "Israel",
  "Georgia", "Paris", "Washington", "London") are not countries when another
  capitalised name word follows ("Jordan Peterson") or, for surnames, precedes
  ("George Washington"); "Georgia" next to US-state context is not the country.
* ``exclude`` spans (people and organisations found by the quote extractor) drop
  the country words inside them, except in organisation names built on a country
  ("U.S. National Security Council", "Korean People’s Army") which still count.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

import pycountry

from analysis.country_data import CURATED, NOT_COUNTRIES
from analysis.document import Document, PassageKind
from analysis.numbers import trie_pattern
from analysis.results import CountryResult, Span


@dataclass(frozen=True, slots=True)
class CountryInfo:
    code: str  # ISO 3166-1 alpha-2
    alpha3: str
    numeric: str
    name: str  # common short name: "Russia", "North Korea"
    official_name: str
    aliases: tuple[str, ...]  # demonyms, capitals, metonyms, other names


def _words(text: str) -> frozenset[str]:
    """A word set written as one string (long word lists stay readable and compact)."""
    return frozenset(text.split())


# pycountry names with a comma read badly ("Virgin Islands, British"); these have no
# curated line, so give them a readable name here.
_READABLE = {
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
    "BQ": "Caribbean Netherlands",
    "SH": "Saint Helena",
    "MF": "Saint Martin",
    "SX": "Sint Maarten",
    "FK": "Falkland Islands",
}

# Aliases that are also given names: not a country when a capitalised word follows.
_FIRST_NAMES = _words("Jordan Chad Israel Georgia India Paris Santiago Sofia Kenya Washington Lima Florence Chelsea")
# Aliases that are also surnames: not a country when a capitalised name word precedes.
_SURNAMES = _words("Washington Jordan London Berlin Wellington Chad Israel Paris")
# Capitalised words that may follow a first-name-like alias and still leave it a country.
_INSTITUTION_WORDS = _words(
    "Defense Defence Forces Force Army Navy Air Government Ministry Police Border Embassy Valley River "
    "Sea Prime President Foreign National State Supreme Central Security Intelligence Armed Coast "
    "Military Parliament"
)
# Capitalised words that can precede a surname-like alias without being a name.
_FUNCTION_WORDS = _words(
    "The In At To From For And But Or Of On By With As While When If Even Both Only Like Unlike Meanwhile "
    "Today Yesterday Now So Then Since Before After Across Inside Outside Against Between Within Around "
    "Near Via Than Where Why How What That This Yet Also Neither Nor Whether Although Though Because Once "
    "Until Over Under About Toward Towards Through Not Including Whereas Beyond Without"
)
# Head words of organisation names: an excluded span containing one is an organisation,
# and an organisation named after a country still mentions it.
ORG_WORDS = _words(
    "Army Navy Forces Force Guard Corps Command Council Ministry Department Directorate Agency Service "
    "Services Office Government Parliament Congress Senate Assembly Bank Embassy Institute University "
    "College Academy School Party Committee Commission Federation Union Company Corporation Group Centre "
    "Center Foundation Association Administration Court Police Republic Federal Railways Airlines "
    "Television Radio Press Marines Intelligence"
)
_GEORGIA_US = re.compile(
    r"Atlanta|Savannah|Augusta|Fulton|Peach State|U\.?S\.? state|state of Georgia|Georgia state|"
    r"Gov\.|governor|Senate race|county|County|Alabama|Florida|Carolina|Tennessee|swing state|battleground",
)
_PREV_WORD = re.compile(r"([A-Z][\w’'.\-]*)\s+$")
_NEXT_WORD = re.compile(r"^\s+([A-Z][\w’'\-]*)")


def _split_aliases(text: str) -> list[str]:
    return [a.strip() for a in text.split(";") if a.strip()]


@lru_cache(maxsize=1)
def _table() -> tuple[CountryInfo, ...]:
    curated: dict[str, tuple[str, list[str]]] = {}
    for line in CURATED.strip().splitlines():
        code, name, aliases = line.split("|")
        curated[code] = (name, _split_aliases(aliases))
    # A curated alias wins over another country's ISO name ("Congo" is the DRC in the news).
    claimed = {alias: code for code, (name, extra) in curated.items() for alias in (name, *extra)}
    rows = []
    for c in pycountry.countries:
        code = c.alpha_2
        iso_names = [getattr(c, "common_name", None), c.name, getattr(c, "official_name", None)]
        iso_names = [n for n in iso_names if n and "," not in n and "(" not in n and claimed.get(n, code) == code]
        name, extra = curated.get(code, (None, []))
        name = name or _READABLE.get(code) or (iso_names[0] if iso_names else c.name)
        aliases: list[str] = []
        for alias in [name, *iso_names, *extra]:
            if alias not in aliases and alias != name:
                aliases.append(alias)
        official = getattr(c, "official_name", None) or c.name
        rows.append(CountryInfo(code, c.alpha_3, c.numeric, name, official, tuple(aliases)))
    return tuple(sorted(rows, key=lambda r: r.name))


def country_table() -> list[CountryInfo]:
    """Every ISO 3166-1 country with its common name and aliases (seeds the Country table)."""
    return list(_table())


@lru_cache(maxsize=1)
def country_by_code() -> dict[str, CountryInfo]:
    return {c.code: c for c in _table()}


def _norm(text: str) -> str:
    """Same length as ``text``, so offsets stay valid: one apostrophe, one kind of space."""
    return text.replace("’", "'").replace("\u00a0", " ")


@lru_cache(maxsize=1)
def alias_map() -> dict[str, str | None]:
    """Every matchable string (plural forms included) → alpha-2 code, or None for non-countries."""
    result: dict[str, str | None] = {}
    for info in _table():
        for alias in (info.name, *info.aliases):
            alias = _norm(alias)
            result.setdefault(alias, info.code)
            if alias[-1].isalpha() and not alias.isupper() and not alias.endswith("s"):
                result.setdefault(alias + "s", info.code)
    for phrase in NOT_COUNTRIES:
        result[_norm(phrase)] = None
        if phrase[-1].isalpha():
            result.setdefault(_norm(phrase) + "s", None)
    return result


@lru_cache(maxsize=1)
def _matcher() -> re.Pattern[str]:
    return re.compile(r"(?<![\w.])" + trie_pattern(alias_map()) + r"(?![\w])")


@dataclass(frozen=True, slots=True)
class Mention:
    start: int
    end: int
    code: str
    text: str


_UPPER = re.compile(r"[A-Z]")
_LOWER = re.compile(r"[a-z]")


def _mostly_capitals(text: str) -> bool:
    upper, lower = len(_UPPER.findall(text)), len(_LOWER.findall(text))
    return upper + lower > 8 and upper > 1.5 * lower


def _plausible(text: str, start: int, end: int, alias: str) -> bool:
    """Reject the known non-country uses of ambiguous words (see module docstring)."""
    base = alias[:-1] if alias.endswith("s") and alias[:-1] in _FIRST_NAMES | _SURNAMES else alias
    if base in _FIRST_NAMES:
        nxt = _NEXT_WORD.match(text[end : end + 40])
        if nxt and nxt.group(1) not in _INSTITUTION_WORDS and alias_map().get(_norm(nxt.group(1))) is None:
            return False
    if base in _SURNAMES:
        prev = _PREV_WORD.search(text[max(0, start - 40) : start])
        if prev and prev.group(1) not in _FUNCTION_WORDS and alias_map().get(_norm(prev.group(1))) is None:
            return False
    return not (base == "Georgia" and _GEORGIA_US.search(text[max(0, start - 120) : end + 120]))


def find_mentions(text: str) -> list[Mention]:
    """Country mentions in a plain string (no passages, no exclusions)."""
    norm = _norm(text)
    aliases = alias_map()
    shouting = None
    found = []
    for m in _matcher().finditer(norm):
        code = aliases.get(m.group())
        if code is None:
            continue
        alias = m.group()
        if alias.isupper() and len(alias.replace(".", "")) <= 4:
            if shouting is None:
                shouting = _mostly_capitals(text)
            if shouting:
                continue
        if not _plausible(text, m.start(), m.end(), alias):
            continue
        found.append(Mention(m.start(), m.end(), code, text[m.start() : m.end()]))
    return found


def _is_organisation(span_text: str) -> bool:
    return any(word.strip(".,()’'") in ORG_WORDS for word in span_text.split())


def _containing(spans: list, starts: list[int], reach: list[int], start: int, end: int) -> list[bool]:
    """Whether each span holding [start, end) is an organisation's, walking back from the last span
    that starts before it only while an earlier one could still reach it (not all spans each time:
    that is quadratic on a long text)."""
    found = []
    i = bisect_right(starts, start) - 1
    while i >= 0 and reach[i] >= end:
        _, e, org = spans[i]
        if e >= end:
            found.append(org)
        i -= 1
    return found


def extract_countries(document: Document, exclude: Sequence[Span] = ()) -> list[CountryResult]:
    """Every country mention in every passage except credits, most-mentioned first."""
    spans = sorted(((s.start, s.end, _is_organisation(s.text)) for s in exclude), key=lambda s: s[0])
    starts = [s for s, _, _ in spans]
    reach = list(accumulate((e for _, e, _ in spans), max))  # the furthest end of any span so far
    by_code: dict[str, CountryResult] = {}
    for passage in document.passages:
        if passage.kind == PassageKind.CREDIT:
            continue
        for mention in find_mentions(passage.text):
            start, end = passage.start + mention.start, passage.start + mention.end
            inside = _containing(spans, starts, reach, start, end)
            if inside and not any(inside):
                continue  # part of a person's name ("Jordan Peterson", "Israel Katz")
            result = by_code.setdefault(mention.code, CountryResult(code=mention.code))
            result.mentions.append(Span(start, end, document.body[start:end]))
    return sorted(by_code.values(), key=lambda r: (-r.count, r.mentions[0].start))
