"""Markdown: the printed report as a plain document that pastes into a wiki or an email.

Every piece of text from the database goes through :func:`md`, which backslash-escapes
Markdown's metacharacters (CommonMark allows that for any ASCII punctuation), so a
quote holding ``*bold*``, ``[a](link)`` or ``<script>`` reads exactly as printed.
"""

from __future__ import annotations

import re

from django.http import HttpResponse
from django.utils import timezone

from articles.exports.report import Link, Report, Section

# Inline syntax anywhere in a line: emphasis, code, links (escaping the brackets is enough: "(" and
# "!" mean nothing without them), raw HTML and entities, tables, headings' closing hashes.
INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
# Block syntax at the start of a line: headings, quotes, lists, thematic breaks, setext underlines.
BLOCK_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")
SAFE_URL = re.compile(r"^https?://[^\s<>]+$")


def md(value) -> str:
    """Any value as Markdown text: one line, metacharacters escaped."""
    if value is None:
        return ""
    text = " ".join(str(value).split())  # no line breaks: text cannot open a block of its own
    text = INLINE.sub(r"\\\1", text)
    return BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if not m[2].isdigit() else f"{m[1]}{m[2]}\\", text, count=1)


def url(value: str) -> str:
    """A URL as an autolink when it is a plain http(s) URL, else as escaped text."""
    return f"<{value}>" if value and SAFE_URL.match(value) else md(value)


def link(text: str, target: str) -> str:
    """``[text](target)``; parentheses in the target are percent-encoded so they cannot end it early."""
    if not SAFE_URL.match(target or ""):
        return md(text)
    return f"[{md(text)}]({target.replace('(', '%28').replace(')', '%29')})"


def cell(value) -> str:
    return link(value.text, value.url) if isinstance(value, Link) else md(value)


def render(report: Report) -> str:
    generated = timezone.localtime(report.generated_at)
    lines = [f"# {md(report.title)}", ""]
    if report.standfirst:
        lines += [md(report.standfirst), ""]
    lines += [
        f"- **Page:** {md(report.kind_label)}",
        f"- **Filters:** {md(report.filters_in_words) if report.filters else 'none'}",
        f"- **Generated:** {generated:%-d %B %Y, %H:%M} {generated.tzname()}",
        f"- **Permalink:** {url(report.permalink)}",
        "",
    ]
    for section in report.sections():
        lines += [f"## {md(section.title)}", ""]
        if section.note:
            lines += [f"*{md(section.note)}*", ""]
        else:
            lines += RENDERERS[section.kind](section)
    lines += ["---", "", f"Exported from Commentariat: {url(report.permalink)}", ""]
    return "\n".join(lines)


def _quotes(section: Section) -> list[str]:
    lines = []
    for q in section.data["quotes"]:
        who = md(q["speaker"] or "Unattributed")
        role = ", ".join(md(p) for p in (q["role"], q["affiliation"]) if p)
        where = " · ".join(p for p in (md(q["outlet"] or "Unknown outlet"), md(q.get("when") or q["published"] or "undated")) if p)
        lines += [
            f"> {md(q['display_text'])}",
            ">",
            f"> — **{who}**{', ' + role if role else ''} · {where}",
            "",
            f"Article: {link(q['article_title'], q['article_permalink'])}"
            + (f" · Original: {url(q['article_url'])}" if q["article_url"] else "")
            + f" · Permalink: {url(q['quote_permalink'])}"
            + (f" · Themes: {md(', '.join(q['themes']))}" if q["themes"] else ""),
            "",
        ]
    return lines


def _table(section: Section) -> list[str]:
    columns, numeric = section.data["columns"], section.data.get("numeric", ())
    header = "| " + " | ".join(md(c) or " " for c in columns) + " |"
    rule = "| " + " | ".join("---:" if i in numeric else "---" for i in range(len(columns))) + " |"
    body = ["| " + " | ".join(cell(v) for v in row) + " |" for row in section.data["rows"]]
    return [header, rule, *body, ""]


def _chart(section: Section) -> list[str]:
    rows = [[label, f"{value:g}"] for label, value in section.data["rows"]]
    return _table(Section("table", section.title, {"columns": ["Month", "Quotes"], "rows": rows, "numeric": (1,)}))


def _matrix(section: Section) -> list[str]:
    matrix = section.data["matrix"]
    columns = ["Outlet", *[name for _, name in matrix["themes"]]]
    rows = [[row["name"], *[count or "" for count, _ in row["cells"]]] for row in matrix["rows"]]
    numeric = tuple(range(1, len(columns)))
    return _table(Section("table", section.title, {"columns": columns, "rows": rows, "numeric": numeric}))


def _notes(section: Section) -> list[str]:
    lines = []
    for note in section.data["notes"]:
        extras = [note["note"], note["stance"], "Themes: " + ", ".join(note["themes"]) if note["themes"] else ""]
        said = "".join(f" — {md(extra)}" for extra in extras if extra)
        lines.append(f"{note['number']}. On “{md(note['exact'])}” in {cell(note['article'])}{said}")
    return [*lines, ""]


def _text(section: Section) -> list[str]:
    lines = []
    for passage in section.data["passages"]:
        parts = []
        for seg in passage["segments"]:
            parts.append(md(seg.text))
            if seg.annotation is not None and seg.annotation_ends:
                parts.append(f"\\[{seg.annotation.number}\\]")
        text = "".join(parts)
        lines += [f"### {text}" if passage["kind"] == "heading" else (f"*{text}*" if passage["kind"] != "body" else text), ""]
    return lines


def _figures(section: Section) -> list[str]:
    lines = []
    for group in section.data["groups"]:
        rows = [
            [item["figure"].article.source.name if item["figure"].article.source_id else "Unknown",
             item["figure"].article.published.isoformat() if item["figure"].article.published else "undated",
             item["figure"].value_range, f"“{item['figure'].text}”", item["figure"].attributed_to or "—", item["article"]]
            for item in group["items"]
        ]
        lines += [f"### {md(group['about'][:1].upper() + group['about'][1:])}", ""]
        lines += _table(Section("table", "", {
            "columns": ["Outlet", "Date", "Value", "As printed", "According to", "Article"], "rows": rows,
        }))
    return lines


RENDERERS = {
    "quotes": _quotes, "table": _table, "chart": _chart, "matrix": _matrix,
    "notes": _notes, "text": _text, "figures": _figures,
}


def markdown_response(report: Report) -> HttpResponse:
    response = HttpResponse(render(report), content_type="text/markdown; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.filename("md")}"'
    return response
