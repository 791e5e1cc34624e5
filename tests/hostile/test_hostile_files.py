"""Hostile and clumsy input, replayed through every import path: the command, an admin upload and
an admin paste. Each is refused with a sentence naming the file and the reason (never a traceback
or a 500), nothing of it is stored, and the rest of a batch still imports."""

from __future__ import annotations

import html
import itertools
import os
import re
import signal
from contextlib import contextmanager
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import Client

from articles.importing import Status, import_paths
from articles.models import Article, Passage, Quote
from tests.editors import make_editor

pytestmark = pytest.mark.django_db

GOOD_TEXT = "Officials met in Geneva on Monday. “We made progress,” said Anna Weber, a diplomat.\n"
ADD_URL = "/admin/articles/article/add/"
LEAD = "Officials met in Geneva on Monday to talk about the ceasefire and the prisoners held on both sides."
QUOTATION = "We have made real progress today and we expect to sign an agreement within weeks."


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


@contextmanager
def deadline(seconds: float):
    """Fail instead of hanging (the FIFO used to block the import for ever)."""

    def expire(*_):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_command(*paths: Path) -> tuple[str, str, CommandError | None]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import_articles", *map(str, paths), "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def many_distinct_words(total: int) -> str:
    """Text of distinct made-up words, in paragraphs, so its search index outgrows PostgreSQL's 1 MB."""
    words = ("".join(letters) for letters in itertools.product("bcdfghjklmnpqrstvwxz", repeat=5))
    paragraphs, size = [], 0
    while size < total:
        paragraph = " ".join(itertools.islice(words, 1000)) + "."
        paragraphs.append(paragraph.capitalize())
        size += len(paragraph) + 2
    return "\n\n".join(paragraphs)


