"""Finding the spans between quotation marks in one paragraph.

Handles curly and straight, double and single marks. The hard case is ’,
which is both the closing single quotation mark and the apostrophe
("People’s", "shouldn’t", "allies’"): a ’ followed by a letter is always an
apostrophe; among the other candidates a closer next to punctuation wins.
A mark of the other kind inside an open quotation is nested and ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "“„«"
DOUBLE_CLOSE = {"“": "”", "„": "“", "«": "»"}
_OPEN_CONTEXT = " \t\n([{—–-/:;,…“‘\"'"
_PUNCT_BEFORE_CLOSE = ".,!?;:…—–-)]"
_PUNCT_AFTER_CLOSE = ".,;:!?)]—–-…”\"'’"
# Every character _is_opener can accept: the scan jumps between these instead of testing each
# character of the paragraph in Python (most of a paragraph's characters are not marks).
_CANDIDATE = re.compile("[" + re.escape(DOUBLE_OPEN + "\"‘'") + "]")


@dataclass(slots=True)
class MarkedSpan:
    """Inner text of a quotation in passage-relative offsets."""

    start: int  # first character after the opening mark
    end: int  # the closing mark's position (or the passage end when unclosed)
    mark: str  # the opening mark
    closed: bool


def find_quoted(text: str) -> list[MarkedSpan]:
    """All top-level quoted spans of a paragraph, in order."""
    spans: list[MarkedSpan] = []
    i, n = 0, len(text)
    while i < n:
        candidate = _CANDIDATE.search(text, i)
        if candidate is None:
            break
        i = candidate.start()
        c = text[i]
        if _is_opener(text, i):
            close = _find_close(text, i)
            if close is None:
                end = _unclosed_end(text, i)
                spans.append(MarkedSpan(i + 1, end, c, False))
                i = end
                continue
            spans.append(MarkedSpan(i + 1, close, c, True))
            i = close + 1
            continue
        i += 1
    return [s for s in spans if text[s.start:s.end].strip()]


def mask(text: str, spans: list[MarkedSpan]) -> str:
    """The paragraph with quoted words blanked out (same length), keeping a
    quotation's final .!? so that sentence splitting still sees it end."""
    chars = list(text)
    for span in spans:
        inner = text[span.start:span.end]
        keep = len(inner.rstrip()) - 1
        for k in range(span.start, span.end):
            rel = k - span.start
            if rel == keep and inner[rel] in ".!?…":
                continue
            chars[k] = "x"
    return "".join(chars)


def _is_opener(text: str, i: int) -> bool:
    c = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if c in DOUBLE_OPEN:
        return not nxt.isspace()
    if c == '"':
        return prev in _OPEN_CONTEXT and not nxt.isspace()
    if c == "‘":
        return prev in _OPEN_CONTEXT and not nxt.isspace()
    if c == "'":
        # Straight single quote opens only before a word ("'90s" is an elision).
        return prev in _OPEN_CONTEXT and (nxt.isalpha() or nxt in "[…")
    return False


def _find_close(text: str, i: int) -> int | None:
    c = text[i]
    if c in DOUBLE_OPEN:
        return _find_double_close(text, i, DOUBLE_CLOSE[c])
    if c == '"':
        return _find_straight_double_close(text, i)
    return _find_single_close(text, i, "’" if c == "‘" else "'")


def _find_double_close(text: str, i: int, closer: str) -> int | None:
    opener = text[i]
    j = text.find(closer, i + 1)
    again = text.find(opener, i + 1)
    if j == -1 or (again != -1 and again < j and opener != closer):
        # Pasted text mixes styles: '“… the FBI," Jane Doe said' closes with a straight mark.
        straight = _find_straight_double_close(text, i)
        if straight is not None and (again == -1 or straight < again) and (j == -1 or straight < j):
            return straight
        return None  # missing closing mark: a new quotation starts first
    return j


def _find_straight_double_close(text: str, i: int) -> int | None:
    j = i + 1
    while True:
        j = text.find('"', j)
        if j == -1:
            return None
        prev = text[j - 1]
        nxt = text[j + 1] if j + 1 < len(text) else " "
        if not prev.isspace() and (nxt.isspace() or nxt in _PUNCT_AFTER_CLOSE):
            return j
        if prev.isspace():
            return None  # looks like the next opening mark: this one was never closed
        j += 1


def _find_single_close(text: str, i: int, closer: str) -> int | None:
    weak: int | None = None
    j = i + 1
    while True:
        j = text.find(closer, j)
        if j == -1:
            return weak
        prev = text[j - 1]
        nxt = text[j + 1] if j + 1 < len(text) else " "
        if nxt.isalnum() or prev.isspace():
            j += 1  # apostrophe inside a word ("People’s", "don’t") or an opener
            continue
        if prev in _PUNCT_BEFORE_CLOSE or nxt in _PUNCT_AFTER_CLOSE or j + 1 == len(text):
            return j
        if prev.lower() == "s" and weak is None:
            weak = j  # "allies’ support": a closer only if nothing better follows
        elif weak is None:
            return j
        j += 1


def _unclosed_end(text: str, i: int) -> int:
    """An unclosed quotation runs to the next opening mark of its kind or the paragraph end."""
    c = text[i]
    if c in DOUBLE_OPEN or c == '"':
        nxt = text.find(c, i + 1)
        if nxt != -1:
            end = nxt
            while end > i + 1 and text[end - 1].isspace():
                end -= 1
            return end
    return len(text.rstrip())
