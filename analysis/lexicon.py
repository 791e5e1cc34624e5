"""Word lists shared by the quote, speaker and people extractors.

Everything here is general English newswriting vocabulary, not tied to any
article: speech verbs, titles, role nouns, organisation head words.
"""

from __future__ import annotations

import re

# Speech/reporting verbs that attribute words to a speaker ("cues"). Inflected
# forms are listed because the extractor never lemmatises (speed).
_CUE_STEMS = {
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "add": ["add", "adds", "added", "adding"],
    "note": ["note", "notes", "noted", "noting"],
    "warn": ["warn", "warns", "warned", "warning"],
    "argue": ["argue", "argues", "argued", "arguing"],
    "claim": ["claim", "claims", "claimed", "claiming"],
    "insist": ["insist", "insists", "insisted", "insisting"],
    "explain": ["explain", "explains", "explained", "explaining"],
    "stress": ["stress", "stresses", "stressed", "stressing"],
    "emphasise": ["emphasise", "emphasises", "emphasised", "emphasising",
                  "emphasize", "emphasizes", "emphasized", "emphasizing"],
    "write": ["write", "writes", "wrote", "writing"],
    "ask": ["ask", "asks", "asked", "asking"],
    "reply": ["reply", "replies", "replied", "replying"],
    "respond": ["respond", "responds", "responded"],
    "continue": ["continued", "continues"],
    "declare": ["declare", "declares", "declared", "declaring"],
    "announce": ["announce", "announces", "announced", "announcing"],
    "state": ["stated", "states"],
    "admit": ["admit", "admits", "admitted", "admitting"],
    "acknowledge": ["acknowledge", "acknowledges", "acknowledged", "acknowledging"],
    "concede": ["concede", "concedes", "conceded", "conceding"],
    "suggest": ["suggest", "suggests", "suggested", "suggesting"],
    "predict": ["predict", "predicts", "predicted", "predicting"],
    "caution": ["caution", "cautions", "cautioned", "cautioning"],
    "observe": ["observe", "observes", "observed", "observing"],
    "remark": ["remark", "remarks", "remarked"],
    "recall": ["recall", "recalls", "recalled", "recalling"],
    "proclaim": ["proclaim", "proclaims", "proclaimed", "proclaiming"],
    "tweet": ["tweet", "tweets", "tweeted", "tweeting"],
    "post": ["posted"],
    "urge": ["urge", "urges", "urged", "urging"],
    "confirm": ["confirm", "confirms", "confirmed", "confirming"],
    "deny": ["deny", "denies", "denied", "denying"],
    "promise": ["promise", "promises", "promised", "promising"],
    "vow": ["vow", "vows", "vowed", "vowing"],
    "pledge": ["pledge", "pledges", "pledged", "pledging"],
    "boast": ["boast", "boasts", "boasted", "boasting"],
    "complain": ["complain", "complains", "complained", "complaining"],
    "joke": ["joke", "jokes", "joked", "joking"],
    "quip": ["quip", "quips", "quipped"],
    "muse": ["mused", "muses"],
    "lament": ["lament", "laments", "lamented", "lamenting"],
    "comment": ["comment", "comments", "commented", "commenting"],
    "agree": ["agree", "agrees", "agreed"],
    "counter": ["countered", "counters"],
    "conclude": ["conclude", "concludes", "concluded", "concluding"],
    "point out": ["point out", "points out", "pointed out", "pointing out"],
    "go on": ["went on", "goes on"],
    "put it": ["put it", "puts it"],
    "call": ["call", "calls", "called", "calling"],
    "describe": ["describe", "describes", "described", "describing"],
    "brand": ["branded", "brands"],
    "label": ["labelled", "labeled"],
    "dub": ["dubbed"],
    "accuse": ["accused", "accuses", "accusing"],
    "dismiss": ["dismiss", "dismisses", "dismissed", "dismissing"],
    "condemn": ["condemn", "condemns", "condemned", "condemning"],
    "denounce": ["denounce", "denounces", "denounced", "denouncing"],
    "criticise": ["criticised", "criticized", "criticises", "criticizes"],
    "hail": ["hailed", "hails"],
    "blast": ["blasted", "blasts", "blasting"],
    "slam": ["slammed", "slams", "slamming"],
    "mock": ["mocked", "mocks", "mocking"],
    "deride": ["derided", "derides", "deriding"],
    "decry": ["decried", "decries", "decrying"],
    "lambaste": ["lambasted", "lambastes", "lambasting"],
    "characterise": ["characterized", "characterised", "characterizes", "characterises"],
    "refer": ["referred to", "refers to", "referring to"],
    "read": ["reads", "read"],  # "the letter reads", "“…,” the article read"
    "praise": ["praised", "praises", "praising"],
    "thank": ["thanked", "thanks", "thanking"],
    "answer": ["answered", "answers", "answering"],
    "shoot back": ["shot back", "fired back", "hit back", "shoots back", "fires back", "hits back"],
    "write back": ["wrote back"],
    "recount": ["recounted", "recounts", "recounting"],
    "scoff": ["scoffed", "scoffs"],
    "exclaim": ["exclaimed", "exclaims"],
    "demand": ["demanded", "demands"],
    "assert": ["assert", "asserts", "asserted", "asserting"],
    "maintain": ["maintains", "maintained"],
    "reiterate": ["reiterate", "reiterates", "reiterated", "reiterating"],
    "report": ["reported", "reports"],
    "estimate": ["estimated", "estimates"],
    "believe": ["believes", "believed"],
    "think": ["thinks"],
    "hope": ["hopes"],
    "shout": ["shout", "shouts", "shouted", "shouting"],
    "yell": ["yell", "yells", "yelled", "yelling"],
    "scream": ["screamed", "screams", "screaming"],
    "chant": ["chant", "chants", "chanted", "chanting"],
    "sing": ["sings", "sang", "singing"],
}
CUE_WORDS: dict[str, str] = {form: stem for stem, forms in _CUE_STEMS.items() for form in forms}
CUE_WORDS["according to"] = "according to"
CUE_WORDS["per"] = "according to"  # "per the party’s bylaws" (the extractor skips "per cent", "$5 per hour")

