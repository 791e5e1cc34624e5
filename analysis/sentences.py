"""A fast rule-based sentence splitter that knows news abbreviations.

It runs on paragraph text whose quotations have been masked (see
``quotemarks.mask``), so it never splits inside a quotation.
"""

from __future__ import annotations

import re

from analysis.lexicon import ABBREVIATIONS, COMMON_CAPS

_BOUNDARY = re.compile(r"[.!?…]+[”’\"')\]]*\s+(?=[“‘\"'(\[]|[A-Z0-9À-Ý])")
_LAST_WORD = re.compile(r"([\w.’'\-]+)[.!?…]+[”’\"')\]]*\s+$")
_DOTTED = re.compile(r"^(?:[A-Za-z]\.){1,}[A-Za-z]?$")
_NEXT_WORD = re.compile(r"[“‘\"'(\[]?([\w’'\-]+)")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of ``text``, whitespace trimmed."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if not _is_boundary(text, match):
            continue
        end = match.start() + len(match.group().rstrip())
        if text[start:end].strip():
            spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def _is_boundary(text: str, match: re.Match) -> bool:
    before = text[max(0, match.start() - 40):match.end()]
    last = _LAST_WORD.search(before)
    if not last:
        return True
    word = last.group(1)
    core = word.rstrip(".").lower()
    nxt = _NEXT_WORD.match(text, match.end())
    next_word = nxt.group(1).lower() if nxt else ""
    if "." in word.rstrip(".") or _DOTTED.match(word + "."):
        # "U.S." / "D.C." end a sentence only before a typical sentence opener.
        if len(core) == 1:
            return False  # an initial: "John F. Kennedy"
        return next_word in COMMON_CAPS
    if core in ABBREVIATIONS:
        return False
    # An initial without other dots ("George W. Bush") does not end a sentence.
    return not (len(core) == 1 and core.isalpha() and word[0].isupper())
