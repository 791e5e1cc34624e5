"""Figures: numeric claims in the body ("around 11,000 North Korean infantry troops").

A figure is a number (see :mod:`analysis.numbers`) that counts something: a plural
noun right after it ("34 countries", "eight million artillery rounds"), a money
amount ("$60bn in aid") or a percentage ("40 percent of Ukrainians"). When no noun
follows but a counting cue precedes ("in numbers ranging from 1,500 to 12,000",
"numbering", "estimated at"), the counted noun is the nearest people/materiel noun
earlier in the sentence ("North Korean combat troops").

Not figures, by general rule: years (four digits, 1000-2199, no separator), decades
("1950s"), dates (next to a month name), times ("10:30", "9am"), codes and labels
("KN-23", "F-16", "Article 5", "XI Corps"), ages ("aged 45", "Putin, 72,"), durations and
distances ("three days", "ten miles"), partitives ("two of his closest allies"), counts
below two ("one such"), vague plurals ("thousands of troops"), and anything outside body
passages (captions, the author's bio).

``group_key`` makes figures comparable across articles: nationality (as the country's
common name) + a kind word + the counted noun, plus the organisation when the noun is
qualified by one, plus "killed"/"wounded" for casualty counts. Adjectives that describe
quality rather than kind (infantry, combat, elite, ordinary, new ...) are dropped, so
"11,000 North Korean infantry troops" and "North Korean combat troops ... 1,500 to 12,000"
both key "north-korea-troops", while "950,000 ordinary troops in the Korean People's Army"
keys "troops-korean-peoples-army" (the size of an army, not a deployment).

``approximate`` is set by "around", "about", "some", "more than", "up to", "at least" ...;
"more than X" and "up to X" keep X as both ends of the range.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from analysis.countries import ORG_WORDS, alias_map, country_by_code, find_mentions
from analysis.document import Document
from analysis.numbers import RANGE_JOINER, Quantity, find_quantities, join_range
from analysis.results import FigureResult, OrganisationResult, PersonResult


def _words(text: str) -> frozenset[str]:
    """A word set written as one string (long word lists stay readable and compact)."""
    return frozenset(text.split())


_QUALIFIER = (
    r"around|about|some|approximately|roughly|nearly|almost|an\s+estimated|estimated|more\s+than|over|"
    r"at\s+least|up\s+to|fewer\s+than|less\s+than|as\s+many\s+as|upwards\s+of|close\s+to|just\s+over|"
    r"just\s+under|under|in\s+excess\s+of|as\s+few\s+as|at\s+most|no\s+more\s+than|perhaps|possibly|"
    r"circa|an\s+additional|another|a\s+further"
)
_BEFORE = re.compile(
    r"(?P<cue>(?:in\s+numbers?|numbering|numbered|estimated\s+at|put\s+at|totall?ing|a\s+total\s+of)\s+)?"
    r"(?P<range>(?:ranging\s+)?(?:between|from)\s+)?"
    rf"(?P<qual>(?:{_QUALIFIER})\s+)?$",
    re.IGNORECASE,
)
_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_DATE_BEFORE = re.compile(rf"\b(?:{_MONTHS})\.?\s+$")
_DATE_AFTER = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTHS})\b")
_TIME_AFTER = re.compile(r"^\s?(?:am|pm|a\.m\.|p\.m\.|GMT|BST|UTC|o['’]clock|hrs|h)\b", re.IGNORECASE)
_LABEL_WORDS = re.compile(
    r"\b(?:page|pages|p\.|pp\.|no\.|nos\.|number|chapter|section|article|paragraph|clause|resolution|item|"
    r"line|verse|vol\.|volume|edition|episode|season|aged|age|ages|route|highway|flight|room|level|phase|"
    r"stage|category|grade|size|model|version|platform|gate|channel|lane|exit|unit|corps|division|brigade)\s+$",
    re.IGNORECASE,
)
_PARTITIVE = re.compile(
    r"^\s+of\s+(?:the|his|her|its|their|our|your|my|these|those|them|us|whom|which|all)\b", re.IGNORECASE
)
_AGE = re.compile(r"[A-Z][\w’'\-]+,\s$")
_TOKEN = re.compile(r"\s+([A-Za-z][\w’'\-]*)")
_STOP_WORDS = """who which that were was are is had have has will would could can may might must should shall
in of on at to from for with by and or but than as according the a an this these those their its his her been being
not also said says who whom whose what when where while if into onto over under across after before during since
until within without about against among between through per each every all any some more most such only just
there here they them he she it we you i our your my me us do does did"""
_STOP = frozenset(_STOP_WORDS.split())
_IRREGULAR_PLURALS = _words(
    "people men women children personnel staff police aircraft cattle livestock sheep militia youth"
)
_NOT_COUNTED = _words(
    "days weeks months years hours minutes seconds decades centuries times miles kilometres kilometers km "
    "metres meters feet yards inches degrees points percent cents pence odds goals runs ways words pages "
    "o'clock sides steps levels"
)
# Nouns that a backward search may pick ("in numbers ranging from ..."): people and materiel.
_COUNT_NOUNS = _words(
    "troops soldiers servicemen personnel fighters men women people civilians refugees casualties deaths "
    "dead prisoners workers technicians specialists advisers advisors mercenaries volunteers conscripts "
    "recruits officers sailors marines pilots members countries nations states missiles drones shells "
    "rounds tanks aircraft jets weapons vehicles warheads ships forces migrants hostages detainees "
    "victims children residents voters delegates firms companies"
)
# Quality, not kind: dropped from group keys (and kept in ``about``).
_DROP_MODIFIERS = _words(
    "infantry combat elite ordinary special regular new additional more fresh active reserve ground "
    "front-line frontline professional trained well-trained young extra further estimated total other "
    "foreign own armed military serving active-duty experienced inexperienced untrained deployed "
    "available"
)
_HEAD_SYNONYMS = {
    "soldiers": "troops",
    "servicemen": "troops",
    "personnel": "troops",
    "fighters": "troops",
    "advisors": "advisers",
    "nations": "countries",
    "states": "countries",
    "dead": "deaths",
}
_CASUALTY = re.compile(
    r"\s+(?:(?:were|have\s+been|had\s+been|was|are|being|been)\s+)?(?P<what>killed|dead|wounded|injured|"
    r"captured|missing|died|executed)\b",
    re.IGNORECASE,
)
_QUALIFIED_BY = re.compile(r"\s+(?P<prep>in|of|from)\s+(?:the\s+)?(?P<name>[A-Z][\w’'.\-]*(?:\s+[A-Z][\w’'.\-]*){0,5})")
_ACCORDING = re.compile(r"\baccording\s+to\s+(?P<who>[^,.;:“”\"()]{2,80})", re.IGNORECASE)
_CUE_VERBS = (
    r"said|says|claimed|claims|estimated|estimates|reported|reports|told|announced|believes|believed|"
    r"stated|wrote|noted|confirmed|insisted|argued|added|asserted|put|puts|estimate|say|claim"
)
_SUBJECT = r"[A-Z][\w’'.\-]*(?:\s+(?:of|the|for|and|[A-Z][\w’'.\-]*))*"
_CUE_BEFORE = re.compile(rf"(?P<who>{_SUBJECT})\s+(?:has\s+|had\s+|have\s+|also\s+)?(?:{_CUE_VERBS})\b")
# "..., the Ruritanian defence ministry said." / "..., said Kirby." at the end of the sentence.
_CUE_AFTER = re.compile(
    rf",\s*(?:(?:said|says|according\s+to)\s+(?P<who1>[^,;.]{{2,60}})|(?:the\s+)?(?P<who2>[^,;]{{2,60}}?)\s+"
    rf"(?:{_CUE_VERBS}))[.!?”\"’]*\s*$"
)
_LEADING_WORDS = _words(
    "But And The However Yet So While Although Meanwhile Still Now Then Also Instead Besides Last This That In On As"
)
_FUNCTION_CAPS = _words(
    "The In At To From For And But Or Of On By With As Some About Around Only Nearly Almost Over Up More "
    "Fewer Just Roughly Approximately Another All Even Those These Its His Her Their Our Since After "
    "Before Between"
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])")
_ABBREV = re.compile(r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sgt|Prof|No|vs|Gov|Sen|Rep|Maj|Capt|Adm)\.$")


@functools.lru_cache(maxsize=8)
def _sentence_bounds(text: str) -> tuple[tuple[int, int], ...]:
    # Cached: every figure of a passage asks for its sentences, and a long passage full of
    # figures would otherwise be split once per figure (quadratic).
    bounds, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if _ABBREV.search(text[max(0, m.start() - 12) : m.start()]):
            continue
        bounds.append((start, m.start()))
        start = m.end()
    bounds.append((start, len(text)))
    return tuple(bounds)


def _is_plural_noun(word: str) -> bool:
    lower = word.lower()
    if lower in _IRREGULAR_PLURALS:
        return True
    if len(lower) < 3 or word.isupper() or not lower.endswith("s"):
        return False
    return not lower.endswith(("ss", "us", "is", "ous", "'s", "’s"))


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("’", "").replace("'", "")).strip("-")


def _not_a_count(text: str, q: Quantity) -> bool:
    """Dates, years, times, labels, ages, partitives: the general exclusions of the module docstring."""
    before, after = text[max(0, q.start - 40) : q.start], text[q.end : q.end + 40]
    if q.digits and not q.unit and not q.has_scale:
        if len(q.bare_digits) == 4 and "," not in q.text and 1000 <= q.value <= 2199:
            return True  # a year
        if _DATE_BEFORE.search(before) or _DATE_AFTER.match(after) or _TIME_AFTER.match(after):
            return True
        prev = re.search(r"([A-Z][\w’'.\-]*)\s+$", before)
        sentence_start = prev and re.search(r"(?:^|[.!?:]\s*[“\"‘]?)\s*$", before[: prev.start()])
        if (
            prev
            and prev.group(1) not in _FUNCTION_CAPS
            and not prev.group(1).endswith(("’s", "'s"))
            and not sentence_start
        ):
            return True  # "Article 5", "Flight 17", "Boeing 747"
        if _AGE.search(before) and after.startswith(","):
            return True  # "Putin, 72,"
    if _LABEL_WORDS.search(before):
        return True
    if not q.unit and _PARTITIVE.match(after):
        return True
    return q.value < 2 and not q.unit


def _noun_phrase(text: str, pos: int) -> tuple[list[str], str | None, int]:
    """Words after a number up to its plural head: (modifiers, head, end offset)."""
    tokens: list[str] = []
    end = pos
    for _ in range(6):
        m = _TOKEN.match(text, end)
        if not m:
            break
        word = m.group(1)
        if word.lower() in _STOP or (word.islower() and word.endswith("ly")):
            break
        tokens.append(word)
        end = m.end()
        if _is_plural_noun(word):
            return tokens[:-1], word, end
    return tokens, None, pos


def _backward_noun(sentence: str) -> tuple[list[str], str | None, int]:
    """The last people/materiel noun in ``sentence`` with the modifiers before it."""
    words = list(re.finditer(r"[A-Za-z][\w’'\-]*", sentence))
    for i in range(len(words) - 1, -1, -1):
        if words[i].group().lower() in _COUNT_NOUNS:
            mods: list[str] = []
            for j in range(i - 1, max(-1, i - 5), -1):
                word = words[j].group()
                if word.lower() in _STOP or sentence[words[j].end() : words[j + 1].start()].strip():
                    break
                mods.insert(0, word)
            return mods, words[i].group(), words[i].end()
    return [], None, 0


def _resolve(who: str, people: Sequence[PersonResult], organisations: Sequence[OrganisationResult]) -> str:
    words = who.split()
    while words and words[0] in _LEADING_WORDS:
        words.pop(0)
    who = " ".join(words).strip(" ’'")
    for person in people:
        for name in (person.name, *person.aliases, person.name.split()[-1]):
            if name and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", who):
                return person.name
    for org in organisations:
        if org.name and (org.name in who or (len(who) > 3 and who in org.name)):
            return org.name
    return who


def _attribution(sentence: str, fig_start: int, fig_end: int, people, organisations) -> str | None:
    """Who the sentence gives the figure to: "according to X", "X said ... N", "N ..., X said"."""
    according = _ACCORDING.search(sentence)
    if according:
        who = " ".join(according.group("who").split()[:6])
        return _resolve(who, people, organisations)
    cues = list(_CUE_BEFORE.finditer(sentence[:fig_start]))
    if cues:
        return _resolve(cues[-1].group("who"), people, organisations)
    after = _CUE_AFTER.search(sentence[fig_end:])
    if after:
        return _resolve(after.group("who1") or after.group("who2"), people, organisations)
    return None


def _key_and_about(
    mods: list[str], head: str, tail: str, org: str | None, casualty: str | None, unit: str | None
) -> tuple[str, str]:
    nationality = None
    for mention in find_mentions(" ".join(mods)):
        nationality = country_by_code()[mention.code].name
        break
    head_key = _HEAD_SYNONYMS.get(head.lower(), head.lower())
    code = alias_map().get(head.replace("’", "'")) if head[:1].isupper() else None
    if code:  # "12 Russians": the head is a demonym
        nationality, head_key = country_by_code()[code].name, "people"
    kind = None
    if mods and mods[-1].islower() and mods[-1] not in _DROP_MODIFIERS:
        kind = mods[-1]
    parts = [unit and ("percent" if unit == "%" else unit.lower()), nationality, kind, head_key, org, casualty]
    key = "-".join(_slug(p) for p in parts if p)
    about = " ".join([*mods, head]) + tail
    return key, about


def extract_figures(
    document: Document,
    people: Sequence[PersonResult] = (),
    organisations: Sequence[OrganisationResult] = (),
) -> list[FigureResult]:
    """Numeric claims in the body passages, in reading order (see the module docstring)."""
    names = [(m.start, m.end) for p in people for m in p.mentions]
    names += [(m.start, m.end) for o in organisations for m in o.mentions]
    org_names = {o.name for o in organisations}
    figures: list[FigureResult] = []
    for passage in document.body_passages():
        text = passage.text
        quantities = find_quantities(text)
        i = 0
        while i < len(quantities):
            low = high = quantities[i]
            i += 1
            if i < len(quantities) and RANGE_JOINER.fullmatch(text[low.end : quantities[i].start]):
                joiner = text[low.end : quantities[i].start].strip().lower()
                prefix = text[max(0, low.start - 12) : low.start].lower()
                if joiner != "and" or prefix.rstrip().endswith("between"):
                    high = quantities[i]
                    i += 1
            figure = _figure(text, low, high, people, organisations, org_names)
            if figure is None:
                continue
            start, end = passage.start + figure.start, passage.start + figure.end
            if any(s <= passage.start + low.start < e for s, e in names):
                continue  # a number inside a name ("G7", "Resolution 2231")
            figure.start, figure.end = start, end
            figures.append(figure)
    return figures


def _figure(text, low: Quantity, high: Quantity, people, organisations, org_names) -> FigureResult | None:
    if _not_a_count(text, low) or (high is not low and _not_a_count(text, high) and not high.unit):
        return None
    value_low, value_high = join_range(low, high) if high is not low else (low.value, low.value)
    if value_low > value_high:
        return None  # a score ("won 3-1"), not a range
    unit = high.unit or low.unit
    before = _BEFORE.search(text[max(0, low.start - 60) : low.start])
    start = low.start - (len(before.group(0)) if before and before.group(0) else 0)
    approximate = bool(before and before.group("qual"))
    bounds = next((b for b in _sentence_bounds(text) if b[0] <= low.start < b[1] + 1), (0, len(text)))
    sentence = text[bounds[0] : bounds[1]]

    mods, head, end = _noun_phrase(text, high.end)
    if head is None and before and before.group("cue"):
        mods, head, _ = _backward_noun(text[bounds[0] : start])
        end = high.end
    if head is None and unit:
        if unit == "%" and re.match(r"\s+of\s+", text[high.end :]):
            mods, head, end = _noun_phrase(text, high.end + len(re.match(r"\s+of", text[high.end :]).group(0)))
            head = head or (mods.pop() if mods else None)
        elif re.match(r"\s+(?:in|of|worth\s+of)\s+", text[high.end :]):
            skip = len(re.match(r"\s+(?:in|of|worth\s+of)", text[high.end :]).group(0))
            mods, head, end = _noun_phrase(text, high.end + skip)
            head = head or (mods.pop() if mods else None)
        else:
            mods, head, end = _noun_phrase(text, high.end)
            head = head or (mods.pop() if mods else None)
        if head is None:
            head, end = ("percent" if unit == "%" else "money"), high.end
    if head is None or head.lower() in _NOT_COUNTED:
        return None

    tail, org, casualty = "", None, None
    qualified = _QUALIFIED_BY.match(text, end)
    if qualified and (
        qualified.group("name") in org_names
        or any(w.strip(".,’'") in ORG_WORDS for w in qualified.group("name").split())
    ):
        org = qualified.group("name")
        tail = f" {qualified.group('prep')} the {org}"
        end = qualified.end()
    elif qualified and qualified.group("prep") == "from" and find_mentions(qualified.group("name")):
        mods = [*mods, qualified.group("name")]
    hurt = _CASUALTY.match(text, end)
    if hurt:
        casualty = hurt.group("what").lower()
        tail += f" {casualty}"
        end = hurt.end()
    key, about = _key_and_about(mods, head, tail, org, casualty, unit)
    return FigureResult(
        text=text[start:end],
        start=start,
        end=end,
        about=about,
        group_key=key,
        value_low=value_low,
        value_high=value_high,
        approximate=approximate,
        attributed_to=_attribution(sentence, start - bounds[0], end - bounds[0], people, organisations),
        unit=unit,
    )