# Verbs that name rather than quote when they have no speaker ("known as the
# 'storm corps'", "the so-called 'axis'"): only attribute when a speaker is their subject.
NAMING_CUES = {"thank", "call", "describe", "brand", "label", "dub", "dismiss", "condemn", "denounce", "criticise",
               "hail", "praise", "accuse", "blast", "slam", "mock", "deride", "decry", "lambaste",
               "characterise", "refer"}
# Cues weak enough that they only introduce indirect speech with "that".
WEAK_INDIRECT = {"thank", "demand", "blast", "slam", "mock", "deride", "decry", "lambaste", "characterise", "refer", "dismiss", "condemn", "denounce", "criticise", "hail", "praise", "believe", "think", "hope", "report", "estimate", "call", "describe", "brand",
                 "label", "dub", "accuse", "urge", "ask", "recall", "continue", "go on", "put it",
                 "comment", "agree", "counter", "post", "tweet", "promise", "pledge", "vow"}
# Cues after which the noun phrase that follows is the speaker ("said Jane Doe").
INVERTIBLE = {"say", "add", "note", "warn", "argue", "explain", "write", "ask", "reply", "continue",
              "declare", "state", "admit", "observe", "remark", "tweet", "insist", "claim", "stress",
              "suggest", "respond", "recall", "conclude", "caution", "predict", "quip", "joke", "report",
              "answer", "shoot back", "recount", "scoff", "exclaim"}

_cue_alt = "|".join(sorted((re.escape(c) for c in CUE_WORDS), key=len, reverse=True))
# The lookahead lets the engine pass over a word that no cue starts with before trying the ~200
# alternatives; with a letter ahead, (?<!\w) is the \b it stands for. Twice as fast, same matches.
_cue_initials = "".join(sorted({c[0].lower() for c in CUE_WORDS} | {c[0].upper() for c in CUE_WORDS}))
CUE_RE = re.compile(rf"(?<!\w)(?=[{_cue_initials}])(?:{_cue_alt})\b", re.IGNORECASE)

