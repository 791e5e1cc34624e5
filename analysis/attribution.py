"""Who said it: speech cues and their subjects.

Works on the masked paragraph text (quotations blanked out), so a cue or a
name inside someone's quoted words is never taken for the attribution.
A cue's subject is the nearest mention to its left that is separated from it
only by filler words or by an appositive between commas ("Jane Doe, a senior
fellow at X, said"); for "said"-type cues that follow a quotation the subject
may follow the cue ('", said Jane Doe'); "according to X" reads rightwards.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from analysis.lexicon import (
    ANON_HUMAN_NOUNS,
    ANON_ORG_NOUNS,
    CUE_RE,
    CUE_WORDS,
    DOCUMENT_NOUNS,
    FILLER_WORDS,
    INVERTIBLE,
    NAMING_CUES,
    PRONOUNS,
    TITLES,
)
from analysis.mentions import Mention, gender_of
from analysis.names import fold
from analysis.orgs import canonical_org, is_country, org_kind
from analysis.people import Cast, Entity
from analysis.results import SpeakerKind

_NOUNS = sorted(set(ANON_HUMAN_NOUNS) | set(ANON_ORG_NOUNS) | set(DOCUMENT_NOUNS), key=len, reverse=True)
_NOUN_ALT = "|".join(re.escape(n) for n in _NOUNS)
_POSTMOD = r"(?:\s+(?:with|from|at|in|of|close to|familiar with|based in|inside|within|for|who\s+\w+)\s+[^,;:“”\"‘’]{1,60}?)?"
_DET = r"(?:a|an|the|one|another|some|several|two|three|four|five|many|other|senior|top|most|few|his|her|their|its|my|our)"
_ANON_LEFT = re.compile(
    rf"(?:\b(?i:{_DET})\s+(?:[\w’'\-]+\s+){{0,4}}?|(?:^|,\s+)(?:[A-Z][\w’'\-]*\s+){{0,3}}"
    rf"(?:(?!(?:with|the|a|an|and|but|of|in|on|at|for|to|from|as|by|while|when)\b)[a-z][\w\-]*\s+){{0,2}}?)"
    rf"(?i:{_NOUN_ALT})(?:s|es)?{_POSTMOD}\s*$"
)
_ANON_RIGHT = re.compile(rf"^\s*((?i:{_DET})\s+(?:[\w’'\-]+\s+){{0,4}}?(?i:{_NOUN_ALT})(?:s|es)?"
                         rf"(?:\s+(?i:{_NOUN_ALT})(?:s|es)?\b)?"  # "a European diplomat"
                         r"(?:\s+(?:from|in|at|with|of|familiar with|close to|based in)\s+[^,;:.“”\"‘’()]{1,50}?"
                         r"(?=\s*(?:[,.;:]|$)))?)\b")
_HUMAN_ALT = "|".join(re.escape(n) for n in sorted(ANON_HUMAN_NOUNS, key=len, reverse=True))
_BARE_PLURAL = re.compile(rf"(?:^|[\s”\"’,—])((?:[\w.\-]+\s+){{0,2}}?(?i:{_HUMAN_ALT})s)$")
_BARE_DEFINITE = re.compile(r"(?i:the)\s+([a-z]+)")
_COMPANY_NOUNS = {"company", "firm", "group", "manufacturer", "maker", "producer", "corporation", "business"}
_ANON_ANY = re.compile(rf"\b(?i:{_DET})\s+(?:[\w’'\-]+\s+){{0,3}}?(?i:{_NOUN_ALT})(?:s|es)?\b")
_CAPITALISED = re.compile(r"(?:\b[Tt]he\s+)?\b([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*){0,2})")
_POSTMOD_SPLIT = re.compile(r"\s+(?:with|from|at|in|of|close to|familiar with|based in|inside|within|for|who)\s+")
_PRONOUN = re.compile(r"\b(he|she|they|it|I|we)\b", re.I)
# "… for Jane Doe, who said": a relative clause's subject is its antecedent, whatever its own role.
_RELATIVE_WHO = re.compile(r"(?:\s+of\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*)*)?,\s*who\s+(?:[\w\-]+ly\s+|also\s+|has\s+|had\s+)*")
_PER_SOURCE = re.compile(r"\s+(?:the|a|an|his|her|their|its|[A-Z][a-z])")
_NAMED_NOUN = re.compile(r"\b(?:a|an)\s+(?:[A-Z][\w.’'\-]*\s+){1,3}$")
_PASSIVE = re.compile(r"\b(?:(?:is|are|was|were|be|been|being)(?:\s+(?:often|also|widely|commonly))?|so|widely)"
                      r"\s*-?\s*$", re.I)  # "is often said", but not "my father often said"
_NOUN_USE = re.compile(r"\b(?:a|an|the|his|her|their|its|our|my|in|of|with|these|those|such|any|"
                       r"no|this|whose|your|on|by|from|and)\s+$", re.I)
_SPACE = re.compile(r"\s")


def _noun_use_before(text: str) -> bool:
    """Does ``text`` end with a determiner or preposition and space (_NOUN_USE)? Searched from just
    before its trailing space, where such a word must end (at most 5 letters, and the word boundary
    reads one more), rather than from every position of a long left side."""
    end = len(text)
    while end and _SPACE.match(text, end - 1):
        end -= 1
    return _NOUN_USE.search(text, max(0, end - 8)) is not None


_PREP_BEFORE = re.compile(r"\b(?:of|at|for|with|to|on|from|by|about|against|in|into|between|relied|"
                          r"like|than|met|meeting|under)\s+(?:the\s+)?(?:[A-Z][\w\-]*\s+)*(?:[\w\-]+[’']s\s+)?$")
_VAGUE_SOURCES = {"reports", "report", "media reports", "various reports", "the report", "a report",
                  "sources", "estimates", "data", "figures", "polls", "analysts"}
_PAST_PARTICIPLE = {"said", "told", "called", "described", "reported", "noted", "claimed",
                    "branded", "labelled", "labeled", "dubbed", "estimated", "believed", "asked",
                    "announced", "confirmed", "denied", "stated"}


_TITLE_END = re.compile(r"(?:\b(?:" + "|".join(re.escape(t) for t in sorted(TITLES, key=len, reverse=True))
                        + r")\s+)+$")


@dataclass(slots=True)
class Speaker:
    text: str | None  # as printed: "he", "a senior American diplomat", "Garlauskas"
    kind: SpeakerKind
    name: str | None  # canonical person name, organisation, or the description
    entity: Entity | None = None
    strict: bool = True
    partners: list[Speaker] = field(default_factory=list)  # "Jane Doe and John Roe said": the others


@dataclass(slots=True)
class Cue:
    start: int  # body offsets
    end: int
    word: str
    stem: str
    subject: Speaker | None = None
    subject_start: int | None = None  # where the subject is printed (body offset)
    inverted: bool = False


class Attributor:
    """Finds cues and resolves their subjects within one document."""

    def __init__(self, cast: Cast, body: str, authors: list[str]):
        self.cast = cast
        self.body = body
        self.authors = authors
        self.outside = [m for m in cast.person_mentions if not m.in_quote]
        self.starts = [m.start for m in self.outside]
        self.orgs = [m for m in cast.org_mentions if not m.in_quote]
        self.speakers: set[int] = set()  # ids of mentions that were the subject of a cue so far
        self.history: list[tuple[int, Speaker]] = []  # (cue offset, subject) of every cue so far

    # -- cues -------------------------------------------------------------
    def cues(self, masked: str, offset: int) -> list[Cue]:
        """Speech cues of a masked sentence (``offset``: its body offset), subjects resolved."""
        out: list[Cue] = []
        for m in CUE_RE.finditer(masked):
            word = m.group(0)
            before = masked[:m.start()]
            if word.lower() in _PAST_PARTICIPLE and _PASSIVE.search(before):
                continue  # "is said to be", "so-called"
            if word.lower() != "according to" and _noun_use_before(before) and not word.lower().endswith("ing") \
                    and not (word.lower() in _PAST_PARTICIPLE and re.search(r"\band\s+$", before)):  # "and said"
                continue  # "in comments emailed", "his claims"
            if word.lower() == "according to" and re.search(r"\bnot\s+$", before):
                continue
            if word.lower() == "per" and not _PER_SOURCE.match(masked, m.end()):
                continue  # "per cent", "$5 per hour"
            if masked[m.end():m.end() + 1] == "-" or before.endswith("-"):
                continue
            if word[0].isupper() and before.strip() and not before.rstrip().endswith(("“", "\"", "‘", "—", "(")):
                continue  # "the United States", "Omar Said": a name, not a verb
            if _NAMED_NOUN.search(before):
                continue  # "a Donald Trump tweet": a noun
            cue = Cue(offset + m.start(), offset + m.end(), word, CUE_WORDS[word.lower()])
            self._resolve(cue, masked, offset)
            if word.lower().endswith("ing"):
                self._participle_subject(cue, masked, offset)
            elif cue.subject is None and _COORDINATED.search(before):
                self._coordinated_subject(cue, before, offset)
            if cue.subject is not None and cue.subject_start is not None and cue.subject.kind == SpeakerKind.PERSON:
                self._remember(cue.subject_start)
            # "agreed to testify": consent, not speech; its subject does not become the current speaker.
            consent = cue.stem == "agree" and re.match(r"\s+to\b", masked[m.end():]) is not None
            if cue.subject is not None and cue.subject.text and cue.subject.text.lower() not in {"it", "they"} \
                    and not consent:
                self.history.append((cue.start, cue.subject))
            if cue.subject is not None and cue.subject.kind != SpeakerKind.PERSON:
                self._definite(cue)
            out.append(cue)
        return out

    def _resolve(self, cue: Cue, masked: str, offset: int) -> None:
        rel_start, rel_end = cue.start - offset, cue.end - offset
        if cue.stem == "according to":
            self._right_subject(cue, masked[rel_end:], cue.end, according=True)
            return
        if self._left_subject(cue, masked[:rel_start], offset):
            return
        before = masked[:rel_start].rstrip()
        after_quote = before.endswith(("”", "\"", "’", "'", ",")) or not before
        if cue.stem in INVERTIBLE and after_quote:
            self._right_subject(cue, masked[rel_end:], cue.end, according=False)

    def _left_subject(self, cue: Cue, left: str, offset: int) -> bool:
        candidates: list[tuple[int, int, Speaker]] = []  # (rel end, rel start, speaker)
        lo, hi = offset, offset + len(left)
        for m in self._mentions_between(lo, hi):
            start = m.start - offset
            if m.title and left[:start].rstrip().endswith(m.title):
                start = len(left[:start].rstrip()) - len(m.title)  # "Secretary of State Marco Rubio"
            elif title := _TITLE_END.search(left[:start]):
                start = title.start()  # "Col. Nazar Voloshyn" (the span stopped at the dot)
            candidates.append((m.end - offset, start, self._person(m)))
        for m in self.orgs:
            if lo <= m.start and m.end <= hi:
                name = canonical_org(m.text)
                candidates.append((m.end - offset, m.start - offset,
                                   Speaker(m.text, SpeakerKind.ORGANISATION, name)))
        for m in _PRONOUN.finditer(left):
            speaker = self.pronoun(m.group(1), offset + m.start())
            if speaker is not None:
                candidates.append((m.end(), m.start(), speaker))
        for m in _CAPITALISED.finditer(left):
            if is_country(m.group(1)) and not re.match(r"[’']", left[m.end():]):
                # "Japan branded …", "South Korea accused …": a country speaking through its government.
                candidates.append((m.end(), m.start(), Speaker(m.group(0), SpeakerKind.ORGANISATION, m.group(1))))
        anon = self._anonymous_left(left)
        if anon is not None:
            candidates.append(anon)
        for m in _ANON_ANY.finditer(left):
            candidates.append((m.end(), m.start(), _describe(m.group(0))))
        # Nearest first; at an equal end a person beats a description, which beats an
        # organisation ("an émigré with close links to the Kremlin" said; "Ministry
        # of Defence spokeswoman Claire Dunn" said).
        rank = {SpeakerKind.PERSON: 0, SpeakerKind.ANONYMOUS: 1, SpeakerKind.ORGANISATION: 2, SpeakerKind.DOCUMENT: 2}
        candidates.sort(key=lambda c: (-c[0], rank.get(c[2].kind, 3), c[1]))
        # "with the state media proclaiming": an absolute clause, not a prepositional object.
        absolute = cue.word.lower().endswith("ing")
        passing = [(end, start, speaker) for end, start, speaker in candidates
                   if gap_ok(left[end:]) and (not _PREP_BEFORE.search(left[:start]) or _RELATIVE_WHO.fullmatch(left[end:])
                                              or (absolute and re.search(r"\bwith\s+$", left[:start]))
                                              or (absolute and speaker.kind == SpeakerKind.PERSON
                                                  and not left[end:].strip()))]
        if not passing:
            return False
        _, start, speaker = passing[0]
        if speaker.kind != SpeakerKind.PERSON:
            # An organisation inside a person's appositive ("Jane Doe, director at
            # the X Center said") is not the speaker: the person is.
            person = next((c for c in passing[1:] if c[2].kind == SpeakerKind.PERSON
                           and left[c[0]:].lstrip().startswith(",") and c[0] <= start), None)
            if person is not None:
                _, start, speaker = person
        if speaker.kind == SpeakerKind.PERSON:
            start, speaker = _joint(left, start, speaker, candidates)
        cue.subject, cue.subject_start = speaker, offset + start
        return True

    def _participle_subject(self, cue: Cue, masked: str, offset: int) -> None:
        """'Doe went after Roe, calling him “…”': a participle after a comma shares the main
        clause's subject; whoever is named just before the comma is its object, not its subject.
        So does one after a text the subject put out ('the council issued a statement calling')."""
        subject, at = cue.subject, cue.subject_start
        free = masked[:cue.start - offset].rstrip().endswith(",")
        if subject is None and free:
            at = cue.start  # "…, and, when questioned, asserting “…”": no subject of its own
        elif subject is None or at is None or at <= offset:
            return
        issued = subject is not None and subject.kind == SpeakerKind.DOCUMENT and re.search(r"\b(?:\w+ed|put out|sent out)\s+$",
                                                                    masked[:at - offset])
        if not free and not issued:
            return
        main = self._main_subject(masked[:at - offset], offset)
        if main is not None:
            cue.subject, cue.subject_start = main[1], main[0]

    def _main_subject(self, prefix: str, offset: int) -> tuple[int, Speaker] | None:
        """The subject that opens a sentence (or follows its introductory phrase): a person, an
        organisation, a country, a description or he/she; ``prefix`` is the sentence up to a point."""
        found: list[tuple[int, Speaker]] = []
        person = next((m for m in self._mentions_between(offset, offset + len(prefix)) if self.is_subject(m)), None)
        if person is not None:
            found.append((person.start, self._person(person)))
        leads = [0] + [c.end() for c in re.finditer(r",\s*", prefix[:120])]
        for lead in leads:
            rest = prefix[lead:]
            at = offset + lead
            org = next((o for o in self.orgs if at <= o.start <= at + 4 and o.end <= offset + len(prefix)
                        and not self.body[at:o.start].strip(" ").strip("Tthe ")), None)
            if org is not None:
                found.append((org.start, Speaker(org.text, SpeakerKind.ORGANISATION, canonical_org(org.text))))
            country = _CAPITALISED.match(rest)
            if country is not None and is_country(country.group(1)) and not re.match(r"[’']", rest[country.end():]):
                found.append((at, Speaker(country.group(0), SpeakerKind.ORGANISATION, country.group(1))))
            anon = _ANON_RIGHT.match(rest)
            if anon is not None:
                found.append((at + anon.start(1), _describe(anon.group(1))))
            pronoun = re.match(r"\s*(he|she)\b", rest, re.I)
            if pronoun is not None:
                speaker = self.pronoun(pronoun.group(1), at + pronoun.start(1))
                if speaker is not None:
                    found.append((at + pronoun.start(1), speaker))
            if len(found) > (person is not None):
                break
        if not found:
            return None
        first = min(found, key=lambda f: f[0])
        if person is not None and person.start - first[0] <= 40 and "," not in self.body[first[0]:person.start]:
            return found[0]  # "Foreign Ministry spokesperson Lin Jian": the person, not the premodifier
        return first

    def _coordinated_subject(self, cue: Cue, lead: str, offset: int) -> None:
        """'Doe did not name him, but told the crowd “…”' / 'She agreed and said “…”': a cue
        coordinated with an earlier verb shares that verb's subject, the sentence's own."""
        opening = re.match(r"\W*(?:[^,]{0,30},\s+)?([Hh]e|[Ss]he)\b", lead)
        if opening is not None:
            speaker = self.pronoun(opening.group(1), offset + opening.start(1))
            if speaker is not None:
                cue.subject, cue.subject_start = speaker, offset + opening.start(1)
            return
        main = next((m for m in self._mentions_between(offset, offset + len(lead)) if self.is_subject(m)), None)
        if main is not None:
            cue.subject, cue.subject_start = self._person(main), main.start

    def _anonymous_left(self, left: str) -> tuple[int, int, Speaker] | None:
        trimmed = left.rstrip()
        # Drop trailing filler words ("glumly", "has long") before matching the noun phrase.
        while True:
            m = re.search(r"\s+([\w’'\-]+)$", " " + trimmed)
            if not m or not (m.group(1).lower() in FILLER_WORDS or m.group(1).lower().endswith("ly")):
                break
            if m.group(1).lower() in {"the", "a", "an"}:
                break
            trimmed = trimmed[: len(trimmed) - len(m.group(1))].rstrip()
        window_start = max(0, len(trimmed) - 140)
        m = _ANON_LEFT.search(trimmed[window_start:])
        if not m:
            # "officials said", "Republican lawmakers said". It can only end in "s" (``trimmed`` has no
            # trailing newline for $ to stand before), and scanning the whole left side for it is costly.
            bare = _BARE_PLURAL.search(trimmed) if trimmed.endswith("s") else None
            if bare is None or any(w.lower() in _FUNCTION_WORDS for w in bare.group(1).split()):
                return None
            return bare.end(1), bare.start(1), _describe(bare.group(1))
        text = m.group(0).strip().lstrip(",").strip()
        start = window_start + m.start() + m.group(0).find(text)
        if text[:1].isupper() and not re.match(rf"(?i){_DET}\b", text) and start > 0 and left[start - 2:start].strip() != ",":
            return None
        return start + len(text), start, _describe(text)

    def _definite(self, cue: Cue) -> None:
        """'The council said' / 'the company said' / 'the person said': a bare definite
        noun names an institution or a source introduced earlier; take its fuller name."""
        subject = cue.subject
        m = _BARE_DEFINITE.fullmatch((subject.text or "").strip())
        if m is None:
            return
        noun = m.group(1).lower()
        at = cue.subject_start if cue.subject_start is not None else cue.start
        window = self.body[max(0, at - 2500):at]
        if subject.kind == SpeakerKind.ORGANISATION:
            named = None
            for found in re.finditer(rf"((?:[A-Z][\w\-]*(?:[’']s)?\s+)+(?:[a-z][\w\-]*\s+){{0,2}})((?i:{noun}))\b", window):
                words = found.group(1).split()
                while words and fold(words[0]) in {"the", "a", "an", "this", "that", "its", "their"}:
                    words.pop(0)
                if any(w[:1].isupper() for w in words):
                    named = " ".join([*words, found.group(2)])
            if named is None and noun in _COMPANY_NOUNS:
                before = [o for o in self.orgs if o.end <= at and org_kind(o.text) in {"company", "other", None}]
                named = canonical_org(before[-1].text) if before else None
            if named:
                cue.subject = Speaker(subject.text, SpeakerKind.ORGANISATION, named)
            return
        # An anonymous source: "a person who attended the meeting" ... "the person said".
        intro = None
        for found in re.finditer(rf"\b(?i:a|an|one|another)\s+(?:[\w’'\-]+\s+){{0,4}}?{noun}\b[^.;:“”\"]{{0,80}}", window):
            intro = found.group(0)
        if intro:
            intro = re.split(r",|\s+(?:said|told|says|added|warned|had|has|was|is|were|are)\b", intro)[0].strip()
            kind = SpeakerKind.DOCUMENT if subject.kind == SpeakerKind.DOCUMENT else SpeakerKind.ANONYMOUS
            cue.subject = Speaker(subject.text, kind, intro)

    def _right_subject(self, cue: Cue, right: str, at: int, according: bool) -> None:
        stripped = len(right) - len(right.lstrip())
        pos = at + stripped
        for m in self.outside:
            gap = self.body[pos:m.start].strip() if 0 <= m.start - pos < 40 else None
            if gap is not None and (gap in {"the", ""} or (m.title and gap == m.title) or _role_gap(gap)):
                cue.subject, cue.subject_start, cue.inverted = self._person(m), m.start, True
                return
        for m in self.orgs:
            if 0 <= m.start - pos < 6 and self.body[pos:m.start].strip() in {"the", ""}:
                cue.subject = Speaker(m.text, SpeakerKind.ORGANISATION, canonical_org(m.text))
                cue.subject_start, cue.inverted = m.start, True
                return
        if according:
            np = re.match(r"\s*([^,.;:“”\"(]{2,80})", right)
            if np:
                text = np.group(1).strip()
                if text.lower() in _VAGUE_SOURCES or re.sub(r"^\w+\s+", "", text.lower()) in _VAGUE_SOURCES:
                    return
                kind = SpeakerKind.DOCUMENT if _is_document_noun(text) else \
                    SpeakerKind.ORGANISATION if _is_org_noun(text) or text[:1].isupper() else SpeakerKind.ANONYMOUS
                cue.subject, cue.subject_start, cue.inverted = Speaker(text, kind, text), pos, True
            return
        m = _ANON_RIGHT.match(right)
        if m:
            cue.subject, cue.subject_start, cue.inverted = _describe(m.group(1)), pos, True
        elif p := re.match(r"\s*(he|she)\b", right):
            cue.subject = self.pronoun(p.group(1), pos)
            cue.subject_start, cue.inverted = pos, True

    # -- people -----------------------------------------------------------
    def _mentions_between(self, lo: int, hi: int) -> list[Mention]:
        i = bisect.bisect_left(self.starts, lo)
        out = []
        while i < len(self.outside) and self.outside[i].start < hi:
            if self.outside[i].end <= hi:
                out.append(self.outside[i])
            i += 1
        return out

    def mentions_in(self, lo: int, hi: int) -> list[Mention]:
        """People named outside quotations between two body offsets, in order."""
        return self._mentions_between(lo, hi)

    def person_speaker(self, m: Mention, strict: bool = True) -> Speaker:
        speaker = self._person(m)
        speaker.strict = strict
        return speaker

    def _person(self, m: Mention) -> Speaker:
        ent = self.cast.person_of.get(id(m))
        name = ent.name if ent else m.text
        return Speaker(m.text, SpeakerKind.PERSON, name, ent)

    def pronoun(self, word: str, at: int) -> Speaker | None:
        """he/she -> the current speaker or a person named since as a sentence's subject,
        else the most recent person named outside quotations (preferring a likely
        subject); I -> the author."""
        low = word.lower()
        if low in {"i", "we"}:
            if low == "i" and word == "I" and len(self.authors) == 1:
                ent = next((e for e in self.cast.people if e.is_author), None)
                return Speaker(word, SpeakerKind.PERSON, self.authors[0], ent, strict=False)
            return None
        if low in {"they", "it"}:
            return self._group_antecedent(low, word, at)
        gender = PRONOUNS.get(low)
        salient = self._salient(gender, at)
        if salient is not None:
            return replace(salient, text=word, strict=True, partners=[])
        m = self._antecedent(gender, at)
        if m is None:
            return None
        ent = self.cast.person_of.get(id(m))
        return Speaker(word, SpeakerKind.PERSON, ent.name if ent else m.text, ent, strict=True)

    def _salient(self, gender: str | None, at: int) -> Speaker | None:
        """By newspaper convention a he/she cue continues the current speaker's run: the
        latest compatible subject of a cue in this or the two paragraphs before -- unless
        another compatible person has since opened a sentence as its subject ("Doe said …
        ¶ Roe, however, disagrees. “…,” he said")."""
        for pos, speaker in reversed(self.history):
            if pos >= at:
                continue
            if at - pos > 2500 or self.body.count("\n\n", pos, at) > 2:
                break  # (the character bound also keeps a 2,000-quote paragraph linear)
            if speaker.partners or (speaker.text or "").lower() in {"i", "we"}:
                continue
            if speaker.kind == SpeakerKind.PERSON:
                own = speaker.entity
                if gender and self._speaker_gender(speaker) not in (None, gender):
                    continue
            elif speaker.kind == SpeakerKind.ANONYMOUS and _singular_human(speaker.text or ""):
                own = None
                if gender and _described_gender(speaker.text or "") not in (None, gender):
                    continue
            else:
                continue
            for m in reversed(self._mentions_between(pos + 1, at)):
                ent = self.cast.person_of.get(id(m))
                if (own is None or ent is not own) and self.opens_sentence(m) \
                        and (not gender or self._gender(m) in (None, gender)):
                    return self._person(m)
            return speaker
        return None

    def _speaker_gender(self, speaker: Speaker) -> str | None:
        if speaker.entity is not None:
            for mention in speaker.entity.mentions:
                g = self._gender(mention)
                if g:
                    return g
            return None
        return gender_of(speaker.name or "") if len((speaker.name or "").split()) > 1 else None

    def _antecedent(self, gender: str | None, at: int) -> Mention | None:
        """The person a he/she at ``at`` refers to when no speaker is current: the most
        recent person of a compatible gender who was a speaker or a sentence's subject
        ("Jane Doe noted ...", not "met Jane Doe" or "Doe’s plan") in this or the two
        paragraphs before; failing that the most recent compatible person named there."""
        i = bisect.bisect_left(self.starts, at) - 1
        fallback: Mention | None = None
        passages: set[int] = set()
        while i >= 0:
            m = self.outside[i]
            i -= 1
            passages.add(m.passage)
            if len(passages) > 3:
                break
            if gender and self._gender(m) not in (None, gender):
                continue
            if fallback is None:
                fallback = m
            if id(m) in self.speakers or self.is_subject(m):
                return m
        return fallback

    def _group_antecedent(self, low: str, word: str, at: int) -> Speaker | None:
        """it -> the latest organisation or document that spoke; they -> the latest group
        that spoke ("officials", "the ministry", "Jane Doe and John Roe"), within 1,500
        characters and never across a person who spoke since; failing that, they -> two
        people named together in this or the previous paragraph."""
        for pos, speaker in reversed(self.history):
            if pos >= at:
                continue
            if at - pos > 1500:
                break
            plural = speaker.kind == SpeakerKind.ANONYMOUS and re.search(r"[^s]s$", speaker.text or "")
            group = speaker.kind in (SpeakerKind.ORGANISATION, SpeakerKind.DOCUMENT) or " and " in (speaker.text or "")
            if (low == "it" and speaker.kind in (SpeakerKind.ORGANISATION, SpeakerKind.DOCUMENT)) or \
                    (low == "they" and (plural or group)):
                return replace(speaker, text=word, strict=False)
            if speaker.kind == SpeakerKind.PERSON:
                return self._named_pair(word, pos, at) if low == "they" else None
        return self._named_pair(word, 0, at) if low == "they" else None

    def _named_pair(self, word: str, since: int, at: int) -> Speaker | None:
        """'Senators Jane Doe, of Ohio, and John Roe, of Iowa, see … ¶ “…,” they wrote.'"""
        lo = self.body.rfind("\n\n", 0, max(0, self.body.rfind("\n\n", 0, at)))
        named = self._mentions_between(max(0, lo, since), at)
        for k in range(len(named) - 1, 0, -1):
            second = named[k]
            first = next((m for m in reversed(named[max(0, k - 3):k])
                          if _PAIR_LINK.fullmatch(self.body[m.end:second.start])), None)
            if first is None or first.possessive or second.possessive:
                continue
            if self.cast.person_of.get(id(first)) is not self.cast.person_of.get(id(second)):
                lead = self._person(first)
                return replace(lead, text=word, strict=False, partners=[replace(self._person(second), text=word)])
        return None

    def _remember(self, start: int) -> None:
        i = bisect.bisect_left(self.starts, start)
        if i < len(self.outside) and self.outside[i].start <= start + 40:
            self.speakers.add(id(self.outside[i]))

    def is_subject(self, m: Mention) -> bool:
        """Does the mention open its sentence (after an introductory phrase or role words)?"""
        if m.possessive:
            return False
        lo = max(0, m.start - 200)
        before = self.body[lo:m.start]
        title = _TITLE_END.search(before)
        if title:
            before = before[:title.start()]  # "met Mr. Doe": that dot ends no sentence
        cut = max(before.rfind("\n"), *(before.rfind(p) for p in (". ", "? ", "! ", ".” ", ".\" ", ": ")))
        prefix = before[cut + 1:] if cut >= 0 else (before if lo == 0 else "")
        if "," in prefix:
            lead, prefix = prefix.rsplit(",", 1)  # "On Monday, Doe said"
            # "Roe joked that, in the end, Doe ..." opens a reported clause, and "the author of
            # the book, Doe, who ..." an appositive: neither makes Doe the sentence's subject.
            if _REPORTING_LEAD.search(lead) or re.match(r",\s+(?:who|whose|which)\b", self.body[m.end:m.end + 8]):
                return False
        prefix = _NAMED_SO.sub("", prefix)  # "a worker named Jane Doe has …"
        words = re.findall(r"[\w’'\-]+", prefix)
        return len(words) <= 5 and not any(w.lower() in _FUNCTION_WORDS or w.lower() in _SUBJECT_BREAK for w in words)

    def _gender(self, m: Mention) -> str | None:
        ent = self.cast.person_of.get(id(m))
        mentions = ent.mentions if ent else [m]
        # A person also named in full is named alone by surname ("Scott", "Jordan"), which
        # says nothing of gender; someone only ever named alone ("Melanie") is named by
        # given name.
        full = [x for x in mentions if x.title or len(x.text.split()) > 1]
        for mention in full or mentions:
            g = gender_of(mention.text, mention.title)
            if g:
                return g
        return None

    def opens_sentence(self, m: Mention) -> bool:
        """Stricter than is_subject: the name opens its sentence, after role words or an
        introductory phrase ("On Monday, Doe …"), never inside an appositive or a clause."""
        if m.possessive:
            return False
        before = self.body[max(0, m.start - 200):m.start]
        title = _TITLE_END.search(before)
        if title:
            before = before[:title.start()]  # "Mr. Doe": that dot ends no sentence
        cut = max(before.rfind("\n"), *(before.rfind(p) for p in (". ", "? ", "! ", ".” ", ".\" ", ": ")))
        if cut < 0 and m.start > 200:
            return False
        prefix = before[cut + 1:]
        if "," in prefix:
            lead, prefix = prefix.rsplit(",", 1)
            if not _INTRO.match(lead):
                return False
        prefix = _NAMED_SO.sub("", prefix)  # "a worker named Jane Doe has …": she is the subject
        words = re.findall(r"[\w’'\-]+", prefix)
        return len(words) <= 4 and not any(w.lower() in _FUNCTION_WORDS or w.lower() in _SUBJECT_BREAK
                                           for w in words)

    def clause_subject(self, lead: str, offset: int) -> Speaker | None:
        """The first person or description of a clause ("Her colleague Mart Kask is less sure:")."""
        people = self._mentions_between(offset, offset + len(lead))
        # "Hoping to lift turnout for Jane Roe, John Doe is rolling out a message:": the subject.
        people.sort(key=lambda m: not self.is_subject(m))
        anon = _ANON_RIGHT.match(lead)
        if people and (anon is None or people[0].start - offset <= anon.end() + 1):  # "Her colleague Mart Kask"
            speaker = self._person(people[0])
        elif anon is not None:
            speaker = _describe(anon.group(1))
        else:
            return None
        speaker.strict = False
        return speaker

    def loose_subject(self, left: str, offset: int) -> Speaker | None:
        """Nearest person or pronoun before a subjectless cue ('The best he could do was to say')."""
        best: tuple[int, Speaker] | None = None
        for m in self._mentions_between(offset, offset + len(left)):
            best = (m.start, self._person(m))
        for p in _PRONOUN.finditer(left):
            if best is None or offset + p.start() > best[0]:
                speaker = self.pronoun(p.group(1), offset + p.start())
                if speaker is not None:
                    best = (offset + p.start(), speaker)
        if best is None:
            return None
        speaker = best[1]
        speaker.strict = False
        return speaker


# "(D-Wis.)", ", R-Ky.,": a lawmaker's party and state between the name and the cue.
_PARTY_TAG = re.compile(r"\s*\(\s*[DRI]\s*-\s*[A-Z][\w.\- ]{0,14}\)|,\s*[DRI]\s*-\s*[A-Z][\w.]{0,8}\.?(?:,|(?=\s*$))")
_OF_ORG = re.compile(r"(?:of|from|at|with)\s+(?:the\s+)?[A-Z][\w&.’'\-]*(?:\s+(?:of\s+|for\s+|and\s+)?[A-Z][\w&.’'\-]*){0,5}")


# 'said 9/11 widow Jane Doe', 'said Del. Jane Doe', 'said former state senator Jane Doe'.
_ROLE_GAP = re.compile(r"(?:(?:the|a|an)\s+)?(?:(?:[a-z0-9][\w’'\-/]*|[A-Z][a-z]{0,3}\.|[A-Z][\w\-]*)\s+){0,4}"
                       r"(?:[a-z0-9][\w’'\-/]*|[A-Z][a-z]{0,3}\.)")


_FUNCTION_WORDS = {"for", "what", "which", "who", "that", "to", "in", "on", "at", "as", "when", "while", "if",
                   "because", "but", "and", "or", "with", "by", "from", "than", "so", "then", "is", "was", "are",
                   "were", "this", "these", "those", "it", "he", "she", "they", "we", "i", "after", "before", "of",
                   "not", "no", "about", "how", "why", "whether", "there", "here", "has", "have", "had", "be"}


# "…, but told", "… and said", "… and then added": a cue coordinated with the verb before it.
_COORDINATED = re.compile(r"\b(?:and|but)\s+(?:then\s+|also\s+|later\s+|\w+ly\s+)?$")
_REPORTING_LEAD = re.compile(r"\b(?:that|whether)\b", re.I)


# Verbs and prepositions that put a following name in object position.
_SUBJECT_BREAK = {"said", "says", "told", "met", "called", "asked", "named", "against", "like", "under", "into",
                  "between", "during", "over", "among", "behind", "toward", "towards", "via", "per", "an", "a"}


# "Jane Doe and John Roe", "Jane Doe, of Ohio, and Sen. John Roe": two people named together.
_PAIR_LINK = re.compile(r"(?:,[^.;:“”\"]{0,60},)?\s+and\s+(?:[A-Z][\w.]*\s+){0,2}")
# "On Monday,", "In an interview with X,", "Asked about it,", "Although …,": a sentence's opening phrase.
_INTRO = re.compile(r"^\s*[”\"’]?\s*(?:On|In|At|After|Before|During|Earlier|Later|Last|This|Since|When|While|As|"
                    r"Speaking|Asked|Meanwhile|However|But|And|Still|Yet|Then|Now|Today|Yesterday|Instead|Also|"
                    r"For|From|Under|With|By|Separately|Similarly|Likewise|Overall|Afterward|Afterwards|"
                    r"Outside|Inside|Across|Near|Around|Amid|Among|Following|Throughout|Within|Beyond)\b[^,]*"
                    r"(?:,[^,]*)?$"
                    # "Although …, Doe": a subordinate clause, one only ("Though …, he said, replacing Doe")
                    r"|^\s*[”\"’]?\s*(?:Although|Though|Because|If|Once|Until|Unless|Despite|Whereas|Even)\b[^,]*$")
_NAMED_SO = re.compile(r"^\s*(?:a|an)\s+(?:[\w’'\-]+\s+){1,3}named\s+$")
_FEMALE_NOUNS = re.compile(r"(?i)\b(?:woman|mother|wife|daughter|sister|spokeswoman|chairwoman|businesswoman|"
                           r"congresswoman|girl|grandmother|widow|actress|lady|aunt|niece)$")
_MALE_NOUNS = re.compile(r"(?i)\b(?:man|father|husband|son|brother|spokesman|chairman|businessman|congressman|"
                         r"boy|grandfather|widower|actor|uncle|nephew)$")


def _singular_human(text: str) -> bool:
    """"one questioner", "a senior official" -- not "officials" or "the ministry"."""
    head = _head_noun(text)
    return _ENDS_HUMAN.search(head) is not None and not re.search(r"(?<!s)s$", head) and " and " not in head


def _described_gender(text: str) -> str | None:
    head = _head_noun(text)
    return "f" if _FEMALE_NOUNS.search(head) else "m" if _MALE_NOUNS.search(head) else None


def _role_gap(gap: str) -> bool:
    return _ROLE_GAP.fullmatch(gap) is not None and not any(
        w.lower() in _FUNCTION_WORDS for w in re.findall(r"[\w’'\-/]+", gap))


def _joint(left: str, start: int, speaker: Speaker, candidates) -> tuple[int, Speaker]:
    """'Jane Doe and John Roe said', 'Doe, Roe and Poe said': every person named is a speaker."""
    if _PRONOUN.fullmatch(speaker.text or ""):
        return start, speaker  # "Of the fuss over Doe, he said": the name is a prepositional object
    people = {end: (begin, sp) for end, begin, sp in candidates if sp.kind == SpeakerKind.PERSON}
    group = [speaker]
    first = start
    while (link := re.search(r"(?:\s+and|,)\s+$", left[:first])) is not None and link.start() in people:
        first, other = people[link.start()]
        group.insert(0, other)
    if len(group) == 1:
        return start, speaker
    last_end = max(e for e, (b, sp) in people.items() if sp is speaker)
    lead = replace(group[0], text=left[first:last_end], partners=group[1:])
    return first, lead


# "Jane Doe, 59, of Ashton, Md., said": abbreviations whose dot does not end a sentence.
_ABBREVIATION = re.compile(
    r"\b(?:Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo|Mont|Neb|Nev|"
    r"N\.[HJMYCD]|Okla|Ore|Pa|R\.I|S\.[CD]|Tenn|Tex|Va|Vt|Wash|W\.Va|Wis|Wyo|Jan|Feb|Aug|Sept|Oct|Nov|Dec|"
    r"Gov|Sen|Rep|Dr|Mr|Mrs|Ms|Jr|Sr|St|Mt|Ft|Inc|Corp|Co|Ltd|No)\.")


def gap_ok(gap: str) -> bool:
    """Can ``gap`` separate a subject from its cue? Fillers ("also", "has long",
    "glumly") or an appositive opened by a comma ("Jane Doe, a fellow at X, said")."""
    g = _PARTY_TAG.sub(" ", gap).strip()
    if not g or (g == "," and gap.strip() != ","):
        return True
    if _OF_ORG.fullmatch(g):
        return True  # "Jane Doe of the Sierra Club said"
    if "“" in g or "”" in g or '"' in g or "." in _ABBREVIATION.sub("", g.replace("D.C.", "").replace("U.S.", "").replace("U.K.", "")):
        return False
    words = re.findall(r"[\w’'\-]+", g)
    if all(w.lower() in FILLER_WORDS or w.lower().endswith("ly") for w in words) and len(words) <= 4 \
            and "," not in g:
        return True
    relative = re.match(r",\s*(?:who|which|speaking|writing)\b", g) is not None  # ", who asked not to be named,"
    verbs = [c for c in CUE_RE.finditer(g) if not _noun_use_before(g[:c.start()])  # not "one of the states"
             and not c.group(0)[0].isupper()]  # nor "United States"
    if g.startswith(",") and len(words) <= 30 and (relative or not verbs):
        tail = g.rsplit(",", 1)[1] if g.count(",") > 1 or g.endswith(",") else ""
        return all(w.lower() in FILLER_WORDS or w.lower().endswith("ly") for w in re.findall(r"[\w’'\-]+", tail))
    return bool(re.fullmatch(r"\(\w+\)", g))  # "Jane Doe (pictured) said"


def _describe(text: str) -> Speaker:
    """An unnamed speaker: a text ("the report"), an institution ("the foreign ministry") or a description."""
    if _is_document_noun(text):
        return Speaker(text, SpeakerKind.DOCUMENT, text)
    if _is_org_noun(text):
        name = canonical_org(text) if org_kind(text) else text
        return Speaker(text, SpeakerKind.ORGANISATION, name)
    return Speaker(text, SpeakerKind.ANONYMOUS, text)


def _ends_with(nouns) -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(nouns, key=len, reverse=True)) + r")s?$")


_ENDS_HUMAN = _ends_with(ANON_HUMAN_NOUNS)
_ENDS_DOCUMENT = _ends_with(DOCUMENT_NOUNS)
_ENDS_ORG = _ends_with(ANON_ORG_NOUNS)


_QUANTITY_OF = re.compile(r"^.*?\b(?:series|number|couple|handful|pair|string|flurry|barrage|set|slew|raft)\s+of\s+")


def _head_noun(text: str) -> str:
    """The head of a description, before any postmodifier ("a series of tweets": tweets)."""
    return _POSTMOD_SPLIT.split(_QUANTITY_OF.sub("", text.lower()))[0].strip()


def _is_document_noun(text: str) -> bool:
    """"the report", "a Homeland Security memo", "the ad" -- but "the ad’s narrator" is a person."""
    head = _head_noun(text)
    return not _ENDS_HUMAN.search(head) and _ENDS_DOCUMENT.search(head) is not None


def _is_org_noun(text: str) -> bool:
    """Is the head noun (before any "with ..."/"from ..." postmodifier) an institution?"""
    return _ENDS_ORG.search(_head_noun(text)) is not None


def is_naming_cue(cue: Cue) -> bool:
    return cue.stem in NAMING_CUES
