"""Importing article files: read and check each file, clean it, store it, analyse it.

Each article is imported in its own transaction, so a bad file never leaves half
an article behind and never stops the rest of a batch: it is reported with its
name and the reason.
"""

from __future__ import annotations

import logging
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, InterfaceError, OperationalError, connection, transaction
from django.utils import timezone
from django.utils.text import Truncator

from analysis.cleaning import clean, normalise_newlines, parse_date, strip_controls, strip_markdown
from analysis.document import Document
from analysis.pipeline import TooLarge, check_size
from articles import extraction
from articles.models import Article, Passage, Source, Theme
from articles.models.articles import checksum, validate_web_url
from articles.models.slugs import unique_slug

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


# What a file's first bytes say it is, for formats that are not text whatever their name says.
_SIGNATURES = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a zip archive (a Word .docx, OpenDocument or EPUB file is one)"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc)"),
    (b"{\\rtf", "an RTF document"),
    (b"%!PS", "a PostScript document"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\x7fELF", "a program"),
)


def read_file(path: Path) -> Incoming:
    """Read one file and check it is a text article we can import.

    Only a regular file is read, and never more than the size limit: a named pipe would block
    the import for ever and a link to /dev/zero would fill the memory. The file is opened
    without blocking and checked through its descriptor, so what is checked is what is read.
    """
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(_unsupported(suffix))
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise ImportRefused("no such file") from None
    except PermissionError:
        raise ImportRefused("cannot be read (permission denied)") from None
    except OSError as error:
        raise ImportRefused(f"cannot be read ({error.strerror or error})") from None
    try:
        mode = os.fstat(fd)
        if not stat.S_ISREG(mode.st_mode):
            raise ImportRefused(_not_a_file(mode.st_mode))
        if mode.st_size > settings.IMPORT_MAX_BYTES:
            raise ImportRefused(too_big(mode.st_size))
        data = _read_at_most(fd, settings.IMPORT_MAX_BYTES + 1)
    except OSError as error:
        raise ImportRefused(f"cannot be read ({error.strerror or error})") from None
    finally:
        os.close(fd)
    return incoming_from_bytes(data, path.name)


def _read_at_most(fd: int, limit: int) -> bytes:
    # A file can grow between the size check and the read; never hold more than the limit.
    chunks, total = [], 0
    while total < limit:
        chunk = os.read(fd, min(1024 * 1024, limit - total))
        if not chunk:
            break
        chunks.append(chunk)
        total += len(chunk)
    return b"".join(chunks)


