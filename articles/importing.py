"""Importing article files: read and check each file, clean it, store it, analyse it.

Each article is imported in its own transaction, so a bad file never leaves half
an article behind and never stops the rest of a batch: it is reported with its
name and the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction

from analysis.cleaning import clean, strip_markdown
from analysis.document import Document
from articles.models import Article, Passage, Source
from articles.models.articles import checksum

logger = logging.getLogger(__name__)

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES
# Files in a folder that describe the folder rather than being articles.
NOT_ARTICLES = {"readme", "readme.md", "readme.txt", "license", "license.md", "license.txt", "changelog.md"}


class ImportRefused(Exception):
    """A file that cannot be imported; the message says why, in words for the user."""


class Status(StrEnum):
    CREATED = "created"
    UNCHANGED = "unchanged"
    FAILED = "failed"


@dataclass(slots=True)
class Outcome:
    name: str
    status: Status
    article: Article | None = None
    reason: str = ""

    def __str__(self) -> str:
        if self.status == Status.FAILED:
            return f"{self.name}: refused: {self.reason}"
        return f"{self.name}: {self.status.value} ({self.article})"


@dataclass(slots=True)
class Incoming:
    """An article's text as read from a file or pasted, before cleaning."""

    raw: str  # exactly as imported (the HTML source for a saved page)
    name: str
    text: str = ""  # what the cleaner reads; the raw text unless it had to be extracted
    meta: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.text = self.text or self.raw


def expand_paths(paths: Iterable[str | Path]) -> list[Path]:
    """Files named directly, plus the article files found (recursively) in folders."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                sorted(
                    p for p in path.rglob("*")
                    if p.is_file() and p.suffix.lower() in SUFFIXES
                    and p.name.lower() not in NOT_ARTICLES and not p.name.startswith(".")
                )
            )
        else:
            found.append(path)
    return found


def read_file(path: Path) -> Incoming:
    """Read one file and check it is a text article we can import."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(f"unsupported file type “{suffix or 'no extension'}” (use .txt, .md or .html)")
    try:
        size = path.stat().st_size
        if size > settings.IMPORT_MAX_BYTES:
            raise ImportRefused(_too_big(size))
        data = path.read_bytes()
    except FileNotFoundError:
        raise ImportRefused("no such file") from None
    except IsADirectoryError:
        raise ImportRefused("is a folder, not a file") from None
    except PermissionError:
        raise ImportRefused("cannot be read (permission denied)") from None
    except OSError as error:
        raise ImportRefused(f"cannot be read ({error.strerror or error})") from None
    return incoming_from_bytes(data, path.name)