# Words that may sit between a speaker and the cue: "he also said", "she has long argued".
FILLER_WORDS = {
    "also", "later", "then", "has", "had", "have", "was", "is", "previously", "recently",
    "once", "earlier", "again", "further", "long", "often", "repeatedly", "publicly", "privately",
    "separately", "simply", "bluntly", "flatly", "just", "reportedly", "allegedly", "would", "will",
    "may", "might", "could", "did", "does", "do", "not", "never", "always", "first", "himself",
    "herself", "themselves", "who", "which", "that", "on", "in", "an", "a", "the", "interview",
    "statement", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "yesterday", "today", "tonight", "last", "this", "week", "month", "year", "told", "and",
    "even", "still", "now", "already", "since", "subsequently", "initially", "originally",
}

PRONOUNS = {"he": "m", "she": "f", "they": "p", "him": "m", "her": "f"}

# Honorifics and titles that precede a name and are not part of it.
TITLES = [
    "President", "Vice President", "Vice-President", "Prime Minister", "Deputy Prime Minister",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Finance Minister", "Minister",
    "Foreign Secretary", "Defence Secretary", "Defense Secretary", "Home Secretary",
    "Secretary of State", "Secretary", "Secretary-General", "Secretary General", "Chancellor",
    "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Miss", "Dr", "Dr.", "Prof", "Prof.", "Professor",
    "Sir", "Dame", "Lord", "Lady", "King", "Queen", "Prince", "Princess", "Crown Prince", "Emir",
    "Sheikh", "Pope", "Cardinal", "Archbishop", "Bishop", "Rev.", "Reverend", "Rabbi", "Imam",
    "Ayatollah", "Supreme Leader", "Leader", "General", "Gen.", "Lt.", "Lt", "Lieutenant", "Colonel",
    "Col.", "Major", "Maj.", "Captain", "Capt.", "Admiral", "Adm.", "Commander", "Marshal",
    "Field Marshal", "Sergeant", "Sgt.", "Senator", "Sen.", "Rep.", "Representative",
    "Congressman", "Congresswoman", "Governor", "Gov.", "Mayor", "Ambassador", "Judge", "Justice",
    "Chairman", "Chairwoman", "Premier", "Speaker", "Deputy", "Spokesman", "Spokeswoman",
    "Spokesperson", "Chief", "Director", "Commissioner", "Envoy", "Special Envoy", "Attorney General",
    "MP", "Senior", "Former", "Ex-President", "Patriarch",
]
TITLE_WORDS = {w for t in TITLES for w in t.replace("-", " ").split()}
TITLE_RE = re.compile(
    r"^(?:(?:" + "|".join(sorted((re.escape(t) for t in TITLES), key=len, reverse=True)) + r")\s+)+"
)

# Role nouns, grouped by the PersonKind they imply.
ROLE_KIND_WORDS = {
    "leader": ["president", "prime minister", "premier", "leader", "chancellor", "king", "queen",
               "monarch", "emir", "sultan", "dictator", "head of state", "supreme leader",
               "crown prince", "ruler", "taoiseach", "pope"],
    "journalist": ["journalist", "reporter", "correspondent", "columnist", "editor", "writer",
                   "broadcaster", "anchor", "commentator", "blogger", "presenter"],
    "expert": ["professor", "fellow", "analyst", "researcher", "expert", "scholar", "economist",
               "historian", "lecturer", "academic", "scientist", "strategist", "specialist",
               "political scientist", "author", "director of", "head of research", "consultant"],
    "official": ["spokesman", "spokeswoman", "spokesperson", "minister", "secretary", "ambassador",
                 "official", "diplomat", "general", "commander", "senator", "envoy", "adviser",
                 "advisor", "governor", "mayor", "chief", "officer", "lawmaker", "legislator",
                 "congressman", "congresswoman", "representative", "deputy", "admiral", "colonel",
                 "aide", "negotiator", "mp", "chairman", "chairwoman", "chair", "director",
                 "secretary-general", "commissioner", "judge", "prosecutor", "attorney general",
                 "vice president", "speaker", "councillor", "state department", "head", "boss"],
}

