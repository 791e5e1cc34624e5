"""The index pages (/themes/, /sources/, /articles/) count and order the whole archive with
queries whose work does not grow with it: each theme's counts are taken once per theme, every
outlet's quotes in one pass grouped by outlet, and the article list's first page walks an index.
The plans are read from EXPLAIN on a small dataset (no timing: the bench measures that)."""

from __future__ import annotations

import re

import pytest
from django.db import connection

from articles import summaries
from articles.models import ArticleTheme, Quote, QuoteTheme, Source, Theme
from articles.pages.articles import article_list
from articles.pages.sources import source_list
from articles.pages.themes import theme_list
from tests.builders import make_dataset

pytestmark = pytest.mark.django_db


def plan_of(queryset, *settings: str) -> dict:
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        for setting in settings:
            cursor.execute(f"SET LOCAL {setting}")
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        document = cursor.fetchone()[0]
    return (document[0] if isinstance(document, list) else document)["Plan"]


def nodes(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from nodes(child)


def subplans(plan: dict) -> list[dict]:
    return [node for node in nodes(plan) if node.get("Parent Relationship") == "SubPlan"]


def relations(plan: dict) -> set[str]:
    return {node["Relation Name"] for node in nodes(plan) if "Relation Name" in node}


def reject_some_quotes(every: int = 3) -> list[Quote]:
    rejected = list(Quote.objects.order_by("id")[::every])
    Quote.objects.filter(pk__in=[q.pk for q in rejected]).update(status=Quote.Status.REJECTED)
    return rejected


def test_the_theme_index_counts_each_theme_once_not_once_per_tagged_article(rf):
    make_dataset(3)
    reject_some_quotes()
    themes = theme_list(rf.get("/themes/")).items
    assert ArticleTheme.objects.count() > Theme.objects.count()  # else the two plans look alike

    # The quote count was a GROUP BY key beside Count("article_themes"): run once per tagged article.
    for subplan in subplans(plan_of(themes)):
        assert subplan["Actual Loops"] <= Theme.objects.count(), subplan.get("Subplan Name")

    for theme in themes:  # the numbers are those the theme's links list
        assert theme.article_count == ArticleTheme.objects.filter(theme=theme).count()
        assert theme.quote_count == Quote.objects.visible().filter(quote_themes__theme=theme).count()
    assert any(t.quote_count < QuoteTheme.objects.filter(theme=t).count() for t in themes)  # rejected ones left out


def test_the_sources_index_counts_every_outlets_quotes_in_one_pass(rf):
    data = make_dataset(2)
    reject_some_quotes()
    anonymous = Quote.objects.visible().filter(article__source=data["sources"][0]).first()
    Quote.objects.filter(pk=anonymous.pk).update(speaker=None, speaker_kind=Quote.SpeakerKind.ANONYMOUS)
    sources = source_list(rf.get("/sources/")).items

    # Counted outlet by outlet, each outlet's quotes were read through the table in a subquery of
    # their own (over 5 s for 200 outlets at a million quotes); now only the article count is one.
    for subplan in subplans(plan_of(sources)):
        assert "articles_quote" not in relations(subplan), subplan.get("Subplan Name")

    for source in sources:
        visible = Quote.objects.visible().filter(article__source=source)
        assert source.article_count == source.articles.count()
        assert source.quote_count == visible.count()
        assert source.anonymous_count == visible.filter(speaker_kind=Quote.SpeakerKind.ANONYMOUS).count()
        assert source.country_id is None or source.country.name  # fetched beside, not joined
    assert Source.objects.get(pk=data["sources"][0].pk) in [s for s in sources if s.anonymous_count == 1]


def test_the_article_lists_first_page_is_read_in_index_order(rf):
    make_dataset(1)
    page = article_list(rf.get("/articles/")).items[:25]
    # With sorting made dear, a plan still sorts when no index holds the list's order.
    plan = plan_of(page, "enable_sort = off", "enable_seqscan = off")
    assert not [node for node in nodes(plan) if node["Node Type"] in ("Sort", "Incremental Sort")]
    assert any(node.get("Index Name") == "article_list_newest_idx" for node in nodes(plan))


def drawn_templates(client, url: str) -> tuple[set[str], str]:
    response = client.get(url)
    assert response.status_code == 200 and "X-Page-Cache" not in response
    return {t.name for t in response.templates}, response.content.decode()


@pytest.mark.parametrize("url", ["/themes/", "/sources/"])
def test_an_index_is_drawn_once_per_generation_and_again_after_a_write(client, url):
    theme = make_dataset(2)["themes"][0]
    summaries.mark_changed()
    client.cookies["sessionid"] = "not-a-session"  # past the page cache, to the summaries
    first, html = drawn_templates(client, url)
    assert "charts/matrix.html" in first
    # Hundreds of linked counts and the heatmap were tens of milliseconds of template a request.
    again, same = drawn_templates(client, url)
    assert "charts/matrix.html" not in again and same == html

    shown = rf'href="/quotes/\?theme={theme.slug}" data-count="(\d+)"'
    before = int(re.search(shown, html).group(1)) if url == "/themes/" else None
    Quote.objects.filter(pk=Quote.objects.visible().filter(quote_themes__theme=theme).first().pk).update(
        status=Quote.Status.REJECTED)
    summaries.mark_changed()  # the write commits: drawn again, with its counts
    after, html = drawn_templates(client, url)
    assert "charts/matrix.html" in after
    if before is not None:
        assert int(re.search(shown, html).group(1)) == before - 1


def test_an_index_drawn_once_escapes_an_outlets_name_and_keeps_its_own_markup(client):
    make_dataset()
    Source.objects.filter(pk=Source.objects.first().pk).update(name="<script>alert(1)</script> Gazette")
    for _ in range(2):  # drawn, then read back from the cache
        html = client.get("/sources/").content.decode()
        assert "&lt;script&gt;alert(1)&lt;/script&gt; Gazette" in html
        assert "<script>alert(1)" not in html
        assert "&lt;a href" not in html and '<a href="/sources/' in html  # its links are links, not text
