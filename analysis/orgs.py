"""What a capitalised span is when it is not a person: organisation or place.

Rules and small general-knowledge lists only (no model): organisation head
words ("University", "Council", "Army"), well-known organisation names and
acronyms, and country/place/demonym words.
"""

from __future__ import annotations

import re
from functools import lru_cache

import pycountry

from analysis.lexicon import ORG_HEADS
from analysis.names import fold

# Well-known organisations that have no head word, with their kind.
KNOWN_ORGS: dict[str, tuple[str, str]] = {
    # folded name: (canonical name, kind)
    "nato": ("NATO", "international"), "un": ("United Nations", "international"),
    "united nations": ("United Nations", "international"), "eu": ("European Union", "international"),
    "brics": ("BRICS", "international"), "g7": ("G7", "international"), "g20": ("G20", "international"),
    "asean": ("ASEAN", "international"), "opec": ("OPEC", "international"),
    "iaea": ("IAEA", "international"), "imf": ("IMF", "international"), "who": ("WHO", "international"),
    "osce": ("OSCE", "international"), "sco": ("SCO", "international"),
    "kremlin": ("Kremlin", "government"), "the kremlin": ("Kremlin", "government"),
    "pentagon": ("Pentagon", "government"), "white house": ("White House", "government"),
    "downing street": ("Downing Street", "government"), "state department": ("State Department", "government"),
    "cia": ("CIA", "government"), "fbi": ("FBI", "government"), "fsb": ("FSB", "government"),
    "gru": ("GRU", "government"), "svr": ("SVR", "government"), "kgb": ("KGB", "government"),
    "mi6": ("MI6", "government"), "mi5": ("MI5", "government"), "mossad": ("Mossad", "government"),
    "sas": ("SAS", "military"), "idf": ("IDF", "military"), "pla": ("PLA", "military"),
    "irgc": ("IRGC", "military"), "wagner": ("Wagner Group", "military"),
    "hamas": ("Hamas", "other"), "hezbollah": ("Hezbollah", "other"), "taliban": ("Taliban", "other"),
    "houthis": ("Houthis", "other"), "isis": ("ISIS", "other"), "al-qaeda": ("al-Qaeda", "other"),
    "getty": ("Getty Images", "media"), "shutterstock": ("Shutterstock", "media"),
    "epa": ("EPA", "media"), "reuters": ("Reuters", "media"), "ap": ("AP", "media"), "afp": ("AFP", "media"),
    "associated press": ("Associated Press", "media"), "bbc": ("BBC", "media"), "cnn": ("CNN", "media"),
    "newsweek": ("Newsweek", "media"), "bloomberg": ("Bloomberg", "media"), "politico": ("Politico", "media"),
    "axios": ("Axios", "media"), "tass": ("TASS", "media"), "ria novosti": ("RIA Novosti", "media"),
    "interfax": ("Interfax", "media"), "xinhua": ("Xinhua", "media"), "kcna": ("KCNA", "media"),
    "yonhap": ("Yonhap", "media"), "al jazeera": ("Al Jazeera", "media"), "fox news": ("Fox News", "media"),
    "nbc": ("NBC", "media"), "cbs": ("CBS", "media"), "abc": ("ABC", "media"), "npr": ("NPR", "media"),
    "sky news": ("Sky News", "media"), "the economist": ("The Economist", "media"),
    "financial times": ("Financial Times", "media"), "ft": ("Financial Times", "media"),
    "the guardian": ("The Guardian", "media"), "the telegraph": ("The Telegraph", "media"),
    "the sunday times": ("The Sunday Times", "media"), "the times": ("The Times", "media"),
    "the new york times": ("The New York Times", "media"), "new york times": ("The New York Times", "media"),
    "the washington post": ("The Washington Post", "media"), "washington post": ("The Washington Post", "media"),
    "wall street journal": ("The Wall Street Journal", "media"), "rt": ("RT", "media"),
    "starlink": ("Starlink", "company"), "spacex": ("SpaceX", "company"), "tesla": ("Tesla", "company"),
    "google": ("Google", "company"), "meta": ("Meta", "company"), "facebook": ("Facebook", "company"),
    "amazon": ("Amazon", "company"), "apple": ("Apple", "company"), "microsoft": ("Microsoft", "company"),
    "openai": ("OpenAI", "company"), "gazprom": ("Gazprom", "company"), "rosneft": ("Rosneft", "company"),
    "huawei": ("Huawei", "company"), "tiktok": ("TikTok", "company"), "telegram": ("Telegram", "company"),
    "twitter": ("Twitter", "company"), "nvidia": ("Nvidia", "company"), "boeing": ("Boeing", "company"),
    "lockheed martin": ("Lockheed Martin", "company"), "isw": ("ISW", "think_tank"),
    "rand": ("RAND", "think_tank"), "chatham house": ("Chatham House", "think_tank"),
    "rusi": ("RUSI", "think_tank"), "csis": ("CSIS", "think_tank"), "iiss": ("IISS", "think_tank"),
    "brookings": ("Brookings Institution", "think_tank"), "atlantic council": ("Atlantic Council", "think_tank"),
    "council on foreign relations": ("Council on Foreign Relations", "think_tank"),
    "european council on foreign relations": ("European Council on Foreign Relations", "think_tank"),
}