# Nouns that make an unnamed noun phrase a source: "a senior American diplomat".
ANON_HUMAN_NOUNS = [
    "secretary", "president", "prime minister", "premier", "leader", "chief", "head", "director",
    "governor", "mayor", "chancellor", "professor", "fellow", "colleague", "spokesperson", "diplomat", "official", "source", "spokesman", "spokeswoman", "spokesperson", "analyst",
    "expert", "aide", "adviser", "advisor", "insider", "officer", "soldier", "commander", "person",
    "people", "resident", "witness", "observer", "commentator", "minister", "lawmaker", "politician",
    "executive", "banker", "economist", "researcher", "academic", "scholar", "activist", "critic",
    "veteran", "negotiator", "envoy", "ambassador", "general", "staffer", "employee", "member",
    "figure", "russian", "american", "ukrainian", "chinese", "briton", "european", "israeli",
    "palestinian", "iranian", "official", "émigré", "emigre", "defector", "colleague", "friend",
    "ally", "insider", "strategist", "planner", "investigator", "agent", "operative", "civilian",
    "refugee", "voter", "protester", "student", "woman", "man", "doctor", "nurse", "teacher",
    "announcer", "narrator", "questioner", "businessman", "businesswoman", "senator", "congressman",
    "congresswoman", "nominee", "candidate", "judge", "lawyer", "attorney", "reader", "host", "anchor",
    "moderator", "organizer", "organiser", "chairman", "chairwoman", "widow", "pollster", "columnist",
    "author", "reporter", "correspondent", "father", "mother", "wife", "husband",
    "prince", "princess", "king", "queen", "pope", "cleric", "imam", "rabbi", "priest", "pastor", "bishop",
    "actor", "actress", "singer", "comedian", "guy", "mogul", "billionaire", "tycoon", "entrepreneur",
    "founder", "owner", "physician", "surgeon", "scientist", "historian", "editor", "writer", "blogger",
    "supporter", "opponent", "rival", "challenger", "incumbent", "sheriff", "detective", "prosecutor",
    "chief executive", "ceo", "developer", "user",
]
# Speakers that are texts: "the report said", "the ad's narrator says" is a person, "the clip says" is not.
DOCUMENT_NOUNS = [
    "report", "statement", "memo", "document", "letter", "ad", "advertisement", "clip", "spot", "book",
    "article", "piece", "study", "survey", "brief", "ruling", "filing", "lawsuit", "complaint", "bylaws",
    "editorial", "tweet", "video", "press release", "release", "transcript", "website", "column",
    "indictment", "petition", "email", "resolution", "communique", "communiqué", "analysis",
    "note", "opinion", "message", "headline", "order", "decision", "sign", "caption", "platform",
]
# Institutions. Texts ("statement", "report", "memo") are DOCUMENT_NOUNS only: that list is read first.
ANON_ORG_NOUNS = [
    "media", "state media", "ministry", "government", "kremlin", "embassy", "agency", "army",
    "military", "spokesman's office", "office", "department", "police", "authorities",
    "administration", "white house", "pentagon", "council", "committee", "newspaper", "broadcaster",
    "outlet", "regime", "company", "firm", "group", "party", "union", "foundation", "institute",
    "organization", "organisation", "association", "coalition", "alliance", "center", "centre", "league",
    "command", "headquarters", "commission", "court", "parliament", "cabinet", "presidency", "campaign",
    "network", "magazine", "board",
    "foreign ministry", "defence ministry", "defense ministry", "news agency", "tv", "television",
]

