"""Person-name normalisation and matching, within and across articles.

``person_key`` folds spelling variants (case, diacritics, hyphens, titles,
word order) to one key, and maps a title+surname ("President Xi") to the
canonical full name of a well-known public figure when the curated gazetteer
(``data/public_figures.json``) knows exactly one person with that surname.
``same_person`` is the looser test the database layer uses to match a new
mention against existing people: a bare surname may match a full name, two
different full names never match because they share a surname.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from analysis.lexicon import TITLE_RE

DATA = Path(__file__).parent / "data" / "public_figures.json"

# Letters that NFKD does not decompose into ASCII.
_SPECIAL = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ß": "ss",
                          "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ı": "i", "þ": "th"})
_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "phd", "md", "obe", "mbe", "cbe", "kbe", "qc", "kc", "mp"}
_PARTICLES = {"de", "del", "della", "der", "den", "van", "von", "da", "dos", "das", "du", "di", "la",
              "le", "bin", "ibn", "al", "el", "ter", "y", "abu", "ben", "bint"}
# Family-name-first naming traditions: a bare first word may be the surname.
FAMILY_FIRST_SURNAMES = {
    "kim", "lee", "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim", "han", "shin", "oh",
    "seo", "kwon", "hwang", "ahn", "song", "yoo", "hong", "moon", "ri", "choe", "pak", "xi", "li",
    "wang", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu", "xu", "sun", "hu", "zhu",
    "gao", "lin", "he", "guo", "ma", "luo", "liang", "zheng", "xie", "tang", "feng",
    "yu", "dong", "xiao", "cheng", "cao", "yuan", "deng", "fu", "shen", "zeng", "peng", "lu", "su",
    "jiang", "cai", "jia", "ding", "wei", "ye", "pan", "du", "dai", "xia", "zhong", "tian", "ren",
    "fan", "fang", "shi", "yao", "tan", "liao", "zou", "xiong", "jin", "qin", "wen", "mao", "lai",
    "tsai", "ban", "nguyen", "tran", "le", "pham", "hun", "to",
}


@lru_cache(maxsize=65536)  # names are folded again and again while an article is read
def fold(text: str) -> str:
    """Lower-case ASCII fold: 'Erdoğan' -> 'erdogan', 'O’Brien' -> "o'brien"."""
    text = text.translate(_SPECIAL).replace("’", "'").replace("‘", "'")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def strip_titles(name: str) -> str:
    """'President Xi' -> 'Xi'; 'Prof. Jane Doe' -> 'Jane Doe' (keeps a lone title)."""
    # "President Xi of China" -> "Xi": the country is context, not part of the name.
    name = re.sub(r"\s+of\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*$", "", name.strip())
    stripped = TITLE_RE.sub("", name).strip()
    return stripped or name


def name_tokens(name: str) -> list[str]:
    """Folded name words without titles, suffixes or punctuation; hyphens split words."""
    return list(_name_tokens(name))


@lru_cache(maxsize=65536)
def _name_tokens(name: str) -> tuple[str, ...]:
    text = fold(strip_titles(name))
    text = re.sub(r"'s$", "", text)
    words = re.split(r"[\s\-]+", re.sub(r"[^\w\s\-']", " ", text))
    return tuple(w.strip("'") for w in words if w.strip("'") and w.strip("'") not in _SUFFIXES)


def _plain_key(name: str) -> str:
    # Sorted words so that word order does not matter ("Xi Jinping" == "Jinping Xi").
    return " ".join(sorted(name_tokens(name)))


@dataclass(slots=True)
class Figure:
    name: str
    aliases: list[str]
    role: str | None
    country: str | None
    kind: str
    surname: str
    keys: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Gazetteer:
    figures: list[Figure]
    by_key: dict[str, Figure]
    by_surname: dict[str, list[Figure]]

    def lookup(self, name: str) -> Figure | None:
        """The figure this spelling denotes: a full name/alias, or a unique surname."""
        key = _plain_key(name)
        if not key:
            return None
        if key in self.by_key:
            return self.by_key[key]
        matches = self.by_surname.get(key, [])
        # A bare surname only resolves when exactly one *current* figure carries it:
        # "President Erdogan" -> Erdoğan, but "Kim" or "Johnson" stay ambiguous.
        if len(matches) == 1:
            return matches[0]
        return None


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    rows = json.loads(DATA.read_text(encoding="utf-8"))["people"]
    figures: list[Figure] = []
    by_key: dict[str, Figure] = {}
    by_surname: dict[str, list[Figure]] = {}
    for row in rows:
        surname = row.get("surname") or row["name"].split()[-1]
        fig = Figure(row["name"], row.get("aliases", []), row.get("role"), row.get("country"),
                     row.get("kind", "other"), surname)
        figures.append(fig)
        for spelling in [fig.name, *fig.aliases]:
            key = _plain_key(spelling)
            fig.keys.add(key)
            by_key.setdefault(key, fig)
        by_surname.setdefault(_plain_key(surname), []).append(fig)
    return Gazetteer(figures, by_key, by_surname)


def canonical_figure(name: str) -> Figure | None:
    return gazetteer().lookup(name)


def person_key(name: str) -> str:
    """Cross-article matching key for a person's name.

    Folds case, diacritics, hyphens, punctuation, titles and word order; a
    spelling the gazetteer knows ("President Putin", "Kim Jong-un") maps to
    the key of its canonical name.
    """
    figure = canonical_figure(name)
    if figure is not None:
        return _plain_key(figure.name)
    return _plain_key(name)


def surname_of(name: str) -> str:
    """Folded family name: the gazetteer's, else the last word (with particles)."""
    figure = canonical_figure(name)
    if figure is not None:
        return " ".join(name_tokens(figure.surname))
    tokens = name_tokens(name)
    if not tokens:
        return ""
    surname = [tokens[-1]]
    for token in reversed(tokens[:-1]):
        if token in _PARTICLES:
            surname.insert(0, token)
        else:
            break
    return " ".join(surname)