# name, content, the reason given for it
BAD_FILES = [
    pytest.param("late-nul.txt", b"The talks went on. " * 600 + b"\x00 and more text", "is a binary file, not text (a NUL byte at position 11,400)", id="nul-after-8kb"),
    pytest.param("long-title.txt", f"---\ntitle: {'Very long headline ' * 30}\n---\n{GOOD_TEXT}", "has a title of 569 characters; at most 500 are accepted", id="title-over-500"),
    pytest.param("paper.txt", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\nsome text that looks like words\n", "is a binary file, not text (a PDF document", id="pdf-named-txt"),
    pytest.param("letter.md", b"PK\x03\x04\x14\x00\x06\x00word/document.xml and some words here", "is a binary file, not text (a zip archive", id="docx-named-md"),
    pytest.param("script-link.txt", f"---\ntitle: A link\nurl: javascript:alert(document.cookie)\n---\n{GOOD_TEXT}", "has a url that is not a web address (“javascript:alert(document.cookie)”): only http:// and https:// links are accepted", id="javascript-url"),
    pytest.param("data-link.md", f"---\ntitle: A data link\nurl: data:text/html,<script>alert(1)</script>\n---\n{GOOD_TEXT}", "has a url that is not a web address", id="data-url"),
]


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_the_command_refuses_a_bad_file_by_name_and_reason_and_imports_the_rest(tmp_path, name, content, reason):
    bad = write(tmp_path / name, content)
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    out, err, error = run_command(bad, good)
    assert f"{bad}: refused: {reason}" in err
    assert f"{good}: created" in out
    assert error is not None and "1 of 2 files failed" in str(error)  # exit code non-zero
    assert Article.objects.count() == 1 and Article.objects.get().original_filename == "good.txt"


@pytest.mark.parametrize(("name", "content", "reason"), BAD_FILES)
def test_an_admin_upload_of_a_bad_file_is_a_form_error_naming_it(client, name, content, reason):
    client.force_login(make_editor())
    response = client.post(ADD_URL, {"file": SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())})
    assert response.status_code == 200
    assert f"{name} {reason}" in html.unescape(response.content.decode())
    assert Article.objects.count() == 0 and Passage.objects.count() == 0


def test_an_admin_paste_is_checked_like_a_file(client):
    client.force_login(make_editor())
    response = client.post(ADD_URL, {"text": f"---\ntitle: {'x' * 501}\n---\n{GOOD_TEXT}"})
    assert response.status_code == 200
    assert "The pasted text has a title of 501 characters; at most 500 are accepted." in response.content.decode()
    response = client.post(ADD_URL, {"text": f"---\nurl: javascript:alert(1)\n---\n{GOOD_TEXT}"})
    assert "The pasted text has a url that is not a web address" in response.content.decode()
    assert Article.objects.count() == 0


def test_an_admin_upload_of_a_word_document_is_refused_by_its_name(client):
    client.force_login(make_editor())
    response = client.post(ADD_URL, {"file": SimpleUploadedFile("report.docx", b"just some words, as it happens")})
    assert "report.docx unsupported file type “.docx” (use .txt, .md or .html)." in response.content.decode()
    assert Article.objects.count() == 0


def test_a_fifo_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    with deadline(30):
        out, err, error = run_command(fifo, good)
    assert f"{fifo}: refused: is a named pipe (FIFO), not a regular file" in err
    assert f"{good}: created" in out and error is not None


def test_a_link_to_dev_zero_is_refused_without_reading_it(tmp_path):
    zero = tmp_path / "zero.txt"
    zero.symlink_to("/dev/zero")
    with deadline(30):
        outcomes = import_paths([zero], analyse=False)
    assert outcomes[0].status == Status.FAILED
    assert outcomes[0].reason == "is a device, not a regular file"


def test_a_file_beyond_postgresqls_search_index_limit_is_refused_in_words(tmp_path):
    big = write(tmp_path / "dictionary.txt", many_distinct_words(2_100_000))
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    outcomes = import_paths([big, good], analyse=False)
    assert outcomes[0].status == Status.FAILED
    assert outcomes[0].reason.startswith("has too many different words to be indexed for search")
    assert outcomes[1].status == Status.CREATED
    assert Article.objects.count() == 1


def test_a_seven_megabyte_paste_is_a_form_error_not_a_bare_400():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_editor())
    page = client.get(ADD_URL)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode()).group(1)
    response = client.post(ADD_URL, {"csrfmiddlewaretoken": token, "text": "The talks went on. " * (7 * 1024 * 1024 // 19)})
    assert response.status_code == 200
    assert "The pasted text is too large (7.0 MB; the limit is 5 MB). Upload it as a file, or split it." in response.content.decode()
    assert Article.objects.count() == 0


def test_the_paste_form_still_checks_csrf():
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_editor())
    response = client.post(ADD_URL, {"text": GOOD_TEXT})
    assert response.status_code == 403
    assert Article.objects.count() == 0


def test_an_article_of_601_passages_can_be_saved_in_the_admin(client):
    text = "\n\n".join(f"Paragraph {n} says the talks in Geneva went on for another day." for n in range(601))
    [outcome] = import_paths([write_tmp("long.txt", text)], analyse=False)
    article = outcome.article
    assert article.passages.count() == 601
    client.force_login(make_editor())
    passages = list(article.passages.order_by("index"))
    data = {
        "title": "Edited title", "standfirst": "", "source": "", "published": "", "url": "", "version_seen": article.version,
        "passages-TOTAL_FORMS": len(passages), "passages-INITIAL_FORMS": len(passages),
        "passages-MIN_NUM_FORMS": 0, "passages-MAX_NUM_FORMS": 1000,
    }
    for i, passage in enumerate(passages):
        data |= {f"passages-{i}-id": passage.pk, f"passages-{i}-article": article.pk, f"passages-{i}-kind": passage.kind}
    response = client.post(f"/admin/articles/article/{article.pk}/change/", data)
    assert response.status_code == 302, response.content[:300]
    article.refresh_from_db()
    assert article.title == "Edited title"


def write_tmp(name: str, text: str) -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp())
    return write(folder / name, text)


def test_control_characters_never_reach_the_stored_text(tmp_path):
    faked = write(tmp_path / "faked.txt", f"{LEAD}\n\nThe minister \x02praised\x03 the deal\x07 and left.\x1b[31m\n")
    [outcome] = import_paths([faked], analyse=False)
    article = outcome.article
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", article.body + "".join(article.passages.values_list("text", flat=True)))
    assert "The minister praised the deal and left.[31m" in article.body
    assert {"kind": "control", "text": "4 control character(s): U+0002, U+0003, U+0007, U+001B", "line": 3} in article.cleaning["removed"]


def test_a_paste_with_control_characters_is_stored_without_them(client):
    client.force_login(make_editor())
    client.post(ADD_URL, {"text": f"{LEAD}\n\nThe \x02minister\x03 left."})
    assert Article.objects.get().body.endswith("The minister left.")


@pytest.mark.parametrize(
    "quotation",
    [f"“{QUOTATION}”", f"«{QUOTATION}»", f"„{QUOTATION}“"],
    ids=["curly", "guillemets", "german"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"], ids=["lf", "crlf", "cr"])
def test_an_unattributed_quotation_imports_in_any_marks_and_line_endings(tmp_path, quotation, newline):
    path = write(tmp_path / "unattributed.txt", newline.join([LEAD, "", quotation, "", "The talks go on."]) + newline)
    _, err, error = run_command(path)
    assert error is None, err
    article = Article.objects.get()
    assert [p.text for p in article.passages.order_by("index")] == [LEAD, quotation, "The talks go on."]
    assert article.analysed_at is not None


def test_an_unattributed_quote_is_stored_with_no_speaker(tmp_path):
    path = write(tmp_path / "unattributed.txt", f"{LEAD}\n\n“{QUOTATION}”\n")
    [outcome] = import_paths([path])
    assert outcome.status == Status.CREATED, outcome.reason
    quote = Quote.objects.get()
    assert (quote.text, quote.speaker_id, quote.speaker_kind, quote.speaker_text) == (QUOTATION, None, "none", "")


def test_an_unattributed_quote_can_be_pasted_in_the_admin(client):
    client.force_login(make_editor())
    response = client.post(ADD_URL, {"text": f"{LEAD}\r\n\r\n„{QUOTATION}“\r\n"})
    assert response.status_code == 302
    assert Article.objects.get().quotes.count() == 1


def test_article_urls_are_web_addresses_only():
    for bad in ("javascript:alert(1)", "data:text/html,hi", "file:///etc/passwd", "ftp://example.org/a"):
        article = Article(title="t", body="b", raw_text="b", url=bad)
        with pytest.raises(ValidationError) as refused:
            article.full_clean(exclude=["slug", "checksum"])
        assert "url" in refused.value.message_dict
    Article(title="t", body="b", raw_text="b", url="https://example.org/a").full_clean(exclude=["slug", "checksum"])


def test_the_admin_form_takes_only_web_addresses(client, tmp_path):
    [outcome] = import_paths([write(tmp_path / "a.txt", GOOD_TEXT)], analyse=False)
    client.force_login(make_editor())
    article = outcome.article
    for url in ("javascript:alert(1)", "ftp://example.org/leak"):  # Django's own check let ftp: through
        response = client.post(f"/admin/articles/article/{article.pk}/change/", {
            "title": "t", "url": url, "passages-TOTAL_FORMS": 0, "passages-INITIAL_FORMS": 0,
        })
        assert response.status_code == 200
        assert '<ul class="errorlist" id="id_url_error"><li>Enter a valid URL.</li></ul>' in response.content.decode()
        article.refresh_from_db()
        assert article.url == ""


def test_a_stored_javascript_url_is_never_a_link(client, tmp_path):
    # An address stored before it was checked: shown nowhere as a link.
    [outcome] = import_paths([write(tmp_path / "a.txt", GOOD_TEXT)])
    Article.objects.filter(pk=outcome.article.pk).update(url="javascript:alert(1)")
    page = client.get(outcome.article.get_absolute_url()).content.decode()
    assert "javascript:" not in page
    markdown = client.get(outcome.article.get_absolute_url() + "?format=md").content.decode()
    assert "javascript:" not in markdown
    pdf = client.get(outcome.article.get_absolute_url() + "?format=pdf")
    assert pdf.status_code == 200 and b"javascript" not in b"".join(pdf.streaming_content if pdf.streaming else [pdf.content])
