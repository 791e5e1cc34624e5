"""Importing files: the corpus, re-imports, bad files, HTML and Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from articles import extraction
from articles.importing import Status, import_paths
from articles.models import Article, Passage, Source
from tests.conftest import CORPUS_DIR, CORPUS_FILES

pytestmark = pytest.mark.django_db

GOOD_TEXT = "Officials met in Geneva on Monday. “We made progress,” said Anna Weber, a diplomat.\n"


def write(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_it_imports_the_corpus_with_its_metadata_and_passages(corpus, expected):
    times = corpus["002_26b91fc9e49b928e.txt"]
    assert times.title == expected["002_26b91fc9e49b928e.txt"]["metadata"]["title"]
    assert times.source.name == "The Sunday Times"
    assert times.source.kind == Source.Kind.NEWSPAPER
    assert str(times.published) == "2024-10-26"
    assert [a.name for a in times.authors.all()] == ["Mark Galeotti"]
    assert times.raw_text == (CORPUS_DIR / "002_26b91fc9e49b928e.txt").read_text(encoding="utf-8")
    headings = list(times.passages.filter(kind=Passage.Kind.HEADING).values_list("text", flat=True))
    assert headings == expected["002_26b91fc9e49b928e.txt"]["section_headings"]
    assert all(times.body[p.start : p.end] == p.text for p in times.passages.all())

    newsweek = corpus["000_8ec5d6834c1552e8.txt"]
    assert newsweek.title == "" and newsweek.published is None
    assert newsweek.source.name == "Newsweek"
    assert {r["text"] for r in newsweek.cleaning["removed"]} >= {"More"}


def test_reimporting_the_same_text_changes_nothing(corpus):
    before = (Article.objects.count(), Passage.objects.count(), Source.objects.count())
    outcomes = import_paths(CORPUS_FILES)
    assert [o.status for o in outcomes] == [Status.UNCHANGED, Status.UNCHANGED]
    assert (Article.objects.count(), Passage.objects.count(), Source.objects.count()) == before


def test_the_same_text_under_another_name_is_one_article(corpus, tmp_path):
    copy = write(tmp_path / "copy.txt", CORPUS_FILES[0].read_bytes())
    [outcome] = import_paths([copy])
    assert outcome.status == Status.UNCHANGED
    assert Article.objects.count() == 2


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n \t\n", "is empty"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "is a binary file"),
        ("latin1.txt", "Café society in Kyiv".encode("latin-1"), "is not UTF-8 text"),
        ("big.txt", b"word " * (5 * 1024 * 1024 // 5 + 10), "is too large"),
        ("notes.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_it_refuses_a_bad_file_by_name_and_reason_and_imports_the_rest(tmp_path, name, data, reason):
    bad = write(tmp_path / name, data)
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    outcomes = import_paths([bad, good], analyse=False)
    assert outcomes[0].status == Status.FAILED
    assert outcomes[0].name == str(bad)
    assert reason in outcomes[0].reason
    assert outcomes[1].status == Status.CREATED
    assert Article.objects.count() == 1


def test_it_refuses_unreadable_paths(tmp_path):
    dangling = tmp_path / "gone.txt"
    dangling.symlink_to(tmp_path / "nowhere.txt")
    folder_named_like_a_file = tmp_path / "folder.txt"
    folder_named_like_a_file.mkdir()
    (folder_named_like_a_file / "inner.md").write_text(GOOD_TEXT)
    outcomes = import_paths([dangling], analyse=False)
    assert outcomes[0].status == Status.FAILED and "no such file" in outcomes[0].reason
    # A folder is searched for articles, even when its name looks like a file's.
    assert [o.status for o in import_paths([folder_named_like_a_file], analyse=False)] == [Status.CREATED]


def test_the_command_exits_non_zero_when_a_file_failed(tmp_path, capsys):
    write(tmp_path / "a.txt", GOOD_TEXT)
    write(tmp_path / "b.txt", b"")
    with pytest.raises(CommandError, match="1 of 2 files failed"):
        call_command("import_articles", str(tmp_path), "--no-analysis")
    captured = capsys.readouterr()
    assert "b.txt: refused: is empty" in captured.err
    assert "a.txt: created" in captured.out
    assert Article.objects.count() == 1


def test_a_folder_import_skips_readme_and_data_files(tmp_path):
    write(tmp_path / "README.md", "# About these files\n\nNotes for humans.\n")
    write(tmp_path / "expected.json", "{}")
    write(tmp_path / "story.md", GOOD_TEXT)
    outcomes = import_paths([tmp_path], analyse=False)
    assert [Path(o.name).name for o in outcomes] == ["story.md"]


def test_a_many_file_import_shows_a_progress_bar(tmp_path, capsys):
    for n in range(3):
        write(tmp_path / f"{n}.txt", f"Story number {n} is about the talks in Geneva, officials said on Monday.\n")
    call_command("import_articles", str(tmp_path), "--no-analysis")
    err = capsys.readouterr().err
    assert "Importing" in err and "3/3" in err


def test_it_imports_markdown_with_front_matter(tmp_path):
    md = write(
        tmp_path / "piece.md",
        "---\ntitle: Grain talks resume\nsource: Reuters\ndate: 2025-01-15\n---\n"
        "Negotiators **resumed** talks in [Istanbul](https://example.org) on Wednesday, officials said.\n",
    )
    [outcome] = import_paths([md], analyse=False)
    article = outcome.article
    assert (article.title, article.source.name, str(article.published)) == ("Grain talks resume", "Reuters", "2025-01-15")
    assert article.body == "Negotiators resumed talks in Istanbul on Wednesday, officials said."
    assert article.raw_text.startswith("---\ntitle: Grain talks resume")


def test_it_imports_a_saved_html_page(tmp_path):
    paragraphs = "".join(
        f"<p>Paragraph {n}: the ministers met again in Geneva to discuss the ceasefire and the exchange of "
        f"prisoners, and officials from both delegations said progress had been slow but steady.</p>"
        for n in range(6)
    )
    page = write(
        tmp_path / "page.html",
        "<html><head><title>Ceasefire talks drag on | Example News</title>"
        '<meta property="og:title" content="Ceasefire talks drag on">'
        '<meta name="author" content="Jane Roe">'
        '<meta property="article:published_time" content="2025-02-03T10:00:00Z">'
        '<meta property="og:site_name" content="Example News">'
        "</head><body><nav>Home | World | Sport</nav><article><h1>Ceasefire talks drag on</h1>"
        f"{paragraphs}</article><footer>© Example News</footer></body></html>",
    )
    [outcome] = import_paths([page], analyse=False)
    article = outcome.article
    assert outcome.status == Status.CREATED
    assert article.title == "Ceasefire talks drag on"
    assert article.source.name == "Example News"
    assert str(article.published) == "2025-02-03"
    assert "Paragraph 0: the ministers met" in article.body
    assert "Home | World" not in article.body
    assert article.raw_text.startswith("<html>")


def test_an_import_is_atomic(tmp_path, monkeypatch):
    good = write(tmp_path / "good.txt", GOOD_TEXT)

    def explode(article, found, **kwargs):
        raise RuntimeError("analysis crashed")

    # Saving runs in the article's transaction: its failure must leave no article behind.
    monkeypatch.setattr(extraction, "save_extraction", explode)
    [outcome] = import_paths([good])
    assert outcome.status == Status.FAILED
    assert "analysis crashed" in outcome.reason
    assert Article.objects.count() == 0 and Passage.objects.count() == 0



def test_an_editor_adds_an_article_by_pasting_or_uploading_it(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.editors import make_editor

    client.force_login(make_editor())
    url = "/admin/articles/article/add/"
    assert "Paste the article" in client.get(url).content.decode()
    response = client.post(url, {"text": "---\ntitle: Pasted piece\n---\n" + GOOD_TEXT})
    article = Article.objects.get(title="Pasted piece")
    assert response.status_code == 302 and response.url.endswith(f"/admin/articles/article/{article.pk}/change/")
    assert article.quotes.filter(speaker__name="Anna Weber").exists()  # it went through the same pipeline

    upload = SimpleUploadedFile("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00" * 50)
    response = client.post(url, {"file": upload})
    assert response.status_code == 200
    assert "photo.txt is a binary file, not text (a PNG image;" in response.content.decode()
    assert Article.objects.count() == 1