def incoming_from_bytes(data: bytes, name: str) -> Incoming:
    """Check and decode an uploaded or read file."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(_too_big(len(data)))
    if not data.strip():
        raise ImportRefused("is empty")
    if b"\x00" in data[:8192] or _control_ratio(data[:8192]) > 0.05:
        raise ImportRefused("is a binary file, not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"is not UTF-8 text (undecodable byte 0x{data[error.start]:02x} at position {error.start})"
        ) from None
    if not text.strip():
        raise ImportRefused("is empty")
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _from_html(text, name)
    if suffix in {".md", ".markdown"}:
        return Incoming(raw=text, name=name, text=strip_markdown(text))
    return Incoming(raw=text, name=name)


def _too_big(size: int) -> str:
    limit = settings.IMPORT_MAX_BYTES / 1024 / 1024
    return f"is too large ({size / 1024 / 1024:.1f} MB; the limit is {limit:g} MB)"


def _control_ratio(data: bytes) -> float:
    if not data:
        return 0.0
    control = sum(1 for b in data if b < 32 and b not in (9, 10, 12, 13))
    return control / len(data)


def _from_html(html: str, name: str) -> Incoming:
    import trafilatura

    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if extracted is None or not (extracted.text or "").strip():
        raise ImportRefused("is an HTML page with no article text in it")
    meta = {
        "title": extracted.title or None,
        "authors": [a.strip() for a in (extracted.author or "").split(";") if a.strip()],
        "source": extracted.sitename or None,
        "url": extracted.url or None,
        "published": extracted.date or None,
        "standfirst": extracted.description or None,
    }
    return Incoming(raw=html, name=name, text=extracted.text, meta={k: v for k, v in meta.items() if v})


def import_incoming(incoming: Incoming, *, analyse: bool = True) -> Outcome:
    """Store one article (cleaned, split into passages, analysed) in one transaction."""
    digest = checksum(incoming.raw)
    existing = Article.objects.filter(checksum=digest).first()
    if existing:
        return Outcome(incoming.name, Status.UNCHANGED, existing)
    document = clean(incoming.text)
    _apply_meta(document, incoming.meta)
    if not document.body.strip():
        return Outcome(incoming.name, Status.FAILED, reason="has no article text left after cleaning")
    try:
        with transaction.atomic():
            article = create_article(document, raw=incoming.raw, filename=incoming.name)
            if analyse:
                article.analyse(document)
    except IntegrityError:
        # Another process imported the same text a moment ago.
        existing = Article.objects.filter(checksum=digest).first()
        if existing:
            return Outcome(incoming.name, Status.UNCHANGED, existing)
        raise
    return Outcome(incoming.name, Status.CREATED, article)


def create_article(document: Document, *, raw: str, filename: str = "") -> Article:
    article = Article.objects.create(
        source=Source.objects.for_name(document.source) if document.source else None,
        title=document.title or "",
        standfirst=document.standfirst or "",
        published=document.published,
        url=document.url or "",
        raw_text=raw,
        body=document.body,
        original_filename=filename[:300],
        cleaning=cleaning_report(document),
    )
    write_passages(article, document)
    return article


def write_passages(article: Article, document: Document) -> None:
    article.passages.all().delete()
    Passage.objects.bulk_create(
        Passage(article=article, index=p.index, kind=p.kind.value, start=p.start, end=p.end, text=p.text)
        for p in document.passages
    )


def cleaning_report(document: Document) -> dict:
    return {
        "removed": [{"kind": r.kind.value, "text": r.text, "line": r.line} for r in document.removed],
        "joins": [{"before": j.before, "after": j.after, "offset": j.offset} for j in document.joins],
    }


def _apply_meta(document: Document, meta: dict) -> None:
    """Metadata found outside the text (an HTML page's tags) fills what the text did not say."""
    from analysis.cleaning import parse_date

    if meta.get("title") and not document.title:
        document.title = meta["title"]
    if meta.get("standfirst") and not document.standfirst:
        document.standfirst = meta["standfirst"]
    if meta.get("authors") and not document.authors:
        document.authors = list(meta["authors"])
    if meta.get("source") and not document.source:
        document.source = meta["source"]
    if meta.get("url") and not document.url:
        document.url = meta["url"]
    if meta.get("published") and not document.published:
        document.published = parse_date(meta["published"])


def import_paths(
    paths: Iterable[str | Path], *, analyse: bool = True, progress: Callable[[Iterable], Iterator] | None = None
) -> list[Outcome]:
    """Import every file; a failure is reported and the batch goes on."""
    files = expand_paths(paths)
    outcomes: list[Outcome] = []
    for path in progress(files) if progress else files:
        try:
            outcome = import_incoming(read_file(path), analyse=analyse)
            outcome.name = str(path)
        except ImportRefused as refusal:
            outcome = Outcome(str(path), Status.FAILED, reason=str(refusal))
        except Exception as error:  # one broken article must not stop the batch
            logger.exception("importing %s failed", path)
            outcome = Outcome(str(path), Status.FAILED, reason=f"could not be imported ({type(error).__name__}: {error})")
        outcomes.append(outcome)
    return outcomes
