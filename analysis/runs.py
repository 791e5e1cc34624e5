"""Continuation quotes: a quotation with no cue of its own carries on the last speaker's run.

By newspaper convention, '“We will appeal,” Ana Ruiz said.' followed (in the same
paragraph or the next ones) by '“This ruling ignores the evidence.”' is still Ana
Ruiz. The run ends at a new cue with a speaker, at a person named as the subject of
a sentence in between, or after two paragraphs without an attribution.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from analysis.attribution import Attributor, Speaker
from analysis.results import SpeakerKind

MAX_PARAGRAPHS_BACK = 2


def continue_runs(quotes, paras, attributor: Attributor) -> None:
    """Give each unattributed quote that opens its sentence the speaker of the run it continues.

    ``quotes`` and ``paras`` are the quote extractor's working objects, in reading order.
    """
    order = {id(p): k for k, p in enumerate(paras)}
    events: list[tuple[int, int, Speaker]] = []  # (body offset, paragraph number, speaker)
    for para in paras:
        for cues in para.cues:
            for c in cues:
                if c.subject is not None:
                    events.append((c.start, order[id(para)], c.subject))
    for q in quotes:
        if q.speaker is not None:
            events.append((q.para.passage.start + q.span.start, order[id(q.para)], q.speaker))
    events.sort(key=lambda e: e[0])
    starts = [e[0] for e in events]
    for q in quotes:
        if q.speaker is not None or not _opens_sentence(q):
            continue
        at = q.para.passage.start + q.span.start - 1
        i = bisect.bisect_left(starts, at) - 1
        if i < 0:
            continue
        pos, para_no, speaker = events[i]
        if order[id(q.para)] - para_no > MAX_PARAGRAPHS_BACK or _new_subject(attributor, speaker, pos, at):
            continue
        if speaker.kind == SpeakerKind.PERSON and speaker.text and speaker.text.lower() in {"i", "we"}:
            continue
        q.speaker, q.cue, q.how = replace(speaker, strict=False), None, "continuation"
        k = bisect.bisect_left(starts, at)
        starts.insert(k, at)
        events.insert(k, (at, order[id(q.para)], q.speaker))


def _opens_sentence(q) -> bool:
    a, b = q.para.sentences[q.sentence]
    lead = q.para.masked[a:q.span.start - 1]
    if lead.strip(" \t'‘“\"—–-"):
        return False
    # The rest of the sentence holds no words of the writer's ('“…” That is what Doe fears.').
    end = q.span.end + (1 if q.span.closed else 0)
    rest = q.para.masked[end:b]
    return not re.search(r"\w", re.sub(r"x{2,}", "", rest))


def _new_subject(attributor: Attributor, speaker: Speaker, lo: int, hi: int) -> bool:
    """Is another person named as a sentence's subject between the run's last attribution and here?"""
    own = speaker.entity
    for m in attributor.mentions_in(lo + 1, hi):
        ent = attributor.cast.person_of.get(id(m))
        if own is not None and ent is own:
            continue
        if attributor.is_subject(m):
            return True
    return False