def _not_a_file(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if stat.S_ISFIFO(mode):
        return "is a named pipe (FIFO), not a regular file"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "is a device, not a regular file"
    if stat.S_ISSOCK(mode):
        return "is a socket, not a regular file"
    return "is not a regular file"


def _unsupported(suffix: str) -> str:
    return f"unsupported file type “{suffix or 'no extension'}” (use .txt, .md or .html)"


def incoming_from_bytes(data: bytes, name: str) -> Incoming:
    """Check and decode an uploaded or read file."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ImportRefused(_unsupported(suffix))
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(too_big(len(data)))
    if not data.strip():
        raise ImportRefused("is empty")
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise ImportRefused(f"is a binary file, not text ({kind}; save or export it as plain text first)")
    nul = data.find(b"\x00")
    if nul != -1 or _control_ratio(data[:8192]) > 0.05:
        where = f" (a NUL byte at position {nul:,})" if nul >= 8192 else ""
        raise ImportRefused(f"is a binary file, not text{where}")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"is not UTF-8 text (undecodable byte 0x{data[error.start]:02x} at position {error.start})"
        ) from None
    return incoming_from_text(text, name)


def incoming_from_text(text: str, name: str = "pasted text") -> Incoming:
    """Check text read from a file or pasted in the admin."""
    if "\x00" in text:
        raise ImportRefused("has a NUL character in it, which is not text")
    if len(text.encode("utf-8", "surrogatepass")) > settings.IMPORT_MAX_BYTES:
        raise ImportRefused(too_big(len(text.encode("utf-8", "surrogatepass"))))
    if not text.strip():
        raise ImportRefused("is empty")
    suffix = Path(name).suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _from_html(text, name)
    if suffix in {".md", ".markdown"}:
        return Incoming(raw=text, name=name, text=strip_markdown(normalise_newlines(text)))
    return Incoming(raw=text, name=name, text=normalise_newlines(text))


def too_big(size: int) -> str:
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
    """Store one article (cleaned, split into passages, analysed) in one transaction.

    Never raises: whatever goes wrong is an outcome with the reason in words, and nothing of the
    article is kept. A database connection lost on the way (a restarted server) is closed and
    the article tried once more, so one restart does not fail the rest of a batch.
    """
    for attempt in (1, 2):
        try:
            return _import_once(incoming, analyse)
        except ImportRefused as refusal:
            return Outcome(incoming.name, Status.FAILED, reason=str(refusal))
        except (OperationalError, InterfaceError) as error:
            if attempt == 1 and _connection_lost():
                logger.warning("lost the database connection importing %s; reconnecting", incoming.name)
                connection.close()
                continue
            return Outcome(incoming.name, Status.FAILED, reason=_database_reason(error))
        except DatabaseError as error:
            return Outcome(incoming.name, Status.FAILED, reason=_database_reason(error))
        except Exception as error:  # one broken article must not stop the batch or the admin
            logger.exception("importing %s failed", incoming.name)
            return Outcome(incoming.name, Status.FAILED, reason=f"could not be imported ({type(error).__name__}: {error})")
    raise AssertionError("unreachable")


def _import_once(incoming: Incoming, analyse: bool) -> Outcome:
    digest = checksum(incoming.raw)
    existing = Article.objects.filter(checksum=digest).first()
    if existing:
        return Outcome(incoming.name, Status.UNCHANGED, existing)
    document = clean(incoming.text)
    _apply_meta(document, incoming.meta)
    if not document.body.strip():
        raise ImportRefused("has no article text left after cleaning")
    check_document(document)
    try:
        # Extracted before the transaction opens: it is most of the work, and holds no locks.
        # The themes are read once, for scoring and for storing the scores.
        themes = list(Theme.objects.all()) if analyse else []
        found = extraction.extract_document(document, themes) if analyse else None
        for attempt in range(STORE_ATTEMPTS):
            try:
                article = _store(incoming, document, found, themes, lock=attempt > 0)
                break
            except (IntegrityError, OperationalError) as error:
                # Another transaction took the slug (or stored the same text) meanwhile, or the two
                # met in a deadlock the server broke: stored again, under the creation lock, with
                # the slugs committed since. Each failure is another article stored, so this ends.
                if isinstance(error, OperationalError) and _sqlstate(error) != DEADLOCK:
                    raise
                if attempt == STORE_ATTEMPTS - 1 or Article.objects.filter(checksum=digest).exists():
                    raise
    except TooLarge as refusal:
        raise ImportRefused(str(refusal)) from None
    except IntegrityError:
        # Another process imported the same text a moment ago.
        existing = Article.objects.filter(checksum=digest).first()
        if existing:
            return Outcome(incoming.name, Status.UNCHANGED, existing)
        raise
    return Outcome(incoming.name, Status.CREATED, article)


DEADLOCK = "40P01"
STORE_ATTEMPTS = 4  # the first without the creation lock


def _sqlstate(error: DatabaseError) -> str:
    return getattr(error.__cause__, "sqlstate", None) or ""


def _store(incoming: Incoming, document: Document, found, themes: list, *, lock: bool) -> Article:
    with transaction.atomic():
        article, passages = create_article(document, raw=incoming.raw, filename=incoming.name, lock=lock,
                                           analysed=found is not None)
        if found is not None:
            extraction.save_extraction(article, found, themes=themes, new_passages=passages)
    return article


def check_document(document: Document) -> None:
    """Refuse, before anything is stored, what the database would refuse or a page could not serve."""
    title_limit = Article._meta.get_field("title").max_length
    if document.title and len(document.title) > title_limit:
        raise ImportRefused(f"has a title of {len(document.title):,} characters; at most {title_limit} are accepted")
    for author in document.authors:
        if len(author) > 200:
            raise ImportRefused(f"has an author name of {len(author):,} characters; at most 200 are accepted")
    if document.url:
        try:
            validate_web_url(document.url)
        except ValidationError:
            shown = document.url if len(document.url) <= 60 else document.url[:57] + "…"
            raise ImportRefused(
                f"has a url that is not a web address (“{shown}”): only http:// and https:// links are accepted"
            ) from None
    try:
        check_size(
            document, max_passages=settings.IMPORT_MAX_PASSAGES, max_passage_chars=settings.IMPORT_MAX_PASSAGE_CHARS,
            max_quotes=settings.IMPORT_MAX_QUOTES,
        )
    except TooLarge as refusal:
        raise ImportRefused(str(refusal)) from None


def _connection_lost() -> bool:
    # Inside a caller's transaction (a test, a larger job) there is nothing to reconnect to.
    return not connection.in_atomic_block and not connection.is_usable()


def _database_reason(error: DatabaseError) -> str:
    """What the database refused, in words; its own message (first line) otherwise."""
    cause = error.__cause__
    state = getattr(cause, "sqlstate", None) or ""
    message = (str(error).strip().splitlines() or [""])[0]
    if state == "54000" and "tsvector" in message:
        return (
            "has too many different words to be indexed for search (PostgreSQL keeps at most 1 MB of them "
            "per article); split it into several articles"
        )
    if isinstance(error, OperationalError | InterfaceError):
        return f"could not be imported: the database connection was lost ({message})"
    return f"could not be stored ({message})"


def create_article(
    document: Document, *, raw: str, filename: str = "", lock: bool = True, analysed: bool = False
) -> tuple[Article, list[Passage]]:
    """A new article, and its passages (with their ids, for storing its extraction).

    ``analysed``: its extraction is stored in the same transaction, so it is stamped analysed
    now rather than saved (and recorded in its history) a second time for the stamp.

    Without ``lock`` its slug is chosen among committed articles only, without the archive-wide
    creation lock: held to the end of the article's transaction, that lock made concurrent
    importers take turns for their whole save. A slug taken meanwhile by another transaction
    fails the insert, and the caller stores the article again with the lock.
    """
    title = document.title or ""
    article = Article.objects.create(
        slug="" if lock else unique_slug(Article, title or Truncator(document.body).words(8), lock=False),
        source=Source.objects.for_name(document.source) if document.source else None,
        title=title,
        standfirst=document.standfirst or "",
        published=document.published,
        url=document.url or "",
        raw_text=raw,
        body=document.body,
        original_filename=filename[:300],
        cleaning=cleaning_report(document),
        analysed_at=timezone.now() if analysed else None,
    )
    return article, write_passages(article, document, new=True)


def write_passages(article: Article, document: Document, *, new: bool = False) -> list[Passage]:
    """The article's passages, replaced by the document's (``new``: it has none yet)."""
    if not new:
        article.passages.all().delete()
    return Passage.objects.bulk_create(
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
    meta = {
        key: strip_controls(value) if isinstance(value, str) else [strip_controls(v) for v in value]
        for key, value in meta.items()
    }
    if meta.get("title") and not document.title:
        document.title = meta["title"]
    if meta.get("standfirst") and not document.standfirst:
        document.standfirst = meta["standfirst"]
    if meta.get("authors") and not document.authors:
        document.authors = list(meta["authors"])
    if meta.get("source") and not document.source:
        document.source = meta["source"]
    if meta.get("url") and not document.url and _is_web_url(meta["url"]):
        document.url = meta["url"]  # a page's own link; a relative or odd one is left out, not refused
    if meta.get("published") and not document.published:
        document.published = parse_date(meta["published"])


def _is_web_url(url: str) -> bool:
    try:
        validate_web_url(url)
    except ValidationError:
        return False
    return True


def import_paths(
    paths: Iterable[str | Path],
    *,
    analyse: bool = True,
    progress: Callable[[Iterable], Iterator] | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Import every file; a failure is reported (to ``on_outcome`` as soon as it is known) and
    the batch goes on."""
    files = expand_paths(paths)
    outcomes: list[Outcome] = []
    with extraction.remembering_countries():
        for path in progress(files) if progress else files:
            outcomes.append(_import_path(path, analyse))
            if on_outcome:
                on_outcome(outcomes[-1])
    return outcomes


def _import_path(path: Path, analyse: bool) -> Outcome:
    try:
        outcome = import_incoming(read_file(path), analyse=analyse)
        outcome.name = str(path)
    except ImportRefused as refusal:
        outcome = Outcome(str(path), Status.FAILED, reason=str(refusal))
    except Exception as error:  # one broken article must not stop the batch
        logger.exception("importing %s failed", path)
        outcome = Outcome(str(path), Status.FAILED, reason=f"could not be imported ({type(error).__name__}: {error})")
    return outcome
