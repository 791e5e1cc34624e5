"""Scoring quotations and speakers against attribution annotations (PolNeAR's brat files).

Rules, chosen to measure what a reader of Commentariat sees:

* Gold items are the attributions whose content holds quotation marks (direct and
  mixed). Their *quoted words* are the words between the marks. A word quoted inside
  two nested attributions belongs to the innermost one (the shortest content): its
  speaker is who said those words; an attribution left with no quoted word of its
  own is not a gold item.
* Ours are the pipeline's DIRECT and PARTIAL quotes, mapped from the cleaned body
  back to the source text. Quotes inside spans the annotators discarded are ignored.
* A found quote matches the gold item it shares most quoted words with. A gold item
  matched by several found quotes (a quote the cue splits in two) is one true
  positive: precision = matched gold / (matched gold + unmatched found quotes),
  recall = matched gold / gold. Word-level precision and recall over quoted words
  are printed beside them. Direct items (content wholly in quotation marks) get a line
  of their own: recall over them, precision against our unmatched DIRECT quotes.
* Speaker accuracy is over matched gold items that have a source, judged on the
  found quote sharing most words. Matching is lenient on form (case, titles,
  surname alone, "a source" / "another source") and strict on identity (a different
  given name, a person for an organisation).
* A gold source that is a pronoun is judged by what it refers to. Without the
  annotators' coreference, the rule is: the nearest earlier gold source (of any
  attribution, quoted or not) that is not a pronoun and agrees — he/she with a
  person's name or a human description of compatible gender (never an organisation nor several
  people; a surname alone has the gender of the article's fuller names for it), they with anything; failing that, the speaker of the previous attribution.
  I/we are right when we print the pronoun or name the article's author.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from analysis.document import Document
from analysis.evaluation import fold
from analysis.lexicon import TITLES
from analysis.mentions import _name_sections, gender_of
from analysis.pipeline import Extraction
from analysis.polnear import Annotated, GoldAttribution
from analysis.results import QuoteKind, QuoteResult, SpeakerKind

_WORD = re.compile(r"[\w’'\-]+")
_PRONOUNS = {"he", "she", "they", "him", "her", "them", "i", "we", "it", "you", "his", "their", "its", "me", "us"}
_TITLE_WORDS = {fold(t) for t in TITLES} | {"sen", "rep", "gov", "gen", "sens", "reps", "mr", "mrs", "ms", "dr",
                                            "the", "a", "an", "former", "democratic", "republican", "gop"}
_DESC_STOP = {"a", "an", "the", "of", "at", "in", "for", "with", "to", "and", "on", "s", "his", "her", "their",
              "its", "who", "that", "said", "one", "another", "some", "other", "two", "several", "many", "by",
              "from", "as", "was", "is", "has", "had", "who's"}
# The scorer keeps word lists of its own, so that changing the extractor's lexicon never moves the
# yardstick.
_ORG_HEADS = {
    "media", "ministry", "government", "kremlin", "embassy", "agency", "army", "military", "statement", "office",
    "department", "police", "authorities", "administration", "house", "pentagon", "council", "committee",
    "broadcaster", "outlet", "report", "document", "memo", "regime", "company", "firm", "group", "party",
    "command", "headquarters", "commission", "court", "parliament", "cabinet", "presidency", "tv", "television",
    "union", "organization", "organisation", "association", "institute", "university", "bank", "fund",
} | {
    "campaign", "network", "newspaper", "paper", "poll", "survey", "study", "ad", "advertisement", "website",
    "site", "magazine", "editorial", "board", "letter", "filing", "lawsuit", "complaint", "release",
    "tweet", "post", "book", "article", "story", "analysis", "video", "transcript"} | {
    # outlets and places: "BuzzFeed News", "the Associated Press", "The New York Times", "Atlantic City"
    "news", "press", "times", "journal", "tribune", "herald", "foundation", "center", "centre", "pac", "city",
    "county"}
_FALSE_PERSON = re.compile(r"(?i)\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|caf[eé]|committee|"
                           r"council|councils|inc|corp|company|association|institute|foundation|university|party|"
                           r"news|times|post|journal|center|centre|group)\b")

CLASSES = [
    ("1", "continuation quote"),
    ("2", "cue after a quote, no comma"),
    ("3", "pronoun"),
    ("4", "several speakers"),
    ("5", "honorific or surname alone"),
    ("6", "organisation/outlet/document"),
    ("7", "partial quote in reported speech"),
    ("8", "format (Q&A, transcript, multi-paragraph)"),
    ("9", "false person"),
    ("other", "other"),
]


@dataclass(slots=True)
class GoldQuote:
    attribution: GoldAttribution
    words: set[int]  # indexes of quoted words in the article's word list
    mixed: bool  # words of the writer's own beside the quoted ones
    source: str  # as printed ("" when the attribution has none)
    referent: str | None = None  # what a pronoun source refers to
    also: list[str] = field(default_factory=list)  # sources of other attributions of the very same words


@dataclass(slots=True)
class Miss:
    article: str
    what: str  # "missed quote" | "no speaker" | "wrong speaker" | "extra quote"
    cls: str
    gold_source: str
    referent: str | None
    ours: str | None
    context: str


@dataclass(slots=True)
class ArticleScore:
    gold: int = 0
    matched: int = 0
    found: int = 0  # found quotes outside discarded spans
    unmatched_found: int = 0
    gold_words: int = 0
    found_words: int = 0
    shared_words: int = 0
    judged: int = 0  # matched gold items with a source
    right: int = 0
    gold_direct: int = 0
    matched_direct: int = 0
    unmatched_found_direct: int = 0  # unmatched found quotes that we printed as DIRECT
    misses: list[Miss] = field(default_factory=list)

    def add(self, other: ArticleScore) -> None:
        for name in ("gold", "matched", "found", "unmatched_found", "gold_words", "found_words", "shared_words",
                     "judged", "right", "gold_direct", "matched_direct", "unmatched_found_direct"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.misses.extend(other.misses)


def align(raw: str, document: Document) -> list[int]:
    """Raw-text offset of every body offset (the cleaner joins, trims and collapses spaces)."""
    body = document.body
    out = [0] * (len(body) + 1)
    cursor = 0
    for passage in document.passages:
        text = passage.text
        found = raw.find(text[:40], cursor)
        j = found if found >= 0 else cursor
        for k, ch in enumerate(text):
            if ch.isspace():
                while j < len(raw) and raw[j].isspace() and raw[j] != "\n" and k + 1 < len(text) and raw[j] != text[k + 1]:
                    j += 1
                out[passage.start + k] = j
                if j < len(raw) and raw[j].isspace():
                    j += 1
                continue
            probe = j
            while probe < len(raw) and raw[probe] != ch and probe - j < 8:
                probe += 1
            if probe < len(raw) and raw[probe] == ch:
                j = probe
            out[passage.start + k] = j
            j = min(j + 1, len(raw))
        out[passage.end] = j
        for k in range(passage.end, min(len(body), passage.end + 2)):
            out[k] = j
        cursor = j
    out[len(body)] = out[len(body) - 1] + 1 if body else 0
    return out


def quoted_mask(text: str, ranges: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], bool]:
    """Character ranges inside quotation marks within ``ranges``, and whether any mark was seen."""
    text = text.replace("''", '"\x01')  # '' as a double mark, offsets kept
    inside: list[tuple[int, int]] = []
    state = None  # '"' or "'"
    seen = False
    for a, b in ranges:
        open_at = a if state else None
        for i in range(a, b):
            c = text[i]
            prev = text[i - 1] if i > 0 else " "
            nxt = text[i + 1] if i + 1 < len(text) else " "
            if c in "“„" or (c == '"' and state != '"'):
                if state is None:
                    state, open_at, seen = '"', i + 1, True
            elif c in "”" or (c == '"' and state == '"'):
                if state == '"':
                    inside.append((open_at, i))
                    state = None
                seen = seen or c == '"'
            elif (c == "‘" or (c == "'" and (prev.isspace() or prev in "(—-") and nxt.isalpha())) and state is None:
                state, open_at, seen = "'", i + 1, True
            elif c in "’'" and state == "'" and not nxt.isalpha():
                inside.append((open_at, i))
                state = None
        if state is not None and open_at is not None:
            inside.append((open_at, b))
    return inside, seen


def _words_in(starts: list[int], ends: list[int], ranges: list[tuple[int, int]]) -> set[int]:
    out: set[int] = set()
    for a, b in ranges:
        i = bisect.bisect_left(starts, a)
        while i < len(starts) and starts[i] < b:
            if ends[i] <= b:
                out.add(i)
            i += 1
    return out


def gold_quotes(article: Annotated, starts: list[int], ends: list[int]) -> list[GoldQuote]:
    text = article.text
    candidates: list[tuple[GoldAttribution, set[int], bool]] = []
    for att in article.attributions:
        ranges, seen = quoted_mask(text, att.content)
        if not seen:
            continue
        quoted = _words_in(starts, ends, ranges)
        if not quoted:
            continue
        every = _words_in(starts, ends, att.content)
        candidates.append((att, quoted, len(every - quoted) > 0))
    owner: dict[int, int] = {}
    size = [sum(b - a for a, b in att.content) for att, _, _ in candidates]
    for k, (_, quoted, _) in enumerate(candidates):
        for w in quoted:
            if w not in owner or size[k] < size[owner[w]]:
                owner[w] = k
    out = []
    for k, (att, quoted, mixed) in enumerate(candidates):
        own = {w for w in quoted if owner[w] == k}
        if own:
            # '“…,” Doe said, according to a transcript': two attributions of the same words;
            # either source is right.
            also = [a.source_text(text) for j, (a, q, _) in enumerate(candidates)
                    if j != k and a.source and q == quoted and size[j] == size[k]]
            out.append(GoldQuote(att, own, mixed, att.source_text(text), also=also))
    _resolve_pronouns(article, out)
    return out


_HEAD_END = re.compile(r",|\s+who\b|\s+\(|\s+(?:of|from|at|with|for)\s+(?:the\s+)?[A-Z]")


def _head(source: str) -> str:
    """The source's head phrase: before an appositive or relative clause, but never inside a title
    ("Secretary of State Jane Doe" is Jane Doe, not "Secretary")."""
    for m in _HEAD_END.finditer(source):
        head = source[:m.start()].strip()
        if m.group(0).startswith(",") or any(fold(w) not in _TITLE_WORDS for w in head.split()):
            return head
    return source.strip()


def is_pronoun(source: str) -> bool:
    return fold(source) in _PRONOUNS


def _person_like(source: str) -> bool:
    tokens = _head(source).split()
    return bool(tokens) and tokens[-1][:1].isupper() and fold(tokens[-1]) not in {"the", "a", "an"} and not _is_org(source)


def _is_org(source: str) -> bool:
    words = fold(_head(source)).replace("'s ", " ").split()
    return bool(words) and (words[-1] in _ORG_HEADS or words[-1].rstrip("s") in _ORG_HEADS)


def _resolve_pronouns(article: Annotated, quotes: list[GoldQuote]) -> None:
    text = article.text
    sources = sorted((a.source[0][0], a.source_text(text)) for a in article.attributions if a.source)
    surnames = _surname_genders(text)
    for q in quotes:
        word = fold(q.source)
        if word in _RELATIVES and q.attribution.source:
            q.referent = _relative_antecedent(text, q.attribution.source[0][0])
            continue
        if word not in _PRONOUNS or word in {"i", "we", "me", "us"} or not q.attribution.source:
            continue
        at = q.attribution.source[0][0]
        earlier = [s for start, s in sources if start < at]
        gender = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f"}.get(word)
        found: list[str] = []
        for s in reversed(earlier):
            if is_pronoun(s) or fold(s) in _RELATIVES or (gender and not _agrees(s, gender, surnames)):
                continue
            found.append(s)
            # "the Republican nominee": a description refers on to the nearest named source.
            if _person_like(s) or not gender or not re.match(r"(?i)the\b", s.strip()):
                break
        if not found and earlier:
            found = [earlier[-1]]
        q.referent = " | ".join(found) if found else None


_RELATIVES = {"who", "which", "that", "whom", "whose"}


def _relative_antecedent(text: str, at: int) -> str | None:
    """'Jane Doe, who said …' / 'the study -- which notes …': the phrase the relative follows."""
    before = re.sub(r"[\s,(—–-]+$", "", text[max(0, at - 120):at])
    before = re.split(r"[.;:!?\n“”\"]|--", before)[-1]
    names = re.findall(r"(?:[A-Z][\w.’'\-]*\s+)*[A-Z][\w’'\-]*", before)
    if names and before.rstrip().endswith(names[-1]):
        return names[-1]
    words = before.split()
    return " ".join(words[-4:]) if words else None
_HUMAN = re.compile(
    r"(?i)\b(?:man|woman|men|women|mother|father|wife|husband|son|daughter|questioner|candidate|nominee|"
    r"senator|representative|secretary|president|leader|chief|head|director|governor|mayor|chancellor|"
    r"professor|fellow|colleague|spokesperson|spokesman|spokeswoman|diplomat|official|source|analyst|expert|"
    r"aide|adviser|advisor|insider|officer|soldier|commander|person|people|resident|witness|observer|"
    r"commentator|minister|lawmaker|politician|executive|economist|researcher|scholar|activist|critic|veteran|"
    r"ambassador|general|staffer|employee|member|strategist|voter|student|doctor|teacher|judge|lawyer|"
    r"attorney|businessman|businesswoman|host|anchor|moderator|chairman|chairwoman|reporter|author|"
    r"columnist|narrator|announcer|republican|democrat|delegate|supporter|protester|participant)s?\b")
_CUE_SOURCES = {"said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "asked", "asks",
                "noted", "notes", "according", "according to", "stated", "claimed", "argued"}


_FULL_NAME = re.compile(r"\b(?:(Mrs?|Ms|Miss)\.?|([A-Z][a-z]+))\s+(?:[A-Z]\.\s+)?([A-Z][\w’'\-]+)")


def _surname_genders(text: str) -> dict[str, str]:
    """A surname's gender from the article's fuller mentions ("Ana Doe", "Mrs. Doe"): the annotators
    mark "Doe" alone as the source once she is introduced. A surname two people of different genders
    share ("Bill Doe", "Ana Doe") stays unknown."""
    seen: dict[str, set[str]] = {}
    names = _name_sections()
    for m in _FULL_NAME.finditer(text):
        g = gender_of(m.group(2) or "", m.group(1))
        known = m.group(1) or any(fold(m.group(2)) in section for section in names.values())
        if known:  # "Chris Doe" (either) beside "Marie Doe" leaves Doe unknown; "Former Doe" says nothing
            seen.setdefault(fold(m.group(3)), set()).add(g or "?")
    return {name: next(iter(gs)) for name, gs in seen.items() if len(gs) == 1 and "?" not in gs}


def _agrees(source: str, gender: str, surnames: dict[str, str] | None = None) -> bool:
    """Can he/she refer to this source? A person's name or a human description, never an organisation
    and never several people ("Jane Doe and John Roe", "my sister and I", "Delegates", "few people")."""
    if _is_org(source) or _plural(source):
        return False
    if _person_like(source):
        honorific = re.match(r"\s*(?:the\s+)?(Mrs?|Ms|Miss)\.?\s", _head(source))  # "Mr. Doe" is a he
        name = _name_part(source)
        found = gender_of(name, honorific.group(1) if honorific else None)
        if found is None and len(name.split()) == 1:
            found = (surnames or {}).get(fold(name).replace("’s", "").replace("'s", ""))
        return found in (None, gender)
    other = _MALE_WORDS if gender == "f" else _FEMALE_WORDS
    return _HUMAN.search(_head(source)) is not None and other.search(_head(source)) is None


_FEMALE_WORDS = re.compile(r"(?i)\b(?:woman|mother|wife|daughter|sister|spokeswoman|chairwoman|businesswoman|girl|"
                           r"widow|grandmother)\b")
_MALE_WORDS = re.compile(r"(?i)\b(?:man|father|husband|son|brother|spokesman|chairman|businessman|boy|widower|"
                         r"grandfather)\b")


_QUANTIFIERS = {"many", "some", "several", "few", "most", "both", "all", "others", "other", "numerous", "dozens",
                "hundreds", "thousands", "millions"}


def _plural(source: str) -> bool:
    head = _head(source)
    words = fold(head).split()
    if not words:
        return False
    # "many Americans", "even leaders on the left", "Others": a quantifier or a plural head noun.
    if words[0] in _QUANTIFIERS or words[-1] == "others":
        return True
    words = re.split(r"\s+(?:on|in|of|at|from|with|for|across)\s+", " ".join(words))[0].split()
    last = words[-1]
    return bool(re.search(r"\s(?:and|&)\s", head)) or last in {"i", "we", "people", "men", "women"} or (
        last.endswith("s") and _HUMAN.fullmatch(last) is not None and _HUMAN.fullmatch(last[:-1]) is not None)


def _name_part(source: str) -> str:
    words = _head(source).split()
    # Titles go, but never the last word: "Mr. King" is King.
    tokens = [t for k, t in enumerate(words) if t[:1].isupper() and (k == len(words) - 1 or fold(t) not in _TITLE_WORDS)]
    return " ".join(tokens)


def speaker_matches(quote: QuoteResult, gold: str, authors: list[str]) -> bool:
    """Is the found speaker the gold source? Lenient on form, strict on identity."""
    if quote.speaker_kind == SpeakerKind.NONE or not (quote.speaker or quote.speaker_text):
        return False
    g = fold(gold)
    if g in {"i", "we", "me", "us"}:
        return fold(quote.speaker_text or "") == g or any(fold(a) == fold(quote.speaker or "") for a in authors)
    ours = f"{quote.speaker or ''} {quote.speaker_text or ''}"
    parts = [p for p in re.split(r"\s+and\s+|\s*&\s*|,\s+", gold) if p.strip()] or [gold]
    return any(_one_matches(quote, part, ours) for part in parts[:4])


def _one_matches(quote: QuoteResult, gold: str, ours: str) -> bool:
    head = _head(gold) or gold
    ours_tokens = set(fold(ours).replace("'s ", " ").split())
    if _person_like(head) and quote.speaker_kind == SpeakerKind.PERSON:
        name = _name_part(head).replace("’s", "").replace("'s", "")
        tokens = fold(name).split()
        if not tokens:
            return False
        surname = tokens[-1]
        canonical = fold(quote.speaker or "").split()
        if surname not in ours_tokens and (not canonical or canonical[-1] not in tokens):
            return False
        # A given name printed in both must agree ("Melania Trump" is not "Donald Trump").
        given_gold = tokens[:-1]
        given_ours = canonical[:-1]
        return not (given_gold and given_ours and not set(given_gold) & set(given_ours))
    if _person_like(head):
        # A name printed as an organisation's ("CNN", "the Trump campaign" is not person-like).
        tokens = set(fold(_name_part(head)).split())
        return bool(tokens) and tokens <= ours_tokens
    if quote.speaker_kind == SpeakerKind.PERSON and not _is_org(head):
        # "a spokesman, Jane Doe": the description's name may be in the appositive.
        name = _name_part(gold)
        return bool(name and fold(name).split()[-1] in ours_tokens)
    g_words = {w.rstrip("s") for w in fold(head).replace("'s ", " ").split() if w not in _DESC_STOP}
    o_words = {w.rstrip("s") for w in ours_tokens if w not in _DESC_STOP}
    return bool(g_words & o_words)


def classify(article: Annotated, gold: GoldQuote | None, quote: QuoteResult | None, raw_span: tuple[int, int] | None,
             gold_sources: set[str]) -> str:
    text = article.text
    if gold is None:
        return "other"
    att = gold.attribution
    a, b = att.start, att.end
    para_start = text.rfind("\n", 0, a) + 1
    para_end = text.find("\n", b)
    para_end = len(text) if para_end < 0 else para_end
    line = text[para_start:para_start + 30]
    if "\n" in text[a:b].strip() or re.match(r"^\s*[\"“]?(?:Q|A|[A-Z][A-Z .'\-]{1,30}):", line):
        return "8"
    cue_here = [c for c in att.cue if para_start <= c[0] <= para_end]
    if not att.cue or not cue_here:
        return "1"
    if quote is None and gold.mixed:
        return "7"
    if is_pronoun(gold.source):
        return "3"
    if re.search(r"\s(?:and|&)\s", _head(gold.source)):
        return "4"
    if quote is not None and quote.speaker_kind == SpeakerKind.PERSON and quote.speaker:
        ours = set(fold(quote.speaker).split())
        if not any(ours & set(fold(s).split()) for s in gold_sources) or _FALSE_PERSON.search(quote.speaker):
            return "9"
    if gold.source and (_is_org(gold.source) or not _person_like(gold.source)):
        return "6"
    if gold.source and len(_name_part(gold.source).split()) == 1:
        return "5"
    if att.source or att.cue:
        after = min([s[0] for s in att.source + att.cue if s[0] >= b] or [10**9])
        if after < 10**9 and text[b - 1:b] in "”\"’" and "," not in text[b:after] and after - b < 40:
            return "2"
    if gold.mixed:
        return "7"
    return "other"


def score_article(article: Annotated, extraction: Extraction, raw_of: list[int]) -> ArticleScore:
    text = article.text
    starts, ends = [], []
    for m in _WORD.finditer(text):
        starts.append(m.start())
        ends.append(m.end())
    golds = gold_quotes(article, starts, ends)
    score = ArticleScore(gold=len(golds), gold_direct=sum(1 for g in golds if not g.mixed))
    owner: dict[int, int] = {w: k for k, g in enumerate(golds) for w in g.words}
    best: dict[int, tuple[int, QuoteResult, tuple[int, int]]] = {}
    found_words: set[int] = set()
    gold_sources = {g.source for g in golds} | {a.source_text(text) for a in article.attributions}
    for q in extraction.quotes:
        if q.kind not in (QuoteKind.DIRECT, QuoteKind.PARTIAL):
            continue
        span = (raw_of[q.start], raw_of[max(q.start, q.end - 1)] + 1)
        if any(a <= span[0] < b for a, b in article.discards):
            continue
        words = _words_in(starts, ends, [span])
        score.found += 1
        found_words |= words
        overlap = Counter(owner[w] for w in words if w in owner)
        if not overlap:
            score.unmatched_found += 1
            score.unmatched_found_direct += q.kind == QuoteKind.DIRECT
            score.misses.append(Miss(article.name, "extra quote", "other", "", None, _ours(q),
                                     _context(text, *span)))
            continue
        k, n = overlap.most_common(1)[0]
        if k not in best or n > best[k][0]:
            best[k] = (n, q, span)
    gold_words = set(owner)
    score.gold_words, score.found_words = len(gold_words), len(found_words)
    score.shared_words = len(gold_words & found_words)
    for k, g in enumerate(golds):
        ctx = _context(text, g.attribution.start, g.attribution.end)
        if k not in best:
            score.misses.append(Miss(article.name, "missed quote", classify(article, g, None, None, gold_sources),
                                     g.source, g.referent, None, ctx))
            continue
        score.matched += 1
        score.matched_direct += not g.mixed
        if not g.source or fold(g.source) in _CUE_SOURCES:
            continue  # no source, or a cue word marked as the source (an annotation slip)
        score.judged += 1
        _, q, span = best[k]
        targets = (g.referent.split(" | ") if g.referent else [g.source]) + g.also
        if any(speaker_matches(q, t, extraction.document.authors) for t in targets):
            score.right += 1
            continue
        what = "no speaker" if q.speaker_kind == SpeakerKind.NONE else "wrong speaker"
        score.misses.append(Miss(article.name, what, classify(article, g, q, span, gold_sources), g.source,
                                 g.referent, _ours(q), ctx))
    return score


def _ours(q: QuoteResult) -> str:
    if q.speaker_kind == SpeakerKind.NONE:
        return "(none)"
    return f"{q.speaker} [{q.speaker_kind.value}, printed {q.speaker_text!r}]"


def _context(text: str, a: int, b: int) -> str:
    lo = max(0, a - 120)
    hi = min(len(text), b + 120)
    return " ".join(text[lo:hi].split())


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def report(total: ArticleScore, articles: int, show: bool = False) -> str:
    p = _ratio(total.matched, total.matched + total.unmatched_found)
    r = _ratio(total.matched, total.gold)
    f = _ratio(2 * p * r, p + r)
    pd = _ratio(total.matched_direct, total.matched_direct + total.unmatched_found_direct)
    rd = _ratio(total.matched_direct, total.gold_direct)
    fd = _ratio(2 * pd * rd, pd + rd)
    pw = _ratio(total.shared_words, total.found_words)
    rw = _ratio(total.shared_words, total.gold_words)
    fw = _ratio(2 * pw * rw, pw + rw)
    lines = [
        f"Articles: {articles}   gold quotes: {total.gold} (direct {total.gold_direct}, "
        f"mixed {total.gold - total.gold_direct})   found quotes: {total.found}",
        f"Quotes   precision {p:.3f}  recall {r:.3f}  F1 {f:.3f}   "
        f"(recall direct {_ratio(total.matched_direct, total.gold_direct):.3f}, "
        f"mixed {_ratio(total.matched - total.matched_direct, total.gold - total.gold_direct):.3f})",
        f"Direct   precision {pd:.3f}  recall {rd:.3f}  F1 {fd:.3f}   (gold content wholly in quotation marks; "
        f"our unmatched DIRECT quotes count against it)",
        f"Words    precision {pw:.3f}  recall {rw:.3f}  F1 {fw:.3f}",
        f"Speaker  {_ratio(total.right, total.judged):.1%} right ({total.right}/{total.judged} matched quotes "
        f"with a gold source)",
        "",
        f"{'Errors by class':<46}{'missed':>8}{'none':>8}{'wrong':>8}{'total':>8}",
    ]
    table: dict[str, Counter] = {code: Counter() for code, _ in CLASSES}
    for m in total.misses:
        if m.what != "extra quote":
            table[m.cls][m.what] += 1
    for code, label in CLASSES:
        row = table[code]
        lines.append(f"{code + '. ' + label if code != 'other' else label:<46}{row['missed quote']:>8}"
                     f"{row['no speaker']:>8}{row['wrong speaker']:>8}{sum(row.values()):>8}")
    lines.append(f"{'extra quotes (found, not in gold)':<46}{total.unmatched_found:>32}")
    if show:
        lines.append("")
        for m in sorted(total.misses, key=lambda m: (m.what, m.cls, m.article)):
            ref = f" -> {m.referent!r}" if m.referent else ""
            lines.append(f"[{m.what}] class {m.cls}  {m.article}")
            if m.what != "extra quote":
                lines.append(f"    gold: {m.gold_source!r}{ref}   ours: {m.ours or '-'}")
            else:
                lines.append(f"    ours: {m.ours}")
            lines.append(f"    … {m.context} …")
    return "\n".join(lines)