def _given_compatible(a: list[str], b: list[str]) -> bool:
    """Given names agree: equal, or one is an initial/prefix of the other ("J." ~ "John")."""
    if not a or not b:
        return True
    x, y = a[0], b[0]
    if x == y:
        return True
    if len(x) == 1 or len(y) == 1:
        return x[0] == y[0]
    return False


def same_person(a: str, b: str) -> bool:
    """Whether two spellings can denote the same person.

    True for equal keys; for a bare surname (optionally with a title) against a
    full name with that surname ("Silbey" / "David Silbey", "President Xi" /
    "Xi Jinping"); for initials ("J. Smith" / "John Smith"). False for two
    different full names that share a surname ("John Smith" / "Jane Smith").
    """
    key_a, key_b = person_key(a), person_key(b)
    if not key_a or not key_b:
        return False
    if key_a == key_b:
        return True
    ta, tb = name_tokens(a), name_tokens(b)
    fig_a, fig_b = canonical_figure(a), canonical_figure(b)
    if fig_a is not None and fig_b is not None:
        return fig_a is fig_b
    short, full = (ta, tb) if len(ta) <= len(tb) else (tb, ta)
    if len(short) == 1:
        word = short[0]
        # A lone word matches the surname, or the first word of a family-first name.
        return word == full[-1] or (word == full[0] and word in FAMILY_FIRST_SURNAMES)
    if short[-1] != full[-1] and sorted(short) != sorted(full):
        return False
    # Same surname and at least two words each: the given names must agree.
    return _given_compatible(short, full) and all(
        len(w) == 1 or w in full for w in short[1:-1]
    )


def is_alias_of(short: str, full: str) -> bool:
    """Within one article: does a shorter mention ('Garlauskas', 'Kim') refer to ``full``?"""
    ts, tf = name_tokens(short), name_tokens(full)
    if not ts or not tf or len(ts) >= len(tf):
        return False
    if ts == tf[-len(ts):]:
        return True
    if ts == tf[: len(ts)] and ts[0] in FAMILY_FIRST_SURNAMES:
        return True
    figure = canonical_figure(full)
    return figure is not None and " ".join(ts) == " ".join(name_tokens(figure.surname))
