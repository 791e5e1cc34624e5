"""Splitting passages into runs for templates, which escape every run.

A passage's text is cut wherever a quote or an annotation starts or ends, so
that each run knows the quote and the annotation (if any) covering it. Quotes
do not overlap each other, nor annotations each other, in what this renders:
where they would, the earlier one wins.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise
from typing import Any


@dataclass(slots=True)
class Segment:
    text: str
    quote: Any = None
    annotation: Any = None
    quote_starts: bool = False  # the first run of its quote: carries the quote's anchor id
    annotation_ends: bool = False  # the last run of its annotation: carries the note's marker

    @property
    def mark(self) -> Any:  # kept for templates that only care about quotes
        return self.quote


def _layer(passage, items: list) -> list:
    """Items inside the passage, clipped to it, without overlaps."""
    kept, cursor = [], passage.start
    for item in sorted(items, key=lambda i: (i.start, -i.end)):
        start, end = max(item.start, passage.start), min(item.end, passage.end)
        if start >= end or start < cursor:
            continue
        kept.append((start, end, item))
        cursor = end
    return kept


def segments(passage, quotes: list, annotations: list = ()) -> list[Segment]:
    quote_spans = _layer(passage, quotes)
    note_spans = _layer(passage, list(annotations))
    cuts = {passage.start, passage.end}
    for start, end, _ in quote_spans + note_spans:
        cuts.update((start, end))
    bounds = sorted(cuts)
    runs: list[Segment] = []
    for start, end in pairwise(bounds):
        quote = next((q for s, e, q in quote_spans if s <= start and end <= e), None)
        note = next((n for s, e, n in note_spans if s <= start and end <= e), None)
        runs.append(Segment(
            text=passage.text[start - passage.start : end - passage.start],
            quote=quote,
            annotation=note,
            quote_starts=quote is not None and any(s == start and q is quote for s, _, q in quote_spans),
            annotation_ends=note is not None and any(e == end and n is note for _, e, n in note_spans),
        ))
    return runs
