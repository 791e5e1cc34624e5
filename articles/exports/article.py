"""The article page on paper: its text with quotes marked and notes numbered, then what was found in it."""

from __future__ import annotations

from articles.exports import sections
from articles.exports.report import Link, Section, Site
from articles.rendering import article_segments


def article_sections(data, site: Site) -> list[Section | None]:
    """``data`` is the article page's (:func:`articles.pages.articles.article_detail`)."""
    article, quotes, summary = data.subject, data.items, data.summary()
    notes = summary["annotations"]  # public ones, numbered as on the page
    ordered = list(article.passages.order_by("index"))
    passages = [
        {"kind": passage.kind, "text": passage.text, "segments": runs}
        for passage, runs in zip(ordered, article_segments(ordered, list(quotes), notes), strict=True)
    ]
    people = [
        [Link(m.person.name, site.url(m.person.get_absolute_url())), m.name_as_printed, m.description,
         "quoted" if m.is_quoted else ("author" if m.is_author else "named")]
        for m in summary["people"]
    ]
    figures = [[f.value_range, f.about, f.text, f.attributed_to or "—"] for f in summary["figures"]]
    return [
        Section("text", "Text", {"passages": passages}),
        sections.notes("Editors’ notes", notes, site),
        sections.quotes("Quotes", quotes, site, empty="No quotes found in this article."),
        sections.table("People", ["Person", "Printed as", "Role as printed", ""], people, empty="Nobody named."),
        sections.table("Figures", ["Value", "About", "As printed", "According to"], figures, empty="No figures."),
    ]