US_STATES = set(
    ["AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "DC"]
)

NOT_ORG_ACRONYMS = {"GDP", "GNP", "CEO", "CFO", "COVID", "AI", "EV", "LNG", "GMT", "UTC", "TV", "PM", "MP",
                    "OK", "USD", "EUR", "GBP", "CPI", "VAT", "IPO", "PhD", "HIV", "AIDS", "ICBM", "MLRS",
                    "HIMARS", "ATACMS", "WWII", "WWI", "II", "III", "IV", "BC", "AD"}

# Words that make a span a place, a period or an event rather than a person.
GEO_WORDS = {
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "far", "middle", "upper", "lower", "greater", "peninsula", "sea", "ocean", "river", "gulf",
    "strait", "straits", "island", "islands", "mountains", "valley", "bay", "republic", "kingdom",
    "states", "emirates", "oblast", "province", "region", "city", "war", "summit", "street",
    "square", "day", "county", "district", "coast", "bank", "strip", "heights", "basin", "canal",
    "lake", "desert", "plain", "pacific", "atlantic", "arctic", "indo-pacific", "front", "line",
    "airport", "port", "station", "palace", "hall", "treaty", "accord", "accords", "agreement",
    "doctrine", "plan", "operation", "act", "bill", "prize", "award", "olympics", "cup", "games",
    "revolution", "crisis", "conference", "declaration", "charter", "protocol", "convention",
    "communist", "soviet", "nazi", "empire", "dynasty", "era", "age", "christmas", "easter",
    "ramadan", "new", "year", "europe", "asia", "africa", "america", "americas", "eurasia",
    "balkans", "caucasus", "baltic", "baltics", "sahel", "levant", "crimea", "donbas", "west bank",
    "kazan", "moscow", "kyiv", "kiev", "beijing", "washington", "london", "paris", "berlin",
    "pyongyang", "seoul", "tokyo", "tehran", "brussels", "geneva", "new york", "jerusalem",
    "gaza", "internet", "english", "russian", "ukrainian", "chinese",
}

_DEMONYMS = {
    "american", "americans", "british", "briton", "britons", "english", "scottish", "welsh", "irish",
    "french", "german", "germans", "italian", "spanish", "portuguese", "dutch", "belgian", "swiss",
    "austrian", "polish", "czech", "slovak", "hungarian", "romanian", "bulgarian", "greek", "turkish",
    "russian", "russians", "ukrainian", "ukrainians", "belarusian", "belarusians", "georgian",
    "armenian", "azerbaijani", "kazakh", "uzbek", "chinese", "japanese", "korean", "koreans",
    "taiwanese", "vietnamese", "thai", "indian", "indians", "pakistani", "afghan", "iranian",
    "iranians", "iraqi", "syrian", "lebanese", "israeli", "israelis", "palestinian", "palestinians",
    "saudi", "emirati", "qatari", "egyptian", "ethiopian", "nigerian", "kenyan", "south african",
    "brazilian", "argentine", "mexican", "canadian", "australian", "european", "europeans", "asian",
    "african", "western", "soviet", "finnish", "swedish", "norwegian", "danish", "estonian",
    "latvian", "lithuanian", "serbian", "croatian", "moldovan", "venezuelan", "cuban", "colombian",
    "chilean", "indonesian", "filipino", "malaysian", "burmese", "north", "south", "arab", "arabs",
    "kurdish", "kurds", "jewish", "muslim", "christian", "catholic", "orthodox", "sunni", "shia",
    "nordic", "baltic", "slavic", "latin", "anglo", "transatlantic", "allied", "nato",
}


@lru_cache(maxsize=1)
def _country_names() -> frozenset[str]:
    names: set[str] = set()
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value:
                names.add(fold(value))
                names.add(fold(re.sub(r",.*$", "", value)))
    names.update({"russia", "iran", "syria", "south korea", "north korea", "taiwan", "vietnam",
                  "laos", "bolivia", "venezuela", "tanzania", "moldova", "czechia", "britain",
                  "great britain", "england", "scotland", "wales", "america", "the us", "us", "u.s.",
                  "uk", "u.k.", "usa", "the west", "west", "palestine", "kosovo", "turkey",
                  "the netherlands", "holland", "the gulf", "the uae", "uae", "ussr", "soviet union",
                  "the soviet union", "the united states", "the united kingdom"})
    return frozenset(names)


def is_country(text: str) -> bool:
    return fold(text.strip()) in _country_names()


def is_demonym(word: str) -> bool:
    return fold(word) in _DEMONYMS


def is_placeish(text: str) -> bool:
    """Country, demonym phrase, or a span with geographic/event words: never a person."""
    folded = fold(text.strip())
    if folded in _country_names() or folded in GEO_WORDS or text.strip() in US_STATES:
        return True
    words = re.split(r"[\s]+", folded)
    if any(w in GEO_WORDS for w in words):
        return True
    if all(w in _DEMONYMS or w in _country_names() for w in words):
        return True
    return any(fold(w) in _country_names() for w in words) and len(words) <= 3 and not org_kind(text)


@lru_cache(maxsize=65536)  # a pure function of the span, asked again for every name and its extensions
def org_kind(text: str) -> str | None:
    """The organisation kind of a capitalised span, or None if it does not look like one."""
    folded = fold(text.strip())
    if folded in KNOWN_ORGS:
        return KNOWN_ORGS[folded][1]
    stripped = re.sub(r"^the\s+", "", folded)
    if stripped in KNOWN_ORGS:
        return KNOWN_ORGS[stripped][1]
    words = [w.strip(".,()'") for w in stripped.split()]
    for word in reversed(words):
        if word in ORG_HEADS:
            return _refine(ORG_HEADS[word], words)
    if (re.fullmatch(r"[A-Z]{2,6}", text.strip()) and not is_country(text) and text.strip() not in US_STATES
            and fold(text.strip()) not in GEO_WORDS and text.strip() not in NOT_ORG_ACRONYMS):
        return "other"  # an unknown acronym: BBC-like, never a person
    return None


def _refine(kind: str, words: list[str]) -> str:
    """'National Security Council' is government, 'Atlantic Council' a think tank."""
    if kind == "government" and words and words[-1] == "council":
        if any(w in {"security", "state", "national", "federation", "european", "privy"} for w in words):
            return "government"
        return "think_tank"
    return kind


def canonical_org(text: str) -> str:
    folded = fold(text.strip())
    stripped = re.sub(r"^the\s+", "", folded)
    for key in (folded, stripped):
        if key in KNOWN_ORGS:
            return KNOWN_ORGS[key][0]
    return text.strip()


def org_key(text: str) -> str:
    name = canonical_org(text)
    return re.sub(r"[^\w]+", " ", fold(re.sub(r"^(?:the|The)\s+", "", name))).strip()
