"""The whole extraction, from a cleaned Document to one :class:`Extraction`."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from analysis.countries import extract_countries
from analysis.document import Document, PassageKind
from analysis.figures import extract_figures
from analysis.quotes import extract_people_and_quotes
from analysis.results import (
    CountryResult,
    FigureResult,
    OrganisationResult,
    PersonResult,
    QuoteResult,
    ThemeScore,
)
from analysis.themes import DEFAULT_THEMES, ThemeSpec, score_themes

# Bumped when the output's shape changes; `extract --json` and the README document it.
JSON_SCHEMA_VERSION = 1


@dataclass(slots=True)
class Extraction:
    document: Document
    people: list[PersonResult] = field(default_factory=list)
    organisations: list[OrganisationResult] = field(default_factory=list)
    quotes: list[QuoteResult] = field(default_factory=list)
    quote_themes: list[list[ThemeScore]] = field(default_factory=list)  # parallel to quotes
    countries: list[CountryResult] = field(default_factory=list)
    themes: list[ThemeScore] = field(default_factory=list)
    figures: list[FigureResult] = field(default_factory=list)

    def to_json(self) -> dict:
        """The stable JSON shape printed by ``manage.py extract --json`` (see README)."""
        doc = self.document
        return {
            "schema": JSON_SCHEMA_VERSION,
            "metadata": {
                "title": doc.title,
                "standfirst": doc.standfirst,
                "authors": doc.authors,
                "published": doc.published.isoformat() if doc.published else None,
                "source": doc.source,
                "url": doc.url,
            },
            "passages": [{"index": p.index, "kind": p.kind.value, "start": p.start, "end": p.end} for p in doc.passages],
            "removed": [{"kind": r.kind.value, "text": r.text, "line": r.line} for r in doc.removed],
            "joins": [{"before": j.before, "after": j.after, "offset": j.offset} for j in doc.joins],
            "quotes": [
                {
                    "text": q.text,
                    "start": q.start,
                    "end": q.end,
                    "passage": q.passage_index,
                    "kind": q.kind.value,
                    "cue": q.cue,
                    "speaker": q.speaker,
                    "speaker_kind": q.speaker_kind.value,
                    "speaker_as_printed": q.speaker_text,
                    "confidence": round(q.confidence, 3),
                    "themes": [t.slug for t in themes],
                }
                for q, themes in zip(self.quotes, self.quote_themes, strict=True)
            ],
            "people": [
                {
                    "name": p.name,
                    "key": p.key,
                    "aliases": p.aliases,
                    "kind": p.kind.value,
                    "role": p.role,
                    "affiliation": p.affiliation,
                    "country": p.country,
                    "is_author": p.is_author,
                    "quoted": p.quoted,
                    "mentions": [[m.start, m.end] for m in p.mentions],
                }
                for p in self.people
            ],
            "organisations": [
                {"name": o.name, "kind": o.kind, "country": o.country, "mentions": [[m.start, m.end] for m in o.mentions]}
                for o in self.organisations
            ],
            "countries": [
                {"code": c.code, "count": c.count, "mentions": [[m.start, m.end, m.text] for m in c.mentions]}
                for c in self.countries
            ],
            "themes": [asdict(t) for t in self.themes],
            "figures": [
                {
                    "text": f.text,
                    "start": f.start,
                    "end": f.end,
                    "about": f.about,
                    "group": f.group_key,
                    "value_low": f.value_low,
                    "value_high": f.value_high,
                    "approximate": f.approximate,
                    "unit": f.unit,
                    "attributed_to": f.attributed_to,
                }
                for f in self.figures
            ],
        }


def extract(document: Document, themes: Sequence[ThemeSpec] = DEFAULT_THEMES) -> Extraction:
    """Run every extractor over a cleaned document. No database, no network."""
    people, organisations, quotes = extract_people_and_quotes(document)
    exclude = [m for p in people for m in p.mentions] + [m for o in organisations for m in o.mentions]
    countries = extract_countries(document, exclude=exclude)
    return Extraction(
        document=document,
        people=people,
        organisations=organisations,
        quotes=quotes,
        quote_themes=[score_themes(q.text, themes) for q in quotes],
        countries=countries,
        themes=score_themes(theme_text(document), themes),
        figures=extract_figures(document, people, organisations),
    )


def theme_text(document: Document) -> str:
    """What an article's themes are scored on: its headline, standfirst, headings and body text."""
    parts = [document.title or "", document.standfirst or ""]
    parts += [p.text for p in document.passages if p.kind in (PassageKind.BODY, PassageKind.HEADING)]
    return "\n\n".join(part for part in parts if part)


class TooLarge(ValueError):
    """An article beyond what the pipeline accepts; the message says why, in words for the user."""


# Quotation marks that open or close a quotation, by pairs, and openers of single quotations
# (’ is also an apostrophe, so only ‘ and ‹ count for those).
_DOUBLE_MARKS = re.compile(r"[“”«»„‟〝〞\"]|``|''")
_SINGLE_OPENERS = re.compile(r"[‘‹]")


def count_quotations(text: str) -> int:
    """About how many quotations a text holds, from its quotation marks: a cheap bound taken
    before extraction, whose cost grows faster than the text on pathological input."""
    return len(_DOUBLE_MARKS.findall(text)) // 2 + len(_SINGLE_OPENERS.findall(text))


def check_size(document: Document, *, max_passages: int, max_passage_chars: int, max_quotes: int) -> None:
    """Refuse, before any extraction, an article far beyond any real one."""
    quotations = count_quotations(document.body)
    if quotations > max_quotes:
        raise TooLarge(
            f"has {quotations:,} quotations (counting its quotation marks); at most {max_quotes:,} are accepted per article"
        )
    if len(document.passages) > max_passages:
        raise TooLarge(f"has {len(document.passages):,} passages; at most {max_passages:,} are accepted per article")
    longest = max(document.passages, key=lambda p: len(p.text), default=None)
    if longest is not None and len(longest.text) > max_passage_chars:
        raise TooLarge(
            f"has a paragraph of {len(longest.text):,} characters (paragraph {longest.index + 1}); at most "
            f"{max_passage_chars:,} are accepted (separate its paragraphs with blank lines)"
        )


def check_extraction(extraction: Extraction, *, max_quotes: int) -> None:
    """Refuse an extraction with more quotes than an article may have (quotes without quotation
    marks, reported speech, are only known once extracted)."""
    if len(extraction.quotes) > max_quotes:
        raise TooLarge(f"has {len(extraction.quotes):,} quotations; at most {max_quotes:,} are accepted per article")
