from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from analysis.cleaning import clean
from analysis.pipeline import extract
from articles.importing import ImportRefused, read_file


class Command(BaseCommand):
    help = "Run the extraction pipeline on a text file and print the result; the database is not touched."
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("file")
        parser.add_argument("--json", action="store_true", dest="as_json", help="print the documented JSON shape (see README)")

    def handle(self, file: str, as_json: bool, **options) -> None:
        path = Path(file)
        try:
            incoming = read_file(path)
        except ImportRefused as refusal:
            raise CommandError(f"{path}: {refusal}") from None
        result = extract(clean(incoming.text))
        if as_json:
            self.stdout.write(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
            return
        self._print(result)

    def _print(self, result) -> None:
        doc = result.document
        out = self.stdout.write
        out(f"Title: {doc.title or '(none in the text)'}")
        out(f"Source: {doc.source or '(unknown)'}   Published: {doc.published or '(unknown)'}   "
            f"Authors: {', '.join(doc.authors) or '(none)'}")
        out(f"\nQuotes ({len(result.quotes)}):")
        for q in result.quotes:
            out(f"  [{q.start}-{q.end}] {q.kind.value:8} {q.speaker or '—'} ({q.cue or 'no cue'}, "
                f"{q.confidence:.2f}): “{q.text}”")
        out(f"\nPeople ({len(result.people)}):")
        for p in result.people:
            role = ", ".join(x for x in (p.role, p.affiliation) if x)
            out(f"  {p.name}{' — ' + role if role else ''}{' [author]' if p.is_author else ''}"
                f"{' [quoted]' if p.quoted else ''} ×{len(p.mentions)}")
        out("\nCountries: " + ", ".join(f"{c.code}×{c.count}" for c in result.countries))
        out("Themes: " + ", ".join(f"{t.slug} ({t.score:.2f})" for t in result.themes))
        out(f"\nFigures ({len(result.figures)}):")
        for f in result.figures:
            value = f"{f.value_low:,.0f}" if f.value_low == f.value_high else f"{f.value_low:,.0f}–{f.value_high:,.0f}"
            out(f"  {value:>15}  {f.about} [{f.group_key}] ← {f.attributed_to or '—'}: “{f.text}”")

