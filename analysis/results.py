"""What the extractors return. Offsets are character offsets into ``Document.body``."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class QuoteKind(StrEnum):
    DIRECT = "direct"  # a whole sentence or more in quotation marks
    PARTIAL = "partial"  # quoted words inside the writer's own sentence
    INDIRECT = "indirect"  # reported speech without quotation marks


class PersonKind(StrEnum):
    EXPERT = "expert"
    OFFICIAL = "official"
    LEADER = "leader"
    JOURNALIST = "journalist"
    ANONYMOUS = "anonymous"
    OTHER = "other"


class SpeakerKind(StrEnum):
    PERSON = "person"  # a named person: ``speaker`` is their canonical name
    ANONYMOUS = "anonymous"  # "a senior American diplomat"
    ORGANISATION = "organisation"  # "Chinese state media", "the Kremlin"
    DOCUMENT = "document"  # "the report", "the ad's narrator", "a statement from the ministry"
    NONE = "none"  # no identifiable speaker: better none than a guess


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class QuoteResult:
    text: str  # the quoted words, without the quotation marks
    start: int
    end: int
    passage_index: int  # first passage the quote is in (a quote may run over several)
    kind: QuoteKind
    cue: str | None  # the cue verb as printed: "said", "told", "added", "according to"
    speaker_text: str | None  # the speaker as printed here: "he", "a senior American diplomat"
    speaker_kind: SpeakerKind
    speaker: str | None  # canonical name (a PersonResult.name), or the description when anonymous
    confidence: float  # 0..1


@dataclass(slots=True)
class PersonResult:
    name: str  # canonical full name: "Markus Garlauskas", "Kim Jong Un"
    key: str  # normalised matching key, equal for spellings of the same person
    aliases: list[str] = field(default_factory=list)  # other spellings in this article
    kind: PersonKind = PersonKind.OTHER
    role: str | None = None  # as printed: "political science professor"
    affiliation: str | None = None  # as printed: "Clark University"
    country: str | None = None  # ISO alpha-2 where the article ties them to one
    is_author: bool = False
    quoted: bool = False
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class OrganisationResult:
    name: str
    key: str
    kind: str = "other"  # university, think_tank, government, military, media, international, company, other
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)


@dataclass(slots=True)
class CountryResult:
    code: str  # ISO 3166-1 alpha-2, upper case
    mentions: list[Span] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.mentions)


@dataclass(slots=True)
class ThemeScore:
    slug: str
    score: float
    matches: list[str] = field(default_factory=list)  # the keyword phrases that matched


@dataclass(slots=True)
class FigureResult:
    text: str  # the claim as printed: "around 11,000 North Korean infantry troops"
    start: int
    end: int
    about: str  # what it counts, readable: "North Korean troops"
    group_key: str  # equal for figures about the same thing across articles
    value_low: float
    value_high: float
    approximate: bool = False  # "around", "about", "some", "more than"
    attributed_to: str | None = None  # a person's canonical name, an organisation, or as printed
    unit: str | None = None  # "%" or a currency code ("USD", "GBP", "EUR"); None for counts
