"""From raw pasted article text to a :class:`Document`.

Pasted articles carry the furniture of the page they came from: header lines
(headline, standfirst, byline, date, outlet), photo captions printed twice with
agency credits, stray interface words ("More"), lines holding only a
non-breaking space, section headings, the author's biography, and paragraphs
split mid-sentence by a page break. The cleaner classifies all of it: what is
not article text is recorded in ``Document.removed``; headings, captions,
credits and the bio stay as passages of their own kind; split paragraphs are
joined again and recorded in ``Document.joins``. Nothing is dropped silently
and nothing is invented: metadata the text does not give stays unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from dateutil import parser as dateparser

from analysis.document import Document, Join, Passage, PassageKind, Removed, RemovedKind
from analysis.outlets import find_outlet

# Lines that are part of a web page's interface, not of the article.
UI_WORDS = {
    "more", "read more", "show more", "see more", "advertisement", "advert", "share",
    "share this article", "share on facebook", "share on twitter", "close", "subscribe",
    "sign up", "continue reading", "skip advertisement", "related", "related articles",
    "listen to this article", "save", "comments", "print", "email", "copy link",
    "story continues below advertisement", "article continues below", "loading",
}

_TERMINAL = tuple(".!?:;\"”’)…]")
_CREDIT = re.compile(
    r"""^(
        [A-Z][A-Za-z .'’\-]*/\s*(?:AFP|AP|Getty|Reuters|EPA|Shutterstock|Bloomberg|Alamy|PA|TASS|Sputnik|Yonhap|KCNA|Anadolu|ZUMA|SOPA|NurPhoto|Pool)[\w .\-/]*
      | (?:Photo(?:graph)?|Image|Picture)s?(?:\s+credit)?\s*:.*
      | (?:AFP|AP|Getty\ Images|Reuters|EPA|KCNA)(?:\s+via\s+Getty\ Images)?
    )$""",
    re.VERBOSE,
)
_BYLINE_PREFIX = re.compile(r"^(?:by|words by|written by)\s+", re.IGNORECASE)
_DATE_PREFIX = re.compile(r"^(?:published|updated|posted|last updated|first published)\s*:?\s*", re.I)
_NAME_WORD = re.compile(r"^(?:[A-Z][a-zà-ÿ'’\-]+|[A-Z]\.|(?:de|van|von|der|da|bin|al|el|le|la)|Mc[A-Z][a-z]+)$")
_BIO = re.compile(
    r"\b(?:is|was)\s+(?:the\s+author\s+of|an?\s+(?:[\w-]+\s+){0,4}(?:fellow|correspondent|columnist|"
    r"editor|professor|director|reporter|analyst|writer|lecturer|researcher|journalist))\b",
    re.IGNORECASE,
)
_SOURCE_SIGNOFF = re.compile(
    r"^(?P<outlet>(?:The\s+)?[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*){0,3})\s+(?:has|have)\s+"
    r"(?:contacted|reached out to|approached|asked|emailed)\b.*\bfor\s+(?:comment|a response)",
)
_FRONT_MATTER_KEYS = {"title", "source", "outlet", "author", "authors", "date", "published", "url", "standfirst", "dek"}


@dataclass(slots=True)
class _Para:
    text: str
    line: int  # 1-based line of the raw text where the paragraph starts
    # Paragraphs cut by a page break and joined on again: kept as parts until the end, as
    # re-building the joined text at each join would take quadratic time on a long chain.
    parts: list[str] = field(default_factory=list)
    joins: list[tuple[str, str, int]] = field(default_factory=list)  # before, after, the space's offset
    length: int = 0

    @property
    def tail(self) -> str:
        return self.parts[-1] if self.parts else self.text

    def join(self, text: str) -> None:
        if not self.parts:
            self.parts, self.length = [self.text], len(self.text)
        self.joins.append((self.parts[-1], text, self.length))
        self.parts.append(text)
        self.length += 1 + len(text)

    def finish(self) -> _Para:
        if self.parts:
            self.text, self.parts = " ".join(self.parts), []
        return self


# Line breaks as Windows (CRLF), old Macs (CR), Word (vertical tab, form feed) and Unicode write them.
_NEWLINES = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Other control characters are never article text; PostgreSQL's search highlighting uses
# \x02 and \x03 as its own markers, so a text carrying them could fake a highlight.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]+")


def normalise_newlines(text: str) -> str:
    """Every kind of line break as "\\n"."""
    return _NEWLINES.sub("\n", text)


def strip_controls(text: str) -> str:
    """Text without control characters (tab and newline stay)."""
    return _CONTROLS.sub("", text)


def clean(raw: str) -> Document:
    """Clean raw pasted text (optionally with ``---`` front matter) into a Document."""
    removed: list[Removed] = []
    text = _without_controls(normalise_newlines(raw), removed)
    meta, text, skipped_lines = _front_matter(text, removed)
    paras = _paragraphs(text, skipped_lines, removed)

    header = _header(paras, meta, removed)
    paras = paras[header:]
    kinds, paras = _classify_body(paras, removed)
    _mark_bio(paras, kinds, meta.get("authors") or [])

    passages: list[Passage] = []
    parts: list[str] = []
    joins: list[Join] = []
    offset = 0
    for para, kind in zip(paras, kinds, strict=True):
        if parts:
            offset += 2
        passages.append(Passage(len(passages), kind, offset, offset + len(para.text), para.text))
        joins.extend(Join(before, after, offset + at) for before, after, at in para.joins)
        parts.append(para.text)
        offset += len(para.text)

    source = meta.get("source") or _infer_source(p.text for p, k in zip(paras, kinds, strict=True) if k == PassageKind.BODY)
    return Document(
        body="\n\n".join(parts),
        passages=passages,
        title=meta.get("title"),
        standfirst=meta.get("standfirst"),
        authors=list(meta.get("authors") or []),
        published=meta.get("published"),
        source=source,
        url=meta.get("url"),
        removed=removed,
        joins=joins,
    )


def _without_controls(text: str, removed: list[Removed]) -> str:
    found = list(_CONTROLS.finditer(text))
    if not found:
        return text
    codes = sorted({f"U+{ord(c):04X}" for m in found for c in m.group()})
    line = text.count("\n", 0, found[0].start()) + 1
    count = sum(len(m.group()) for m in found)
    removed.append(Removed(RemovedKind.CONTROL, f"{count} control character(s): {', '.join(codes)}", line))
    return _CONTROLS.sub("", text)


def parse_date(value: str) -> date | None:
    """A date from a dateline such as "October 26, 2024" or "Sat 26 Oct 2024 18.00 BST"."""
    value = _DATE_PREFIX.sub("", value.strip())
    if not re.search(r"\b(?:19|20)\d\d\b", value) or len(value.split()) > 9:
        return None
    try:
        parsed = dateparser.parse(value, fuzzy=True, dayfirst=not re.match(r"^\d{4}-", value))
    except (ValueError, OverflowError):
        return None
    return parsed.date() if parsed else None


def _front_matter(text: str, removed: list[Removed]) -> tuple[dict, str, int]:
    """Parse an optional ``---`` block of ``key: value`` lines at the top."""
    meta: dict = {}
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return meta, text, 0
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        return meta, text, 0
    current = None
    for line in lines[1:end]:
        item = re.match(r"^\s*-\s+(.+)$", line)
        if item and current == "authors":
            meta.setdefault("authors", []).append(item.group(1).strip().strip("\"'"))
            continue
        pair = re.match(r"^\s*([A-Za-z_]+)\s*:\s*(.*)$", line)
        if not pair or pair.group(1).lower() not in _FRONT_MATTER_KEYS:
            continue
        key, value = pair.group(1).lower(), pair.group(2).strip().strip("\"'")
        current = {"author": "authors", "outlet": "source", "dek": "standfirst", "date": "published"}.get(key, key)
        if current == "authors":
            meta["authors"] = [a.strip() for a in re.split(r",|\band\b", value) if a.strip()] if value else []
        elif current == "published":
            meta["published"] = parse_date(value) if value else None
        elif value:
            meta[current] = value
    removed.append(Removed(RemovedKind.FRONT_MATTER, "\n".join(lines[: end + 1]), 1))
    return meta, "\n".join(lines[end + 1 :]), end + 1


def _paragraphs(text: str, line_offset: int, removed: list[Removed]) -> list[_Para]:
    """One paragraph per line, or per blank-line block when the text is hard-wrapped."""
    lines = text.split("\n")
    paras: list[_Para] = []
    block: list[tuple[int, str]] = []
    wrapped = _looks_hard_wrapped(lines)

    def flush() -> None:
        if block:
            if wrapped:
                paras.append(_Para(" ".join(t for _, t in block), block[0][0]))
            else:
                paras.extend(_Para(t, n) for n, t in block)
            block.clear()

    for number, line in enumerate(lines, start=line_offset + 1):
        stripped = line.strip()
        if not stripped:
            if (line and not line.isspace()) or "\u00a0" in line or "\u200b" in line:
                removed.append(Removed(RemovedKind.BLANK, line, number))
            flush()
            continue
        block.append((number, re.sub(r"[ \t\u00a0]+", " ", stripped)))
    flush()
    return paras


def _looks_hard_wrapped(lines: list[str]) -> bool:
    # Text wrapped at a fixed width has many lines of similar length that stop
    # mid-sentence; pasted web text has one long line per paragraph.
    content = [line.strip() for line in lines if line.strip()]
    if len(content) < 4:
        return False
    long_lines = [line for line in content if 50 <= len(line) <= 100]
    unfinished = [line for line in long_lines if not line.endswith(_TERMINAL)]
    return len(long_lines) >= 0.6 * len(content) and len(unfinished) >= 0.5 * len(long_lines)


def _is_body_like(text: str) -> bool:
    words = len(text.split())
    return words >= 30 or (words >= 12 and text.endswith(tuple(".!\"”")))


def _header(paras: list[_Para], meta: dict, removed: list[Removed]) -> int:
    """Recognise header lines at the top; return how many paragraphs they take."""
    candidates = []
    for para in paras[:8]:
        if _is_body_like(para.text):
            break
        candidates.append(para)
    if not candidates:
        return 0
    first = candidates[0].text
    if first.endswith(".") or len(first.split()) > 25:
        return 0

    title_found = "title" in meta
    for index, para in enumerate(candidates):
        text = para.text
        published = parse_date(text)
        outlet = find_outlet(text)
        if published and "published" not in meta:
            meta["published"] = published
            removed.append(Removed(RemovedKind.DATELINE, text, para.line))
        elif outlet and "source" not in meta:
            meta["source"] = outlet.name
            removed.append(Removed(RemovedKind.OUTLET, text, para.line))
        elif index == 0 and not title_found:
            meta["title"] = text
            removed.append(Removed(RemovedKind.HEADLINE, text, para.line))
        elif _is_byline(text) and not meta.get("authors"):
            meta["authors"] = _split_authors(text)
            removed.append(Removed(RemovedKind.BYLINE, text, para.line))
        elif "standfirst" not in meta and len(text.split()) >= 6:
            meta["standfirst"] = text
            removed.append(Removed(RemovedKind.STANDFIRST, text, para.line))
        elif len(text.split()) <= 6 and text[:1].isupper() and "source" not in meta and index == len(candidates) - 1:
            meta["source"] = text
            removed.append(Removed(RemovedKind.OUTLET, text, para.line))
        else:
            return index
    return len(candidates)


def _is_byline(text: str) -> bool:
    text = _BYLINE_PREFIX.sub("", text).strip()
    names = _split_authors(text)
    return bool(names) and all(
        2 <= len(name.split()) <= 4 and all(_NAME_WORD.match(w) for w in name.split()) for name in names
    )


def _split_authors(text: str) -> list[str]:
    text = _BYLINE_PREFIX.sub("", text).strip()
    return [name.strip() for name in re.split(r",\s*|\s+and\s+|\s*&\s*", text) if name.strip()]


def _classify_body(paras: list[_Para], removed: list[Removed]) -> tuple[list[PassageKind], list[_Para]]:
    kept: list[_Para] = []
    kinds: list[PassageKind] = []
    i = 0
    while i < len(paras):
        para = paras[i]
        text = para.text
        nxt = paras[i + 1].text if i + 1 < len(paras) else None
        if text.lower().rstrip(".:…") in UI_WORDS:
            removed.append(Removed(RemovedKind.UI, text, para.line))
        elif _CREDIT.match(text):
            kept.append(para)
            kinds.append(PassageKind.CREDIT)
            # The paragraph just before a credit is the photo's caption.
            if len(kinds) > 1 and kinds[-2] == PassageKind.BODY and not _is_body_continuation(kept[-2].finish().text):
                kinds[-2] = PassageKind.CAPTION
        elif nxt is not None and _is_duplicate_caption(text, nxt):
            removed.append(Removed(RemovedKind.DUPLICATE_CAPTION, text, para.line))
            paras[i + 1] = _Para(nxt, paras[i + 1].line)
            kept.append(paras[i + 1])
            kinds.append(PassageKind.CAPTION)
            i += 1
        elif kept and kinds[-1] == PassageKind.BODY and not kept[-1].tail.endswith(_TERMINAL) and text[:1].islower():
            # A paragraph cut mid-sentence by a page break: join it to the one before.
            kept[-1].join(text)
        elif _is_heading(text, nxt) and kept:
            kept.append(para)
            kinds.append(PassageKind.HEADING)
        else:
            kept.append(para)
            kinds.append(PassageKind.BODY)
        i += 1
    return kinds, [p.finish() for p in kept]


def _is_body_continuation(text: str) -> bool:
    return len(text.split()) > 60


def _is_duplicate_caption(text: str, nxt: str) -> bool:
    if len(text.split()) < 4:
        return False
    if text == nxt:
        return True
    stem = text.rstrip("…").rstrip(".").rstrip()
    return text.endswith(("…", "...")) and len(stem) > 20 and nxt.startswith(stem)


def _is_heading(text: str, nxt: str | None) -> bool:
    words = text.split()
    if not words or len(words) > 10 or nxt is None:
        return False
    if text.endswith(tuple(".!:;,\"”’")):
        return False
    return text[:1].isupper() and (nxt[:1].isupper() or nxt[:1] in "“\"‘'")


def _mark_bio(paras: list[_Para], kinds: list[PassageKind], authors: list[str]) -> None:
    """The closing paragraph about the author is their bio, not article text."""
    surnames = [a.split()[-1] for a in authors if a.split()]
    for index in range(len(paras) - 1, max(len(paras) - 3, -1), -1):
        if kinds[index] != PassageKind.BODY:
            continue
        text = paras[index].text
        names_author = any(s in text for s in surnames)
        if _BIO.search(text) and (names_author or index == len(paras) - 1) and len(text.split()) < 90:
            starts_with_name = re.match(r"^(?:(?:Professor|Dr|Prof\.?|Sir|Dame)\s+)?[A-Z][\w'’-]+\s+[A-Z]", text)
            if names_author or starts_with_name:
                kinds[index] = PassageKind.BIO
        break


def _infer_source(body_paragraphs) -> str | None:
    """Outlets sign off with "<Outlet> has contacted X for comment"; use it when no header says."""
    for text in list(body_paragraphs)[-3:]:
        match = _SOURCE_SIGNOFF.match(text)
        if match:
            outlet = find_outlet(match.group("outlet"))
            return outlet.name if outlet else match.group("outlet")
    return None


_MD_RULES = (
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^[ \t]{0,3}>[ \t]?", re.M), ""),  # block quotes
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # links keep their words
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # bold
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # italics
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"^[ \t]{0,3}(?:[-*_][ \t]*){3,}$", re.M), ""),  # rules
)


def strip_markdown(text: str) -> str:
    """Markdown to the plain text a reader sees, keeping front matter and paragraphs as they are."""
    front = ""
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end != -1:
            front, text = text[: end + 4], text[end + 4 :]
    for pattern, replacement in _MD_RULES:
        text = pattern.sub(replacement, text)
    return front + text
