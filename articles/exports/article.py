"""The article page on paper: its text with quotes marked and notes numbered, then what was found in it."""

from __future__ import annotations

from django.db.models import QuerySet

from articles.exports import sections
from articles.exports.report import Link, Section, Site
from articles.rendering import article_segments


def article_sections(article, quotes: QuerySet, site: Site) -> list[Section | None]:
    found = list(quotes)
    notes = sections.public_notes(article.annotations.anchored())
    for number, note in enumerate(notes, start=1):
        note.number = number  # the marker in the text and the note share this number
    ordered = list(article.passages.order_by("index"))
    passages = [
        {"kind": passage.kind, "text": passage.text, "segments": runs}
        for passage, runs in zip(ordered, article_segments(ordered, found, notes), strict=True)
    ]
    people = [
        [Link(m.person.name, site.url(m.person.get_absolute_url())), m.name_as_printed, m.description,
         "quoted" if m.is_quoted else ("author" if m.is_author else "named")]
        for m in article.person_mentions.select_related("person").order_by("-is_quoted", "-count", "person__name")
    ]
    figures = [
        [f.value_range, f.about, f.text, f.attributed_to or "—"] for f in article.figures.order_by("start")
    ]
    return [
        Section("text", "Text", {"passages": passages}),
        sections.notes("Editors’ notes", notes, site),
        sections.quotes("Quotes", quotes, site, empty="No quotes found in this article."),
        sections.table("People", ["Person", "Printed as", "Role as printed", ""], people, empty="Nobody named."),
        sections.table("Figures", ["Value", "About", "As printed", "According to"], figures, empty="No figures."),
    ]
