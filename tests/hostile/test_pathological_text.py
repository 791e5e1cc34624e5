"""Pathological text: one accepted file must never make its own page unservable. Rendering and
cleaning do work linear in the text (counted in comparisons, not timed), and an article beyond
the caps on quotations, passages and paragraph length is refused with a sentence naming it."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command

from analysis.cleaning import clean
from articles.importing import Status, import_paths
from articles.models import Article, Passage, Quote
from articles.rendering import article_segments, segments

LEAD = "Officials met in Geneva on Monday to talk about the ceasefire and the prisoners held on both sides."


class Counted(int):
    """An offset that counts the comparisons made with it."""

    comparisons = 0

    __hash__ = int.__hash__


def _counting(name: str):
    compare = getattr(int, name)

    def method(self, other):
        Counted.comparisons += 1
        return compare(self, other)

    return method


for _name in ("__lt__", "__le__", "__gt__", "__ge__", "__eq__"):
    setattr(Counted, _name, _counting(_name))


def quoted_passage(n: int, offset: int = 0):
    """A passage holding n quotes one after another, with offsets that count their comparisons."""
    text = "“quoted words” and more. " * n
    quotes = [SimpleNamespace(start=Counted(offset + i * 25), end=Counted(offset + i * 25 + 14)) for i in range(n)]
    return SimpleNamespace(start=Counted(offset), end=Counted(offset + len(text)), text=text), quotes


def comparisons_to_render(n: int) -> tuple[int, int]:
    passage, quotes = quoted_passage(n)
    Counted.comparisons = 0
    runs = segments(passage, quotes)
    return Counted.comparisons, len(runs)


def test_rendering_a_passage_of_n_quotes_takes_work_linear_in_n():
    small, runs_small = comparisons_to_render(500)
    large, runs_large = comparisons_to_render(4000)
    assert (runs_small, runs_large) == (1000, 8000)  # a run per quote and one between each
    # Scanning every quote for every run (the old way) made 48 million comparisons for 4,000 quotes.
    assert large < 30 * 4000
    assert large / small < 8 * 1.5  # 8 times the quotes: about 8 times the work, not 64


def test_rendering_a_whole_article_sorts_its_quotes_once():
    passages, quotes, offset = [], [], 0
    for _ in range(400):
        passage, found = quoted_passage(5, offset)
        passages.append(passage)
        quotes += found
        offset = passage.end + 2
    notes = [SimpleNamespace(start=Counted(q.start), end=Counted(q.end + 4)) for q in quotes[::3]]
    Counted.comparisons = 0
    runs = article_segments(passages, quotes, notes)
    # Each passage sorting all 2,000 quotes and 667 notes again would be 400 sorts of them.
    assert Counted.comparisons < 40 * (len(quotes) + len(notes))
    assert [sum(r.quote_starts for r in passage_runs) for passage_runs in runs] == [5] * 400
    assert sum(r.annotation_ends for passage_runs in runs for r in passage_runs) == len(notes)
    assert "".join(r.text for r in runs[7]) == passages[7].text


def test_a_long_chain_of_page_break_joins_records_each_break_once():
    lines = [f"the talks went on for day {n}" for n in range(2000)]
    text = "Officials met in Geneva on Monday.\n" + "\n".join(lines) + "\n"
    document = clean(text)
    assert len(document.joins) == 1999
    # Each join names the two pieces it joined, not the whole paragraph so far (quadratic in size).
    assert sum(len(j.before) + len(j.after) for j in document.joins) < 2 * len(text)
    assert all(document.body[j.offset] == " " for j in document.joins)


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_file_of_one_repeated_quotation_is_refused_by_its_count(tmp_path):
    # The file: 4.4 MB of one sentence, 116,666 quotations in one passage.
    flood = write(tmp_path / "flood.txt", "“We will hold the line,” he said. " * 116_666)
    out, err = StringIO(), StringIO()
    with pytest.raises(CommandError, match="1 of 1 files failed"):
        call_command("import_articles", str(flood), stdout=out, stderr=err)
    assert (
        f"{flood}: refused: has 116,666 quotations (counting its quotation marks); at most 2,000 are accepted per article"
        in err.getvalue()
    )
    assert Article.objects.count() == 0 and Passage.objects.count() == 0


@pytest.mark.django_db
def test_an_article_of_more_passages_than_the_cap_is_refused(tmp_path):
    many = write(tmp_path / "many.txt", "\n\n".join(f"Paragraph {n} of a very long piece." for n in range(2001)))
    [outcome] = import_paths([many])
    assert outcome.status == Status.FAILED
    assert outcome.reason == "has 2,001 passages; at most 2,000 are accepted per article"
    assert Article.objects.count() == 0


@pytest.mark.django_db
def test_a_paragraph_beyond_the_length_cap_is_refused(tmp_path):
    wall = write(tmp_path / "wall.txt", LEAD + "\n\n" + "The talks went on. " * 3000)
    [outcome] = import_paths([wall])
    assert outcome.status == Status.FAILED
    assert outcome.reason.startswith("has a paragraph of 56,999 characters (paragraph 2); at most 50,000 are accepted")


@pytest.mark.django_db
def test_reported_speech_counts_towards_the_quote_cap_and_nothing_partial_is_kept(tmp_path, settings):
    settings.IMPORT_MAX_QUOTES = 1
    reported = write(tmp_path / "reported.txt", "\n\n".join([
        LEAD,
        "Anna Weber said that the deal was close and would be signed within weeks.",
        "Markus Garlauskas said that the army had lost thousands of soldiers since the spring.",
    ]))
    [outcome] = import_paths([reported])
    assert outcome.status == Status.FAILED
    assert outcome.reason == "has 2 quotations; at most 1 are accepted per article"
    assert (Article.objects.count(), Passage.objects.count(), Quote.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_an_articles_export_does_not_fetch_its_body_with_every_quote(client, tmp_path):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    quotes = " ".join(f"“We will hold line number {n} whatever it costs,” said Anna Weber." for n in range(30))
    [outcome] = import_paths([write(tmp_path / "untitled.txt", f"{LEAD}\n\n{quotes}\n")])
    article = outcome.article
    assert article.title == "" and article.quotes.count() == 30
    with CaptureQueriesContext(connection) as queries:
        response = client.get(article.get_absolute_url() + "?format=md")
    assert response.status_code == 200
    body_column = '"articles_article"."body"'
    quote_queries = [q["sql"] for q in queries if 'FROM "articles_quote"' in q["sql"]]
    assert quote_queries and not any(body_column in sql for sql in quote_queries)
    assert f"“{article.lead(12)}”" in response.content.decode()
