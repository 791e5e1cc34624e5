"""Splitting passages into runs for templates, which escape every run.

A passage's text is cut wherever a quote or an annotation starts or ends, so
that each run knows the quote and the annotation (if any) covering it. Quotes
do not overlap each other, nor annotations each other, in what this renders:
where they would, the earlier one wins.

The work is linear in the runs produced (after one sort): an article of a few
thousand quotes in one passage renders as fast as it reads.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
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


Span = tuple[int, int, Any]


def _order(item) -> tuple[int, int]:
    return item.start, -item.end


def _clip(passage, items: Iterable) -> list[Span]:
    """Items (sorted by start, longest first) inside the passage, clipped to it, without overlaps."""
    kept: list[Span] = []
    cursor = passage.start
    for item in items:
        start, end = max(item.start, passage.start), min(item.end, passage.end)
        if start >= end or start < cursor:
            continue
        kept.append((start, end, item))
        cursor = end
    return kept


def _runs(passage, quote_spans: list[Span], note_spans: list[Span]) -> list[Segment]:
    cuts = {passage.start, passage.end}
    for start, end, _ in quote_spans:
        cuts.update((start, end))
    for start, end, _ in note_spans:
        cuts.update((start, end))
    runs: list[Segment] = []
    qi = ni = 0  # each layer is sorted and without overlaps: one pointer per layer walks it once
    for start, end in pairwise(sorted(cuts)):
        while qi < len(quote_spans) and quote_spans[qi][1] <= start:
            qi += 1
        while ni < len(note_spans) and note_spans[ni][1] <= start:
            ni += 1
        quote_span = quote_spans[qi] if qi < len(quote_spans) and quote_spans[qi][0] <= start else None
        note_span = note_spans[ni] if ni < len(note_spans) and note_spans[ni][0] <= start else None
        runs.append(Segment(
            text=passage.text[start - passage.start : end - passage.start],
            quote=quote_span[2] if quote_span else None,
            annotation=note_span[2] if note_span else None,
            quote_starts=quote_span is not None and quote_span[0] == start,
            annotation_ends=note_span is not None and note_span[1] == end,
        ))
    return runs


def segments(passage, quotes: Iterable, annotations: Iterable = ()) -> list[Segment]:
    """One passage's runs. For a whole article use :func:`article_segments`, which sorts once."""
    return _runs(
        passage, _clip(passage, sorted(quotes, key=_order)), _clip(passage, sorted(annotations, key=_order))
    )


class _Sweep:
    """Walks items sorted by start alongside passages sorted by start, keeping only those that can
    still reach the current passage, so each passage sees just the items that touch it."""

    def __init__(self, items: Iterable) -> None:
        self.items = sorted(items, key=_order)
        self.next = 0
        self.active: list = []

    def touching(self, passage) -> list:
        while self.next < len(self.items) and self.items[self.next].start < passage.end:
            self.active.append(self.items[self.next])
            self.next += 1
        self.active = [item for item in self.active if item.end > passage.start]
        return self.active


def article_segments(passages: Sequence, quotes: Iterable, annotations: Iterable = ()) -> list[list[Segment]]:
    """Every passage's runs, in the passages' order: one sort, then one pass over passages and items
    (calling :func:`segments` per passage would sort every quote once per passage)."""
    order = sorted(range(len(passages)), key=lambda i: passages[i].start)
    quote_sweep, note_sweep = _Sweep(quotes), _Sweep(annotations)
    runs: list[list[Segment]] = [[] for _ in passages]
    for i in order:
        passage = passages[i]
        runs[i] = _runs(passage, _clip(passage, quote_sweep.touching(passage)),
                        _clip(passage, note_sweep.touching(passage)))
    return runs
