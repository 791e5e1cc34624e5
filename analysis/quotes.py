"""Quotations and who said them: the public entry point of this package part.

``extract_people_and_quotes(document)`` returns the people, organisations and
quotes of an article. Only body passages are read for quotes.

Decisions (documented because the rules are judgement calls):

* A span in quotation marks of four words or fewer is a *term* (scare quote,
  name, slogan) unless a speech cue governs it: the cue follows the closing
  mark ("“fair game,” he said") or precedes it in the same clause with an
  identified speaker ("Kirby told reporters that ... “fair game”", "Robertson
  called the “deadly” alliance"). "so-called", "known as", "dubbed" without a
  speaker never attribute. Longer quotations are quotes even without a speaker
  (then SpeakerKind.NONE).
* Kind: DIRECT when the quotation stands as the sentence (it opens it, follows
  a colon or "said,"), holds more than one sentence, or is a long (10+ words)
  complete clause that ends with its own full stop or is directly attributed
  and does not open with a verb/modal/adverb; otherwise PARTIAL.
* INDIRECT quotes ("Kirby told reporters that ...") are emitted only for
  sentences with no quotation marks at all, so they never duplicate a direct
  or partial quote; scorers should compare only DIRECT/PARTIAL with a gold
  list of words in quotation marks.
* A quotation that is still open at the end of a paragraph continues into the
  next body paragraph when that one opens with a quotation mark (the
  multi-paragraph convention) unless both paragraphs carry their own
  attribution, in which case they are two quotes, or the next one opens a
  transcript turn ('"WALLACE: …'), which is the labelled speaker's own quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace

from analysis.attribution import Attributor, Cue, Speaker, is_naming_cue
from analysis.document import Document, Passage
from analysis.names import fold
from analysis.people import build_cast, person_results
from analysis.quotemarks import MarkedSpan, find_quoted, mask
from analysis.results import OrganisationResult, PersonResult, QuoteKind, QuoteResult, SpeakerKind
from analysis.runs import continue_runs
from analysis.sentences import split_sentences

_VERBISH_START = re.compile(
    r"^(?:will|would|could|should|can|may|might|must|shall|won[’']t|wouldn[’']t|couldn[’']t|"
    r"shouldn[’']t|can[’']t|cannot|is|are|was|were|has|have|had|be|been|being|do|does|did|"
    r"doesn[’']t|don[’']t|didn[’']t|isn[’']t|aren[’']t|wasn[’']t|weren[’']t|hasn[’']t|"
    r"haven[’']t|hadn[’']t|to|not|never|\w+ly)\b", re.I)
_NAMING_BEFORE = re.compile(r"(?:so-called|known as|dubbed|termed|nicknamed|the term|the phrase|"
                            r"the word|the slogan|the label|named|titled|entitled|called)\s+(?:the\s+|a\s+|an\s+)?$", re.I)
_ADJACENT = re.compile(r"^[\s,.!?…”’\"'—–\-]*$")
# '“…” Clinton campaign spokesman Jane Doe said': the subject's own words before its name.
_LEAD_IN = re.compile(r"^[\s,!?…”’\"'—–\-]*(?:(?:[\w’'\-/]+|[A-Z][a-z]{0,3}\.)\s+){1,8}$")


@dataclass(slots=True)
class _Para:
    passage: Passage
    spans: list[MarkedSpan]
    masked: str
    sentences: list[tuple[int, int]]  # passage-relative
    cues: list[list[Cue]] = field(default_factory=list)  # per sentence


@dataclass(slots=True)
class _Quote:
    para: _Para
    span: MarkedSpan
    sentence: int
    end_para: _Para | None = None  # last paragraph of a multi-paragraph quote
    end_span: MarkedSpan | None = None
    continued: list[tuple[_Para, MarkedSpan]] = field(default_factory=list)  # every later paragraph
    speaker: Speaker | None = None
    cue: Cue | None = None
    how: str = "none"


def extract_people_and_quotes(
    document: Document,
) -> tuple[list[PersonResult], list[OrganisationResult], list[QuoteResult]]:
    paras = [_para(p) for p in document.body_passages()]
    quoted = {p.passage.index: [(s.start, s.end) for s in p.spans] for p in paras}
    cast = build_cast(document, quoted)
    attributor = Attributor(cast, document.body, document.authors)
    for para in paras:
        para.cues = [attributor.cues(para.masked[a:b], para.passage.start + a) for a, b in para.sentences]
    quotes = _merge_paragraphs(paras, [q for p in paras for q in _quotes_of(p)])
    for q in quotes:
        _attribute(q, paras, attributor)
    continue_runs(quotes, paras, attributor)
    results: list[QuoteResult] = []
    for q in quotes:
        result = _result(q)
        if result is not None:
            results.append(result)
            if q.speaker and q.speaker.entity is not None:
                q.speaker.entity.quoted = True
            # Several speakers ("Jane Doe and John Roe said"): the quote is each one's.
            for partner in q.speaker.partners if q.speaker and result.speaker else []:
                results.append(replace(result, speaker=partner.name, speaker_kind=partner.kind,
                                       speaker_text=partner.text))
                if partner.entity is not None:
                    partner.entity.quoted = True
    results.extend(_indirect(paras))
    results.sort(key=lambda r: r.start)
    return person_results(cast), cast.orgs, results


def _para(passage: Passage) -> _Para:
    spans = find_quoted(passage.text)
    masked = mask(passage.text, spans)
    return _Para(passage, spans, masked, split_sentences(masked))


def _quotes_of(para: _Para) -> list[_Quote]:
    out = []
    starts = [a for a, _ in para.sentences]  # bisect: a paragraph of 2,000 quotes stays linear
    for span in para.spans:
        i = bisect.bisect_right(starts, span.start - 1) - 1
        inside = i >= 0 and span.start - 1 < para.sentences[i][1]
        out.append(_Quote(para, span, i if inside else len(para.sentences) - 1))
    return out


def _merge_paragraphs(paras: list[_Para], quotes: list[_Quote]) -> list[_Quote]:
    """Join a quotation left open at a paragraph's end with the next paragraph's
    opening quotation (the multi-paragraph convention)."""
    by_para = {id(p): [q for q in quotes if q.para is p] for p in paras}
    out: list[_Quote] = []
    skip: set[int] = set()
    for i, para in enumerate(paras):
        for q in by_para[id(para)]:
            if id(q) in skip:
                continue
            out.append(q)
            current, j = q, i
            while (current.end_span or current.span).closed is False and j + 1 < len(paras):
                nxt = paras[j + 1]
                first = by_para[id(nxt)][0] if by_para[id(nxt)] else None
                if first is None or first.span.start != len(nxt.passage.text) - len(nxt.passage.text.lstrip()) + 1:
                    break
                if _has_own_attribution(paras[j]) and _has_own_attribution(nxt):
                    break
                if _LABEL.match(nxt.passage.text[first.span.start:]):
                    break  # a transcript's next turn ('"WALLACE: …'), another speaker's
                q.end_para, q.end_span = nxt, first.span
                q.continued.append((nxt, first.span))
                skip.add(id(first))
                current, j = first, j + 1
    return out


def _has_own_attribution(para: _Para) -> bool:
    return any(c.subject is not None for cues in para.cues for c in cues)


_DASH_SIGNATURE = re.compile(r"\s*[―—–]\s*")


def _signed(q: _Quote, attributor: Attributor) -> Speaker | None:
    """'“…” ― Jane Doe': a quotation signed with a dash and a name (vox pops, epigraphs)."""
    para, span = q.end_para or q.para, q.end_span or q.span
    if not span.closed:
        return None
    at = para.passage.start + span.end + 1
    dash = _DASH_SIGNATURE.match(attributor.body, at)
    if dash is None:
        return None
    people = attributor.mentions_in(dash.end(), dash.end() + 60)
    if people and people[0].start == dash.end():
        return attributor.person_speaker(people[0])
    return None


# A transcript turn in quotation marks: '"WALLACE: …', '"Q: …'.
_LABEL = re.compile(r"\s*(?:(?P<name>[A-Z][A-Z’'\-]+(?:\s+[A-Z][A-Z’'\-]+){0,2})|Q|A):\s+")


def _labelled(q: _Quote, attributor: Attributor) -> Speaker | None:
    """'"PENCE: Well, …': the speaker is the label, matched with a person the article names
    outside quotations (an interviewer's "Q:" and an unnamed "A:" give none)."""
    label = _LABEL.match(q.para.passage.text, q.span.start)
    if label is None or label.group("name") is None:
        return None
    name = label.group("name")
    key = fold(name.split()[-1])
    for ent in attributor.cast.people:
        if fold(ent.name.split()[-1]) == key and any(not m.in_quote for m in ent.mentions):
            return Speaker(name, SpeakerKind.PERSON, ent.name, ent, strict=False)
    return Speaker(name, SpeakerKind.PERSON, name.title(), None, strict=False)


def _attribute(q: _Quote, paras: list[_Para], attributor: Attributor) -> None:
    label = _labelled(q, attributor)
    if label is not None:
        q.speaker, q.cue, q.how = label, None, "label"
        return
    signed = _signed(q, attributor)
    if signed is not None:
        q.speaker, q.cue, q.how = signed, None, "after"
        return
    for para, span, sentence in _positions(q):
        found = _in_sentence(para, span, sentence, attributor)
        if found is not None:
            q.speaker, q.cue, q.how = found
            return
    found = _from_neighbours(q, paras, attributor)
    if found is not None:
        q.speaker, q.cue, q.how = found


def _positions(q: _Quote):
    yield q.para, q.span, q.sentence
    if q.end_para is not None and q.end_span is not None:
        index = next((i for i, (a, b) in enumerate(q.end_para.sentences) if a <= q.end_span.start - 1 < b), 0)
        yield q.end_para, q.end_span, index


def _in_sentence(para: _Para, span: MarkedSpan, sentence: int, attributor: Attributor):
    cues = para.cues[sentence]
    base = para.passage.start
    q_start, q_end = base + span.start - 1, base + span.end + (1 if span.closed else 0)
    after = [c for c in cues if c.start >= q_end]
    before = [c for c in cues if c.end <= q_start]
    # (a) "“…,” he said" / "“…,” said Jane Doe": the cue's clause follows the closing mark.
    for c in after:
        if c.subject is None or c.stem == "according to":
            continue
        if c.word.lower().endswith("ing") and c.subject_start is not None and c.subject_start < q_start:
            continue  # "Doe said …“…”, adding …": the participle's subject is the main clause's, before
        head = min(c.start, c.subject_start if c.subject_start is not None else c.start)
        between = attributor.body[q_end:head]
        if _ADJACENT.match(between) or _lead_in(between) or _AS_PUT_IT.fullmatch(between):
            return c.subject, c, "after"
        # '“…” of the plan, Jane Doe said': the writer's words finish the clause before the cue.
        if len(re.findall(r"[\w’'\-]+", between)) <= 12 and not re.search(r"[“”\"‘;]|''", between) \
                and between.rstrip().endswith(","):
            return c.subject, c, "after"
        break
    # (b) "Jane Doe said (that) … “…”": the nearest cue before, with its subject.
    for c in reversed(before):
        if c.subject is not None and c.stem != "according to":
            return c.subject, c, "before"
        if c.subject is None:
            # (c) "Insisting that Putin “…”, Lukashenko told …" / "X said …, adding that “…”":
            # a subjectless participle takes the main clause's speaker.
            later = next((x for x in after if x.subject is not None and x.stem != "according to"), None)
            if later is None and c.word.lower().endswith("ing"):
                later = next((x for x in reversed(cues) if x.end <= c.start and x.subject is not None
                              and x.stem != "according to"), None)
            if later is not None:
                return later.subject, c, "elided"
            # "The best he could do was to say that “…”": an infinitive or participle
            # takes the nearest person before it (lower confidence).
            lead = para.masked[para.sentences[sentence][0]:c.start - base]
            if c.word.lower().endswith("ing") or re.search(r"\bto\s+$", lead):
                loose = attributor.loose_subject(lead, base + para.sentences[sentence][0])
                if loose is not None:
                    return loose, c, "loose"
    for c in cues:
        if c.stem == "according to" and c.subject is not None:
            return c.subject, c, "according"
    # "Her colleague Mart Kask is less sure: “…”": the subject before the colon.
    sent_start = para.sentences[sentence][0]
    lead = para.masked[sent_start:span.start - 1]
    if lead.rstrip().endswith(":"):
        speaker = attributor.clause_subject(lead, base + sent_start)
        if speaker is not None:
            return speaker, None, "colon-subject"
    # "Doe’s claim that there were “thousands of shootings”": a possessive speech noun.
    said = _SPEECH_NOUN.search(lead[-160:])
    if said is not None:
        at = base + sent_start + max(0, len(lead) - 160) + said.start()
        people = attributor.mentions_in(at, at + len(said.group(1)) + 1)
        if people and people[0].possessive:
            return attributor.person_speaker(people[0]), None, "possessive"
    return None


_SPEECH_NOUN = re.compile(
    r"\b([A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)[’']s?\s+(?:[a-z\-]+\s+){0,2}?"
    r"(?:claim|claims|statement|statements|remark|remarks|comment|comments|words|promise|pledge|assertion|"
    r"argument|warning|vow|description|accusation|suggestion|insistence|plea|tweet|tweets|message|"
    r"slogan|boast|charge|prediction|contention|complaint)\b[^“”\"‘]{0,60}$")
_AS_PUT_IT = re.compile(r"[\s,.”’\"']*as\s+")  # '“…,” as a ministry memo put it'
_NOT_PREMODIFIER = {"for", "what", "which", "who", "that", "to", "in", "on", "at", "as", "when", "while", "if",
                    "because", "but", "and", "or", "with", "by", "from", "than", "so", "then", "is", "was",
                    "are", "were", "this", "these", "those", "it", "he", "she", "they", "we", "i", "after", "before"}


def _lead_in(gap: str) -> bool:
    """Is ``gap`` only the premodifiers of the subject's name ("Clinton campaign spokesman")?"""
    return _LEAD_IN.match(gap) is not None and not any(
        w.lower() in _NOT_PREMODIFIER for w in re.findall(r"[\w’'\-/]+", gap))


def _from_neighbours(q: _Quote, paras: list[_Para], attributor: Attributor):
    para, index = q.para, q.sentence
    # A quotation whose sentence has no cue, followed by '“…,” X added.' or a short
    # 'So says X.' in the next sentence of the paragraph.
    if index + 1 < len(para.sentences):
        a, b = para.sentences[index + 1]
        nxt = para.masked[a:b]
        short = len(re.findall(r"\w+", nxt)) <= 8
        if short or re.search(r"[“‘\"']x", nxt):
            q_end = para.passage.start + q.span.end + (1 if q.span.closed else 0)
            for c in para.cues[index + 1]:
                if c.subject is not None and c.stem != "according to":
                    # '“Why now?” Smith asked.' was split at the question mark only.
                    head = min(c.start, c.subject_start if c.subject_start is not None else c.start)
                    adjacent = _ADJACENT.match(attributor.body[q_end:head]) is not None
                    return c.subject, c, "after" if adjacent else "next"
    # Split quotation: '“…,” he told Newsweek. “…”' -- this sentence opens with the
    # quotation and the previous one holds an attributed quotation.
    a, _ = para.sentences[index]
    opens = not para.masked[a:q.span.start - 1].strip(" '‘“\"")
    if index > 0 and opens and re.search(r"[“‘\"']x", para.masked[slice(*para.sentences[index - 1])]):
        for c in para.cues[index - 1]:
            if c.subject is not None and c.stem != "according to":
                return c.subject, c, "previous"
    # A quotation that stands as a sentence of its own, with no cue anywhere near it:
    # '“…” That is the verdict of Jane Doe, …' / '“…” Doe does not hide her anger.' /
    # 'Doe was in combative mood. “…”' -- the person who opens the adjacent sentence.
    found = _standalone(q, attributor)
    if found is not None:
        return found
    # A paragraph that opens with a quotation after "… said:" ending the previous paragraph.
    if index == 0:
        k = paras.index(para)
        if k > 0 and paras[k - 1].passage.text.rstrip().endswith(":") and paras[k - 1].cues:
            last = [c for c in paras[k - 1].cues[-1] if c.subject is not None]
            if last:
                return last[-1].subject, last[-1], "colon"
            # "Doe made the following comment:" -- no cue, but the clause's subject introduces it.
            prev = paras[k - 1]
            a, b = prev.sentences[-1]
            speaker = attributor.clause_subject(prev.masked[a:b], prev.passage.start + a)
            if speaker is not None:
                return speaker, None, "colon-subject"
    return None


_LEAD_WORDS = r"(?:(?:Then|But|And|Yet|Still|Now|So|Instead|Later|Today|Here)\s+)?"
_VERDICT = re.compile(
    r"^\s*(?:That|This|Such|It)\s+(?:is|was|has\s+been|remains)\s+(?:the\s+|a\s+)?(?:[\w\-]+\s+)?"
    r"(?:verdict|view|assessment|conclusion|warning|message|argument|opinion|judgement|judgment|"
    r"diagnosis|advice|prediction|complaint|lament)\s+of\s+(?:the\s+)?(?:[a-z][\w\-]*\s+){0,3}$")


def _standalone(q: _Quote, attributor: Attributor):
    para, index = q.para, q.sentence
    a, b = para.sentences[index]
    rest = para.masked[a:q.span.start - 1] + para.masked[q.span.end + (1 if q.span.closed else 0):b]
    if q.end_para is not None or re.search(r"\w", rest) or _quotes_in(para, index) > 1:
        return None
    base = para.passage.start
    neighbours = []
    if index == 0 and index + 1 < len(para.sentences):
        neighbours.append(index + 1)
    if index > 0:
        neighbours.append(index - 1)
    for n in neighbours:
        na, nb = para.sentences[n]
        sentence = para.masked[na:nb]
        if re.search(r"[“‘\"]x", sentence):
            continue  # the neighbour has a quotation of its own
        for m in attributor.mentions_in(base + na, base + nb):
            lead = attributor.body[base + na:m.start]
            if m.title and lead.rstrip().endswith(m.title):
                lead = lead.rstrip()[: -len(m.title)]
            if re.fullmatch(_LEAD_WORDS + r"(?:(?:says|said|adds|added)\s+)?\s*", lead) or (n == index + 1 and _VERDICT.match(lead)):
                return attributor.person_speaker(m, strict=False), None, "adjacent"
            break
        pronoun = re.match(_LEAD_WORDS + r"(he|she)\b", sentence.lstrip())
        if pronoun is not None:
            at = base + na + len(sentence) - len(sentence.lstrip()) + pronoun.start(1)
            speaker = attributor.pronoun(pronoun.group(1), at)
            if speaker is not None:
                speaker.strict = False
                return speaker, None, "adjacent"
    return None


def _quotes_in(para: _Para, index: int) -> int:
    a, b = para.sentences[index]
    return sum(1 for s in para.spans if a <= s.start - 1 < b)


def _result(q: _Quote) -> QuoteResult | None:
    para, span = q.para, q.span
    base = para.passage.start
    text = para.passage.text[span.start:span.end]
    start, end = base + span.start, base + span.end
    if q.end_para is not None and q.end_span is not None:
        for part_para, part_span in q.continued:
            text = f"{text.rstrip()} {part_para.passage.text[part_span.start:part_span.end]}"
        end = q.end_para.passage.start + q.end_span.end
    if q.how == "label" and (label := _LABEL.match(text)) is not None:
        text, start = text[label.end():], start + label.end()
    # Trim spaces only: the quotation's own punctuation stays as printed.
    lead = len(text) - len(text.lstrip())
    text, start = text.strip(), start + lead
    if not text or not re.search(r"\w", text):
        return None
    if q.end_span is None:
        end = start + len(text)
    words = len(re.findall(r"[\w’'\-]+", text))
    governed = _governs(q, text)
    if words <= 4 and not governed:
        return None  # a term, a name, a scare quote
    if words <= 8 and _title_case(text) and q.how not in {"after"} and not _names_it(q):
        return None  # a title or a name in quotation marks
    kind = _kind(q, text, words)
    speaker = q.speaker
    confidence = _confidence(q)
    return QuoteResult(
        text=text, start=start, end=end, passage_index=para.passage.index, kind=kind,
        cue=q.cue.word if q.cue and speaker else None,
        speaker_text=speaker.text if speaker else None,
        speaker_kind=speaker.kind if speaker else SpeakerKind.NONE,
        speaker=speaker.name if speaker else None,
        confidence=confidence,
    )


def _governs(q: _Quote, text: str) -> bool:
    """Does the attribution really govern this (short) quotation?"""
    if q.how in {"colon-subject", "possessive", "label"}:
        return True
    if q.speaker is None or q.cue is None:
        return False
    para, base = q.para, q.para.passage.start
    before = para.masked[:q.span.start - 1]
    if _NAMING_BEFORE.search(before) and not (q.how == "before" and is_naming_cue(q.cue)):
        return False
    if is_naming_cue(q.cue) and q.speaker.kind == SpeakerKind.ANONYMOUS and re.fullmatch(r"[A-Za-z]+s", q.speaker.text or ""):
        return False  # "Critics call this ‘defence Keynesianism’": a label, not someone's words
    if q.how in {"after", "elided"}:
        return True
    if q.how == "before":
        between = para.masked[q.cue.end - base:q.span.start - 1]
        n = len(re.findall(r"[\w’'\-]+", between))
        if is_naming_cue(q.cue):
            # "Doe called the plan “reckless”", "Doe criticised the law as a “crazy system”".
            # Only the first quotation after the cue is what the speaker called something.
            return (n <= 4 or (n <= 8 and not re.search(r"x[”’\"']", between))) and q.speaker.strict
        return n <= 25 and "." not in between.replace("U.S.", "")
    if q.how == "according":
        # "According to Jane Doe, the move reeks of “fear”": the source of the whole sentence.
        return True
    # '“…,” she said. “Nobody slept.”' continues a quotation; a short term is never
    # attributed from the following sentence.
    return q.how == "previous"


def _names_it(q: _Quote) -> bool:
    """'Doe called the winner “Miss Piggy”': a naming cue close before gives even a
    title-cased quotation its speaker."""
    if q.how != "before" or q.cue is None or not is_naming_cue(q.cue) or q.speaker is None or not q.speaker.strict:
        return False
    between = q.para.masked[q.cue.end - q.para.passage.start:q.span.start - 1]
    return len(re.findall(r"[\w’'\-]+", between)) <= 4 and not re.search(r"x[”’\"']", between)


def _title_case(text: str) -> bool:
    words = re.findall(r"[A-Za-z][\w’'\-]*", text)
    content = [w for w in words if w.lower() not in {"of", "the", "and", "for", "in", "on", "a", "an", "to"}]
    return bool(content) and all(w[0].isupper() for w in content) and len(content) >= 2


def _kind(q: _Quote, text: str, words: int) -> QuoteKind:
    para = q.para
    sent_start = para.sentences[q.sentence][0]
    before = para.masked[sent_start:q.span.start - 1].strip()
    if not before or before.endswith(":") or re.search(r"\b(?:said|says|added|asked|wrote),$", before):
        return QuoteKind.DIRECT
    if q.end_para is not None or re.search(r"[.!?]\s+[\[“‘\"A-Z]", text):
        return QuoteKind.DIRECT
    # A long complete clause, not a verb phrase continuing the writer's sentence.
    complete = text.rstrip().endswith((".", "!", "?")) or _cue_follows(q)
    if words >= 10 and not _VERBISH_START.match(text) and complete:
        return QuoteKind.DIRECT
    return QuoteKind.PARTIAL


def _cue_follows(q: _Quote) -> bool:
    """Is the closing mark directly followed by an attribution ("…,” according to X")?"""
    para, span = q.para, q.span
    end = para.passage.start + span.end + 1
    body_text = para.passage.text
    for c in para.cues[q.sentence]:
        head = min(c.start, c.subject_start if c.subject_start is not None else c.start)
        if head >= end and _ADJACENT.match(body_text[end - para.passage.start:head - para.passage.start]):
            return True
    return False


def _confidence(q: _Quote) -> float:
    if q.speaker is None:
        return 0.3
    base = {"after": 0.95, "before": 0.9, "elided": 0.8, "according": 0.8, "next": 0.75, "colon-subject": 0.7,
            "previous": 0.8, "colon": 0.75, "label": 0.9, "loose": 0.6, "adjacent": 0.6, "continuation": 0.7}.get(q.how, 0.5)
    if q.speaker.text and q.speaker.text.lower() in {"he", "she", "they", "i", "we"}:
        base -= 0.05
    return round(base, 2)


def _indirect(paras: list[_Para]) -> list[QuoteResult]:
    """Reported speech in sentences without any quotation mark."""
    out: list[QuoteResult] = []
    for para in paras:
        for (a, b), cues in zip(para.sentences, para.cues, strict=True):
            sentence = para.passage.text[a:b]
            if any(ch in sentence for ch in "“”\"‘") or not cues:
                continue
            for c in cues:
                result = _indirect_clause(para, c, b)
                if result is not None:
                    out.append(result)
                    break
    return out


_INDIRECT_OK = {"say", "tell", "add", "note", "warn", "argue", "claim", "insist", "explain", "stress",
                "emphasise", "write", "declare", "announce", "state", "admit", "acknowledge",
                "concede", "suggest", "predict", "caution", "observe", "confirm", "deny", "assert",
                "maintain", "reiterate", "conclude", "point out", "remark", "boast", "complain",
                "lament", "respond", "reply"}


def _indirect_clause(para: _Para, cue: Cue, sent_end: int) -> QuoteResult | None:
    if cue.subject is None or cue.inverted or cue.stem not in _INDIRECT_OK:
        return None
    if cue.subject.kind == SpeakerKind.PERSON and not cue.subject.strict:
        return None
    base = para.passage.start
    rest = para.passage.text[cue.end - base:sent_end]
    m = re.match(r"^(?:\s+(?:reporters|journalists|the\s+\w+|\w+|[A-Z][\w.]*(?:\s+[A-Z]\w*)*))??"
                 r"(?:\s+(?:on|in|at|last|this)\s+[\w ]{1,30}?)??\s+(that\s+)?(?P<clause>[^:;]{12,})$", rest)
    if not m or rest.lstrip().startswith((":", ",")):
        return None
    if cue.stem == "tell" and not m.group(1):
        return None  # "told Newsweek" without "that": the listener only
    clause = m.group("clause").rstrip(" .")
    if len(clause.split()) < 4 or (not m.group(1) and re.match(
            r"(?:to|so|it\.|nothing|against|about|of|for|on|in|with|at|by|from|after|before|during|into|"
            r"over|through|up|out|off|as|when|while|if|because|and|but)\b", clause)):
        return None
    start = cue.end + m.start("clause")
    return QuoteResult(
        text=clause, start=start, end=start + len(clause), passage_index=para.passage.index,
        kind=QuoteKind.INDIRECT, cue=cue.word, speaker_text=cue.subject.text,
        speaker_kind=cue.subject.kind, speaker=cue.subject.name, confidence=0.6,
    )


__all__ = ["extract_people_and_quotes"]
