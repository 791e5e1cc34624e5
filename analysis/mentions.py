"""Capitalised-span detection: who and what a paragraph names.

Fast rules first (titles, given names, the public-figures gazetteer,
organisation head words, role appositives, speech cues); only spans that no
rule settles are sent to spaCy's NER, one short sentence at a time, so the
model reads a small fraction of the words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from analysis.lexicon import (
    ANON_HUMAN_NOUNS,
    COMMON_CAPS,
    CUE_RE,
    MONTHS,
    POSSESSIVE_INSIDE,
    ROLE_KIND_WORDS,
    TITLE_RE,
)
from analysis.names import canonical_figure, fold
from analysis.orgs import NOT_ORG_ACRONYMS, US_STATES, is_country, is_placeish, org_kind

_UP = "A-ZÀ-ÖØ-ÞŁŚŻŹĆŃŠŽČŘĐĀĒĪŌŪ"
_WORD = rf"(?:(?:[{_UP}]\.){{2,}}|[{_UP}]\.(?=\s)|(?:al-|el-|bin\s|ibn\s)?[{_UP}][\w’'\-]*)"
_PARTICLE = r"(?:de|del|della|der|den|van|von|da|dos|das|du|di|la|le|bin|ibn|al|el|ter|y)"
_SPAN = re.compile(rf"{_WORD}(?:[ \t]+(?:{_PARTICLE}[ \t]+)*{_WORD})*")
_CONNECT = re.compile(rf"[ \t]+(?:of|for|on|and|de|du)[ \t]+(?:the[ \t]+)?({_WORD}(?:[ \t]+{_WORD})*)")
_POSSESSIVE = re.compile(r"[’']s?$")
_ROLE_WORDS = sorted({w for words in ROLE_KIND_WORDS.values() for w in words}, key=len, reverse=True)
_ROLE_RE = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in _ROLE_WORDS) + r")s?\b", re.I)
_APPOSITIVE_AFTER = re.compile(r"^,\s+(?:(?:the|a|an)\s+)?([^,;:“”\"]{2,120}?)(?=,|\s+(?:said|says|told|added|wrote|warned|argued|noted|called)\b|[.;:]\s|$)")


_NOT_NAME = re.compile(r"(?:[’'](?:ll|re|ve|d|m)|n[’']t|-(?:led|backed|based|style|era|born|made|run|owned))$", re.I)


_HEAD_TITLES = {"President", "Minister", "Secretary", "Chancellor", "Premier", "Spokesman", "Spokeswoman",
                "Spokesperson", "General", "Ambassador", "Governor", "Mayor", "Senator", "Commander",
                "Director", "Chairman", "Chairwoman", "Leader", "King", "Queen", "Prince", "Envoy",
                "Colonel", "Admiral", "Judge", "Justice", "Secretary-General", "Prosecutor", "Chief"}
_PLACE_BEFORE = re.compile(r"\b(?:in|near|outside|around|into|across|town of|city of|village of|region of|"
                           r"province of|port of|capital of|state of|island of|district of)\s+$")
_PLACE_AFTER = re.compile(r"^\s+(?:plant|region|oblast|province|city|town|village|river|airport|base|"
                          r"border|district|county|area|front|valley|port|sea|peninsula)\b")
_HUMAN = "|".join(re.escape(n) for n in ANON_HUMAN_NOUNS)
_PERSON_APPOSITIVE = re.compile(rf"^,\s+(?:a|an)\s+(?:\d+-year-old\b|(?:[\w\-]+\s+){{0,3}}(?:{_HUMAN})\b)")


@lru_cache(maxsize=1)
def _name_sections() -> dict[str, frozenset[str]]:
    """given_names.txt: a general list, then [female] and [ambiguous] sections."""
    path = Path(__file__).parent / "data" / "given_names.txt"
    sections: dict[str, set[str]] = {"all": set()}
    current = "all"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.startswith("["):
            current = line.strip("[] ")
            sections[current] = set()
            continue
        sections[current].update(line.split())
    sections["all"] |= sections.get("female", set())
    return {k: frozenset(v) for k, v in sections.items()}


def given_names() -> frozenset[str]:
    return _name_sections()["all"]


def gender_of(name: str, title: str | None = None) -> str | None:
    """'f', 'm' or None, from an honorific or a common given name (for he/she)."""
    honorific = fold(title or "").rstrip(".")
    if honorific in {"mrs", "ms", "miss", "dame", "lady", "queen", "princess"}:
        return "f"
    if honorific in {"mr", "sir", "lord", "king", "prince"}:
        return "m"
    first = fold(name.split()[0]) if name.split() else ""
    sections = _name_sections()
    if first in sections.get("ambiguous", frozenset()) or first not in sections["all"]:
        return None
    return "f" if first in sections.get("female", frozenset()) else "m"


@dataclass(slots=True)
class Mention:
    start: int  # body offsets of the name (title excluded)
    end: int
    text: str
    kind: str  # person | org | place | unknown
    passage: int  # index into Document.passages
    in_quote: bool = False
    title: str | None = None  # "President" as printed before the name
    org_kind: str | None = None
    possessive: bool = False  # printed as "X’s"
    evidence: str = ""  # why it was classified so (debugging and confidence)

    @property
    def single(self) -> bool:
        return len(self.text.split()) == 1


def find_spans(text: str, offset: int, passage: int, quoted: list[tuple[int, int]]) -> list[Mention]:
    """Capitalised spans of a paragraph, split at possessives and cleaned of
    sentence-initial function words and titles. ``quoted`` are relative spans."""
    out: list[Mention] = []
    pos = 0
    while True:
        match = _SPAN.search(text, pos)
        if not match:
            break
        start, end = match.start(), match.end()
        pos = end
        # Extend organisation names over connectors: "Institute for the Study of War".
        while org_kind(text[start:end]) and (nxt := _CONNECT.match(text, end)):
            end = nxt.end()
            pos = end
        # "the U.S. This ..." : a sentence ends after the abbreviation.
        cut = re.search(r"(?:[A-Z]\.){2,}(?=[ \t]+(\w+))", text[start:end])
        if cut and fold(cut.group(1)) in COMMON_CAPS:
            end = start + cut.end()
            pos = end
        for s, e, poss in _split_possessive(text, start, end):
            mention = _clean(text, s, e, poss)
            if mention is None:
                continue
            s2, e2, title = mention
            inq = any(a <= s2 < b for a, b in quoted)
            out.append(Mention(offset + s2, offset + e2, text[s2:e2], "unknown", passage, inq, title,
                               possessive=poss))
    return out


def _split_possessive(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    parts: list[tuple[int, int, bool]] = []
    cur = start
    for m in re.finditer(r"[\w\-]+([’']s?)(?=\s|$)", text[start:end]):
        word = m.group(0)[: -len(m.group(1))]
        if fold(word) in POSSESSIVE_INSIDE:
            continue
        parts.append((cur, start + m.start(1), True))
        cur = start + m.end()
        while cur < end and text[cur].isspace():
            cur += 1
    if cur < end:
        parts.append((cur, end, False))
    return [p for p in parts if p[1] > p[0]]


_INVERTED_CUES = {"Said", "Says", "Added", "Adds", "Continued", "Continues", "Asked", "Asks", "Wrote", "Writes",
                  "Stated", "Declared", "Replied", "Responded", "Explained", "Noted", "Insisted", "Argued", "Quipped"}
_HONORIFIC_ABBREVIATIONS = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Sgt", "Capt",
                            "Rev", "Adm", "Maj", "Messrs"}
_HONORIFIC_BEFORE = re.compile(r"\b((?:" + "|".join(sorted(_HONORIFIC_ABBREVIATIONS)) + r")\.)[ \t]+$")
# Capitalised words that describe the person named after them ("Rival Hillary Clinton").
_DESCRIPTORS = {"rival", "crooked", "activist", "candidate", "nominee", "democrat", "republican", "democratic",
                "comedian", "actor", "actress", "singer", "rapper", "filmmaker", "pastor", "officer", "detective",
                "sheriff", "trooper", "attorney", "lawyer", "doctor", "nurse", "coach", "star", "billionaire",
                "businessman", "businesswoman", "entrepreneur", "mogul", "host", "tycoon", "challenger", "incumbent"}
_INSIDE_TITLE = re.compile(r"\b(?:Secretary|Minister|Chief|Head|Director|Chancellor)\s+of\s+(?:the\s+)?$")


def _clean(text: str, start: int, end: int, possessive: bool) -> tuple[int, int, str | None] | None:
    span = text[start:end]
    # Drop leading sentence words ("However", "The", "Insisting") and weekday/month words.
    while True:
        first, _, rest = span.partition(" ")
        if rest and (fold(first) in COMMON_CAPS or fold(first) in MONTHS):
            start += len(first) + 1
            span = rest.lstrip()
            continue
        break
    if fold(span) in COMMON_CAPS or fold(span) in MONTHS:
        return None
    # 'Said Jane Doe: “…”' / 'Continued Doe:': an inverted cue, not a given name.
    first, _, rest = span.partition(" ")
    if rest and first in _INVERTED_CUES and text[end:end + 1] in ":," and not text[:start].strip()[-1:].isalnum():
        start += len(first) + 1
        span = rest.lstrip()
    # "Secretary of State Marco Rubio": the span starts inside a title.
    title = None
    # Searched in a window before the mention, not in text[:start]: over a long passage that
    # would be quadratic.
    inside = _INSIDE_TITLE.search(text, max(0, start - 120), start)
    if inside:
        while len(span.split()) > 2 and fold(span.split()[0]) not in given_names():
            first = span.split()[0]
            start += len(first) + 1
            span = span[len(first) + 1:]
        title = text[inside.start():start].strip()
    if span in _HONORIFIC_ABBREVIATIONS and text[end:end + 1] == ".":
        return None  # "Mr" of "Mr. Okoro": the title of the name that follows
    honorific = _HONORIFIC_BEFORE.search(text, max(0, start - 8), start) if title is None else None
    if honorific is not None:
        title = honorific.group(1)  # "Mr. Okoro said": a person, whatever NER thinks of the surname
    m = TITLE_RE.match(span + " ")
    lead_title = None
    if title is None and m and len(m.group(0).strip()) < len(span):
        title = lead_title = m.group(0).strip()
        start += len(m.group(0))
        span = text[start:end]
    if title is None or lead_title is not None:
        # "Russian Defense Minister Andrei Belousov", "Deputy Infrastructure Minister
        # Oleh Savchuk": a title after a modifier (and after a leading title).
        words = span.split(" ")
        last = max((i for i, w in enumerate(words[:-1]) if w in _HEAD_TITLES), default=-1)
        rest = " ".join(words[last + 1:])
        # "European Commission President Ursula von der Leyen": split unless the
        # whole span is an organisation and what follows the title is not a name.
        if last >= 0 and (not org_kind(span) or canonical_figure(rest) or fold(words[last + 1]) in given_names()):
            extra = " ".join(words[: last + 1])
            title = f"{lead_title} {extra}" if lead_title else extra
            start += len(extra) + 1
            span = text[start:end]
    # "Rival Hillary Clinton", "Activist Jane Doe": a capitalised descriptor before a given name
    # and surname is not part of the name.
    words = span.split(" ")
    if title is None and len(words) >= 3 and (fold(words[0]) in _DESCRIPTORS or _ROLE_RE.fullmatch(words[0])) \
            and fold(words[0]) not in given_names() and fold(words[1]) in given_names() \
            and not org_kind(span) and not canonical_figure(span):
        start += len(words[0]) + 1
        span = text[start:end]
    span = span.rstrip(".") if not re.search(r"(?:[A-Z]\.){2,}$|\b[A-Z]\.$|Jr\.$", span) else span
    end = start + len(span)
    if not span or span.isdigit() or _NOT_NAME.search(span) or not re.search(r"[a-zA-Z]", span):
        return None
    return start, end, title


def classify(mention: Mention, text: str, rel: int, known_people: set[str]) -> str:
    """Rule-based kind for a span: person | org | place | unknown (ask NER).

    ``text`` is the paragraph, ``rel`` the mention's paragraph offset.
    """
    name = mention.text
    words = name.split()
    if name in NOT_ORG_ACRONYMS:
        return "other"
    kind = org_kind(name)
    if kind and not canonical_figure(name):
        mention.org_kind = kind
        mention.evidence = "org"
        return "org"
    if canonical_figure(name) and (len(words) > 1 or mention.title or not is_country(name)):
        mention.evidence = "gazetteer"
        return "person"
    if fold(words[0]) in given_names() and len(words) > 1 and not org_kind(words[-1]):
        mention.evidence = "given name"
        return "person"
    if mention.title and not is_placeish(name):
        mention.evidence = "title"
        return "person"
    if is_placeish(name) or is_country(name):
        return "place"
    before = text[max(0, rel - 60):rel]
    after = text[rel + len(name):rel + len(name) + 80]
    if _PLACE_BEFORE.search(before) or _PLACE_AFTER.match(after):
        return "place"
    if _PERSON_APPOSITIVE.match(after):
        mention.evidence = "appositive"
        return "person"
    if len(words) == 1:
        if fold(name) in known_people:
            mention.evidence = "alias"
            return "person"
        if name.isalpha() and name.isupper() and len(name) > 1:
            if name in US_STATES:
                return "place"
            mention.org_kind = "other"
            return "org"
    if _role_context(before, after):
        mention.evidence = "role"
        return "person" if len(words) > 1 else "unknown"
    if len(words) > 1 and re.match(r"^\s*(?:,[^,]{0,80},\s*)?(?:has\s+|had\s+|also\s+)?(?:said|says|told|added|wrote|argued|warned)\b", after):
        mention.evidence = "cue"
        return "person"
    return "unknown"


def _role_context(before: str, after: str) -> bool:
    """A role noun right before the name ("spokesman John Kirby") or in an
    appositive right after it ("Jane Doe, a senior fellow at ...")."""
    pre = re.search(r"([a-z][\w\-]*)\s*,?\s*$", before)
    if pre and _ROLE_RE.fullmatch(pre.group(1)):
        return True
    app = _APPOSITIVE_AFTER.match(after)
    return bool(app and _ROLE_RE.search(app.group(1)[:60]))


def appositive_after(text: str, rel_end: int) -> str | None:
    """The role appositive printed after a name, if any: ', political science professor at X'."""
    app = _APPOSITIVE_AFTER.match(text[rel_end:rel_end + 200])
    if not app:
        return None
    phrase = app.group(1).strip()
    head = phrase.split(" at ")[0].split(" for ")[0]
    if not _ROLE_RE.search(head) or CUE_RE.search(head) or re.search(r"\b(?:who|which|is|was|has|had)\b", head):
        return None
    return phrase


def role_before(text: str, rel_start: int) -> str | None:
    """Role printed before a name: 'China’s leader, ', 'the leader of Belarus, ',
    'U.S. National Security Council spokesman ', 'North Korean leader '."""
    before = text[max(0, rel_start - 120):rel_start]
    m = re.search(r"(?:^|[,;:(]\s*|\b(?:and|but|as|while|by|with|from|that|to|of|for)\s+)"
                  r"((?:(?:the|a|an)\s+)?[^,;:()“”\"]{2,110}?),\s*$", before)
    if m and _ROLE_RE.search(m.group(1)) and not CUE_RE.search(m.group(1)) and not re.match(r"(?i)(?:as|while|when|if)\b", m.group(1)):
        phrase = re.sub(r"^(?:however|but|and|meanwhile)\b\s*,?\s*", "", m.group(1).strip(), flags=re.I)
        return _possessive_role(re.sub(r"^(?:the|a|an)\s+", "", phrase, flags=re.I))
    m = re.search(r"((?:[A-Z][\w.’'\-]*\s+(?:(?:of|for|and|on|the)\s+)*)*(?:(?:former|deputy|senior|chief|top|then|acting|vice)\s+)*"
                  r"[a-z][\w\-]*)\s+$", before)
    if m and _ROLE_RE.fullmatch(m.group(1).split()[-1]):
        return m.group(1).strip()
    return None


def _possessive_role(phrase: str) -> str:
    """"China’s leader" -> "leader of China" (the form editors use)."""
    m = re.fullmatch(r"([A-Z][\w\s.\-]*?)[’']s\s+(.+)", phrase)
    if m and (is_country(m.group(1)) or org_kind(m.group(1))):
        return f"{m.group(2)} of {m.group(1)}"
    return phrase


def split_role(phrase: str) -> tuple[str, str | None]:
    """'political science professor at Clark University in Worcester (MA)' ->
    ('political science professor', 'Clark University')."""
    phrase = phrase.strip().rstrip(",")
    m = re.match(r"^(.*?)\s+(?:at|for|with)\s+(?:the\s+)?(.+)$", phrase)
    if m and _ROLE_RE.search(m.group(1)):
        return m.group(1).strip(), _org_head_span(m.group(2))
    org_pre = re.match(r"^((?:[A-Z][\w.’'\-]*\s+(?:(?:of|for|and|on|the)\s+)*)+)([a-z].*)$", phrase)
    if org_pre and org_kind(org_pre.group(1).strip()):
        return org_pre.group(2).strip(), org_pre.group(1).strip()
    return phrase, None


def _org_head_span(text: str) -> str:
    """The organisation named at the start of ``text``, without trailing place or possessive tail."""
    text = re.split(r"\s+in\s+[A-Z]|\s*\(|,", text)[0].strip().rstrip(".")
    possessive = re.match(r"^(.+?)[’']s\s+[A-Z]", text)
    if possessive and org_kind(possessive.group(1)):
        return possessive.group(1)
    return text