# Head words that make a capitalised span an organisation, with its kind.
ORG_HEADS = {
    "university": "university", "college": "university", "school": "university",
    "academy": "university", "polytechnic": "university",
    "institute": "think_tank", "institution": "think_tank", "initiative": "think_tank",
    "center": "think_tank", "centre": "think_tank", "foundation": "think_tank",
    "endowment": "think_tank", "forum": "think_tank", "project": "think_tank",
    "programme": "think_tank", "program": "think_tank", "society": "think_tank",
    "ministry": "government", "department": "government", "council": "government",
    "directorate": "government", "agency": "government", "office": "government",
    "parliament": "government", "congress": "government", "senate": "government",
    "government": "government", "administration": "government", "commission": "government",
    "committee": "government", "cabinet": "government", "court": "government",
    "service": "government", "bureau": "government", "embassy": "government",
    "assembly": "government", "duma": "government", "kremlin": "government",
    "pentagon": "government", "party": "government", "house": "government",
    "army": "military", "navy": "military", "corps": "military", "forces": "military",
    "force": "military", "command": "military", "brigade": "military", "regiment": "military",
    "division": "military", "guard": "military", "guards": "military", "battalion": "military",
    "fleet": "military", "marines": "military", "militia": "military",
    "times": "media", "post": "media", "news": "media", "herald": "media", "journal": "media",
    "telegraph": "media", "guardian": "media", "gazette": "media", "tribune": "media",
    "broadcasting": "media", "television": "media", "radio": "media", "press": "media",
    "magazine": "media", "economist": "media", "network": "media", "images": "media",
    "photos": "media", "pictures": "media", "photography": "media",
    "union": "international", "organisation": "international", "organization": "international",
    "nations": "international", "alliance": "international", "bank": "company", "fund": "international",
    "company": "company", "corporation": "company", "corp": "company", "inc": "company",
    "ltd": "company", "group": "company", "holdings": "company", "airlines": "company",
    "association": "other", "federation": "other", "league": "other", "movement": "other",
    "front": "other", "coalition": "other", "club": "other", "church": "other",
    # Not people either: venues and plural bodies ("Café Lumière said", "Youth Councils said").
    "councils": "government", "committees": "government", "unions": "other", "associations": "other",
    "cafe": "company", "restaurant": "company", "bakery": "company", "bistro": "company", "hotel": "company",
    "brewery": "company", "diner": "company", "llc": "company", "plc": "company", "industries": "company",
    "hospital": "other", "clinic": "other", "museum": "other", "gallery": "other", "theatre": "other",
    "theater": "other", "library": "other",
}

# Words that keep a possessive inside an organisation name ("Korean People's Army").
POSSESSIVE_INSIDE = {"people", "workers", "women", "children", "veterans", "citizens", "farmers",
                     "nations", "peoples", "soldiers", "mothers", "writers", "lloyd", "mcdonald"}

# Capitalised words that start sentences or headings and are never names by themselves.
COMMON_CAPS = {
    "the", "a", "an", "however", "but", "and", "or", "in", "at", "on", "as", "during", "after",
    "before", "while", "although", "though", "if", "when", "where", "since", "because", "so",
    "this", "that", "these", "those", "there", "here", "it", "its", "he", "she", "they", "we", "i",
    "you", "his", "her", "their", "our", "my", "your", "what", "which", "who", "whom", "whose",
    "why", "how", "yet", "still", "even", "instead", "besides", "meanwhile", "nonetheless",
    "nevertheless", "moreover", "furthermore", "indeed", "also", "for", "from", "with", "without",
    "by", "to", "of", "into", "about", "over", "under", "between", "among", "against", "each",
    "every", "either", "neither", "both", "all", "some", "many", "most", "much", "more", "few",
    "no", "not", "one", "two", "three", "last", "next", "first", "then", "now", "today", "talk",
    "such", "other", "another", "like", "unlike", "despite", "amid", "until", "once",
    "is", "was", "are", "were", "be", "do", "did", "does", "has", "have", "had", "can", "could",
    "will", "would", "should", "may", "might", "must", "shall", "let", "according", "insisting",
    "experts", "leaders", "officials", "analysts", "critics", "sources", "nor", "only", "just",
    "again", "already", "perhaps", "maybe", "whether", "ultimately", "thus", "therefore", "hence",
    "asked", "western", "eastern", "northern", "southern", "former",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
    "february", "march", "april", "june", "july", "august", "september", "october",
    "november", "december", "photo", "image", "read", "watch", "update", "updated",
    "breaking", "exclusive", "analysis", "opinion", "comment", "editorial", "wwii", "wwi",
}

MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
          "sep", "sept", "oct", "nov", "dec"}

# Abbreviations after which a full stop does not end a sentence.
ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "gov", "lt", "col", "maj", "capt", "adm",
    "sgt", "st", "jr", "sr", "rev", "vs", "etc", "no", "nos", "inc", "corp", "co", "ltd", "fig",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
    "est", "dept", "univ", "mt", "ft", "pres", "gov't", "cmdr", "brig", "messrs", "hon", "e.g",
    "i.e", "al", "cf",
}
