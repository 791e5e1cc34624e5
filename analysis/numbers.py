"""Numbers written in digits or words, with scales, currencies, percentages and ranges.

Supported (each a :class:`Quantity` with a value range):

* digits: "11,000", "1.5", "950,000"; with a scale: "1.5 million", "$60bn", "£2.5bn",
  "€3 billion", "400m", "20k"
* words: "six", "twenty-five", "three hundred and fifty", "a million", "half a million",
  "two dozen", "a dozen", "eight million"
* percentages: "40 percent", "40 per cent", "40%"
* currencies: "$" / "US$" (USD), "£" (GBP), "€" (EUR), or a trailing "dollars", "pounds", "euros"
* ranges: "1,500 to 12,000", "between 2 and 3 million" (the scale is shared), "10-15", "10–15"

Vague plurals ("dozens", "hundreds", "thousands of", "tens of thousands") are not
numbers here: they cannot be compared across articles, so they are never figures.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 1_000_000_000_000,
}
SHORT_SCALES = {
    "k": 1_000,
    "m": 1_000_000,
    "mn": 1_000_000,
    "mln": 1_000_000,
    "bn": 1_000_000_000,
    "b": 1_000_000_000,
    "tn": 1_000_000_000_000,
    "trn": 1_000_000_000_000,
}
CURRENCY_SIGNS = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR"}
CURRENCY_WORDS = {
    "dollars": "USD",
    "dollar": "USD",
    "pounds": "GBP",
    "euros": "EUR",
    "euro": "EUR",
    "roubles": "RUB",
    "rubles": "RUB",
    "yuan": "CNY",
    "hryvnias": "UAH",
}


def trie_pattern(words: Iterable[str]) -> str:
    """One regex alternation shaped like a trie: each position branches on one character,
    so Python's engine never retries hundreds of alternatives; optional tails are greedy,
    so the longest alias wins (and backtracks to a shorter one if the boundary fails)."""
    trie: dict = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}

    def build(node: dict) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


_SCALE_WORDS = "|".join(SCALES)
# A trie, not a flat alternation: the engine tries one branch per letter at each word start.
_WORD_TOKEN = "(?:" + trie_pattern([*UNITS, *SCALES, "dozen"]) + ")"
# "a" and "half a" only count in front of a scale word ("a million", "half a million").
_WORDS = (
    rf"(?:(?:half\s+a|a)\s+(?:{_SCALE_WORDS}|dozen)|{_WORD_TOKEN})"
    rf"(?:(?:[\s\-]+(?:and\s+)?){_WORD_TOKEN})*"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_QUANTITY = (
    r"(?P<cur>US\$|[$£€])?\s?"
    rf"(?P<num>{_DIGITS}|(?<![\w\-]){_WORDS}\b)"
    rf"(?:\s?(?P<scale>{_SCALE_WORDS}|bn|mn|mln|tn|trn|[kmb])\b)?"
    r"(?:\s?(?P<pct>%|percent\b|per\s+cent\b))?"
    r"(?:\s(?P<curword>dollars|pounds|euros|roubles|rubles|yuan)\b)?"
)
# Not glued to letters or codes ("KN-23", "F-16s", "1950s", "45-year-old", "10:30"); a hyphen
# between two numbers is a range ("1,200-1,500").
QUANTITY = re.compile(r"(?<![\w./,:])(?<![A-Za-z]-)" + _QUANTITY + r"(?![\w]|-[A-Za-z]|[.,:]\d)", re.IGNORECASE)
RANGE_JOINER = re.compile(r"\s*(?:to|[\-–—]|and|or)\s*", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Quantity:
    start: int
    end: int
    text: str
    value: float
    unit: str | None  # "%" or a currency code
    has_scale: bool
    scale: float  # the multiplier written after the number (1 when none)
    digits: bool  # written in digits (years, codes and dates are digits)
    bare_digits: str  # the digits as written, without separators: "2019", "1,500" -> "1500"


def words_to_number(text: str) -> float | None:
    """'three hundred and fifty' -> 350, 'half a million' -> 500000, 'two dozen' -> 24."""
    tokens = [t for t in re.split(r"[\s\-]+", text.lower()) if t and t != "and"]
    total, current, seen = 0.0, 0.0, False
    half = False
    for i, token in enumerate(tokens):
        if token == "half" and i == 0:
            half = True
        elif token == "a":
            current = max(current, 1)
        elif token in UNITS:
            current += UNITS[token]
            seen = True
        elif token == "dozen":
            current = max(current, 1) * 12
            seen = True
        elif token == "hundred":
            current = max(current, 1) * 100
            seen = True
        elif token in SCALES:
            total += max(current, 1) * SCALES[token]
            current = 0
            seen = True
        else:
            return None
    if not seen:
        return None
    value = total + current
    return value / 2 if half else value


def _quantity(m: re.Match[str], offset: int = 0) -> Quantity | None:
    num = m.group("num")
    digits = num[0].isdigit()
    if digits:
        value = float(num.replace(",", ""))
    else:
        parsed = words_to_number(num)
        if parsed is None:
            return None
        value = parsed
    scale_word = (m.group("scale") or "").lower()
    scale = SCALES.get(scale_word) or SHORT_SCALES.get(scale_word) or 1
    # A bare "m"/"b"/"k" is a scale only when glued to digits or after a currency ("$5m", "400m").
    if scale_word in SHORT_SCALES and not (
        digits and (m.group("cur") or not m.group(0)[m.end("num") - m.start()].isspace())
    ):
        return None
    unit = None
    if m.group("pct"):
        unit = "%"
    elif m.group("cur"):
        unit = CURRENCY_SIGNS[m.group("cur").upper()]
    elif m.group("curword"):
        unit = CURRENCY_WORDS[m.group("curword").lower()]
    return Quantity(
        start=m.start() + offset,
        end=m.end() + offset,
        text=m.group(0),
        value=value * scale,
        unit=unit,
        has_scale=bool(scale_word),
        scale=scale,
        digits=digits,
        bare_digits=num.replace(",", "") if digits else "",
    )


def find_quantities(text: str) -> list[Quantity]:
    """Every number expression in ``text``, left to right (ranges are joined by the caller)."""
    found = []
    for m in QUANTITY.finditer(text):
        q = _quantity(m)
        if q is not None:
            found.append(q)
    return found


def join_range(low: Quantity, high: Quantity) -> tuple[float, float]:
    """Values of "2 to 3 million": the low end borrows the high end's scale and unit."""
    lo, hi = low.value, high.value
    if not low.has_scale and high.has_scale and lo * high.scale <= hi:
        lo *= high.scale
    return lo, hi
