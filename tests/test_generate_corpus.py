"""The synthetic benchmark corpus, and the bench's page harness on a tiny dataset (no timing assertions)."""

from __future__ import annotations

from collections import Counter

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import F

from articles.models import (
    Annotation,
    Article,
    ArticleTheme,
    CountryMention,
    Figure,
    Passage,
    Person,
    PersonMention,
    Quote,
    QuoteTheme,
    Source,
)
from bench import pages
from bench.synthetic import PERSON_NOTE, SOURCE_PREFIX, TITLE_PREFIX, CorpusExists, generate_corpus

pytestmark = pytest.mark.django_db

ARTICLES = 50


@pytest.fixture
def corpus() -> dict[str, int]:
    return generate_corpus(ARTICLES, seed=7, people=300, sources=20)


def test_counts_and_about_ten_quotes_an_article(corpus):
    assert Article.objects.count() == corpus["articles_article"] == ARTICLES
    assert Person.objects.count() == 300 and Source.objects.count() == 20
    assert 8 * ARTICLES <= Quote.objects.count() <= 12 * ARTICLES
    for model in (Passage, PersonMention, CountryMention, ArticleTheme, QuoteTheme, Figure):
        assert model.objects.exists(), model
    assert corpus["articles_quote"] == Quote.objects.count()


def test_every_quote_carries_its_articles_date(corpus):
    # COPY goes through the trigger like any insert (migration 0008).
    mismatched = Quote.objects.exclude(published=F("article__published")).count()
    assert Quote.objects.filter(published__isnull=False).count() == Quote.objects.count()
    assert mismatched == 0


def test_offsets_point_at_the_text(corpus):
    bodies = dict(Article.objects.values_list("id", "body"))
    for passage in Passage.objects.all():
        assert bodies[passage.article_id][passage.start : passage.end] == passage.text
    for quote in Quote.objects.select_related("passage"):
        assert bodies[quote.article_id][quote.start : quote.end] == quote.text
        assert quote.passage.start <= quote.start < quote.end <= quote.passage.end
    for figure in Figure.objects.all():
        assert bodies[figure.article_id][figure.start : figure.end] == figure.text
    for mention in PersonMention.objects.select_related("person"):
        for start, end in mention.offsets:
            assert bodies[mention.article_id][start:end] in (mention.person.name, mention.person.name.split()[-1])
    for mention in CountryMention.objects.select_related("country"):
        assert mention.count == len(mention.offsets)
        for start, end in mention.offsets:
            assert bodies[mention.article_id][start:end] == mention.country.name
    for note in Annotation.objects.all():
        assert bodies[note.article_id][note.start : note.end] == note.exact
    # Passages are the body joined by blank lines, as the importer makes them.
    article = Article.objects.first()
    assert "\n\n".join(p.text for p in article.passages.order_by("index")) == article.body


def test_search_vectors_are_computed_by_postgres(corpus):
    assert not Article.objects.filter(search_vector=None).exists()
    assert Article.objects.search("sanctions").exists() or Article.objects.search("troops").exists()


def test_everything_is_marked_synthetic(corpus):
    assert all(t.startswith(TITLE_PREFIX) for t in Article.objects.values_list("title", flat=True))
    assert all(n.startswith(SOURCE_PREFIX) for n in Source.objects.values_list("name", flat=True))
    assert set(Person.objects.values_list("note", flat=True)) == {PERSON_NOTE}
    assert all(".invalid/" in url for url in Article.objects.values_list("url", flat=True))
    assert all(c["synthetic"] for c in Article.objects.values_list("cleaning", flat=True))
    assert len(set(Article.objects.values_list("checksum", flat=True))) == ARTICLES


def test_people_and_countries_are_skewed(corpus):
    by_speaker = Counter(Quote.objects.exclude(speaker=None).values_list("speaker_id", flat=True))
    counts = sorted(by_speaker.values(), reverse=True)
    assert counts[0] >= 4 * counts[len(counts) // 2]  # a few people are quoted far more than the median
    by_country = Counter(CountryMention.objects.values_list("country__code", flat=True))
    top, _ = by_country.most_common(1)[0]
    assert top in ("US", "RU", "UA", "CN")


def test_the_same_seed_gives_the_same_corpus(django_db_blocker):
    def snapshot() -> list:
        return [
            list(Article.objects.order_by("id").values_list("title", "body", "published")),
            list(Quote.objects.order_by("id").values_list("text", "start", "speaker__name")),
        ]

    generate_corpus(10, seed=3, people=50, sources=5)
    first = snapshot()
    for model in (Article, Person, Source):
        model.objects.all().delete()
    from articles.models import Organisation

    Organisation.objects.all().delete()
    generate_corpus(10, seed=3, people=50, sources=5)
    assert snapshot() == first
    Article.objects.all().delete()
    Person.objects.all().delete()
    Source.objects.all().delete()
    Organisation.objects.all().delete()
    generate_corpus(10, seed=4, people=50, sources=5)
    assert snapshot() != first


def test_refuses_a_database_that_has_data(corpus):
    before = Article.objects.count()
    with pytest.raises(CorpusExists):
        generate_corpus(5, seed=1)
    with pytest.raises(CommandError, match="refused"):
        call_command("generate_corpus", "--articles", "5")
    assert Article.objects.count() == before


def test_the_command_fills_an_empty_database(capsys):
    call_command("generate_corpus", "--articles", "3", "--people", "20", "--sources", "3")
    assert Article.objects.count() == 3
    assert "articles_quote" in capsys.readouterr().out


def test_the_page_harness_runs_on_a_tiny_dataset(corpus, settings):
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    cases = pages.default_cases()
    assert {"home", "article", "person", "figures"} <= {c.name for c in cases}
    results = pages.measure_pages(cases[:3], runs=3, budget_s=1, keep_connection=True)
    for result in results:
        assert result.status == 200, result.url
        assert result.runs >= pages.MIN_RUNS
        assert result.queries > 0 and result.sql_median_ms > 0
        assert result.main_query.lstrip().upper().startswith(("SELECT", "WITH"))
        assert isinstance(result.as_dict()["misses"], list)
        assert result.served_queries <= result.queries  # none at all from a local-memory cache
        assert 0 < result.first_ms <= result.catch_up_ms  # the recount is stored after the first request began
    assert len(pages.format_pages(results)) == 2 + len(results)


def test_percentile_is_nearest_rank():
    values = list(range(1, 21))
    assert pages.percentile(values, 95) == 19
    assert pages.percentile(values, 50) == 10
    assert pages.percentile([5.0], 99) == 5.0
