"""Splitting passages into plain and marked runs for templates, which escape every run."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(slots=True)
class Segment:
    text: str
    mark: Any = None  # the Quote (or other object) that covers this run, if any


def segments(passage, marks: list) -> list[Segment]:
    """Cut ``passage.text`` at the body offsets of ``marks`` (objects with start/end).

    Marks that overlap an earlier one are left out rather than nested, so the
    output is always a flat sequence a template can render safely.
    """
    runs: list[Segment] = []
    cursor = passage.start
    for mark in sorted(marks, key=lambda m: (m.start, -m.end)):
        start, end = max(mark.start, passage.start), min(mark.end, passage.end)
        if start < cursor or start >= end:
            continue
        if start > cursor:
            runs.append(Segment(passage.text[cursor - passage.start : start - passage.start]))
        runs.append(Segment(passage.text[start - passage.start : end - passage.start], mark))
        cursor = end
    if cursor < passage.end:
        runs.append(Segment(passage.text[cursor - passage.start :]))
    return runs
