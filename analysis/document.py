"""The cleaned article that every extractor reads."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum


class PassageKind(StrEnum):
    BODY = "body"
    HEADING = "heading"
    CAPTION = "caption"
    CREDIT = "credit"
    BIO = "bio"


class RemovedKind(StrEnum):
    """What the cleaner took out of the raw text, so nothing is dropped silently."""

    HEADLINE = "headline"
    STANDFIRST = "standfirst"
    BYLINE = "byline"
    DATELINE = "dateline"
    OUTLET = "outlet"
    FRONT_MATTER = "front_matter"
    DUPLICATE_CAPTION = "duplicate_caption"
    UI = "ui"
    BLANK = "blank"
    CONTROL = "control"  # control characters (not text), counted with their code points


@dataclass(frozen=True, slots=True)
class Passage:
    """One paragraph of the cleaned body; ``body[start:end] == text``."""

    index: int
    kind: PassageKind
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Removed:
    kind: RemovedKind
    text: str
    line: int  # 1-based line number in the raw text


@dataclass(frozen=True, slots=True)
class Join:
    """Two raw paragraphs split mid-sentence (a page break) that were joined again."""

    before: str
    after: str
    offset: int  # where the joining space sits in the body


@dataclass(slots=True)
class Document:
    """A cleaned article: metadata, the body text, and its passages with offsets.

    Passages are separated in ``body`` by a blank line ("\\n\\n"). Unknown
    metadata stays ``None`` (or empty): the cleaner never invents it.
    """

    body: str
    passages: list[Passage]
    title: str | None = None
    standfirst: str | None = None
    authors: list[str] = field(default_factory=list)
    published: date | None = None
    source: str | None = None
    url: str | None = None
    removed: list[Removed] = field(default_factory=list)
    joins: list[Join] = field(default_factory=list)

    @classmethod
    def from_paragraphs(cls, paragraphs: list[str | tuple[PassageKind, str]], **meta) -> Document:
        """Build a document from paragraphs (handy in tests and for simple text)."""
        passages: list[Passage] = []
        parts: list[str] = []
        offset = 0
        for index, item in enumerate(paragraphs):
            kind, text = item if isinstance(item, tuple) else (PassageKind.BODY, item)
            if parts:
                offset += 2
            passages.append(Passage(index, PassageKind(kind), offset, offset + len(text), text))
            parts.append(text)
            offset += len(text)
        return cls(body="\n\n".join(parts), passages=passages, **meta)

    def body_passages(self) -> list[Passage]:
        return [p for p in self.passages if p.kind == PassageKind.BODY]

    def passage_at(self, offset: int) -> Passage | None:
        for passage in self.passages:
            if passage.start <= offset < passage.end:
                return passage
        return None
