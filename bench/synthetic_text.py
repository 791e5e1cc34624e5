"""Words and sentence templates for the synthetic benchmark corpus (see bench/synthetic.py).

Everything here is invented or generic: people's names are built from syllables that
are not real names, outlets are "Synthetic …", organisations are invented. Countries
and themes are the real reference tables, because pages are about them.
"""

from __future__ import annotations

import random

# Syllables chosen so that combinations read as names without being anyone's name.
GIVEN_HEADS = ["Zel", "Vor", "Quil", "Orn", "Thal", "Bex", "Yss", "Drov", "Kav", "Mirr", "Lun", "Vos",
               "Pell", "Sarn", "Ilv", "Tov", "Rhe", "Ved", "Cael", "Fenn", "Ost", "Jur", "Nev", "Ulm"]
GIVEN_TAILS = ["ven", "dra", "mor", "ix", "ael", "ond", "ura", "eth", "isa", "oric", "ane", "ubel", "ita", "orn"]
SURNAME_HEADS = ["Karsk", "Vell", "Dumbr", "Ostr", "Halv", "Przem", "Quor", "Tesk", "Yarv", "Bolm",
                 "Grend", "Ulv", "Marr", "Sivv", "Throk", "Evd", "Lorr", "Nask", "Wend", "Zobr"]
SURNAME_MIDS = ["", "a", "e", "i", "o", "u", "av", "el", "ig"]
SURNAME_TAILS = ["owicz", "enko", "aard", "ström", "ello", "anyi", "oune", "ashvili", "ovar", "ethby", "urian", "ikkel"]

PLACE_HEADS = ["Marv", "Ostel", "Quen", "Brask", "Tull", "Vesk", "Harn", "Ybr", "Corv", "Dell"]
PLACE_TAILS = ["holm", "ara", "ingen", "avia", "wick", "ora", "stad", "oy"]
ORG_PATTERNS = ["{p} Institute for Strategic Studies", "University of {p}", "{p} Centre for Security Policy",
                "{p} Foundation", "{p} Council on World Affairs", "{p} School of Government", "{p} Defence Academy"]
ROLES = {
    "expert": ["senior fellow", "professor of international relations", "defence analyst", "research director",
               "economist", "lecturer in security studies"],
    "official": ["spokesperson", "deputy foreign minister", "senior diplomat", "defence official", "ambassador"],
    "leader": ["president", "prime minister", "party leader"],
    "journalist": ["correspondent", "columnist", "foreign editor"],
    "other": ["commentator", "former adviser", "author"],
}
OUTLET_WORDS = ["Courier", "Gazette", "Review", "Dispatch", "Monitor", "Ledger", "Observer", "Herald",
                "Chronicle", "Bulletin"]
ANONYMOUS = ["a senior official", "a diplomat familiar with the talks", "a Western intelligence officer",
             "an adviser to the government", "a person briefed on the plans"]

# Generic words for variety in the full-text index; none of them is a theme keyword.
_FILLER_TEXT = ("government officials border talks pressure winter frontline capital parliament ministers leaders "
          "week month year region summit visit statement policy budget election coalition agency ports "
          "railways factories farmers markets voters analysts advisers generals envoys delegations "
          "corridor grain fuel prices shortages reform court ruling protest crowd square harbour airfield "
          "convoy bridge province district coastline satellite images report briefing interview")
FILLER = _FILLER_TEXT.split()
RARE_WORD = "thalassocracy"  # the bench's rare search word

NARRATIVE = [
    "Officials in {c1} said little about {kw} this week, as {f1} and {f2} dominated the {f3}.",
    "The meeting between {c1} and {c2} turned on {kw}, according to {f1} who followed the {f2}.",
    "For months {c1} has watched {c2} closely, and the {f1} over {kw} has not eased.",
    "Few in {c1} expect a quick answer on {kw}; the {f1} in {c2} have other {f2} in mind.",
    "The debate over {kw} now reaches well beyond {c1}, into the {f1} of {c2}.",
    "In {c1}, the {f1} on {kw} came after a {f2} of {f3} near the {f4}.",
    "Markets in {c2} reacted to the news on {kw} with caution, and {f1} rose in {c1}.",
    "Nothing in the latest {f1} from {c1} suggests a change of course on {kw}.",
]
QUOTED = [
    "{C1} will not accept {kw} on these terms",
    "The question of {kw} is now unavoidable for {c1} and for {c2}",
    "We have seen this before, and {kw} never ends where its authors think",
    "What {c1} wants is time, and {kw} buys it time",
    "Nobody in {c2} believes that {kw} can be reversed this year",
    "The {f1} around {kw} tells you more than any {f2}",
    "If {c1} moves first on {kw}, {c2} will have to answer",
    "This is about {kw}, not about the {f1} in {c2}",
]
CUES = ["said", "told reporters", "argued", "warned", "added", "wrote", "noted"]
HEADLINES = [
    "{C1} and {C2} weigh the cost of {kw}",
    "Why {kw} matters more to {C1} than it admits",
    "The long shadow of {kw} over {C1}",
    "{C1} bets on {kw} as {C2} hesitates",
    "What {kw} means for {C1}, {C2} and their neighbours",
]
FIGURE_TOPICS = ["troops deployed", "refugees registered", "drones launched", "tonnes of grain shipped",
                 "artillery shells delivered", "barrels of oil a day", "prisoners exchanged", "sanctioned companies"]

_STAR_ENDINGS = {"allian": "alliance", "mercenar": "mercenaries", "casualt": "casualties", "diplomac": "diplomacy", "hegemon": "hegemony",
                 "widen": "widening", "nuclear": "nuclear", "information war": "information warfare"}


ACRONYMS = {"nato", "brics", "lng", "gdp", "opec", "icbm"}


def keyword_phrase(keyword: str) -> str:
    """A printable phrase for a theme keyword: "escalat*" becomes "escalation", "sanction*" "sanctions"."""
    if keyword in ACRONYMS:
        return keyword.upper()
    if "*" not in keyword:
        return keyword
    words = []
    for word in keyword.split():
        if word.endswith("*"):
            stem = word[:-1]
            if stem in _STAR_ENDINGS:
                word = _STAR_ENDINGS[stem]
            elif stem.endswith("at"):
                word = stem + "ion"
            elif stem.endswith(("is", "iz")):
                word = stem + "ation"
            else:
                word = stem + "s"
        words.append(word)
    return " ".join(words)


def invented_name(rng: random.Random) -> tuple[str, str]:
    """(given name, surname) built from syllables."""
    given = rng.choice(GIVEN_HEADS) + rng.choice(GIVEN_TAILS)
    surname = rng.choice(SURNAME_HEADS) + rng.choice(SURNAME_MIDS) + rng.choice(SURNAME_TAILS)
    return given, surname


def invented_place(rng: random.Random) -> str:
    return rng.choice(PLACE_HEADS) + rng.choice(PLACE_TAILS)


def filler(rng: random.Random) -> dict[str, str]:
    words = rng.sample(FILLER, 4)
    return {"f1": words[0], "f2": words[1], "f3": words[2], "f4": words[3]}
