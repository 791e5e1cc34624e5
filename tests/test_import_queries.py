"""What one imported article costs the database, that the importer's shortcuts for a new article
(nothing to delete, keep or lock; people looked up in one query) store what the general path,
re-extraction, stores, and that its slug needs the creation lock only when another took it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analysis.cleaning import clean
from articles import importing
from articles.extraction import analyse
from articles.importing import Status, import_paths, incoming_from_text
from articles.models import Article, QuoteTheme
from tests.conftest import CORPUS_FILES

pytestmark = pytest.mark.django_db

# A new article with its people, organisations and outlet already known, as in a running archive,
# took 43-46 queries; it takes 22-24 now (the rest is one insert per kind of row, and history).
MAX_QUERIES = 28


def copy_of(source: Path, folder: Path, n: int) -> Path:
    """A distinct copy of a corpus article: its own title, so its own checksum and slug."""
    path = folder / f"copy-{n}.txt"
    path.write_text(f"---\ntitle: Copy {n} of a corpus article\n---\n" + source.read_text(encoding="utf-8"))
    return path


def stored(article: Article) -> dict:
    """Everything the analysis stored for an article (quotes by id: re-extraction keeps them)."""
    return {
        "authors": sorted(article.authors.values_list("name", flat=True)),
        "people": sorted(article.person_mentions.values_list(
            "person__name", "name_as_printed", "role", "affiliation", "organisation_id", "is_author", "is_quoted",
            "count", "offsets")),
        "organisations": sorted(article.organisation_mentions.values_list("organisation_id", "count", "offsets")),
        "countries": sorted(article.country_mentions.values_list("country_id", "count", "offsets")),
        "themes": sorted(article.article_themes.values_list("theme_id", "score", "matches")),
        "quotes": sorted(article.quotes.values_list(
            "id", "passage_id", "speaker_id", "speaker_organisation_id", "speaker_kind", "speaker_text", "text", "start",
            "end", "cue", "kind", "confidence", "status", "published")),
        "quote_themes": sorted(QuoteTheme.objects.filter(quote__article=article).values_list("quote_id", "theme_id", "score")),
        "figures": sorted(article.figures.values_list(
            "passage_id", "text", "start", "end", "about", "group_key", "value_low", "value_high", "approximate", "unit",
            "attributed_to", "attributed_person_id")),
    }


def test_a_new_article_costs_a_bounded_number_of_queries_and_is_stored_as_reanalysis_stores_it(
    corpus, tmp_path, django_assert_max_num_queries
):
    for n, source in enumerate(CORPUS_FILES):
        path = copy_of(source, tmp_path, n)
        with django_assert_max_num_queries(MAX_QUERIES):
            [outcome] = import_paths([path])
        assert outcome.status == Status.CREATED, str(outcome)
        article = outcome.article
        imported = stored(article)
        assert imported["quotes"] and imported["people"] and imported["countries"] and imported["themes"]
        assert all(quote.history.count() == 1 for quote in article.quotes.all())  # each quote's creation
        # Created analysed, in the transaction that stores its extraction: one record, not a second
        # save for the stamp.
        assert [record.analysed_at for record in article.history.all()] == [article.analysed_at]
        assert article.analysed_at is not None

        # The general path (what an editor's "re-analyse" runs) on the same cleaned text finds
        # every row already as it should be: the importer's shortcuts stored the same.
        analyse(article, clean(incoming_from_text(path.read_text(encoding="utf-8"), path.name).text))
        assert stored(Article.objects.get(pk=article.pk)) == imported


def test_a_new_article_whose_names_are_known_takes_no_creation_lock(corpus, tmp_path):
    # Held to the end of each article's transaction, the lock made concurrent importers take turns.
    path = copy_of(CORPUS_FILES[0], tmp_path, 0)
    with CaptureQueriesContext(connection) as queries:
        [outcome] = import_paths([path])
    assert outcome.status == Status.CREATED, str(outcome)
    assert not [q["sql"] for q in queries.captured_queries if "pg_advisory" in q["sql"]]


def test_a_slug_another_importer_took_meanwhile_is_chosen_again_under_the_lock(corpus, tmp_path, monkeypatch):
    taken = corpus[CORPUS_FILES[1].name].slug
    real = importing.unique_slug

    def free_when_checked(model, text, **options):
        # As if another importer committed this slug between the check and the insert.
        return taken if not options.get("lock", True) else real(model, text, **options)

    monkeypatch.setattr(importing, "unique_slug", free_when_checked)
    path = copy_of(CORPUS_FILES[0], tmp_path, 0)
    with CaptureQueriesContext(connection) as queries:
        [outcome] = import_paths([path])
    assert outcome.status == Status.CREATED, str(outcome)
    assert outcome.article.slug not in ("", taken)
    assert [q["sql"] for q in queries.captured_queries if "pg_advisory" in q["sql"]]  # the second time, locked
    assert outcome.article.quotes.exists()


def test_a_batch_reads_the_countries_it_names_once_and_links_every_article_to_them(corpus, tmp_path):
    paths = [copy_of(CORPUS_FILES[0], tmp_path, n) for n in range(3)]
    with CaptureQueriesContext(connection) as queries:
        outcomes = import_paths(paths)
    assert [outcome.status for outcome in outcomes] == [Status.CREATED] * 3, [str(o) for o in outcomes]
    country_reads = [q["sql"] for q in queries.captured_queries
                     if q["sql"].startswith('SELECT') and 'FROM "articles_country"' in q["sql"]]
    assert len(country_reads) == 1  # not one per article
    linked = [stored(outcome.article)["countries"] for outcome in outcomes]
    assert linked[0] and linked[0] == linked[1] == linked[2]
    assert linked[0] == stored(corpus[CORPUS_FILES[0].name])["countries"]  # as the corpus's own import found
