"""The cleaner on the corpus and on the furniture of other pasted pages."""

from __future__ import annotations

from datetime import date

import pytest

from analysis.cleaning import clean, strip_markdown
from analysis.document import PassageKind, RemovedKind
from tests.conftest import CORPUS_DIR

NEWSWEEK = "000_8ec5d6834c1552e8.txt"
TIMES = "002_26b91fc9e49b928e.txt"


def corpus(name: str):
    return clean((CORPUS_DIR / name).read_text(encoding="utf-8"))


def texts(document, kind: PassageKind) -> list[str]:
    return [p.text for p in document.passages if p.kind == kind]


@pytest.mark.parametrize("name", [NEWSWEEK, TIMES])
def test_it_matches_the_editors_metadata(name, expected):
    document = corpus(name)
    meta = expected[name]["metadata"]
    assert document.title == meta["title"]
    assert document.source == meta["source"]
    assert document.authors == meta["authors"]
    assert document.published == (date.fromisoformat(meta["published"]) if meta["published"] else None)
    if "dek" in meta:
        assert document.standfirst == meta["dek"]


def test_it_keeps_credits_and_ui_words_out_of_the_body(expected):
    document = corpus(NEWSWEEK)
    body = " ".join(texts(document, PassageKind.BODY))
    for line in expected[NEWSWEEK]["not_body"]:
        assert line not in [p.text for p in document.passages if p.kind == PassageKind.BODY]
    assert "Getty Images" not in body
    assert texts(document, PassageKind.CREDIT) == ["ED JONES/Getty Images", "MAXIM SHIPENKOV/Getty Images"]
    assert [r.text for r in document.removed if r.kind == RemovedKind.UI] == ["More"]


def test_it_keeps_one_copy_of_each_duplicated_caption(expected):
    document = corpus(NEWSWEEK)
    captions = texts(document, PassageKind.CAPTION)
    for caption in expected[NEWSWEEK]["duplicated_captions"]:
        assert sum(c.startswith(caption) for c in captions) == 1
        assert caption not in document.body.replace(captions[0], "").replace(captions[1], "")
    removed = [r for r in document.removed if r.kind == RemovedKind.DUPLICATE_CAPTION]
    assert len(removed) == 2
    # The truncated copy ("…against…") is the one removed; the full caption is kept.
    assert captions[1].endswith("against Ukraine.")


def test_it_finds_the_section_headings(expected):
    assert texts(corpus(TIMES), PassageKind.HEADING) == expected[TIMES]["section_headings"]


def test_it_joins_paragraphs_split_by_a_page_break(expected):
    document = corpus(TIMES)
    for before, after in expected[TIMES]["broken_paragraphs"]:
        assert any(f"{before} {after}" in p.text for p in document.body_passages())
    assert [(j.before.split()[-1], j.after.split()[0]) for j in document.joins] == [("Koreans", "speak"), ("a", "wake-up")]
    for join in document.joins:
        assert document.body[join.offset] == " "


def test_it_records_every_header_line_it_removes():
    document = corpus(TIMES)
    kinds = [r.kind for r in document.removed if r.kind not in (RemovedKind.BLANK,)]
    assert kinds == [RemovedKind.HEADLINE, RemovedKind.STANDFIRST, RemovedKind.BYLINE, RemovedKind.DATELINE, RemovedKind.OUTLET]
    assert sum(r.kind == RemovedKind.BLANK for r in document.removed) == 2  # the lines holding only a non-breaking space


def test_it_marks_the_authors_bio():
    document = corpus(TIMES)
    assert texts(document, PassageKind.BIO) == [document.passages[-1].text]
    assert document.passages[-1].text.startswith("Professor Mark Galeotti is the author")


@pytest.mark.parametrize("name", [NEWSWEEK, TIMES])
def test_passage_offsets_point_into_the_body(name):
    document = corpus(name)
    assert all(document.body[p.start : p.end] == p.text for p in document.passages)
    assert [p.index for p in document.passages] == list(range(len(document.passages)))


def test_it_invents_no_metadata_for_a_bare_text():
    document = clean("The minister said the talks would continue next week, according to officials in the capital.\n")
    assert (document.title, document.source, document.published, document.authors) == (None, None, None, [])
    assert document.body.startswith("The minister said")


def test_it_reads_front_matter():
    raw = (
        "---\ntitle: Talks stall\nsource: Reuters\nauthors: Jane Roe, John Doe\ndate: 2025-03-02\n"
        "url: https://example.org/a\n---\nTalks stalled on Sunday, officials said, as both sides dug in.\n"
    )
    document = clean(raw)
    assert document.title == "Talks stall"
    assert document.source == "Reuters"
    assert document.authors == ["Jane Roe", "John Doe"]
    assert document.published == date(2025, 3, 2)
    assert document.url == "https://example.org/a"
    assert document.body == "Talks stalled on Sunday, officials said, as both sides dug in."
    assert document.removed[0].kind == RemovedKind.FRONT_MATTER


def test_it_rejoins_hard_wrapped_paragraphs():
    raw = (
        "The ministers met in Vienna on Tuesday for a third round of talks that\n"
        "officials on both sides described as difficult but necessary for any\n"
        "progress on the wider agreement that both governments now say they want.\n"
        "\n"
        "A second meeting is planned for next month, although no date has been set\n"
        "and neither side would say where it might take place or who would attend.\n"
    )
    document = clean(raw)
    assert len(document.passages) == 2
    assert document.passages[0].text.startswith("The ministers met") and document.passages[0].text.endswith("now say they want.")


def test_markdown_is_read_as_the_text_a_reader_sees():
    text = strip_markdown("# A headline\n\nHe said **very** clearly that [the deal](https://x.org) was _off_.\n")
    assert text == "A headline\n\nHe said very clearly that the deal was off.\n"
